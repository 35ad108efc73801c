import { type Expression, type SqlBool, sql } from "kysely";
import type { z } from "zod";
import { type AgencyRef, agenciesEnding } from "../../db/agency.ts";
import { appendAudit } from "../../db/audit.ts";
import { loadCalendar } from "../../db/calendar.ts";
import { mentionsOf } from "../../db/comment.ts";
import { extensionAnswers } from "../../db/extension.ts";
import {
  awaitingConfirmation,
  dueBy,
  existingIds,
  keyOverdue,
  markSeen,
  type OverdueSection,
  silentOverdue,
  taskIdsOfItems,
} from "../../db/inbox.ts";
import { integerList } from "../../db/integer-list.ts";
import { unreadNotifications } from "../../db/notification.ts";
import { dutyTasks, reportedPeriods, reportsReceived } from "../../db/report.ts";
import {
  coordinatorsOf,
  lastUrged,
  returnedTasks,
  type TaskItemOrder,
  type TaskListItem,
  type TaskRef,
  taskCountWhere,
  taskFactsByIds,
  taskItemsWhere,
} from "../../db/task.ts";
import { accountsToReview } from "../../db/user.ts";
import {
  addDays,
  addWorkingDays,
  type Calendar,
  daysBetween,
  type IsoDate,
  vnDate,
} from "../../shared/date.ts";
import {
  AGENCY_ENDING_DAYS,
  INBOX_AHEAD_WORKING_DAYS,
  INBOX_RECENT_DAYS,
  URGED_WITHIN_DAYS,
} from "../../shared/inbox.ts";
import type { inboxMarkSeenInput } from "../../shared/inbox-input.ts";
import { canSeeTask, type Viewer } from "../../shared/permission.ts";
import {
  fileablePeriods,
  periodsOwed,
  type ReportAgencyRole,
  type ReportPeriod,
} from "../../shared/report.ts";
import { STALE_REPORT_DAYS } from "../../shared/statistic.ts";
import type { Actor, Reader } from "../context.ts";
import { fail } from "../errors.ts";
import { listPendingExtensions } from "./extension.ts";

/** A section shows at most this many items, and says how many there are in all. */
export const INBOX_SECTION_LIMIT = 50;

type Section<T> = { items: T[]; total: number };

/**
 * What a read of the inbox gives: its sections with their first items ("view", the inbox page), or
 * their counts only ("count", the menu's badge on every page: at a national scale the items are
 * most of the read's time and 40–110 KB of answer).
 */
type Depth = "view" | "count";

function section<T>(items: readonly T[]): Section<T> {
  return { items: items.slice(0, INBOX_SECTION_LIMIT), total: items.length };
}

/**
 * A section of the tasks matching `condition`: the first INBOX_SECTION_LIMIT in `order`, read
 * as such (a national tracker's officer follows a hundred thousand overdue tasks), and the count.
 */
async function taskSection(
  actor: Reader,
  condition: Expression<SqlBool>,
  today: IsoDate,
  order: TaskItemOrder,
  depth: Depth,
): Promise<Section<TaskListItem>> {
  const { db, viewer } = actor;
  const [items, { total }] = await Promise.all([
    depth === "view"
      ? taskItemsWhere(db, viewer, condition, today, order, INBOX_SECTION_LIMIT)
      : [],
    taskCountWhere(db, viewer, condition),
  ]);
  return { items, total };
}

/** The instant `days` days before `now`, as ISO text. */
function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** The viewer's role on a task it owes: lead when its agency leads it, else coordinator. */
function roleOn(viewer: Viewer, task: { leadAgency: { id: number } }): ReportAgencyRole {
  return viewer.ownAgencyIds.includes(task.leadAgency.id) ? "lead" : "coordinator";
}

export type OwedPeriod = {
  task: TaskRef;
  agency: AgencyRef;
  role: ReportAgencyRole;
  period: ReportPeriod;
  /** Days past the period's due date in force; 0 when not yet due. */
  daysLate: number;
};

/** The report periods the viewer's agency owes on its tasks: late ones, then those due soon. */
async function owedPeriods(
  actor: Reader,
  today: IsoDate,
  until: IsoDate,
  calendar: Calendar,
): Promise<OwedPeriod[]> {
  const { db, viewer } = actor;
  const own = new Set(viewer.ownAgencyIds);
  const tasks = await dutyTasks(db, viewer, "owes", undefined);
  const ids = tasks.map((task) => task.taskId);
  const [coordinators, reported] = await Promise.all([
    coordinatorsOf(db, ids),
    reportedPeriods(db, ids),
  ]);
  const items: OwedPeriod[] = [];
  for (const task of tasks) {
    const ref: TaskRef = {
      id: task.taskId,
      directiveId: task.directiveId,
      directiveNumber: task.directiveNumber,
      clause: task.clause,
      title: task.title,
    };
    const agencies = [
      { agency: task.leadAgency, role: "lead" as const },
      ...(coordinators.get(task.taskId) ?? []).map((agency) => ({
        agency,
        role: "coordinator" as const,
      })),
    ].filter(({ agency }) => own.has(agency.id));
    for (const { agency, role } of agencies) {
      const keys = new Set(
        (reported.get(`${task.taskId}:${agency.id}`) ?? []).map((r) => r.periodKey),
      );
      for (const period of periodsOwed(fileablePeriods(task.duty, today, calendar), keys, until)) {
        const daysLate = Math.max(0, daysBetween(period.dueOn, today));
        items.push({ task: ref, agency, role, period, daysLate });
      }
    }
  }
  return items.sort(
    (a, b) => a.period.dueOn.localeCompare(b.period.dueOn) || a.task.id - b.task.id,
  );
}

/**
 * A reporter's inbox (a lead or coordinating agency): report periods due or late, tasks due
 * within 7 working days (and overdue), tasks whose completion was returned, answers to its
 * extension requests and comments mentioning it (these two until marked seen, 30 days at most).
 */
async function reporterInbox(actor: Reader, now: Date, today: IsoDate, depth: Depth) {
  const { db, viewer, user } = actor;
  const calendar = await loadCalendar(db);
  const until = addWorkingDays(today, INBOX_AHEAD_WORKING_DAYS, calendar);
  const since = daysBefore(now, INBOX_RECENT_DAYS);
  const [periods, due, returned, answers, mentions] = await Promise.all([
    owedPeriods(actor, today, until, calendar),
    taskSection(actor, dueBy(viewer, until), today, "deadline", depth),
    returnedTasks(db, viewer),
    extensionAnswers(db, viewer, since, user.id),
    mentionsOf(db, viewer, since, user.id),
  ]);
  const sections = {
    periods: section(periods),
    dueTasks: {
      ...due,
      items: due.items.map((task) => ({ ...task, role: roleOn(viewer, task) })),
    },
    returned: section(returned),
    extensionAnswers: section(answers),
    mentions: section(mentions),
  };
  return { role: "reporter" as const, today, until, sections, count: countOf(sections) };
}

type Urged<T> = T & { urgedAt: string | null };

/**
 * The tasks of an overdue section, those the viewer's agency has not urged for a week first
 * (only they are still to do), most days overdue first, each with when it was last urged; the
 * first INBOX_SECTION_LIMIT of them, how many in all and how many still to do.
 */
async function urgedLast(
  actor: Reader,
  now: Date,
  today: IsoDate,
  { condition, order, count }: OverdueSection,
  depth: Depth,
): Promise<Section<Urged<TaskListItem>> & { toDo: number }> {
  const { db, viewer } = actor;
  const urged = await lastUrged(db, viewer.ownAgencyIds, daysBefore(now, URGED_WITHIN_DAYS));
  const ids = [...urged.keys()];
  if (depth === "count") {
    const counts = await count(ids);
    return { items: [], total: counts.total, toDo: counts.total - counts.among };
  }
  const idList = integerList(ids.length === 0 ? [0] : ids);
  const mostLate = (urgedOnes: boolean) =>
    taskItemsWhere(
      db,
      viewer,
      sql<SqlBool>`(${condition} AND ${sql.ref("task.id")} ${urgedOnes ? sql`IN` : sql`NOT IN`} (${idList}))`,
      today,
      order,
      INBOX_SECTION_LIMIT,
    );
  const [toDo, counts] = await Promise.all([mostLate(false), count(ids)]);
  // The urged ones come after: read only when those still to do leave room.
  const done = toDo.length < INBOX_SECTION_LIMIT && ids.length > 0 ? await mostLate(true) : [];
  const items = [...toDo, ...done]
    .slice(0, INBOX_SECTION_LIMIT)
    .map((task) => ({ ...task, urgedAt: urged.get(task.id) ?? null }));
  return { items, total: counts.total, toDo: counts.total - counts.among };
}

/**
 * An officer's inbox (the tracking or assigning agency): completions awaiting confirmation
 * (oldest first, with days waiting), extension requests to decide, reports received since they
 * were last marked seen (30 days at most), and overdue tasks without a report for 30 days.
 */
async function officerInbox(actor: Reader, now: Date, today: IsoDate, depth: Depth) {
  const { db, viewer, user } = actor;
  const stale = daysBefore(now, STALE_REPORT_DAYS);
  const since = daysBefore(now, INBOX_RECENT_DAYS);
  const [completions, pending, received, silent] = await Promise.all([
    taskSection(actor, awaitingConfirmation(viewer), today, "waiting", depth),
    listPendingExtensions(actor),
    reportsReceived(db, viewer, since, user.id, depth === "view" ? INBOX_SECTION_LIMIT : 0),
    urgedLast(actor, now, today, silentOverdue(db, viewer, today, stale), depth),
  ]);
  const sections = {
    completions: {
      ...completions,
      items: completions.items.map((task) => ({
        ...task,
        daysWaiting: daysBetween(task.doneOn ?? today, today),
      })),
    },
    extensions: section(pending.filter((request) => request.canDecide)),
    reports: received,
    silentOverdue: silent,
  };
  return { role: "officer" as const, today, sections, count: countOf(sections) };
}

/**
 * A leader's inbox: the key tasks overdue (the four cells and the agencies with most overdue
 * tasks come from the statistics, which the page shows beside it).
 */
async function leaderInbox(actor: Reader, now: Date, today: IsoDate, depth: Depth) {
  const key = keyOverdue(actor.db, actor.viewer, today);
  const sections = { keyOverdue: await urgedLast(actor, now, today, key, depth) };
  return { role: "leader" as const, today, sections, count: countOf(sections) };
}

/** An administrator's inbox: accounts locked or never used, agencies whose validity ends soon. */
async function adminInbox(actor: Reader, today: IsoDate) {
  const { db, user } = actor;
  const until = addDays(today, AGENCY_ENDING_DAYS);
  const [accounts, agencies] = await Promise.all([
    accountsToReview(db, user.id),
    agenciesEnding(db, today, until, user.id),
  ]);
  const sections = { accounts: section(accounts), agencies: section(agencies) };
  return { role: "admin" as const, today, until, sections, count: countOf(sections) };
}

/** What the navigation counts: every item still to do (urged tasks are done for a week). */
function countOf(sections: Record<string, Section<unknown> & { toDo?: number }>): number {
  return Object.values(sections).reduce((sum, s) => sum + (s.toDo ?? s.total), 0);
}

/** "Việc cần làm": what the signed-in user owes today, by role. */
async function roleInbox(actor: Reader, depth: Depth) {
  const now = actor.clock.now();
  const today = vnDate(now);
  switch (actor.user.role) {
    case "reporter":
      return reporterInbox(actor, now, today, depth);
    case "officer":
      return officerInbox(actor, now, today, depth);
    case "leader":
      return leaderInbox(actor, now, today, depth);
    case "admin":
      return adminInbox(actor, today);
  }
}

/**
 * "Việc cần làm": what the signed-in user owes today, by role, and beside it the notifications
 * not yet read: the same items as the bell (one table, notification), not counted again.
 */
export async function viewInbox(actor: Reader) {
  const [inbox, unread] = await Promise.all([
    roleInbox(actor, "view"),
    unreadNotifications(actor.db, actor.user.id, INBOX_SECTION_LIMIT),
  ]);
  return { ...inbox, notifications: unread };
}

/**
 * How many things the signed-in user has to do: the inbox's `count`, read without its items (the
 * menu shows it on every page).
 */
export async function countInbox(actor: Reader): Promise<{ count: number }> {
  const { count } = await roleInbox(actor, "count");
  return { count };
}

/**
 * Marks inbox items as seen, with an audit row, in one transaction. Every item must exist and
 * be one the user may see (its task, or an account or agency for an administrator): NOT_FOUND
 * names the first that is not.
 */
export async function markInboxSeen(
  actor: Actor,
  input: z.output<typeof inboxMarkSeenInput>,
): Promise<{ kind: string; ids: number[] }> {
  const { db, viewer, user } = actor;
  const { kind, ids } = input;
  if (kind === "account" || kind === "agency") {
    const found = viewer.role === "admin" ? await existingIds(db, kind, ids) : new Set<number>();
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) fail("NOT_FOUND", "error.inboxItemNotFound", { id: missing });
  } else {
    const taskIds = await taskIdsOfItems(db, kind, ids);
    const tasks = await taskFactsByIds(db, [...new Set(taskIds.values())]);
    const missing = ids.find((id) => {
      const task = tasks.get(taskIds.get(id) ?? 0);
      return !task || !canSeeTask(viewer, task);
    });
    if (missing !== undefined) fail("NOT_FOUND", "error.inboxItemNotFound", { id: missing });
  }
  const at = actor.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await markSeen(trx, { userId: user.id, kind, itemIds: ids, at });
    await appendAudit(trx, {
      actorId: user.id,
      at,
      action: "inbox_seen",
      entity: "inbox",
      entityId: null,
      detail: { kind, ids },
    });
  });
  return { kind, ids };
}
