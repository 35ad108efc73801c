import type { TFunction } from "i18next";
import type { AgencyStatisticRow, StatisticTaskItem } from "../../db/statistic.ts";
import { formatDate, type IsoDate } from "../../shared/date.ts";
import { deadlineWording } from "../../shared/deadline.ts";
import type { Language } from "../../shared/i18n/language.ts";
import {
  type DueInPeriod,
  formatCount,
  formatPercent,
  type StatisticCells,
  type StatisticLevel,
} from "../../shared/statistic.ts";
import {
  appendixHeading,
  type BodyCell,
  bodyHeading,
  bodyParagraph,
  documentHeader,
  documentTitle,
  figuresTable,
  type IssuingBody,
  officialDocument,
  recipientsAndSignature,
} from "./official-document.ts";

/** What the statistics report says: the figures of a scope as of a day, and its overdue tasks. */
export type StatisticReportData = {
  issuer: IssuingBody;
  year: number;
  asOf: IsoDate;
  level: StatisticLevel;
  /** The assigning agency of level "agency". */
  assignerName: string | null;
  /** The scope in words (scopeTitleLines without the title). */
  scopeLines: readonly string[];
  total: StatisticCells;
  rows: readonly AgencyStatisticRow[];
  due: DueInPeriod | null;
  /** The overdue tasks as of the day, with the latest difficulties and proposals reported. */
  overdue: readonly (StatisticTaskItem & { difficulties: string; proposals: string })[];
  signerName: string;
};

function agencyLabel(t: TFunction, row: AgencyStatisticRow): string {
  if (row.formerAgencies.length === 0) return row.agency.name;
  const names = [...new Set(row.formerAgencies.map((agency) => agency.shortName))].join(", ");
  return `${row.agency.name} ${t("report.former", { names })}`;
}

/** The per-agency table in the published form: nested headers, total row first. */
function agencyTable(t: TFunction, language: Language, data: StatisticReportData) {
  const n = (value: number) => ({ text: formatCount(value, language), align: "right" as const });
  const p = (value: number | null) => ({
    text: formatPercent(value, language),
    align: "right" as const,
  });
  const cells = (c: StatisticCells): BodyCell[] => [
    n(c.total),
    n(c.completed),
    n(c.completedOnTime),
    n(c.completedLate),
    n(c.open),
    n(c.withinDeadline),
    n(c.noDeadline),
    n(c.continuing),
    n(c.overdue),
    n(c.awaitingConfirmation),
    p(c.completionRate),
    p(c.overdueShare),
  ];
  const column = (key: string) => t(`report.column.${key}`);
  return figuresTable({
    columnWidths: [600, 3150, 850, 850, 850, 850, 850, 900, 900, 900, 850, 1000, 1050, 1050],
    header: [
      [
        { text: column("index"), rows: 2 },
        { text: column("agency"), rows: 2 },
        { text: column("total"), rows: 2 },
        { text: column("completed"), columns: 3 },
        { text: column("open"), columns: 5 },
        { text: column("awaiting"), rows: 2 },
        { text: column("completionRate"), rows: 2 },
        { text: column("overdueShare"), rows: 2 },
      ],
      [
        { text: column("subtotal") },
        { text: column("onTime") },
        { text: column("late") },
        { text: column("subtotal") },
        { text: column("within") },
        { text: column("noDeadline") },
        { text: column("continuing") },
        { text: column("overdue") },
      ],
    ],
    rows: [
      [
        { text: "", align: "center" },
        { text: t("report.totalRow"), bold: true },
        ...cells(data.total).map((c) => (typeof c === "string" ? c : { ...c, bold: true })),
      ],
      ...data.rows.map((row, index) => [
        { text: String(index + 1), align: "center" as const },
        agencyLabel(t, row),
        ...cells(row),
      ]),
    ],
  });
}

/** "chậm nhất ngày 31/03/2024", "trong tháng 3/2024"…: the deadline as the directive words it. */
function writtenDeadline(t: TFunction, item: StatisticTaskItem): string {
  const { key, params } = deadlineWording({
    kind: item.deadlineKind,
    deadline: item.deadline,
    days: item.deadlineDays,
  });
  return t(key, params);
}

function overdueTable(t: TFunction, language: Language, data: StatisticReportData) {
  const column = (key: string) => t(`report.column.${key}`);
  return figuresTable({
    columnWidths: [650, 1800, 4100, 2000, 1350, 1350, 1000, 2600],
    header: [
      ["index", "directive", "task", "lead", "deadline", "dueOn", "daysOverdue", "note"].map(
        (key) => ({ text: column(key) }),
      ),
    ],
    rows: data.overdue.map((item, index) => {
      const lead =
        item.countedAgency.id === item.leadAgency.id
          ? item.leadAgency.name
          : `${item.leadAgency.name} ${t("report.now", { name: item.countedAgency.shortName })}`;
      const notes = [
        item.difficulties && t("report.difficulties", { text: item.difficulties }),
        item.proposals && t("report.proposals", { text: item.proposals }),
      ].filter(Boolean);
      return [
        { text: String(index + 1), align: "center" as const },
        t("report.directiveRef", {
          number: item.directive.number,
          date: formatDate(item.directive.issuedOn),
        }),
        [item.clause, item.title].filter(Boolean).join(". "),
        lead,
        writtenDeadline(t, item),
        item.dueOn === null ? "" : formatDate(item.dueOn),
        { text: formatCount(item.daysOverdue, language), align: "right" as const },
        notes.join("\n"),
      ];
    }),
  });
}

/**
 * The statistics report as a Decree 30 document: header, "BÁO CÁO" and its subject, the figures
 * in sentences, the overdue tasks' count, "Nơi nhận" and the signature, then Phụ lục I (the
 * per-agency table) and Phụ lục II (the overdue list with its notes), each "(Kèm theo Báo cáo
 * số … ngày …)".
 */
export function statisticReportDocument(
  t: TFunction,
  language: Language,
  data: StatisticReportData,
) {
  const n = (value: number) => formatCount(value, language);
  const date = formatDate(data.asOf);
  const symbol = `BC-${data.issuer.abbreviation}`;
  const { total } = data;
  const level = t(`report.level.${data.level}`, { name: data.assignerName ?? "" });
  const body = [
    bodyHeading(t("report.heading1")),
    ...data.scopeLines.map((line) => bodyParagraph(line)),
    bodyParagraph(t("report.totalSentence", { date, level, total: n(total.total) })),
    bodyParagraph(
      `- ${t("report.completedSentence", {
        completed: n(total.completed),
        completedOnTime: n(total.completedOnTime),
        completedLate: n(total.completedLate),
        rate: formatPercent(total.completionRate, language),
      })}`,
    ),
    bodyParagraph(
      `- ${t("report.withinSentence", {
        within: n(total.withinDeadline + total.noDeadline),
        withDeadline: n(total.withinDeadline),
        noDeadline: n(total.noDeadline),
      })}`,
    ),
    bodyParagraph(
      `- ${t("report.overdueSentence", {
        overdue: n(total.overdue),
        share: formatPercent(total.overdueShare, language),
      })}`,
    ),
    ...(total.awaitingConfirmation > 0
      ? [bodyParagraph(t("report.awaitingSentence", { count: n(total.awaitingConfirmation) }))]
      : []),
    ...(total.cancelled > 0
      ? [bodyParagraph(t("report.cancelledSentence", { count: n(total.cancelled) }))]
      : []),
    ...(data.due
      ? [
          bodyParagraph(
            t("report.dueSentence", {
              from: formatDate(data.due.from),
              to: formatDate(data.due.asOf),
              total: n(data.due.total),
              completed: n(data.due.completed),
              rate: formatPercent(data.due.completionRate, language),
            }),
          ),
        ]
      : []),
    bodyParagraph(t("report.appendixSentence")),
    bodyHeading(t("report.heading2")),
    bodyParagraph(
      data.overdue.length === 0
        ? t("report.noOverdue")
        : t("report.overdueIntro", { count: n(data.overdue.length) }),
    ),
  ];
  const parts = [
    {
      children: [
        documentHeader({
          t,
          issuer: data.issuer,
          symbol,
          place: t("report.place"),
          year: data.year,
        }),
        ...documentTitle(t("report.kind"), [t("report.subject")]),
        ...body,
        recipientsAndSignature({
          t,
          recipients: [
            t("report.recipients.above"),
            t("report.recipients.leaders"),
            t("report.recipients.archive"),
          ],
          authority: [t("report.authority")],
          signerName: data.signerName,
        }),
      ],
    },
    {
      landscape: true,
      children: [
        ...appendixHeading({
          t,
          label: t("report.appendix1"),
          title: t("report.appendix1Title"),
          parent: t("report.parent"),
          symbol,
          lines: [t("report.cutOff", { date })],
        }),
        agencyTable(t, language, data),
      ],
    },
    ...(data.overdue.length === 0
      ? []
      : [
          {
            landscape: true,
            children: [
              ...appendixHeading({
                t,
                label: t("report.appendix2"),
                title: t("report.appendix2Title"),
                parent: t("report.parent"),
                symbol,
                lines: [t("report.cutOff", { date })],
              }),
              overdueTable(t, language, data),
            ],
          },
        ]),
  ];
  return officialDocument(parts, { title: t("report.subject"), creator: "Đôn Đốc" });
}
