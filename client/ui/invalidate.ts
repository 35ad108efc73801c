import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc.ts";

/**
 * Invalidates everything a change of a task can show up in: the task and its lists, directives,
 * reports and missing reports, extensions, comments, the statistics and the inbox.
 */
export function useInvalidateTasks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.task.pathFilter()),
      queryClient.invalidateQueries(trpc.directive.pathFilter()),
      queryClient.invalidateQueries(trpc.report.pathFilter()),
      queryClient.invalidateQueries(trpc.extension.pathFilter()),
      queryClient.invalidateQueries(trpc.comment.pathFilter()),
      queryClient.invalidateQueries(trpc.statistic.pathFilter()),
      queryClient.invalidateQueries(trpc.inbox.pathFilter()),
    ]);
}
