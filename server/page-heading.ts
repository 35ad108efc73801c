import type { Request } from "express";
import { userOfSession } from "../db/user.ts";
import { formatDate, vnDate } from "../shared/date.ts";
import { LANGUAGE_COOKIE, type Language, languageOf } from "../shared/i18n/language.ts";
import { type PageHeadingValues, pageHeadingOf } from "../shared/page-heading.ts";
import { pendingAccountStep } from "../shared/user.ts";
import type { AppDeps } from "./context.ts";
import { sessionTokenOf } from "./http.ts";
import { translatorFor } from "./i18n.ts";
import { sessionIdFromToken } from "./session.ts";

/**
 * A page's heading as the server writes it into the page: texts in the language of the user it is
 * written for (`userId`, which the request log notes).
 */
export type PaintedHeading = { userId: number; language: Language; title: string; intro: string };

/**
 * The heading of the page a GET asks for, in the language of the user's choice (its cookie), for
 * a signed-in user with nothing left to do on their account first; null for a page without one
 * (shared/page-heading.ts), for a visitor (the app sends them to the login page) or for a user
 * the app will send to a step of their account. One query, and only on those pages.
 */
export async function paintedHeading(
  deps: Pick<AppDeps, "db" | "clock">,
  req: Request,
): Promise<PaintedHeading | null> {
  const headingFor = pageHeadingOf(req.path);
  const token = sessionTokenOf(req);
  if (!headingFor || token === undefined) return null;
  const now = deps.clock.now();
  const user = await userOfSession(deps.db, sessionIdFromToken(token), now.toISOString());
  if (!user || pendingAccountStep(user) !== null) return null;
  const language = languageOf(req.cookies?.[LANGUAGE_COOKIE]);
  const t = translatorFor(language);
  const heading = headingFor(user.role);
  const values: PageHeadingValues = { agency: user.agencyName, date: formatDate(vnDate(now)) };
  return { userId: user.id, language, title: t(heading.title), intro: t(heading.intro, values) };
}
