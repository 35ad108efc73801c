import { Button, Group, NumberInput, Radio } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { REPORT_DUTY_KINDS, type ReportDutyKind } from "../../shared/report.ts";
import { type ReportDuty, reportDutySchema } from "../../shared/report-input.ts";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { DateInputField } from "../ui/date-input-field.tsx";
import {
  FormAlert,
  FormPanel,
  sharedSchemaResolver,
  useFieldError,
  useSubmit,
} from "../ui/form.tsx";
import { bindFields } from "../ui/form-fields.tsx";
import { useInvalidateTasks } from "../ui/invalidate.ts";

type DutyValues = {
  kind: ReportDutyKind;
  day: number | undefined;
  startsOn: string;
  dueDate: string;
};

const DUTY_FIELDS = ["kind", "day", "startsOn", "dueDate"] as const;

/** Officers of the assigning agency set the report duty (monthly, quarterly, once) or clear it. */
export function ReportDutyForm({
  task,
  duty,
}: {
  task: TaskDetail["task"];
  duty: ReportDuty | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidateTasks();
  const form = useForm<DutyValues, unknown, ReportDuty>({
    resolver: sharedSchemaResolver<DutyValues, ReportDuty>(reportDutySchema),
    defaultValues: {
      kind: duty?.kind ?? "monthly",
      day: duty && duty.kind !== "once" ? duty.day : 25,
      startsOn: duty && duty.kind !== "once" ? duty.startsOn : task.directive.issuedOn,
      dueDate: duty?.kind === "once" ? duty.dueDate : (task.deadline ?? ""),
    },
  });
  const bind = bindFields(form);
  const { errors } = form.formState;
  const kind = useWatch({ control: form.control, name: "kind" });
  const setDuty = useMutation(trpc.report.setDuty.mutationOptions());
  const { run, onSubmit, serverError } = useSubmit(
    form,
    DUTY_FIELDS,
    async (next: ReportDuty | null) => {
      await setDuty.mutateAsync({ taskId: task.id, duty: next });
      await invalidate();
      notifications.show({
        color: "green",
        message: next ? t("report.dutySaved") : t("report.dutyCleared"),
      });
    },
  );

  return (
    <FormPanel
      title={duty ? t("report.dutyFormEdit") : t("report.dutyFormNew")}
      onSubmit={onSubmit}
    >
      <FormAlert message={serverError.message} />
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <Radio.Group
            label={t("report.dutyKind")}
            value={field.value}
            onChange={(value) => {
              const next = REPORT_DUTY_KINDS.find((item) => item === value);
              if (next) field.onChange(next);
            }}
            error={fieldError(errors.kind)}
          >
            <Group gap="md" mt={4}>
              {REPORT_DUTY_KINDS.map((item) => (
                <Radio key={item} value={item} label={t(`reportDutyKind.${item}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}
      />
      {kind === "once" ? (
        <DateInputField
          {...bind("dueDate")}
          empty=""
          label={t("report.dutyDueDate")}
          required
          styles={{ wrapper: { maxWidth: 200 } }}
        />
      ) : (
        <>
          <Controller
            control={form.control}
            name="day"
            render={({ field }) => (
              <NumberInput
                label={t("report.dutyDay")}
                description={
                  kind === "monthly" ? t("report.dutyDayMonthly") : t("report.dutyDayQuarterly")
                }
                required
                min={1}
                max={31}
                allowDecimal={false}
                allowNegative={false}
                styles={{ wrapper: { maxWidth: 200 } }}
                value={field.value ?? ""}
                onChange={(value) => field.onChange(typeof value === "number" ? value : undefined)}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldError(errors.day)}
              />
            )}
          />
          <DateInputField
            {...bind("startsOn")}
            empty=""
            label={t("report.dutyStartsOn")}
            required
            styles={{ wrapper: { maxWidth: 200 } }}
          />
        </>
      )}
      <Group gap="sm">
        <Button
          type="submit"
          variant="light"
          loading={setDuty.isPending && setDuty.variables?.duty !== null}
          disabled={setDuty.isPending}
        >
          {t("report.dutySave")}
        </Button>
        {duty && (
          <Button
            variant="subtle"
            color="red"
            loading={setDuty.isPending && setDuty.variables?.duty === null}
            disabled={setDuty.isPending}
            onClick={() => void run(null)}
          >
            {t("report.dutyClear")}
          </Button>
        )}
      </Group>
    </FormPanel>
  );
}
