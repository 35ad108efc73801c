import { zodResolver } from "@hookform/resolvers/zod";
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { reportCompleteInput } from "../../shared/report-input.ts";
import { EvidenceField } from "../evidence/evidence-field.tsx";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { DateInputField } from "../ui/date-input-field.tsx";
import { Dialog } from "../ui/dialog.tsx";
import { FormActions, FormAlert, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField, TextInputField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { usePhoneLayout } from "../ui/phone-layout.ts";

const schema = reportCompleteInput.omit({ taskId: true, version: true });
type Values = z.input<typeof schema>;
const FIELDS = ["documentNumber", "documentDate", "note", "fileIds"] as const;

function CompletionFields({ task, onDone }: { task: TaskDetail["task"]; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateTasks();
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { documentNumber: "", documentDate: "", note: "", fileIds: [] },
  });
  const bind = bindFields(form);
  const complete = useMutation(trpc.report.complete.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    await complete.mutateAsync({ ...values, taskId: task.id, version: task.version });
    onDone();
    await invalidate();
    notifications.show({ color: "green", message: t("report.completionSent") });
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <Text size="sm">{t("report.completionIntro")}</Text>
        <FormAlert
          message={serverError.message}
          onReload={serverError.stale ? () => void invalidate() : undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInputField
            {...bind("documentNumber")}
            label={t("report.documentNumber")}
            description={t("report.documentNumberHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            required
          />
          <DateInputField
            {...bind("documentDate")}
            empty=""
            label={t("report.documentDate")}
            required
          />
        </SimpleGrid>
        <TextareaField {...bind("note")} label={t("report.completionNote")} minRows={3} />
        <EvidenceField {...bind("fileIds")} />
        <FormActions
          submitLabel={t("report.completionSubmit")}
          pending={complete.isPending}
          onCancel={onDone}
          mt="xs"
        />
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
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t("report.completionTitle")}
      styles={{ title: { fontWeight: 700, fontSize: "var(--mantine-font-size-lg)" } }}
      fullScreen={phone}
    >
      {opened && <CompletionFields task={task} onDone={onClose} />}
    </Dialog>
  );
}
