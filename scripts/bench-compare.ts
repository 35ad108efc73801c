/**
 * Two builds of the server side by side on the same data (issue 12), for a machine whose speed
 * varies from one minute to the next (a shared host): a single run's figures then say more about
 * the host than about the code.
 * npm run bench:compare -- --db FILE --against DIR [--rounds 6] [--seconds 3]
 * DIR is another checkout with its own build (`npm run build` there). Each server gets its own
 * copy of FILE; then, round after round, ten officers change statuses for a few seconds on one
 * and then on the other (the order alternates), so that both meet the same moments of the host.
 * Prints each burst and, per build, status changes per second and the server's CPU time per
 * change (user + system, every thread of the process). Asserts nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import { cycledTasks, statusCycle } from "./bench-status.ts";
import { copyDatabase } from "./database-copy.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    against: { type: "string" },
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "3" },
  },
});
if (!values.db || !values.against) {
  throw new Error("usage: npm run bench:compare -- --db FILE --against DIR");
}
const SECONDS = Number(values.seconds);
const dir = mkdtempSync(join(tmpdir(), "dondoc-compare-"));
const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));

/** The process's CPU time so far, in ms (Linux: /proc/PID/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function start(name: string, checkout: string, port: number) {
  const file = join(dir, `${name}.db`);
  copyDatabase(values.db as string, file);
  const server = spawn(process.execPath, ["dist/server/main.js"], {
    cwd: checkout,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DONDOC_DB: file,
      DONDOC_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(server);
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("is running at")) resolve();
    });
    server.on("exit", (code) => reject(new Error(`${name} exited with ${code}: ${seen}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const response = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "canbo.bct", password: "dondoc-demo" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!response.ok || !cookie) throw new Error(`${name}: login ${response.status}`);
  const sqlite = new SQLite(file, { readonly: true });
  const statuses = statusCycle(cycledTasks(sqlite), cookie);
  sqlite.close();
  return { name, checkout, url, pid: server.pid ?? 0, statuses, changes: 0, seconds: 0, cpu: 0 };
}

const builds = [
  await start("this", resolve("."), 3931),
  await start("against", resolve(values.against), 3932),
];

async function burst(build: (typeof builds)[number], seconds: number) {
  const before = cpuMs(build.pid);
  const result = await autocannon({
    url: build.url,
    connections: 10,
    duration: seconds,
    requests: [build.statuses.request],
  });
  return {
    changes: result.requests.total,
    cpu: cpuMs(build.pid) - before,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

for (const build of builds) await burst(build, 2); // warm-up
for (let round = 0; round < Number(values.rounds); round++) {
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
    const run = await burst(build, SECONDS);
    build.changes += run.changes;
    build.seconds += SECONDS;
    build.cpu += run.cpu;
    console.log(
      `round ${round + 1} ${build.name.padEnd(7)} ${(run.changes / SECONDS).toFixed(0).padStart(4)} changes/s, ${(run.cpu / run.changes).toFixed(2)} ms CPU a change, p99 ${run.p99} ms, errors ${run.errors}`,
    );
  }
}
for (const build of builds) {
  console.log(
    `${build.name.padEnd(7)} ${build.checkout}: ${(build.changes / build.seconds).toFixed(0)} changes/s, ${(build.cpu / build.changes).toFixed(2)} ms of server CPU a change`,
  );
  const error = build.statuses.firstError();
  if (error) console.log(`  first failed change: ${error}`);
}
// The servers stop before their files go.
await Promise.all(
  children.map((child) => {
    const exited = once(child, "exit");
    child.kill();
    return exited;
  }),
);
