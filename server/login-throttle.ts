import {
  countFailures,
  deleteLoginFailure,
  type FailureCount,
  insertLoginFailure,
} from "../db/login-failure.ts";
import type { Db } from "../db/open.ts";

/**
 * The login throttle, inside auth.login itself (so that no URL spelling, batch or proxy path
 * goes around it) and before any password hashing. Failures are counted per address and per
 * username; past a free allowance, each further attempt must wait after the latest failure,
 * twice as long each time, up to MAX_DELAY_MS: the real user is slowed, never locked out.
 * Successful logins do not count: the attempt's row is deleted once it succeeds.
 */
export const LOGIN_LIMITS = {
  /** A guessed account: 5 tries a day free, then 1 s, 2 s, 4 s… after the latest failure. */
  username: { windowMs: 24 * 3_600_000, free: 5 },
  /** One address (an office behind a proxy shares it): 30 failures an hour free. */
  address: { windowMs: 3_600_000, free: 30 },
} as const;

export const MAX_DELAY_MS = 15 * 60_000;

/** How long after the latest failure the next attempt must wait, given the failures so far. */
export function loginDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(1000 * 2 ** (failures - free), MAX_DELAY_MS);
}

/** The instant before which another attempt is refused (ms since the epoch), or 0. */
function notBefore({ count, latest }: FailureCount, free: number): number {
  const delay = loginDelayMs(count, free);
  return delay === 0 || latest === null ? 0 : Date.parse(latest) + delay;
}

export type LoginAttempt = { ok: true; id: number } | { ok: false; retryAfterMs: number };

/**
 * Counts an attempt before its password is checked: refused while a delay runs, else recorded
 * as a failure at once (in one transaction with the check, so that parallel guesses see each
 * other). The caller calls `forgetLoginAttempt` when the attempt succeeds.
 */
export function reserveLoginAttempt(
  db: Db,
  attempt: { address: string; username: string; now: Date },
): Promise<LoginAttempt> {
  const { address, username, now } = attempt;
  const since = (windowMs: number) => new Date(now.getTime() - windowMs).toISOString();
  return db.transaction().execute(async (trx): Promise<LoginAttempt> => {
    const byAddress = await countFailures(
      trx,
      "address",
      address,
      since(LOGIN_LIMITS.address.windowMs),
    );
    const byUsername = await countFailures(
      trx,
      "username",
      username,
      since(LOGIN_LIMITS.username.windowMs),
    );
    const until = Math.max(
      notBefore(byAddress, LOGIN_LIMITS.address.free),
      notBefore(byUsername, LOGIN_LIMITS.username.free),
    );
    if (until > now.getTime()) return { ok: false, retryAfterMs: until - now.getTime() };
    const id = await insertLoginFailure(trx, { at: now.toISOString(), address, username });
    return { ok: true, id };
  });
}

/** A successful attempt does not count against anyone. */
export function forgetLoginAttempt(db: Db, id: number): Promise<void> {
  return deleteLoginFailure(db, id);
}

/** The longest window: failures older than this count nowhere (purged by the hourly jobs). */
export const LOGIN_FAILURE_KEEP_MS = Math.max(
  LOGIN_LIMITS.username.windowMs,
  LOGIN_LIMITS.address.windowMs,
);
