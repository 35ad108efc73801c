/**
 * What the browser measurements share (scripts/lighthouse.ts, scripts/slow-link.ts): the pages
 * they load, and the app they load them from: the built server started on a copy of a database
 * (or a fresh demo database), signed in as the leader over HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { DEMO_PASSWORD } from "../server/demo.ts";
import { copyDatabase } from "./database-copy.ts";

const ROOT = resolve(import.meta.dirname, "..");
/** The built server, as `npm start` runs it. */
const SERVER = join(ROOT, "dist/server/main.js");
/** The same "now" as the benchmark's generated database, so both give comparable pages. */
const NOW = "2026-11-26T03:00:00.000Z";
export const USERNAME = "lanhdao.bct";

export type Api = {
  url: string;
  cookie: string;
  query<T>(path: string, input: unknown, schema: z.ZodType<T>): Promise<T>;
};

const taskListOutput = z.object({ items: z.array(z.object({ id: z.number() })) });
const trpcAnswer = z.object({ result: z.object({ data: z.unknown() }) });

/** The pages measured: add a page here (a path, or how to find one through the API). */
export const PAGES: { name: string; path: (api: Api) => Promise<string> }[] = [
  { name: "home (inbox)", path: async () => "/" },
  { name: "statistics", path: async () => "/statistics" },
  { name: "overdue list", path: async () => "/overdue" },
  {
    name: "task page",
    path: async (api) => {
      const page = await api.query("task.list", { pageSize: 1 }, taskListOutput);
      const task = page.items[0];
      if (!task) throw new Error("the database has no task the leader can see");
      return `/tasks/${task.id}`;
    },
  },
];

/**
 * Runs `measure` against the built app on a copy of `db` (a fresh demo database without it),
 * signed in as the leader; stops the server and removes the copy afterwards.
 */
export async function withApp<T>(db: string | undefined, measure: (api: Api) => Promise<T>) {
  if (!existsSync(join(ROOT, "dist/client/index.html")) || !existsSync(SERVER)) {
    throw new Error("dist/ is missing: run `npm run build` first.");
  }
  const dir = mkdtempSync(join(tmpdir(), "dondoc-measure-"));
  const dbPath = join(dir, "measured.db");
  if (db) copyDatabase(db, dbPath);
  let server: ChildProcess | undefined;
  try {
    const started = await startServer(dbPath);
    server = started.child;
    return await measure(await signIn(started.url));
  } finally {
    if (server) {
      const exited = new Promise((done) => server?.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the built server (dist/server/main.js, as `npm start` runs it) on a free port over the
 * database file: the server measured is the one users get, with its reader thread.
 */
async function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DONDOC_DB: db, DONDOC_NOW: NOW },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) done(match[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

/** Signs in over HTTP as the leader and returns the session cookie and a small API client. */
async function signIn(base: string): Promise<Api> {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: USERNAME, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0]?.split(";")[0];
  if (!login.ok || !cookie) throw new Error(`login as ${USERNAME} failed: ${login.status}`);
  return {
    url: base,
    cookie,
    async query(path, input, schema) {
      const query = new URLSearchParams({ input: JSON.stringify(input) });
      const answer = await fetch(`${base}/trpc/${path}?${query}`, { headers: { cookie } });
      if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
      return schema.parse(trpcAnswer.parse(await answer.json()).result.data);
    },
  };
}

/** The median of the runs that gave a figure (Lighthouse gives none when a metric failed). */
export function median(numbers: number[]): number {
  const sorted = numbers.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

export function seconds(ms: number, digits: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(digits)} s` : "–";
}
