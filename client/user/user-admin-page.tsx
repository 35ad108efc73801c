import { zodResolver } from "@hookform/resolvers/zod";
import { Badge, Grid, PasswordInput, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ROLES, userCreateInput } from "../../shared/user.ts";
import { AgencySelect } from "../agency/agency-picker.tsx";
import { useTRPC } from "../trpc.ts";
import { DataTable } from "../ui/data-table.tsx";
import { FormActions, FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, SelectField, TextInputField } from "../ui/form-fields.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { pageParam, useUrlState } from "../ui/url-state.ts";

type Schema = typeof userCreateInput;
const FIELDS = ["username", "fullName", "agencyId", "role", "password"] as const;
const PAGE_SIZE = 50;

function UserCreateForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(userCreateInput),
    defaultValues: { username: "", fullName: "", role: "reporter", password: "" },
  });
  const bind = bindFields(form);
  const { errors } = form.formState;
  const create = useMutation(trpc.user.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    const user = await create.mutateAsync(values);
    await queryClient.invalidateQueries(trpc.user.pathFilter());
    notifications.show({
      color: "green",
      message: t("user.created", { username: user?.username ?? values.username }),
    });
    form.reset();
    form.setFocus("username");
  });
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
      <TextInputField {...bind("fullName")} label={t("user.fullName")} required />
      <Controller
        control={form.control}
        name="agencyId"
        render={({ field }) => (
          <AgencySelect
            label={t("user.agency")}
            required
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            name={field.name}
            error={fieldError(errors.agencyId)}
          />
        )}
      />
      <SelectField
        {...bind("role")}
        values={ROLES}
        labelOf={(role) => t(`role.${role}`)}
        label={t("user.role")}
        required
      />
      <PasswordInput
        label={t("user.password")}
        description={t("user.passwordHint")}
        required
        autoComplete="new-password"
        error={fieldError(errors.password)}
        {...form.register("password")}
      />
      <FormActions submitLabel={t("user.createSubmit")} pending={create.isPending} />
    </FormPanel>
  );
}

export function UserAdminPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { dateTime } = useFormatters();
  const { params } = useUrlState();
  const page = pageParam(params);
  const users = useQuery({
    ...trpc.user.list.queryOptions({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <PageTitle title={t("nav.users")} />
      <Title order={1}>{t("nav.users")}</Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <QueryView query={users} lines={8}>
            {(data) => (
              <div>
                <DataTable
                  rows={data.items}
                  rowKey={(user) => user.id}
                  caption={t("nav.users")}
                  minWidth={700}
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
                        </>
                      ),
                    },
                    { key: "fullName", header: t("user.fullName"), cell: (user) => user.fullName },
                    {
                      key: "agency",
                      header: t("user.agency"),
                      cell: (user) => user.agencyShortName,
                    },
                    { key: "role", header: t("user.role"), cell: (user) => t(`role.${user.role}`) },
                    {
                      key: "createdAt",
                      header: t("user.createdAt"),
                      cell: (user) => dateTime(user.createdAt),
                    },
                  ]}
                />
                <Pager pageSize={PAGE_SIZE} total={data.total} />
              </div>
            )}
          </QueryView>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <UserCreateForm />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
