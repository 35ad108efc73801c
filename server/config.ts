import { type Clock, clockFromEnv } from "./clock.ts";

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  demo: boolean;
  clock: Clock;
  secureCookies: boolean;
  /** SMTP for the digests; null: mail stays in the outbox (administrators read it there). */
  smtp: SmtpConfig | null;
  /** The app's address as users reach it, for the links in mail. */
  publicUrl: string;
};

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
};

/** DONDOC_SMTP_HOST (unset: no SMTP), _PORT (587), _SECURE (1: TLS from the start), _USER, _PASSWORD, DONDOC_MAIL_FROM. */
export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const host = env.DONDOC_SMTP_HOST;
  if (!host) return null;
  const secure = env.DONDOC_SMTP_SECURE === "1";
  const port = Number(env.DONDOC_SMTP_PORT ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new Error(`Bad DONDOC_SMTP_PORT: ${env.DONDOC_SMTP_PORT}`);
  }
  return {
    host,
    port,
    secure,
    user: env.DONDOC_SMTP_USER || undefined,
    password: env.DONDOC_SMTP_PASSWORD || undefined,
    from: env.DONDOC_MAIL_FROM ?? `Đôn Đốc <dondoc@${host}>`,
  };
}

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
    smtp: smtpFromEnv(env),
    publicUrl: (env.DONDOC_PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/+$/, ""),
  };
}
