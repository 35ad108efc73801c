import { Button, Group, Stack, Text } from "@mantine/core";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../shared/date.ts";
import { STATISTIC_CELLS } from "../../shared/statistic.ts";
import type { RouterOutputs } from "../trpc.ts";
import { useTRPC } from "../trpc.ts";
import { EmptyView } from "../ui/empty-view.tsx";
import { PageHeader } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { TaskListTable } from "../ui/task-columns.tsx";
import { enumParam, intParam, pageParam, useUrlState } from "../ui/url-state.ts";
import { ScopeDescription } from "./scope-description.tsx";
import { PeriodOrderAlert } from "./statistic-filters.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import {
  CELL_LABEL_KEYS,
  overdueHref,
  overdueListMatches,
  periodOutOfOrder,
  scopeFromParams,
  scopeParams,
} from "./statistic-scope.ts";

const PAGE_SIZE = 50;

type Item = RouterOutputs["statistic"]["tasks"]["items"][number];

/** The tasks as they stood on the figures' day: lead, deadline and status of the time. */
function StatisticTaskTable({
  items,
  label,
  original,
}: {
  items: readonly Item[];
  label: string;
  /** The figures count against the deadline first assigned. */
  original: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TaskListTable
      rows={items}
      caption={label}
      factsOf={(item) => ({
        ...item,
        lead: item.leadAgency.name,
        // Against the original deadline there is no other deadline to mention.
        deadline: original ? null : item.deadline,
      })}
      deadlineColumn="dueOn"
      headers={{
        lead: t("statistics.tasksColumn.lead"),
        deadline: original
          ? t("statistics.tasksColumn.originalDeadline")
          : t("statistics.tasksColumn.deadline"),
        status: t("statistics.tasksColumn.status"),
      }}
    />
  );
}

/**
 * The tasks behind one figure of the statistics page, exactly those it counts: the scope, the
 * figure (`cell`) and, for a row of the per-agency table, the lead agency of the time (`lead`)
 * sit in the URL; each task as it stood at the end of the figures' day.
 */
export function StatisticTasksPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { count } = useStatisticFormat();
  const { params } = useUrlState();
  const scope = scopeFromParams(params);
  const cell = enumParam(params, "cell", STATISTIC_CELLS) ?? "total";
  const lead = intParam(params, "lead");
  const page = pageParam(params);
  const valid = !periodOutOfOrder(scope);

  const list = useQuery({
    ...trpc.statistic.tasks.queryOptions(
      valid ? { ...scope, cell, leadAgencyId: lead, page, pageSize: PAGE_SIZE } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const label = t(`statistics.cell.${CELL_LABEL_KEYS[cell]}`);
  const data = list.data;
  const heading =
    data === undefined
      ? label
      : data.leadAgency === null
        ? t("statistics.tasksHeading", { label, date: formatDate(data.asOf) })
        : t("statistics.tasksHeadingLead", {
            label,
            date: formatDate(data.asOf),
            agency: data.leadAgency.name,
          });
  const back = `/statistics?${scopeParams(scope).toString()}`;

  return (
    <Stack gap="md">
      <PageHeader
        title={heading}
        intro={<ScopeDescription scope={scope} />}
        actions={
          <Button component={Link} to={back} variant="subtle">
            {t("statistics.backToStatistics")}
          </Button>
        }
      >
        {data?.leadAgency && (
          <Text size="sm" c="dimmed">
            {t("statistics.tasksLeadOnly", { agency: data.leadAgency.name })}
          </Text>
        )}
      </PageHeader>

      {!valid ? (
        <PeriodOrderAlert />
      ) : (
        <QueryView query={list} lines={8}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyView title={t("statistics.tasksEmpty")} />
            ) : (
              <div>
                <Group justify="space-between" align="flex-end" gap="sm" mb="xs">
                  <Stack gap={2}>
                    <Text fw={600} role="status">
                      {t("statistics.tasksCount", {
                        count: data.total,
                        total: count(data.total),
                      })}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t("statistics.tasksIntro", { date: formatDate(data.asOf) })}
                    </Text>
                  </Stack>
                  {overdueListMatches(scope, cell, lead) && (
                    <Button component={Link} to={overdueHref(scope)} variant="light">
                      {t("statistics.openOverdueList")}
                    </Button>
                  )}
                </Group>
                <StatisticTaskTable
                  items={data.items}
                  label={heading}
                  original={data.basis === "original"}
                />
                <Pager pageSize={PAGE_SIZE} total={data.total} />
              </div>
            )
          }
        </QueryView>
      )}
    </Stack>
  );
}
