import { Container } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, useLocation } from "react-router";
import { useTRPC } from "../trpc.ts";
import { CurrentUserProvider } from "../ui/current-user.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { FullPageLoader } from "../ui/loading.tsx";
import { loginPath } from "./next-path.ts";

/** The first-sign-in steps, fetched only by the few users who have one to take. */
const AccountStepPage = lazy(async () => ({
  default: (await import("../user/account-step-page.tsx")).AccountStepPage,
}));

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
    // The sign-in page's code may still be on its way (a slow link): the loader meanwhile, not
    // an empty page.
    return (
      <>
        <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />
        <FullPageLoader />
      </>
    );
  }
  // A one-time password to change, or an administrator's second factor to turn on, first.
  if (me.data.pendingStep !== null) {
    return (
      <Suspense fallback={<FullPageLoader />}>
        <AccountStepPage user={me.data} />
      </Suspense>
    );
  }
  return <CurrentUserProvider user={me.data}>{children}</CurrentUserProvider>;
}
