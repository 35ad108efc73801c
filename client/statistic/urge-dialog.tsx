import {
  Button,
  Group,
  List,
  Modal,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { taskAddNoteInput } from "../../shared/task.ts";
import { useInvalidateTasks } from "../task/invalidate.ts";
import { useTRPC } from "../trpc.ts";
import { useFieldError } from "../ui/form.tsx";
import type { OverdueItem } from "./overdue-table.tsx";
import { useStatisticFormat } from "./statistic-scope.ts";

type Outcome = { sent: number[]; failed: OverdueItem[] };

function UrgeForm({
  tasks,
  done,
  onProgress,
  onFinished,
  onCancel,
}: {
  tasks: readonly OverdueItem[];
  /** Tasks handled so far while sending; null before. */
  done: number | null;
  onProgress: (done: number) => void;
  onFinished: (outcome: Outcome) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const { count } = useStatisticFormat();
  const addNote = useMutation(trpc.task.addNote.mutationOptions());
  const [note, setNote] = useState(() => t("overdue.urgeDefault"));
  const fieldError = useFieldError();
  const [error, setError] = useState<string | null>(null);
  const sending = done !== null;

  const send = async () => {
    // The server's own rule for a note (required, at most 4 000 characters).
    const checked = taskAddNoteInput.shape.note.safeParse(note);
    if (!checked.success) {
      setError(
        note.trim() === ""
          ? t("overdue.urgeNoteRequired")
          : (fieldError({ message: checked.error.issues[0]?.message }) ?? null),
      );
      return;
    }
    const text = checked.data;
    setError(null);
    const outcome: Outcome = { sent: [], failed: [] };
    onProgress(0);
    // One after the other: the server's write lock is not hammered, and progress reads true.
    for (const [index, task] of tasks.entries()) {
      try {
        await addNote.mutateAsync({ id: task.id, note: text });
        outcome.sent.push(task.id);
      } catch {
        outcome.failed.push(task);
      }
      onProgress(index + 1);
    }
    await invalidate();
    onFinished(outcome);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void send();
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
        {sending && (
          <Stack gap={4} aria-live="polite">
            <Text size="sm">
              {t("overdue.urgeProgress", { done: count(done), total: count(tasks.length) })}
            </Text>
            <Progress
              value={(100 * done) / Math.max(1, tasks.length)}
              aria-label={t("overdue.urgeProgressLabel")}
            />
          </Stack>
        )}
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
 * "Đôn đốc": the same urging note added to each chosen task's history (task.addNote), after the
 * user has read and may edit the text; progress while sending, then what went through.
 */
export function UrgeDialog({
  opened,
  tasks,
  onClose,
  onSent,
}: {
  opened: boolean;
  tasks: readonly OverdueItem[];
  onClose: () => void;
  /** The tasks the note reached. */
  onSent: (ids: readonly number[]) => void;
}) {
  const { t } = useTranslation();
  const { count } = useStatisticFormat();
  const [done, setDone] = useState<number | null>(null);
  const busy = done !== null;

  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!busy) onClose();
      }}
      title={t("overdue.urgeTitle")}
      size="lg"
      // Shown at once: a fading dialog is read (and checked by axe) at half contrast.
      transitionProps={{ duration: 0 }}
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <UrgeForm
        tasks={tasks}
        done={done}
        onProgress={setDone}
        onCancel={onClose}
        onFinished={({ sent, failed }) => {
          setDone(null);
          onSent(sent);
          onClose();
          if (failed.length === 0) {
            notifications.show({
              color: "green",
              message: t("overdue.urgeDone", { count: sent.length, total: count(sent.length) }),
            });
          } else {
            notifications.show({
              color: "orange",
              autoClose: false,
              message: t("overdue.urgePartial", {
                done: count(sent.length),
                total: count(tasks.length),
                failed: failed
                  .map((task) => `${task.directive.number} ${task.clause}`.trim())
                  .join("; "),
              }),
            });
          }
        }}
      />
    </Modal>
  );
}
