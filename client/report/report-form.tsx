import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, NumberInput, Select, Slider, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { reportCreateInput } from "../../shared/report.ts";
import { EvidenceField } from "../evidence/evidence-field.tsx";
import { type RouterOutputs, type TaskDetail, useTRPC } from "../trpc.ts";
import { FormActions, FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useFormatters } from "../ui/format.ts";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { usePeriodName } from "./period.ts";

export type ReportList = RouterOutputs["report"]["list"];
export type Report = ReportList["reports"][number];

const schema = reportCreateInput.omit({ taskId: true, version: true, correctsId: true });
type Values = z.input<typeof schema>;
const FIELDS = [
  "periodKey",
  "summary",
  "progress",
  "difficulties",
  "proposals",
  "nextSteps",
  "fileIds",
] as const;

/** The value of the "not for a period" choice of the period select. */
const NO_PERIOD = "none";

/**
 * The lead or a coordinating agency files a progress report: for a period not yet reported (or
 * none), what was done, percent, difficulties, proposals, next steps and evidence files. With
 * `correcting`, the report is a correction of an earlier one, for the same period.
 */
export function ReportForm({
  task,
  list,
  correcting,
  onCancelCorrection,
  onDone,
}: {
  task: TaskDetail["task"];
  list: ReportList;
  correcting: Report | null;
  onCancelCorrection: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const periodName = usePeriodName();
  const { date, dateTime } = useFormatters();
  const invalidate = useInvalidateTasks();
  const agency = list.permissions.reportingAgency;
  const reported = new Set(
    list.agencies.find((item) => item.agency.id === agency?.agencyId)?.reportedPeriodKeys ?? [],
  );
  const openPeriods = list.periods.filter((period) => !reported.has(period.key));
  const ownLatest = list.reports.find(
    (report) => report.kind === "progress" && report.agency.id === agency?.agencyId,
  );
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: correcting
      ? {
          periodKey: correcting.periodKey,
          summary: correcting.summary,
          progress: correcting.progress,
          difficulties: correcting.difficulties,
          proposals: correcting.proposals,
          nextSteps: correcting.nextSteps,
          fileIds: [],
        }
      : {
          periodKey: openPeriods[0]?.key ?? null,
          summary: "",
          progress: agency?.role === "lead" ? task.progress : (ownLatest?.progress ?? 0),
          difficulties: "",
          proposals: "",
          nextSteps: "",
          fileIds: [],
        },
  });
  const bind = bindFields(form);
  const { errors } = form.formState;
  const create = useMutation(trpc.report.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    // A correction keeps the corrected report's period: there is no period field.
    correcting ? FIELDS.filter((field) => field !== "periodKey") : FIELDS,
    async (values) => {
      await create.mutateAsync({
        ...values,
        taskId: task.id,
        version: task.version,
        correctsId: correcting?.id ?? null,
      });
      await invalidate();
      notifications.show({
        color: "green",
        message: correcting ? t("report.correctionSent") : t("report.sent"),
      });
      onDone();
    },
  );

  const periodOptions = [
    ...openPeriods.map((period) => ({
      value: period.key,
      label: t("report.periodOption", {
        period: periodName(period.key, true),
        date: date(period.dueOn),
      }),
    })),
    { value: NO_PERIOD, label: t("report.noPeriod") },
  ];

  return (
    <FormPanel
      title={correcting ? t("report.correctionTitle") : t("report.formTitle")}
      onSubmit={onSubmit}
    >
      {agency && (
        <Text size="sm" c="dimmed">
          {t("report.formFor", {
            role: t(`reportAgencyRole.${agency.role}`).toLocaleLowerCase(),
          })}
        </Text>
      )}
      {correcting && (
        <Alert color="blue" variant="light" p="xs">
          <Text size="sm">
            {t("report.correctionOf", {
              title: correcting.periodKey
                ? t("report.periodReport", { period: periodName(correcting.periodKey) })
                : t("report.unscheduledReport"),
              at: dateTime(correcting.createdAt),
            })}
          </Text>
        </Alert>
      )}
      <FormAlert
        message={serverError.message}
        onReload={serverError.stale ? () => void invalidate() : undefined}
      />
      {correcting ? null : (
        <Controller
          control={form.control}
          name="periodKey"
          render={({ field }) => (
            <Select
              label={t("report.period")}
              description={list.duty ? undefined : t("report.noDutyHint")}
              data={periodOptions}
              allowDeselect={false}
              value={field.value ?? NO_PERIOD}
              onChange={(value) => field.onChange(value === NO_PERIOD ? null : value)}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={fieldError(errors.periodKey)}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
      )}
      <TextareaField
        {...bind("summary")}
        label={t("report.summary")}
        description={t("report.summaryHint")}
        required
        minRows={3}
        autoFocus={correcting !== null}
      />
      <Controller
        control={form.control}
        name="progress"
        render={({ field }) => (
          <Stack gap="xs">
            <NumberInput
              label={t("report.progress")}
              description={agency?.role === "lead" ? t("report.progressLeadHint") : undefined}
              min={0}
              max={100}
              step={5}
              clampBehavior="strict"
              allowDecimal={false}
              suffix="%"
              styles={{ wrapper: { maxWidth: 160 } }}
              value={field.value}
              onChange={(value) => field.onChange(typeof value === "number" ? value : 0)}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={fieldError(errors.progress)}
            />
            <Slider
              min={0}
              max={100}
              step={5}
              value={field.value}
              onChange={field.onChange}
              thumbLabel={t("task.progressSlider")}
              label={(value) => `${value}%`}
              marks={[{ value: 0 }, { value: 25 }, { value: 50 }, { value: 75 }, { value: 100 }]}
              mb="xs"
            />
          </Stack>
        )}
      />
      {(["difficulties", "proposals", "nextSteps"] as const).map((name) => (
        <TextareaField
          key={name}
          control={form.control}
          name={name}
          label={t(`report.${name}`)}
          minRows={2}
        />
      ))}
      <EvidenceField {...bind("fileIds")} />
      <FormActions
        submitLabel={correcting ? t("report.submitCorrection") : t("report.submit")}
        pending={create.isPending}
        onCancel={correcting ? onCancelCorrection : undefined}
      />
    </FormPanel>
  );
}
