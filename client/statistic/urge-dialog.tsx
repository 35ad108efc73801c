import { Button, Group, List, ScrollArea, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { taskAddNotesInput } from "../../shared/task.ts";
import { useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { Dialog } from "../ui/dialog.tsx";
import { FormAlert, useFieldError } from "../ui/form.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { useStatisticFormat } from "./statistic-format.ts";

/** What the dialog lists of each task it urges (an overdue row, an inbox item). */
export type UrgeTask = {
  id: number;
  title: string;
  clause: string;
  directive: { number: string };
  leadAgency: { name: string; shortName: string };
};

function UrgeForm({
  tasks,
  sending,
  serverError,
  onSend,
  onCancel,
}: {
  tasks: readonly UrgeTask[];
  sending: boolean;
  /** Why the server refused (then nothing was written), or null. */
  serverError: string | null;
  onSend: (note: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { count } = useStatisticFormat();
  const [note, setNote] = useState(() => t("overdue.urgeDefault"));
  const fieldError = useFieldError();
  const [error, setError] = useState<string | null>(null);

  const send = () => {
    // The server's own rule for the note (required, at most 4 000 characters).
    const checked = taskAddNotesInput.shape.note.safeParse(note);
    if (!checked.success) {
      setError(
        note.trim() === ""
          ? t("overdue.urgeNoteRequired")
          : (fieldError({ message: checked.error.issues[0]?.message }) ?? null),
      );
      return;
    }
    setError(null);
    onSend(checked.data);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {t("overdue.urgeIntro", { count: tasks.length, total: count(tasks.length) })}
        </Text>
        <ScrollArea.Autosize mah={160} type="auto">
          <List size="sm" spacing={2}>
            {tasks.map((task) => (
              <List.Item key={task.id}>
                {task.directive.number}
                {task.clause && ` · ${task.clause}`}: {task.title} (
                {task.leadAgency.shortName || task.leadAgency.name})
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
        <FormAlert message={serverError} title={t("overdue.urgeFailedTitle")} />
        <Textarea
          label={t("overdue.urgeNote")}
          required
          autosize
          minRows={3}
          maxRows={8}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={error}
          disabled={sending}
          data-autofocus
        />
        <Text size="sm" aria-live="polite">
          {sending
            ? t("overdue.urgeSending", { count: tasks.length, total: count(tasks.length) })
            : ""}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={sending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={sending}>
            {t("overdue.urgeSubmit", { count: tasks.length, total: count(tasks.length) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "Đôn đốc": the same urging note added to the history of every chosen task, after the user has
 * read and may edit the text; one request (task.addNotes), so the note reaches all of them or,
 * when the server refuses, none.
 */
export function UrgeDialog({
  opened,
  tasks,
  onClose,
  onSent,
}: {
  opened: boolean;
  tasks: readonly UrgeTask[];
  onClose: () => void;
  /** The tasks the note reached. */
  onSent: (ids: readonly number[]) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const { count } = useStatisticFormat();
  const addNotes = useMutation(trpc.task.addNotes.mutationOptions());
  const sending = addNotes.isPending;
  const serverError = addNotes.isError
    ? (errorFacts(addNotes.error).message ?? t("problem.network"))
    : null;
  const close = () => {
    if (sending) return;
    addNotes.reset();
    onClose();
  };
  const send = (note: string) => {
    const ids = tasks.map((task) => task.id);
    addNotes.mutate(
      { ids, note },
      {
        onSuccess: async (result) => {
          await invalidate();
          onSent(ids);
          addNotes.reset();
          onClose();
          notifications.show({
            color: "green",
            message: t("overdue.urgeDone", { count: result.count, total: count(result.count) }),
          });
        },
      },
    );
  };

  return (
    <Dialog
      opened={opened}
      onClose={close}
      title={t("overdue.urgeTitle")}
      closeOnClickOutside={!sending}
      closeOnEscape={!sending}
      withCloseButton={!sending}
    >
      <UrgeForm
        tasks={tasks}
        sending={sending}
        serverError={serverError}
        onSend={send}
        onCancel={close}
      />
    </Dialog>
  );
}
