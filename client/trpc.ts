import type { TRPCClientErrorLike } from "@trpc/client";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "../server/router.ts";
import { i18n } from "./i18n.ts";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * The queries a page asks for itself, before its scripts arrive (server/static-assets.ts,
 * pageQuery): sent on their own, at the URL the page asked for, so that the app takes that answer.
 */
const PAGE_QUERIES = new Set(["task.byId", "statistic.overdue"]);

/**
 * The API client: requests to /trpc asking for messages in the user's language; batched, except
 * the auth procedures, which the server refuses in a batch (one request, one sign-in attempt),
 * and the queries pages ask for themselves.
 */
export function createApiClient() {
  const options = {
    url: "/trpc",
    headers: () => ({ "accept-language": i18n.language }),
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.path.startsWith("auth.") || PAGE_QUERIES.has(op.path),
        true: httpLink(options),
        false: httpBatchLink(options),
      }),
    ],
  });
}

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

/** An error of any query or mutation: `message` is already in the user's language. */
export type ApiError = TRPCClientErrorLike<AppRouter>;

export type CurrentUser = NonNullable<RouterOutputs["auth"]["me"]>;
export type TaskListItem = RouterOutputs["task"]["list"]["items"][number];
export type TaskDetail = RouterOutputs["task"]["byId"];
export type TaskEvent = TaskDetail["events"][number];
export type DirectiveDetail = RouterOutputs["directive"]["byId"];
export type Agency = RouterOutputs["agency"]["search"][number];
export type AgencyGroup = RouterOutputs["agency"]["groups"][number];
