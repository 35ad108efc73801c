import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "./ui/global.css";
import "dayjs/locale/vi";
import { MantineProvider } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider, useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import type { AppRouter } from "../server/router.ts";
import { i18n } from "./i18n.ts";
import { router } from "./routes.tsx";
import { createApiClient, TRPCProvider } from "./trpc.ts";
import { hasErrorCode, isClientError } from "./ui/api-error.ts";
import { DemoBanner } from "./ui/demo-banner.tsx";
import { appTheme, cssVariablesResolver } from "./ui/theme.ts";

const apiClient = createApiClient();

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => !isClientError(error) && failures < 2,
    },
  },
  queryCache: new QueryCache({
    // A session that expired: ask who is signed in again, which sends the user to /login.
    onError: (error) => {
      if (hasErrorCode(error, "UNAUTHORIZED")) {
        void queryClient.invalidateQueries(api.auth.me.pathFilter());
      }
    },
  }),
});

const api = createTRPCOptionsProxy<AppRouter>({ client: apiClient, queryClient });

function Providers() {
  const { t, i18n: instance } = useTranslation();
  return (
    <MantineProvider theme={appTheme(t)} cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: instance.language, firstDayOfWeek: 1 }}>
        <Notifications position="bottom-right" />
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={apiClient} queryClient={queryClient}>
            <RouterProvider router={router} />
            <DemoBanner />
          </TRPCProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Providers />
      </I18nextProvider>
    </StrictMode>,
  );
}
