import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { reportCompleteInput } from "../../shared/report.ts";
import { EvidenceUpload } from "../evidence/evidence-upload.tsx";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { DateField } from "../ui/date-field.tsx";
import { applyServerError, FormAlert, useFieldError } from "../ui/form.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { usePhoneLayout } from "../ui/phone-layout.ts";

const schema = reportCompleteInput.omit({ taskId: true, version: true });
type Values = z.input<typeof schema>;
const FIELDS = ["documentNumber", "documentDate", "note", "fileIds"] as const;

function CompletionFields({ task, onDone }: { task: TaskDetail["task"]; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidateTasks();
  const [serverError, setServerError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { documentNumber: "", documentDate: "", note: "", fileIds: [] },
  });
  const { errors } = form.formState;
  const complete = useMutation(trpc.report.complete.mutationOptions());
  const onSubmit = form.handleSubmit((values) => {
    setServerError(null);
    setConflict(false);
    complete.mutate(
      { ...values, taskId: task.id, version: task.version },
      {
        onSuccess: async () => {
          onDone();
          await invalidate();
          notifications.show({ color: "green", message: t("report.completionSent") });
        },
        onError: (error) => {
          setConflict(errorFacts(error).code === "CONFLICT");
          setServerError(applyServerError(error, form.setError, FIELDS));
        },
      },
    );
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <Text size="sm">{t("report.completionIntro")}</Text>
        <FormAlert
          message={serverError}
          action={
            conflict ? (
              <Button variant="default" size="xs" onClick={() => void invalidate()}>
                {t("common.reload")}
              </Button>
            ) : undefined
          }
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("report.documentNumber")}
            description={t("report.documentNumberHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            required
            error={fieldError(errors.documentNumber)}
            {...form.register("documentNumber")}
          />
          <Controller
            control={form.control}
            name="documentDate"
            render={({ field }) => (
              <DateField
                label={t("report.documentDate")}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? "")}
                onBlur={field.onBlur}
                ref={field.ref}
                error={
                  errors.documentDate && field.value === ""
                    ? t("validation.required")
                    : fieldError(errors.documentDate)
                }
              />
            )}
          />
        </SimpleGrid>
        <Textarea
          label={t("report.completionNote")}
          autosize
          minRows={3}
          error={fieldError(errors.note)}
          {...form.register("note")}
        />
        <Controller
          control={form.control}
          name="fileIds"
          render={({ field }) => (
            <EvidenceUpload
              onChange={field.onChange}
              buttonRef={field.ref}
              error={fieldError(errors.fileIds)}
            />
          )}
        />
        <Group gap="sm" mt="xs">
          <Button type="submit" loading={complete.isPending}>
            {t("report.completionSubmit")}
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
 * The lead agency reports the task done with its evidence: the outgoing document's number and
 * date, a note and files (report.complete). The task then awaits the assigner's confirmation.
 */
export function CompletionDialog({
  task,
  opened,
  onClose,
}: {
  task: TaskDetail["task"];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("report.completionTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
      styles={{ title: { fontWeight: 700, fontSize: "var(--mantine-font-size-lg)" } }}
      fullScreen={phone}
      transitionProps={{ duration: 0 }}
    >
      {opened && <CompletionFields task={task} onDone={onClose} />}
    </Modal>
  );
}
