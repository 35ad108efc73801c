import { useTranslation } from "react-i18next";
import { languageOf } from "../../shared/i18n/language.ts";
import { formatNumber } from "../../shared/number.ts";

/** A file's size for people: "850 B", "12,4 KB", "3,2 MB" (decimal comma in Vietnamese). */
export function useFileSize() {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const format = (value: number) => formatNumber(value, language, { max: 1 });
  return (bytes: number): string => {
    if (bytes < 1024) return `${format(bytes)} B`;
    if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
    return `${format(bytes / 1024 / 1024)} MB`;
  };
}
