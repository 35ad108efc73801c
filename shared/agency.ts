/** Kinds of agencies. The database has a CHECK on the same list. */
export const AGENCY_KINDS = [
  "ministry",
  "ministry_level_agency",
  "government_agency",
  "state_group",
  "ministry_unit",
  "province",
  "province_unit",
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Whether an agency exists on a date: valid_from <= date <= valid_to, open ends allowed. */
export function isAgencyActiveOn(
  agency: { validFrom: string | null; validTo: string | null },
  date: string,
): boolean {
  return (
    (agency.validFrom === null || agency.validFrom <= date) &&
    (agency.validTo === null || date <= agency.validTo)
  );
}

/**
 * The issuing body's abbreviation in a document's symbol (Decree 30/2020/NĐ-CP): its code
 * ("BCT" in "…/BC-BCT"), "UBND" for a province's People's Committee, without a "-2025" suffix.
 */
export function symbolAbbreviation(agency: { code: string; kind: string }): string {
  return agency.kind === "province" ? "UBND" : agency.code.replace(/-\d{4}$/, "");
}
