import { Alert, Button, Center, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type CurrentUser, useTRPC } from "../trpc.ts";
import { LanguageSwitch } from "../ui/language-switch.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { PasswordChangeForm } from "./password-change-form.tsx";
import { SecondFactorSection } from "./second-factor-section.tsx";

/**
 * What a signed-in user must do before anything else (the server refuses the rest meanwhile):
 * change a one-time password, then, for administrators, turn on the second factor.
 */
export function AccountStepPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refreshMe = () => queryClient.invalidateQueries(trpc.auth.me.pathFilter());
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        await navigate("/login");
        queryClient.clear();
      },
    }),
  );
  const title =
    user.pendingStep === "change_password"
      ? t("account.stepPassword")
      : t("account.stepSecondFactor");
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <PageTitle title={title} />
      <Stack component="main" w="100%" maw={560} gap="md">
        <Group justify="space-between">
          <Text fw={700} fz="xl" c="blue.9">
            {t("app.name")}
          </Text>
          <LanguageSwitch />
        </Group>
        <Title order={1} fz="h2">
          {title}
        </Title>
        <Alert color="blue" variant="light">
          {user.pendingStep === "change_password"
            ? t("account.stepPasswordHint")
            : t("account.stepSecondFactorHint")}
        </Alert>
        {user.pendingStep === "change_password" ? (
          <PasswordChangeForm title={t("account.changePassword")} onChanged={refreshMe} />
        ) : (
          <SecondFactorSection user={user} onChanged={refreshMe} />
        )}
        <Group>
          <Button variant="subtle" onClick={() => logout.mutate()} loading={logout.isPending}>
            {t("layout.logout")}
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
