import type { Db } from "./open.ts";

/**
 * The rows of evidence files: the original name, the type detected from the content, the size,
 * the checksum and the storage key (server/file-store.ts keeps the content on disk). A file is
 * pending (no task) until a report or a comment attaches it; only then may others download it.
 */
export type EvidenceFile = {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
};

export type StoredFile = EvidenceFile & {
  storageKey: string;
  uploadedBy: number;
  uploadedAt: string;
  taskId: number | null;
};

export type NewEvidenceFile = Omit<EvidenceFile, "id"> & { storageKey: string };

/** Inserts the rows of stored uploads, pending (inside the caller's transaction). */
export async function insertEvidenceFiles(
  db: Db,
  files: readonly NewEvidenceFile[],
  uploadedBy: number,
  uploadedAt: string,
): Promise<EvidenceFile[]> {
  const stored: EvidenceFile[] = [];
  for (const { storageKey, name, mime, size, sha256 } of files) {
    const { id } = await db
      .insertInto("evidenceFile")
      .values({ storageKey, originalName: name, mime, size, sha256, uploadedBy, uploadedAt })
      .returning("evidenceFile.id")
      .executeTakeFirstOrThrow();
    stored.push({ id, name, mime, size, sha256 });
  }
  return stored;
}

/** Of these ids, those the user uploaded and that are not attached yet. */
export async function pendingFileIds(
  db: Db,
  ids: readonly number[],
  uploadedBy: number,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("evidenceFile")
    .select("evidenceFile.id")
    .where("evidenceFile.id", "in", ids)
    .where("evidenceFile.uploadedBy", "=", uploadedBy)
    .where("evidenceFile.taskId", "is", null)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Attaches the user's pending files to a report or a comment of the task (inside the caller's
 * transaction). Returns how many were attached: fewer than asked means some were not the user's
 * pending files, and the caller must abort.
 */
export async function attachEvidence(
  db: Db,
  ids: readonly number[],
  uploadedBy: number,
  owner: { taskId: number; reportId: number } | { taskId: number; commentId: number },
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable("evidenceFile")
    .set({
      taskId: owner.taskId,
      reportId: "reportId" in owner ? owner.reportId : null,
      commentId: "commentId" in owner ? owner.commentId : null,
      attachedAt: at,
    })
    .where("evidenceFile.id", "in", [...new Set(ids)])
    .where("evidenceFile.uploadedBy", "=", uploadedBy)
    .where("evidenceFile.taskId", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function storedFile(db: Db, id: number): Promise<StoredFile | undefined> {
  return db
    .selectFrom("evidenceFile")
    .select([
      "evidenceFile.id",
      "evidenceFile.originalName as name",
      "evidenceFile.mime",
      "evidenceFile.size",
      "evidenceFile.sha256",
      "evidenceFile.storageKey",
      "evidenceFile.uploadedBy",
      "evidenceFile.uploadedAt",
      "evidenceFile.taskId",
    ])
    .where("evidenceFile.id", "=", id)
    .executeTakeFirst();
}

const FILE_COLUMNS = [
  "evidenceFile.id",
  "evidenceFile.originalName as name",
  "evidenceFile.mime",
  "evidenceFile.size",
  "evidenceFile.sha256",
] as const;

/** The files attached to each of these reports (`reportId`) or comments (`commentId`). */
export async function filesOf(
  db: Db,
  owner: "reportId" | "commentId",
  ownerIds: readonly number[],
): Promise<Map<number, EvidenceFile[]>> {
  const result = new Map<number, EvidenceFile[]>();
  if (ownerIds.length === 0) return result;
  const rows = await db
    .selectFrom("evidenceFile")
    .select(FILE_COLUMNS)
    .select((eb) => eb.ref(`evidenceFile.${owner}`).as("ownerId"))
    .where(`evidenceFile.${owner}`, "in", ownerIds)
    .orderBy("evidenceFile.id")
    .execute();
  for (const { ownerId, ...file } of rows) {
    if (ownerId === null) continue;
    result.set(ownerId, [...(result.get(ownerId) ?? []), file]);
  }
  return result;
}

/**
 * Deletes the rows of uploads never attached and uploaded before `before` (abandoned forms), in
 * one transaction; returns what locates their content, for the caller to remove.
 */
export async function deletePendingEvidence(
  db: Db,
  before: string,
): Promise<{ sha256: string; storageKey: string }[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("evidenceFile")
      .select(["evidenceFile.id", "evidenceFile.sha256", "evidenceFile.storageKey"])
      .where("evidenceFile.taskId", "is", null)
      .where("evidenceFile.uploadedAt", "<", before)
      .execute();
    if (rows.length > 0) {
      await trx
        .deleteFrom("evidenceFile")
        .where(
          "evidenceFile.id",
          "in",
          rows.map((row) => row.id),
        )
        .where("evidenceFile.taskId", "is", null)
        .execute();
    }
    return rows;
  });
}

/** The bytes of evidence the users of an agency have stored (attached or pending). */
export async function agencyEvidenceBytes(db: Db, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom("evidenceFile")
    .innerJoin("appUser", "appUser.id", "evidenceFile.uploadedBy")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("evidenceFile.size"), eb.lit(0)).as("bytes"))
    .where("appUser.agencyId", "=", agencyId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes);
}
