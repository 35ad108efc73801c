import { Button, Grid, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useTRPC } from "../trpc.ts";
import { useCurrentUser } from "../ui/current-user.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { NotificationPreferences } from "./notification-preferences-form.tsx";
import { PasswordChangeForm } from "./password-change-form.tsx";
import { SecondFactorSection } from "./second-factor-section.tsx";

/** The signed-in user's account: password, notifications, second factor, sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refreshMe = () => queryClient.invalidateQueries(trpc.auth.me.pathFilter());
  const everywhere = useMutation(
    trpc.auth.logoutEverywhere.mutationOptions({
      onSuccess: async ({ ended }) => {
        await navigate("/login");
        queryClient.clear();
        notifications.show({
          color: "blue",
          message: t("account.signedOutEverywhere", { count: ended }),
        });
      },
    }),
  );
  return (
    <Stack gap="md">
      <PageTitle title={t("account.title")} />
      <Title order={1}>{t("account.title")}</Title>
      <Text c="dimmed">
        {user.fullName} · {user.username} · {t(`role.${user.role}`)} · {user.agencyName}
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <PasswordChangeForm
              title={t("account.changePassword")}
              onChanged={async () => {
                notifications.show({ color: "green", message: t("account.passwordChanged") });
                await refreshMe();
              }}
            />
            <NotificationPreferences />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <SecondFactorSection user={user} onChanged={refreshMe} />
            <Paper withBorder p="md" component="section" aria-label={t("account.sessions")}>
              <Stack gap="sm">
                <Title order={2} fz="h4">
                  {t("account.sessions")}
                </Title>
                <Text size="sm" c="dimmed">
                  {t("account.everywhereHint")}
                </Text>
                <div>
                  <Button
                    variant="light"
                    color="red"
                    loading={everywhere.isPending}
                    onClick={() => everywhere.mutate()}
                  >
                    {t("account.signOutEverywhere")}
                  </Button>
                </div>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
