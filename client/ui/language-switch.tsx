import { Button, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../../shared/i18n/language.ts";

/**
 * Tiếng Việt / English as two toggle buttons; the choice is remembered (see client/i18n.ts).
 * Plain buttons rather than a segmented control, whose indicator measures the layout after every
 * render (a visible cost on a slow phone, issue 13).
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button.Group aria-label={t("layout.language")}>
      {LANGUAGES.map((language) => {
        const current = i18n.language === language;
        return (
          <Button
            key={language}
            size="compact-xs"
            variant={current ? "filled" : "default"}
            aria-pressed={current}
            lang={language}
            onClick={() => {
              if (!current) void i18n.changeLanguage(language);
            }}
          >
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <VisuallyHidden>{t(`language.${language}`)}</VisuallyHidden>
          </Button>
        );
      })}
    </Button.Group>
  );
}
