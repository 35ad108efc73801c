import { Table, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AgencyStatisticSort, SortDirection, StatisticCells } from "../../shared/statistic.ts";
import type { RouterOutputs } from "../trpc.ts";
import classes from "./statistic.module.css";
import { CountLink } from "./statistic-cells.tsx";
import {
  CELL_LABEL_KEYS,
  statisticTasksHref,
  type UrlScope,
  useStatisticFormat,
} from "./statistic-scope.ts";

type AgencyRow = RouterOutputs["statistic"]["byAgency"]["rows"][number];

/** A count column: its figure, which is also its sort and the list its numbers open. */
type CountColumn = AgencyStatisticSort &
  (
    | "total"
    | "completed"
    | "completedOnTime"
    | "completedLate"
    | "open"
    | "withinDeadline"
    | "noDeadline"
    | "overdue"
  );

const COMPLETED_COLUMNS: readonly CountColumn[] = ["completed", "completedOnTime", "completedLate"];
const OPEN_COLUMNS: readonly CountColumn[] = ["open", "withinDeadline", "noDeadline", "overdue"];

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
 * Every count opens exactly the tasks it counts (statistic.tasks): a row's, those its agency led
 * at the time; the total row's, the whole scope.
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

  /** A count opening exactly its tasks: of one lead agency of the time, or of the whole scope. */
  const countCell = (
    cells: StatisticCells,
    column: CountColumn,
    agency: AgencyRow["agency"] | null,
  ) => {
    const label = t(`statistics.cell.${CELL_LABEL_KEYS[column]}`);
    return (
      <Table.Td key={column} ta="right">
        <CountLink
          value={cells[column]}
          label={agency === null ? label : t("statistics.rowLabel", { label, agency: agency.name })}
          to={statisticTasksHref(scope, column, agency?.id)}
        />
      </Table.Td>
    );
  };

  const cellsOf = (cells: StatisticCells, agency: AgencyRow["agency"] | null) => (
    <>
      {countCell(cells, "total", agency)}
      {COMPLETED_COLUMNS.map((column) => countCell(cells, column, agency))}
      {OPEN_COLUMNS.map((column) => countCell(cells, column, agency))}
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
              <SortHeader key={column} column={column} {...header}>
                {c(column)}
              </SortHeader>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr className={classes.totalRow}>
            <Table.Td />
            <Table.Th scope="row">{t("statistic.totalRow")}</Table.Th>
            {cellsOf(total, null)}
          </Table.Tr>
          {rows.map((row, index) => (
            <Table.Tr key={row.agency.id}>
              <Table.Td ta="center">{count(index + 1)}</Table.Td>
              <Table.Th scope="row" fw={500}>
                {row.agency.name}
              </Table.Th>
              {cellsOf(row, row.agency)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
