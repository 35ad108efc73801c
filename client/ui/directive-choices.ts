import { skipToken, useQuery } from "@tanstack/react-query";
import type { DirectiveType } from "../../shared/directive.ts";
import { useTRPC } from "../trpc.ts";

/** What the directive select and the scope description show of a directive. */
type DirectiveFacts = {
  id: number;
  type: DirectiveType;
  number: string;
  issuedOn: string;
  title: string;
};

/**
 * The directives to choose from (the latest hundred the user may see), and the chosen one even
 * when it is older than those. `needed: false` asks for nothing (a description without a chosen
 * directive names none).
 */
export function useDirectiveChoices(selectedId: number | undefined, needed = true) {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.directive.list.queryOptions({ pageSize: 100 }),
    staleTime: 5 * 60_000,
    enabled: needed,
  });
  const listed = list.data?.items.find((item) => item.id === selectedId);
  const missing = selectedId !== undefined && list.isSuccess && !listed;
  const byId = useQuery(trpc.directive.byId.queryOptions(missing ? { id: selectedId } : skipToken));
  const directives: DirectiveFacts[] = [...(list.data?.items ?? [])];
  if (missing && byId.data) directives.push(byId.data.directive);
  const selected = directives.find((item) => item.id === selectedId);
  return { directives, selected, isPending: list.isPending };
}
