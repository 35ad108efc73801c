import { Button, Code, Group, Select, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AUDIT_KINDS } from "../../shared/audit.ts";
import { isIsoDate } from "../../shared/date.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { DataTable } from "../ui/data-table.tsx";
import { DateField } from "../ui/date-field.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { SearchForm } from "../ui/search-form.tsx";
import { enumParam, pageParam, useUrlState } from "../ui/url-state.ts";

type AuditRow = RouterOutputs["audit"]["list"]["items"][number];
const PAGE_SIZE = 50;

function dateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value !== null && isIsoDate(value) ? value : undefined;
}

/** The details of a row, compact: `{"code":"FORBIDDEN","id":4}` → `code: FORBIDDEN · id: 4`. */
function detailText(detail: string): string {
  try {
    const value: unknown = JSON.parse(detail);
    if (!value || typeof value !== "object") return detail;
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${typeof item === "string" ? item : JSON.stringify(item)}`)
      .join(" · ");
  } catch {
    return detail;
  }
}

function Filters() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  return (
    <SearchForm label={t("audit.search")} placeholder={t("audit.searchPlaceholder")}>
      <Select
        label={t("audit.kind")}
        clearable
        data={AUDIT_KINDS.map((kind) => ({ value: kind, label: t(`audit.kinds.${kind}`) }))}
        value={enumParam(params, "kind", AUDIT_KINDS) ?? null}
        onChange={(value) => update({ kind: value })}
        w={200}
      />
      <DateField
        label={t("audit.from")}
        clearable
        value={dateParam(params, "from") ?? null}
        onChange={(value) => update({ from: value })}
        w={170}
      />
      <DateField
        label={t("audit.to")}
        clearable
        value={dateParam(params, "to") ?? null}
        onChange={(value) => update({ to: value })}
        w={170}
      />
    </SearchForm>
  );
}

/** The audit log: administrators see everything, leaders what concerns their agency. */
export function AuditPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { dateTime } = useFormatters();
  const { params } = useUrlState();
  const filters = {
    query: params.get("q") ?? "",
    kind: enumParam(params, "kind", AUDIT_KINDS),
    from: dateParam(params, "from"),
    to: dateParam(params, "to"),
  };
  const rows = useQuery({
    ...trpc.audit.list.queryOptions({ ...filters, page: pageParam(params), pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const exportQuery = new URLSearchParams(
    Object.entries(filters).flatMap(([key, value]) => (value ? [[key, value]] : [])),
  ).toString();
  const actionLabel = (row: AuditRow) =>
    t(`audit.actions.${row.action.replace(".", "_")}`, { defaultValue: row.action });
  return (
    <Stack gap="md">
      <PageTitle title={t("audit.title")} />
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("audit.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("audit.intro")}
          </Text>
        </div>
        <Button component="a" href={`/audit/export?${exportQuery}`} variant="light" download>
          {t("audit.export")}
        </Button>
      </Group>
      <Filters />
      <QueryView query={rows} lines={10}>
        {(data) => (
          <div>
            <DataTable
              rows={data.items}
              rowKey={(row) => row.id}
              caption={t("audit.caption", { count: data.total })}
              minWidth={980}
              highlightOnHover={false}
              columns={[
                { key: "at", header: t("audit.at"), cell: (row) => dateTime(row.at) },
                {
                  key: "actor",
                  header: t("audit.actor"),
                  cell: (row) =>
                    row.actor ? (
                      <>
                        <Text size="sm">{row.actor.fullName}</Text>
                        <Text size="xs" c="dimmed">
                          {row.actor.username}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("audit.nobody")}
                      </Text>
                    ),
                },
                {
                  key: "agency",
                  header: t("audit.agency"),
                  cell: (row) => row.agencyShortName ?? "",
                },
                { key: "address", header: t("audit.address"), cell: (row) => row.address ?? "" },
                {
                  key: "action",
                  header: t("audit.action"),
                  cell: (row) => (
                    <>
                      <Text size="sm" fw={row.entity === "refusal" ? 700 : 400}>
                        {row.entity === "refusal" ? `${t("audit.refused")}: ` : ""}
                        {actionLabel(row)}
                      </Text>
                      {row.entityId !== null && (
                        <Text size="xs" c="dimmed">
                          {t(`audit.entities.${row.entity}`, { defaultValue: row.entity })} #
                          {row.entityId}
                        </Text>
                      )}
                    </>
                  ),
                },
                {
                  key: "detail",
                  header: t("audit.detail"),
                  cell: (row) => (
                    <Code
                      block={false}
                      fz="xs"
                      style={{ whiteSpace: "normal", wordBreak: "break-word" }}
                    >
                      {detailText(row.detail)}
                    </Code>
                  ),
                },
              ]}
            />
            <Pager pageSize={PAGE_SIZE} total={data.total} />
          </div>
        )}
      </QueryView>
    </Stack>
  );
}
