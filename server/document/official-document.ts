import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { TFunction } from "i18next";

/**
 * Administrative documents in the layout of Decree 30/2020/NĐ-CP (công tác văn thư), built with
 * `docx`: the pieces are reusable (a report, an urging letter "Công văn đôn đốc"…), each a
 * function returning paragraphs or tables. Times New Roman, body 14 pt, A4 with the decree's
 * margins (top and bottom 20 mm, left 30 mm, right 15 mm); appendices may be landscape.
 * The clerk gives the number and the date when the document is issued: they are left blank.
 */

export const FONT = "Times New Roman";
/** Half-points: 14 pt body, 13 pt for the header, 12 pt for tables and the national name, 11 pt notes. */
const SIZE = { body: 28, header: 26, table: 24, note: 22 } as const;
/** A4 in twips (210 × 297 mm), as Word writes it; docx turns it for landscape sections. */
const A4 = { width: 11906, height: 16838 } as const;

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; caps?: boolean };

function run({ text, bold, italics, size, caps }: Run): TextRun {
  return new TextRun({
    text: caps ? text.toLocaleUpperCase("vi") : text,
    bold,
    italics,
    size,
    font: FONT,
  });
}

function paragraph(
  runs: readonly Run[],
  options: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    before?: number;
    after?: number;
    indent?: boolean;
    underline?: boolean;
  } = {},
): Paragraph {
  const children: ParagraphChild[] = runs.map(run);
  return new Paragraph({
    alignment: options.align ?? AlignmentType.LEFT,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 276 },
    indent: options.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    children,
  });
}

/** A short rule under a line of the header (a bottom border on an empty narrow paragraph). */
function rule(widthPercent: number): Table {
  return new Table({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    alignment: AlignmentType.CENTER,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: {
              top: { style: BorderStyle.SINGLE, size: 6, color: "000000" },
              bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
              left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
              right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
            },
            children: [new Paragraph({ children: [] })],
          }),
        ],
      }),
    ],
  });
}

export type IssuingBody = {
  /** The body above the issuer ("BỘ CÔNG THƯƠNG" above "VĂN PHÒNG"), if any. */
  superior?: string | undefined;
  /** The issuing body, in bold capitals. */
  name: string;
  /** Its abbreviation in the symbol ("BCT" in "…/BC-BCT"). */
  abbreviation: string;
};

/**
 * The header block: on the left the issuing body and "Số: ……/KIND-ABBR"; on the right the
 * national name, the motto and "Hà Nội, ngày …… tháng …… năm 2026" (the day and month left for
 * the clerk). The fixed texts come from the translation layer (`report.*`).
 */
export function documentHeader(header: {
  t: TFunction;
  issuer: IssuingBody;
  /** The kind's abbreviation in the symbol: "BC" (báo cáo), "" for a letter ("…/BCT-VP"). */
  symbol: string;
  place: string;
  year: number;
  /** A letter's subject under its number ("V/v đôn đốc thực hiện nhiệm vụ …"). */
  subject?: string | undefined;
}): Table {
  const left = [
    ...(header.issuer.superior
      ? [
          paragraph([{ text: header.issuer.superior, caps: true, size: SIZE.header }], {
            align: AlignmentType.CENTER,
          }),
        ]
      : []),
    paragraph([{ text: header.issuer.name, bold: true, caps: true, size: SIZE.header }], {
      align: AlignmentType.CENTER,
    }),
    rule(40),
    paragraph([{ text: header.t("report.number", { symbol: header.symbol }), size: SIZE.header }], {
      align: AlignmentType.CENTER,
      before: 120,
    }),
    ...(header.subject
      ? [paragraph([{ text: header.subject, size: SIZE.table }], { align: AlignmentType.CENTER })]
      : []),
  ];
  const right = [
    paragraph([{ text: header.t("report.nationalName"), bold: true, size: SIZE.table }], {
      align: AlignmentType.CENTER,
    }),
    paragraph([{ text: header.t("report.motto"), bold: true, size: SIZE.body }], {
      align: AlignmentType.CENTER,
    }),
    rule(60),
    paragraph(
      [
        {
          text: header.t("report.placeAndDate", { place: header.place, year: header.year }),
          italics: true,
          size: SIZE.body,
        },
      ],
      {
        align: AlignmentType.CENTER,
        before: 120,
      },
    ),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3500, 6000],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 37, type: WidthType.PERCENTAGE }, children: left }),
          new TableCell({ width: { size: 63, type: WidthType.PERCENTAGE }, children: right }),
        ],
      }),
    ],
  });
}

/** The document kind and its subject, centred: "BÁO CÁO" / "Tình hình …". */
export function documentTitle(kind: string, subject: readonly string[]): Paragraph[] {
  return [
    paragraph([{ text: kind, bold: true, caps: true, size: SIZE.body }], {
      align: AlignmentType.CENTER,
      before: 360,
    }),
    ...subject.map((line) =>
      paragraph([{ text: line, bold: true, size: SIZE.body }], { align: AlignmentType.CENTER }),
    ),
    paragraph([{ text: "" }], { after: 120 }),
  ];
}

/** "Kính gửi: …", the addressee of a letter, centred under the header. */
export function addressee(label: string, name: string): Paragraph {
  return paragraph(
    [
      { text: `${label} `, size: SIZE.body },
      { text: name, size: SIZE.body },
    ],
    { align: AlignmentType.CENTER, before: 240, after: 240 },
  );
}

/** An empty line (after a table). */
export function spacer(): Paragraph {
  return paragraph([{ text: "" }], { after: 120 });
}

/** A paragraph of the body: justified, first line indented. */
export function bodyParagraph(text: string, options: { bold?: boolean } = {}): Paragraph {
  return paragraph([{ text, bold: options.bold, size: SIZE.body }], {
    align: AlignmentType.JUSTIFIED,
    indent: true,
    after: 120,
  });
}

/** A heading of the body ("I. KẾT QUẢ THỰC HIỆN"). */
export function bodyHeading(text: string): Paragraph {
  return paragraph([{ text, bold: true, size: SIZE.body }], {
    indent: true,
    before: 120,
    after: 120,
  });
}

/**
 * The appendix heading: "Phụ lục …", its title, "(Kèm theo Báo cáo số ……/BC-BCT ngày ……)"
 * and any line under it (the cut-off day).
 */
export function appendixHeading(appendix: {
  t: TFunction;
  label: string;
  title: string;
  parent: string;
  symbol: string;
  lines?: readonly string[];
}): Paragraph[] {
  return [
    paragraph([{ text: appendix.label, bold: true, caps: true, size: SIZE.body }], {
      align: AlignmentType.CENTER,
    }),
    paragraph([{ text: appendix.title, bold: true, size: SIZE.body }], {
      align: AlignmentType.CENTER,
    }),
    paragraph(
      [
        {
          text: appendix.t("report.appendixOf", {
            parent: appendix.parent,
            symbol: appendix.symbol,
          }),
          italics: true,
          size: SIZE.body,
        },
      ],
      { align: AlignmentType.CENTER },
    ),
    ...(appendix.lines ?? []).map((line) =>
      paragraph([{ text: line, italics: true, size: SIZE.body }], { align: AlignmentType.CENTER }),
    ),
    paragraph([{ text: "" }], { after: 120 }),
  ];
}

/** A header cell of a figures table: its text, and how many columns or rows it spans. */
export type HeaderCell = { text: string; columns?: number; rows?: number };

/** One cell of a body row: text, or a number written right-aligned. */
export type BodyCell =
  | string
  | { text: string; align?: "left" | "center" | "right"; bold?: boolean };

function cell(
  text: string,
  options: { bold?: boolean; align?: "left" | "center" | "right"; columns?: number; rows?: number },
): TableCell {
  const align =
    options.align === "right"
      ? AlignmentType.RIGHT
      : options.align === "center"
        ? AlignmentType.CENTER
        : AlignmentType.LEFT;
  return new TableCell({
    columnSpan: options.columns,
    rowSpan: options.rows,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [paragraph([{ text, bold: options.bold, size: SIZE.table }], { align })],
  });
}

/**
 * A bordered table with header rows (cells may span columns and rows, like the published
 * per-agency table) and body rows; `columnWidths` in twips.
 */
export function figuresTable(table: {
  header: readonly (readonly HeaderCell[])[];
  rows: readonly (readonly BodyCell[])[];
  columnWidths: readonly number[];
}): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [...table.columnWidths],
    rows: [
      ...table.header.map(
        (row) =>
          new TableRow({
            tableHeader: true,
            children: row.map((h) =>
              cell(h.text, { bold: true, align: "center", columns: h.columns, rows: h.rows }),
            ),
          }),
      ),
      ...table.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((c) =>
              typeof c === "string" ? cell(c, {}) : cell(c.text, { align: c.align, bold: c.bold }),
            ),
          }),
      ),
    ],
  });
}

/**
 * "Nơi nhận:" on the left (recipients, ending "Lưu: VT, …"), the signer on the right: the
 * authority ("KT. BỘ TRƯỞNG"), title, room for the signature, full name.
 */
export function recipientsAndSignature(block: {
  t: TFunction;
  recipients: readonly string[];
  authority: readonly string[];
  signerName: string;
}): Table {
  const left = [
    paragraph([
      { text: block.t("report.recipientsTitle"), bold: true, italics: true, size: SIZE.table },
    ]),
    ...block.recipients.map((line) => paragraph([{ text: `- ${line}`, size: SIZE.note }])),
  ];
  const right = [
    ...block.authority.map((line) =>
      paragraph([{ text: line, bold: true, caps: true, size: SIZE.body }], {
        align: AlignmentType.CENTER,
      }),
    ),
    paragraph([{ text: block.t("report.signHint"), italics: true, size: SIZE.note }], {
      align: AlignmentType.CENTER,
      after: 1200,
    }),
    paragraph([{ text: block.signerName, bold: true, size: SIZE.body }], {
      align: AlignmentType.CENTER,
    }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [4700, 4800],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [new TableCell({ children: left }), new TableCell({ children: right })],
      }),
    ],
  });
}

export type DocumentPart = {
  /** A4 portrait by default; landscape for wide appendices. */
  landscape?: boolean;
  children: readonly (Paragraph | Table)[];
};

/** The document: one section per part (the body, then each appendix on its own pages). */
export function officialDocument(
  parts: readonly DocumentPart[],
  meta: { title: string; creator: string },
) {
  return new Document({
    title: meta.title,
    creator: meta.creator,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: parts.map((part) => ({
      properties: {
        page: {
          size: {
            width: A4.width,
            height: A4.height,
            orientation: part.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            top: convertMillimetersToTwip(20),
            bottom: convertMillimetersToTwip(20),
            left: convertMillimetersToTwip(part.landscape ? 20 : 30),
            right: convertMillimetersToTwip(15),
          },
        },
      },
      children: [...part.children],
    })),
  });
}

/** The .docx file's bytes. */
export function documentBytes(document: Document): Promise<Buffer> {
  return Packer.toBuffer(document);
}
