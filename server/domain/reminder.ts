import { loadCalendar } from "../../db/calendar.ts";
import { insertNotifications } from "../../db/notification.ts";
import type { Db } from "../../db/open.ts";
import { openDutyTasks, reportedPeriods } from "../../db/report.ts";
import {
  claimSend,
  remindableTasks,
  trackingAgencies,
  unansweredUrges,
  urgingRules,
  usersOf,
} from "../../db/urge.ts";
import {
  addDays,
  type Calendar,
  daysBetween,
  type IsoDate,
  isWorkingDay,
  previousWorkingDay,
  vnDate,
  workingDaysAfter,
  workingDaysBetween,
} from "../../shared/date.ts";
import { reportPeriods } from "../../shared/report.ts";
import type { NotificationKind, UrgingRule } from "../../shared/urge.ts";
import type { Role } from "../../shared/user.ts";
import type { Reads } from "../reads.ts";

/**
 * The reminder job (issue 10): what the system sends by itself on a working day, by the urging
 * rules of each task's tracking agency, and the sending, once. A rule has trigger days (7, 3 and
 * 1 working days before the deadline in force; the first day overdue and every 7 days after;
 * 14 and 30 days overdue…); it fires on the first working day on or after its trigger, i.e. when
 * the trigger falls after the previous working day and not after today, so that nothing is sent
 * on a day off and what fell on one waits for the next working day. Each send is claimed in the
 * send log (rule, task, period, recipient, day) with INSERT … ON CONFLICT DO NOTHING in the run's
 * transaction: only the run whose row went in writes the notification, so a second run, a
 * restart or a second process on the same database sends nothing twice.
 */

/** One message the job sends: to whom, about what, under which send-log key. */
export type Reminder = {
  rule: string;
  taskId: number;
  period: string;
  recipientId: number;
  kind: NotificationKind;
  days: number | null;
  onDay: IsoDate | null;
};

/** Who is told, by role, in which agency of the task. */
const LEAD_USERS: readonly Role[] = ["reporter", "officer"];
const LEADERS: readonly Role[] = ["leader"];
const OFFICERS: readonly Role[] = ["officer"];

type Recipients = (agencyId: number, roles: readonly Role[]) => Promise<number[]>;

function recipientFinder(db: Db): Recipients {
  const cache = new Map<string, Promise<number[]>>();
  return (agencyId, roles) => {
    const key = `${agencyId}:${roles.join(",")}`;
    let found = cache.get(key);
    if (!found) {
      found = usersOf(db, [agencyId], roles).then((users) => users.map((user) => user.id));
      cache.set(key, found);
    }
    return found;
  };
}

/**
 * Whether `date` may be `workingDays` working days or fewer after `today`: a cheap bound (weekends
 * and the longest run of days off, Tết, fit in twice the days plus 20) before counting day by day.
 */
function within(today: IsoDate, date: IsoDate, workingDays: number): boolean {
  return daysBetween(today, date) <= workingDays * 2 + 20;
}

/**
 * Lets the event loop serve requests every few hundred tasks: a plan over thousands of tasks
 * (a national tracker's hour) would otherwise hold it for as long.
 */
async function yieldEvery(index: number): Promise<void> {
  if (index > 0 && index % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
}

/** Whether a rule triggered on `trigger` fires today: the first working day on or after it. */
function firesToday(trigger: IsoDate, window: { after: IsoDate; today: IsoDate }): boolean {
  return trigger > window.after && trigger <= window.today;
}

/**
 * What the rules send on `today` (nothing on a day off), whether already sent or not: the plan.
 * Pure of the send log; `runReminders` claims each in it. `candidates` finds the tasks a rule may
 * fire for (a test widens it to every open task, to check that the SQL drops none that fires).
 */
export async function planReminders(
  db: Db,
  today: IsoDate,
  calendar: Calendar,
  candidates: typeof remindableTasks = remindableTasks,
): Promise<Reminder[]> {
  if (!isWorkingDay(today, calendar)) return [];
  const window = { after: previousWorkingDay(today, calendar), today };
  const recipients = recipientFinder(db);
  const rules = await urgingRules(db, await trackingAgencies(db));
  const tasks = await candidates(db, window, rules);
  const duties = await openDutyTasks(db);
  const ruleOf = (trackingAgencyId: number): UrgingRule => {
    const rule = rules.get(trackingAgencyId);
    if (!rule) throw new Error(`no urging rule for agency ${trackingAgencyId}`);
    return rule;
  };
  const plan: Reminder[] = [];
  const add = async (
    agencyId: number,
    roles: readonly Role[],
    send: Omit<Reminder, "recipientId">,
  ) => {
    for (const recipientId of await recipients(agencyId, roles))
      plan.push({ ...send, recipientId });
  };

  for (const [index, task] of tasks.entries()) {
    await yieldEvery(index);
    const rule = ruleOf(task.trackingAgencyId);
    const { dueOn } = task;
    if (task.status === "reported_done") {
      // A completion awaiting confirmation: the assigning agency's officers are told once.
      if (task.doneOn === null) continue;
      const trigger = workingDaysAfter(task.doneOn, rule.confirmationAfter, calendar);
      if (firesToday(trigger, window)) {
        await add(task.assignerAgencyId, OFFICERS, {
          rule: "awaiting_confirmation",
          taskId: task.id,
          period: task.doneOn,
          kind: "awaiting_confirmation",
          days: rule.confirmationAfter,
          onDay: null,
        });
      }
      continue;
    }
    if (dueOn === null) continue;
    if (dueOn >= today) {
      // Before the deadline: 7, 3 and 1 working days ahead (the deadline in force is a working day).
      if (!within(today, dueOn, Math.max(0, ...rule.beforeDeadline))) continue;
      const ahead = workingDaysBetween(today, dueOn, calendar);
      if (rule.beforeDeadline.includes(ahead)) {
        await add(task.leadAgencyId, LEAD_USERS, {
          rule: `before_deadline_${ahead}`,
          taskId: task.id,
          period: dueOn,
          kind: "deadline_soon",
          days: ahead,
          onDay: dueOn,
        });
      }
      continue;
    }
    // Overdue: the first day after the deadline, then every `overdueEvery` days.
    const overdue = daysBetween(dueOn, today);
    const since = daysBetween(dueOn, window.after);
    const lastStep = Math.floor((overdue - 1) / rule.overdueEvery);
    const trigger = addDays(dueOn, 1 + lastStep * rule.overdueEvery);
    if (firesToday(trigger, window)) {
      await add(task.leadAgencyId, LEAD_USERS, {
        rule: "overdue",
        taskId: task.id,
        period: `${dueOn}+${1 + lastStep * rule.overdueEvery}`,
        kind: "overdue",
        days: overdue,
        onDay: dueOn,
      });
    }
    // Escalation: to the lead agency's leaders, then to the tracking agency's leaders.
    const escalations = [
      { after: rule.escalateLeadAfter, kind: "escalation_lead", agencyId: task.leadAgencyId },
      {
        after: rule.escalateTrackingAfter,
        kind: "escalation_tracking",
        agencyId: task.trackingAgencyId,
      },
    ] as const;
    for (const escalation of escalations) {
      if (since < escalation.after && overdue >= escalation.after) {
        await add(escalation.agencyId, LEADERS, {
          rule: escalation.kind,
          taskId: task.id,
          period: dueOn,
          kind: escalation.kind,
          days: overdue,
          onDay: dueOn,
        });
      }
    }
  }

  // Report periods: a few working days before one closes, and the first working day it is late.
  const reported = await reportedPeriods(
    db,
    duties.map((task) => task.taskId),
  );
  for (const [index, task] of duties.entries()) {
    await yieldEvery(index);
    const rule = ruleOf(task.trackingAgencyId);
    const done = new Set(
      (reported.get(`${task.taskId}:${task.leadAgencyId}`) ?? []).map((row) => row.periodKey),
    );
    const periods = reportPeriods(task.duty, addDays(today, -60), addDays(today, 60), calendar);
    for (const period of periods) {
      if (done.has(period.key)) continue;
      const late = addDays(period.dueOn, 1);
      if (period.dueOn >= today) {
        if (!within(today, period.dueOn, rule.periodBefore)) continue;
        const ahead = workingDaysBetween(today, period.dueOn, calendar);
        if (ahead === rule.periodBefore) {
          await add(task.leadAgencyId, LEAD_USERS, {
            rule: "report_due",
            taskId: task.taskId,
            period: period.key,
            kind: "report_due",
            days: ahead,
            onDay: period.dueOn,
          });
        }
      } else if (firesToday(late, window)) {
        await add(task.leadAgencyId, LEAD_USERS, {
          rule: "report_late",
          taskId: task.taskId,
          period: period.key,
          kind: "report_late",
          days: null,
          onDay: period.dueOn,
        });
      }
    }
  }

  // Urges whose reply date passed with no report: the officer who urged is told.
  for (const urge of await unansweredUrges(db, window.after, addDays(today, -1))) {
    plan.push({
      rule: "urge_unanswered",
      taskId: urge.taskId,
      period: String(urge.urgeId),
      recipientId: urge.actorId,
      kind: "urge_unanswered",
      days: null,
      onDay: urge.replyBy,
    });
  }
  return plan;
}

/**
 * Runs the rules for the Vietnam day of `now`: claims each planned send in the send log and
 * writes the notifications of those it claimed, all in one transaction. With `dryRun`, writes
 * nothing and returns what would be sent (the plan less what the log already holds).
 */
export async function runReminders(
  db: Db,
  now: Date,
  options: {
    dryRun?: boolean;
    /** The candidates read on a reader thread (server/read-pool.ts): the server's job. */
    reads?: Reads;
  } = {},
): Promise<{ day: IsoDate; sent: Reminder[] }> {
  const day = vnDate(now);
  const calendar = await loadCalendar(db);
  const { reads } = options;
  const plan = await planReminders(
    db,
    day,
    calendar,
    reads ? (_db, window, rules) => reads("remindableTasks", window, rules) : remindableTasks,
  );
  if (options.dryRun) {
    const logged = await db
      .selectFrom("sendLog")
      .select(["sendLog.rule", "sendLog.taskId", "sendLog.period", "sendLog.recipientId"])
      .where("sendLog.day", "=", day)
      .execute();
    const keys = new Set(logged.map((row) => sendKey(row)));
    return { day, sent: plan.filter((send) => !keys.has(sendKey(send))) };
  }
  const at = now.toISOString();
  const sent = await db.transaction().execute(async (trx) => {
    const claimed: Reminder[] = [];
    for (const send of plan) {
      const { rule, taskId, period, recipientId } = send;
      if (await claimSend(trx, { rule, taskId, period, recipientId, day }, at)) claimed.push(send);
    }
    await insertNotifications(
      trx,
      claimed.map((send) => ({
        userId: send.recipientId,
        kind: send.kind,
        taskId: send.taskId,
        days: send.days,
        onDay: send.onDay,
        createdAt: at,
      })),
    );
    return claimed;
  });
  return { day, sent };
}

function sendKey(send: { rule: string; taskId: number; period: string; recipientId: number }) {
  return `${send.rule}|${send.taskId}|${send.period}|${send.recipientId}`;
}
