import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  List,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { secondFactorDisableInput, secondFactorEnableInput } from "../../shared/user-input.ts";
import { type CurrentUser, useTRPC } from "../trpc.ts";
import { FormActions, FormAlert, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextInputField } from "../ui/form-fields.tsx";

type Enrolment = { secret: string; uri: string; qrSvg: string };

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Scanning the QR code (or typing the key) and proving it with a code; then the recovery codes. */
function Enrol({ onDone }: { onDone: () => Promise<unknown> | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useMutation(trpc.auth.startSecondFactor.mutationOptions());
  const enable = useMutation(trpc.auth.enableSecondFactor.mutationOptions());
  const form = useForm<
    z.input<typeof secondFactorEnableInput>,
    unknown,
    z.output<typeof secondFactorEnableInput>
  >({ resolver: zodResolver(secondFactorEnableInput), defaultValues: { code: "" } });
  const bind = bindFields(form);
  const { onSubmit, serverError } = useSubmit(form, ["code"], async (values) => {
    const { recoveryCodes: codes } = await enable.mutateAsync(values);
    setRecoveryCodes(codes);
  });

  if (recoveryCodes) {
    return (
      <Stack gap="sm">
        <Alert color="green" variant="light" title={t("account.secondFactorOn")} role="status">
          <Text size="sm">{t("account.recoveryHint")}</Text>
          <List mt="sm" spacing={2} ff="monospace" aria-label={t("account.recoveryCodes")}>
            {recoveryCodes.map((code) => (
              <List.Item key={code}>{code}</List.Item>
            ))}
          </List>
        </Alert>
        <Group>
          <Button onClick={() => void onDone()}>{t("account.recoverySaved")}</Button>
        </Group>
      </Stack>
    );
  }
  if (!enrolment) {
    return (
      <Group>
        <Button
          loading={start.isPending}
          onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}
        >
          {t("account.secondFactorStart")}
        </Button>
      </Group>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("account.scanHint")}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Image
            src={svgDataUrl(enrolment.qrSvg)}
            alt={t("account.qrAlt")}
            w={200}
            h={200}
            bg="white"
          />
          <Stack gap={4}>
            <Text size="sm">{t("account.manualKey")}</Text>
            <Code fz="md" style={{ wordBreak: "break-all" }}>
              {enrolment.secret}
            </Code>
          </Stack>
        </SimpleGrid>
        <FormAlert message={serverError.message} />
        <TextInputField
          {...bind("code")}
          label={t("auth.code")}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={220}
        />
        <FormActions submitLabel={t("account.secondFactorConfirm")} pending={enable.isPending} />
      </Stack>
    </form>
  );
}

/** Turning it off, with the password (not for administrators, who must keep it). */
function Disable({ onDone }: { onDone: () => Promise<unknown> | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const disable = useMutation(trpc.auth.disableSecondFactor.mutationOptions());
  const form = useForm<
    z.input<typeof secondFactorDisableInput>,
    unknown,
    z.output<typeof secondFactorDisableInput>
  >({ resolver: zodResolver(secondFactorDisableInput), defaultValues: { password: "" } });
  const { onSubmit, serverError } = useSubmit(form, ["password"], async (values) => {
    await disable.mutateAsync(values);
    await onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormAlert message={serverError.message} />
        <PasswordInput
          label={t("account.currentPassword")}
          autoComplete="current-password"
          required
          maw={320}
          error={fieldError(form.formState.errors.password)}
          {...form.register("password")}
        />
        <FormActions submitLabel={t("account.secondFactorOff")} pending={disable.isPending} />
      </Stack>
    </form>
  );
}

/** The second factor of the signed-in user: its state, setting it up, turning it off. */
export function SecondFactorSection({
  user,
  onChanged,
}: {
  user: CurrentUser;
  onChanged: () => Promise<unknown> | undefined;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="h4" id={titleId}>
            {t("account.secondFactor")}
          </Title>
          <Badge color={user.secondFactor ? "teal" : "gray"} variant="light" tt="none">
            {user.secondFactor ? t("account.on") : t("account.off")}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {user.role === "admin" ? t("account.secondFactorAdmin") : t("account.secondFactorHint")}
        </Text>
        {!user.secondFactor && <Enrol onDone={onChanged} />}
        {user.secondFactor && user.role !== "admin" && <Disable onDone={onChanged} />}
      </Stack>
    </Paper>
  );
}
