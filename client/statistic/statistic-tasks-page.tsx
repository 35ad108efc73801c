import {
  Alert,
  Anchor,
  Button,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../shared/date.ts";
import { STATISTIC_CELLS } from "../../shared/statistic.ts";
import type { RouterOutputs } from "../trpc.ts";
import { useTRPC } from "../trpc.ts";
import { StatusBadge, TimelinessBadge } from "../ui/badges.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { LoadingLines } from "../ui/loading.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { TaskTitle } from "../ui/task-title.tsx";
import { enumParam, intParam, useUrlState } from "../ui/url-state.ts";
import { useScopeDescription } from "./scope-description.ts";
import {
  CELL_LABEL_KEYS,
  overdueHref,
  overdueListMatches,
  periodOutOfOrder,
  scopeFromParams,
  scopeParams,
  useStatisticFormat,
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
  const { date, deadline } = useFormatters();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>
          <VisuallyHidden>{label}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("task.directive")}</Table.Th>
            <Table.Th scope="col">{t("task.clause")}</Table.Th>
            <Table.Th scope="col">{t("task.title")}</Table.Th>
            <Table.Th scope="col">{t("statistics.tasksColumn.lead")}</Table.Th>
            <Table.Th scope="col">
              {original
                ? t("statistics.tasksColumn.originalDeadline")
                : t("statistics.tasksColumn.deadline")}
            </Table.Th>
            <Table.Th scope="col">{t("task.timeliness")}</Table.Th>
            <Table.Th scope="col">{t("statistics.tasksColumn.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/directives/${item.directive.id}`} size="sm">
                  {item.directive.number}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{item.clause}</Table.Td>
              <Table.Td miw={280}>
                <TaskTitle task={item} />
              </Table.Td>
              <Table.Td>{item.leadAgency.name}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {deadline(item.dueOn)}
                {!original && item.deadline !== null && item.deadline !== item.dueOn && (
                  <Text size="xs" c="dimmed">
                    {t("overdue.deadlineWritten", { date: date(item.deadline) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TimelinessBadge timeliness={item.timeliness} daysOverdue={item.daysOverdue} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
  const { params, update } = useUrlState();
  const scope = scopeFromParams(params);
  const cell = enumParam(params, "cell", STATISTIC_CELLS) ?? "total";
  const lead = intParam(params, "lead");
  const page = intParam(params, "page") ?? 1;
  const valid = !periodOutOfOrder(scope);
  const description = useScopeDescription(scope);

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
      <PageTitle title={heading} />
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={1}>{heading}</Title>
          <Button component={Link} to={back} variant="subtle">
            {t("statistics.backToStatistics")}
          </Button>
        </Group>
        <Text c="dimmed">{description}</Text>
        {data?.leadAgency && (
          <Text size="sm" c="dimmed">
            {t("statistics.tasksLeadOnly", { agency: data.leadAgency.name })}
          </Text>
        )}
      </Stack>

      {!valid ? (
        <Alert color="red" variant="light" role="alert">
          {t("validation.dateRange")}
        </Alert>
      ) : list.isPending ? (
        <LoadingLines lines={8} />
      ) : list.isError ? (
        <ErrorView error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyView title={t("statistics.tasksEmpty")} />
      ) : (
        <div>
          <Group justify="space-between" align="flex-end" gap="sm" mb="xs">
            <Stack gap={2}>
              <Text fw={600} role="status">
                {t("statistics.tasksCount", {
                  count: list.data.total,
                  total: count(list.data.total),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t("statistics.tasksIntro", { date: formatDate(list.data.asOf) })}
              </Text>
            </Stack>
            {overdueListMatches(scope, cell, lead) && (
              <Button component={Link} to={overdueHref(scope)} variant="light">
                {t("statistics.openOverdueList")}
              </Button>
            )}
          </Group>
          <StatisticTaskTable
            items={list.data.items}
            label={heading}
            original={list.data.basis === "original"}
          />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={(next) => update({ page: next })}
          />
        </div>
      )}
    </Stack>
  );
}
