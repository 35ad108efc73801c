import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { en as clientEn } from "../../client/i18n/en.ts";
import { vi as clientVi } from "../../client/i18n/vi.ts";
import { browserTexts } from "../../client/i18n.ts";
import { en as sharedEn } from "../../shared/i18n/en.ts";
import { vi as sharedVi } from "../../shared/i18n/vi.ts";

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), "../../client");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "i18n" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Every key the interface asks for as written: `t("task.parent")`, `i18nKey="…"`,
 * `textTemplate(t, "…", …)`.
 */
function keysAskedFor(): { key: string; file: string }[] {
  return sourceFiles(CLIENT).flatMap((file) =>
    [
      ...readFileSync(file, "utf8").matchAll(
        /\b(?:t|textTemplate)\((?:\s*t,)?\s*"([a-zA-Z][\w.]*)"|i18nKey="([\w.]+)"/g,
      ),
    ].map((match) => ({ key: match[1] ?? match[2] ?? "", file: file.slice(CLIENT.length + 1) })),
  );
}

describe("the browser's texts", () => {
  // Looked up as the browser looks them up: by i18next, each language without a fallback.
  const texts = i18next.createInstance();
  void texts.init({
    initAsync: false,
    fallbackLng: false,
    resources: {
      vi: { translation: browserTexts(sharedVi, clientVi) },
      en: { translation: browserTexts(sharedEn, clientEn) },
    },
  });
  /** The text at a key, or under its plural form ("_other"). */
  const textAt = (language: string, key: string): string | undefined => {
    for (const candidate of [key, `${key}_other`]) {
      const text: unknown = texts.getResource(language, "translation", candidate);
      if (typeof text === "string") return text;
    }
    return undefined;
  };

  it("have a text for every key the interface asks for, in both languages", () => {
    const asked = keysAskedFor();
    // A broken search would make the check pass on nothing.
    expect(asked.length).toBeGreaterThan(800);
    for (const language of ["vi", "en"]) {
      const missing = asked.filter(({ key }) => textAt(language, key) === undefined);
      expect(
        missing.map(({ key, file }) => `${language}: ${key} (${file})`),
        language,
      ).toEqual([]);
    }
  });

  it("keep both groups of a name the shared texts and the interface's both use", () => {
    // The documents' frame (shared) and the forms' words (interface) are both under "report".
    expect(textAt("vi", "report.nationalName")).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(textAt("vi", "report.missingTitle")).toBe(clientVi.report.missingTitle);
    expect(textAt("en", "report.motto")).toBe(sharedEn.report.motto);
  });
});
