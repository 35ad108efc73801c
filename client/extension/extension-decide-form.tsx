import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { formatDate } from "../../shared/date.ts";
import type { ExtensionDecision } from "../../shared/extension.ts";
import { extensionDecideInput } from "../../shared/extension-input.ts";
import { useTRPC } from "../trpc.ts";
import { DateInputField } from "../ui/date-input-field.tsx";
import { FormAlert, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";

type Values = z.input<typeof extensionDecideInput>;
const FIELDS = ["deadline", "note"] as const;

/**
 * An officer of the assigning agency decides a pending request: approve with the requested date
 * or another one, or reject with a reason (the reason is required to reject).
 */
export function ExtensionDecideForm({
  request,
}: {
  request: { id: number; requestedDeadline: string; taskId: number };
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const form = useForm<Values, unknown, z.output<typeof extensionDecideInput>>({
    resolver: zodResolver(extensionDecideInput),
    defaultValues: {
      id: request.id,
      decision: "approve",
      deadline: request.requestedDeadline,
      note: "",
    },
  });
  const bind = bindFields(form);
  const decide = useMutation(trpc.extension.decide.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    // Rejecting keeps no date; approving sends the date chosen (the requested one by default).
    const result = await decide.mutateAsync({
      ...values,
      deadline: values.decision === "approve" ? values.deadline : null,
    });
    await invalidate();
    notifications.show({
      color: "green",
      message:
        result.deadline === null
          ? t("extension.rejected")
          : t("extension.approved", { date: formatDate(result.deadline) }),
    });
  });

  const act = (decision: ExtensionDecision) => {
    form.setValue("decision", decision);
    form.clearErrors();
    void onSubmit();
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        act("approve");
      }}
    >
      <Stack gap="sm">
        <FormAlert message={serverError.message} />
        <DateInputField
          {...bind("deadline")}
          label={t("extension.approveDate")}
          description={t("extension.approveDateHint", {
            date: formatDate(request.requestedDeadline),
          })}
          styles={{ wrapper: { maxWidth: 200 } }}
        />
        <TextareaField
          {...bind("note")}
          label={t("extension.decisionNote")}
          description={t("extension.decisionNoteHint")}
          minRows={2}
        />
        <Group gap="sm">
          <Button
            type="submit"
            loading={decide.isPending && decide.variables?.decision === "approve"}
            disabled={decide.isPending}
          >
            {t("extension.approve")}
          </Button>
          <Button
            variant="light"
            color="red"
            loading={decide.isPending && decide.variables?.decision === "reject"}
            disabled={decide.isPending}
            onClick={() => act("reject")}
          >
            {t("extension.reject")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
