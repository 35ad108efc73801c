import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en as sharedEn } from "../shared/i18n/en.ts";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../shared/i18n/language.ts";
import { vi as sharedVi } from "../shared/i18n/vi.ts";
import { en } from "./i18n/en.ts";
import { vi } from "./i18n/vi.ts";

const STORAGE_KEY = "dondoc.language";

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * The browser's i18next instance: the shared domain texts (statuses, errors, validation) and the
 * interface texts of client/i18n/, as one resource per language.
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  initAsync: false,
  resources: {
    vi: { translation: { ...sharedVi, ...vi } },
    en: { translation: { ...sharedEn, ...en } },
  },
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

/** The language in use, as one of ours. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** The locale for numbers: decimal comma and dot thousands in Vietnamese. */
export function numberLocale(language: string): string {
  return language === "en" ? "en-US" : "vi-VN";
}
