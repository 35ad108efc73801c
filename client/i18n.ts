import i18next from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../shared/i18n/language.ts";
import { vi as sharedVi } from "../shared/i18n/vi.ts";
import { vi } from "./i18n/vi.ts";

const STORAGE_KEY = "dondoc.language";

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

function storedLanguage(): Language {
  try {
    return languageOf(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** English texts, fetched the first time English is chosen (Vietnamese ships with the app). */
async function englishTexts() {
  const [{ en: sharedEn }, { en }] = await Promise.all([
    import("../shared/i18n/en.ts"),
    import("./i18n/en.ts"),
  ]);
  return { ...sharedEn, ...en };
}

/**
 * The browser's i18next instance: the shared domain texts (statuses, errors, validation) and the
 * interface texts of client/i18n/, as one resource per language. Vietnamese is bundled; English
 * loads on demand, so that the first page does not carry a second copy of every text.
 */
export const i18n = i18next.createInstance();

void i18n
  .use(initReactI18next)
  .use(resourcesToBackend(async (language: string) => (language === "en" ? englishTexts() : {})))
  .init({
    initAsync: false,
    partialBundledLanguages: true,
    resources: { vi: { translation: { ...sharedVi, ...vi } } },
    lng: storedLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });

document.documentElement.lang = i18n.language;

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
});

/** A language name (i18next's, a stored choice) as one of ours: Vietnamese when it is not. */
export function languageOf(language: unknown): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
