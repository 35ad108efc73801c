import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { skipToken, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { symbolAbbreviation } from "../../shared/agency.ts";
import { formatDate, vnDate } from "../../shared/date.ts";
import { STALE_REPORT_DAYS, type StatisticCells } from "../../shared/statistic.ts";
import { useTRPC } from "../trpc.ts";
import { useCurrentUser, useToday } from "../ui/current-user.tsx";
import { type Column, DataTable } from "../ui/data-table.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { useUrlState } from "../ui/url-state.ts";
import { DocumentFooter, DocumentHeader } from "./document-frame.tsx";
import { type FigureColumn, FigureTable } from "./figure-table.tsx";
import type { OverdueItem } from "./overdue-table.tsx";
import { ScopeDescription } from "./scope-description.tsx";
import { useFiguresSentence } from "./statistic-cells.tsx";
import { PeriodOrderAlert } from "./statistic-filters.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import classes from "./statistic-print.module.css";
import {
  overdueScope,
  periodOutOfOrder,
  scopeFromParams,
  sortFromParams,
} from "./statistic-scope.ts";

/** The overdue tasks a printed page lists; the Excel file has them all. */
const PRINT_OVERDUE_MAX = 500;

/** The printed tables: ruled cells, tight rows, figures in columns. */
const PRINTED_TABLE = {
  className: classes.table,
  withTableBorder: true,
  withColumnBorders: true,
  verticalSpacing: 4,
  horizontalSpacing: 6,
  tabularNums: true,
};

/** A wide table scrolls sideways on narrow screens, by keyboard too. */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <section className={classes.scroll} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/**
 * The statistics as a printed report (A4 landscape; a browser saves it as PDF): the title, the
 * scope and cut-off day, the four cells, the per-agency table with the nested headers of the
 * published appendix, and the overdue list.
 */
export function StatisticPrintPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { search } = useLocation();
  const { params } = useUrlState();
  const scope = scopeFromParams(params);
  const { sort, direction } = sortFromParams(params);
  const valid = !periodOutOfOrder(scope);
  const { count, percent } = useStatisticFormat();
  const today = useToday();
  const user = useCurrentUser();
  const issuer = useQuery(trpc.agency.byIds.queryOptions({ ids: [user.agencyId] }));
  const agency = issuer.data?.[0];
  const symbol = agency ? symbolAbbreviation(agency) : "";
  const sentence = useFiguresSentence();
  const c = (key: string) => t(`statistic.column.${key}`, { days: STALE_REPORT_DAYS });

  const table = useQuery(
    trpc.statistic.byAgency.queryOptions(valid ? { ...scope, sort, direction } : skipToken),
  );
  const overdue = useQuery(
    trpc.statistic.overdue.queryOptions(
      valid ? { ...overdueScope(scope), page: 1, pageSize: PRINT_OVERDUE_MAX } : skipToken,
    ),
  );
  const countColumn = (
    key: "total" | "completed" | "completedOnTime" | "completedLate" | "open" | "overdue",
    header: string,
  ): FigureColumn<StatisticCells> => ({ key, header: c(header), cell: (row) => count(row[key]) });
  const rateColumn = (key: "completionRate" | "overdueShare"): FigureColumn<StatisticCells> => ({
    key,
    header: c(key),
    cell: (row) => percent(row[key]),
  });
  const overdueColumns: Column<OverdueItem>[] = [
    { key: "index", header: c("index"), align: "center", cell: (_, index) => count(index + 1) },
    {
      key: "directive",
      header: c("directive"),
      nowrap: true,
      cell: (item) => item.directive.number,
    },
    {
      key: "task",
      header: c("task"),
      cell: (item) => (item.clause === "" ? item.title : `${item.clause}. ${item.title}`),
    },
    { key: "lead", header: c("lead"), cell: (item) => item.leadAgency.name },
    {
      key: "coordinators",
      header: c("coordinators"),
      cell: (item) => item.coordinators.map((agency) => agency.shortName).join(", "),
    },
    { key: "dueOn", header: c("dueOn"), align: "center", cell: (item) => formatDate(item.dueOn) },
    {
      key: "daysOverdue",
      header: c("daysOverdue"),
      align: "right",
      headerAlign: "center",
      cell: (item) => count(item.daysOverdue),
    },
    { key: "lastReport", header: c("lastReport"), cell: (item) => item.lastProgressNote },
    {
      key: "lastReportOn",
      header: c("lastReportOn"),
      align: "center",
      cell: (item) =>
        item.lastProgressAt === null ? "" : formatDate(vnDate(new Date(item.lastProgressAt))),
    },
    {
      key: "staleReport",
      header: c("staleReport"),
      align: "center",
      cell: (item) => (item.staleReport ? t("statistic.yes") : ""),
    },
  ];

  return (
    <div className={classes.root}>
      <PageTitle title={t("statistics.printTitle")} />
      <Group className={classes.noPrint} justify="space-between" mb="md">
        <Button component={Link} to={`/statistics${search}`} variant="subtle">
          {t("statistics.backToStatistics")}
        </Button>
        <Button onClick={() => window.print()}>{t("statistics.printButton")}</Button>
      </Group>

      <DocumentHeader symbol={`BC-${symbol}`} />
      <Stack gap={2} align="center" mb="md" className={classes.heading}>
        <Title order={1} className={classes.title}>
          {t("statistic.titleStatistics")}
        </Title>
        <Text fs="italic">
          <ScopeDescription scope={scope} />
        </Text>
        <Text fs="italic">
          {t("statistic.asOf", {
            date: formatDate(table.data?.asOf ?? scope.asOf ?? today),
          })}
        </Text>
      </Stack>

      {!valid ? (
        <PeriodOrderAlert />
      ) : (
        <QueryView query={table} lines={8}>
          {(data) => (
            <>
              <Text mb="sm">{sentence(data.total)}</Text>
              <ScrollRegion label={t("statistics.printTableCaption")}>
                <FigureTable<StatisticCells>
                  {...PRINTED_TABLE}
                  caption={t("statistics.printTableCaption")}
                  captionClassName={classes.caption}
                  totalRowClassName={classes.totalRow}
                  indexHeader={c("index")}
                  nameHeader={c("agency")}
                  headers={[
                    countColumn("total", "total"),
                    {
                      key: "completed",
                      group: c("completed"),
                      columns: [
                        countColumn("completed", "subtotal"),
                        countColumn("completedOnTime", "onTime"),
                        countColumn("completedLate", "late"),
                      ],
                    },
                    {
                      key: "open",
                      group: c("open"),
                      columns: [
                        countColumn("open", "subtotal"),
                        {
                          key: "within",
                          header: c("withinDeadline"),
                          cell: (cells) => count(cells.open - cells.overdue),
                        },
                        countColumn("overdue", "overdue"),
                      ],
                    },
                    rateColumn("completionRate"),
                    rateColumn("overdueShare"),
                  ]}
                  total={data.total}
                  rows={data.rows.map((row) => ({
                    id: row.agency.id,
                    name: row.agency.name,
                    row,
                  }))}
                />
              </ScrollRegion>
              <Text size="sm" fs="italic" mt="xs">
                {t("statistic.statisticsNote")}
              </Text>
            </>
          )}
        </QueryView>
      )}

      {valid && (
        <section className={classes.overdueSection} aria-labelledby="print-overdue-title">
          <Stack gap={2} align="center" mt="xl" mb="md">
            <Title order={2} id="print-overdue-title" className={classes.title}>
              {t("statistic.titleOverdue")}
            </Title>
            {overdue.data && (
              <Text fs="italic">
                {t("statistic.asOf", { date: formatDate(overdue.data.today) })}
              </Text>
            )}
          </Stack>
          <QueryView query={overdue} lines={6}>
            {(data) =>
              data.items.length === 0 ? (
                <Text>{t("statistics.printNoOverdue")}</Text>
              ) : (
                <>
                  {data.total > data.items.length && (
                    <Text size="sm" mb="xs">
                      {t("statistics.printOverdueMore", {
                        shown: count(data.items.length),
                        total: count(data.total),
                      })}
                    </Text>
                  )}
                  <ScrollRegion label={t("statistic.titleOverdue")}>
                    <DataTable
                      {...PRINTED_TABLE}
                      striped={false}
                      highlightOnHover={false}
                      caption={t("statistic.titleOverdue")}
                      rows={data.items}
                      rowKey={(item) => item.id}
                      columns={overdueColumns}
                    />
                  </ScrollRegion>
                </>
              )
            }
          </QueryView>
        </section>
      )}
      <DocumentFooter />
    </div>
  );
}
