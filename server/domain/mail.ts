import type { TFunction } from "i18next";
import type { z } from "zod";
import { loadCalendar } from "../../db/calendar.ts";
import { type NotificationItem, undigestedNotifications } from "../../db/notification.ts";
import type { Db } from "../../db/open.ts";
import {
  attachToDigest,
  claimMail,
  type DigestRecipient,
  digestRecipients,
  listOutbox,
  mailDue,
  markMailFailed,
  markMailSent,
  queueMail,
} from "../../db/outbox.ts";
import { formatDate, type IsoDate, isWorkingDay, vnDate } from "../../shared/date.ts";
import { MAIL_MAX_ATTEMPTS, type NotificationKind } from "../../shared/urge.ts";
import type { outboxListInput } from "../../shared/urge-input.ts";
import type { Actor } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { translatorFor } from "../i18n.ts";

/**
 * Mail (issue 10): once a working day, at the hour each user chose, the notifications no digest
 * has carried yet go into one digest per user (Vietnamese, plain text and HTML, links to the
 * tasks) queued in the outbox, in the same transaction that marks them carried; a separate step
 * sends what the outbox holds when SMTP is configured, retrying with exponential backoff. A
 * mail that fails stays in the outbox with its error, and the notifications stay in the app.
 */

/** The digest's sections, in order, and the kinds each holds. */
const SECTIONS: readonly { key: string; kinds: readonly NotificationKind[] }[] = [
  { key: "due", kinds: ["deadline_soon", "report_due"] },
  { key: "overdue", kinds: ["overdue", "report_late", "escalation_lead", "escalation_tracking"] },
  { key: "awaiting", kinds: ["awaiting_confirmation", "urge_unanswered"] },
  { key: "urged", kinds: ["urged"] },
];

/** The hour in Vietnam (UTC+7 all year, no daylight saving). */
function vnHour(now: Date): number {
  return new Date(now.getTime() + 7 * 3_600_000).getUTCHours();
}

type Line = { label: string; text: string; url: string };

function digestLines(t: TFunction, items: readonly NotificationItem[], publicUrl: string) {
  return SECTIONS.map((section) => ({
    title: t(`digest.section.${section.key}`),
    lines: items
      .filter((item) => section.kinds.includes(item.kind))
      .map(
        (item): Line => ({
          label: `${item.task.directiveNumber}${item.task.clause ? ` · ${item.task.clause}` : ""}: ${item.task.title}`,
          text: t(`notification.${item.kind}`, {
            days: item.days ?? 0,
            date: item.onDay ? formatDate(item.onDay) : "",
          }),
          url: `${publicUrl}/tasks/${item.task.id}`,
        }),
      ),
  })).filter((section) => section.lines.length > 0);
}

/** A user's digest of a day: subject, plain text and HTML. */
export function digestMail(
  user: { fullName: string },
  day: IsoDate,
  items: readonly NotificationItem[],
  publicUrl: string,
) {
  const t = translatorFor("vi");
  const date = formatDate(day);
  const sections = digestLines(t, items, publicUrl);
  const greeting = t("digest.greeting", { name: user.fullName });
  const intro = t("digest.intro", { count: items.length, date });
  const all = t("digest.all", { url: `${publicUrl}/` });
  const footer = t("digest.footer", { url: `${publicUrl}/account` });
  const text = [
    greeting,
    "",
    intro,
    ...sections.flatMap((section) => [
      "",
      section.title.toLocaleUpperCase("vi"),
      ...section.lines.flatMap((line) => [`- ${line.label}`, `  ${line.text}`, `  ${line.url}`]),
    ]),
    "",
    all,
    "",
    footer,
  ].join("\n");
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...sections.map(
      (section) =>
        `<h2>${escapeHtml(section.title)}</h2><ul>${section.lines
          .map(
            (line) =>
              `<li><a href="${escapeHtml(line.url)}">${escapeHtml(line.label)}</a><br>${escapeHtml(line.text)}</li>`,
          )
          .join("")}</ul>`,
    ),
    `<p>${escapeHtml(all)}</p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
  ].join("\n");
  return { subject: t("digest.subject", { count: items.length, date }), text, html };
}

/**
 * Queues the digests due at `now`: on a working day, for each user who wants mail and whose hour
 * has come, the notifications not yet carried, in one digest per user and day. The outbox's
 * unique (user, day) decides, inside the transaction, which run queues it.
 */
export async function queueDigests(
  db: Db,
  now: Date,
  publicUrl: string,
): Promise<{ queued: number }> {
  const day = vnDate(now);
  if (!isWorkingDay(day, await loadCalendar(db))) return { queued: 0 };
  const hour = vnHour(now);
  const at = now.toISOString();
  let queued = 0;
  for (const user of await digestRecipients(db)) {
    if (user.digestHour > hour) continue;
    if (await queueDigest(db, user, day, at, publicUrl)) queued += 1;
  }
  return { queued };
}

async function queueDigest(
  db: Db,
  user: DigestRecipient,
  day: IsoDate,
  at: string,
  publicUrl: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const items = await undigestedNotifications(trx, user.id, at);
    if (items.length === 0) return false;
    const mail = digestMail(user, day, items, publicUrl);
    const id = await queueMail(trx, {
      userId: user.id,
      digestDay: day,
      toAddress: user.email,
      ...mail,
      createdAt: at,
    });
    if (id === undefined) return false;
    await attachToDigest(
      trx,
      items.map((item) => item.id),
      id,
      user.digestMode === "email" ? at : null,
    );
    return true;
  });
}

/** Sends one mail; throws when the server refuses it or cannot be reached. */
export type SendMail = (mail: {
  to: string;
  subject: string;
  text: string;
  html: string;
}) => Promise<void>;

/** The wait before attempt n+1: 1, 2, 4… minutes, at most a day. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** attempts, 86_400_000);
}

/**
 * Sends the outbox's due mail through `send`, each claimed first (its attempt counted and its
 * next attempt moved by the backoff), then marked sent or given its error. Never throws for a
 * mail: a failure waits for its next attempt, up to MAIL_MAX_ATTEMPTS.
 */
export async function deliverMail(
  db: Db,
  now: Date,
  send: SendMail,
): Promise<{ sent: number; failed: number }> {
  const at = now.toISOString();
  let sent = 0;
  let failed = 0;
  for (const mail of await mailDue(db, at, MAIL_MAX_ATTEMPTS, 50)) {
    const retryAt = new Date(now.getTime() + backoffMs(mail.attempts)).toISOString();
    if (!(await claimMail(db, mail.id, mail.attempts, at, retryAt))) continue;
    try {
      await send({ to: mail.toAddress, subject: mail.subject, text: mail.text, html: mail.html });
      await markMailSent(db, mail.id, at);
      sent += 1;
    } catch (error) {
      await markMailFailed(db, mail.id, error instanceof Error ? error.message : String(error));
      failed += 1;
    }
  }
  return { sent, failed };
}

/** The outbox, for administrators (mail waiting, sent or failed). */
export async function viewOutbox(actor: Actor, input: z.output<typeof outboxListInput>) {
  return listOutbox(actor.db, input.page, input.pageSize);
}
