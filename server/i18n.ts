import i18next, { type TFunction } from "i18next";
import { en } from "../shared/i18n/en.ts";
import type { Language } from "../shared/i18n/language.ts";
import { vi } from "../shared/i18n/vi.ts";
import { decodeMessage } from "../shared/message.ts";

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: "vi",
  fallbackLng: "vi",
  interpolation: { escapeValue: false },
});

export function translatorFor(language: Language): TFunction {
  return instance.getFixedT(language);
}

/** Turns an encoded message ("key|{params}") into text in the language. */
export function translateMessage(language: Language, message: string): string {
  const { key, params } = decodeMessage(message);
  return instance.t(key, { ...params, lng: language, defaultValue: key });
}
