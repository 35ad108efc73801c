import { zodResolver } from "@hookform/resolvers/zod";
import { Autocomplete, Paper, SimpleGrid, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { FormEventHandler } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { z } from "zod";
import { COMMON_ISSUERS, DIRECTIVE_TYPES } from "../../shared/directive.ts";
import { directiveCreateInput } from "../../shared/directive-input.ts";
import { type DirectiveDetail, useTRPC } from "../trpc.ts";
import { DateInputField } from "../ui/date-input-field.tsx";
import { FormActions, FormAlert, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField, TextInputField } from "../ui/form-fields.tsx";
import { FormPage } from "../ui/form-page.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { EditView } from "../ui/query-view.tsx";
import { SelectField } from "../ui/select-field.tsx";

type Schema = typeof directiveCreateInput;
type Values = z.input<Schema>;
const FIELDS = ["type", "number", "issuer", "issuedOn", "title", "summary", "fullText"] as const;

/** The fields of a directive, for creating one or editing one. */
function DirectiveForm({
  submitLabel,
  pending,
  onSubmit,
  onCancel,
  serverError,
  onReload,
  form,
}: {
  submitLabel: string;
  pending: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  serverError: string | null;
  onReload?: (() => void) | undefined;
  form: ReturnType<typeof useDirectiveForm>;
}) {
  const { t } = useTranslation();
  const bind = bindFields(form);
  const fieldError = useFieldError();
  const { errors } = form.formState;
  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <FormAlert message={serverError} onReload={onReload} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <SelectField
            {...bind("type")}
            values={DIRECTIVE_TYPES}
            labelOf={(type) => t(`directiveType.${type}`)}
            label={t("directive.type")}
            required
            searchable
            autoFocus
          />
          <TextInputField
            {...bind("number")}
            label={t("directive.number")}
            description={t("directive.numberHint")}
            required
          />
          <Controller
            control={form.control}
            name="issuer"
            render={({ field }) => (
              <Autocomplete
                label={t("directive.issuer")}
                required
                data={[...COMMON_ISSUERS]}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldError(errors.issuer)}
              />
            )}
          />
          <DateInputField
            {...bind("issuedOn")}
            empty={undefined}
            label={t("directive.issuedOn")}
            required
          />
        </SimpleGrid>
        <TextareaField
          {...bind("title")}
          label={t("directive.title")}
          description={t("directive.titleHint")}
          required
          minRows={2}
        />
        <TextareaField {...bind("summary")} label={t("directive.summary")} minRows={3} />
        <TextareaField
          {...bind("fullText")}
          label={t("directive.fullText")}
          minRows={4}
          maxRows={16}
        />
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </Paper>
  );
}

function useDirectiveForm(defaultValues: Partial<Values>) {
  return useForm<Values, unknown, z.output<Schema>>({
    resolver: zodResolver(directiveCreateInput),
    defaultValues,
  });
}

export function DirectiveCreatePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidateTasks();
  const form = useDirectiveForm({
    type: "chi_thi",
    number: "",
    issuer: "",
    title: "",
    summary: "",
    fullText: "",
  });
  const create = useMutation(trpc.directive.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    const { id } = await create.mutateAsync(values);
    await invalidate();
    notifications.show({ color: "green", message: t("directive.created") });
    await navigate(`/directives/${id}`);
  });
  return (
    <FormPage
      title={t("directive.createTitle")}
      crumbs={[
        { label: t("nav.directives"), to: "/directives" },
        { label: t("directive.createTitle") },
      ]}
    >
      <DirectiveForm
        form={form}
        submitLabel={t("directive.save")}
        pending={create.isPending}
        serverError={serverError.message}
        onCancel={() => void navigate("/directives")}
        onSubmit={onSubmit}
      />
    </FormPage>
  );
}

function DirectiveEditForm({ detail }: { detail: DirectiveDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidateTasks();
  const { directive } = detail;
  const form = useDirectiveForm({
    type: directive.type,
    number: directive.number,
    issuer: directive.issuer,
    issuedOn: directive.issuedOn,
    title: directive.title,
    summary: directive.summary,
    fullText: directive.fullText,
  });
  const update = useMutation(trpc.directive.update.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    await update.mutateAsync({ ...values, id: directive.id, version: directive.version });
    await invalidate();
    notifications.show({ color: "green", message: t("directive.saved") });
    await navigate(`/directives/${directive.id}`);
  });
  const heading = `${t("directive.editTitle")} ${directive.number}`;
  return (
    <FormPage
      title={heading}
      crumbs={[
        { label: t("nav.directives"), to: "/directives" },
        { label: directive.number, to: `/directives/${directive.id}` },
        { label: t("directive.editTitle") },
      ]}
    >
      <DirectiveForm
        form={form}
        submitLabel={t("common.saveChanges")}
        pending={update.isPending}
        serverError={serverError.message}
        onReload={
          serverError.stale
            ? async () => {
                await invalidate();
                serverError.clear();
              }
            : undefined
        }
        onCancel={() => void navigate(`/directives/${directive.id}`)}
        onSubmit={onSubmit}
      />
    </FormPage>
  );
}

export function DirectiveEditPage({ id }: { id: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.directive.byId.queryOptions({ id }));
  return (
    <EditView query={detail} texts="directive">
      {(data) => (
        <DirectiveEditForm key={`${data.directive.id}-${data.directive.version}`} detail={data} />
      )}
    </EditView>
  );
}
