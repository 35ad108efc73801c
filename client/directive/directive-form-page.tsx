import { zodResolver } from "@hookform/resolvers/zod";
import { Autocomplete, Paper, Select, SimpleGrid, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { FormEventHandler } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { z } from "zod";
import { COMMON_ISSUERS, DIRECTIVE_TYPES, directiveCreateInput } from "../../shared/directive.ts";
import { type DirectiveDetail, useTRPC } from "../trpc.ts";
import { Crumbs } from "../ui/crumbs.tsx";
import { FormActions, FormAlert, useFieldError, useSubmit } from "../ui/form.tsx";
import { DateInputField, TextareaField, TextInputField } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { NotFoundView } from "../ui/not-found-view.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";

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
  const fieldError = useFieldError();
  const { errors } = form.formState;
  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <FormAlert message={serverError} onReload={onReload} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Select
                label={t("directive.type")}
                required
                searchable
                allowDeselect={false}
                data={DIRECTIVE_TYPES.map((value) => ({
                  value,
                  label: t(`directiveType.${value}`),
                }))}
                value={field.value}
                onChange={(value) => {
                  const type = DIRECTIVE_TYPES.find((item) => item === value);
                  if (type) field.onChange(type);
                }}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldError(errors.type)}
                autoFocus
              />
            )}
          />
          <TextInputField
            control={form.control}
            name="number"
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
            control={form.control}
            name="issuedOn"
            empty={undefined}
            label={t("directive.issuedOn")}
            required
          />
        </SimpleGrid>
        <TextareaField
          control={form.control}
          name="title"
          label={t("directive.title")}
          description={t("directive.titleHint")}
          required
          minRows={2}
        />
        <TextareaField
          control={form.control}
          name="summary"
          label={t("directive.summary")}
          minRows={3}
        />
        <TextareaField
          control={form.control}
          name="fullText"
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
    <Stack gap="md" maw={900}>
      <PageTitle title={t("directive.createTitle")} />
      <Crumbs
        items={[
          { label: t("nav.directives"), to: "/directives" },
          { label: t("directive.createTitle") },
        ]}
      />
      <Title order={1}>{t("directive.createTitle")}</Title>
      <DirectiveForm
        form={form}
        submitLabel={t("directive.save")}
        pending={create.isPending}
        serverError={serverError.message}
        onCancel={() => void navigate("/directives")}
        onSubmit={onSubmit}
      />
    </Stack>
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
    <Stack gap="md" maw={900}>
      <PageTitle title={heading} />
      <Crumbs
        items={[
          { label: t("nav.directives"), to: "/directives" },
          { label: directive.number, to: `/directives/${directive.id}` },
          { label: t("directive.editTitle") },
        ]}
      />
      <Title order={1}>{heading}</Title>
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
    </Stack>
  );
}

export function DirectiveEditPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.directive.byId.queryOptions({ id }));
  return (
    <QueryView query={detail} lines={8} notFoundTitle={t("directive.notFound")}>
      {(data) =>
        data.permissions.canEdit ? (
          <DirectiveEditForm key={`${data.directive.id}-${data.directive.version}`} detail={data} />
        ) : (
          <NotFoundView title={t("directive.editTitle")} message={t("directive.cannotEdit")} />
        )
      }
    </QueryView>
  );
}
