import { Checkbox, NumberInput, Paper, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { calendarFromData } from "../../shared/calendar.ts";
import { deadlineInForce, formatDate, hasCalendarFor } from "../../shared/date.ts";
import type { DeadlineKind } from "../../shared/deadline.ts";
import { AgencyMultiSelect, type AgencyOption, AgencySelect } from "../agency/agency-picker.tsx";
import { useTRPC } from "../trpc.ts";
import { DateField } from "../ui/date-field.tsx";
import {
  FormActions,
  FormAlert,
  sharedSchemaResolver,
  useFieldError,
  useSubmit,
} from "../ui/form.tsx";
import { bindFields, TextareaField, TextInputField } from "../ui/form-fields.tsx";

/** The fields a person fills in; ids and versions are added when validating. */
export type TaskFormValues = {
  clause: string;
  title: string;
  description: string;
  leadAgencyId: number | undefined;
  coordinatorAgencyIds: number[];
  /** "YYYY-MM-DD"; null for an ongoing task (không thời hạn); undefined while not chosen. */
  deadline: string | null | undefined;
  /** How the directive words it (shared/deadline.ts). */
  deadlineKind: DeadlineKind;
  /** N of "trong N ngày làm việc kể từ ngày ký". */
  deadlineDays: number | null;
  isKey: boolean;
};

/** The wordings that carry a date the officer picks (the server takes it to the last day). */
const DATED_KINDS = ["by_date", "in_month", "in_quarter", "working_days"] as const;

const FIELDS = [
  "clause",
  "title",
  "description",
  "leadAgencyId",
  "coordinatorAgencyIds",
  "deadline",
  "deadlineKind",
  "deadlineDays",
  "isKey",
] as const;

/**
 * The task form for creating, breaking down and editing. `schema` is the shared input schema
 * (taskCreateInput or taskUpdateInput) and `fixed` its values that are not fields.
 */
export function TaskForm<Output>({
  schema,
  fixed,
  defaultValues,
  extraAgencies = [],
  submitLabel,
  submit,
  onCancel,
  onReload,
}: {
  schema: z.ZodType<Output>;
  fixed: Record<string, unknown>;
  defaultValues: TaskFormValues;
  extraAgencies?: readonly AgencyOption[];
  submitLabel: string;
  /** Sends the values; a rejection is an API error to show on the form. */
  submit: (values: Output) => Promise<unknown>;
  onCancel: () => void;
  /** Offered when someone else changed the task meanwhile (CONFLICT). */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const form = useForm<TaskFormValues, unknown, Output>({
    resolver: sharedSchemaResolver<TaskFormValues, Output>(schema, fixed),
    defaultValues,
  });
  const bind = bindFields(form);
  const { errors, isSubmitting } = form.formState;
  const deadline = useWatch({ control: form.control, name: "deadline" });
  const deadlineKind = useWatch({ control: form.control, name: "deadlineKind" });
  const noDate = deadlineKind === "continuing" || deadlineKind === "none";
  const leadAgencyId = useWatch({ control: form.control, name: "leadAgencyId" });
  const trpc = useTRPC();
  const calendarQuery = useQuery({ ...trpc.calendar.get.queryOptions(), staleTime: 10 * 60_000 });
  const calendar = calendarQuery.data ? calendarFromData(calendarQuery.data) : null;
  const inForce =
    typeof deadline === "string" && calendar ? deadlineInForce(deadline, calendar) : null;
  const noCalendar =
    typeof deadline === "string" && calendar !== null && !hasCalendarFor(calendar, deadline);

  const { onSubmit, serverError } = useSubmit(form, FIELDS, submit);

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <FormAlert
          message={serverError.message}
          onReload={serverError.stale ? onReload : undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInputField
            {...bind("clause")}
            label={t("task.clause")}
            description={t("task.clauseHint")}
            autoFocus
          />
        </SimpleGrid>
        <TextareaField {...bind("title")} label={t("task.title")} required minRows={2} />
        <TextareaField
          {...bind("description")}
          label={t("task.description")}
          minRows={3}
          maxRows={12}
        />
        <Controller
          control={form.control}
          name="leadAgencyId"
          render={({ field }) => (
            <AgencySelect
              label={t("task.lead")}
              description={t("task.leadHint")}
              required
              extra={extraAgencies}
              value={field.value}
              onChange={(value) => {
                field.onChange(value);
                const coordinators = form.getValues("coordinatorAgencyIds");
                if (value !== undefined && coordinators.includes(value)) {
                  form.setValue(
                    "coordinatorAgencyIds",
                    coordinators.filter((id) => id !== value),
                  );
                }
              }}
              onBlur={field.onBlur}
              name={field.name}
              error={fieldError(errors.leadAgencyId)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="coordinatorAgencyIds"
          render={({ field }) => (
            <AgencyMultiSelect
              label={t("task.coordinators")}
              description={t("task.coordinatorsHint")}
              extra={extraAgencies}
              exclude={leadAgencyId === undefined ? [] : [leadAgencyId]}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              name={field.name}
              error={fieldError(errors.coordinatorAgencyIds)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="deadline"
          render={({ field }) => (
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t("task.deadlineKind")}
                  data={DATED_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`task.deadlineKindOption.${kind}`),
                  }))}
                  value={DATED_KINDS.find((kind) => kind === deadlineKind) ?? "by_date"}
                  allowDeselect={false}
                  disabled={noDate}
                  onChange={(value) => {
                    const kind = DATED_KINDS.find((k) => k === value) ?? "by_date";
                    form.setValue("deadlineKind", kind);
                    if (kind === "working_days") {
                      field.onChange(null);
                      form.setValue("deadlineDays", form.getValues("deadlineDays") ?? 10);
                    } else {
                      form.setValue("deadlineDays", null);
                      if (field.value === null) field.onChange(undefined);
                    }
                  }}
                />
                {deadlineKind === "working_days" ? (
                  <Controller
                    control={form.control}
                    name="deadlineDays"
                    render={({ field: days }) => (
                      <NumberInput
                        label={t("task.deadlineDays")}
                        description={t("task.deadlineDaysHint")}
                        min={1}
                        max={365}
                        allowDecimal={false}
                        value={days.value ?? ""}
                        onChange={(value) =>
                          days.onChange(typeof value === "number" ? value : null)
                        }
                        error={fieldError(errors.deadlineDays)}
                      />
                    )}
                  />
                ) : (
                  <DateField
                    label={t("task.deadline")}
                    required={field.value !== null}
                    disabled={field.value === null}
                    clearable
                    value={field.value ?? null}
                    onChange={(value) => field.onChange(value ?? undefined)}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    error={
                      errors.deadline?.message === "validation.required"
                        ? t("task.deadlineRequired")
                        : fieldError(errors.deadline)
                    }
                    description={
                      deadlineKind === "in_month" || deadlineKind === "in_quarter"
                        ? t("task.deadlinePeriodHint")
                        : inForce !== null && inForce !== deadline
                          ? t("task.deadlineMoved", { date: formatDate(inForce) })
                          : undefined
                    }
                  />
                )}
              </SimpleGrid>
              {noCalendar && typeof deadline === "string" ? (
                <Text size="sm" c="orange.8" role="status">
                  {t("task.noCalendar", { year: deadline.slice(0, 4) })}
                </Text>
              ) : null}
              <Checkbox
                label={t("task.noDeadlineOption")}
                checked={noDate}
                onChange={(event) => {
                  const continuing = event.currentTarget.checked;
                  form.setValue("deadlineKind", continuing ? "continuing" : "by_date");
                  form.setValue("deadlineDays", null);
                  field.onChange(continuing ? null : undefined);
                }}
              />
            </Stack>
          )}
        />
        <Checkbox
          label={t("task.isKey")}
          description={t("task.isKeyHint")}
          {...form.register("isKey")}
        />
        <FormActions submitLabel={submitLabel} pending={isSubmitting} onCancel={onCancel} />
      </Stack>
    </Paper>
  );
}
