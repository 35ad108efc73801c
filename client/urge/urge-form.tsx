import { Button, Group, List, ScrollArea, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { calendarFromData } from "../../shared/calendar.ts";
import { type IsoDate, workingDaysAfter } from "../../shared/date.ts";
import { URGE_REPLY_WORKING_DAYS } from "../../shared/urge.ts";
import { urgeSendInput } from "../../shared/urge-input.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { errorFacts, isClientError } from "../ui/api-error.ts";
import { useToday } from "../ui/current-user.tsx";
import { DateField } from "../ui/date-field.tsx";
import { Dialog } from "../ui/dialog.tsx";
import { FormAlert, useFieldError } from "../ui/form.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import type { UrgeDialogProps } from "./urge-dialog.tsx";
import { LetterButton } from "./urge-section.tsx";

type Sent = RouterOutputs["urge"]["send"];

/** The reply date proposed: URGE_REPLY_WORKING_DAYS working days from today, by the calendar. */
function useDefaultReplyBy(): IsoDate | null {
  const trpc = useTRPC();
  const today = useToday();
  const calendar = useQuery({ ...trpc.calendar.get.queryOptions(), staleTime: 10 * 60_000 });
  if (!calendar.data) return null;
  return workingDaysAfter(today, URGE_REPLY_WORKING_DAYS, calendarFromData(calendar.data));
}

function UrgeForm({
  tasks,
  sending,
  serverError,
  refused,
  onSend,
  onCancel,
}: {
  tasks: UrgeDialogProps["tasks"];
  sending: boolean;
  /** Why the server refused (then nothing was written), or null. */
  serverError: string | null;
  /** The server refused the tasks as they were (one closed meanwhile, say): the list is renewed. */
  refused: boolean;
  onSend: (message: string, replyBy: IsoDate) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const [message, setMessage] = useState(() => t("overdue.urgeDefault"));
  const proposed = useDefaultReplyBy();
  const [replyBy, setReplyBy] = useState<string | null>(null);
  const fieldError = useFieldError();
  const [error, setError] = useState<string | null>(null);
  const [replyError, setReplyError] = useState<string | null>(null);
  const agencies = new Set(tasks.map((task) => task.leadAgency.name)).size;
  const chosenReplyBy = replyBy ?? proposed;

  const send = () => {
    // The server's own rules (message required, at most 4 000 characters; a date).
    const checked = urgeSendInput.safeParse({
      ids: tasks.map((task) => task.id),
      message,
      replyBy: chosenReplyBy ?? "",
    });
    const messageIssue = checked.error?.issues.find((issue) => issue.path[0] === "message");
    const replyIssue = checked.error?.issues.find((issue) => issue.path[0] === "replyBy");
    setError(
      messageIssue
        ? message.trim() === ""
          ? t("overdue.urgeNoteRequired")
          : (fieldError({ message: messageIssue.message }) ?? null)
        : null,
    );
    const past = chosenReplyBy !== null && chosenReplyBy < today;
    setReplyError(replyIssue || past ? t("urge.replyByInvalid") : null);
    if (!checked.success || past) return;
    onSend(checked.data.message, checked.data.replyBy);
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
          {t("urge.intro", { count: tasks.length, total: tasks.length, agencies })}
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
        {refused && <Text size="sm">{t("urge.refusedRefreshed")}</Text>}
        <Textarea
          label={t("overdue.urgeNote")}
          required
          autosize
          minRows={3}
          maxRows={8}
          value={message}
          onChange={(event) => setMessage(event.currentTarget.value)}
          error={error}
          disabled={sending}
          data-autofocus
        />
        <DateField
          label={t("urge.replyBy")}
          description={t("urge.replyByHint")}
          required
          value={chosenReplyBy}
          onChange={(value) => setReplyBy(value)}
          minDate={today}
          error={replyError}
          disabled={sending}
        />
        <Text size="sm" aria-live="polite">
          {sending ? t("overdue.urgeSending", { count: tasks.length, total: tasks.length }) : ""}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={sending}>
            {t("common.cancel")}
          </Button>
          {/* Until the calendar has given the reply date proposed, there is nothing to send yet. */}
          <Button
            type="submit"
            loading={sending}
            disabled={chosenReplyBy === null || tasks.length === 0}
          >
            {t("overdue.urgeSubmit", { count: tasks.length, total: tasks.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** After sending: one letter per lead agency, each to download. */
function SentLetters({ sent, onClose }: { sent: Sent; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" role="status">
        {t("urge.sent", { count: sent.count, total: sent.count, letters: sent.letters.length })}
      </Text>
      <List size="sm" spacing="xs">
        {sent.letters.map((letter) => (
          <List.Item key={letter.id}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm">
                {letter.agency.name} ({t("urge.taskCount", { count: letter.taskIds.length })})
              </Text>
              <LetterButton
                letter={letter}
                label={t("urge.downloadLetter", { agency: letter.agency.shortName })}
              />
            </Group>
          </List.Item>
        ))}
      </List>
      <Group justify="flex-end">
        <Button onClick={onClose}>{t("urge.finish")}</Button>
      </Group>
    </Stack>
  );
}

/**
 * "Đôn đốc" (shown through UrgeDialog, which fetches this module when it first opens): after the
 * user has read and may edit the message and the reply date, one request
 * (urge.send) urges every chosen task or, when the server refuses, none; then the dialog offers
 * the urging letters, one per lead agency, to download.
 */
export function UrgeFormDialog({ opened, tasks, onClose, onSent }: UrgeDialogProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const send = useMutation(trpc.urge.send.mutationOptions());
  const sending = send.isPending;
  const serverError = send.isError
    ? (errorFacts(send.error).message ?? t("problem.network"))
    : null;
  const close = () => {
    if (sending) return;
    send.reset();
    onClose();
  };
  const submit = (message: string, replyBy: IsoDate) => {
    send.mutate(
      { ids: tasks.map((task) => task.id), message, replyBy },
      {
        onSuccess: async (result) => {
          onSent?.(result.letters.flatMap((letter) => letter.taskIds));
          await invalidate();
          notifications.show({
            color: "green",
            message: t("overdue.urgeDone", { count: result.count, total: result.count }),
          });
        },
        // A refusal is about the tasks as the server has them now (one was reported done or
        // closed meanwhile): the lists are read again, and a task that can no longer be urged
        // drops out of the choice, so this dialog lists what can still be sent.
        onError: (error) => {
          if (isClientError(error)) void invalidate();
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
      {send.data ? (
        <SentLetters sent={send.data} onClose={close} />
      ) : (
        <UrgeForm
          tasks={tasks}
          sending={sending}
          serverError={serverError}
          refused={send.isError && isClientError(send.error)}
          onSend={submit}
          onCancel={close}
        />
      )}
    </Dialog>
  );
}
