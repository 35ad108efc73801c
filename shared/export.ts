/**
 * Excel exports run as jobs: `export.start` answers at once with a job id, the file is built in
 * the background in batches (other users' requests go on meanwhile), `export.status` tells the
 * progress, and GET /exports/:id downloads the file, for the user who started it only.
 */
export const EXPORT_KINDS = ["statistics", "overdue"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_STATES = ["running", "done", "failed"] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** Rows written between two pauses that let other requests through. */
export const EXPORT_BATCH_SIZE = 500;
/** Jobs and their files are forgotten this long after they start. */
export const EXPORT_TTL_MINUTES = 60;
/** Exports one user may have running at once. */
export const EXPORT_MAX_RUNNING = 3;

/** What the browser polls. `downloadUrl` works once `state` is "done". */
export type ExportStatus = {
  id: string;
  kind: ExportKind;
  state: ExportState;
  rowsDone: number;
  rowsTotal: number;
  filename: string;
  downloadUrl: string;
  startedAt: string;
  expiresAt: string;
};

/** The download address of a job. */
export function exportDownloadUrl(id: string): string {
  return `/exports/${encodeURIComponent(id)}`;
}
