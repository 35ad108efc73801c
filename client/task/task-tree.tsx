import { Box, Checkbox, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TaskListItem } from "../trpc.ts";
import { DataTable } from "../ui/data-table.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { listItemFacts, useTaskColumns } from "../ui/task-columns.tsx";
import { TaskTitle } from "../ui/task-title.tsx";
import { TaskCardList } from "./task-card.tsx";

type TreeRow = { task: TaskListItem; depth: number };

/** Tasks that can be chosen (to urge), those chosen, and the toggle. */
export type TreeSelection = {
  selectable: ReadonlySet<number>;
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
};

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

/**
 * Tasks with their sub-tasks indented under them: a table on wide screens, cards on phones (the
 * table's deadline and status columns would sit off-screen, bug 3).
 */
export function TaskTreeTable({
  rows,
  caption,
  selection,
}: {
  rows: readonly TreeRow[];
  caption: string;
  /** Boxes choosing tasks: a first column on wide screens, a labelled box in each card on phones. */
  selection?: TreeSelection | undefined;
}) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const columns = useTaskColumns(({ task }: TreeRow) => listItemFacts(task));
  if (phone) {
    const depths = new Map(rows.map((row) => [row.task.id, row.depth]));
    return (
      <TaskCardList
        tasks={rows.map((row) => row.task)}
        label={caption}
        depthOf={(task) => depths.get(task.id) ?? 0}
        extra={(task) =>
          selection?.selectable.has(task.id) ? (
            <Checkbox
              label={t("urge.chooseTask")}
              aria-label={t("urge.chooseTaskNamed", { title: task.title })}
              checked={selection.selected.has(task.id)}
              onChange={() => selection.onToggle(task.id)}
            />
          ) : null
        }
      />
    );
  }
  return (
    <DataTable
      rows={rows}
      rowKey={({ task }) => task.id}
      caption={caption}
      minWidth={980}
      striped={false}
      columns={[
        ...(selection === undefined
          ? []
          : [
              {
                key: "choose",
                header: t("report.chooseCol"),
                cell: ({ task }: TreeRow) =>
                  selection.selectable.has(task.id) ? (
                    <Checkbox
                      aria-label={t("overdue.selectTask", { title: task.title })}
                      checked={selection.selected.has(task.id)}
                      onChange={() => selection.onToggle(task.id)}
                    />
                  ) : null,
              },
            ]),
        { ...columns.clause, width: 90 },
        {
          key: "title",
          header: t("task.title"),
          cell: ({ task, depth }) => (
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
          ),
        },
        {
          key: "agencies",
          header: t("task.agencies"),
          cell: ({ task }) => (
            <>
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
            </>
          ),
        },
        columns.deadline,
        columns.timeliness,
        columns.status,
        columns.progress,
      ]}
    />
  );
}
