import { Button, Group, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../shared/date.ts";
import { OVERDUE_PAGE_SIZE, overduePageInput } from "../../shared/overdue-page.ts";
import { PAGE_HEADINGS } from "../../shared/page-heading.ts";
import { isUrgeable } from "../../shared/urge.ts";
import { useTRPC } from "../trpc.ts";
import { useCurrentUser } from "../ui/current-user.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { FormSlot } from "../ui/form-slot.tsx";
import { PageHeader } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { PhoneFilters } from "../ui/phone-filters.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { QueryView } from "../ui/query-view.tsx";
import { pageParam, useUrlState } from "../ui/url-state.ts";
import { UrgeBar, UrgeDialog, useUrgeChoice } from "../urge/urge-dialog.tsx";
import { ExportButton } from "./export-panel.tsx";
import { OverdueCards, OverdueTable } from "./overdue-table.tsx";
import { ScopeDescription } from "./scope-description.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import { overdueFiltersFromParams, type UrlScope } from "./statistic-scope.ts";

/** The filters' code (selects, the number field) loads once the page is shown (on a phone, opened). */
const OverdueFilterFields = lazy(async () => ({
  default: (await import("./overdue-filter-fields.tsx")).OverdueFilterFields,
}));

/** The filters' height (px, measured at 1280 and 360 px), kept while their code loads. */
const FIELDS_HEIGHT = 61;
const PHONE_FIELDS_HEIGHT = 319;

/**
 * Every overdue task the user may see, most days overdue first, with who leads and coordinates
 * it, its last progress report and whether the lead agency still reports; filters in the URL,
 * an Excel export of the filtered list, and "Đôn đốc" (an urging note) for the chosen tasks.
 */
export function OverduePage() {
  const { t } = useTranslation();
  const heading = PAGE_HEADINGS.overdue();
  const { role } = useCurrentUser();
  const trpc = useTRPC();
  const { count } = useStatisticFormat();
  const { params, update } = useUrlState();
  const phone = usePhoneLayout();
  const filters = overdueFiltersFromParams(params);
  const { directiveId, agencyId, keyOnly, minDaysOverdue, urged } = filters;
  const page = pageParam(params);
  const active = [
    directiveId !== undefined,
    agencyId !== undefined,
    keyOnly,
    minDaysOverdue > 0,
    urged !== "all",
  ].filter(Boolean).length;

  // The filters as a statistic's scope, for their description in words.
  const scope: Omit<UrlScope, "asOf"> = {
    directiveId,
    directiveType: undefined,
    keyOnly,
    agencyId,
    periodBy: "issued",
    from: undefined,
    to: undefined,
    basis: "in_force",
    level: "all",
    assignerAgencyId: undefined,
    reportFrom: undefined,
    urged,
  };

  const list = useQuery({
    ...trpc.statistic.overdue.queryOptions(overduePageInput(filters, page)),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  // Chosen rows; only those still in the list count (filters or paging may have moved on).
  const urgeable = items.filter((item) => isUrgeable(item.status)).map((item) => item.id);
  const choice = useUrgeChoice(urgeable);
  const { selected } = choice;
  const selectedItems = items.filter((item) => selected.has(item.id));
  const [urging, setUrging] = useState(false);
  const selection = {
    selected,
    onToggle: choice.toggle,
    onToggleAll: () => choice.choose(selected.size === urgeable.length ? [] : urgeable),
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t(heading.title)}
        intro={t(heading.intro)}
        actions={
          // The export button's progress appears below it: the actions line up by their tops.
          <Group gap="xs" align="flex-start">
            {(role === "officer" || role === "leader") && (
              <Button component={Link} to="/urging-rules" variant="subtle">
                {t("urgingRule.link")}
              </Button>
            )}
            <ExportButton request={{ kind: "overdue", filters }} />
          </Group>
        }
      />

      <search aria-label={t("overdue.filters")}>
        <PhoneFilters label={t("overdue.filters")} active={active}>
          <FormSlot minHeight={phone ? PHONE_FIELDS_HEIGHT : FIELDS_HEIGHT}>
            <OverdueFilterFields filters={filters} update={update} />
          </FormSlot>
        </PhoneFilters>
      </search>

      <QueryView query={list} lines={8}>
        {(data) =>
          items.length === 0 ? (
            active > 0 ? (
              <EmptyView
                title={t("overdue.emptyFiltered")}
                description={t("overdue.emptyFilteredHint")}
                action={
                  <Button
                    variant="default"
                    onClick={() =>
                      update({
                        directive: null,
                        lead: null,
                        key: null,
                        minDays: null,
                        urged: null,
                      })
                    }
                  >
                    {t("common.clearFilters")}
                  </Button>
                }
              />
            ) : (
              <EmptyView
                title={t("overdue.empty")}
                description={t("overdue.emptyHint")}
                action={
                  <Button component={Link} to="/tasks?timeliness=due_soon" variant="light">
                    {t("overdue.seeDueSoon")}
                  </Button>
                }
              />
            )
          ) : (
            <div>
              <Stack gap={2} mb="xs">
                <Text fw={600} role="status">
                  {t("overdue.count", {
                    count: data.total,
                    total: count(data.total),
                    urged: count(data.urged),
                  })}
                </Text>
                <Text size="sm" c="dimmed">
                  <ScopeDescription scope={scope} minDaysOverdue={minDaysOverdue} /> ·{" "}
                  {t("overdue.today", { date: formatDate(data.today) })}
                </Text>
              </Stack>
              <UrgeBar
                selected={selected.size}
                total={count(selected.size)}
                onClear={() => choice.choose([])}
                onUrge={() => setUrging(true)}
              />
              {phone ? (
                <OverdueCards items={items} selection={selection} label={t("overdue.tableLabel")} />
              ) : (
                <OverdueTable items={items} selection={selection} label={t("overdue.tableLabel")} />
              )}
              <Pager pageSize={OVERDUE_PAGE_SIZE} total={data.total} />
            </div>
          )
        }
      </QueryView>
      <UrgeDialog
        opened={urging}
        tasks={selectedItems}
        onClose={() => setUrging(false)}
        onSent={choice.drop}
      />
    </Stack>
  );
}
