import { Table, type TableProps, UnstyledButton } from "@mantine/core";
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
  const cells = (row: Row) =>
    columns.map((column) => (
      <Table.Td
        key={column.key}
        ta="right"
        style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}
      >
        {column.cell(row)}
      </Table.Td>
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
        <Table.Tr className={totalRowClassName}>
          <Table.Td />
          <Table.Th scope="row">{t("statistic.totalRow")}</Table.Th>
          {cells(total)}
        </Table.Tr>
        {rows.map((item, index) => (
          <Table.Tr key={item.id}>
            <Table.Td ta="center">{count(index + 1)}</Table.Td>
            <Table.Th scope="row" fw={500}>
              {item.name}
            </Table.Th>
            {cells(item.row)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
