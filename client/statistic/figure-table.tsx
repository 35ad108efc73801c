import { Table, type TableProps, UnstyledButton } from "@mantine/core";
import cx from "clsx";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AgencyStatisticSort, SortDirection } from "../../shared/statistic.ts";
import classes from "./statistic.module.css";
import { useStatisticFormat } from "./statistic-format.ts";

/** A column of figures: its header, its cell in a row, and the sort it stands for (on screen). */
export type FigureColumn<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  sort?: AgencyStatisticSort;
  /** Rates keep "2,76%" on one line. */
  nowrap?: boolean;
};

/** A column over both header rows, or a group that names its columns in the row above them. */
export type FigureHeader<Row> =
  | FigureColumn<Row>
  | { key: string; group: ReactNode; columns: readonly FigureColumn<Row>[] };

export type Sorting = {
  sort: AgencyStatisticSort;
  direction: SortDirection;
  onSort: (sort: AgencyStatisticSort, direction: SortDirection) => void;
};

function isGroup<Row>(
  header: FigureHeader<Row>,
): header is Extract<FigureHeader<Row>, { group: ReactNode }> {
  return "group" in header;
}

/** Numbers read best descending first; names ascending. */
function firstDirection(sort: AgencyStatisticSort): SortDirection {
  return sort === "name" ? "asc" : "desc";
}

/** A header cell; with `sorting` and a sort of its own, a button that sorts by it. */
function HeaderCell({
  sort,
  sorting,
  rowSpan,
  numeric = true,
  children,
}: {
  sort: AgencyStatisticSort | undefined;
  sorting: Sorting | undefined;
  rowSpan?: number;
  numeric?: boolean;
  children: ReactNode;
}) {
  if (sort === undefined || sorting === undefined) {
    return (
      <Table.Th scope="col" rowSpan={rowSpan}>
        {children}
      </Table.Th>
    );
  }
  const active = sort === sorting.sort;
  const { direction } = sorting;
  return (
    <Table.Th
      scope="col"
      rowSpan={rowSpan}
      ta={numeric ? "right" : "left"}
      aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <UnstyledButton
        className={classes.sortButton}
        onClick={() =>
          sorting.onSort(
            sort,
            active ? (direction === "asc" ? "desc" : "asc") : firstDirection(sort),
          )
        }
      >
        {children}
        <span aria-hidden="true">{active ? (direction === "asc" ? "▲" : "▼") : "↕"}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * The class names and data attributes Mantine's Table.Tr, Table.Th and Table.Td give a body row
 * and its cells in a table of these props (striped, lit under the pointer, borders).
 */
function bodyParts({
  striped,
  highlightOnHover,
  withRowBorders = true,
  withColumnBorders,
}: Pick<TableProps, "striped" | "highlightOnHover" | "withRowBorders" | "withColumnBorders">) {
  const { tr, td, th } = Table.classes;
  return {
    row: {
      className: tr,
      "data-striped": striped === true ? "odd" : striped || undefined,
      "data-hover": highlightOnHover || undefined,
      "data-with-row-border": withRowBorders || undefined,
    },
    cell: { "data-with-column-border": withColumnBorders || undefined },
    index: cx(td, classes.indexCell),
    name: th,
    figure: cx(td, classes.figureCell),
    figureNowrap: cx(td, classes.figureCell, classes.nowrap),
  };
}

/**
 * The per-agency table of the published appendix, on screen and in print: number and agency,
 * then the figure columns, the grouped ones ("Đã hoàn thành": tổng số, đúng hạn, quá hạn) under
 * a header over two rows; the total row first, then one row per agency.
 */
export function FigureTable<Row>({
  headers,
  indexHeader,
  nameHeader,
  total,
  rows,
  caption,
  captionClassName,
  totalRowClassName,
  sorting,
  ...tableProps
}: {
  headers: readonly FigureHeader<Row>[];
  indexHeader: ReactNode;
  nameHeader: ReactNode;
  total: Row;
  rows: readonly { id: number; name: string; row: Row }[];
  caption: ReactNode;
  captionClassName?: string;
  totalRowClassName?: string;
  sorting?: Sorting;
} & Omit<TableProps, "children" | "data">) {
  const { t } = useTranslation();
  const { count } = useStatisticFormat();
  const columns = headers.flatMap((header) => (isGroup(header) ? header.columns : [header]));
  // Single columns side by side share a colgroup; each group is one.
  const colgroups: ({ key: string; span: number } | { key: string; cols: string[] })[] = [];
  for (const header of [{ key: "index" }, { key: "name" }, ...headers]) {
    const last = colgroups.at(-1);
    if ("group" in header) colgroups.push({ key: header.key, span: header.columns.length });
    else if (last && "cols" in last) last.cols.push(header.key);
    else colgroups.push({ key: header.key, cols: [header.key] });
  }
  // The body is drawn as plain elements with the classes and marks Mantine's Table.Tr and
  // Table.Td would give them in this table: a table of a hundred agencies has some 1,800 cells,
  // and a Mantine cell costs many times a <td> to render (its props, styles and context).
  const body = bodyParts(tableProps);
  const cells = (row: Row) =>
    columns.map((column) => (
      <td
        key={column.key}
        {...body.cell}
        className={column.nowrap ? body.figureNowrap : body.figure}
      >
        {column.cell(row)}
      </td>
    ));

  return (
    <Table {...tableProps}>
      <Table.Caption className={captionClassName}>{caption}</Table.Caption>
      {colgroups.map((group) =>
        "span" in group ? (
          <colgroup key={group.key} span={group.span} />
        ) : (
          <colgroup key={group.key}>
            {group.cols.map((key) => (
              <col key={key} />
            ))}
          </colgroup>
        ),
      )}
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" rowSpan={2}>
            {indexHeader}
          </Table.Th>
          <HeaderCell sort="name" sorting={sorting} rowSpan={2} numeric={false}>
            {nameHeader}
          </HeaderCell>
          {headers.map((header) =>
            isGroup(header) ? (
              <Table.Th key={header.key} scope="colgroup" colSpan={header.columns.length}>
                {header.group}
              </Table.Th>
            ) : (
              <HeaderCell key={header.key} sort={header.sort} sorting={sorting} rowSpan={2}>
                {header.header}
              </HeaderCell>
            ),
          )}
        </Table.Tr>
        <Table.Tr>
          {headers.filter(isGroup).flatMap((group) =>
            group.columns.map((column) => (
              <HeaderCell key={column.key} sort={column.sort} sorting={sorting}>
                {column.header}
              </HeaderCell>
            )),
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <tr {...body.row} className={cx(body.row.className, totalRowClassName)}>
          <td {...body.cell} className={body.index} />
          <th scope="row" {...body.cell} className={body.name}>
            {t("statistic.totalRow")}
          </th>
          {cells(total)}
        </tr>
        {rows.map((item, index) => (
          <tr key={item.id} {...body.row}>
            <td {...body.cell} className={body.index}>
              {count(index + 1)}
            </td>
            <th scope="row" {...body.cell} className={cx(body.name, classes.agencyName)}>
              {item.name}
            </th>
            {cells(item.row)}
          </tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
