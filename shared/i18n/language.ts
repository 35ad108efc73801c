export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

/** Picks the language from an Accept-Language header: English when asked first, else Vietnamese. */
export function languageFromHeader(header: string | undefined): Language {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : DEFAULT_LANGUAGE;
}

/**
 * The cookie holding the user's choice of language (the browser keeps it in its storage too):
 * the server writes the page's heading in it (server/page-heading.ts).
 */
export const LANGUAGE_COOKIE = "dondoc_language";

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** A language name (i18next's, a stored choice, a cookie) as one of ours: Vietnamese when not. */
export function languageOf(language: unknown): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
