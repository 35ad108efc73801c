import { useTranslation } from "react-i18next";
import { languageOf } from "../../shared/i18n/language.ts";
import { formatCount, formatPercent } from "../../shared/statistic.ts";

/** Counts and rates written as the published reports write them: "10.448", "2,76%". */
export function useStatisticFormat() {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  return {
    count: (value: number) => formatCount(value, language),
    percent: (value: number | null) => formatPercent(value, language),
    /** Days, one decimal; "–" when there is nothing to average. */
    days: (value: number | null) => (value === null ? "–" : formatCount(value, language)),
  };
}
