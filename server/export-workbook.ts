import type ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { OverdueItem } from "../db/statistic.ts";
import { formatDate, type IsoDate, vnDate } from "../shared/date.ts";
import { deadlineWording } from "../shared/deadline.ts";
import { STALE_REPORT_DAYS, type StatisticCells } from "../shared/statistic.ts";

/**
 * The two Excel layouts, written with exceljs's streaming writer: rows go to the file as they
 * are committed, so a long list never sits whole in memory. A workbook holds one sheet or more
 * (the statistics, then the overdue list as the print view has it); each sheet has title lines,
 * then the header rows (frozen), then the data rows, which the caller hands over in batches.
 * Dates are real dates shown dd/mm/yyyy, so that Excel sorts and filters them as dates.
 */

type Value = string | number | Date | null;

/** How Excel shows a date: the way Vietnamese documents write dates. */
export const DATE_FORMAT = "dd/mm/yyyy";

/** A calendar date as an Excel date (midnight UTC: the serial number is that day exactly). */
export function excelDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

type Column = { width: number; numFmt?: string; wrap?: boolean; align?: "left" | "center" };

const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = {
  type: "pattern" as const,
  pattern: "solid" as const,
  fgColor: { argb: "FFE8EEF4" },
};

export type ExportSheet = {
  /** Appends data rows (each an array of cell values, one per column). */
  write(rows: readonly Value[][], options?: { bold?: boolean }): void;
  /** Adds the closing note, if any, and finishes the sheet. */
  close(note?: string): void;
};

/** A workbook being written: sheets one after the other, then the file. */
export type ExportWorkbook = {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Finishes the file (every sheet closed first). */
  commit(): Promise<void>;
};

/**
 * Opens the file for writing. exceljs is loaded by the first export, not at the server's start
 * (0.4 s and 28 MB of resident memory that most of a server's life does without).
 */
export async function openWorkbook(path: string): Promise<ExportWorkbook> {
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = "Đôn Đốc";
  return { workbook, commit: () => workbook.commit() };
}

type Header = {
  /** Header rows, one array of texts per row; null where a merge covers the cell. */
  rows: (string | null)[][];
  /** Merged ranges inside the header rows, 1-based [top, left, bottom, right]. */
  merges: [number, number, number, number][];
};

/** Who issues the document and who signs it, for the printed pages' header and footer. */
export type DocumentFrame = { issuer: string; symbol: string; signer: string };

/**
 * Excel's page header and footer in the layout of Decree 30/2020/NĐ-CP: the issuing body and
 * "Số: ……/BC-…" on the left, the national name and motto on the right; "Nơi nhận" and the
 * signer below, with the page number.
 */
function pageFrame(frame: DocumentFrame, t: TFunction) {
  const issuer = frame.issuer.toLocaleUpperCase("vi");
  const number = t("report.number", { symbol: frame.symbol });
  const header = `&L&B${issuer}&B\n${number}&R&B${t("report.nationalName")}&B\n&B${t("report.motto")}&B`;
  const recipients = `${t("report.recipientsTitle")} ${t("report.recipients.above")}; ${t("report.recipients.archive")}`;
  const page = t("report.pageOf", { page: "&P", pages: "&N" });
  const footer = `&L${recipients}&C${page}&R&B${frame.signer}&B`;
  return { oddHeader: header, oddFooter: footer };
}

function openSheet(
  { workbook }: ExportWorkbook,
  options: {
    sheetName: string;
    titleLines: readonly string[];
    header: Header;
    columns: readonly Column[];
    /** Columns frozen at the left (besides the header rows frozen at the top). */
    frozenColumns: number;
    /** The printed page's header and footer, as the .docx report has them (Decree 30). */
    frame: DocumentFrame;
    t: TFunction;
  },
): ExportSheet {
  const { columns, header, titleLines } = options;
  const headerTop = titleLines.length + 2;
  const headerBottom = headerTop + header.rows.length - 1;
  const sheet = workbook.addWorksheet(options.sheetName, {
    views: [{ state: "frozen", xSplit: options.frozenColumns, ySplit: headerBottom }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerTop}:${headerBottom}`,
    },
    headerFooter: pageFrame(options.frame, options.t),
  });
  sheet.columns = columns.map((column) => ({ width: column.width }));

  titleLines.forEach((line, index) => {
    const row = sheet.getRow(index + 1);
    const cell = row.getCell(1);
    cell.value = line;
    cell.font = { bold: index === 0, size: index === 0 ? 14 : 12, italic: index > 0 };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    sheet.mergeCells(index + 1, 1, index + 1, columns.length);
    row.height = index === 0 ? 24 : 20;
  });
  header.rows.forEach((texts, offset) => {
    const row = sheet.getRow(headerTop + offset);
    row.height = 36;
    columns.forEach((_, index) => {
      const cell = row.getCell(index + 1);
      const text = texts[index];
      if (text !== null && text !== undefined) cell.value = text;
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
      cell.fill = HEADER_FILL;
    });
  });
  for (const [top, left, bottom, right] of header.merges) {
    sheet.mergeCells(headerTop + top - 1, left, headerTop + bottom - 1, right);
  }
  sheet.getRow(headerBottom).commit();

  let next = headerBottom + 1;
  return {
    write(rows, writeOptions = {}) {
      for (const values of rows) {
        const row = sheet.getRow(next);
        values.forEach((value, index) => {
          const column = columns[index];
          const cell = row.getCell(index + 1);
          cell.value = value;
          cell.border = BORDER;
          cell.alignment = {
            vertical: "top",
            wrapText: column?.wrap ?? false,
            horizontal: column?.align ?? (typeof value === "number" ? "right" : "left"),
          };
          if (value instanceof Date) cell.numFmt = DATE_FORMAT;
          else if (column?.numFmt && typeof value === "number") cell.numFmt = column.numFmt;
          if (writeOptions.bold) cell.font = { bold: true };
        });
        row.commit();
        next += 1;
      }
    },
    close(note) {
      if (note) {
        const row = sheet.getRow(next + 1);
        const cell = row.getCell(1);
        cell.value = note;
        cell.font = { italic: true, size: 10 };
        cell.alignment = { wrapText: true, vertical: "top" };
        sheet.mergeCells(next + 1, 1, next + 1, columns.length);
        row.height = 30;
        row.commit();
      }
      sheet.commit();
    },
  };
}

/** Character width of the longest text, between bounds: a column width that fits. */
function fitWidth(texts: readonly string[], min: number, max: number): number {
  const longest = texts.reduce((width, text) => Math.max(width, text.length), 0);
  return Math.min(max, Math.max(min, longest + 2));
}

const COUNT_FORMAT = "#,##0";
const PERCENT_FORMAT = "0.00";

/**
 * The published table: STT · Bộ, cơ quan, địa phương · Tổng số nhiệm vụ · Đã hoàn thành (Tổng
 * số, Đúng hạn, Quá hạn) · Chưa hoàn thành (Tổng số, Trong hạn, Không có thời hạn, Trong đó
 * thường xuyên, Quá hạn) · Chờ xác nhận · Thu hồi · Tỷ lệ hoàn thành (%) · Tỷ lệ quá hạn (%):
 * the same columns as the screen, the print view and the .docx report.
 */
export function openStatisticsSheet(
  workbook: ExportWorkbook,
  t: TFunction,
  titleLines: readonly string[],
  agencyNames: readonly string[],
  frame: DocumentFrame,
): ExportSheet {
  const c = (key: string) => t(`statistic.column.${key}`);
  const r = (key: string) => t(`report.column.${key}`);
  const count = { width: 11, numFmt: COUNT_FORMAT };
  const rate = { width: 13, numFmt: PERCENT_FORMAT };
  return openSheet(workbook, {
    sheetName: t("statistic.sheetStatistics"),
    titleLines,
    header: {
      rows: [
        [
          c("index"),
          c("agency"),
          c("total"),
          c("completed"),
          null,
          null,
          c("open"),
          null,
          null,
          null,
          null,
          r("awaiting"),
          r("cancelled"),
          c("completionRate"),
          c("overdueShare"),
        ],
        [
          null,
          null,
          null,
          c("subtotal"),
          c("onTime"),
          c("late"),
          c("subtotal"),
          c("withinDeadline"),
          r("noDeadline"),
          r("continuing"),
          c("overdue"),
          null,
          null,
          null,
          null,
        ],
      ],
      merges: [
        [1, 1, 2, 1],
        [1, 2, 2, 2],
        [1, 3, 2, 3],
        [1, 4, 1, 6],
        [1, 7, 1, 11],
        [1, 12, 2, 12],
        [1, 13, 2, 13],
        [1, 14, 2, 14],
        [1, 15, 2, 15],
      ],
    },
    columns: [
      { width: 6, align: "center" },
      { width: fitWidth([c("agency"), ...agencyNames], 28, 60), wrap: true },
      { ...count, width: 12 },
      count,
      count,
      count,
      count,
      count,
      count,
      count,
      count,
      count,
      count,
      rate,
      rate,
    ],
    frozenColumns: 2,
    frame,
    t,
  });
}

/** One line of the statistics table (the total row has no number). */
export function statisticsRow(index: number | null, name: string, cells: StatisticCells): Value[] {
  return [
    index,
    name,
    cells.total,
    cells.completed,
    cells.completedOnTime,
    cells.completedLate,
    cells.open,
    cells.withinDeadline,
    cells.noDeadline,
    cells.continuing,
    cells.overdue,
    cells.awaitingConfirmation,
    cells.cancelled,
    cells.completionRate ?? "–",
    cells.overdueShare ?? "–",
  ];
}

/** The overdue list: who leads, what, since when, and whether they still report. */
export function openOverdueSheet(
  workbook: ExportWorkbook,
  t: TFunction,
  titleLines: readonly string[],
  sample: readonly OverdueItem[],
  frame: DocumentFrame,
): ExportSheet {
  const c = (key: string) => t(`statistic.column.${key}`, { days: STALE_REPORT_DAYS });
  const texts = sample.map((item) => overdueRow(0, item, t));
  const column = (index: number) =>
    texts.map((row) => {
      const value = row[index];
      return value instanceof Date ? DATE_FORMAT : String(value ?? "");
    });
  return openSheet(workbook, {
    sheetName: t("statistic.sheetOverdue"),
    titleLines,
    header: {
      rows: [
        [
          c("index"),
          c("directive"),
          c("task"),
          c("lead"),
          c("coordinators"),
          c("deadlineWritten"),
          c("dueOn"),
          c("daysOverdue"),
          c("lastReport"),
          c("lastReportOn"),
          c("staleReport"),
          c("note"),
        ],
      ],
      merges: [],
    },
    columns: [
      { width: 6, align: "center" },
      { width: fitWidth(column(1), 12, 24) },
      { width: fitWidth(column(2), 30, 70), wrap: true },
      { width: fitWidth(column(3), 18, 40), wrap: true },
      { width: fitWidth(column(4), 16, 40), wrap: true },
      { width: fitWidth(column(5), 14, 30), wrap: true },
      { width: 12, align: "center" },
      { width: 11, numFmt: COUNT_FORMAT },
      { width: fitWidth(column(8), 24, 60), wrap: true },
      { width: 12, align: "center" },
      { width: 14, align: "center" },
      { width: fitWidth(column(11), 24, 60), wrap: true },
    ],
    frozenColumns: 0,
    frame,
    t,
  });
}

/**
 * A row of the overdue sheet: the directive by number and date, the lead agency (with its
 * successor of today, "(nay: Tuyên Quang)"), the deadline as written beside the one in force,
 * and as "Ghi chú" the latest difficulties and proposals reported.
 */
export function overdueRow(index: number, item: OverdueItem, t: TFunction): Value[] {
  const written = deadlineWording({
    kind: item.deadlineKind,
    deadline: item.deadline,
    days: item.deadlineDays,
  });
  const notes = [
    item.difficulties && t("report.difficulties", { text: item.difficulties }),
    item.proposals && t("report.proposals", { text: item.proposals }),
  ].filter(Boolean);
  return [
    index,
    t("report.directiveRef", {
      number: item.directive.number,
      date: formatDate(item.directive.issuedOn),
    }),
    item.clause === "" ? item.title : `${item.clause}. ${item.title}`,
    item.successorAgency
      ? `${item.leadAgency.name} ${t("report.now", { name: item.successorAgency.shortName })}`
      : item.leadAgency.name,
    item.coordinators.map((agency) => agency.shortName).join(", "),
    t(written.key, written.params),
    excelDate(item.dueOn),
    item.daysOverdue,
    item.lastProgressNote,
    item.lastProgressAt === null ? "" : excelDate(vnDate(new Date(item.lastProgressAt))),
    item.staleReport ? t("statistic.yes") : "",
    notes.join("\n"),
  ];
}
