import { zodResolver } from "@hookform/resolvers/zod";
import { Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { formatDate } from "../../shared/date.ts";
import { extensionRequestInput } from "../../shared/extension-input.ts";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { DateInputField } from "../ui/date-input-field.tsx";
import { FormActions, FormAlert, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";

const requestSchema = extensionRequestInput.omit({ taskId: true });
type RequestValues = z.input<typeof requestSchema>;

/** The lead agency asks for a later deadline, with a reason. */
export function ExtensionRequestForm({
  task,
  onDone,
}: {
  task: TaskDetail["task"];
  onDone: () => void;
}) {
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
