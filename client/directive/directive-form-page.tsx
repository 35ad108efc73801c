import { zodResolver } from "@hookform/resolvers/zod";
import {
  Autocomplete,
  Button,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { z } from "zod";
import { COMMON_ISSUERS, DIRECTIVE_TYPES, directiveCreateInput } from "../../shared/directive.ts";
import { type DirectiveDetail, useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { Crumbs } from "../ui/crumbs.tsx";
import { DateField } from "../ui/date-field.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { applyServerError, FormActions, FormAlert, useFieldError } from "../ui/form.tsx";
import { LoadingLines } from "../ui/loading.tsx";
import { NotFoundView } from "../ui/not-found-view.tsx";
import { PageTitle } from "../ui/page-title.tsx";

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
  conflict,
  form,
}: {
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: z.output<Schema>) => void;
  onCancel: () => void;
  serverError: string | null;
  conflict?: ReactNode;
  form: ReturnType<typeof useDirectiveForm>;
}) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const { errors } = form.formState;
  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={form.handleSubmit(onSubmit)}>
      <Stack gap="md">
        <FormAlert message={serverError} action={conflict} />
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
          <TextInput
            label={t("directive.number")}
            description={t("directive.numberHint")}
            required
            error={fieldError(errors.number)}
            {...form.register("number")}
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
          <Controller
            control={form.control}
            name="issuedOn"
            render={({ field }) => (
              <DateField
                label={t("directive.issuedOn")}
                required
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? undefined)}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldError(errors.issuedOn)}
              />
            )}
          />
        </SimpleGrid>
        <Textarea
          label={t("directive.title")}
          description={t("directive.titleHint")}
          required
          autosize
          minRows={2}
          error={fieldError(errors.title)}
          {...form.register("title")}
        />
        <Textarea
          label={t("directive.summary")}
          autosize
          minRows={3}
          error={fieldError(errors.summary)}
          {...form.register("summary")}
        />
        <Textarea
          label={t("directive.fullText")}
          autosize
          minRows={4}
          maxRows={16}
          error={fieldError(errors.fullText)}
          {...form.register("fullText")}
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
  const queryClient = useQueryClient();
  const [serverError, setServerError] = useState<string | null>(null);
  const defaultValues: Partial<Values> = {
    type: "chi_thi",
    number: "",
    issuer: "",
    title: "",
    summary: "",
    fullText: "",
  };
  const form = useDirectiveForm(defaultValues);
  const create = useMutation(trpc.directive.create.mutationOptions());
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
        serverError={serverError}
        onCancel={() => void navigate("/directives")}
        onSubmit={(values) => {
          setServerError(null);
          create.mutate(values, {
            onSuccess: async ({ id }) => {
              await queryClient.invalidateQueries(trpc.directive.pathFilter());
              notifications.show({ color: "green", message: t("directive.created") });
              await navigate(`/directives/${id}`);
            },
            onError: (error) => setServerError(applyServerError(error, form.setError, FIELDS)),
          });
        }}
      />
    </Stack>
  );
}

function DirectiveEditForm({ detail }: { detail: DirectiveDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [serverError, setServerError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const { directive } = detail;
  const defaultValues: Partial<Values> = {
    type: directive.type,
    number: directive.number,
    issuer: directive.issuer,
    issuedOn: directive.issuedOn,
    title: directive.title,
    summary: directive.summary,
    fullText: directive.fullText,
  };
  const form = useDirectiveForm(defaultValues);
  const update = useMutation(trpc.directive.update.mutationOptions());
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
        serverError={serverError}
        conflict={
          conflict ? (
            <Button
              variant="default"
              size="xs"
              onClick={async () => {
                await queryClient.invalidateQueries(trpc.directive.pathFilter());
                setConflict(false);
                setServerError(null);
              }}
            >
              {t("common.reload")}
            </Button>
          ) : undefined
        }
        onCancel={() => void navigate(`/directives/${directive.id}`)}
        onSubmit={(values) => {
          setServerError(null);
          setConflict(false);
          update.mutate(
            { ...values, id: directive.id, version: directive.version },
            {
              onSuccess: async () => {
                await queryClient.invalidateQueries(trpc.directive.pathFilter());
                await queryClient.invalidateQueries(trpc.task.pathFilter());
                notifications.show({ color: "green", message: t("directive.saved") });
                await navigate(`/directives/${directive.id}`);
              },
              onError: (error) => {
                const facts = errorFacts(error);
                setConflict(facts.code === "CONFLICT" && !("number" in facts.fieldErrors));
                setServerError(applyServerError(error, form.setError, FIELDS));
              },
            },
          );
        }}
      />
    </Stack>
  );
}

export function DirectiveEditPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.directive.byId.queryOptions({ id }));
  if (detail.isPending) return <LoadingLines lines={8} />;
  if (detail.isError) {
    const facts = errorFacts(detail.error);
    if (facts.code === "NOT_FOUND") {
      return <NotFoundView title={t("directive.notFound")} message={facts.message} />;
    }
    return <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  if (!detail.data.permissions.canEdit) {
    return <NotFoundView title={t("directive.editTitle")} message={t("directive.cannotEdit")} />;
  }
  return (
    <DirectiveEditForm
      key={`${detail.data.directive.id}-${detail.data.directive.version}`}
      detail={detail.data}
    />
  );
}
