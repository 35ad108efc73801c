import { Badge, Button, DataList, Group, Paper, Spoiler, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TaskTreeTable, treeRows } from "../task/task-tree.tsx";
import { type DirectiveDetail, useTRPC } from "../trpc.ts";
import { Crumbs } from "../ui/crumbs.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageTitle } from "../ui/page-title.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { QueryView } from "../ui/query-view.tsx";
import { UrgeBar, UrgeDialog, type UrgeTask, useUrgeChoice } from "../urge/urge-dialog.tsx";

export function DirectiveDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.directive.byId.queryOptions({ id }));
  return (
    <QueryView query={detail} lines={8} notFoundTitle={t("directive.notFound")}>
      {(data) => <DirectiveDetailView data={data} />}
    </QueryView>
  );
}

function DirectiveDetailView({ data }: { data: DirectiveDetail }) {
  const { t } = useTranslation();
  const { date, number } = useFormatters();
  const phone = usePhoneLayout();
  const { directive, tasks, permissions } = data;
  const rows = treeRows(tasks);
  // Urging from here: the tasks the viewer may urge (a box in the table's row or the phone's card).
  const urgeable = new Map(
    tasks
      .filter((task) => permissions.urgeTaskIds.includes(task.id))
      .map((task): [number, UrgeTask] => [
        task.id,
        {
          id: task.id,
          title: task.title,
          clause: task.clause,
          directive: { number: directive.number },
          leadAgency: task.leadAgency,
        },
      ]),
  );
  const [urging, setUrging] = useState(false);
  const choice = useUrgeChoice(urgeable.keys());
  const { selected } = choice;
  const selection =
    urgeable.size === 0
      ? undefined
      : {
          selectable: new Set(urgeable.keys()),
          selected,
          onToggle: choice.toggle,
        };
  const heading = `${t(`directiveType.${directive.type}`)} ${directive.number}`;

  return (
    <Stack gap="lg">
      <PageTitle title={heading} />
      <Stack gap={4}>
        <Crumbs items={[{ label: t("nav.directives"), to: "/directives" }, { label: heading }]} />
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} style={{ flex: "1 1 400px" }}>
            <Text fw={600} c="blue.9">
              {heading}
            </Text>
            <Title order={1} fz="h2">
              {directive.title}
            </Title>
            {directive.isDemo && (
              <div>
                <Badge color="yellow" variant="light" tt="none">
                  {t("directive.demo")}
                </Badge>
              </div>
            )}
          </Stack>
          <Group gap="sm">
            {permissions.canEdit && (
              <Button component={Link} to={`/directives/${directive.id}/edit`} variant="default">
                {t("directive.edit")}
              </Button>
            )}
            {permissions.canAddTask && (
              <Button component={Link} to={`/directives/${directive.id}/tasks/new`}>
                {t("task.add")}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>

      <Paper withBorder p="md">
        <DataList labelWidth={180} gap="sm" orientation={phone ? "vertical" : "horizontal"}>
          <DataList.Item>
            <DataList.ItemLabel>{t("directive.type")}</DataList.ItemLabel>
            <DataList.ItemValue>{t(`directiveType.${directive.type}`)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("directive.number")}</DataList.ItemLabel>
            <DataList.ItemValue>{directive.number}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("directive.issuer")}</DataList.ItemLabel>
            <DataList.ItemValue>{directive.issuer}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("directive.issuedOn")}</DataList.ItemLabel>
            <DataList.ItemValue>{date(directive.issuedOn)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("directive.trackingAgency")}</DataList.ItemLabel>
            <DataList.ItemValue>{directive.trackingAgency.name}</DataList.ItemValue>
          </DataList.Item>
          {directive.summary !== "" && (
            <DataList.Item>
              <DataList.ItemLabel>{t("directive.summary")}</DataList.ItemLabel>
              <DataList.ItemValue style={{ whiteSpace: "pre-line" }}>
                {directive.summary}
              </DataList.ItemValue>
            </DataList.Item>
          )}
        </DataList>
        {directive.fullText !== "" && (
          <Stack gap="xs" mt="md">
            <Title order={2} fz="h4">
              {t("directive.fullText")}
            </Title>
            <Spoiler
              maxHeight={120}
              showLabel={t("common.showMore")}
              hideLabel={t("common.showLess")}
            >
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {directive.fullText}
              </Text>
            </Spoiler>
          </Stack>
        )}
      </Paper>

      <Stack gap="sm">
        <Title order={2}>{t("directive.tasks")}</Title>
        {rows.length === 0 ? (
          <EmptyView
            title={t("directive.noTasks")}
            description={
              permissions.canAddTask ? t("directive.noTasksHintEditor") : t("directive.noTasksHint")
            }
            action={
              permissions.canAddTask ? (
                <Button component={Link} to={`/directives/${directive.id}/tasks/new`}>
                  {t("task.add")}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <div>
            {selection && (
              <UrgeBar
                selected={selected.size}
                total={number(selected.size)}
                onClear={() => choice.choose([])}
                onUrge={() => setUrging(true)}
              />
            )}
            <TaskTreeTable rows={rows} caption={t("directive.tasks")} selection={selection} />
          </div>
        )}
      </Stack>
      <UrgeDialog
        opened={urging}
        tasks={[...selected].flatMap((taskId) => urgeable.get(taskId) ?? [])}
        onClose={() => setUrging(false)}
        onSent={choice.drop}
      />
    </Stack>
  );
}
