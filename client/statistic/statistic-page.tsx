import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { formatDate } from "../../shared/date.ts";
import { PAGE_HEADINGS } from "../../shared/page-heading.ts";
import { useTRPC } from "../trpc.ts";
import { EmptyView } from "../ui/empty-view.tsx";
import { Later } from "../ui/later.tsx";
import { LoadingLines } from "../ui/loading.tsx";
import { NearScreen } from "../ui/near-screen.tsx";
import { PageHeader } from "../ui/page-title.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { QueryView } from "../ui/query-view.tsx";
import { Section } from "../ui/section.tsx";
import { useUrlState } from "../ui/url-state.ts";
import { AgencyTable, agencyTableHeight } from "./agency-table.tsx";
import { ExportButton } from "./export-panel.tsx";
import { ReportButton } from "./report-button.tsx";
import { ScopeDescription } from "./scope-description.tsx";
import { StatisticCellsView } from "./statistic-cells.tsx";
import { PeriodOrderAlert, StatisticFilters } from "./statistic-filters.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import {
  levelIncomplete,
  periodOutOfOrder,
  scopeFromParams,
  sortFromParams,
  statisticTasksHref,
} from "./statistic-scope.ts";
import { TrendChart } from "./trend-chart.tsx";

/**
 * "Thống kê": the official figures for a scope as they stood at the end of a day, the per-agency
 * table and the month-by-month trend; every count opens the tasks behind it.
 */
export function StatisticPage() {
  const { t } = useTranslation();
  const heading = PAGE_HEADINGS.statistics();
  const trpc = useTRPC();
  const { search } = useLocation();
  const { params, update } = useUrlState();
  const scope = scopeFromParams(params);
  const { sort, direction } = sortFromParams(params);
  const valid = !periodOutOfOrder(scope) && !levelIncomplete(scope);
  const { count, percent } = useStatisticFormat();
  const phone = usePhoneLayout();
  const allAgencies = params.get("rows") === "all";

  const summary = useQuery({
    ...trpc.statistic.summary.queryOptions(valid ? scope : skipToken),
    placeholderData: keepPreviousData,
  });
  const byAgency = useQuery({
    ...trpc.statistic.byAgency.queryOptions(valid ? { ...scope, sort, direction } : skipToken),
    placeholderData: keepPreviousData,
  });
  const trend = useQuery({
    ...trpc.statistic.trend.queryOptions(valid ? scope : skipToken),
    placeholderData: keepPreviousData,
  });
  const asOf = summary.data?.asOf;
  // The figures drawn as a transition, in slices (see QueryView): the part below mounts when the
  // first answer comes, where QueryView's own deferral (of a change) does not apply.
  const shown = useDeferredValue(summary.data);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t(heading.title)}
        intro={t(heading.intro)}
        actions={
          <Group gap="sm" align="flex-start">
            <Button component={Link} to={`/statistics/print${search}`} variant="default">
              {t("statistics.print")}
            </Button>
            <ReportButton input={{ ...scope, sort, direction }} />
            <ExportButton
              request={{ kind: "statistics", filters: { ...scope, sort, direction } }}
            />
          </Group>
        }
      />

      <StatisticFilters scope={scope} asOf={asOf} update={update} />

      {!valid ? (
        <PeriodOrderAlert />
      ) : shown === undefined && !summary.isError ? (
        // The three parts come in one answer: shown together, so that none pushes another down.
        <LoadingLines lines={12} />
      ) : (
        <>
          <Section
            title={t("statistics.cellsTitle")}
            size="h3"
            intro={
              <>
                <Text size="sm" fw={600}>
                  {asOf === undefined
                    ? t("common.loading")
                    : t("statistics.standing", { date: formatDate(asOf) })}
                </Text>
                <Text size="sm" c="dimmed">
                  <ScopeDescription scope={scope} />
                </Text>
                {summary.data?.due && (
                  <Text size="sm">
                    {t("statistics.reportPeriod", {
                      from: formatDate(summary.data.due.from),
                      to: formatDate(summary.data.due.asOf),
                    })}
                    {". "}
                    {t("statistics.due", {
                      total: count(summary.data.due.total),
                      completed: count(summary.data.due.completed),
                      rate: percent(summary.data.due.completionRate),
                    })}
                  </Text>
                )}
              </>
            }
          >
            <QueryView query={summary} lines={4}>
              {(data) =>
                data.cells.total === 0 ? (
                  <EmptyView
                    title={t("statistics.empty")}
                    description={t("statistics.emptyHint")}
                  />
                ) : (
                  <>
                    <StatisticCellsView cells={data.cells} scope={scope} />
                    <Text size="sm">
                      <Anchor
                        component={Link}
                        to={statisticTasksHref({ ...scope, urged: "urged" }, "total")}
                      >
                        {t("statistics.urgedFigure", { total: count(data.urged) })}
                      </Anchor>{" "}
                      <Text span c="dimmed" size="sm">
                        {t("statistics.urgedFigureHint", { date: formatDate(data.asOf) })}
                      </Text>
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t("statistics.linkNote")}
                    </Text>
                  </>
                )
              }
            </QueryView>
          </Section>

          {/* The per-agency table and the trend: after the figures are shown. */}
          <Later>
            <Section title={t("statistics.byAgency")} size="h3">
              <QueryView query={byAgency} lines={6}>
                {(data) =>
                  data.rows.length === 0 ? (
                    <Text c="dimmed">{t("statistics.empty")}</Text>
                  ) : (
                    <NearScreen minHeight={agencyTableHeight(data.rows.length, allAgencies, phone)}>
                      <AgencyTable
                        rows={data.rows}
                        total={data.total}
                        scope={scope}
                        sort={sort}
                        direction={direction}
                        onSort={(nextSort, nextDirection) =>
                          update({
                            sort:
                              nextSort === "overdue" && nextDirection === "desc" ? null : nextSort,
                            dir:
                              nextSort === "overdue" && nextDirection === "desc"
                                ? null
                                : nextDirection,
                          })
                        }
                        all={allAgencies}
                        onAll={(all) => update({ rows: all ? "all" : null })}
                        caption={t("statistics.byAgencyCaption", {
                          date: formatDate(data.asOf),
                        })}
                      />
                    </NearScreen>
                  )
                }
              </QueryView>
            </Section>

            <Section title={t("statistics.trend")} intro={t("statistics.trendIntro")} size="h3">
              <QueryView query={trend} lines={6}>
                {(data) =>
                  data.points.length === 0 ? (
                    <Text c="dimmed">{t("statistics.trendEmpty")}</Text>
                  ) : (
                    <TrendChart points={data.points} scope={scope} />
                  )
                }
              </QueryView>
            </Section>
          </Later>
        </>
      )}
    </Stack>
  );
}
