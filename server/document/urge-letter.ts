import type { TFunction } from "i18next";
import type { UrgeLetterRow } from "../../db/urge.ts";
import { daysBetween, formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import {
  addressee,
  bodyParagraph,
  documentHeader,
  figuresTable,
  type IssuingBody,
  officialDocument,
  recipientsAndSignature,
  spacer,
} from "./official-document.ts";

/** What an urging letter ("Công văn đôn đốc") to one lead agency says. */
export type UrgeLetterData = {
  issuer: IssuingBody;
  /** The urging agency's name in sentences ("Bộ Công Thương"). */
  issuerName: string;
  agencyName: string;
  today: IsoDate;
  replyBy: IsoDate;
  message: string;
  tasks: readonly UrgeLetterRow[];
  signerName: string;
};

/** At most `max` characters, cut at a word with "…" (a letter lists, the task page tells all). */
function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20))}…`;
}

function taskCells(t: TFunction, today: IsoDate, task: UrgeLetterRow, index: number) {
  const overdue = task.dueOn !== null && task.dueOn < today ? daysBetween(task.dueOn, today) : 0;
  const lastReport =
    task.lastProgressAt === null
      ? t("urgeLetter.noReport")
      : t("urgeLetter.reportOn", {
          date: formatDate(vnDate(new Date(task.lastProgressAt))),
          note: shortened(task.lastProgressNote, 200),
        });
  return [
    { text: String(index + 1), align: "center" as const },
    t("report.directiveRef", {
      number: task.directive.number,
      date: formatDate(task.directive.issuedOn),
    }),
    task.clause,
    task.title,
    task.dueOn === null ? t("urgeLetter.noDeadline") : formatDate(task.dueOn),
    overdue > 0 ? { text: String(overdue), align: "right" as const } : t("urgeLetter.notOverdue"),
    lastReport,
  ];
}

/**
 * The urging letter in the layout of Decree 30/2020/NĐ-CP, on the same pieces as the statistics
 * report: header with the number left for the clerk and "V/v đôn đốc …", "Kính gửi", the tasks
 * (directive, clause, deadline in force, days overdue, latest report), the officer's message,
 * the reply date asked for, "Nơi nhận" and the signature block.
 */
export function urgeLetterDocument(t: TFunction, data: UrgeLetterData) {
  const column = (key: string) => t(`urgeLetter.column.${key}`);
  return officialDocument(
    [
      {
        children: [
          documentHeader({
            t,
            issuer: data.issuer,
            symbol: data.issuer.abbreviation,
            place: t("report.place"),
            year: Number(data.today.slice(0, 4)),
            subject: t("urgeLetter.subject"),
          }),
          addressee(t("urgeLetter.to"), data.agencyName),
          bodyParagraph(
            t("urgeLetter.intro", {
              issuer: data.issuerName,
              agency: data.agencyName,
              date: formatDate(data.today),
              count: data.tasks.length,
            }),
          ),
          figuresTable({
            columnWidths: [600, 1400, 800, 2750, 1250, 850, 1850],
            header: [
              [
                { text: column("index") },
                { text: column("directive") },
                { text: column("clause") },
                { text: column("task") },
                { text: column("deadline") },
                { text: column("daysOverdue") },
                { text: column("lastReport") },
              ],
            ],
            rows: data.tasks.map((task, index) => taskCells(t, data.today, task, index)),
          }),
          spacer(),
          ...data.message
            .split(/\n+/)
            .filter((line) => line.trim() !== "")
            .map((line) => bodyParagraph(line)),
          bodyParagraph(
            t("urgeLetter.request", {
              agency: data.agencyName,
              issuer: data.issuerName,
              date: formatDate(data.replyBy),
            }),
          ),
          bodyParagraph(t("urgeLetter.closing")),
          recipientsAndSignature({
            t,
            recipients: [
              t("urgeLetter.recipients.above"),
              t("urgeLetter.recipients.leaders", { issuer: data.issuerName }),
              t("urgeLetter.recipients.archive"),
            ],
            authority: [t("urgeLetter.authority")],
            signerName: data.signerName,
          }),
        ],
      },
    ],
    { title: `${t("urgeLetter.kind")} ${t("urgeLetter.subject")}`, creator: data.issuerName },
  );
}
