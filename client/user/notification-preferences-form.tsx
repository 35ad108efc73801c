import { zodResolver } from "@hookform/resolvers/zod";
import { Group, Radio, Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { DIGEST_MODES } from "../../shared/urge.ts";
import { preferencesInput } from "../../shared/urge-input.ts";
import { useTRPC } from "../trpc.ts";
import { FormActions, FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextInputField } from "../ui/form-fields.tsx";

type Schema = typeof preferencesInput;
type Values = z.input<Schema>;

const HOURS = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: `${String(hour).padStart(2, "0")}:00`,
}));

function PreferencesForm({ saved }: { saved: Values }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const form = useForm<Values, unknown, z.output<Schema>>({
    resolver: zodResolver(preferencesInput),
    values: saved,
    resetOptions: { keepDirtyValues: true },
  });
  const bind = bindFields(form);
  const { errors } = form.formState;
  const save = useMutation(trpc.user.setPreferences.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    ["email", "digestMode", "digestHour"],
    async (values) => {
      const result = await save.mutateAsync(values);
      queryClient.setQueryData(trpc.user.preferences.queryKey(), result);
      notifications.show({ color: "green", message: t("preferences.saved") });
    },
  );
  return (
    <FormPanel title={t("preferences.title")} order={2} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <TextInputField
        {...bind("email")}
        type="email"
        autoComplete="email"
        label={t("preferences.email")}
        description={t("preferences.emailHint")}
      />
      <Controller
        control={form.control}
        name="digestMode"
        render={({ field }) => (
          <Radio.Group
            label={t("preferences.mode")}
            value={field.value}
            onChange={(value) => {
              const next = DIGEST_MODES.find((mode) => mode === value);
              if (next) field.onChange(next);
            }}
            error={fieldError(errors.digestMode)}
          >
            <Group gap="md" mt={4}>
              {DIGEST_MODES.map((mode) => (
                <Radio key={mode} value={mode} label={t(`preferences.modes.${mode}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}
      />
      <Controller
        control={form.control}
        name="digestHour"
        render={({ field }) => (
          <Select
            label={t("preferences.hour")}
            description={t("preferences.hourHint")}
            data={HOURS}
            allowDeselect={false}
            value={String(field.value)}
            onChange={(value) => field.onChange(Number(value ?? 7))}
            error={fieldError(errors.digestHour)}
            w={200}
          />
        )}
      />
      <FormActions submitLabel={t("preferences.save")} pending={save.isPending} />
    </FormPanel>
  );
}

/** How the user hears of notifications: e-mail address, digest, in-app or both, the hour. */
export function NotificationPreferences() {
  const trpc = useTRPC();
  const preferences = useQuery(trpc.user.preferences.queryOptions());
  if (!preferences.data) return null;
  return <PreferencesForm saved={preferences.data} />;
}
