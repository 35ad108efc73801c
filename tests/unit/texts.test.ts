import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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

/** Every key the interface asks for as written: `t("task.parent")`, `i18nKey="…"`. */
function keysAskedFor(): { key: string; file: string }[] {
  return sourceFiles(CLIENT).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z][\w.]*)"|i18nKey="([\w.]+)"/g)].map(
      (match) => ({ key: match[1] ?? match[2] ?? "", file: file.slice(CLIENT.length + 1) }),
    ),
  );
}

/** The text at a key path, or under its plural forms ("_one", "_other"). */
function textAt(texts: unknown, key: string): string | undefined {
  const parts = key.split(".");
  const last = parts.pop() ?? "";
  let node = texts;
  for (const part of parts) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (!node || typeof node !== "object") return undefined;
  const group = node as Record<string, unknown>;
  const text = group[last] ?? group[`${last}_other`];
  return typeof text === "string" ? text : undefined;
}

describe("the browser's texts", () => {
  const languages = {
    vi: browserTexts(sharedVi, clientVi),
    en: browserTexts(sharedEn, clientEn),
  };

  it("have a text for every key the interface asks for, in both languages", () => {
    const asked = keysAskedFor();
    // A broken search would make the check pass on nothing.
    expect(asked.length).toBeGreaterThan(800);
    for (const [language, texts] of Object.entries(languages)) {
      const missing = asked.filter(({ key }) => textAt(texts, key) === undefined);
      expect(
        missing.map(({ key, file }) => `${language}: ${key} (${file})`),
        language,
      ).toEqual([]);
    }
  });

  it("keep both groups of a name the shared texts and the interface's both use", () => {
    // The documents' frame (shared) and the forms' words (interface) are both under "report".
    expect(textAt(languages.vi, "report.nationalName")).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(textAt(languages.vi, "report.missingTitle")).toBe(clientVi.report.missingTitle);
    expect(textAt(languages.en, "report.motto")).toBe(sharedEn.report.motto);
  });
});
