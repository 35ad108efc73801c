import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCalendar } from "../../db/calendar.ts";
import type { Db } from "../../db/open.ts";
import { remindableTasks } from "../../db/urge.ts";
import { planDataset, writeThroughProduct } from "../../scripts/dataset.ts";
import { planReminders, runReminders } from "../../server/domain/reminder.ts";
import { addDays, type IsoDate, isWorkingDay, vnDate } from "../../shared/date.ts";
import { countRows, dataDirOf, freshDb, TEST_NOW } from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

/** 10:00 in Hà Nội on the day. */
function at(day: IsoDate): Date {
  return new Date(`${day}T03:00:00.000Z`);
}

/** Runs the job on every day from `from` to `to`, twice a day; returns what the second runs sent. */
async function runDays(db: Db, from: IsoDate, to: IsoDate): Promise<number> {
  let again = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    await runReminders(db, at(day));
    again += (await runReminders(db, new Date(at(day).getTime() + 3_600_000))).sent.length;
  }
  return again;
}

/** Each user's notifications as [kind, days, the Vietnam day it was created]. */
async function received(db: Db, userId: number) {
  const rows = await db
    .selectFrom("notification")
    .select(["notification.kind", "notification.days", "notification.createdAt"])
    .where("notification.userId", "=", userId)
    .orderBy("notification.id")
    .execute();
  return rows.map((row) => [row.kind, row.days, vnDate(new Date(row.createdAt))]);
}

/** A task of a 2025 directive the Ministry (BCT) tracks, led by Lạng Sơn. */
async function tetTask(db: Db, deadline: IsoDate) {
  const directive = await createDirective(db, {
    tracking: "BCT",
    issuedOn: "2025-01-02",
    at: "2025-01-02",
  });
  return createTask(db, { directive, lead: "UBND-20", deadline, at: "2025-01-02" });
}

describe("the reminder job around Tết 2025 (days off 27–31/01, Saturday 08/02 worked)", () => {
  it("reminds 7, 3 and 1 working days before a deadline, only on working days", async () => {
    const db = await freshDb({ demo: false });
    const reporter = await createUser(db, { role: "reporter", agency: "UBND-20" });
    await tetTask(db, "2025-02-05");

    const again = await runDays(db, "2025-01-13", "2025-02-05");

    expect(await received(db, reporter.id)).toEqual([
      ["deadline_soon", 7, "2025-01-20"],
      ["deadline_soon", 3, "2025-01-24"],
      ["deadline_soon", 1, "2025-02-04"],
    ]);
    // A second run the same day sends nothing.
    expect(again).toBe(0);
  });

  it("follows the rule the tracking agency's officer set, not the defaults", async () => {
    const db = await freshDb({ demo: false });
    const reporter = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    const leader = await createUser(db, { role: "leader", agency: "BCT" });
    await tetTask(db, "2025-02-05");
    const rule = {
      beforeDeadline: [5, 5],
      overdueEvery: 7,
      periodBefore: 3,
      confirmationAfter: 5,
      escalateLeadAfter: 14,
      escalateTrackingAfter: 30,
    };
    const refused = await leader.caller.urge
      .setRule(rule)
      .catch((error: { code: string }) => error);
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    expect((await leader.caller.urge.rule()).beforeDeadline).toEqual([7, 3, 1]);

    expect(await officer.caller.urge.setRule(rule)).toMatchObject({ beforeDeadline: [5] });
    await runDays(db, "2025-01-13", "2025-02-05");

    expect(await received(db, reporter.id)).toEqual([["deadline_soon", 5, "2025-01-22"]]);
  });

  it("tells the lead agency when overdue, waits past Tết, every 7 days, and escalates at 14 and 30 days", async () => {
    const db = await freshDb({ demo: false });
    const reporter = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const leadLeader = await createUser(db, { role: "leader", agency: "UBND-20" });
    const trackingLeader = await createUser(db, { role: "leader", agency: "BCT" });
    await tetTask(db, "2025-01-24");

    const again = await runDays(db, "2025-01-20", "2025-02-28");

    expect(again).toBe(0);
    const calendar = await loadCalendar(db);
    // Overdue from Saturday 25/01: Tết follows, so the first notice waits for Monday 03/02, and
    // the one due on Saturday 01/02 is not sent twice; Saturday 08/02 is a working day.
    expect(await received(db, reporter.id)).toEqual([
      ["deadline_soon", 3, "2025-01-21"],
      ["deadline_soon", 1, "2025-01-23"],
      ["overdue", 10, "2025-02-03"],
      ["overdue", 15, "2025-02-08"],
      ["overdue", 24, "2025-02-17"],
      ["overdue", 31, "2025-02-24"],
    ]);
    // 14 days overdue on Friday 07/02: the lead agency's leaders; 30 days on Sunday 23/02: the
    // tracking agency's leaders, on Monday 24/02.
    expect(await received(db, leadLeader.id)).toEqual([["escalation_lead", 14, "2025-02-07"]]);
    expect(await received(db, trackingLeader.id)).toEqual([
      ["escalation_tracking", 31, "2025-02-24"],
    ]);
    const rows = await db.selectFrom("notification").select("notification.createdAt").execute();
    for (const row of rows) {
      expect(isWorkingDay(vnDate(new Date(row.createdAt)), calendar)).toBe(true);
    }
  });

  it("prints in a dry run what would be sent, and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const reporter = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const task = await tetTask(db, "2025-02-05");

    const dry = await runReminders(db, at("2025-01-20"), { dryRun: true });

    expect(dry.sent).toEqual([
      {
        rule: "before_deadline_7",
        taskId: task,
        period: "2025-02-05",
        recipientId: reporter.id,
        kind: "deadline_soon",
        days: 7,
        onDay: "2025-02-05",
      },
    ]);
    expect(await countRows(db, "notification")).toBe(0);
    expect(await countRows(db, "sendLog")).toBe(0);
    await runReminders(db, at("2025-01-20"));
    expect((await runReminders(db, at("2025-01-20"), { dryRun: true })).sent).toEqual([]);
    // Nothing at all on a day of Tết.
    expect((await runReminders(db, at("2025-01-29"), { dryRun: true })).sent).toEqual([]);
  });
});

/** Runs `npm run remind`'s entry point on the database file; resolves with its exit code. */
function remindProcess(
  dbPath: string,
  day: IsoDate,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "server/cli/remind.ts", "--date", day],
      { env: { ...process.env, DONDOC_DB: dbPath }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      out += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("the other rules around Tết 2025", () => {
  it("tell the officer of a completion awaiting confirmation, the lead agency of a report period, the urging officer of no reply", async () => {
    const db = await freshDb({ demo: false });
    const officer = await createUser(db, { role: "officer", agency: "BCT", at: "2025-01-02" });
    const reporter = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const directive = await createDirective(db, {
      tracking: "BCT",
      issuedOn: "2025-01-02",
      at: "2025-01-02",
    });
    // Reported done on Wednesday 22/01: five working days later is Wednesday 05/02.
    await createTask(db, {
      directive,
      lead: "UBND-20",
      deadline: "2025-06-30",
      status: "reported_done",
      at: "2025-01-22",
    });
    // A monthly report by the 28th: January's falls in Tết, so it is due Monday 03/02.
    const reporting = await createTask(db, {
      directive,
      lead: "UBND-20",
      deadline: "2025-06-30",
      at: "2025-01-02",
    });
    await officer.caller.report.setDuty({
      taskId: reporting,
      duty: { kind: "monthly", day: 28, startsOn: "2025-01-01" },
    });
    // Urged on Monday 20/01 for a reply by Friday 24/01: Tết follows, the officer hears on 03/02.
    const urging = await createUser(db, { role: "officer", agency: "BCT", at: "2025-01-20" });
    await urging.caller.urge.send({ ids: [reporting], message: "Báo cáo.", replyBy: "2025-01-24" });

    expect(await runDays(db, "2025-01-20", "2025-02-07")).toBe(0);

    expect(await received(db, officer.id)).toEqual([["awaiting_confirmation", 5, "2025-02-05"]]);
    expect(await received(db, reporter.id)).toEqual([
      ["urged", null, "2025-01-20"],
      ["report_due", 3, "2025-01-22"],
      ["report_late", null, "2025-02-04"],
    ]);
    // The urging officer is an officer of the Ministry too: it hears of the completion as well.
    expect(await received(db, urging.id)).toEqual([
      ["urge_unanswered", null, "2025-02-03"],
      ["awaiting_confirmation", 5, "2025-02-05"],
    ]);
  });
});

describe("two processes on one database", () => {
  it("send each reminder once", { timeout: 60_000 }, async () => {
    const db = await freshDb({ demo: false });
    const reporters = [
      await createUser(db, { role: "reporter", agency: "UBND-20" }),
      await createUser(db, { role: "officer", agency: "UBND-20" }),
    ];
    for (const deadline of ["2025-02-05", "2025-01-23", "2025-01-21", "2025-01-10"]) {
      await tetTask(db, deadline);
    }
    const planned = (await runReminders(db, at("2025-01-20"), { dryRun: true })).sent;
    expect(planned.length).toBeGreaterThanOrEqual(6);

    const path = join(dataDirOf(db), "test.db");
    const results = await Promise.all([
      remindProcess(path, "2025-01-20"),
      remindProcess(path, "2025-01-20"),
    ]);

    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expect(await countRows(db, "notification")).toBe(planned.length);
    expect(await countRows(db, "sendLog")).toBe(planned.length);
    const counts = results.map((result) => Number(/ (\d+) \(2025-01-20\)/.exec(result.out)?.[1]));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(planned.length);
    for (const reporter of reporters) {
      expect((await received(db, reporter.id)).length).toBeGreaterThan(0);
    }
  });
});

describe("the reminder job on a national history", () => {
  it("finds in SQL every task a rule fires for, on each day of two months", async () => {
    const db = await freshDb();
    const today = vnDate(new Date(TEST_NOW));
    await writeThroughProduct(db, await planDataset(db, { tasks: 400, today, seed: 5 }));
    const calendar = await loadCalendar(db);
    // Every open or reported task, whatever the rules: the job's own checks then decide.
    const everyTask: typeof remindableTasks = (database, window, rules) =>
      remindableTasks(
        database,
        window,
        new Map(
          [...rules].map(([id, rule]) => [
            id,
            { ...rule, beforeDeadline: [3650], overdueEvery: 1, confirmationAfter: 3650 },
          ]),
        ),
      );
    let fired = 0;
    for (let offset = -60; offset <= 0; offset += 1) {
      const day = addDays(today, offset);
      const plan = await planReminders(db, day, calendar);
      expect({ day, plan }).toEqual({
        day,
        plan: await planReminders(db, day, calendar, everyTask),
      });
      fired += plan.length;
    }
    expect(fired).toBeGreaterThan(50);
  });
});
