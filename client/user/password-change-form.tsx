import { zodResolver } from "@hookform/resolvers/zod";
import { PasswordInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { PASSWORD_MIN } from "../../shared/user.ts";
import { passwordChangeInput } from "../../shared/user-input.ts";
import { useTRPC } from "../trpc.ts";
import { FormActions, FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";

type Schema = typeof passwordChangeInput;

/** Changing one's own password (a one-time password too), with the current one. */
export function PasswordChangeForm({
  title,
  onChanged,
}: {
  title: string;
  onChanged: () => Promise<unknown> | undefined;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(passwordChangeInput),
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const { errors } = form.formState;
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    ["currentPassword", "newPassword"],
    async (values) => {
      await change.mutateAsync(values);
      form.reset();
      await onChanged();
    },
  );
  return (
    <FormPanel title={title} order={2} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <PasswordInput
        label={t("account.currentPassword")}
        autoComplete="current-password"
        required
        error={fieldError(errors.currentPassword)}
        {...form.register("currentPassword")}
      />
      <PasswordInput
        label={t("account.newPassword")}
        description={t("account.newPasswordHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        required
        error={fieldError(errors.newPassword)}
        {...form.register("newPassword")}
      />
      <FormActions submitLabel={t("account.changePassword")} pending={change.isPending} />
    </FormPanel>
  );
}
