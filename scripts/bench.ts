/**
 * Benchmark of the leaders' views at scale (issue 12), through HTTP on the built server:
 * npm run bench -- --db FILE [--duration 10] [--runs 3] [--only NAME,NAME] [--in-place] [--profile DIR]
 * Copies FILE (made by `npm run bench:data`) unless --in-place, starts `dist/server/main.js` on
 * it (building first when missing) with scripts/bench-probe.mjs loaded, signs in, then for each
 * view: a warm-up, then `runs` × `duration` s with autocannon at 1 and at 10 connections (medians
 * of the runs). Beside it, a bare node:http handler with one hand-written SQL
 * (scripts/bench-bare.ts) on the same file, and a mixed load: one leader refreshing statistics
 * while ten officers change statuses (warmed up too, then `runs` runs). Prints a table, writes
 * JSON under bench/. Asserts nothing.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import { addDays, vnDate } from "../shared/date.ts";
import { cycledTasks, statusCycle } from "./bench-status.ts";
import { copyDatabase } from "./database-copy.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    duration: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    only: { type: "string" },
    "in-place": { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
if (!values.db)
  throw new Error("usage: npm run bench -- --db FILE (make one with npm run bench:data)");
const DURATION = Number(values.duration);
const RUNS = Number(values.runs);
const PORT = 3917;
const BARE_PORT = 3918;
const base = `http://127.0.0.1:${PORT}`;

if (!existsSync("dist/server/main.js")) spawnSync("npm", ["run", "build"], { stdio: "inherit" });

const dir = mkdtempSync(join(tmpdir(), "dondoc-bench-"));
let file = values.db;
if (!values["in-place"]) {
  file = join(dir, "bench.db");
  copyDatabase(values.db, file);
}
const probeFile = join(dir, "probe.json");
const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const child of children) child.kill();
  if (!values["in-place"]) rmSync(dir, { recursive: true, force: true });
});

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${seen}`)));
  });
}

const loadAtStart = loadavg();
const startedAt = performance.now();
const server = spawn(
  process.execPath,
  [
    // --profile DIR: the server writes a V8 CPU profile there when the run ends.
    ...(values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : []),
    "--import",
    "./scripts/bench-probe.mjs",
    "dist/server/main.js",
  ],
  {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DONDOC_DB: file,
      DONDOC_LOG_LEVEL: "warn",
      BENCH_PROBE_FILE: probeFile,
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
children.push(server);
await waitFor(server, "is running at");
const startupMs = performance.now() - startedAt;
// The same start without the probe and tsx loaded: what `npm start` costs on this file.
const plain = spawn(process.execPath, ["dist/server/main.js"], {
  env: {
    ...process.env,
    PORT: String(PORT + 10),
    HOST: "127.0.0.1",
    DONDOC_DB: file,
    DONDOC_LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const plainStarted = performance.now();
await waitFor(plain, "is running at");
const plainStartupMs = performance.now() - plainStarted;
plain.kill();

async function probe(): Promise<{
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  maxRssMb: number;
  /** What the largest resident set was made of (MB): see scripts/bench-probe.mjs. */
  atMaxRss?: Record<string, number>;
  /** The main thread's garbage collections in the same time. */
  gc?: { count: number; totalMs: number; maxMs: number };
  /** The group commit's flushes, and each change's wait for its flush (server/durability.ts). */
  groupCommit?: {
    flushes: number;
    flushMs: { p50: number; p99: number };
    waitMs: { p50: number; p99: number; max: number };
  };
}> {
  rmSync(probeFile, { force: true });
  server.kill("SIGUSR2");
  // The server answers once its event loop is free: after a long query, that can take a while.
  for (let i = 0; i < 9000 && !existsSync(probeFile); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!existsSync(probeFile)) {
    // Blocked for three minutes: say so rather than stop the whole run.
    return { eventLoopDelayMs: { p50: -1, p99: -1, max: -1 }, maxRssMb: -1 };
  }
  return JSON.parse(readFileSync(probeFile, "utf8"));
}

/** A change's wait for the group commit's flush, and the flushes themselves. */
function flushWait(server: Awaited<ReturnType<typeof probe>>): string {
  const commits = server.groupCommit;
  if (!commits || commits.flushes === 0) return "none";
  return `p50 ${commits.waitMs.p50} ms, p99 ${commits.waitMs.p99} ms, max ${commits.waitMs.max} ms (${commits.flushes} flushes, p50 ${commits.flushMs.p50} ms, p99 ${commits.flushMs.p99} ms)`;
}

async function login(username: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "dondoc-demo" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!response.ok || !cookie) throw new Error(`login ${username}: ${response.status}`);
  return cookie;
}
const leader = await login("lanhdao.bct");
const officer = await login("canbo.bct");

const sqlite = new SQLite(file, { readonly: true });
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const langSon = one<{ id: number }>("SELECT id FROM agency WHERE name = 'UBND tỉnh Lạng Sơn'");
const taskCount = one<{ n: number }>("SELECT COUNT(*) AS n FROM task").n;
const someTask = one<{ id: number }>(
  "SELECT id FROM task WHERE is_demo = 0 ORDER BY id LIMIT 1 OFFSET ?",
  Math.floor(taskCount / 2),
);
const cycled = cycledTasks(sqlite);
sqlite.close();
const today = vnDate(new Date());
const pastDay = addDays(today, -400);

const trpc = (procedure: string, input: unknown) =>
  `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

type View = { name: string; path?: string; cookie?: string; statusCycle?: true; bare?: true };
const VIEWS: View[] = [
  {
    name: "statistic.overdue (whole scope, page + total)",
    path: trpc("statistic.overdue", { pageSize: 50 }),
  },
  {
    name: "task.list overdue filter",
    path: trpc("task.list", { timeliness: ["overdue"], sort: "days_overdue", pageSize: 50 }),
  },
  { name: "statistic.summary (four cells)", path: trpc("statistic.summary", {}) },
  {
    name: `statistic.summary as of ${pastDay}`,
    path: trpc("statistic.summary", { asOf: pastDay }),
  },
  { name: "statistic.byAgency", path: trpc("statistic.byAgency", {}) },
  {
    name: `statistic.byAgency as of ${pastDay}`,
    path: trpc("statistic.byAgency", { asOf: pastDay }),
  },
  { name: "statistic.trend (12 months)", path: trpc("statistic.trend", {}) },
  {
    name: "statistic.overdue of one province",
    path: trpc("statistic.overdue", { agencyId: langSon.id, pageSize: 50 }),
  },
  { name: "task.byId (task page)", path: trpc("task.byId", { id: someTask.id }) },
  { name: "task.setStatus with history", cookie: officer, statusCycle: true },
  { name: "bare node:http overdue page + total", path: "/overdue", bare: true },
  { name: "bare node:http four cells", path: "/cells", bare: true },
];

const statuses = statusCycle(cycled, officer);

type Run = { requestsPerSecond: number; p50: number; p99: number; errors: number };

async function cannon(view: View, connections: number, duration: number): Promise<Run> {
  const result = await autocannon({
    url: view.bare ? `http://127.0.0.1:${BARE_PORT}` : base,
    connections,
    duration,
    timeout: 30,
    requests: [
      view.statusCycle
        ? statuses.request
        : { method: "GET", path: view.path ?? "/", headers: { cookie: view.cookie ?? leader } },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const bare = spawn(
  process.execPath,
  ["--import", "tsx", "scripts/bench-bare.ts", file, String(BARE_PORT)],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
children.push(bare);
await waitFor(bare, "ready");

type Row = {
  view: string;
  connections: number;
  runs: Run[];
  median: Run;
  server: Awaited<ReturnType<typeof probe>> | null;
};
const rows: Row[] = [];
const only = values.only?.split(",");
for (const view of VIEWS) {
  if (only && !only.some((name) => view.name.includes(name))) continue;
  await cannon(view, 1, Math.min(3, DURATION));
  for (const connections of [1, 10]) {
    if (!view.bare) await probe();
    const runs: Run[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await cannon(view, connections, DURATION));
    const row = {
      view: view.name,
      connections,
      runs,
      median: medianRun(runs),
      server: view.bare ? null : await probe(),
    };
    rows.push(row);
    const m = row.median;
    console.log(
      `${view.name.padEnd(48)} ${String(connections).padStart(2)} conn  ${m.requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${String(m.p50).padStart(6)} ms  p99 ${String(m.p99).padStart(6)} ms  errors ${m.errors}` +
        (row.server
          ? `  RSS ${row.server.maxRssMb} MB ${JSON.stringify(row.server.atMaxRss ?? {})}  loop delay max ${row.server.eventLoopDelayMs.max} ms  GC ${JSON.stringify(row.server.gc ?? {})}` +
            (row.server.groupCommit?.flushes ? `  flush wait ${flushWait(row.server)}` : "")
          : ""),
    );
  }
}
bare.kill();
if (statuses.firstError()) console.log(`first failed status change: ${statuses.firstError()}`);

// Mixed load: one leader refreshing the statistics page while ten officers change statuses. Like
// every view it is warmed up first, for longer: on a server just started, V8's optimising
// compiler kept its helper threads busy for the first 8-10 s of this load (a third of a core at
// times, beside a main thread already using a whole one), which a run measured as the officers'
// tail (README, Performance, issue 12, sixteenth round). Then `runs` runs; the medians are
// reported, with each run's figures.
const MIXED_WARM_UP_S = 10;
type MixedRun = { officers: Run; leader: Run };
/** The leader's side of the mixed load: the statistics page's three reads, in turn. */
const LEADER_STATISTICS = ["statistic.summary", "statistic.byAgency", "statistic.trend"].map(
  (procedure) => ({
    method: "GET" as const,
    path: trpc(procedure, {}),
    headers: { cookie: leader },
  }),
);
async function mixedRun(duration: number): Promise<MixedRun> {
  const [officers, leaderRun] = await Promise.all([
    cannon({ name: "mixed officers", statusCycle: true }, 10, duration),
    autocannon({
      url: base,
      connections: 1,
      duration,
      timeout: 60,
      requests: LEADER_STATISTICS,
    }),
  ]);
  return {
    officers,
    leader: {
      requestsPerSecond: leaderRun.requests.average,
      p50: leaderRun.latency.p50,
      p99: leaderRun.latency.p99,
      errors: leaderRun.errors + leaderRun.timeouts + leaderRun.non2xx,
    },
  };
}

/** The median of each figure over the runs, errors summed. */
function medianRun(runs: readonly Run[]): Run {
  return {
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

let mixed: {
  officers: Run;
  leader: Run;
  runs: MixedRun[];
  server: Awaited<ReturnType<typeof probe>>;
} | null = null;
if (!only || only.includes("mixed")) {
  await mixedRun(MIXED_WARM_UP_S);
  await probe();
  const runs: MixedRun[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await mixedRun(DURATION));
  mixed = {
    officers: medianRun(runs.map((run) => run.officers)),
    leader: medianRun(runs.map((run) => run.leader)),
    runs,
    server: await probe(),
  };
  const { officers } = mixed;
  console.log(
    `mixed load (median of ${RUNS}): officers' status updates ${officers.requestsPerSecond.toFixed(1)} req/s, p99 ${officers.p99} ms (errors ${officers.errors}; each run's p99 ${runs.map((run) => run.officers.p99).join(", ")} ms); leader's statistics ${mixed.leader.requestsPerSecond.toFixed(2)} req/s, p50 ${mixed.leader.p50} ms; event loop delay max ${mixed.server.eventLoopDelayMs.max} ms, p99 ${mixed.server.eventLoopDelayMs.p99} ms; a change's wait for its flush ${flushWait(mixed.server)}; GC ${JSON.stringify(mixed.server.gc ?? {})}; RSS ${mixed.server.maxRssMb} MB ${JSON.stringify(mixed.server.atMaxRss ?? {})}`,
  );
}
server.kill();
// A profile is written as the server exits.
if (values.profile && server.exitCode === null) await new Promise((r) => server.once("exit", r));

const ratio = (view: string, connections: number) => {
  const ours = rows.find((row) => row.view.startsWith(view) && row.connections === connections);
  const theirs = rows.find(
    (row) =>
      row.view.startsWith(
        `bare node:http ${view === "statistic.overdue (whole" ? "overdue" : "four"}`,
      ) && row.connections === connections,
  );
  return ours && theirs ? ours.median.requestsPerSecond / theirs.median.requestsPerSecond : null;
};
const report = {
  at: new Date().toISOString(),
  database: {
    file: values.db,
    tasks: taskCount,
    megabytes: Math.round(statSync(file).size / 1048576),
  },
  machine: { loadAverage: loadavg(), loadAverageBefore: loadAtStart },
  settings: { durationSeconds: DURATION, runs: RUNS },
  startupMs: { withProbe: Math.round(startupMs), plain: Math.round(plainStartupMs) },
  rows,
  mixed,
  ratioToBare: {
    overdue1: ratio("statistic.overdue (whole", 1),
    overdue10: ratio("statistic.overdue (whole", 10),
    cells1: ratio("statistic.summary (four", 1),
    cells10: ratio("statistic.summary (four", 10),
  },
};
console.log(
  `start-up: ${report.startupMs.plain} ms (plain), ${report.startupMs.withProbe} ms (with the probe)`,
);
console.log("throughput as a share of the bare handler:", report.ratioToBare);
console.log(
  `load average before ${loadAtStart.map((x) => x.toFixed(2)).join(" ")}, after ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
mkdirSync("bench", { recursive: true });
const out = join("bench", `results-${taskCount}-${report.at.slice(0, 16).replace(":", "")}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
// In the project's format (Biome lints the bench folder), so that it can be committed as it is.
spawnSync("npx", ["biome", "format", "--write", out], { stdio: "ignore" });
console.log(`written to ${out}`);
if (!values["in-place"]) rmSync(dir, { recursive: true, force: true });
