import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../shared/date.ts";
import { deadlineWording, type WrittenDeadline } from "../../shared/deadline.ts";
import { numberLocale } from "../i18n.ts";

const numberFormats = new Map<string, Intl.NumberFormat>();
const progressFormats = new Map<string, Intl.NumberFormat>();

/** One formatter per locale: creating an Intl.NumberFormat costs more than using it. */
function cached(
  formats: Map<string, Intl.NumberFormat>,
  locale: string,
  make: () => Intl.NumberFormat,
) {
  let format = formats.get(locale);
  if (!format) {
    format = make();
    formats.set(locale, format);
  }
  return format;
}

/** Numbers in the user's language (vi-VN: 21.914; 2,5%), dates always dd/mm/yyyy. */
export function useFormatters() {
  const { i18n, t } = useTranslation();
  const locale = numberLocale(i18n.language);
  return {
    number: (value: number) =>
      cached(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(value),
    /**
     * Progress in percent, "2,5%": the sign right after the number, as Vietnamese documents
     * write it (the browser's own percent pattern may put a space before it).
     */
    percent: (value: number) =>
      `${cached(progressFormats, locale, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(value)}%`,
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
