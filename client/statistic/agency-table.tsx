import { useTranslation } from "react-i18next";
import type { AgencyStatisticSort, SortDirection, StatisticCells } from "../../shared/statistic.ts";
import type { RouterOutputs } from "../trpc.ts";
import { TableScroll } from "../ui/table-scroll.tsx";
import { type FigureColumn, FigureTable } from "./figure-table.tsx";
import classes from "./statistic.module.css";
import { CountLink } from "./statistic-cells.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import { CELL_LABEL_KEYS, statisticTasksHref, type UrlScope } from "./statistic-scope.ts";

type AgencyRow = RouterOutputs["statistic"]["byAgency"]["rows"][number];
/** A row's figures and, but for the total row, its lead agency of the time. */
type Row = { cells: StatisticCells; agency: AgencyRow["agency"] | null };

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
    | "awaitingConfirmation"
    | "cancelled"
    | "continuing"
  );

const COMPLETED_COLUMNS: readonly CountColumn[] = ["completed", "completedOnTime", "completedLate"];
const OPEN_COLUMNS: readonly CountColumn[] = [
  "open",
  "withinDeadline",
  "noDeadline",
  "continuing",
  "overdue",
];
const RATE_COLUMNS = ["completionRate", "onTimeRate", "overdueShare"] as const;

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
  const { percent, days } = useStatisticFormat();
  const c = (key: string) => t(`statistics.column.${key}`);

  /** A count opening exactly its tasks: of one lead agency of the time, or of the whole scope. */
  const countColumn = (column: CountColumn): FigureColumn<Row> => ({
    key: column,
    header: c(column),
    sort: column,
    cell: ({ cells, agency }) => {
      const label = t(`statistics.cell.${CELL_LABEL_KEYS[column]}`);
      return (
        <CountLink
          value={cells[column]}
          label={agency === null ? label : t("statistics.rowLabel", { label, agency: agency.name })}
          to={statisticTasksHref(scope, column, agency?.id)}
        />
      );
    },
  });

  return (
    <TableScroll minWidth={1340} label={caption}>
      <FigureTable<Row>
        className={classes.agencyTable}
        captionSide="top"
        striped
        highlightOnHover
        withTableBorder
        verticalSpacing="xs"
        tabularNums
        caption={caption}
        totalRowClassName={classes.totalRow}
        sorting={{ sort, direction, onSort }}
        indexHeader={c("index")}
        nameHeader={c("agency")}
        headers={[
          countColumn("total"),
          {
            key: "completedGroup",
            group: c("completedGroup"),
            columns: COMPLETED_COLUMNS.map(countColumn),
          },
          { key: "openGroup", group: c("openGroup"), columns: OPEN_COLUMNS.map(countColumn) },
          countColumn("awaitingConfirmation"),
          countColumn("cancelled"),
          ...RATE_COLUMNS.map(
            (rate): FigureColumn<Row> => ({
              key: rate,
              header: c(rate),
              sort: rate,
              nowrap: true,
              cell: ({ cells }) => percent(cells[rate]),
            }),
          ),
          {
            key: "avgDaysOverdue",
            header: c("avgDaysOverdue"),
            sort: "avgDaysOverdue",
            cell: ({ cells }) => days(cells.avgDaysOverdue),
          },
        ]}
        total={{ cells: total, agency: null }}
        rows={rows.map((row) => ({
          id: row.agency.id,
          name:
            row.formerAgencies.length === 0
              ? row.agency.name
              : `${row.agency.name} ${t("statistics.formerAgencies", {
                  names: [...new Set(row.formerAgencies.map((a) => a.shortName))].join(", "),
                })}`,
          row: { cells: row, agency: row.agency },
        }))}
      />
    </TableScroll>
  );
}
