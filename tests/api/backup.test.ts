import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Db, openDb } from "../../db/open.ts";
import { BACKUP_DB, backUp, restore } from "../../server/backup.ts";
import { filesDirOf } from "../../server/file-store.ts";
import { dataDirOf, freshDb, TEST_NOW } from "../support/api.ts";
import { PDF_BYTES, tempDataDir, uploadAs } from "../support/evidence.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

async function notes(db: Db) {
  return db
    .selectFrom("taskEvent")
    .select(["taskEvent.id", "taskEvent.note", "taskEvent.at"])
    .where("taskEvent.kind", "=", "note")
    .orderBy("taskEvent.id")
    .execute();
}

async function files(db: Db) {
  return db
    .selectFrom("evidenceFile")
    .select(["evidenceFile.id", "evidenceFile.sha256", "evidenceFile.storageKey"])
    .orderBy("evidenceFile.id")
    .execute();
}

function storedSha(filesDir: string, file: { sha256: string; storageKey: string }): string {
  const content = readFileSync(join(filesDir, file.sha256.slice(0, 2), file.storageKey));
  return createHash("sha256").update(content).digest("hex");
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("backup and restore", () => {
  it("copies the database as of one instant while writes go on, with its files, and restores it", async () => {
    const db = await freshDb({ demo: false });
    const dataDir = dataDirOf(db);
    const reporter = await createUser(db, { role: "reporter", agency: "PVN" });
    const task = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "PVN",
    });
    // The write load: notes one after another, and an evidence file every tenth note.
    let acknowledged = 0;
    let stop = false;
    const load = (async () => {
      for (let i = 1; !stop; i++) {
        await reporter.caller.task.addNote({ id: task, note: `Ghi chú số ${i}` });
        if (i % 10 === 0) {
          await uploadAs(
            db,
            reporter.username,
            { name: `bao-cao-${i}.pdf`, content: PDF_BYTES },
            { filesDir: filesDirOf(dataDir) },
          );
        }
        acknowledged = i;
      }
    })();
    await until(() => acknowledged >= 40);
    const before = acknowledged;

    const backupDir = join(tempDataDir(), "sao-luu");
    const manifest = await backUp(join(dataDir, "test.db"), dataDir, backupDir, new Date(TEST_NOW));

    const after = acknowledged;
    await until(() => acknowledged >= after + 40);
    stop = true;
    await load;

    expect(manifest).toMatchObject({ createdAt: TEST_NOW, database: BACKUP_DB, files: true });
    // One database file (no journal beside it), the files and the manifest.
    expect(readdirSync(backupDir).sort()).toEqual([BACKUP_DB, "backup.json", "files"].sort());
    const copy = await openDb(join(backupDir, BACKUP_DB));
    try {
      const copied = await notes(copy);
      const source = await notes(db);
      // The copy is the database at one instant: exactly the first notes written, none missing.
      expect(copied.length).toBeGreaterThanOrEqual(before);
      expect(copied.length).toBeLessThanOrEqual(after + 1);
      expect(copied).toEqual(source.slice(0, copied.length));
      expect(source.length).toBeGreaterThan(copied.length);
      // Every file the copy names is in the copy, intact.
      const copiedFiles = await files(copy);
      expect(copiedFiles.length).toBeGreaterThanOrEqual(Math.floor(before / 10));
      for (const file of copiedFiles) {
        expect(storedSha(join(backupDir, "files"), file)).toBe(file.sha256);
      }

      const restoredDir = tempDataDir();
      await restore(backupDir, join(restoredDir, "dondoc.db"), restoredDir);
      const restored = await openDb(join(restoredDir, "dondoc.db"));
      try {
        expect(await notes(restored)).toEqual(copied);
        expect(await files(restored)).toEqual(copiedFiles);
        for (const file of copiedFiles) {
          expect(storedSha(filesDirOf(restoredDir), file)).toBe(file.sha256);
        }
      } finally {
        await restored.destroy();
      }
    } finally {
      await copy.destroy();
    }
  });

  it("refuses to restore a backup whose database was altered", async () => {
    const db = await freshDb({ demo: false });
    const dataDir = dataDirOf(db);
    const backupDir = join(tempDataDir(), "sao-luu");
    await backUp(join(dataDir, "test.db"), dataDir, backupDir, new Date(TEST_NOW));
    const manifestPath = join(backupDir, "backup.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, sha256: "0".repeat(64) }));

    const target = tempDataDir();
    await expect(restore(backupDir, join(target, "dondoc.db"), target)).rejects.toThrow(
      /does not match/,
    );
  });
});
