/**
 * The reminder job by hand, through the same domain function as the server's hourly job.
 *   npm run remind -- --dry-run --date 2026-11-26   (prints what would be sent that day)
 *   npm run remind                                    (sends today's, once: the send log decides)
 * Reads DONDOC_DB (data/dondoc.db) and DONDOC_NOW; --date means 10:00 that day in Vietnam.
 */
import { parseArgs } from "node:util";
import { openDb } from "../../db/open.ts";
import { isIsoDate } from "../../shared/date.ts";
import { clockFromEnv } from "../clock.ts";
import { runReminders } from "../domain/reminder.ts";
import { translatorFor } from "../i18n.ts";

const { values } = parseArgs({
  options: { "dry-run": { type: "boolean", default: false }, date: { type: "string" } },
});
if (values.date !== undefined && !isIsoDate(values.date)) {
  console.error("Cách dùng / usage: npm run remind -- [--dry-run] [--date YYYY-MM-DD]");
  process.exit(2);
}
const now =
  values.date === undefined
    ? clockFromEnv(process.env.DONDOC_NOW).now()
    : new Date(`${values.date}T03:00:00.000Z`);
const db = await openDb(process.env.DONDOC_DB ?? "data/dondoc.db");
try {
  const dryRun = values["dry-run"] ?? false;
  const { day, sent } = await runReminders(db, now, { dryRun });
  const t = translatorFor("vi");
  console.log(
    `${dryRun ? "Sẽ gửi / would send" : "Đã gửi / sent"} ${sent.length} (${day}) [rule task recipient: text]`,
  );
  for (const send of sent) {
    const text = t(`notification.${send.kind}`, {
      days: send.days ?? 0,
      date: send.onDay ?? "",
    });
    console.log(`${send.rule}\ttask ${send.taskId}\tuser ${send.recipientId}\t${text}`);
  }
} finally {
  await db.destroy();
}
