import { Box, Button, Checkbox, Group, MultiSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TASK_STATUSES } from "../../shared/task-status.ts";
import { TIMELINESS } from "../../shared/timeliness.ts";
import { AgencySelect } from "../agency/agency-picker.tsx";
import { DirectiveSelect } from "../ui/directive-select.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageHeader } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { SearchForm } from "../ui/search-form.tsx";
import { intParam, listParam, useUrlState } from "../ui/url-state.ts";
import { TaskTable, useTaskPage } from "./task-table.tsx";

/**
 * Every task the user may see, filtered from the URL (lead agency, timeliness categories,
 * directive, key tasks, status, words), as they are today. The figures of the statistics page
 * open their own list (statistic-tasks-page.tsx), which knows the day and scope they count.
 */
export function TaskListPage() {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const { params, update } = useUrlState();
  const leadAgencyId = intParam(params, "lead");
  const timeliness = listParam(params, "timeliness", TIMELINESS);
  const status = listParam(params, "status", TASK_STATUSES);
  const directiveId = intParam(params, "directive");
  const keyOnly = params.get("key") === "1";
  const query = params.get("q") ?? "";
  const filtered =
    leadAgencyId !== undefined ||
    timeliness.length > 0 ||
    status.length > 0 ||
    directiveId !== undefined ||
    keyOnly ||
    query !== "";

  const list = useTaskPage({
    scope: "visible",
    leadAgencyId,
    timeliness: timeliness.length > 0 ? timeliness : undefined,
    status: status.length > 0 ? status : undefined,
    directiveId,
    isKey: keyOnly ? true : undefined,
    query,
  });

  return (
    <Stack gap="md">
      <PageHeader
        title={t("taskList.title")}
        intro={t("taskList.intro")}
        actions={
          <Button component={Link} to="/statistics" variant="subtle">
            {t("taskList.backToStatistics")}
          </Button>
        }
      />

      <search aria-label={t("taskList.filters")}>
        <Stack gap="xs">
          <SearchForm label={t("taskList.search")} placeholder={t("taskList.searchPlaceholder")} />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
            <Box>
              <AgencySelect
                label={t("taskList.lead")}
                placeholder={t("common.all")}
                clearable
                value={leadAgencyId}
                onChange={(value) => update({ lead: value })}
              />
            </Box>
            <MultiSelect
              label={t("taskList.timeliness")}
              placeholder={timeliness.length === 0 ? t("common.all") : undefined}
              clearable
              data={TIMELINESS.map((item) => ({ value: item, label: t(`timeliness.${item}`) }))}
              value={timeliness}
              onChange={(values) => update({ timeliness: values.join(",") })}
            />
            <MultiSelect
              label={t("taskList.status")}
              placeholder={status.length === 0 ? t("common.all") : undefined}
              clearable
              data={TASK_STATUSES.map((item) => ({ value: item, label: t(`status.${item}`) }))}
              value={status}
              onChange={(values) => update({ status: values.join(",") })}
            />
            <DirectiveSelect
              label={t("task.directive")}
              value={directiveId}
              onChange={(value) => update({ directive: value })}
            />
          </SimpleGrid>
          <Group gap="md">
            <Checkbox
              label={t("overdue.keyOnly")}
              checked={keyOnly}
              onChange={(event) => update({ key: event.currentTarget.checked ? "1" : null })}
            />
            {filtered && (
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() =>
                  update({
                    lead: null,
                    timeliness: null,
                    status: null,
                    directive: null,
                    key: null,
                    q: null,
                  })
                }
              >
                {t("common.clearFilters")}
              </Button>
            )}
          </Group>
        </Stack>
      </search>

      <QueryView query={list} lines={8}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyView
              title={t("taskList.empty")}
              description={filtered ? t("taskList.emptyHint") : undefined}
            />
          ) : (
            <div>
              <Text fw={600} mb="xs" role="status">
                {t("taskList.count", { count: data.total, total: number(data.total) })}
              </Text>
              <TaskTable tasks={data.items} total={data.total} label={t("taskList.title")} />
            </div>
          )
        }
      </QueryView>
    </Stack>
  );
}
