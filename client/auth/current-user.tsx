import { Container } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, use } from "react";
import { Navigate, useLocation } from "react-router";
import { type CurrentUser, useTRPC } from "../trpc.ts";
import { ErrorView } from "../ui/error-view.tsx";
import { FullPageLoader } from "../ui/loading.tsx";

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only inside <RequireAuth>. */
export function useCurrentUser(): CurrentUser {
  const user = use(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser outside <RequireAuth>");
  return user;
}

/** Where the login page sends the user back to: a path of this site, never another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** Shows its children to a signed-in user; sends anyone else to /login and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorView error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const to = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <CurrentUserContext value={me.data}>{children}</CurrentUserContext>;
}
