/**
 * The crash test (`npm run test:crash`, after a build): the built server under write load is
 * killed with SIGKILL, restarted, and must come back with `PRAGMA integrity_check` ok and every
 * write it acknowledged present. Three rounds on one database. Not part of `npm test` (it takes
 * about half a minute and kills processes); run it before a release.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";

const ROUNDS = 3;
const CONCURRENCY = 8;
const LOAD_MS = 2000;

const dir = mkdtempSync(join(tmpdir(), "dondoc-crash-"));
const dbPath = join(dir, "crash.db");

function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["dist/server/main.js"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DONDOC_DB: dbPath,
      DONDOC_NOW: "2026-11-26T03:00:00.000Z",
      DONDOC_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

async function post(url: string, body: unknown, cookie?: string) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

/** Notes whose request was answered 200: the server said they were written. */
const acknowledged = new Set<string>();

async function round(n: number): Promise<void> {
  const { child, url } = await start();
  const login = await post(`${url}/trpc/auth.login`, {
    username: "baocao.langson",
    password: "dondoc-demo",
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`round ${n}: no session`);
  const list = await fetch(`${url}/trpc/task.list?input=${encodeURIComponent("{}")}`, {
    headers: { cookie },
  });
  const { result } = await list.json();
  const taskId: number = result.data.items[0].id;
  const killAt = Date.now() + LOAD_MS;
  let sent = 0;
  const worker = async (w: number) => {
    for (let i = 0; Date.now() < killAt + 500; i++) {
      const note = `vòng ${n} luồng ${w} số ${i}`;
      sent++;
      try {
        const response = await post(`${url}/trpc/task.addNote`, { id: taskId, note }, cookie);
        if (response.ok) acknowledged.add(note);
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  child.kill("SIGKILL");
  await Promise.all(workers);
  console.log(`round ${n}: ${sent} sent, ${acknowledged.size} acknowledged so far, killed`);
}

function check(): void {
  const db = new SQLite(dbPath, { readonly: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity_check: ${String(integrity)}`);
    const rows = db.prepare("SELECT note FROM task_event WHERE kind = 'note'").all();
    const present = new Set(
      rows.map((row) => (row && typeof row === "object" ? String(Reflect.get(row, "note")) : "")),
    );
    const lost = [...acknowledged].filter((note) => !present.has(note));
    if (lost.length > 0)
      throw new Error(`${lost.length} acknowledged writes lost, e.g. ${lost[0]}`);
    console.log(`integrity ok, all ${acknowledged.size} acknowledged writes present`);
  } finally {
    db.close();
  }
}

try {
  for (let n = 1; n <= ROUNDS; n++) {
    await round(n);
    // Restarting runs recovery (WAL replay); then the file must be whole.
    const { child } = await start();
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    check();
  }
  console.log(`${ROUNDS} passed, 0 failed`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log(`0 passed, 1 failed`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
