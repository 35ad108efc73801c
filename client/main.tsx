import "./mantine.css";
import "./ui/global.css";
import { MantineProvider } from "@mantine/core";
import { useNotifications } from "@mantine/notifications";
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { lazy, StrictMode, Suspense, startTransition, useState } from "react";
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

// Who is signed in: asked at once, while the code of the page opened is still arriving.
void queryClient.prefetchQuery(api.auth.me.queryOptions());

const NotificationArea = lazy(async () => ({
  default: (await import("./ui/notification-area.tsx")).NotificationArea,
}));

/** The notification area, fetched when the first notification is shown, then kept. */
function NotificationsOnDemand() {
  const { notifications } = useNotifications();
  const [wanted, setWanted] = useState(false);
  if (notifications.length > 0 && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <NotificationArea />
    </Suspense>
  );
}

function Providers() {
  const { t } = useTranslation();
  return (
    <MantineProvider theme={appTheme(t)} cssVariablesResolver={cssVariablesResolver}>
      <NotificationsOnDemand />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={apiClient} queryClient={queryClient}>
          <RouterProvider router={router} />
          <DemoBanner />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

/**
 * The app's stylesheets, which the built index.html only preloads (vite.config.ts,
 * deferAppStyles), applied: resolves once they are (or failed to load), so that React never
 * draws a page without its styles.
 */
function appStyles(): Promise<unknown> {
  const preloads = document.querySelectorAll<HTMLLinkElement>("link[data-app-styles]");
  return Promise.all(
    [...preloads].map(
      (preload) =>
        new Promise((applied) => {
          const link = document.createElement("link");
          link.rel = "stylesheet";
          link.crossOrigin = "";
          link.href = preload.href;
          link.onload = applied;
          link.onerror = applied;
          document.head.append(link);
        }),
    ),
  );
}

const root = document.getElementById("root");
if (root) {
  await appStyles();
  // The first render as a transition: React renders it in slices, yielding to the browser between
  // them, rather than in one long task (on a slow phone, hundreds of milliseconds of no response).
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <Providers />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}
