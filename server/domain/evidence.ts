import { attachEvidence, pendingFileIds, type StoredFile, storedFile } from "../../db/evidence.ts";
import type { Db } from "../../db/open.ts";
import { taskFacts } from "../../db/task.ts";
import type { Viewer } from "../../shared/permission.ts";
import { canDownloadEvidence } from "../../shared/reporting-permission.ts";
import { fail } from "../errors.ts";

/**
 * Evidence files in the reporting loop: a report or a comment names files its author uploaded
 * (POST /files, server/evidence-routes.ts) and attaches them in its own transaction.
 */

/** The ids, once each, if all are the user's files not yet attached; BAD_REQUEST otherwise. */
export async function checkPendingFiles(
  db: Db,
  fileIds: readonly number[],
  userId: number,
): Promise<number[]> {
  const ids = [...new Set(fileIds)];
  const pending = await pendingFileIds(db, ids, userId);
  if (pending.length !== ids.length) fail("BAD_REQUEST", "error.filesUnavailable", {}, "fileIds");
  return ids;
}

/**
 * Attaches the user's checked pending files to a report or a comment of the task, inside the
 * caller's transaction; BAD_REQUEST (and so a rollback) if one was taken meanwhile.
 */
export async function attachFiles(
  trx: Db,
  fileIds: readonly number[],
  userId: number,
  owner: { taskId: number; reportId: number } | { taskId: number; commentId: number },
  at: string,
): Promise<void> {
  const attached = await attachEvidence(trx, fileIds, userId, owner, at);
  if (attached !== fileIds.length) fail("BAD_REQUEST", "error.filesUnavailable", {}, "fileIds");
}

/**
 * The stored file if the viewer may download it: while pending, its uploader only; once
 * attached, everyone who may see its task.
 */
export async function findDownloadableFile(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<StoredFile | undefined> {
  const file = await storedFile(db, id);
  const task = file?.taskId ? ((await taskFacts(db, file.taskId)) ?? null) : null;
  return file && canDownloadEvidence(viewer, file, task) ? file : undefined;
}
