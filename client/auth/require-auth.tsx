import { Center, Container, Loader } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useTRPC } from "../trpc.ts";
import { CurrentUserProvider } from "../ui/current-user.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { AccountStepPage } from "../user/account-step-page.tsx";
import { loginPath } from "./next-path.ts";

/** Shows its children to a signed-in user; sends anyone else to /login and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const { t } = useTranslation();
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorView error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) {
    return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  }
  // A one-time password to change, or an administrator's second factor to turn on, first.
  if (me.data.pendingStep !== null) return <AccountStepPage user={me.data} />;
  return <CurrentUserProvider user={me.data}>{children}</CurrentUserProvider>;
}
