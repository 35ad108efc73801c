import { zodResolver } from "@hookform/resolvers/zod";
import { NumberInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { urgingRuleInput } from "../../shared/urge-input.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { useCurrentUser } from "../ui/current-user.tsx";
import { FormActions, FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { PageHeader } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";

type Schema = typeof urgingRuleInput;
type Values = z.input<Schema>;
type Rule = RouterOutputs["urge"]["rule"];

const NUMBERS = [
  ["overdueEvery", 1, 90],
  ["periodBefore", 0, 30],
  ["confirmationAfter", 1, 60],
  ["escalateLeadAfter", 1, 365],
  ["escalateTrackingAfter", 1, 365],
] as const;

/** "7, 3, 1" ↔ [7, 3, 1]. */
function daysOf(text: string): number[] {
  return text
    .split(/[,;\s]+/)
    .filter((part) => part !== "")
    .map(Number);
}

function RuleForm({ rule, canEdit }: { rule: Rule; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const form = useForm<Values, unknown, z.output<Schema>>({
    resolver: zodResolver(urgingRuleInput),
    values: { ...rule, beforeDeadline: [...rule.beforeDeadline] },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;
  const save = useMutation(trpc.urge.setRule.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    ["beforeDeadline", ...NUMBERS.map(([name]) => name)],
    async (values) => {
      const saved = await save.mutateAsync(values);
      queryClient.setQueryData(trpc.urge.rule.queryKey(), saved);
      notifications.show({ color: "green", message: t("urgingRule.saved") });
    },
  );
  return (
    <FormPanel title={t("urgingRule.formTitle")} order={2} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="beforeDeadline"
            render={({ field }) => (
              <TextInput
                label={t("urgingRule.beforeDeadline")}
                description={t("urgingRule.beforeDeadlineHint")}
                defaultValue={field.value.join(", ")}
                onChange={(event) => field.onChange(daysOf(event.currentTarget.value))}
                error={fieldError(errors.beforeDeadline)}
              />
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {NUMBERS.map(([name, min, max]) => (
              <Controller
                key={name}
                control={form.control}
                name={name}
                render={({ field }) => (
                  <NumberInput
                    label={t(`urgingRule.${name}`)}
                    min={min}
                    max={max}
                    allowDecimal={false}
                    value={field.value}
                    onChange={(value) => field.onChange(typeof value === "number" ? value : min)}
                    error={fieldError(errors[name])}
                  />
                )}
              />
            ))}
          </SimpleGrid>
        </Stack>
      </fieldset>
      {canEdit && <FormActions submitLabel={t("urgingRule.save")} pending={save.isPending} />}
    </FormPanel>
  );
}

/** When the user's agency reminds and escalates its tasks; its officers change it. */
export function UrgingRulePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const rule = useQuery(trpc.urge.rule.queryOptions());
  return (
    <Stack gap="md">
      <PageHeader
        title={t("urgingRule.title")}
        intro={t("urgingRule.intro", { agency: user.agencyName })}
      />
      <QueryView query={rule} lines={6}>
        {(data) => <RuleForm rule={data} canEdit={user.role === "officer"} />}
      </QueryView>
    </Stack>
  );
}
