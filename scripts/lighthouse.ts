/**
 * Lighthouse 12.2.3 in its default mobile profile (simulated slow 4G, 4× CPU slowdown) with
 * Debian's Chromium, signed in as the leader, on the built app (`npm run build` first).
 * Usage: npm run lighthouse [-- --db FILE] [-- --runs 3] [-- --reports DIR] [-- --only NAME]
 * Without --db it measures a fresh demo database; with --db, a copy of that file (for instance
 * one kept by `npm run bench -- --tasks 100000 --out FILE`). Each page is loaded once with an
 * empty cache (first visit) and once more with the cache of that visit (repeat visit). Prints
 * the figures and marks those that miss a target; asserts nothing. `--reports DIR` also keeps
 * each first visit's full report (HTML and JSON) there.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launch } from "chrome-launcher";
import lighthouse, { type Flags, type Result } from "lighthouse";
import { z } from "zod";
import { type Api, median, PAGES, seconds, USERNAME, withApp } from "./measured-pages.ts";

const TARGETS = {
  performance: 90,
  accessibility: 100,
  lcpMs: 2_500,
  scriptBytes: 200 * 1024,
  firstVisitBytes: 400 * 1024,
  repeatVisitBytes: 50 * 1024,
};

const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const networkRequests = z.object({
  items: z.array(z.object({ resourceType: z.string().optional(), transferSize: z.number() })),
});

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "1" },
    reports: { type: "string" },
    only: { type: "string" },
  },
});
const runs = Math.max(1, Number(values.runs));

await withApp(values.db, async (api) => {
  const chrome = await launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROMIUM_FLAGS });
  try {
    await measurePages(api, chrome.port);
  } finally {
    chrome.kill();
  }
});

async function measurePages(api: Api, port: number) {
  console.log(
    `Lighthouse 12.2.3, mobile profile, ${values.db ? `database ${values.db}` : "demo database"}, as ${USERNAME}, median of ${runs} run(s)`,
  );
  console.log(
    "| page | performance | accessibility | LCP | total blocking time | JavaScript | first visit | repeat visit |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  const failures: string[] = [];
  const benchmarks: number[] = [];
  for (const page of PAGES.filter((p) => p.name.includes(values.only ?? ""))) {
    const url = `${api.url}${await page.path(api)}`;
    const firsts: Measure[] = [];
    const repeats: number[] = [];
    for (let run = 0; run < runs; run++) {
      // First visit: Lighthouse empties the cache and storage; the repeat visit keeps them.
      const first = await audit(url, port, api.cookie, false);
      firsts.push(measure(first.lhr));
      if (values.reports) saveReports(values.reports, `${page.name}-${run + 1}`, first.report);
      repeats.push(measure((await audit(url, port, api.cookie, true)).lhr).bytes);
    }
    const m = {
      performance: median(firsts.map((f) => f.performance)),
      accessibility: median(firsts.map((f) => f.accessibility)),
      lcpMs: median(firsts.map((f) => f.lcpMs)),
      tbtMs: median(firsts.map((f) => f.tbtMs)),
      scriptBytes: median(firsts.map((f) => f.scriptBytes)),
      bytes: median(firsts.map((f) => f.bytes)),
      repeatBytes: median(repeats),
    };
    const cells = [
      page.name,
      mark(String(m.performance), m.performance >= TARGETS.performance),
      mark(String(m.accessibility), m.accessibility >= TARGETS.accessibility),
      mark(seconds(m.lcpMs, 1), m.lcpMs < TARGETS.lcpMs),
      seconds(m.tbtMs, 2),
      mark(kb(m.scriptBytes), m.scriptBytes < TARGETS.scriptBytes),
      mark(kb(m.bytes), m.bytes < TARGETS.firstVisitBytes),
      mark(kb(m.repeatBytes), m.repeatBytes < TARGETS.repeatVisitBytes),
    ];
    console.log(`| ${cells.join(" | ")} |`);
    benchmarks.push(...firsts.map((f) => f.benchmarkIndex));
    for (const failure of new Set(firsts.flatMap((f) => f.accessibilityFailures))) {
      failures.push(`${page.name}: ${failure}`);
    }
  }
  for (const failure of failures) console.log(`Accessibility ✗ ${failure}`);
  console.log(
    `Host CPU benchmark index (Lighthouse): median ${median(benchmarks).toFixed(0)}, lowest ${Math.min(...benchmarks).toFixed(0)}; the CPU work behind total blocking time is measured on this machine, then multiplied by 4.`,
  );
  console.log(
    `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, LCP < 2.5 s, JavaScript < 200 KB, first visit < 400 KB, repeat visit < 50 KB (bytes transferred; ✗ marks a miss).`,
  );
}

type Measure = {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  scriptBytes: number;
  bytes: number;
  /** Lighthouse's measure of the host CPU; below 1,000 it warns that scores suffer. */
  benchmarkIndex: number;
  /** Accessibility audits that failed, with the elements they name. */
  accessibilityFailures: string[];
};

async function audit(url: string, port: number, cookie: string, repeat: boolean) {
  const flags: Flags = {
    port,
    logLevel: "error",
    output: ["html", "json"],
    onlyCategories: ["performance", "accessibility"],
    extraHeaders: { Cookie: cookie },
    disableStorageReset: repeat,
  };
  // Under load Lighthouse sometimes loses the trace (NO_NAVSTART...) and asks to run again.
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, flags);
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const lhr = result.lhr;
    if (lhr.runtimeError && attempt < 3) continue;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
    if (finalPath.startsWith("/login"))
      throw new Error(`${url} sent the browser to the login page`);
    return { lhr, report: result.report };
  }
}
function saveReports(dir: string, name: string, report: string | string[]) {
  mkdirSync(dir, { recursive: true });
  const [html, json] = Array.isArray(report) ? report : [report];
  const base = join(dir, name.replace(/[^\p{L}\d]+/gu, "-"));
  if (html) writeFileSync(`${base}.html`, html);
  if (json) writeFileSync(`${base}.json`, json);
}

function measure(lhr: Result): Measure {
  const requests = networkRequests.parse(lhr.audits["network-requests"]?.details);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
    scriptBytes: requests.items
      .filter((r) => r.resourceType === "Script")
      .reduce((sum, r) => sum + r.transferSize, 0),
    bytes: requests.items.reduce((sum, r) => sum + r.transferSize, 0),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    accessibilityFailures: (lhr.categories.accessibility?.auditRefs ?? []).flatMap((ref) => {
      const result = lhr.audits[ref.id];
      return result && result.score !== null && result.score < 1
        ? [`${result.id}: ${result.title}`]
        : [];
    }),
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function mark(text: string, met: boolean): string {
  return met ? text : `${text} ✗`;
}
