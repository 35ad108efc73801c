import { useTranslation } from "react-i18next";
import { languageOf } from "../../shared/i18n/language.ts";
import { periodLabel } from "../../shared/report.ts";
import type { ReportDuty } from "../../shared/report-input.ts";
import { useFormatters } from "../ui/format.ts";

/** Names of report periods in the user's language: "tháng 11/2026", "quý I/2026". */
export function usePeriodName() {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  return (key: string, capitalized = false): string => {
    const label = periodLabel(key, language);
    return capitalized ? label.charAt(0).toUpperCase() + label.slice(1) : label;
  };
}

/**
 * What a progress report is called by its period: "Báo cáo tháng 11/2026", "Báo cáo một lần",
 * "Báo cáo không theo kỳ" (null: not for a period).
 */
export function useReportTitle() {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  return (periodKey: string | null): string => {
    if (periodKey === null) return t("report.unscheduledReport");
    if (periodKey === "once") return t("report.onceReport");
    return t("report.periodReport", { period: periodName(periodKey) });
  };
}

/** A report duty in words: "Hằng tháng, hạn nộp ngày 25; áp dụng từ 06/11/2026". */
export function useDutyText() {
  const { t } = useTranslation();
  const { date } = useFormatters();
  return (duty: ReportDuty | null): string => {
    if (duty === null) return t("report.noDuty");
    switch (duty.kind) {
      case "monthly":
        return t("report.dutyMonthly", { day: duty.day, date: date(duty.startsOn) });
      case "quarterly":
        return t("report.dutyQuarterly", { day: duty.day, date: date(duty.startsOn) });
      case "once":
        return t("report.dutyOnce", { date: date(duty.dueDate) });
    }
  };
}

/**
 * A duty as the history stores it (JSON the server wrote from a checked input), or null when
 * there is none or it cannot be read. Read field by field rather than with `reportDutySchema`, so
 * that the task page's history does not load zod.
 */
export function parseDuty(value: string | null): ReportDuty | null {
  if (value === null) return null;
  let duty: unknown;
  try {
    duty = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof duty !== "object" || duty === null || !("kind" in duty)) return null;
  if (duty.kind === "monthly" || duty.kind === "quarterly") {
    return "day" in duty &&
      typeof duty.day === "number" &&
      "startsOn" in duty &&
      typeof duty.startsOn === "string"
      ? { kind: duty.kind, day: duty.day, startsOn: duty.startsOn }
      : null;
  }
  if (duty.kind === "once") {
    return "dueDate" in duty && typeof duty.dueDate === "string"
      ? { kind: "once", dueDate: duty.dueDate }
      : null;
  }
  return null;
}
