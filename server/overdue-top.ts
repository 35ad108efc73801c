import type { TFunction } from "i18next";
import { formatDate, formatDateTime, vnDate } from "../shared/date.ts";
import type { Language } from "../shared/i18n/language.ts";
import {
  OVERDUE_PAGE_SIZE,
  OVERDUE_PAINTED_CARDS,
  OVERDUE_WINDOW_FROM,
} from "../shared/overdue-page.ts";
import { formatCount, STALE_REPORT_DAYS, scopeInWords } from "../shared/statistic.ts";
import { KEY_TASK_COLOR } from "../shared/task-badges.ts";
import type { Role } from "../shared/user.ts";
import type { overduePage } from "./domain/statistic.ts";
import { escapeHtml } from "./html.ts";

type OverdueAnswer = Awaited<ReturnType<typeof overduePage>>;
type OverdueItem = OverdueAnswer["items"][number];

/** A button, a check box or a marker as it will look, for the eye only: it works once the app runs. */
function looks(className: string, text = "", attributes = ""): string {
  return `<span class="${className}" aria-hidden="true"${attributes}>${escapeHtml(text)}</span>`;
}

function badge(color: string, text: string): string {
  return `<span class="boot-badge" data-color="${color}">${escapeHtml(text)}</span>`;
}

function line(className: string, text: string): string {
  return `<p class="${className}">${escapeHtml(text)}</p>`;
}

/** The lead agency, and its successor of today when it has ended (as the app writes it). */
function leadName(t: TFunction, item: OverdueItem): string {
  const lead = item.leadAgency.shortName || item.leadAgency.name;
  return item.successorAgency
    ? `${lead} ${t("overdue.now", { name: item.successorAgency.shortName })}`
    : lead;
}

/** One card as client/statistic/overdue-table.tsx draws it (OverdueCard, LastReport). */
function card(t: TFunction, language: Language, item: OverdueItem): string {
  const count = (value: number) => formatCount(value, language);
  const where = [item.directive.number, ...(item.clause ? [item.clause] : [])].join(" · ");
  const report = [
    item.staleReport
      ? `<div>${badge("orange", t("statistic.column.staleReport", { days: STALE_REPORT_DAYS }))}</div>`
      : "",
    item.urge.lastAt === null
      ? ""
      : line(
          "boot-small boot-strong",
          t("urge.summary", {
            count: item.urge.count,
            total: item.urge.count,
            date: formatDate(vnDate(new Date(item.urge.lastAt))),
          }),
        ),
    item.lastProgressAt === null
      ? line("boot-line boot-dimmed", t("overdue.noReport"))
      : line("boot-line boot-clamp", item.lastProgressNote || t("overdue.noNote")) +
        line("boot-small boot-dimmed", formatDateTime(item.lastProgressAt)),
  ].join("");
  return (
    '<li class="boot-card-item"><div class="boot-card">' +
    `<div class="boot-card-title">${looks("boot-check")}` +
    `<a href="/tasks/${item.id}">${escapeHtml(item.title)}</a></div>` +
    '<div class="boot-card-badges">' +
    badge(
      "red",
      t("task.overdueDays", { count: item.daysOverdue, days: count(item.daysOverdue) }),
    ) +
    (item.isKey ? badge(KEY_TASK_COLOR, t("task.keyTask")) : "") +
    "</div>" +
    line("boot-line boot-dimmed", `${where} · ${t("task.leadShort")}: ${leadName(t, item)}`) +
    (item.coordinators.length > 0
      ? line(
          "boot-line",
          `${t("task.coordinatorsShort")}: ${item.coordinators.map((agency) => agency.shortName).join(", ")}`,
        )
      : "") +
    line("boot-line", `${t("task.dueOnShort")}: ${formatDate(item.dueOn)}`) +
    `<div class="boot-report">${report}</div>` +
    "</div></li>"
  );
}

/**
 * What the overdue list opened without filters shows on a phone under its title and introduction,
 * as client/statistic/overdue-page.tsx draws it there: the page's actions, the folded filters, the
 * list's count and scope, the urge bar, "select all" and the first OVERDUE_PAINTED_CARDS cards (in
 * the box that scrolls a long list, as the app's). On a phone
 * the first card is the page's largest paint: written here, it shows as soon as the page arrives
 * instead of after the app's scripts (issue 13). Controls are drawn for the eye only (aria-hidden)
 * until the app replaces them; the links are links. Nothing for an empty list (the app says so),
 * and nothing above a phone's width (client/index.html hides it: a wider screen gets a table).
 */
export function overdueTop(
  t: TFunction,
  language: Language,
  role: Role,
  answer: OverdueAnswer,
): string {
  const { items } = answer;
  if (items.length === 0) return "";
  const count = (value: number) => formatCount(value, language);
  const { urgeable } = answer;
  // The app windows a page of more than OVERDUE_WINDOW_FROM tasks (the page is full then).
  const windowed = Math.min(answer.total, OVERDUE_PAGE_SIZE) > OVERDUE_WINDOW_FROM;
  const scope = scopeInWords(
    { keyOnly: false, periodBy: "issued", level: "all", basis: "in_force", urged: "all" },
    { directive: undefined, agency: undefined, assigner: undefined },
    (key, values) => t(key, values),
  );
  const rules =
    role === "officer" || role === "leader"
      ? `<a href="/urging-rules" class="boot-button" data-variant="subtle">${escapeHtml(t("urgingRule.link"))}</a>`
      : "";
  return (
    '<div class="boot-overdue">' +
    `<div class="boot-overdue-actions">${rules}${looks("boot-button", t("export.button"), ' data-variant="light"')}</div>` +
    `<div class="boot-filters" aria-hidden="true"><span>${escapeHtml(t("overdue.filters"))}</span><span>▼</span></div>` +
    '<div class="boot-overdue-list"><div class="boot-overdue-count">' +
    line(
      "boot-count",
      t("overdue.count", {
        count: answer.total,
        total: count(answer.total),
        urged: count(answer.urged),
      }),
    ) +
    line(
      "boot-line boot-dimmed",
      `${scope} · ${t("overdue.today", { date: formatDate(answer.today) })}`,
    ) +
    "</div>" +
    `<div class="boot-urge-bar" aria-hidden="true"><span>${escapeHtml(t("overdue.selectHint"))}</span>` +
    `<span class="boot-button boot-button-xs" data-disabled>${escapeHtml(t("overdue.urge"))}</span></div>` +
    `<div class="boot-select-all" aria-hidden="true">${looks("boot-check")}<span>${escapeHtml(
      t("overdue.selectAll", { count: urgeable, total: count(urgeable) }),
    )}</span></div>` +
    (windowed ? '<div class="boot-scroller">' : "") +
    `<ul class="boot-cards" aria-label="${escapeHtml(t("overdue.tableLabel"))}">` +
    items
      .slice(0, OVERDUE_PAINTED_CARDS)
      .map((item) => card(t, language, item))
      .join("") +
    `</ul>${windowed ? "</div>" : ""}</div></div>`
  );
}
