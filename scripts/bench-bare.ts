/**
 * The limit of this machine for the leader's first views (issue 12): a bare node:http handler
 * with one hand-written SQL per answer on the same database file, read-only, no framework, no
 * session, no visibility rule (the leader of the tracking ministry sees every task).
 * GET /overdue: the whole-scope overdue page (50 rows, most days overdue first) with its total;
 * GET /cells: the four cells' counts of the top-level tasks today. Usage: bench-bare.ts FILE PORT
 */
import { createServer } from "node:http";
import SQLite from "better-sqlite3";
import { vnDate } from "../shared/date.ts";

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error("usage: bench-bare.ts FILE PORT");
const sqlite = new SQLite(file, { readonly: true });
sqlite.pragma("mmap_size = 268435456");
const today = vnDate(new Date());
// Open tasks not reported done are late by today - due_on: the partial index gives them in order;
// the few reported done (late by done_on - due_on) are merged in.
const page = sqlite.prepare(
  `SELECT * FROM (
     SELECT id, directive_id, title, lead_agency_id, status, due_on, done_on,
       julianday(?) - julianday(due_on) AS late FROM (SELECT * FROM task
       WHERE status IN ('not_started', 'in_progress') AND due_on < ? ORDER BY due_on, id LIMIT 50)
     UNION ALL
     SELECT id, directive_id, title, lead_agency_id, status, due_on, done_on,
       julianday(done_on) - julianday(due_on) AS late FROM task
       WHERE status = 'reported_done' AND due_on < done_on)
   ORDER BY late DESC, due_on, id LIMIT 50`,
);
const total = sqlite.prepare(
  `SELECT (SELECT COUNT(*) FROM task WHERE status IN ('not_started', 'in_progress') AND due_on < ?)
     + (SELECT COUNT(*) FROM task WHERE status = 'reported_done' AND due_on < done_on) AS total`,
);
const cells = sqlite.prepare(
  `SELECT COUNT(*) AS total,
     SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
     SUM(CASE WHEN status IN ('not_started', 'in_progress', 'reported_done')
       AND due_on < COALESCE(done_on, ?) THEN 1 ELSE 0 END) AS overdue,
     SUM(CASE WHEN is_key = 1 THEN 1 ELSE 0 END) AS key_tasks
   FROM task WHERE parent_id IS NULL AND status <> 'cancelled'`,
);
createServer((req, res) => {
  let body: unknown;
  if (req.url === "/overdue") {
    body = { items: page.all(today, today), total: total.get(today) };
  } else if (req.url === "/cells") {
    body = cells.get(today);
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}).listen(Number(port), "127.0.0.1", () => console.log("ready"));
