import { zodResolver } from "@hookform/resolvers/zod";
import { Badge, Button, Grid, Group, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ROLES, USER_STATES } from "../../shared/user.ts";
import { userCreateInput, userUpdateInput } from "../../shared/user-input.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { DataTable } from "../ui/data-table.tsx";
import { Dialog } from "../ui/dialog.tsx";
import { FormActions, FormAlert, FormPanel, useSubmit } from "../ui/form.tsx";
import { bindFields, TextInputField } from "../ui/form-fields.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { SearchForm } from "../ui/search-form.tsx";
import { enumParam, pageParam, useUrlState } from "../ui/url-state.ts";
import { AccountFields } from "./account-fields.tsx";
import { OneTimePasswordNotice } from "./one-time-password.tsx";

type Account = RouterOutputs["user"]["list"]["items"][number];
type Issued = { username: string; oneTimePassword: string };
const PAGE_SIZE = 50;

function UserCreateForm({ onIssued }: { onIssued: (issued: Issued) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof userCreateInput>, unknown, z.output<typeof userCreateInput>>({
    resolver: zodResolver(userCreateInput),
    defaultValues: { username: "", fullName: "", role: "reporter" },
  });
  const bind = bindFields(form);
  const create = useMutation(trpc.user.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    ["username", "fullName", "agencyId", "role"],
    async (values) => {
      const { user, oneTimePassword } = await create.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.user.pathFilter());
      onIssued({ username: user.username, oneTimePassword });
      form.reset();
    },
  );
  return (
    <FormPanel title={t("user.createTitle")} order={2} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <TextInputField
        {...bind("username")}
        label={t("user.username")}
        description={t("user.usernameHint")}
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
      />
      <AccountFields fullName={bind("fullName")} agency={bind("agencyId")} role={bind("role")} />
      <Text size="sm" c="dimmed">
        {t("user.oneTimeExplain")}
      </Text>
      <FormActions submitLabel={t("user.createSubmit")} pending={create.isPending} />
    </FormPanel>
  );
}

/** Editing an account: name, role, agency; and the actions on it. */
function UserManageDialog({
  account,
  onClose,
  onIssued,
}: {
  account: Account;
  onClose: () => void;
  onIssued: (issued: Issued) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof userUpdateInput>, unknown, z.output<typeof userUpdateInput>>({
    resolver: zodResolver(userUpdateInput),
    defaultValues: {
      id: account.id,
      fullName: account.fullName,
      agencyId: account.agencyId,
      role: account.role,
    },
  });
  const bind = bindFields(form);
  const refresh = () => queryClient.invalidateQueries(trpc.user.pathFilter());
  const done = (message: string) => {
    notifications.show({ color: "green", message });
    void refresh();
    onClose();
  };
  const update = useMutation(trpc.user.update.mutationOptions());
  const setActive = useMutation(trpc.user.setActive.mutationOptions());
  const resetPassword = useMutation(trpc.user.resetPassword.mutationOptions());
  const resetSecondFactor = useMutation(trpc.user.resetSecondFactor.mutationOptions());
  const { onSubmit, serverError } = useSubmit(
    form,
    ["fullName", "agencyId", "role"],
    async (values) => {
      await update.mutateAsync(values);
      done(t("user.updated", { username: account.username }));
    },
  );
  const act = (run: () => Promise<unknown>) => () => {
    serverError.clear();
    run().catch(serverError.show);
  };
  return (
    <Dialog opened onClose={onClose} title={t("user.manageTitle", { username: account.username })}>
      <Stack gap="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <FormAlert message={serverError.message} />
            <AccountFields
              fullName={bind("fullName")}
              agency={bind("agencyId")}
              role={bind("role")}
            />
            <FormActions
              submitLabel={t("common.saveChanges")}
              pending={update.isPending}
              onCancel={onClose}
            />
          </Stack>
        </form>
        <Title order={3} fz="h5">
          {t("user.actions")}
        </Title>
        <Group gap="sm">
          <Button
            variant="light"
            loading={resetPassword.isPending}
            onClick={act(async () => {
              const { oneTimePassword } = await resetPassword.mutateAsync({ id: account.id });
              onIssued({ username: account.username, oneTimePassword });
              void refresh();
              onClose();
            })}
          >
            {t("user.resetPassword")}
          </Button>
          {account.secondFactor && (
            <Button
              variant="light"
              loading={resetSecondFactor.isPending}
              onClick={act(async () => {
                await resetSecondFactor.mutateAsync({ id: account.id });
                done(t("user.secondFactorReset", { username: account.username }));
              })}
            >
              {t("user.resetSecondFactor")}
            </Button>
          )}
          <Button
            variant="light"
            color={account.isActive ? "red" : "green"}
            loading={setActive.isPending}
            onClick={act(async () => {
              await setActive.mutateAsync({ id: account.id, active: !account.isActive });
              done(
                t(account.isActive ? "user.deactivated" : "user.reactivated", {
                  username: account.username,
                }),
              );
            })}
          >
            {account.isActive ? t("user.deactivate") : t("user.reactivate")}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t("user.actionsHint")}
        </Text>
      </Stack>
    </Dialog>
  );
}

function UserFilters() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  return (
    <SearchForm label={t("user.search")} placeholder={t("user.searchPlaceholder")}>
      <Select
        label={t("user.role")}
        clearable
        data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        value={enumParam(params, "role", ROLES) ?? null}
        onChange={(value) => update({ role: value })}
        w={180}
      />
      <Select
        label={t("user.state")}
        clearable
        data={USER_STATES.map((state) => ({ value: state, label: t(`user.states.${state}`) }))}
        value={enumParam(params, "state", USER_STATES) ?? null}
        onChange={(value) => update({ state: value })}
        w={160}
      />
    </SearchForm>
  );
}

export function UserAdminPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { dateTime } = useFormatters();
  const { params } = useUrlState();
  const [managing, setManaging] = useState<Account | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const users = useQuery({
    ...trpc.user.list.queryOptions({
      query: params.get("q") ?? "",
      role: enumParam(params, "role", ROLES),
      state: enumParam(params, "state", USER_STATES),
      page: pageParam(params),
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <PageTitle title={t("nav.users")} />
      <Title order={1}>{t("nav.users")}</Title>
      {issued && (
        <OneTimePasswordNotice
          username={issued.username}
          password={issued.oneTimePassword}
          onClose={() => setIssued(null)}
        />
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <UserFilters />
            <QueryView query={users} lines={8}>
              {(data) => (
                <div>
                  <DataTable
                    rows={data.items}
                    rowKey={(user) => user.id}
                    caption={t("nav.users")}
                    minWidth={760}
                    highlightOnHover={false}
                    columns={[
                      {
                        key: "username",
                        header: t("user.username"),
                        cell: (user) => (
                          <>
                            {user.username}
                            {!user.isActive && (
                              <Badge ml="xs" color="gray" variant="light" tt="none">
                                {t("user.inactive")}
                              </Badge>
                            )}
                            {user.secondFactor && (
                              <Badge ml="xs" color="teal" variant="light" tt="none">
                                {t("user.secondFactorBadge")}
                              </Badge>
                            )}
                          </>
                        ),
                      },
                      {
                        key: "fullName",
                        header: t("user.fullName"),
                        cell: (user) => user.fullName,
                      },
                      {
                        key: "agency",
                        header: t("user.agency"),
                        cell: (user) => user.agencyShortName,
                      },
                      {
                        key: "role",
                        header: t("user.role"),
                        cell: (user) => t(`role.${user.role}`),
                      },
                      {
                        key: "createdAt",
                        header: t("user.createdAt"),
                        cell: (user) => dateTime(user.createdAt),
                      },
                      {
                        key: "manage",
                        header: t("user.actions"),
                        cell: (user) => (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setManaging(user)}
                            aria-label={t("user.manageTitle", { username: user.username })}
                          >
                            {t("user.manage")}
                          </Button>
                        ),
                      },
                    ]}
                  />
                  <Pager pageSize={PAGE_SIZE} total={data.total} />
                </div>
              )}
            </QueryView>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <UserCreateForm onIssued={setIssued} />
        </Grid.Col>
      </Grid>
      {managing && (
        <UserManageDialog
          key={managing.id}
          account={managing}
          onClose={() => setManaging(null)}
          onIssued={setIssued}
        />
      )}
    </Stack>
  );
}
