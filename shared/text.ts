/**
 * Folds Vietnamese text for search: lower case, no diacritics, and đ/Đ to d, which Unicode
 * decomposition alone does not do ("Đà Nẵng" and "da nang" both give "da nang").
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

let collator: Intl.Collator | undefined;

/** Vietnamese collation order for names (the collator made on first use: ICU's start costs). */
export function compareVi(a: string, b: string): number {
  collator ??= new Intl.Collator("vi", { sensitivity: "base" });
  return collator.compare(a, b);
}
