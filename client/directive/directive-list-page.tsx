import { Anchor, Button, Group, Select, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DIRECTIVE_TYPES } from "../../shared/directive.ts";
import { useTRPC } from "../trpc.ts";
import { useCurrentUser, useToday } from "../ui/current-user.tsx";
import { DataTable } from "../ui/data-table.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { SearchForm } from "../ui/search-form.tsx";
import { enumParam, intParam, pageParam, useUrlState } from "../ui/url-state.ts";

const PAGE_SIZE = 20;
const FIRST_YEAR = 2015;

export function DirectiveListPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const { date, number } = useFormatters();
  const { params, update } = useUrlState();
  const query = params.get("q") ?? "";
  const type = enumParam(params, "type", DIRECTIVE_TYPES);
  const year = intParam(params, "year");
  const page = pageParam(params);
  const list = useQuery({
    ...trpc.directive.list.queryOptions({ query, type, year, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const today = useToday();
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => String(thisYear - i));
  const filtered = query !== "" || type !== undefined || year !== undefined;

  return (
    <Stack gap="md">
      <PageTitle title={t("directive.listTitle")} />
      <Group justify="space-between" align="center">
        <Title order={1}>{t("directive.listTitle")}</Title>
        {user.role === "officer" && (
          <Button component={Link} to="/directives/new">
            {t("directive.add")}
          </Button>
        )}
      </Group>

      <search>
        <SearchForm label={t("directive.search")} placeholder={t("directive.searchPlaceholder")}>
          <Select
            label={t("directive.type")}
            placeholder={t("common.all")}
            clearable
            data={DIRECTIVE_TYPES.map((value) => ({ value, label: t(`directiveType.${value}`) }))}
            value={type ?? null}
            onChange={(value) => update({ type: value })}
            w={200}
          />
          <Select
            label={t("directive.year")}
            placeholder={t("common.all")}
            clearable
            data={years}
            value={year === undefined ? null : String(year)}
            onChange={(value) => update({ year: value })}
            w={130}
          />
        </SearchForm>
      </search>

      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyView
              title={filtered ? t("directive.emptyFiltered") : t("directive.empty")}
              description={
                filtered
                  ? t("directive.emptyFilteredHint")
                  : user.role === "officer"
                    ? t("directive.emptyHintOfficer")
                    : t("directive.emptyHint")
              }
              action={
                filtered ? (
                  <Button
                    variant="default"
                    onClick={() => update({ q: null, type: null, year: null })}
                  >
                    {t("common.clearFilters")}
                  </Button>
                ) : user.role === "officer" ? (
                  <Button component={Link} to="/directives/new">
                    {t("directive.add")}
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <div>
              <DataTable
                rows={data.items}
                rowKey={(directive) => directive.id}
                caption={t("directive.listTitle")}
                minWidth={760}
                columns={[
                  {
                    key: "number",
                    header: t("directive.number"),
                    nowrap: true,
                    cell: (directive) => (
                      <>
                        <Text size="xs" c="dimmed">
                          {t(`directiveType.${directive.type}`)}
                        </Text>
                        {directive.number}
                      </>
                    ),
                  },
                  {
                    key: "title",
                    header: t("directive.title"),
                    cell: (directive) => (
                      <Anchor component={Link} to={`/directives/${directive.id}`}>
                        {directive.title}
                      </Anchor>
                    ),
                  },
                  {
                    key: "issuer",
                    header: t("directive.issuer"),
                    cell: (directive) => directive.issuer,
                  },
                  {
                    key: "issuedOn",
                    header: t("directive.issuedOn"),
                    cell: (directive) => date(directive.issuedOn),
                  },
                  {
                    key: "tracking",
                    header: t("directive.trackingAgency"),
                    cell: (directive) => directive.trackingAgency.shortName,
                  },
                  {
                    key: "tasks",
                    header: t("directive.taskCount"),
                    align: "right",
                    cell: (directive) => number(directive.taskCount),
                  },
                ]}
              />
              <Pager pageSize={PAGE_SIZE} total={data.total} />
            </div>
          )
        }
      </QueryView>
    </Stack>
  );
}
