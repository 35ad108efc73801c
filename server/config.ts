import { type Clock, clockFromEnv } from "./clock.ts";

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  demo: boolean;
  clock: Clock;
  secureCookies: boolean;
};

/** Whether a listening address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Demo data (with its published password) only where nobody else can reach it: on a loopback
 * address unless DONDOC_DEMO says otherwise, and elsewhere only with DONDOC_DEMO=1 set on purpose.
 */
export function demoWanted(env: NodeJS.ProcessEnv, host: string): boolean {
  if (env.DONDOC_DEMO === "1") return true;
  if (env.DONDOC_DEMO === "0") return false;
  return isLoopback(host);
}

/** Everything the server reads from its environment, in one place. */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`Bad PORT: ${env.PORT}`);
  const host = env.HOST ?? "127.0.0.1";
  return {
    port,
    host,
    dbPath: env.DONDOC_DB ?? "data/dondoc.db",
    demo: demoWanted(env, host),
    clock: clockFromEnv(env.DONDOC_NOW),
    secureCookies: env.DONDOC_SECURE_COOKIES === "1",
  };
}
