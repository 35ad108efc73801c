/**
 * Benchmark: the tracker's hot paths on a large database, through the real router.
 * Usage: npm run bench [-- --tasks 100000] [-- --out FILE]. Prints figures; asserts nothing.
 * `--out FILE` keeps the generated database there (for `npm run lighthouse -- --db FILE`).
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadCalendar } from "../db/calendar.ts";
import { openDb } from "../db/open.ts";
import { seedDemo } from "../db/seed-demo.ts";
import { seedReference } from "../db/seed-reference.ts";
import { fixedClock } from "../server/clock.ts";
import { resolveSession } from "../server/context.ts";
import { DEMO_PASSWORD } from "../server/demo.ts";
import { hashPassword } from "../server/password.ts";
import { appRouter } from "../server/router.ts";
import { createCallerFactory } from "../server/trpc.ts";
import { addDays, deadlineInForce } from "../shared/date.ts";
import { TASK_STATUSES } from "../shared/task-status.ts";

const { values } = parseArgs({
  options: { tasks: { type: "string", default: "100000" }, out: { type: "string" } },
});
const TASKS = Number(values.tasks);
const NOW = "2026-11-26T03:00:00.000Z";

const dir = mkdtempSync(join(tmpdir(), "dondoc-bench-"));
const db = await openDb(join(dir, "bench.db"));
await seedReference(db);
const calendar = await loadCalendar(db);
await seedDemo(db, { now: new Date(NOW), passwordHash: await hashPassword(DEMO_PASSWORD) });

const agencies = (await db.selectFrom("agency").select("agency.id").execute()).map((a) => a.id);
const bct = (
  await db
    .selectFrom("agency")
    .select("agency.id")
    .where("agency.code", "=", "BCT")
    .executeTakeFirstOrThrow()
).id;

let seed = 42;
function random(n: number): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
}

const started = performance.now();
await db.transaction().execute(async (trx) => {
  const directiveIds: number[] = [];
  for (let d = 0; d < Math.max(1, Math.floor(TASKS / 100)); d++) {
    const row = await trx
      .insertInto("directive")
      .values({
        type: "chi_thi",
        number: `${d + 100}/CT-BENCH`,
        issuer: "Thủ tướng Chính phủ",
        issuedOn: "2025-01-15",
        issueYear: 2025,
        title: `Chỉ thị thử tải ${d}`,
        summary: "",
        fullText: "",
        trackingAgencyId: bct,
        searchText: `chi thi thu tai ${d}`,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .returning("directive.id")
      .executeTakeFirstOrThrow();
    directiveIds.push(row.id);
  }
  const batch = [];
  for (let i = 0; i < TASKS; i++) {
    const status = TASK_STATUSES[random(TASK_STATUSES.length)] ?? "in_progress";
    const deadline = random(10) === 0 ? null : addDays("2025-01-01", random(800));
    const dueOn = deadline === null ? null : deadlineInForce(deadline, calendar);
    const doneOn =
      status === "completed" || status === "reported_done"
        ? addDays("2025-01-01", random(700))
        : null;
    batch.push({
      directiveId: directiveIds[random(directiveIds.length)] ?? 1,
      parentId: null,
      clause: `Mục ${i}`,
      title: `Nhiệm vụ thử tải số ${i}`,
      description: "",
      leadAgencyId: agencies[random(agencies.length)] ?? bct,
      assignerAgencyId: bct,
      deadline,
      deadlineKind: deadline === null ? ("none" as const) : ("by_date" as const),
      dueOn,
      isKey: random(5) === 0 ? (1 as const) : (0 as const),
      status,
      progress: status === "completed" ? 100 : random(100),
      doneOn,
      searchText: `muc ${i} nhiem vu thu tai so ${i}`,
      createdAt: "2025-01-15T02:00:00.000Z",
      updatedAt: NOW,
    });
    if (batch.length === 500) {
      await trx.insertInto("task").values(batch.splice(0)).execute();
    }
  }
  if (batch.length > 0) await trx.insertInto("task").values(batch).execute();
  // Their state history: one state each, from their creation (for statistics as of a past day).
  await trx
    .insertInto("taskState")
    .columns([
      "taskId",
      "validFrom",
      "directiveId",
      "parentId",
      "leadAgencyId",
      "assignerAgencyId",
      "isKey",
      "status",
      "deadline",
      "deadlineKind",
      "dueOn",
      "originalDueOn",
      "doneOn",
      "progress",
    ])
    .expression((eb) =>
      eb
        .selectFrom("task")
        .select([
          "task.id",
          "task.createdAt",
          "task.directiveId",
          "task.parentId",
          "task.leadAgencyId",
          "task.assignerAgencyId",
          "task.isKey",
          "task.status",
          "task.deadline",
          "task.deadlineKind",
          "task.dueOn",
          "task.dueOn",
          "task.doneOn",
          "task.progress",
        ])
        .where("task.isDemo", "=", 0),
    )
    .execute();
});
console.log(
  `Loaded ${TASKS.toLocaleString("vi-VN")} tasks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const clock = fixedClock(NOW);
const createCaller = createCallerFactory(appRouter);
let token: string | undefined;
const cookies = {
  setSession(value: string) {
    token = value;
  },
  clearSession() {},
};
const base = {
  db,
  clock,
  language: "vi" as const,
  user: null,
  viewer: null,
  sessionId: null,
  cookies,
  address: "127.0.0.1",
  demo: false,
  dataDir: dir,
};
await createCaller(base).auth.login({ username: "canbo.bct", password: DEMO_PASSWORD });
const caller = createCaller({ ...base, ...(await resolveSession(db, clock, token)) });

async function measure(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  console.log(`${label.padEnd(48)} median ${at(0.5)} ms   p95 ${at(0.95)} ms   (${runs} runs)`);
}

await measure("task.list overdue, 50 rows, most overdue first", 50, () =>
  caller.task.list({ timeliness: ["overdue"], sort: "days_overdue", pageSize: 50 }),
);
await measure("task.list my tasks by urgency, 50 rows", 50, () =>
  caller.task.list({ scope: "mine", sort: "urgency", pageSize: 50 }),
);
await measure("task.list search 'thu tai 4242'", 20, () =>
  caller.task.list({ query: "thu tai 4242" }),
);
await measure("task.counts over the whole scope", 20, () => caller.task.counts({}));
await measure("directive.list, first page", 50, () => caller.directive.list({}));
await measure("statistic.summary (four cells, whole scope)", 10, () =>
  caller.statistic.summary({}),
);
await measure("statistic.summary as of 30/06/2025", 10, () =>
  caller.statistic.summary({ asOf: "2025-06-30" }),
);
await measure("statistic.byAgency (ranking)", 10, () => caller.statistic.byAgency({}));
await measure("statistic.trend (12 months)", 3, () => caller.statistic.trend({}));
await measure("statistic.overdue, 50 rows", 20, () => caller.statistic.overdue({ pageSize: 50 }));
await measure("statistic.tasks overdue at 30/06/2025, 50 rows", 10, () =>
  caller.statistic.tasks({ cell: "overdue", asOf: "2025-06-30", pageSize: 50 }),
);

const openIds = await db
  .selectFrom("task")
  .select(["task.id", "task.version"])
  .where("task.status", "=", "not_started")
  .limit(500)
  .execute();
const t0 = performance.now();
for (const task of openIds) {
  await caller.task.setStatus({ id: task.id, status: "in_progress", version: task.version });
}
const perSecond = openIds.length / ((performance.now() - t0) / 1000);
console.log(
  `${"task.setStatus + history event, one transaction".padEnd(48)} ${perSecond.toFixed(0)} per second (${openIds.length} updates)`,
);

await db.destroy();
if (values.out) copyFileSync(join(dir, "bench.db"), values.out);
rmSync(dir, { recursive: true, force: true });
