import { Table, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AgencyStatisticSort, SortDirection, StatisticCells } from "../../shared/statistic.ts";
import type { Timeliness } from "../../shared/timeliness.ts";
import type { RouterOutputs } from "../trpc.ts";
import classes from "./statistic.module.css";
import { CountLink } from "./statistic-cells.tsx";
import {
  CELL_CATEGORIES,
  overdueHref,
  taskListHref,
  type UrlScope,
  useStatisticFormat,
} from "./statistic-scope.ts";

type AgencyRow = RouterOutputs["statistic"]["byAgency"]["rows"][number];

type CountColumn = {
  sort: AgencyStatisticSort &
    keyof Pick<
      StatisticCells,
      | "total"
      | "completed"
      | "completedOnTime"
      | "completedLate"
      | "open"
      | "withinDeadline"
      | "noDeadline"
      | "overdue"
    >;
  /** The task list's categories; none for the overdue list. */
  categories: readonly Timeliness[] | null;
  labelKey: string;
};

const COMPLETED_COLUMNS: readonly CountColumn[] = [
  { sort: "completed", categories: CELL_CATEGORIES.completed, labelKey: "completed" },
  {
    sort: "completedOnTime",
    categories: CELL_CATEGORIES.completedOnTime,
    labelKey: "completedOnTime",
  },
  { sort: "completedLate", categories: CELL_CATEGORIES.completedLate, labelKey: "completedLate" },
];

const OPEN_COLUMNS: readonly CountColumn[] = [
  { sort: "open", categories: CELL_CATEGORIES.open, labelKey: "open" },
  {
    sort: "withinDeadline",
    categories: CELL_CATEGORIES.withinDeadline,
    labelKey: "withinDeadlineOnly",
  },
  { sort: "noDeadline", categories: CELL_CATEGORIES.noDeadline, labelKey: "noDeadline" },
  { sort: "overdue", categories: null, labelKey: "overdue" },
];

const RATE_COLUMNS = ["completionRate", "onTimeRate", "overdueShare"] as const;

/** Numbers read best descending first; names ascending. */
function firstDirection(sort: AgencyStatisticSort): SortDirection {
  return sort === "name" ? "asc" : "desc";
}

function SortHeader({
  column,
  sort,
  direction,
  onSort,
  children,
  rowSpan,
  numeric = true,
}: {
  column: AgencyStatisticSort;
  sort: AgencyStatisticSort;
  direction: SortDirection;
  onSort: (sort: AgencyStatisticSort, direction: SortDirection) => void;
  children: ReactNode;
  rowSpan?: number;
  numeric?: boolean;
}) {
  const active = column === sort;
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
          onSort(column, active ? (direction === "asc" ? "desc" : "asc") : firstDirection(column))
        }
      >
        {children}
        <span aria-hidden="true">{active ? (direction === "asc" ? "▲" : "▼") : "↕"}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * One row per lead agency with the official cells, the rates and the average days overdue,
 * sorted by any column (the server sorts; the choice sits in the URL), the total row first.
 * Every count opens the matching task list.
 */
export function AgencyTable({
  rows,
  total,
  scope,
  sort,
  direction,
  onSort,
  caption,
}: {
  rows: readonly AgencyRow[];
  total: StatisticCells;
  scope: UrlScope;
  sort: AgencyStatisticSort;
  direction: SortDirection;
  onSort: (sort: AgencyStatisticSort, direction: SortDirection) => void;
  caption: string;
}) {
  const { t } = useTranslation();
  const { count, percent, days } = useStatisticFormat();
  const c = (key: string) => t(`statistics.column.${key}`);
  const header = { sort, direction, onSort };

  const countCell = (cells: StatisticCells, column: CountColumn, lead: number | undefined) => {
    const label = t(`statistics.cell.${column.labelKey}`);
    return (
      <Table.Td key={column.sort} ta="right">
        <CountLink
          value={cells[column.sort]}
          label={label}
          to={
            column.categories === null
              ? overdueHref(scope, lead)
              : taskListHref(scope, { timeliness: column.categories, lead })
          }
        />
      </Table.Td>
    );
  };

  const cellsOf = (cells: StatisticCells, lead: number | undefined) => (
    <>
      <Table.Td ta="right">
        <CountLink
          value={cells.total}
          label={t("statistics.cell.total")}
          to={taskListHref(scope, { timeliness: CELL_CATEGORIES.total, lead })}
        />
      </Table.Td>
      {COMPLETED_COLUMNS.map((column) => countCell(cells, column, lead))}
      {OPEN_COLUMNS.map((column) => countCell(cells, column, lead))}
      {RATE_COLUMNS.map((rate) => (
        <Table.Td key={rate} ta="right" style={{ whiteSpace: "nowrap" }}>
          {percent(cells[rate])}
        </Table.Td>
      ))}
      <Table.Td ta="right">{days(cells.avgDaysOverdue)}</Table.Td>
    </>
  );

  return (
    <Table.ScrollContainer minWidth={1180}>
      <Table
        className={classes.agencyTable}
        captionSide="top"
        striped
        highlightOnHover
        withTableBorder
        verticalSpacing="xs"
        tabularNums
      >
        <Table.Caption>{caption}</Table.Caption>
        <colgroup>
          <col />
          <col />
          <col />
        </colgroup>
        <colgroup span={3} />
        <colgroup span={4} />
        <colgroup>
          <col />
          <col />
          <col />
          <col />
        </colgroup>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" rowSpan={2}>
              {c("index")}
            </Table.Th>
            <SortHeader column="name" rowSpan={2} numeric={false} {...header}>
              {c("agency")}
            </SortHeader>
            <SortHeader column="total" rowSpan={2} {...header}>
              {c("total")}
            </SortHeader>
            <Table.Th scope="colgroup" colSpan={3}>
              {c("completedGroup")}
            </Table.Th>
            <Table.Th scope="colgroup" colSpan={4}>
              {c("openGroup")}
            </Table.Th>
            {RATE_COLUMNS.map((rate) => (
              <SortHeader key={rate} column={rate} rowSpan={2} {...header}>
                {c(rate)}
              </SortHeader>
            ))}
            <SortHeader column="avgDaysOverdue" rowSpan={2} {...header}>
              {c("avgDaysOverdue")}
            </SortHeader>
          </Table.Tr>
          <Table.Tr>
            {[...COMPLETED_COLUMNS, ...OPEN_COLUMNS].map((column) => (
              <SortHeader key={column.sort} column={column.sort} {...header}>
                {c(column.sort)}
              </SortHeader>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr className={classes.totalRow}>
            <Table.Td />
            <Table.Th scope="row">{t("statistic.totalRow")}</Table.Th>
            {cellsOf(total, scope.agencyId)}
          </Table.Tr>
          {rows.map((row, index) => (
            <Table.Tr key={row.agency.id}>
              <Table.Td ta="center">{count(index + 1)}</Table.Td>
              <Table.Th scope="row" fw={500}>
                {row.agency.name}
              </Table.Th>
              {cellsOf(row, row.agency.id)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
