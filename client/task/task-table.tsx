import type { TaskListItem } from "../trpc.ts";
import { DataTable } from "../ui/data-table.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { type TaskFacts, useTaskColumns } from "../ui/task-columns.tsx";
import { TaskCardList } from "./task-card.tsx";

/** A task of task.list as the task columns read it. */
export function listItemFacts(task: TaskListItem): TaskFacts {
  return {
    ...task,
    directive: { id: task.directiveId, number: task.directiveNumber },
    lead: task.leadAgency.shortName,
  };
}

/** A list of tasks: a table on wide screens, cards on phones. `label` names it for screen readers. */
export function TaskTable({ tasks, label }: { tasks: readonly TaskListItem[]; label: string }) {
  const phone = usePhoneLayout();
  const columns = useTaskColumns(listItemFacts);
  if (phone) return <TaskCardList tasks={tasks} label={label} />;
  return (
    <DataTable
      rows={tasks}
      rowKey={(task) => task.id}
      caption={label}
      minWidth={1000}
      columns={[
        columns.directive,
        columns.clause,
        columns.title,
        columns.lead,
        columns.deadline,
        columns.timeliness,
        columns.status,
        columns.progress,
      ]}
    />
  );
}
