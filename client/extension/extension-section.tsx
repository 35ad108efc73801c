import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { formatDate } from "../../shared/date.ts";
import { extensionRequestInput } from "../../shared/extension-input.ts";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { FormActions, FormAlert, useSubmit } from "../ui/form.tsx";
import { bindFields, DateInputField, TextareaField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { QueryView } from "../ui/query-view.tsx";
import { ExtensionDecideForm } from "./extension-decide-form.tsx";
import { ExtensionItem } from "./extension-item.tsx";

const requestSchema = extensionRequestInput.omit({ taskId: true });
type RequestValues = z.input<typeof requestSchema>;

function ExtensionRequestForm({ task, onDone }: { task: TaskDetail["task"]; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const form = useForm<RequestValues, unknown, z.output<typeof requestSchema>>({
    resolver: zodResolver(requestSchema),
    defaultValues: { deadline: "", reason: "" },
  });
  const bind = bindFields(form);
  const request = useMutation(trpc.extension.request.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, ["deadline", "reason"], async (values) => {
    await request.mutateAsync({ ...values, taskId: task.id });
    onDone();
    await invalidate();
    notifications.show({ color: "green", message: t("extension.requested") });
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <Title order={3} fz="h5">
          {t("extension.requestTitle")}
        </Title>
        <FormAlert message={serverError.message} />
        <DateInputField
          {...bind("deadline")}
          empty=""
          label={t("extension.newDeadline")}
          description={
            task.deadline === null
              ? undefined
              : t("extension.newDeadlineHint", { date: formatDate(task.deadline) })
          }
          required
          autoFocus
          styles={{ wrapper: { maxWidth: 200 } }}
        />
        <TextareaField {...bind("reason")} label={t("extension.reason")} required minRows={3} />
        <FormActions
          submitLabel={t("extension.requestSubmit")}
          pending={request.isPending}
          onCancel={onDone}
        />
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

  return (
    <QueryView query={list} lines={3}>
      {({ items, canRequest }) =>
        items.length === 0 && !canRequest && task.deadline === null ? null : (
          <Paper
            withBorder
            p="md"
            component="section"
            aria-labelledby="extensions-title"
            id="extensions"
          >
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
        )
      }
    </QueryView>
  );
}
