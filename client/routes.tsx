import { createBrowserRouter, Navigate, useSearchParams } from "react-router";
import { LoginPage } from "./auth/login-page.tsx";
import { RequireAuth } from "./auth/require-auth.tsx";
import { DirectiveDetailPage } from "./directive/directive-detail-page.tsx";
import { DirectiveCreatePage, DirectiveEditPage } from "./directive/directive-form-page.tsx";
import { DirectiveListPage } from "./directive/directive-list-page.tsx";
import { OverduePage } from "./statistic/overdue-page.tsx";
import { MyTasksPage } from "./task/my-tasks-page.tsx";
import { TaskDetailPage } from "./task/task-detail-page.tsx";
import { TaskCreatePage, TaskEditPage } from "./task/task-form-page.tsx";
import { TaskListPage } from "./task/task-list-page.tsx";
import { AppLayout } from "./ui/app-layout.tsx";
import { useCurrentUser } from "./ui/current-user.tsx";
import { NotFoundPage } from "./ui/not-found-view.tsx";
import { useIdParam } from "./ui/route-params.ts";

/** Administrators manage users and see no tasks; everyone else starts with their tasks. */
function HomeRoute() {
  const user = useCurrentUser();
  return user.role === "admin" ? <Navigate to="/admin/users" replace /> : <MyTasksPage />;
}

function DirectiveDetailRoute() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <DirectiveDetailPage key={id} id={id} />;
}

function DirectiveEditRoute() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <DirectiveEditPage key={id} id={id} />;
}

function TaskCreateRoute() {
  const id = useIdParam();
  const [params] = useSearchParams();
  return id === null ? (
    <NotFoundPage />
  ) : (
    <TaskCreatePage key={`${id}-${params.get("parentId") ?? ""}`} directiveId={id} />
  );
}

function TaskDetailRoute() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <TaskDetailPage key={id} id={id} />;
}

function TaskEditRoute() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <TaskEditPage key={id} id={id} />;
}

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRoute /> },
      { path: "directives", element: <DirectiveListPage /> },
      { path: "directives/new", element: <DirectiveCreatePage /> },
      { path: "directives/:id", element: <DirectiveDetailRoute /> },
      { path: "directives/:id/edit", element: <DirectiveEditRoute /> },
      { path: "directives/:id/tasks/new", element: <TaskCreateRoute /> },
      { path: "tasks", element: <TaskListPage /> },
      { path: "tasks/:id", element: <TaskDetailRoute /> },
      { path: "tasks/:id/edit", element: <TaskEditRoute /> },
      { path: "overdue", element: <OverduePage /> },
      // Pages that not every user opens load on demand (the charts library is large).
      {
        path: "statistics",
        lazy: async () => ({
          Component: (await import("./statistic/statistic-page.tsx")).StatisticPage,
        }),
      },
      {
        path: "statistics/tasks",
        lazy: async () => ({
          Component: (await import("./statistic/statistic-tasks-page.tsx")).StatisticTasksPage,
        }),
      },
      {
        path: "statistics/print",
        lazy: async () => ({
          Component: (await import("./statistic/statistic-print-page.tsx")).StatisticPrintPage,
        }),
      },
      {
        path: "extensions",
        lazy: async () => ({
          Component: (await import("./extension/extension-pending-page.tsx")).ExtensionPendingPage,
        }),
      },
      {
        path: "reports/missing",
        lazy: async () => ({
          Component: (await import("./report/missing-reports-page.tsx")).MissingReportsPage,
        }),
      },
      {
        path: "admin/users",
        lazy: async () => ({
          Component: (await import("./user/user-admin-page.tsx")).UserAdminPage,
        }),
      },
      {
        path: "admin/calendar",
        lazy: async () => ({
          Component: (await import("./calendar/calendar-admin-page.tsx")).CalendarAdminPage,
        }),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
