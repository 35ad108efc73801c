import { TRPCError } from "@trpc/server";
import type { Request } from "express";
import type { TFunction } from "i18next";
import type { TaskDetail } from "../db/task.ts";
import { type User, userOfSession } from "../db/user.ts";
import { formatDate, vnDate } from "../shared/date.ts";
import { LANGUAGE_COOKIE, type Language, languageOf } from "../shared/i18n/language.ts";
import {
  OVERDUE_DEFAULT_FILTERS,
  OVERDUE_PAINTED_CARDS,
  overduePageInput,
} from "../shared/overdue-page.ts";
import { type PageHeadingValues, pageHeadingOf } from "../shared/page-heading.ts";
import type { TaskPermissions } from "../shared/permission.ts";
import { statisticOverdueInput } from "../shared/statistic-input.ts";
import {
  type BadgeColor,
  KEY_TASK_COLOR,
  STATUS_COLORS,
  TIMELINESS_COLORS,
  timelinessText,
} from "../shared/task-badges.ts";
import { pendingAccountStep } from "../shared/user.ts";
import { type AppDeps, viewerFor } from "./context.ts";
import { overduePage } from "./domain/statistic.ts";
import { visibleTask } from "./domain/task.ts";
import { escapeHtml } from "./html.ts";
import { sessionTokenOf } from "./http.ts";
import { translatorFor } from "./i18n.ts";
import { overdueTop } from "./overdue-top.ts";
import { sessionIdFromToken } from "./session.ts";

/**
 * The top of a page as the server writes it into the page (`markup`, styled by the classes of
 * client/index.html), in the language of the user it is written for (`userId`, which the request
 * log notes).
 */
export type PaintedHeading = { userId: number; markup: string };

/** A task's page: /tasks/<id>. */
const TASK_PAGE = /^\/tasks\/([1-9]\d{0,15})$/;

/** The task a task's page shows (a URL's path, /tasks/<id>), or null for any other path. */
export function taskPageId(path: string): number | null {
  const id = Number(TASK_PAGE.exec(path)?.[1]);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * The top of the page a GET asks for, in the language of the user's choice (its cookie), for a
 * signed-in user with nothing left to do on their account first; null for a page without one, for
 * a visitor (the app sends them to the login page), for a user the app will send to a step of
 * their account, and for a task the user may not see (the app says it is not found). The pages of
 * shared/page-heading.ts get their title and introduction (one query); a task's page its crumbs,
 * badges, title and the buttons the user may use, read as the task's page reads them (visibleTask).
 */
export async function paintedHeading(
  deps: Pick<AppDeps, "db" | "clock" | "reads">,
  req: Request,
): Promise<PaintedHeading | null> {
  const headingFor = pageHeadingOf(req.path);
  const taskId = taskPageId(req.path);
  const token = sessionTokenOf(req);
  if ((!headingFor && taskId === null) || token === undefined) return null;
  const now = deps.clock.now();
  const user = await userOfSession(deps.db, sessionIdFromToken(token), now.toISOString());
  if (!user || pendingAccountStep(user) !== null) return null;
  const language = languageOf(req.cookies?.[LANGUAGE_COOKIE]);
  const t = translatorFor(language);
  if (headingFor) {
    const heading = headingFor(user.role);
    const values: PageHeadingValues = { agency: user.agencyName, date: formatDate(vnDate(now)) };
    const { search } = new URL(req.originalUrl, "http://page");
    const below = isPlainOverdueList(req.path, search)
      ? await overdueListTop(deps, user, t, language)
      : "";
    const markup =
      `<div class="boot-page"><h1 class="boot-title">${escapeHtml(t(heading.title))}</h1>` +
      `<p class="boot-intro">${escapeHtml(t(heading.intro, values))}</p>${below}</div>`;
    return { userId: user.id, markup };
  }
  if (taskId === null) return null;
  const seen = await taskSeenBy(deps, user, taskId);
  return seen && { userId: user.id, markup: taskTop(t, language, seen) };
}

/**
 * The overdue list opened without filters, the menu's address (a URL's path and its search): its
 * page preloads the list's first page (server/static-assets.ts) and paints its first cards.
 */
export function isPlainOverdueList(path: string, search: string): boolean {
  return path === "/overdue" && search === "";
}

/** The overdue list's top and first cards for a phone (server/overdue-top.ts), read as the app reads them. */
async function overdueListTop(
  deps: Pick<AppDeps, "db" | "clock" | "reads">,
  user: User,
  t: TFunction,
  language: Language,
): Promise<string> {
  const viewer = await viewerFor(deps.db, user);
  const input = statisticOverdueInput.parse(overduePageInput(OVERDUE_DEFAULT_FILTERS, 1));
  // The page's counts, and only the cards painted read in full (a leader's 500 rows take 50–120 ms
  // at a million tasks; three, 10–25 ms).
  const answer = await overduePage({ ...deps, viewer }, input, OVERDUE_PAINTED_CARDS);
  return overdueTop(t, language, user.role, answer);
}

/** The task as the user may see it, or null when they may not (or it does not exist). */
async function taskSeenBy(deps: Pick<AppDeps, "db" | "clock">, user: User, id: number) {
  const viewer = await viewerFor(deps.db, user);
  try {
    return await visibleTask({ db: deps.db, viewer, clock: deps.clock }, id);
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

function badge(color: BadgeColor, text: string): string {
  return `<span class="boot-badge" data-color="${color}">${escapeHtml(text)}</span>`;
}

function link(href: string, text: string, attributes = ""): string {
  return `<a href="${escapeHtml(href)}"${attributes}>${escapeHtml(text)}</a>`;
}

/**
 * The top of a task's page as client/task/task-detail-page.tsx draws it (the same texts, in the
 * same boxes): where the task sits (directive, parent task, clause), its badges, its title and the
 * buttons to edit or break it down for whoever may. On a phone the title is the page's largest
 * paint; written here, it shows as soon as the page arrives instead of after the app's scripts.
 */
function taskTop(
  t: TFunction,
  language: Language,
  { task, permissions }: { task: TaskDetail; permissions: TaskPermissions },
): string {
  // The crumbs of the app's page, each with its whole text in its tooltip.
  const crumbs = [
    { label: t("nav.directives"), to: "/directives" },
    { label: task.directive.number, to: `/directives/${task.directive.id}` },
    ...(task.parent ? [{ label: task.parent.title, to: `/tasks/${task.parent.id}` }] : []),
    { label: task.clause || t("task.thisTask") },
  ]
    .map(({ label, to }) => {
      const title = ` title="${escapeHtml(label)}"`;
      return to
        ? link(to, label, title)
        : `<span aria-current="page"${title}>${escapeHtml(label)}</span>`;
    })
    .join('<span class="boot-sep">›</span>');
  const { timeliness } = task;
  const timelinessLabel = timeliness && timelinessText(timeliness, task.daysOverdue, language);
  const badges = [
    badge(STATUS_COLORS[task.status], t(`status.${task.status}`)),
    timeliness && timelinessLabel
      ? badge(TIMELINESS_COLORS[timeliness], t(timelinessLabel.key, timelinessLabel.values))
      : "",
    task.isKey ? badge(KEY_TASK_COLOR, t("task.keyTask")) : "",
  ].join("");
  const buttons = [
    permissions.canEdit
      ? link(
          `/tasks/${task.id}/edit`,
          t("common.edit"),
          ' class="boot-button" data-variant="default"',
        )
      : "",
    permissions.canBreakDown
      ? link(
          `/directives/${task.directiveId}/tasks/new?parentId=${task.id}`,
          t("task.breakDown"),
          ' class="boot-button"',
        )
      : "",
  ].join("");
  return (
    '<div class="boot-page boot-task">' +
    `<nav aria-label="${escapeHtml(t("layout.breadcrumbs"))}"><div class="boot-crumbs">${crumbs}</div></nav>` +
    `<div class="boot-task-top"><div class="boot-badges">${badges}</div>` +
    `<div class="boot-title-row"><h1 class="boot-task-title">${escapeHtml(task.title)}</h1>` +
    `<div class="boot-actions">${buttons}</div></div></div></div>`
  );
}
