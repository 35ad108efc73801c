import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "dondoc_session";
/** A working day and a half: long enough for a day's work, short enough for shared computers. */
export const SESSION_HOURS = 12;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Sessions are stored by the hash of their token. */
export function sessionIdFromToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
