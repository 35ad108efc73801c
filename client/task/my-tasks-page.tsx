import { Button, Chip, Group, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TIMELINESS_COLORS } from "../../shared/task-badges.ts";
import { TIMELINESS, type Timeliness } from "../../shared/timeliness.ts";
import { useTRPC } from "../trpc.ts";
import { useCurrentUser } from "../ui/current-user.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageHeader } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { enumParam, useUrlState } from "../ui/url-state.ts";
import { TaskTable, useTaskPage } from "./task-table.tsx";

/** The order leaders read: what is late first. */
const CHIP_ORDER: readonly Timeliness[] = [
  "overdue",
  "due_soon",
  "in_deadline",
  "no_deadline",
  "completed_late",
  "completed_on_time",
];
const ALL = "all";

export function MyTasksPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const { number } = useFormatters();
  const { params, update } = useUrlState();
  const timeliness = enumParam(params, "timeliness", TIMELINESS);
  const counts = useQuery(trpc.task.counts.queryOptions({ scope: "mine" }));
  const list = useTaskPage({ scope: "mine", timeliness: timeliness ? [timeliness] : undefined });

  return (
    <Stack gap="md">
      <PageHeader
        title={t("nav.myTasks")}
        intro={t("myTasks.intro", { agency: user.agencyName })}
      />

      <Group gap="xs" role="radiogroup" aria-label={t("myTasks.filterLabel")}>
        <Chip.Group
          value={timeliness ?? ALL}
          onChange={(value) => update({ timeliness: value === ALL ? null : value })}
        >
          <Chip value={ALL} variant="outline">
            {t("common.all")}
          </Chip>
          {CHIP_ORDER.map((category) => (
            <Chip key={category} value={category} color={TIMELINESS_COLORS[category]}>
              {t(`timeliness.${category}`)}
              {counts.data && ` (${number(counts.data[category])})`}
            </Chip>
          ))}
        </Chip.Group>
      </Group>

      <QueryView query={list} lines={8}>
        {(data) =>
          data.items.length === 0 ? (
            timeliness ? (
              <EmptyView
                title={t("myTasks.emptyFiltered", {
                  category: t(`timeliness.${timeliness}`).toLowerCase(),
                })}
                description={t("myTasks.emptyFilteredHint")}
                action={
                  <Button variant="default" onClick={() => update({ timeliness: null })}>
                    {t("myTasks.showAll")}
                  </Button>
                }
              />
            ) : (
              <EmptyView
                title={t("myTasks.empty")}
                description={t("myTasks.emptyHint")}
                action={
                  <Button component={Link} to="/directives" variant="light">
                    {t("myTasks.goDirectives")}
                  </Button>
                }
              />
            )
          ) : (
            <TaskTable tasks={data.items} total={data.total} label={t("nav.myTasks")} />
          )
        }
      </QueryView>
    </Stack>
  );
}
