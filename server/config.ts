import { type Clock, clockFromEnv } from "./clock.ts";

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  demo: boolean;
  clock: Clock;
  secureCookies: boolean;
};

/** Everything the server reads from its environment, in one place. */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`Bad PORT: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    dbPath: env.DONDOC_DB ?? "data/dondoc.db",
    demo: env.DONDOC_DEMO !== "0",
    clock: clockFromEnv(env.DONDOC_NOW),
    secureCookies: env.DONDOC_SECURE_COOKIES === "1",
  };
}
