import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TaskListItem } from "../trpc.ts";
import { KeyTaskBadge, StatusBadge, TimelinessBadge } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import classes from "./task-card.module.css";

/** One task as a card, for lists on phones; a sub-task (`depth` above 0) sits indented. */
function TaskCard({
  task,
  depth = 0,
  children,
}: {
  task: TaskListItem;
  depth?: number;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { deadline } = useFormatters();
  return (
    <Paper withBorder p="sm" component="li" ml={Math.min(depth, 3) * 12}>
      <Stack gap={6}>
        {depth > 0 && (
          <Text size="xs" c="dimmed">
            ↳ {t("task.subTaskPrefix")}
          </Text>
        )}
        <Group gap={6}>
          <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
          <StatusBadge status={task.status} />
          {task.isKey && <KeyTaskBadge />}
        </Group>
        <Anchor component={Link} to={`/tasks/${task.id}`} fw={500}>
          {task.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {task.directiveNumber}
          {task.clause && ` · ${task.clause}`} · {t("task.leadShort")}: {task.leadAgency.shortName}
        </Text>
        <Text size="sm">
          {t("task.deadline")}: {deadline(task.deadline)}
        </Text>
        <ProgressLabel value={task.progress} />
        {children}
      </Stack>
    </Paper>
  );
}

/** Tasks as a list of cards, for phones. */
export function TaskCardList({
  tasks,
  label,
  extra,
  depthOf,
}: {
  tasks: readonly TaskListItem[];
  label: string;
  extra?: (task: TaskListItem) => ReactNode;
  /** How deep each task sits in a tree (sub-tasks are indented). */
  depthOf?: (task: TaskListItem) => number;
}) {
  return (
    <Stack component="ul" gap="sm" className={classes.list} aria-label={label}>
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task} depth={depthOf?.(task)}>
          {extra?.(task)}
        </TaskCard>
      ))}
    </Stack>
  );
}
