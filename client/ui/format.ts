import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../shared/date.ts";
import { deadlineWording, type WrittenDeadline } from "../../shared/deadline.ts";
import { languageOf } from "../../shared/i18n/language.ts";
import { formatNumber } from "../../shared/number.ts";

/** Numbers in the user's language (vi-VN: 21.914; 2,5%), dates always dd/mm/yyyy. */
export function useFormatters() {
  const { i18n, t } = useTranslation();
  const language = languageOf(i18n.language);
  return {
    number: (value: number) => formatNumber(value, language, { max: 3 }),
    /**
     * Progress in percent, "2,5%": the sign right after the number, as Vietnamese documents
     * write it (the browser's own percent pattern may put a space before it).
     */
    percent: (value: number) => `${formatNumber(value, language, { max: 1 })}%`,
    date: (value: string | null) => (value === null ? "" : formatDate(value)),
    dateTime: (value: string) => formatDateTime(value),
    /** A deadline, or "Không thời hạn" for an ongoing task. */
    deadline: (value: string | null) => (value === null ? t("task.noDeadline") : formatDate(value)),
    /** The deadline as the directive words it: "trong tháng 3/2024", "thường xuyên"… */
    wording: (written: WrittenDeadline) => {
      const { key, params } = deadlineWording(written);
      return t(key, params);
    },
  };
}
