import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc.ts";
import { useToday } from "../ui/current-user.tsx";

/** Every agency in existence today, loaded once and searched in the browser. */
export function useActiveAgencies() {
  const trpc = useTRPC();
  const today = useToday();
  return useQuery({
    ...trpc.agency.search.queryOptions({ query: "", activeOn: today, limit: 500 }),
    staleTime: 30 * 60_000,
  });
}
