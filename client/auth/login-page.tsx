import { zodResolver } from "@hookform/resolvers/zod";
import {
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import { loginInput } from "../../shared/user-input.ts";
import { useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { FormAlert, useFieldError, useServerError } from "../ui/form.tsx";
import { bindFields, TextInputField } from "../ui/form-fields.tsx";
import { LanguageSwitch } from "../ui/language-switch.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { safeNext } from "./next-path.ts";

type LoginSchema = typeof loginInput;

export function LoginPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const fieldError = useFieldError();
  const me = useQuery(trpc.auth.me.queryOptions());
  const form = useForm<z.input<LoginSchema>, unknown, z.output<LoginSchema>>({
    resolver: zodResolver(loginInput),
    defaultValues: { username: "", password: "" },
  });
  const bind = bindFields(form);
  const serverError = useServerError(form.setError, ["username", "password", "code"]);
  const login = useMutation(trpc.auth.login.mutationOptions());
  // Accounts with a second factor: the server asks for the code after the password.
  const [askCode, setAskCode] = useState(false);
  const mode = useQuery({ ...trpc.auth.mode.queryOptions(), staleTime: Number.POSITIVE_INFINITY });

  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit((values) => {
    serverError.clear();
    login.mutate(values, {
      onSuccess: async () => {
        queryClient.removeQueries();
        // Who is signed in, with the server's today, before the next page asks.
        await queryClient.fetchQuery(trpc.auth.me.queryOptions());
        await navigate(next, { replace: true });
      },
      onError: (error) => {
        serverError.show(error);
        if ("code" in errorFacts(error).fieldErrors) {
          setAskCode(true);
          form.setValue("code", "");
          setTimeout(() => form.setFocus("code"));
          return;
        }
        form.setValue("password", "");
        form.setFocus("password");
      },
    });
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <PageTitle title={t("auth.title")} />
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <div>
              <Text fw={700} fz="xl" c="blue.9">
                {t("app.name")}
              </Text>
              <Text size="sm" c="dimmed">
                {t("app.tagline")}
              </Text>
            </div>
            <LanguageSwitch />
          </Group>
          <Title order={1} fz="h2">
            {t("auth.title")}
          </Title>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <FormAlert message={serverError.message} title={null} />
              <TextInputField
                {...bind("username")}
                label={t("auth.username")}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                required
              />
              <PasswordInput
                label={t("auth.password")}
                autoComplete="current-password"
                required
                error={fieldError(form.formState.errors.password)}
                {...form.register("password")}
              />
              {askCode && (
                <TextInput
                  label={t("auth.code")}
                  description={
                    mode.data?.demo
                      ? `${t("auth.codeHint")} ${t("auth.demoCodeHint")}`
                      : t("auth.codeHint")
                  }
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  error={fieldError(form.formState.errors.code)}
                  {...form.register("code")}
                />
              )}
              <Button type="submit" loading={login.isPending} fullWidth>
                {t("auth.submit")}
              </Button>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Center>
  );
}
