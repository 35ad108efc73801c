/**
 * Civil-servant calendar of Vietnam, 2024-2026: weekdays off (holidays, Tết, swaps) and the
 * make-up Saturdays that are working days. Source: Labour Code 45/2019/QH14 art. 111-112 and the
 * Government's yearly notices of Tết and swapped days. Unconfirmed swaps are left out.
 */
export const NON_WORKING_WEEKDAYS: readonly string[] = [
  "2024-01-01",
  "2024-02-08",
  "2024-02-09",
  "2024-02-12",
  "2024-02-13",
  "2024-02-14",
  "2024-04-18",
  "2024-04-29",
  "2024-04-30",
  "2024-05-01",
  "2024-09-02",
  "2024-09-03",
  "2025-01-01",
  "2025-01-27",
  "2025-01-28",
  "2025-01-29",
  "2025-01-30",
  "2025-01-31",
  "2025-04-07",
  "2025-04-30",
  "2025-05-01",
  "2025-05-02",
  "2025-09-01",
  "2025-09-02",
  "2026-01-01",
  "2026-01-02",
  "2026-02-16",
  "2026-02-17",
  "2026-02-18",
  "2026-02-19",
  "2026-02-20",
  "2026-04-27",
  "2026-04-30",
  "2026-05-01",
  "2026-09-01",
  "2026-09-02",
];

export const EXTRA_WORKING_SATURDAYS: readonly string[] = [
  "2024-05-04",
  "2025-04-26",
  "2026-01-10",
];
