import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach } from "vitest";
import type { EvidenceFile } from "../../db/evidence.ts";
import type { Db } from "../../db/open.ts";
import { detectEvidenceType, storeEvidence, writeUpload } from "../../server/file-store.ts";
import { TEST_NOW, userIdOf } from "./api.ts";

/** A small but real PDF: file-type recognises it from its first bytes. */
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

/** A one-pixel PNG. */
export const PNG_BYTES = Uint8Array.from(
  Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082",
    "hex",
  ),
);

/** The header of a Compound File Binary container (old Word and Excel files, Outlook messages). */
export const CFB_BYTES = Uint8Array.from([
  0xd0,
  0xcf,
  0x11,
  0xe0,
  0xa1,
  0xb1,
  0x1a,
  0xe1,
  ...new Array<number>(504).fill(0),
]);

/** Plain text, whatever its name says. */
export const TEXT_BYTES = new TextEncoder().encode("Báo cáo kết quả thực hiện (văn bản thường)\n");

/** A real .xlsx workbook written by exceljs. */
export async function xlsxBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Số liệu").addRow(["Cửa khẩu", "Lượt xe"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary data folder for one test, removed afterwards. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dondoc-files-"));
  dirs.push(dir);
  return dir;
}

/** Every file stored under a folder, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
  } catch {
    return [];
  }
}

/**
 * Stores an upload for a user the way POST /files does (type from content, then storeEvidence),
 * for tests that go through the router in-process; returns the stored file.
 */
export async function uploadAs(
  db: Db,
  username: string,
  file: { name: string; content: Uint8Array },
  options: { filesDir?: string; at?: string } = {},
): Promise<EvidenceFile> {
  const type = await detectEvidenceType(file.content, file.name);
  if (!type) throw new Error(`${file.name} is not an accepted evidence type`);
  const path = await writeUpload(tempDataDir(), file.content);
  const [stored] = await storeEvidence(
    db,
    options.filesDir ?? join(tempDataDir(), "files"),
    [{ name: file.name, path, type, size: file.content.byteLength }],
    await userIdOf(db, username),
    options.at ?? TEST_NOW,
  );
  if (!stored) throw new Error("nothing stored");
  return stored;
}
