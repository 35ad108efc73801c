/** Tests run "today" = 26/11/2026 10:00 in Vietnam (03:00 UTC), whatever day they run on. */
export const TEST_NOW = "2026-11-26T03:00:00.000Z";
