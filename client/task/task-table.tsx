import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TaskListInput } from "../../shared/task-input.ts";
import { type TaskListItem, useTRPC } from "../trpc.ts";
import { Pager } from "../ui/pager.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { listItemFacts, TaskListTable } from "../ui/task-columns.tsx";
import { pageParam, useUrlState } from "../ui/url-state.ts";
import { TaskCardList } from "./task-card.tsx";

/** How many tasks a page of a task list holds. */
const PAGE_SIZE = 50;

/** A page of task.list (the page from the URL), most urgent first, kept on screen while the next loads. */
export function useTaskPage(filters: Omit<TaskListInput, "sort" | "page" | "pageSize">) {
  const trpc = useTRPC();
  const { params } = useUrlState();
  return useQuery({
    ...trpc.task.list.queryOptions({
      ...filters,
      sort: "urgency",
      page: pageParam(params),
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
}

/**
 * A page of tasks: a table on wide screens, cards on phones, the page numbers under it. `label`
 * names it for screen readers.
 */
export function TaskTable({
  tasks,
  total,
  label,
}: {
  tasks: readonly TaskListItem[];
  total: number;
  label: string;
}) {
  const phone = usePhoneLayout();
  return (
    <div>
      {phone ? (
        <TaskCardList tasks={tasks} label={label} />
      ) : (
        <TaskListTable rows={tasks} caption={label} factsOf={listItemFacts} progress />
      )}
      <Pager pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
