import { Alert, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { skipToken, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { formatDate, vnDate } from "../../shared/date.ts";
import { STALE_REPORT_DAYS, type StatisticCells } from "../../shared/statistic.ts";
import { useTRPC } from "../trpc.ts";
import { useToday } from "../ui/current-user.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { LoadingLines } from "../ui/loading.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { useUrlState } from "../ui/url-state.ts";
import { useScopeDescription } from "./scope-description.ts";
import classes from "./statistic-print.module.css";
import {
  overdueScope,
  periodOutOfOrder,
  scopeFromParams,
  sortFromParams,
  useStatisticFormat,
} from "./statistic-scope.ts";

/** The overdue tasks a printed page lists; the Excel file has them all. */
const PRINT_OVERDUE_MAX = 500;

/** A wide table scrolls sideways on narrow screens, by keyboard too. */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <section className={classes.scroll} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

function OfficialRow({
  index,
  name,
  cells,
  total = false,
}: {
  index: number | null;
  name: string;
  cells: StatisticCells;
  total?: boolean;
}) {
  const { count, percent } = useStatisticFormat();
  return (
    <Table.Tr className={total ? classes.totalRow : undefined}>
      <Table.Td ta="center">{index === null ? "" : count(index)}</Table.Td>
      <Table.Th scope="row">{name}</Table.Th>
      <Table.Td ta="right">{count(cells.total)}</Table.Td>
      <Table.Td ta="right">{count(cells.completed)}</Table.Td>
      <Table.Td ta="right">{count(cells.completedOnTime)}</Table.Td>
      <Table.Td ta="right">{count(cells.completedLate)}</Table.Td>
      <Table.Td ta="right">{count(cells.open)}</Table.Td>
      <Table.Td ta="right">{count(cells.open - cells.overdue)}</Table.Td>
      <Table.Td ta="right">{count(cells.overdue)}</Table.Td>
      <Table.Td ta="right">{percent(cells.completionRate)}</Table.Td>
      <Table.Td ta="right">{percent(cells.overdueShare)}</Table.Td>
    </Table.Tr>
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
  const description = useScopeDescription(scope);
  const { count, percent } = useStatisticFormat();
  const today = useToday();
  const c = (key: string) => t(`statistic.column.${key}`, { days: STALE_REPORT_DAYS });

  const table = useQuery(
    trpc.statistic.byAgency.queryOptions(valid ? { ...scope, sort, direction } : skipToken),
  );
  const overdue = useQuery(
    trpc.statistic.overdue.queryOptions(
      valid ? { ...overdueScope(scope), page: 1, pageSize: PRINT_OVERDUE_MAX } : skipToken,
    ),
  );
  const cells = table.data?.total;

  return (
    <div className={classes.root}>
      <PageTitle title={t("statistics.printTitle")} />
      <Group className={classes.noPrint} justify="space-between" mb="md">
        <Button component={Link} to={`/statistics${search}`} variant="subtle">
          {t("statistics.backToStatistics")}
        </Button>
        <Button onClick={() => window.print()}>{t("statistics.printButton")}</Button>
      </Group>

      <Stack gap={2} align="center" mb="md" className={classes.heading}>
        <Title order={1} className={classes.title}>
          {t("statistic.titleStatistics")}
        </Title>
        <Text fs="italic">{description}</Text>
        <Text fs="italic">
          {t("statistic.asOf", {
            date: formatDate(table.data?.asOf ?? scope.asOf ?? today),
          })}
        </Text>
      </Stack>

      {!valid ? (
        <Alert color="red" variant="light" role="alert">
          {t("validation.dateRange")}
        </Alert>
      ) : table.isPending ? (
        <LoadingLines lines={8} />
      ) : table.isError ? (
        <ErrorView error={table.error} onRetry={() => void table.refetch()} />
      ) : (
        <>
          {cells && (
            <Text mb="sm">
              {t("statistics.summary", {
                total: count(cells.total),
                completed: count(cells.completed),
                completionRate: percent(cells.completionRate),
                onTime: count(cells.completedOnTime),
                late: count(cells.completedLate),
                within: count(cells.open - cells.overdue),
                overdue: count(cells.overdue),
                overdueShare: percent(cells.overdueShare),
              })}
            </Text>
          )}
          <ScrollRegion label={t("statistics.printTableCaption")}>
            <Table
              className={classes.table}
              withTableBorder
              withColumnBorders
              verticalSpacing={4}
              horizontalSpacing={6}
              tabularNums
            >
              <Table.Caption className={classes.caption}>
                {t("statistics.printTableCaption")}
              </Table.Caption>
              <colgroup>
                <col />
                <col />
                <col />
              </colgroup>
              <colgroup span={3} />
              <colgroup span={3} />
              <colgroup>
                <col />
                <col />
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" rowSpan={2}>
                    {c("index")}
                  </Table.Th>
                  <Table.Th scope="col" rowSpan={2}>
                    {c("agency")}
                  </Table.Th>
                  <Table.Th scope="col" rowSpan={2}>
                    {c("total")}
                  </Table.Th>
                  <Table.Th scope="colgroup" colSpan={3}>
                    {c("completed")}
                  </Table.Th>
                  <Table.Th scope="colgroup" colSpan={3}>
                    {c("open")}
                  </Table.Th>
                  <Table.Th scope="col" rowSpan={2}>
                    {c("completionRate")}
                  </Table.Th>
                  <Table.Th scope="col" rowSpan={2}>
                    {c("overdueShare")}
                  </Table.Th>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="col">{c("subtotal")}</Table.Th>
                  <Table.Th scope="col">{c("onTime")}</Table.Th>
                  <Table.Th scope="col">{c("late")}</Table.Th>
                  <Table.Th scope="col">{c("subtotal")}</Table.Th>
                  <Table.Th scope="col">{c("withinDeadline")}</Table.Th>
                  <Table.Th scope="col">{c("overdue")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <OfficialRow
                  index={null}
                  name={t("statistic.totalRow")}
                  cells={table.data.total}
                  total
                />
                {table.data.rows.map((row, index) => (
                  <OfficialRow
                    key={row.agency.id}
                    index={index + 1}
                    name={row.agency.name}
                    cells={row}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          <Text size="sm" fs="italic" mt="xs">
            {t("statistic.statisticsNote")}
          </Text>
        </>
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
          {overdue.isPending ? (
            <LoadingLines lines={6} />
          ) : overdue.isError ? (
            <ErrorView error={overdue.error} onRetry={() => void overdue.refetch()} />
          ) : overdue.data.items.length === 0 ? (
            <Text>{t("statistics.printNoOverdue")}</Text>
          ) : (
            <>
              {overdue.data.total > overdue.data.items.length && (
                <Text size="sm" mb="xs">
                  {t("statistics.printOverdueMore", {
                    shown: count(overdue.data.items.length),
                    total: count(overdue.data.total),
                  })}
                </Text>
              )}
              <ScrollRegion label={t("statistic.titleOverdue")}>
                <Table
                  className={classes.table}
                  withTableBorder
                  withColumnBorders
                  verticalSpacing={4}
                  horizontalSpacing={6}
                  tabularNums
                >
                  <Table.Caption>
                    <VisuallyHidden>{t("statistic.titleOverdue")}</VisuallyHidden>
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {[
                        "index",
                        "directive",
                        "task",
                        "lead",
                        "coordinators",
                        "dueOn",
                        "daysOverdue",
                        "lastReport",
                        "lastReportOn",
                        "staleReport",
                      ].map((key) => (
                        <Table.Th key={key} scope="col">
                          {c(key)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {overdue.data.items.map((item, index) => (
                      <Table.Tr key={item.id}>
                        <Table.Td ta="center">{count(index + 1)}</Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          {item.directive.number}
                        </Table.Td>
                        <Table.Td>
                          {item.clause === "" ? item.title : `${item.clause}. ${item.title}`}
                        </Table.Td>
                        <Table.Td>{item.leadAgency.name}</Table.Td>
                        <Table.Td>
                          {item.coordinators.map((agency) => agency.shortName).join(", ")}
                        </Table.Td>
                        <Table.Td ta="center">{formatDate(item.dueOn)}</Table.Td>
                        <Table.Td ta="right">{count(item.daysOverdue)}</Table.Td>
                        <Table.Td>{item.lastProgressNote}</Table.Td>
                        <Table.Td ta="center">
                          {item.lastProgressAt === null
                            ? ""
                            : formatDate(vnDate(new Date(item.lastProgressAt)))}
                        </Table.Td>
                        <Table.Td ta="center">
                          {item.staleReport ? t("statistic.yes") : ""}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            </>
          )}
        </section>
      )}
    </div>
  );
}
