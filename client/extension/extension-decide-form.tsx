import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Stack, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { formatDate } from "../../shared/date.ts";
import { type ExtensionDecision, extensionDecideInput } from "../../shared/extension.ts";
import { useTRPC } from "../trpc.ts";
import { DateField } from "../ui/date-field.tsx";
import { applyServerError, FormAlert, useFieldError } from "../ui/form.tsx";
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
  const fieldError = useFieldError();
  const invalidate = useInvalidateTasks();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<Values, unknown, z.output<typeof extensionDecideInput>>({
    resolver: zodResolver(extensionDecideInput),
    defaultValues: {
      id: request.id,
      decision: "approve",
      deadline: request.requestedDeadline,
      note: "",
    },
  });
  const { errors } = form.formState;
  const decide = useMutation(trpc.extension.decide.mutationOptions());

  const act = (decision: ExtensionDecision) => {
    form.setValue("decision", decision);
    form.clearErrors();
    void form.handleSubmit((values) => {
      setServerError(null);
      decide.mutate(
        // Rejecting keeps no date; approving sends the date chosen (the requested one by default).
        { ...values, deadline: decision === "approve" ? values.deadline : null },
        {
          onSuccess: async (result) => {
            await invalidate();
            notifications.show({
              color: "green",
              message:
                result.deadline === null
                  ? t("extension.rejected")
                  : t("extension.approved", { date: formatDate(result.deadline) }),
            });
          },
          onError: (error) => setServerError(applyServerError(error, form.setError, FIELDS)),
        },
      );
    })();
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
        <FormAlert message={serverError} />
        <Controller
          control={form.control}
          name="deadline"
          render={({ field }) => (
            <DateField
              label={t("extension.approveDate")}
              description={t("extension.approveDateHint", {
                date: formatDate(request.requestedDeadline),
              })}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldError(errors.deadline)}
              styles={{ wrapper: { maxWidth: 200 } }}
            />
          )}
        />
        <Textarea
          label={t("extension.decisionNote")}
          description={t("extension.decisionNoteHint")}
          autosize
          minRows={2}
          error={fieldError(errors.note)}
          {...form.register("note")}
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
