import { createBrowserRouter, Navigate, useSearchParams } from "react-router";
import { RequireAuth, useCurrentUser } from "./auth/current-user.tsx";
import { LoginPage } from "./auth/login-page.tsx";
import { DirectiveDetailPage } from "./directive/directive-detail-page.tsx";
import { DirectiveCreatePage, DirectiveEditPage } from "./directive/directive-form-page.tsx";
import { DirectiveListPage } from "./directive/directive-list-page.tsx";
import { ExtensionPendingPage } from "./extension/extension-pending-page.tsx";
import { MissingReportsPage } from "./report/missing-reports-page.tsx";
import { StatisticPage } from "./statistic/statistic-page.tsx";
import { StatisticPrintPage } from "./statistic/statistic-print-page.tsx";
import { MyTasksPage } from "./task/my-tasks-page.tsx";
import { OverduePage } from "./task/overdue-page.tsx";
import { TaskDetailPage } from "./task/task-detail-page.tsx";
import { TaskCreatePage, TaskEditPage } from "./task/task-form-page.tsx";
import { TaskListPage } from "./task/task-list-page.tsx";
import { AppLayout } from "./ui/app-layout.tsx";
import { NotFoundPage } from "./ui/not-found-view.tsx";
import { useIdParam } from "./ui/route-params.ts";
import { UserAdminPage } from "./user/user-admin-page.tsx";

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
      { path: "statistics", element: <StatisticPage /> },
      { path: "statistics/print", element: <StatisticPrintPage /> },
      { path: "extensions", element: <ExtensionPendingPage /> },
      { path: "reports/missing", element: <MissingReportsPage /> },
      { path: "admin/users", element: <UserAdminPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
