import type { ComponentType } from "react";
import { createBrowserRouter, useSearchParams } from "react-router";
import { RequireAuth } from "./auth/require-auth.tsx";
import { AppLayout } from "./ui/app-layout.tsx";
import { FullPageLoader } from "./ui/loading.tsx";
import { NotFoundPage } from "./ui/not-found-view.tsx";
import { useIdParam } from "./ui/route-params.ts";

/** The page of the object whose id is in the URL; an id that is not a number is "not found". */
function ByIdRoute({ page: Page }: { page: ComponentType<{ id: number }> }) {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <Page key={id} id={id} />;
}

function TaskCreateRoute({ page: Page }: { page: ComponentType<{ directiveId: number }> }) {
  const id = useIdParam();
  const [params] = useSearchParams();
  return id === null ? (
    <NotFoundPage />
  ) : (
    <Page key={`${id}-${params.get("parentId") ?? ""}`} directiveId={id} />
  );
}

/**
 * A route's `lazy` that loads a page module and takes its component `name` (checked against the
 * module's exports). scripts/route-preloads.ts reads the `import("…")` inside it.
 */
function lazyPage<Module, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
): () => Promise<{ Component: Module[Name] }> {
  return async () => ({ Component: (await load())[name] });
}

/**
 * The home page ships with the app; every other page is a chunk of its own, loaded when the user
 * first opens it, so that the first page carries only what it shows (forms, charts, exports,
 * the print view and the administration stay out of it). A page opened first shows the loader
 * while its code arrives. Created by client/main.tsx when the app starts, in a task of its own.
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      path: "/login",
      HydrateFallback: FullPageLoader,
      lazy: lazyPage(() => import("./auth/login-page.tsx"), "LoginPage"),
    },
    {
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      HydrateFallback: FullPageLoader,
      children: [
        // Everyone lands on what they owe today ("Việc cần làm").
        {
          index: true,
          lazy: lazyPage(() => import("./inbox/inbox-page.tsx"), "InboxPage"),
        },
        {
          path: "my-tasks",
          lazy: lazyPage(() => import("./task/my-tasks-page.tsx"), "MyTasksPage"),
        },
        {
          path: "directives",
          lazy: lazyPage(() => import("./directive/directive-list-page.tsx"), "DirectiveListPage"),
        },
        {
          path: "directives/new",
          lazy: lazyPage(
            () => import("./directive/directive-form-page.tsx"),
            "DirectiveCreatePage",
          ),
        },
        {
          path: "directives/:id",
          lazy: async () => ({
            element: (
              <ByIdRoute
                page={(await import("./directive/directive-detail-page.tsx")).DirectiveDetailPage}
              />
            ),
          }),
        },
        {
          path: "directives/:id/edit",
          lazy: async () => ({
            element: (
              <ByIdRoute
                page={(await import("./directive/directive-form-page.tsx")).DirectiveEditPage}
              />
            ),
          }),
        },
        {
          path: "directives/:id/tasks/new",
          lazy: async () => ({
            element: (
              <TaskCreateRoute page={(await import("./task/task-form-page.tsx")).TaskCreatePage} />
            ),
          }),
        },
        {
          path: "tasks",
          lazy: lazyPage(() => import("./task/task-list-page.tsx"), "TaskListPage"),
        },
        {
          path: "tasks/:id",
          lazy: async () => ({
            element: (
              <ByIdRoute page={(await import("./task/task-detail-page.tsx")).TaskDetailPage} />
            ),
          }),
        },
        {
          path: "tasks/:id/edit",
          lazy: async () => ({
            element: <ByIdRoute page={(await import("./task/task-form-page.tsx")).TaskEditPage} />,
          }),
        },
        {
          path: "overdue",
          lazy: lazyPage(() => import("./statistic/overdue-page.tsx"), "OverduePage"),
        },
        {
          path: "statistics",
          lazy: lazyPage(() => import("./statistic/statistic-page.tsx"), "StatisticPage"),
        },
        {
          path: "statistics/tasks",
          lazy: lazyPage(
            () => import("./statistic/statistic-tasks-page.tsx"),
            "StatisticTasksPage",
          ),
        },
        {
          path: "statistics/print",
          lazy: lazyPage(
            () => import("./statistic/statistic-print-page.tsx"),
            "StatisticPrintPage",
          ),
        },
        {
          path: "extensions",
          lazy: lazyPage(
            () => import("./extension/extension-pending-page.tsx"),
            "ExtensionPendingPage",
          ),
        },
        {
          path: "reports/missing",
          lazy: lazyPage(() => import("./report/missing-reports-page.tsx"), "MissingReportsPage"),
        },
        {
          path: "admin/users",
          lazy: lazyPage(() => import("./user/user-admin-page.tsx"), "UserAdminPage"),
        },
        {
          path: "account",
          lazy: lazyPage(() => import("./user/account-page.tsx"), "AccountPage"),
        },
        {
          path: "audit",
          lazy: lazyPage(() => import("./audit/audit-page.tsx"), "AuditPage"),
        },
        {
          path: "admin/calendar",
          lazy: lazyPage(() => import("./calendar/calendar-admin-page.tsx"), "CalendarAdminPage"),
        },
        {
          path: "urging-rules",
          lazy: lazyPage(() => import("./urge/urging-rule-page.tsx"), "UrgingRulePage"),
        },
        {
          path: "admin/outbox",
          lazy: lazyPage(() => import("./outbox/outbox-page.tsx"), "OutboxPage"),
        },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
