import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc.ts";

/** Invalidates everything a task change can show up in: tasks, lists, counts, directives. */
export function useInvalidateTasks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.task.pathFilter()),
      queryClient.invalidateQueries(trpc.directive.pathFilter()),
    ]);
}
