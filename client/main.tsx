import "./mantine.css";
import "virtual:theme-variables.css";
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
import { OVERDUE_DEFAULT_FILTERS, overduePageInput } from "../shared/overdue-page.ts";
import { i18n, startI18n } from "./i18n.ts";
import { createAppRouter } from "./routes.tsx";
import { createApiClient, TRPCProvider } from "./trpc.ts";
import { hasErrorCode, isClientError } from "./ui/api-error.ts";
import { DemoBanner } from "./ui/demo-banner.tsx";
import { keepPaintedPage } from "./ui/loading.tsx";
import { PHONE_MEDIA } from "./ui/phone-media.ts";
import { appTheme, lightColorScheme } from "./ui/theme.ts";

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

function Providers({ router }: { router: ReturnType<typeof createAppRouter> }) {
  const { t } = useTranslation();
  return (
    // The theme's CSS variables are in the stylesheet (virtual:theme-variables.css, vite.config.ts).
    <MantineProvider
      theme={appTheme(t)}
      withCssVariables={false}
      colorSchemeManager={lightColorScheme}
    >
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

/**
 * The browser's turn: what follows runs in a task of its own. A message rather than a timer,
 * which a tab opened in the background would hold back for a second each.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** How long the first render may wait for the list whose cards the server painted. */
const PAINTED_LIST_WAIT_MS = 3_000;

const root = document.getElementById("root");
if (root) {
  // The app starts in steps, each a task of its own, so that the browser stays responsive between
  // them (on a slow phone, one task of all of them held it for more than half a second); the
  // stylesheets arrive meanwhile.
  await nextTask();
  const styles = appStyles();
  await nextTask();
  startI18n();
  await nextTask();
  // Who is signed in: the page asked already (index.html); this takes its answer.
  void queryClient.prefetchQuery(api.auth.me.queryOptions());
  // The overdue list's first page, when the page asked for it too (server/static-assets.ts).
  const overdueList = document.querySelector(
    'link[rel="preload"][href^="/trpc/statistic.overdue?"]',
  )
    ? queryClient.prefetchQuery(
        api.statistic.overdue.queryOptions(overduePageInput(OVERDUE_DEFAULT_FILTERS, 1)),
      )
    : undefined;
  await nextTask();
  // Creating the router starts loading the page opened.
  const router = createAppRouter();
  await styles;
  // When the server painted the list's first cards (server/overdue-top.ts; shown on a phone), the
  // first render waits for the list (a little while at most), so that it draws those cards where
  // they are rather than a placeholder in their place: with the scripts cached, the list comes
  // after them.
  const cardsShown = document.querySelector(".boot-overdue") && matchMedia(PHONE_MEDIA).matches;
  if (overdueList && cardsShown) {
    await Promise.race([
      overdueList,
      new Promise((done) => setTimeout(done, PAINTED_LIST_WAIT_MS)),
    ]);
  }
  await nextTask();
  // What the server painted stays until the page is drawn (client/ui/loading.tsx).
  keepPaintedPage(root);
  // The first render as a transition: React renders it in slices, yielding to the browser between
  // them, rather than in one long task.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <Providers router={router} />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}
