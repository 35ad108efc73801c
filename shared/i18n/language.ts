export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

/** Picks the language from an Accept-Language header: English when asked first, else Vietnamese. */
export function languageFromHeader(header: string | undefined): Language {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : DEFAULT_LANGUAGE;
}
