import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../../shared/i18n/language.ts";
import { isLanguage } from "../i18n.ts";

/** Tiếng Việt / English; the choice is remembered (see client/i18n.ts). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("layout.language")}
      value={i18n.language}
      onChange={(value) => {
        if (isLanguage(value)) void i18n.changeLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <>
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <VisuallyHidden>{t(`language.${language}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
