import SQLite from "better-sqlite3";
const stats = new Map<string, { n: number; ms: number }>();
const proto = (SQLite as any).prototype;
const origPrepare = proto.prepare;
proto.prepare = function (source: string) {
  const st = origPrepare.call(this, source);
  for (const m of ["run", "get", "all", "iterate"]) {
    const f = st[m];
    st[m] = function (...a: unknown[]) {
      const t = performance.now();
      try { return f.apply(this, a); } finally {
        const k = source.replace(/\s+/g, " ").slice(0, 160);
        const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(k, s);
      }
    };
  }
  return st;
};
const origPragma = proto.pragma;
proto.pragma = function (text: string, ...rest: unknown[]) {
  const r = origPragma.call(this, text, ...rest);
  if (process.env.NOCKPT && text === "journal_mode = WAL") origPragma.call(this, "wal_autocheckpoint = 0");
  return r;
};
process.env.DONDOC_DB = "/tmp/sqlprof/t.db"; process.env.PORT = "3955"; process.env.HOST = "127.0.0.1"; process.env.DONDOC_LOG_LEVEL = "warn";
await import("/work/main/server/main.ts");
await new Promise((r) => setTimeout(r, 1500));
const base = "http://127.0.0.1:3955";
const res = await fetch(`${base}/trpc/auth.login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "lanhdao.bct", password: "dondoc-demo" }) });
const cookie = res.headers.get("set-cookie")!.split(";")[0];
stats.clear();
const t0 = performance.now();
const N = 60;
const path = `/trpc/statistic.overdue?input=${encodeURIComponent(JSON.stringify({}))}`;
for (let i = 0; i < N; i++) {
  const r = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!r.ok) { console.log(await r.text()); break; }
  await r.arrayBuffer();
}
const tasks = { length: N };
const el = performance.now() - t0;
const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
const tot = rows.reduce((s, [, v]) => s + v.ms, 0);
console.log(`elapsed ${el.toFixed(0)} ms for ${tasks.length} updates; sql ${tot.toFixed(0)} ms (${(tot / tasks.length).toFixed(2)} ms/update)`);
for (const [k, v] of rows.slice(0, 40)) console.log(`${v.ms.toFixed(1).padStart(8)} ms ${String(v.n).padStart(5)}  ${(v.ms / tasks.length).toFixed(3)}/upd  ${k}`);
process.exit(0);
