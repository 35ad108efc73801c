import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { WHOLE } from "../ui/badges.tsx";
import { DataTable } from "../ui/data-table.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageHeader } from "../ui/page-title.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { QueryView } from "../ui/query-view.tsx";
import { useTaskColumns } from "../ui/task-columns.tsx";
import { intParam, useUrlState } from "../ui/url-state.ts";
import { UrgeBar, UrgeDialog, type UrgeTask, useUrgeChoice } from "../urge/urge-dialog.tsx";
import { usePeriodName } from "./period.ts";

type MissingItem = RouterOutputs["report"]["missing"]["items"][number];

/** Tasks chosen to urge, by id (a task owing several agencies' reports is one task). */
type Choice = { chosen: ReadonlySet<number>; onToggle: (id: number) => void };

/** The box choosing a task to urge, for those who may urge it. */
function ChooseBox({ item, choice }: { item: MissingItem; choice: Choice | null }) {
  const { t } = useTranslation();
  if (choice === null || !item.task.mayUrge) return null;
  return (
    <Checkbox
      aria-label={t("overdue.selectTask", { title: item.task.title })}
      checked={choice.chosen.has(item.task.id)}
      onChange={() => choice.onToggle(item.task.id)}
    />
  );
}

function urgeTask(item: MissingItem): UrgeTask {
  return {
    id: item.task.id,
    title: item.task.title,
    clause: item.task.clause,
    directive: { number: item.task.directiveNumber },
    leadAgency: item.task.leadAgency,
  };
}

function StreakBadge({ streak }: { streak: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={streak > 1 ? "red" : "orange"} variant="light" tt="none" styles={WHOLE}>
      {t("report.streakPeriods", { count: streak })}
    </Badge>
  );
}

function MissingCard({ item, choice }: { item: MissingItem; choice: Choice | null }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const periodName = usePeriodName();
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
        <Group gap={6}>
          <ChooseBox item={item} choice={choice} />
          <StreakBadge streak={item.streak} />
        </Group>
        <Anchor component={Link} to={`/tasks/${item.task.id}`} fw={500}>
          {item.task.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {item.task.directiveNumber}
          {item.task.clause && ` · ${item.task.clause}`}
        </Text>
        <Text size="sm">
          {item.agency.name}
          {item.agency.shortName !== item.agency.name && ` (${item.agency.shortName})`} ·{" "}
          {t(`reportAgencyRole.${item.role}`)}
        </Text>
        <Text size="sm">
          {t("report.missingPeriodCol")}: {periodName(item.period.key)} (
          {t("report.dueOn", { date: date(item.period.dueOn) })})
        </Text>
        <Text size="sm">
          {t("report.lastReportCol")}:{" "}
          {item.lastReportedAt === null ? t("report.never") : dateTime(item.lastReportedAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Each agency that owes a report, by task: the period, how many in a row, its last report. */
function MissingTable({
  items,
  caption,
  choice,
}: {
  items: readonly MissingItem[];
  caption: string;
  /** Null: the viewer may urge none of them (no column). */
  choice: Choice | null;
}) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const periodName = usePeriodName();
  const columns = useTaskColumns((item: MissingItem) => ({
    ...item.task,
    directive: { id: item.task.directiveId, number: item.task.directiveNumber },
  }));
  return (
    <DataTable
      rows={items}
      rowKey={(item) => `${item.task.id}-${item.agency.id}`}
      caption={caption}
      minWidth={960}
      columns={[
        ...(choice === null
          ? []
          : [
              {
                key: "choose",
                header: t("report.chooseCol"),
                cell: (item: MissingItem) => <ChooseBox item={item} choice={choice} />,
              },
            ]),
        columns.directiveAndClause,
        { ...columns.title, minWidth: 260 },
        {
          key: "agency",
          header: t("report.agencyCol"),
          minWidth: 160,
          cell: (item) => (
            <>
              <Text size="sm">{item.agency.name}</Text>
              {item.agency.shortName !== item.agency.name && (
                <Text size="xs" c="dimmed">
                  {item.agency.shortName}
                </Text>
              )}
            </>
          ),
        },
        {
          key: "role",
          header: t("report.roleCol"),
          cell: (item) => t(`reportAgencyRole.${item.role}`),
        },
        {
          key: "period",
          header: t("report.missingPeriodCol"),
          nowrap: true,
          cell: (item) => (
            <>
              <Text size="sm">{periodName(item.period.key, true)}</Text>
              <Text size="xs" c="dimmed">
                {t("report.dueOn", { date: date(item.period.dueOn) })}
              </Text>
            </>
          ),
        },
        {
          key: "streak",
          header: t("report.streakCol"),
          cell: (item) => (
            <>
              <StreakBadge streak={item.streak} />
              {item.missedPeriodKeys.length > item.streak && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t("report.missedTotal", { count: item.missedPeriodKeys.length })}
                </Text>
              )}
            </>
          ),
        },
        {
          key: "lastReport",
          header: t("report.lastReportCol"),
          nowrap: true,
          cell: (item) =>
            item.lastReportedAt === null ? (
              <Text size="sm" c="dimmed">
                {t("report.never")}
              </Text>
            ) : (
              <Text size="sm">{dateTime(item.lastReportedAt)}</Text>
            ),
        },
      ]}
    />
  );
}

/**
 * For officers and leaders of the agencies that follow tasks up: which lead and coordinating
 * agencies have not reported for the period now due, and for how many periods in a row.
 */
export function MissingReportsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { date, number } = useFormatters();
  const phone = usePhoneLayout();
  const { params, update } = useUrlState();
  const directiveId = intParam(params, "directive");
  const directives = useQuery(trpc.directive.list.queryOptions({ pageSize: 100 }));
  const missing = useQuery({
    ...trpc.report.missing.queryOptions({ directiveId }),
    placeholderData: keepPreviousData,
  });
  const title = t("report.missingTitle");
  const items = missing.data?.items ?? [];
  // Chosen tasks still listed and urgeable (the filter may have moved on).
  const urgeable = new Map(
    items.filter((item) => item.task.mayUrge).map((item) => [item.task.id, urgeTask(item)]),
  );
  const urgeChoice = useUrgeChoice(urgeable.keys());
  const { selected } = urgeChoice;
  const choice: Choice | null =
    urgeable.size === 0
      ? null
      : {
          chosen: selected,
          onToggle: urgeChoice.toggle,
        };
  const [urging, setUrging] = useState(false);

  return (
    <Stack gap="md">
      <PageHeader title={title} intro={t("report.missingIntro")} />

      <search aria-label={t("report.missingFilters")}>
        <Select
          label={t("task.directive")}
          placeholder={t("common.all")}
          searchable
          clearable
          data={(directives.data?.items ?? []).map((directive) => ({
            value: String(directive.id),
            label: `${directive.number} — ${directive.title}`,
          }))}
          value={directiveId === undefined ? null : String(directiveId)}
          onChange={(value) => update({ directive: value })}
          w={{ base: "100%", sm: 360 }}
          comboboxProps={{ width: 480, position: "bottom-start" }}
        />
      </search>

      <QueryView query={missing} lines={6}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyView
              title={t("report.missingEmpty")}
              description={
                directiveId === undefined
                  ? t("report.missingEmptyHint")
                  : t("report.missingEmptyHintFiltered")
              }
              action={
                directiveId === undefined ? undefined : (
                  <Button variant="default" onClick={() => update({ directive: null })}>
                    {t("common.clearFilters")}
                  </Button>
                )
              }
            />
          ) : (
            <div>
              <Text fw={600} mb="xs" role="status">
                {t("report.missingCount", {
                  count: data.items.length,
                  total: number(data.items.length),
                  date: date(data.asOf),
                })}
              </Text>
              {choice && (
                <UrgeBar
                  selected={selected.size}
                  total={number(selected.size)}
                  onClear={() => urgeChoice.choose([])}
                  onUrge={() => setUrging(true)}
                />
              )}
              {phone ? (
                <Stack
                  component="ul"
                  gap="sm"
                  m={0}
                  p={0}
                  style={{ listStyle: "none" }}
                  aria-label={title}
                >
                  {data.items.map((item) => (
                    <MissingCard
                      key={`${item.task.id}-${item.agency.id}`}
                      item={item}
                      choice={choice}
                    />
                  ))}
                </Stack>
              ) : (
                <MissingTable items={data.items} caption={title} choice={choice} />
              )}
            </div>
          )
        }
      </QueryView>
      <UrgeDialog
        opened={urging}
        tasks={[...selected].flatMap((id) => urgeable.get(id) ?? [])}
        onClose={() => setUrging(false)}
        onSent={urgeChoice.drop}
      />
    </Stack>
  );
}
