import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, NumberInput, Select, Slider, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { z } from "zod";
import { encodeMessage } from "../../shared/message.ts";
import { periodsOwed } from "../../shared/report.ts";
import { reportCreateInput } from "../../shared/report-input.ts";
import { EvidenceField } from "../evidence/evidence-field.tsx";
import { type RouterOutputs, type TaskDetail, useTRPC } from "../trpc.ts";
import { FormActions, FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useFormatters } from "../ui/format.ts";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { usePeriodName, useReportTitle } from "./period.ts";

export type ReportList = RouterOutputs["report"]["list"];
export type Report = ReportList["reports"][number];

/**
 * The server's input, with the period required: the reporter chooses it (a period, or "not for
 * a period"), never left to a default that files the report in a period far ahead (bug 1).
 */
const schema = reportCreateInput.omit({ taskId: true, version: true, correctsId: true }).extend({
  /** "" until the reporter chooses; null is "not for a period". */
  periodKey: z
    .string()
    .nullable()
    .refine((key) => key !== "", { error: encodeMessage("report.choosePeriod") })
    .pipe(reportCreateInput.shape.periodKey.unwrap()),
});
type Values = z.input<typeof schema>;
const FIELDS = [
  "periodKey",
  "summary",
  "progress",
  "progressLoweredReason",
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
 *
 * The form follows the server's state (react-hook-form `values`): after each report, and
 * whenever the task or its reports change, the untouched fields take the new state (the task's
 * progress, the period now owed) while what the user is typing stays. The period proposed is the
 * one `?period=` names (from the inbox), else the oldest owed (late, or due within 7 working
 * days); with none owed, the reporter must choose. A progress below the last one asks why.
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
  const reportTitle = useReportTitle();
  const { date, dateTime, percent } = useFormatters();
  const invalidate = useInvalidateTasks();
  const [searchParams] = useSearchParams();
  const agency = list.permissions.reportingAgency;
  const reported = new Set(
    list.agencies.find((item) => item.agency.id === agency?.agencyId)?.reportedPeriodKeys ?? [],
  );
  const openPeriods = list.periods.filter((period) => !reported.has(period.key));
  const ownLatest = list.reports.find(
    (report) => report.kind === "progress" && report.agency.id === agency?.agencyId,
  );
  /** Where the agency's progress stands: the task's for the lead agency, else its last report's. */
  const progressBefore = agency?.role === "lead" ? task.progress : (ownLatest?.progress ?? 0);
  const owed = list.duty ? periodsOwed(list.periods, reported, list.owedUntil) : [];
  const requested = openPeriods.find((period) => period.key === searchParams.get("period"));
  const proposed = list.duty ? ((requested ?? owed[0])?.key ?? "") : null;
  const serverValues: Values = correcting
    ? {
        periodKey: correcting.periodKey,
        summary: correcting.summary,
        progress: correcting.progress,
        progressLoweredReason: "",
        difficulties: correcting.difficulties,
        proposals: correcting.proposals,
        nextSteps: correcting.nextSteps,
        fileIds: [],
      }
    : {
        periodKey: proposed,
        summary: "",
        progress: progressBefore,
        progressLoweredReason: "",
        difficulties: "",
        proposals: "",
        nextSteps: "",
        fileIds: [],
      };
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    values: serverValues,
    resetOptions: { keepDirtyValues: true },
  });
  const bind = bindFields(form);
  const { errors } = form.formState;
  const progress = useWatch({ control: form.control, name: "progress" });
  const lowered = !correcting && typeof progress === "number" && progress < progressBefore;
  const create = useMutation(trpc.report.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    // A correction keeps the corrected report's period: there is no period field.
    correcting ? FIELDS.filter((field) => field !== "periodKey") : FIELDS,
    async (values) => {
      await create.mutateAsync({
        ...values,
        progressLoweredReason: lowered ? values.progressLoweredReason : "",
        taskId: task.id,
        version: task.version,
        correctsId: correcting?.id ?? null,
      });
      // Back to the server's state: what it holds now, or (once the refetch lands) the new one.
      form.reset();
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
              title: reportTitle(correcting.periodKey),
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
              required
              placeholder={t("report.periodPlaceholder")}
              value={field.value === "" ? null : (field.value ?? NO_PERIOD)}
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
      {lowered && (
        <Alert color="orange" variant="light" p="xs">
          <Stack gap="xs">
            <Text size="sm">
              {t("report.progressLowered", {
                from: percent(progressBefore),
                to: percent(progress),
              })}
            </Text>
            <TextareaField
              {...bind("progressLoweredReason")}
              label={t("report.progressLoweredReason")}
              required
              minRows={2}
            />
          </Stack>
        </Alert>
      )}
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
