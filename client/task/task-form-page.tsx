import { Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { taskCreateInput, taskUpdateInput } from "../../shared/task-input.ts";
import { type DirectiveDetail, type TaskDetail, useTRPC } from "../trpc.ts";
import { FormPage } from "../ui/form-page.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { NotFoundView } from "../ui/not-found-view.tsx";
import { EditView, QueryView } from "../ui/query-view.tsx";
import { intParam } from "../ui/url-state.ts";
import { TaskForm } from "./task-form.tsx";

/** A new task of a directive, or a sub-task when `?parentId=` is given ("phân giao nhiệm vụ"). */
export function TaskCreatePage({ directiveId }: { directiveId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.directive.byId.queryOptions({ id: directiveId }));
  return (
    <QueryView query={detail} lines={8} notFoundTitle={t("directive.notFound")}>
      {(data) => <TaskCreateForm data={data} />}
    </QueryView>
  );
}

function TaskCreateForm({ data }: { data: DirectiveDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidateTasks();
  const [searchParams] = useSearchParams();
  const parentId = intParam(searchParams, "parentId") ?? null;
  const create = useMutation(trpc.task.create.mutationOptions());
  const { directive, tasks } = data;
  const parent = parentId === null ? null : tasks.find((task) => task.id === parentId);
  if (parent === undefined) {
    return <NotFoundView title={t("task.notFound")} />;
  }
  const heading = parent ? t("task.breakDownTitle") : t("task.createTitle");
  const back = parent ? `/tasks/${parent.id}` : `/directives/${directive.id}`;

  return (
    <FormPage
      title={heading}
      crumbs={[
        { label: t("nav.directives"), to: "/directives" },
        { label: directive.number, to: `/directives/${directive.id}` },
        ...(parent ? [{ label: parent.title, to: `/tasks/${parent.id}` }] : []),
        { label: heading },
      ]}
      intro={
        <>
          <Text c="dimmed">
            {t(`directiveType.${directive.type}`)} {directive.number}: {directive.title}
          </Text>
          {parent && (
            <Text>
              {t("task.parent")}: {parent.clause && `${parent.clause}. `}
              {parent.title}
            </Text>
          )}
        </>
      }
    >
      <TaskForm
        schema={taskCreateInput}
        fixed={{ directiveId: directive.id, parentId }}
        defaultValues={{
          clause: "",
          title: "",
          description: "",
          leadAgencyId: undefined,
          coordinatorAgencyIds: [],
          deadline: undefined,
          deadlineKind: "by_date",
          deadlineDays: null,
          isKey: false,
        }}
        submitLabel={parent ? t("task.breakDownSubmit") : t("task.createSubmit")}
        onCancel={() => void navigate(back)}
        submit={async (values) => {
          const { id } = await create.mutateAsync(values);
          await invalidate();
          notifications.show({ color: "green", message: t("task.created") });
          await navigate(`/tasks/${id}`);
        }}
      />
    </FormPage>
  );
}

function TaskEditForm({ data }: { data: TaskDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidateTasks();
  const update = useMutation(trpc.task.update.mutationOptions());
  const { task } = data;
  const heading = t("task.editTitle");
  return (
    <FormPage
      title={heading}
      documentTitle={`${heading}: ${task.title}`}
      crumbs={[
        { label: t("nav.directives"), to: "/directives" },
        { label: task.directive.number, to: `/directives/${task.directive.id}` },
        { label: task.title, to: `/tasks/${task.id}` },
        { label: heading },
      ]}
    >
      <TaskForm
        schema={taskUpdateInput}
        fixed={{ id: task.id, version: task.version }}
        extraAgencies={[task.leadAgency, ...task.coordinators]}
        defaultValues={{
          clause: task.clause,
          title: task.title,
          description: task.description,
          leadAgencyId: task.leadAgency.id,
          coordinatorAgencyIds: task.coordinators.map((agency) => agency.id),
          deadline: task.deadline,
          deadlineKind: task.deadlineKind,
          deadlineDays: task.deadlineDays,
          isKey: task.isKey,
        }}
        submitLabel={t("common.saveChanges")}
        onCancel={() => void navigate(`/tasks/${task.id}`)}
        onReload={() => void invalidate()}
        submit={async (values) => {
          await update.mutateAsync(values);
          await invalidate();
          notifications.show({ color: "green", message: t("task.saved") });
          await navigate(`/tasks/${task.id}`);
        }}
      />
    </FormPage>
  );
}

export function TaskEditPage({ id }: { id: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.task.byId.queryOptions({ id }));
  return (
    <EditView query={detail} texts="task">
      {(data) => <TaskEditForm key={`${data.task.id}-${data.task.version}`} data={data} />}
    </EditView>
  );
}
