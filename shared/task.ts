export const TASK_SORTS = ["urgency", "deadline", "days_overdue", "updated"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** Whose tasks: those assigned to the user's agency (and those under it), or all the user may see. */
export const TASK_SCOPES = ["mine", "visible"] as const;
