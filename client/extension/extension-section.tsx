import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { formatDate } from "../../shared/date.ts";
import { extensionRequestInput } from "../../shared/extension.ts";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { DateField } from "../ui/date-field.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { applyServerError, FormAlert, useFieldError } from "../ui/form.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { LoadingLines } from "../ui/loading.tsx";
import { ExtensionDecideForm } from "./extension-decide-form.tsx";
import { ExtensionItem } from "./extension-item.tsx";

const requestSchema = extensionRequestInput.omit({ taskId: true });
type RequestValues = z.input<typeof requestSchema>;

function ExtensionRequestForm({ task, onDone }: { task: TaskDetail["task"]; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidateTasks();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<RequestValues, unknown, z.output<typeof requestSchema>>({
    resolver: zodResolver(requestSchema),
    defaultValues: { deadline: "", reason: "" },
  });
  const { errors } = form.formState;
  const request = useMutation(trpc.extension.request.mutationOptions());
  const onSubmit = form.handleSubmit((values) => {
    setServerError(null);
    request.mutate(
      { ...values, taskId: task.id },
      {
        onSuccess: async () => {
          onDone();
          await invalidate();
          notifications.show({ color: "green", message: t("extension.requested") });
        },
        onError: (error) =>
          setServerError(applyServerError(error, form.setError, ["deadline", "reason"])),
      },
    );
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <Title order={3} fz="h5">
          {t("extension.requestTitle")}
        </Title>
        <FormAlert message={serverError} />
        <Controller
          control={form.control}
          name="deadline"
          render={({ field }) => (
            <DateField
              label={t("extension.newDeadline")}
              description={
                task.deadline === null
                  ? undefined
                  : t("extension.newDeadlineHint", { date: formatDate(task.deadline) })
              }
              required
              autoFocus
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? "")}
              onBlur={field.onBlur}
              ref={field.ref}
              error={
                errors.deadline && field.value === ""
                  ? t("validation.required")
                  : fieldError(errors.deadline)
              }
              styles={{ wrapper: { maxWidth: 200 } }}
            />
          )}
        />
        <Textarea
          label={t("extension.reason")}
          required
          autosize
          minRows={3}
          error={fieldError(errors.reason)}
          {...form.register("reason")}
        />
        <Group gap="sm">
          <Button type="submit" loading={request.isPending}>
            {t("extension.requestSubmit")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Deadline extensions of a task: the lead agency asks for a later deadline with a reason; the
 * requests with their status; officers who may decide approve or reject a pending one here.
 */
export function TaskExtensions({ task }: { task: TaskDetail["task"] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.extension.list.queryOptions({ taskId: task.id }));
  const [asking, setAsking] = useState(false);

  if (list.isPending) return <LoadingLines lines={3} />;
  if (list.isError) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
  const { items, canRequest } = list.data;
  if (items.length === 0 && !canRequest && task.deadline === null) return null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="extensions-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="extensions-title">
          {t("extension.title")}
        </Title>
        {canRequest &&
          (asking ? (
            <ExtensionRequestForm task={task} onDone={() => setAsking(false)} />
          ) : (
            <Group gap="sm">
              <Button variant="light" onClick={() => setAsking(true)}>
                {t("extension.requestOpen")}
              </Button>
              <Text size="xs" c="dimmed" style={{ flex: "1 1 200px" }}>
                {t("extension.requestHint")}
              </Text>
            </Group>
          ))}
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("extension.none")}
          </Text>
        ) : (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
            {items.map((item) => (
              <ExtensionItem key={item.id} item={item}>
                {item.canDecide && <ExtensionDecideForm request={item} />}
              </ExtensionItem>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
