/**
 * Loaded into the server by `npm run bench` (node --import): measures the event loop's delay
 * (perf_hooks.monitorEventLoopDelay) and the largest resident set size; on SIGUSR2 writes both
 * since the previous signal to BENCH_PROBE_FILE as JSON, then starts afresh.
 */
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let maxRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage.rss());
  }, 100);
  sampler.unref();
  process.on("SIGUSR2", () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    writeFileSync(
      file,
      JSON.stringify({
        eventLoopDelayMs: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
        },
        maxRssMb: Math.round(maxRss / 1048576),
      }),
    );
    delay.reset();
    maxRss = process.memoryUsage.rss();
  });
}
