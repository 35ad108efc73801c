import { useTranslation } from "react-i18next";
import { numberLocale } from "../i18n.ts";

/** A file's size for people: "850 B", "12,4 KB", "3,2 MB" (decimal comma in Vietnamese). */
export function useFileSize() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(numberLocale(i18n.language), { maximumFractionDigits: 1 });
  return (bytes: number): string => {
    if (bytes < 1024) return `${format.format(bytes)} B`;
    if (bytes < 1024 * 1024) return `${format.format(bytes / 1024)} KB`;
    return `${format.format(bytes / 1024 / 1024)} MB`;
  };
}
