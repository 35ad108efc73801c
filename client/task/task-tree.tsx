import { Box, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TaskListItem } from "../trpc.ts";
import { StatusBadge, TimelinessBadge } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import { TaskTitle } from "../ui/task-title.tsx";

type TreeRow = { task: TaskListItem; depth: number };

/**
 * The tasks as a tree, in display order, from the flat list and its parent ids. Under `rootId`
 * when given (the sub-tasks of one task); a task whose parent the user may not see is a root.
 */
export function treeRows(tasks: readonly TaskListItem[], rootId: number | null = null): TreeRow[] {
  const ids = new Set(tasks.map((task) => task.id));
  const children = new Map<number | null, TaskListItem[]>();
  for (const task of tasks) {
    const parent = task.parentId !== null && ids.has(task.parentId) ? task.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(task);
    children.set(parent, siblings);
  }
  const rows: TreeRow[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const task of children.get(parent) ?? []) {
      rows.push({ task, depth });
      visit(task.id, depth + 1);
    }
  };
  visit(rootId, 0);
  return rows;
}

/** Tasks with their sub-tasks indented under them. */
export function TaskTreeTable({ rows, caption }: { rows: readonly TreeRow[]; caption: string }) {
  const { t } = useTranslation();
  const { deadline } = useFormatters();
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={90}>
              {t("task.clause")}
            </Table.Th>
            <Table.Th scope="col">{t("task.title")}</Table.Th>
            <Table.Th scope="col">{t("task.agencies")}</Table.Th>
            <Table.Th scope="col">{t("task.deadline")}</Table.Th>
            <Table.Th scope="col">{t("task.timeliness")}</Table.Th>
            <Table.Th scope="col">{t("task.status")}</Table.Th>
            <Table.Th scope="col">{t("task.progress")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ task, depth }) => (
            <Table.Tr key={task.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{task.clause}</Table.Td>
              <Table.Td>
                <Box pl={depth * 24}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    {depth > 0 && (
                      <Text c="dimmed" aria-hidden="true">
                        ↳
                      </Text>
                    )}
                    <TaskTitle
                      task={task}
                      hiddenPrefix={depth > 0 ? t("task.subTaskPrefix") : undefined}
                    />
                  </Group>
                </Box>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  <Text span size="xs" c="dimmed">
                    {t("task.leadShort")}:{" "}
                  </Text>
                  {task.leadAgency.shortName}
                </Text>
                {task.coordinators.length > 0 && (
                  <Text size="sm">
                    <Text span size="xs" c="dimmed">
                      {t("task.coordinatorsShort")}:{" "}
                    </Text>
                    {task.coordinators.map((agency) => agency.shortName).join(", ")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{deadline(task.deadline)}</Table.Td>
              <Table.Td>
                <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={task.status} />
              </Table.Td>
              <Table.Td>
                <ProgressLabel value={task.progress} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
