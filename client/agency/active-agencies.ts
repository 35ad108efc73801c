import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc.ts";
import { useToday } from "../ui/current-user.tsx";

/**
 * Every agency in existence today, loaded once and searched in the browser; `needed: false` asks
 * for nothing (a description without a chosen agency names none).
 */
export function useActiveAgencies(needed = true) {
  const trpc = useTRPC();
  const today = useToday();
  return useQuery({
    ...trpc.agency.search.queryOptions({ query: "", activeOn: today, limit: 500 }),
    staleTime: 30 * 60_000,
    enabled: needed,
  });
}
