/** What a history entry of a task records. The database has a CHECK on the same list. */
export const TASK_EVENT_KINDS = [
  "created",
  "status",
  "progress",
  "deadline",
  "assignment",
  "field",
  "note",
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];
