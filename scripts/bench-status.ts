/**
 * The officers' load of the benchmarks (scripts/bench.ts, scripts/bench-compare.ts): status
 * changes through the API on tasks of a `npm run bench:data` file, each turned one status
 * further (not started → in progress → cancelled → not started).
 */
import type autocannon from "autocannon";
import type SQLite from "better-sqlite3";

const NEXT = {
  not_started: "in_progress",
  in_progress: "cancelled",
  cancelled: "not_started",
} as const;
type Cycled = { id: number; version: number; status: keyof typeof NEXT };

/**
 * The 2,000 first tasks Bộ Công Thương assigned whose status is in the cycle, with that status
 * (read before the load). Tasks never leave the cycle's statuses, so runs on the same file (`bench
 * --in-place`) change the same tasks; picking only tasks not started used them all up over many
 * runs, each leaving its tasks a step or two further.
 */
export function cycledTasks(sqlite: SQLite.Database): Cycled[] {
  const bct = sqlite.prepare("SELECT id FROM agency WHERE code = 'BCT'").get() as { id: number };
  return sqlite
    .prepare(
      `SELECT id, version, status FROM task WHERE status IN (${Object.keys(NEXT)
        .map((status) => `'${status}'`)
        .join(", ")}) AND assigner_agency_id = ? AND is_demo = 0 ORDER BY id LIMIT 2000`,
    )
    .all(bct.id) as Cycled[];
}

/**
 * Officers turning tasks one status further: each request takes a task no other request holds,
 * and gives it back with its new version when the answer comes (autocannon resets its context
 * between requests, so the answer itself says which task it was). A task whose answer never
 * comes (the run ended) is not used again.
 */
export function statusCycle(tasks: readonly Cycled[], cookie: string) {
  const free: Cycled[] = tasks.map((task) => ({ ...task }));
  let firstError = "";
  const request: autocannon.Request = {
    method: "POST",
    path: "/trpc/task.setStatus",
    headers: {
      "content-type": "application/json",
      cookie,
      // As a browser sends it: the answer's encoding is the server's work too.
      "accept-encoding": "gzip, deflate, br, zstd",
    },
    setupRequest: (request) => {
      const task = free.shift();
      if (!task) throw new Error("no task left to change");
      const to = NEXT[task.status];
      const note = to === "in_progress" ? "" : "Thử tải: đổi trạng thái";
      return {
        ...request,
        body: JSON.stringify({ id: task.id, status: to, version: task.version, note }),
      };
    },
    onResponse: (status, body) => {
      if (status !== 200) {
        if (!firstError) firstError = `${status} ${body.slice(0, 300)}`;
        return;
      }
      free.push(JSON.parse(body).result.data as Cycled);
    },
  };
  return { request, firstError: () => firstError };
}
