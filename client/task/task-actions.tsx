import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, type MantineColor, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { taskAddNoteInput, taskSetStatusInput } from "../../shared/task-input.ts";
import { findTransition, type TaskStatus } from "../../shared/task-status.ts";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { FormAlert, FormPanel, useServerError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";

type Task = TaskDetail["task"];

/** The completion form's code (the date picker, the file picker): fetched when it is about to open. */
const loadCompletionForm = () => import("../report/completion-form.tsx");
const CompletionDialog = lazy(async () => ({
  default: (await loadCompletionForm()).CompletionDialog,
}));
const preloadCompletionForm = () => void loadCompletionForm();

/** The words of a status change: returning a task reported done is "Trả lại", not "in progress". */
export function statusActionKey(from: TaskStatus, to: TaskStatus): string {
  return from === "reported_done" && to === "in_progress"
    ? "statusAction.returned"
    : `statusAction.${to}`;
}

/** The main actions (report done, confirm) stand out; the others are quieter. */
function actionLook(from: TaskStatus, to: TaskStatus): { color: MantineColor; variant: string } {
  if (to === "reported_done" || to === "completed") return { color: "blue", variant: "filled" };
  if (to === "cancelled") return { color: "red", variant: "light" };
  if (to === "not_started") return { color: "gray", variant: "light" };
  if (from === "reported_done") return { color: "orange", variant: "light" };
  return { color: "blue", variant: "light" };
}

const statusNoteSchema = taskSetStatusInput.pick({ note: true });

/**
 * One button per status change the user may make, with a note (required for some). Reporting
 * the task done is not a bare status change: it opens the completion form (document number and
 * date, evidence files), which files a completion report.
 */
export function TaskStatusForm({ task, targets }: { task: Task; targets: TaskStatus[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const [completing, setCompleting] = useState(false);
  const form = useForm<
    z.input<typeof statusNoteSchema>,
    unknown,
    z.output<typeof statusNoteSchema>
  >({ resolver: zodResolver(statusNoteSchema), defaultValues: { note: "" } });
  const bind = bindFields(form);
  const serverError = useServerError(form.setError, ["note"]);
  const setStatus = useMutation(trpc.task.setStatus.mutationOptions());
  const canComplete = targets.includes("reported_done");
  const noteTargets = targets.filter((to) => to !== "reported_done");
  const noteSometimesRequired = noteTargets.some(
    (to) => findTransition(task.status, to)?.noteRequired,
  );

  const act = (to: TaskStatus) =>
    form.handleSubmit((values) => {
      serverError.clear();
      if (findTransition(task.status, to)?.noteRequired && values.note === "") {
        form.setError(
          "note",
          { type: "server", message: t("error.noteRequired") },
          { shouldFocus: true },
        );
        return;
      }
      setStatus.mutate(
        { id: task.id, version: task.version, status: to, note: values.note },
        {
          onSuccess: async () => {
            form.reset({ note: "" });
            await invalidate();
            notifications.show({
              color: "green",
              message: t("task.statusChanged", { status: t(`status.${to}`) }),
            });
          },
          onError: serverError.show,
        },
      );
    })();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="status-form-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="status-form-title">
          {t("task.statusFormTitle")}
        </Title>
        <FormAlert
          message={serverError.message}
          onReload={serverError.stale ? () => void invalidate() : undefined}
        />
        {noteTargets.length > 0 && (
          <>
            <TextareaField
              {...bind("note")}
              label={t("task.statusNote")}
              description={noteSometimesRequired ? t("task.statusNoteHint") : undefined}
              minRows={2}
            />
            <Group gap="sm">
              {noteTargets.map((to) => (
                <Button
                  key={to}
                  {...actionLook(task.status, to)}
                  loading={setStatus.isPending && setStatus.variables?.status === to}
                  disabled={setStatus.isPending}
                  onClick={() => void act(to)}
                >
                  {t(statusActionKey(task.status, to))}
                </Button>
              ))}
            </Group>
          </>
        )}
        {canComplete && (
          <Stack gap={6}>
            <Text size="sm" c="dimmed">
              {t("report.completionHint")}
            </Text>
            <div>
              <Button
                {...actionLook(task.status, "reported_done")}
                onClick={() => setCompleting(true)}
                onPointerEnter={preloadCompletionForm}
                onFocus={preloadCompletionForm}
                aria-haspopup="dialog"
              >
                {t(statusActionKey(task.status, "reported_done"))}
              </Button>
            </div>
            {completing && (
              <Suspense fallback={null}>
                <CompletionDialog task={task} opened onClose={() => setCompleting(false)} />
              </Suspense>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

const noteSchema = taskAddNoteInput.pick({ note: true });

/** Anyone who may see the task (coordinating agencies too) may write in its history. */
export function TaskNoteForm({ task }: { task: Task }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const form = useForm<z.input<typeof noteSchema>, unknown, z.output<typeof noteSchema>>({
    resolver: zodResolver(noteSchema),
    defaultValues: { note: "" },
  });
  const bind = bindFields(form);
  const addNote = useMutation(trpc.task.addNote.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, ["note"], async (values) => {
    await addNote.mutateAsync({ id: task.id, note: values.note });
    form.reset({ note: "" });
    await invalidate();
    notifications.show({ color: "green", message: t("task.noteAdded") });
  });
  return (
    <FormPanel title={t("task.noteFormTitle")} order={2} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <TextareaField {...bind("note")} label={t("task.noteText")} required minRows={2} />
      <Text size="xs" c="dimmed">
        {t("task.noteHint")}
      </Text>
      <div>
        <Button type="submit" variant="light" loading={addNote.isPending}>
          {t("task.noteSubmit")}
        </Button>
      </div>
    </FormPanel>
  );
}
