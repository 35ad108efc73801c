import i18next from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_COOKIE,
  LANGUAGES,
  type Language,
  languageOf,
} from "../shared/i18n/language.ts";
import { vi as sharedVi } from "../shared/i18n/vi.ts";
import { vi } from "./i18n/vi.ts";
import { whenIdle } from "./ui/when-idle.ts";

const STORAGE_KEY = "dondoc.language";

/**
 * The language to start in. Where the browser has the Cookie Store API the choice is also a
 * cookie, which our server writes into `<html lang>` (server/static-assets.ts): read there, for a
 * page's first read of `localStorage` waits for the browser to load it (6–13 ms on this machine,
 * four times that on Lighthouse's slow phone, inside the app's start). Elsewhere, and under Vite's
 * dev server (which sends index.html as written), from the browser's storage.
 */
function startLanguage(): Language {
  if (!import.meta.env.DEV && "cookieStore" in window) {
    return languageOf(document.documentElement.lang);
  }
  try {
    return languageOf(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** A tree of texts: groups of texts and of groups. */
type Texts = { readonly [key: string]: string | Texts };

/**
 * The browser's texts: the shared ones with the interface's own laid over them, group by group
 * (both have a `report` group: the documents' frame in the shared one, the forms' words in the
 * interface's), an interface text winning over a shared text of the same key.
 */
export function browserTexts(shared: Texts, own: Texts): Texts {
  const merged: Record<string, string | Texts> = { ...shared };
  for (const [key, text] of Object.entries(own)) {
    const base = merged[key];
    merged[key] =
      typeof text === "object" && typeof base === "object" ? browserTexts(base, text) : text;
  }
  return merged;
}

/** English texts, fetched the first time English is chosen (Vietnamese ships with the app). */
async function englishTexts() {
  const [{ en: sharedEn }, { en }] = await Promise.all([
    import("../shared/i18n/en.ts"),
    import("./i18n/en.ts"),
  ]);
  return browserTexts(sharedEn, en);
}

/**
 * The browser's i18next instance: the shared domain texts (statuses, errors, validation) and the
 * interface texts of client/i18n/, as one resource per language. Vietnamese is bundled; English
 * loads on demand, so that the first page does not carry a second copy of every text.
 */
export const i18n = i18next.createInstance();

/**
 * The choice in a cookie too, which the server reads to send every page in that language (its
 * `<html lang>`, which the app starts in, and its heading: server/page-heading.ts), kept a year
 * from the last visit; none for Vietnamese, the default. Through the Cookie Store API: a browser
 * without it (or a page over plain HTTP, not a secure context) keeps the choice in its storage
 * only, and gets the pages in Vietnamese until the app has drawn them.
 */
async function rememberLanguage(language: string) {
  if (document.documentElement.lang !== language) document.documentElement.lang = language;
  if (!("cookieStore" in window)) return;
  if (languageOf(language) === DEFAULT_LANGUAGE) {
    await window.cookieStore.delete({ name: LANGUAGE_COOKIE, path: "/" });
  } else {
    await window.cookieStore.set({
      name: LANGUAGE_COOKIE,
      value: languageOf(language),
      path: "/",
      sameSite: "lax",
      expires: Date.now() + 365 * 24 * 3_600_000,
    });
  }
}

/** Cookies blocked: the heading stays in Vietnamese. */
function rememberLanguageQuietly(language: string) {
  rememberLanguage(language).catch(() => {});
}

/**
 * Starts the texts: the language chosen, Vietnamese bundled, English on demand, a new choice
 * remembered. Called by client/main.tsx when the app starts, in a task of its own.
 */
export function startI18n(): void {
  let chosen: string = startLanguage();
  void i18n
    .use(initReactI18next)
    .use(resourcesToBackend(async (language: string) => (language === "en" ? englishTexts() : {})))
    .init({
      initAsync: false,
      partialBundledLanguages: true,
      resources: { vi: { translation: browserTexts(sharedVi, vi) } },
      lng: chosen,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
    });
  // The page in that language; a choice other than the default kept a year more (or, coming
  // from the browser's storage alone, into its cookie), once the page is idle.
  if (document.documentElement.lang !== chosen) document.documentElement.lang = chosen;
  if (chosen !== DEFAULT_LANGUAGE) whenIdle(() => rememberLanguageQuietly(chosen));

  // A new choice (not English arriving for the page that starts in it) remembered.
  i18n.on("languageChanged", (language) => {
    if (language === chosen) return;
    chosen = language;
    rememberLanguageQuietly(language);
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // private mode: the choice lasts for this page only
    }
  });
}
