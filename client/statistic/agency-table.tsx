import { Button, Group, Text } from "@mantine/core";
import cx from "clsx";
import { useTranslation } from "react-i18next";
import type { AgencyStatisticSort, SortDirection, StatisticCells } from "../../shared/statistic.ts";
import type { RouterOutputs } from "../trpc.ts";
import link from "../ui/plain-link.module.css";
import { useRouteLinks } from "../ui/route-links.ts";
import { TableScroll } from "../ui/table-scroll.tsx";
import { textTemplate } from "../ui/text-template.ts";
import { type FigureColumn, FigureTable } from "./figure-table.tsx";
import classes from "./statistic.module.css";
import { useStatisticFormat } from "./statistic-format.ts";
import {
  AGENCY_ROWS_SHOWN,
  CELL_LABEL_KEYS,
  statisticTasksHrefs,
  type UrlScope,
} from "./statistic-scope.ts";

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
 * The table's parts in pixels, measured in Chromium on 6 and 111 agencies (issue 13, nineteenth
 * round): its caption and two header rows; a row, on average (names of merged agencies take two
 * to four lines, on a phone more); the line under it that offers every agency.
 */
const TABLE_HEAD_HEIGHT = 175;
const TABLE_ROW_HEIGHT = { wide: 70, phone: 95 };
const FOLD_HEIGHT = { wide: 40, phone: 95 };

/**
 * About the table's height with `rows` agencies (all of them, or the first AGENCY_ROWS_SHOWN),
 * for its place on the page before it is drawn (client/ui/near-screen.tsx).
 */
export function agencyTableHeight(rows: number, all: boolean, phone: boolean): number {
  const layout = phone ? "phone" : "wide";
  const { folds, shown } = agencyRowsShown(rows, all);
  // The total row, then the agencies.
  return (
    TABLE_HEAD_HEIGHT + (shown + 1) * TABLE_ROW_HEIGHT[layout] + (folds ? FOLD_HEIGHT[layout] : 0)
  );
}

/** Whether the table folds (more agencies than AGENCY_ROWS_SHOWN), and how many rows it shows. */
function agencyRowsShown(rows: number, all: boolean): { folds: boolean; shown: number } {
  const folds = rows > AGENCY_ROWS_SHOWN;
  return { folds, shown: all || !folds ? rows : AGENCY_ROWS_SHOWN };
}

/**
 * One row per lead agency with the official cells, the rates and the average days overdue,
 * sorted by any column (the server sorts; the choice sits in the URL), the total row first.
 * Every count opens exactly the tasks it counts (statistic.tasks): a row's, those its agency led
 * at the time; the total row's, the whole scope. The first AGENCY_ROWS_SHOWN rows unless `all`.
 */
export function AgencyTable({
  rows,
  total,
  scope,
  sort,
  direction,
  onSort,
  all,
  onAll,
  caption,
}: {
  rows: readonly AgencyRow[];
  total: StatisticCells;
  scope: UrlScope;
  sort: AgencyStatisticSort;
  direction: SortDirection;
  onSort: (sort: AgencyStatisticSort, direction: SortDirection) => void;
  /** Every row, or the first AGENCY_ROWS_SHOWN (the choice sits in the URL). */
  all: boolean;
  onAll: (all: boolean) => void;
  caption: string;
}) {
  const { t } = useTranslation();
  const { count, percent, days } = useStatisticFormat();
  const routeLinks = useRouteLinks();
  const { folds, shown: shownCount } = agencyRowsShown(rows.length, all);
  const shown = rows.slice(0, shownCount);
  const c = (key: string) => t(`statistics.column.${key}`);
  const href = statisticTasksHrefs(scope);

  /**
   * A count opening exactly its tasks: of one lead agency of the time, or of the whole scope.
   * Plain elements with their texts worked out here: some 1,100 of them (a router Link, a
   * Mantine Anchor and a translation hook per cell made this table the statistics page's
   * longest task); `useRouteLinks` takes their clicks through the router.
   */
  const openList = textTemplate(t, "statistics.openList", ["count", "label"]);
  const rowLabel = textTemplate(t, "statistics.rowLabel", ["label", "agency"]);
  const countColumn = (column: CountColumn): FigureColumn<Row> => {
    const label = t(`statistics.cell.${CELL_LABEL_KEYS[column]}`);
    return {
      key: column,
      header: c(column),
      sort: column,
      cell: ({ cells, agency }) => {
        const value = cells[column];
        const text = count(value);
        if (value === 0) return <span className={classes.number}>{text}</span>;
        return (
          <a
            href={href(column, agency?.id)}
            className={cx(classes.number, link.link)}
            aria-label={openList({
              count: text,
              label: agency === null ? label : rowLabel({ label, agency: agency.name }),
            })}
          >
            {text}
          </a>
        );
      },
    };
  };

  return (
    <div ref={routeLinks}>
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
          rows={shown.map((row) => ({
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
      {folds && (
        <Group gap="sm" mt="xs">
          <Text size="sm" c="dimmed">
            {all
              ? t("statistics.allAgencyRows", { total: count(rows.length) })
              : t("statistics.firstAgencyRows", {
                  shown: count(shown.length),
                  total: count(rows.length),
                })}
          </Text>
          <Button variant="default" size="xs" onClick={() => onAll(!all)}>
            {all
              ? t("statistics.showFirstAgencies", { shown: count(AGENCY_ROWS_SHOWN) })
              : t("statistics.showAllAgencies", { total: count(rows.length) })}
          </Button>
        </Group>
      )}
    </div>
  );
}
