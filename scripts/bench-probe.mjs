/**
 * Loaded into the server by `npm run bench` (node --import): measures the event loop's delay
 * (perf_hooks.monitorEventLoopDelay) and the largest resident set size, with what it was made of
 * then (Linux: anonymous memory, mapped files such as the database, shared memory such as the WAL
 * index; the V8 heaps); on SIGUSR2 writes them since the previous signal to BENCH_PROBE_FILE as
 * JSON, with the main thread's garbage collections (count, total and longest pause) and the
 * group commit's flushes and each change's wait for its flush (server/durability.ts publishes
 * them), then starts afresh.
 */
import { subscribe } from "node:diagnostics_channel";
import { readFileSync, writeFileSync } from "node:fs";
import { createHistogram, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

/** The kinds of resident memory, in MB (Linux /proc; empty elsewhere). */
function residentKinds() {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kinds = {};
    for (const kind of ["RssAnon", "RssFile", "RssShmem"]) {
      const match = status.match(new RegExp(`${kind}:\\s+(\\d+) kB`));
      if (match) kinds[kind] = Math.round(Number(match[1]) / 1024);
    }
    return kinds;
  } catch {
    return {};
  }
}

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let maxRss = process.memoryUsage.rss();
  let atMax = {};
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss >= maxRss) {
      maxRss = rss;
      const { heapTotal, external } = process.memoryUsage();
      atMax = {
        ...residentKinds(),
        mainHeapMb: Math.round(heapTotal / 1048576),
        externalMb: Math.round(external / 1048576),
      };
    }
  }, 100);
  sampler.unref();
  // Garbage collections on the main thread: how many, their total and longest pause, so a loop
  // delay can be told apart from a collection.
  let gc = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  // The group commit (server/durability.ts, GROUP_COMMIT_CHANNEL), in microseconds.
  const flushes = createHistogram();
  const waits = createHistogram();
  const micros = (ms) => Math.max(1, Math.round(ms * 1000));
  subscribe("dondoc:group-commit", (message) => {
    if ("syncMs" in message) flushes.record(micros(message.syncMs));
    if ("waitMs" in message) waits.record(micros(message.waitMs));
  });
  process.on("SIGUSR2", () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const fromMicros = (histogram, percentile) =>
      histogram.count === 0 ? -1 : Math.round(histogram.percentile(percentile) / 10) / 100;
    writeFileSync(
      file,
      JSON.stringify({
        eventLoopDelayMs: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
        },
        maxRssMb: Math.round(maxRss / 1048576),
        atMaxRss: atMax,
        gc: { count: gc.count, totalMs: Math.round(gc.totalMs), maxMs: ms(gc.maxMs * 1e6) },
        groupCommit: {
          flushes: flushes.count,
          flushMs: { p50: fromMicros(flushes, 50), p99: fromMicros(flushes, 99) },
          waitMs: {
            p50: fromMicros(waits, 50),
            p99: fromMicros(waits, 99),
            max: fromMicros(waits, 100),
          },
        },
      }),
    );
    flushes.reset();
    waits.reset();
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    maxRss = process.memoryUsage.rss();
    atMax = {};
  });
}
