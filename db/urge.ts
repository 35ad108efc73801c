import { type SqlBool, sql } from "kysely";
import { addDays, daysBetween, type IsoDate } from "../shared/date.ts";
import type { DirectiveType } from "../shared/directive.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { DEFAULT_URGING_RULE, type UrgeSummary, type UrgingRule } from "../shared/urge.ts";
import type { Role } from "../shared/user.ts";
import { type AgencyRef, agencyRef, agencyRefColumns } from "./agency.ts";
import type { Db } from "./open.ts";
import { dayNumber } from "./timeliness.ts";

/** A task as the urging letter lists it. */
export type UrgeLetterRow = {
  id: number;
  directive: { type: DirectiveType; number: string; issuedOn: IsoDate };
  clause: string;
  title: string;
  leadAgency: AgencyRef;
  deadline: IsoDate | null;
  dueOn: IsoDate | null;
  lastProgressAt: string | null;
  lastProgressNote: string;
};

/** The tasks an urge names, with what the letter says of each. */
export async function urgeLetterRows(db: Db, ids: readonly number[]): Promise<UrgeLetterRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("task")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .innerJoin("agency as lead", "lead.id", "task.leadAgencyId")
    .select([
      "task.id",
      "directive.type as directiveType",
      "directive.number as directiveNumber",
      "directive.issuedOn as directiveIssuedOn",
      "task.clause",
      "task.title",
      ...agencyRefColumns("lead"),
      "task.deadline",
      "task.dueOn",
      "task.lastProgressAt",
      "task.lastProgressNote",
    ])
    .where("task.id", "in", ids)
    .orderBy("task.dueOn")
    .orderBy("task.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    directive: {
      type: row.directiveType,
      number: row.directiveNumber,
      issuedOn: row.directiveIssuedOn,
    },
    clause: row.clause,
    title: row.title,
    leadAgency: agencyRef(row, "lead"),
    deadline: row.deadline,
    dueOn: row.dueOn,
    lastProgressAt: row.lastProgressAt,
    lastProgressNote: row.lastProgressNote,
  }));
}

export async function insertUrge(
  db: Db,
  urge: { actorId: number; agencyId: number; at: string; message: string; replyBy: IsoDate },
): Promise<number> {
  const { id } = await db.insertInto("urge").values(urge).returning("id").executeTakeFirstOrThrow();
  return id;
}

/** One letter of an urge and the tasks it lists. */
export async function insertUrgeLetter(
  db: Db,
  letter: {
    urgeId: number;
    agencyId: number;
    filename: string;
    content: Buffer;
    taskIds: readonly number[];
  },
): Promise<number> {
  const { taskIds, ...values } = letter;
  const { id } = await db
    .insertInto("urgeLetter")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("urgeTask")
    .values(taskIds.map((taskId) => ({ urgeId: letter.urgeId, taskId, letterId: id })))
    .execute();
  return id;
}

/** A stored letter, with the tasks it lists (whoever downloads it must see them all). */
export async function urgeLetterById(db: Db, id: number) {
  const letter = await db
    .selectFrom("urgeLetter")
    .select(["urgeLetter.id", "urgeLetter.filename", "urgeLetter.content"])
    .where("urgeLetter.id", "=", id)
    .executeTakeFirst();
  if (!letter) return undefined;
  const tasks = await db
    .selectFrom("urgeTask")
    .select("urgeTask.taskId")
    .where("urgeTask.letterId", "=", id)
    .execute();
  return { ...letter, taskIds: tasks.map((row) => row.taskId) };
}

/** How often each task was urged and when last ("đã đôn đốc N lần, lần gần nhất …"). */
export async function urgeSummaries(
  db: Db,
  taskIds: readonly number[],
): Promise<Map<number, UrgeSummary>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("urgeTask")
    .innerJoin("urge", "urge.id", "urgeTask.urgeId")
    .select((eb) => [
      "urgeTask.taskId",
      eb.fn.countAll<number>().as("count"),
      eb.fn.max("urge.at").as("lastAt"),
    ])
    .where("urgeTask.taskId", "in", taskIds)
    .groupBy("urgeTask.taskId")
    .execute();
  return new Map(rows.map((row) => [row.taskId, { count: Number(row.count), lastAt: row.lastAt }]));
}

/** The urges of a task, latest first: who, when, the message, the reply date and the letter. */
export async function urgesOfTask(db: Db, taskId: number) {
  const rows = await db
    .selectFrom("urgeTask")
    .innerJoin("urge", "urge.id", "urgeTask.urgeId")
    .innerJoin("appUser as actor", "actor.id", "urge.actorId")
    .innerJoin("agency", "agency.id", "urge.agencyId")
    .select([
      "urge.id",
      "urge.at",
      "urge.message",
      "urge.replyBy",
      "urgeTask.letterId",
      "actor.fullName as actorName",
      "agency.shortName as agencyShortName",
    ])
    .where("urgeTask.taskId", "=", taskId)
    .orderBy("urge.at", "desc")
    .orderBy("urge.id", "desc")
    .execute();
  return rows.map(({ actorName, agencyShortName, ...urge }) => ({
    ...urge,
    by: { fullName: actorName, agencyShortName },
  }));
}

/**
 * Urges whose reply date was `day` (the day before the first working day it is checked), each
 * task that has had no lead report since the urge, with the officer who urged.
 */
export async function unansweredUrges(db: Db, replyByFrom: IsoDate, replyByTo: IsoDate) {
  return db
    .selectFrom("urgeTask")
    .innerJoin("urge", "urge.id", "urgeTask.urgeId")
    .innerJoin("task", "task.id", "urgeTask.taskId")
    .innerJoin("appUser as actor", "actor.id", "urge.actorId")
    .select(["urge.id as urgeId", "urge.actorId", "urge.replyBy", "urgeTask.taskId"])
    .where("urge.replyBy", ">=", replyByFrom)
    .where("urge.replyBy", "<=", replyByTo)
    .where("actor.isActive", "=", 1)
    .where("task.status", "in", ["not_started", "in_progress"])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("taskReport")
            .select("taskReport.id")
            .whereRef("taskReport.taskId", "=", "urgeTask.taskId")
            .where("taskReport.agencyRole", "=", "lead")
            .whereRef("taskReport.createdAt", ">=", "urge.at"),
        ),
      ),
    )
    .execute();
}

/** The active users of the agencies with one of the roles. */
export async function usersOf(
  db: Db,
  agencyIds: readonly number[],
  roles: readonly Role[],
): Promise<{ id: number; agencyId: number; role: Role }[]> {
  if (agencyIds.length === 0 || roles.length === 0) return [];
  return db
    .selectFrom("appUser")
    .select(["appUser.id", "appUser.agencyId", "appUser.role"])
    .where("appUser.agencyId", "in", agencyIds)
    .where("appUser.role", "in", roles)
    .where("appUser.isActive", "=", 1)
    .orderBy("appUser.id")
    .execute();
}

/** The urging rules of each tracking agency given (the defaults where none was set). */
export async function urgingRules(
  db: Db,
  trackingAgencyIds: readonly number[],
): Promise<Map<number, UrgingRule>> {
  const result = new Map<number, UrgingRule>(
    trackingAgencyIds.map((id) => [id, DEFAULT_URGING_RULE]),
  );
  if (trackingAgencyIds.length === 0) return result;
  const rows = await db
    .selectFrom("urgingRule")
    .select([
      "urgingRule.trackingAgencyId",
      "urgingRule.beforeDeadline",
      "urgingRule.overdueEvery",
      "urgingRule.periodBefore",
      "urgingRule.confirmationAfter",
      "urgingRule.escalateLeadAfter",
      "urgingRule.escalateTrackingAfter",
    ])
    .where("urgingRule.trackingAgencyId", "in", trackingAgencyIds)
    .execute();
  for (const { trackingAgencyId, beforeDeadline, ...rule } of rows) {
    result.set(trackingAgencyId, {
      ...rule,
      beforeDeadline: beforeDeadline
        .split(",")
        .filter((part) => part !== "")
        .map(Number),
    });
  }
  return result;
}

/**
 * Claims one send in the send log: true when this call inserted the row (then the caller sends,
 * in the same transaction), false when it was already there (sent by an earlier run or another
 * process).
 */
export async function claimSend(
  db: Db,
  send: { rule: string; taskId: number; period: string; recipientId: number; day: IsoDate },
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto("sendLog")
    .values({ ...send, at })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** How many sends the log holds for a day (for the job's summary). */
export async function sendsOn(db: Db, day: IsoDate): Promise<number> {
  const row = await db
    .selectFrom("sendLog")
    .select(sql<number>`count(*)`.as("count"))
    .where("sendLog.day", "=", day)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A task the reminder job looks at: open with a deadline, or awaiting confirmation. */
export type RemindableTask = {
  id: number;
  status: TaskStatus;
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  /** The agency that answers for it on the day: the lead, or its successor once it has ended. */
  leadAgencyId: number;
  assignerAgencyId: number;
  trackingAgencyId: number;
};

/** The agencies that track at least one directive: those whose urging rules the job applies. */
export async function trackingAgencies(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("directive")
    .select("directive.trackingAgencyId")
    .distinct()
    .execute();
  return rows.map((row) => row.trackingAgencyId);
}

/**
 * The tasks a rule may fire for on `window.today` (the job decides which do): a superset found in
 * SQL, so that a national database's hundreds of thousands of open tasks are not all read each
 * run. With L = today − after (the days since the previous working day):
 * - open tasks due from today to the furthest "before deadline" trigger (bounded as `within`);
 * - open overdue tasks whose overdue notice falls in the window: (days overdue − 1) mod every < L,
 *   or whose escalation does: E ≤ days overdue < E + L, for any rule's period and thresholds;
 * - tasks reported done recently enough for the confirmation notice to fall in the window.
 */
export async function remindableTasks(
  db: Db,
  window: { after: IsoDate; today: IsoDate },
  rules: ReadonlyMap<number, UrgingRule>,
): Promise<RemindableTask[]> {
  const { after, today } = window;
  const all = [...rules.values()];
  if (all.length === 0) return [];
  const span = daysBetween(after, today);
  const furthest = Math.max(0, ...all.flatMap((rule) => rule.beforeDeadline));
  const confirmation = Math.max(0, ...all.map((rule) => rule.confirmationAfter));
  // Days since the deadline, in portable SQL (db/timeliness.ts).
  const late = sql<number>`(${sql.lit(daysBetween("1970-01-01", today))} - ${dayNumber(
    sql.ref("task.dueOn"),
  )})`;
  // The rules' distinct periods and thresholds (few): a condition on the deadline alone, which
  // the deadline index answers before any task row is read.
  const everies = [...new Set(all.map((rule) => Math.max(1, rule.overdueEvery)))];
  const thresholds = [
    ...new Set(all.flatMap((rule) => [rule.escalateLeadAfter, rule.escalateTrackingAfter])),
  ];
  // Escalations: E ≤ days late < E + L, i.e. a range of deadlines (text comparisons).
  const dueOn = sql.ref("task.dueOn");
  const noticeDue = sql<SqlBool>`(${sql.join(
    [
      ...everies.map((every) => sql`(${late} - 1) % ${sql.lit(every)} < ${span}`),
      ...thresholds.map(
        (threshold) =>
          sql`(${dueOn} <= ${addDays(today, -threshold)} AND ${dueOn} > ${addDays(today, -threshold - span)})`,
      ),
    ],
    sql` OR `,
  )})`;
  // Three reads, each a range of a partial index of migration 0007 (open by deadline, reported).
  const part = () =>
    db
      .selectFrom("task")
      .innerJoin("directive", "directive.id", "task.directiveId")
      // `+`: the tasks come from the deadline index, not gathered agency by agency.
      .innerJoin("agency as lead", (join) =>
        join.on(sql<SqlBool>`${sql.ref("lead.id")} = +${sql.ref("task.leadAgencyId")}`),
      )
      .select([
        "task.id",
        "task.status",
        "task.dueOn",
        "task.doneOn",
        "task.leadAgencyId",
        "task.successorAgencyId",
        "lead.validTo as leadValidTo",
        "lead.successorId as leadSuccessorId",
        "task.assignerAgencyId",
        "directive.trackingAgencyId",
      ]);
  const open = ["not_started", "in_progress"] as const;
  const rows = await part()
    .where("task.status", "in", open)
    .where("task.dueOn", ">=", today)
    .where("task.dueOn", "<=", addDays(today, furthest * 2 + 20))
    .unionAll(
      part().where("task.status", "in", open).where("task.dueOn", "<", today).where(noticeDue),
    )
    .unionAll(
      part()
        .where("task.status", "=", "reported_done")
        .where("task.doneOn", ">=", addDays(after, -(confirmation * 3 + 30))),
    )
    .execute();
  rows.sort((a, b) => a.id - b.id);
  return rows.map(({ successorAgencyId, leadValidTo, leadSuccessorId, ...task }) => ({
    ...task,
    leadAgencyId:
      leadValidTo !== null && leadValidTo < today
        ? (successorAgencyId ?? leadSuccessorId ?? task.leadAgencyId)
        : task.leadAgencyId,
  }));
}

/** Sets (inserts or replaces) a tracking agency's urging rule. */
export async function saveUrgingRule(
  db: Db,
  trackingAgencyId: number,
  rule: UrgingRule,
  by: number,
  at: string,
): Promise<void> {
  const values = {
    beforeDeadline: rule.beforeDeadline.join(","),
    overdueEvery: rule.overdueEvery,
    periodBefore: rule.periodBefore,
    confirmationAfter: rule.confirmationAfter,
    escalateLeadAfter: rule.escalateLeadAfter,
    escalateTrackingAfter: rule.escalateTrackingAfter,
    updatedBy: by,
    updatedAt: at,
  };
  await db
    .insertInto("urgingRule")
    .values({ trackingAgencyId, ...values })
    .onConflict((conflict) => conflict.column("trackingAgencyId").doUpdateSet(values))
    .execute();
}
