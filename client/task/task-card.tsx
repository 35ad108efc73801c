import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TaskListItem } from "../trpc.ts";
import { KeyTaskBadge, StatusBadge, TimelinessBadge } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import classes from "./task-card.module.css";

/** One task as a card, for lists on phones. */
function TaskCard({ task, children }: { task: TaskListItem; children?: ReactNode }) {
  const { t } = useTranslation();
  const { deadline } = useFormatters();
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
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
}: {
  tasks: readonly TaskListItem[];
  label: string;
  extra?: (task: TaskListItem) => ReactNode;
}) {
  return (
    <Stack component="ul" gap="sm" className={classes.list} aria-label={label}>
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task}>
          {extra?.(task)}
        </TaskCard>
      ))}
    </Stack>
  );
}
