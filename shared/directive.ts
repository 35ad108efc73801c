/** Kinds of documents that assign tasks. The database has a CHECK on the same list. */
export const DIRECTIVE_TYPES = [
  "chi_thi",
  "nghi_quyet",
  "quyet_dinh",
  "cong_dien",
  "thong_bao_ket_luan",
  "cong_van",
] as const;
export type DirectiveType = (typeof DIRECTIVE_TYPES)[number];

/** Issuers offered in the form; any other issuer may be typed. */
export const COMMON_ISSUERS = [
  "Thủ tướng Chính phủ",
  "Chính phủ",
  "Văn phòng Chính phủ",
  "Bộ Công Thương",
] as const;
