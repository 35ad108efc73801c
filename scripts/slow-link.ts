/**
 * Loads through a slow link (issue 13): Debian's Chromium, driven by Playwright, with DevTools'
 * throttling (every request delayed by the link's round trip, bytes at its rate, the CPU 4×
 * slower), signed in as the leader, on the pages of scripts/measured-pages.ts. Lighthouse
 * (scripts/lighthouse.ts) simulates a slow link from a fast load on this machine; this loads
 * through one, so it shows what a province's officer waits for, and checks what the simulation
 * may get wrong (which resources hold the first paint). Prints, for each page and link, the
 * medians of the first paint, the largest paint and the app's page drawn (its `<main>`, once its
 * code and styles have arrived and run), on a first visit (empty cache) and on a repeat visit
 * (the first one's cache). Asserts nothing.
 * Usage: npm run build && npm run slow-link [-- --db FILE] [-- --runs 3] [-- --only NAME]
 */
import { parseArgs } from "node:util";
import { type BrowserContext, chromium } from "playwright-core";
import { type Api, median, PAGES, seconds, USERNAME, withApp } from "./measured-pages.ts";

/** Lighthouse's mobile profile, and WebPageTest's "3G Slow". */
const LINKS = [
  { name: "slow 4G (150 ms, 1.6 Mbit/s)", latencyMs: 150, downKbps: 1_638, upKbps: 750 },
  { name: "slow 3G (400 ms, 400 kbit/s)", latencyMs: 400, downKbps: 400, upKbps: 400 },
];
type Link = (typeof LINKS)[number];
const CPU_SLOWDOWN = 4;
/** How long a page may take to draw before the run counts as failed. */
const DRAWN_TIMEOUT_MS = 60_000;

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "3" },
    only: { type: "string" },
  },
});
const runs = Math.max(1, Number(values.runs));

type Load = { firstPaintMs: number; largestPaintMs: number; drawnMs: number };

await withApp(values.db, async (api) => {
  console.log(
    `Slow links, Chromium throttled (CPU ${CPU_SLOWDOWN}× slower), ${values.db ? `database ${values.db}` : "demo database"}, as ${USERNAME}, median of ${runs} run(s)`,
  );
  console.log(
    "| page | link | first paint | largest paint | page drawn | repeat visit: first paint | page drawn |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const page of PAGES.filter((p) => p.name.includes(values.only ?? ""))) {
    const url = `${api.url}${await page.path(api)}`;
    for (const link of LINKS) {
      const firsts: Load[] = [];
      const repeats: Load[] = [];
      for (let run = 0; run < runs; run++) {
        const [first, repeat] = await visitTwice(api, url, link);
        firsts.push(first);
        repeats.push(repeat);
      }
      const cell = (loads: Load[], key: keyof Load) => seconds(median(loads.map((l) => l[key])), 2);
      const cells = [
        page.name,
        link.name,
        cell(firsts, "firstPaintMs"),
        cell(firsts, "largestPaintMs"),
        cell(firsts, "drawnMs"),
        cell(repeats, "firstPaintMs"),
        cell(repeats, "drawnMs"),
      ];
      console.log(`| ${cells.join(" | ")} |`);
    }
  }
  console.log(
    "Times from the start of the navigation. Page drawn: the app has rendered its page (<main>: its code and styles have arrived and run); the first paint may be the server's heading before it.",
  );
});

/** A first visit with an empty cache, then the same page again with that visit's cache. */
async function visitTwice(api: Api, url: string, link: Link): Promise<[Load, Load]> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new"],
  });
  try {
    // A phone's screen, as in Lighthouse's mobile profile.
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const equals = api.cookie.indexOf("=");
    await context.addCookies([
      { name: api.cookie.slice(0, equals), value: api.cookie.slice(equals + 1), url: api.url },
    ]);
    const first = await load(context, url, link);
    const repeat = await load(context, url, link);
    return [first, repeat];
  } finally {
    await browser.close();
  }
}

async function load(context: BrowserContext, url: string, link: Link): Promise<Load> {
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  await devtools.send("Network.enable");
  await devtools.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: link.latencyMs,
    downloadThroughput: (link.downKbps * 1000) / 8,
    uploadThroughput: (link.upKbps * 1000) / 8,
  });
  await devtools.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    const paints: number[] = [];
    Object.assign(window, { largestPaints: paints });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) paints.push(entry.startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelector("#root main") !== null, null, {
    timeout: DRAWN_TIMEOUT_MS,
    polling: 20,
  });
  const drawnMs = await page.evaluate(() => performance.now());
  // Later paints (the page's lists and figures) may still become the largest.
  await page.waitForLoadState("networkidle");
  const paints = await page.evaluate(() => ({
    first: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
    largest: (window as unknown as { largestPaints: number[] }).largestPaints.at(-1) ?? Number.NaN,
  }));
  await page.close();
  return { firstPaintMs: paints.first, largestPaintMs: paints.largest, drawnMs };
}
