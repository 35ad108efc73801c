import type { Request, Response } from "express";
import type { Db } from "../db/open.ts";
import { agencyScope } from "../db/scope.ts";
import { sessionUserId } from "../db/session.ts";
import { type User, userById } from "../db/user.ts";
import { type Language, languageFromHeader } from "../shared/i18n/language.ts";
import type { Viewer } from "../shared/permission.ts";
import type { Clock } from "./clock.ts";
import { SESSION_COOKIE, sessionIdFromToken } from "./session.ts";

/** How a procedure sets or clears the session cookie, whatever carries the request. */
export type CookieJar = {
  /** The browser keeps the cookie for `maxAgeMs` of real time; the server checks its own expiry. */
  setSession(token: string, maxAgeMs: number): void;
  clearSession(): void;
};

export type Context = {
  db: Db;
  clock: Clock;
  language: Language;
  user: User | null;
  viewer: Viewer | null;
  sessionId: string | null;
  cookies: CookieJar;
  /** The data folder: evidence files under `<dataDir>/files`, exports under `<dataDir>/exports`. */
  dataDir: string;
};

export type AppDeps = {
  db: Db;
  clock: Clock;
  secureCookies: boolean;
  /** The data folder: evidence files under `<dataDir>/files`, exports under `<dataDir>/exports`. */
  dataDir: string;
};

/** The signed-in user and what they see through, or nulls. */
export async function resolveSession(
  db: Db,
  clock: Clock,
  token: string | undefined,
): Promise<{ user: User | null; viewer: Viewer | null; sessionId: string | null }> {
  if (!token) return { user: null, viewer: null, sessionId: null };
  const sessionId = sessionIdFromToken(token);
  const userId = await sessionUserId(db, sessionId, clock.now().toISOString());
  const user = userId === undefined ? undefined : await userById(db, userId);
  if (!user) return { user: null, viewer: null, sessionId: null };
  return { user, viewer: await viewerFor(db, user), sessionId };
}

export async function viewerFor(db: Db, user: User): Promise<Viewer> {
  const scope = await agencyScope(db, user.agencyId);
  return { userId: user.id, role: user.role, agencyId: user.agencyId, ...scope };
}

export function expressContext(deps: AppDeps) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<Context> => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    const session = await resolveSession(
      deps.db,
      deps.clock,
      typeof token === "string" ? token : undefined,
    );
    return {
      db: deps.db,
      clock: deps.clock,
      dataDir: deps.dataDir,
      language: languageFromHeader(req.headers["accept-language"]),
      ...session,
      cookies: {
        setSession(value, maxAgeMs) {
          res.cookie(SESSION_COOKIE, value, {
            httpOnly: true,
            sameSite: "lax",
            secure: deps.secureCookies,
            path: "/",
            maxAge: maxAgeMs,
          });
        },
        clearSession() {
          res.clearCookie(SESSION_COOKIE, { path: "/" });
        },
      },
    };
  };
}
