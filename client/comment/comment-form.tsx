import { zodResolver } from "@hookform/resolvers/zod";
import { Button, MultiSelect } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { commentCreateInput } from "../../shared/comment-input.ts";
import { EvidenceField } from "../evidence/evidence-field.tsx";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";

type CommentList = RouterOutputs["comment"]["list"];

const schema = commentCreateInput.omit({ taskId: true });
type Values = z.input<typeof schema>;
const FIELDS = ["body", "mentionAgencyIds", "fileIds"] as const;

/** A new comment: its text, the agencies it mentions and its files. */
export function CommentForm({
  taskId,
  mentionable,
  onDone,
}: {
  taskId: number;
  mentionable: CommentList["mentionable"];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidateTasks();
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { body: "", mentionAgencyIds: [], fileIds: [] },
  });
  const bind = bindFields(form);
  const create = useMutation(trpc.comment.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    await create.mutateAsync({ ...values, taskId });
    await invalidate();
    notifications.show({ color: "green", message: t("comment.sent") });
    onDone();
  });
  return (
    <FormPanel title={t("comment.formTitle")} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <TextareaField {...bind("body")} label={t("comment.body")} required minRows={3} />
      <Controller
        control={form.control}
        name="mentionAgencyIds"
        render={({ field, fieldState }) => (
          <MultiSelect
            label={t("comment.mentions")}
            description={t("comment.mentionsHint")}
            data={mentionable.map((agency) => ({ value: String(agency.id), label: agency.name }))}
            value={(field.value ?? []).map(String)}
            onChange={(values) => field.onChange(values.map(Number))}
            onBlur={field.onBlur}
            ref={field.ref}
            name={field.name}
            searchable
            clearable
            hidePickedOptions
            error={fieldError(fieldState.error)}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      <EvidenceField {...bind("fileIds")} />
      <div>
        <Button type="submit" variant="light" loading={create.isPending}>
          {t("comment.submit")}
        </Button>
      </div>
    </FormPanel>
  );
}
