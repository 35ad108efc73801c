import {
  Alert,
  Anchor,
  Badge,
  Button,
  DataList,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TaskComments } from "../comment/comment-section.tsx";
import { TaskExtensions } from "../extension/extension-section.tsx";
import { useReportTitle } from "../report/period.ts";
import { TaskReports } from "../report/report-section.tsx";
import { type TaskDetail, type TaskEvent, useTRPC } from "../trpc.ts";
import { KeyTaskBadge, StatusBadge, TimelinessBadge } from "../ui/badges.tsx";
import { Crumbs } from "../ui/crumbs.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { FormSlot } from "../ui/form-slot.tsx";
import { useFormatters } from "../ui/format.ts";
import { Later } from "../ui/later.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { useScrollToHash } from "../ui/scroll-to-hash.ts";
import { TaskUrges, UrgeSummaryText } from "../urge/urge-section.tsx";
import { isReturn, TaskHistory } from "./task-history.tsx";
import { TaskTreeTable, treeRows } from "./task-tree.tsx";

/** The task's own forms: their code (forms, zod) loads once the page is shown. */
const loadTaskActions = () => import("./task-actions.tsx");
const TaskStatusForm = lazy(async () => ({ default: (await loadTaskActions()).TaskStatusForm }));
const TaskNoteForm = lazy(async () => ({ default: (await loadTaskActions()).TaskNoteForm }));

/** About the forms' heights (px, at 360 px wide), kept while their code loads. */
const STATUS_FORM_HEIGHT = 180;
const NOTE_FORM_HEIGHT = 246;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/**
 * The lead agency's last report, named for what it is, with who wrote it and when; a note or a
 * change made without a report is never shown as one (bug 2).
 */
function LastReport({ report }: { report: TaskDetail["lastReport"] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const reportTitle = useReportTitle();
  if (report === null) {
    return (
      <Text size="sm" c="dimmed">
        {t("task.noReportYet")}
      </Text>
    );
  }
  const title =
    report.kind === "completion" ? t("reportKind.completion") : reportTitle(report.periodKey);
  return (
    <>
      <Anchor href="#reports" size="sm" fw={600}>
        {title}
      </Anchor>
      {report.summary !== "" && (
        <Text size="sm" style={{ whiteSpace: "pre-line" }} lineClamp={4}>
          {report.summary}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {report.author.fullName} ({report.author.agencyShortName}) ·{" "}
        <time dateTime={report.createdAt}>{dateTime(report.createdAt)}</time>
      </Text>
    </>
  );
}

function TaskFacts({
  task,
  lastReport,
  urge,
}: {
  task: TaskDetail["task"];
  lastReport: TaskDetail["lastReport"];
  urge: TaskDetail["urge"];
}) {
  const { t } = useTranslation();
  const { date, deadline, wording } = useFormatters();
  const phone = usePhoneLayout();
  // Shown when an approved extension moved the deadline away from the one first assigned.
  const originalDeadline =
    task.originalDeadline !== null && task.originalDeadline !== task.deadline
      ? task.originalDeadline
      : null;
  return (
    <DataList labelWidth={200} gap="sm" size="sm" orientation={phone ? "vertical" : "horizontal"}>
      <Fact label={t("task.directive")}>
        <Anchor component={Link} to={`/directives/${task.directive.id}`}>
          {t(`directiveType.${task.directive.type}`)} {task.directive.number}
        </Anchor>
        <Text size="sm" c="dimmed">
          {task.directive.title}
        </Text>
      </Fact>
      {task.parent && (
        <Fact label={t("task.parent")}>
          <Anchor component={Link} to={`/tasks/${task.parent.id}`}>
            {task.parent.title}
          </Anchor>
        </Fact>
      )}
      {task.clause !== "" && <Fact label={t("task.clause")}>{task.clause}</Fact>}
      {task.description !== "" && (
        <Fact label={t("task.description")}>
          <Text size="sm" style={{ whiteSpace: "pre-line" }}>
            {task.description}
          </Text>
        </Fact>
      )}
      <Fact label={t("task.lead")}>{task.leadAgency.name}</Fact>
      <Fact label={t("task.coordinators")}>
        {task.coordinators.length === 0
          ? t("common.none")
          : task.coordinators.map((agency) => agency.name).join("; ")}
      </Fact>
      <Fact label={t("task.assigner")}>{task.assignerAgency.name}</Fact>
      <Fact label={t("task.deadline")}>
        {task.deadlineKind === "by_date"
          ? deadline(task.deadline)
          : wording({
              kind: task.deadlineKind,
              deadline: task.deadline,
              days: task.deadlineDays,
            })}
        {originalDeadline !== null && (
          <Badge color="teal" variant="light" tt="none" ml="xs">
            {t("extension.extendedBadge")}
          </Badge>
        )}
      </Fact>
      {originalDeadline !== null && (
        <Fact label={t("extension.originalDeadline")}>{date(originalDeadline)}</Fact>
      )}
      {task.dueOn !== null && task.dueOn !== task.deadline && (
        <Fact label={t("task.dueOn")}>
          {date(task.dueOn)}
          <Text size="xs" c="dimmed">
            {t("task.dueOnExplained")}
          </Text>
        </Fact>
      )}
      <Fact label={t("task.timeliness")}>
        {task.timeliness === null ? (
          t("common.none")
        ) : (
          <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
        )}
      </Fact>
      <Fact label={t("task.status")}>
        <StatusBadge status={task.status} />
      </Fact>
      <Fact label={t("task.progress")}>
        <ProgressLabel value={task.progress} />
      </Fact>
      <Fact label={t("task.lastReport")}>
        <LastReport report={lastReport} />
      </Fact>
      <Fact label={t("urge.fact")}>
        <UrgeSummaryText urge={urge} />
      </Fact>
      {task.doneOn !== null && <Fact label={t("task.doneOn")}>{date(task.doneOn)}</Fact>}
      {task.isKey && (
        <Fact label={t("task.isKey")}>
          <KeyTaskBadge />
        </Fact>
      )}
    </DataList>
  );
}

/**
 * When the assigner sent the task back (it was reported done and is in progress again), the
 * lead agency sees why at the top of the page.
 */
function ReturnedNotice({
  task,
  events,
}: {
  task: TaskDetail["task"];
  events: readonly TaskEvent[];
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  if (task.status !== "in_progress") return null;
  const lastStatus = events.find((event) => event.kind === "status");
  if (!lastStatus || !isReturn(lastStatus)) return null;
  return (
    <Alert color="orange" variant="light" title={t("report.returnedTitle")}>
      <Stack gap={4}>
        {lastStatus.note !== "" && (
          <Text size="sm" fw={600} style={{ whiteSpace: "pre-line" }}>
            {t("report.returnReason", { reason: lastStatus.note })}
          </Text>
        )}
        <Text size="xs">
          {lastStatus.actor
            ? `${lastStatus.actor.fullName} (${lastStatus.actor.agencyShortName}) · `
            : ""}
          {dateTime(lastStatus.at)}
        </Text>
      </Stack>
    </Alert>
  );
}

function SubTasks({ task, canBreakDown }: { task: TaskDetail["task"]; canBreakDown: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const below = useQuery(trpc.task.subTasks.queryOptions({ id: task.id }));
  return (
    <QueryView query={below} lines={3}>
      {(data) => {
        // The tasks under this one, each under its parent where the viewer sees that one too.
        const rows = treeRows(data);
        return rows.length === 0 ? (
          <EmptyView
            title={t("task.noSubTasks")}
            description={canBreakDown ? t("task.noSubTasksHint") : undefined}
          />
        ) : (
          <TaskTreeTable rows={rows} caption={t("task.subTasks")} />
        );
      }}
    </QueryView>
  );
}

export function TaskDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.task.byId.queryOptions({ id }));
  return (
    <QueryView query={detail} lines={10} notFoundTitle={t("task.notFound")}>
      {(data) => <TaskDetailView data={data} />}
    </QueryView>
  );
}

function TaskDetailView({ data }: { data: TaskDetail }) {
  const { t } = useTranslation();
  const { task, events, permissions } = data;
  useScrollToHash(true);
  const hasStatusActions = permissions.statusTargets.length > 0;
  const hasSide = hasStatusActions || task.deadline !== null;

  return (
    <Stack gap="lg">
      <PageTitle title={task.title} />
      <Crumbs
        items={[
          { label: t("nav.directives"), to: "/directives" },
          { label: task.directive.number, to: `/directives/${task.directive.id}` },
          ...(task.parent ? [{ label: task.parent.title, to: `/tasks/${task.parent.id}` }] : []),
          { label: task.clause || t("task.thisTask") },
        ]}
      />
      <Stack gap="xs">
        <Group gap="xs">
          <StatusBadge status={task.status} />
          <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
          {task.isKey && <KeyTaskBadge />}
        </Group>
        <Group justify="space-between" align="flex-start" gap="md">
          <Title order={1} fz="h2" style={{ flex: "1 1 420px" }}>
            {task.title}
          </Title>
          <Group gap="sm">
            {permissions.canEdit && (
              <Button component={Link} to={`/tasks/${task.id}/edit`} variant="default">
                {t("common.edit")}
              </Button>
            )}
            {permissions.canBreakDown && (
              <Button
                component={Link}
                to={`/directives/${task.directiveId}/tasks/new?parentId=${task.id}`}
              >
                {t("task.breakDown")}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>

      <ReturnedNotice task={task} events={events} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: hasSide ? 7 : 12 }}>
          <Paper withBorder p="md">
            <Title order={2} fz="h4" mb="sm">
              {t("task.factsTitle")}
            </Title>
            <TaskFacts task={task} lastReport={data.lastReport} urge={data.urge} />
          </Paper>
        </Grid.Col>
        {hasSide && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              {/* Not rebuilt when the task changes: an open completion dialog keeps what is typed. */}
              {hasStatusActions && (
                <FormSlot minHeight={STATUS_FORM_HEIGHT}>
                  <TaskStatusForm task={task} targets={permissions.statusTargets} />
                </FormSlot>
              )}
              <TaskExtensions task={task} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>

      {/* The reports, urges, comments, sub-tasks and history: after the task itself is shown. */}
      <Later>
        <TaskReports task={task} />

        <TaskUrges urges={data.urges} />

        <TaskComments taskId={task.id} />

        <Stack gap="sm">
          <Title order={2}>{t("task.subTasks")}</Title>
          <SubTasks task={task} canBreakDown={permissions.canBreakDown} />
        </Stack>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="sm">
              <Title order={2}>{t("task.history")}</Title>
              <TaskHistory events={events} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {permissions.canAddNote && (
              <FormSlot minHeight={NOTE_FORM_HEIGHT} whenReached>
                <TaskNoteForm task={task} />
              </FormSlot>
            )}
          </Grid.Col>
        </Grid>
      </Later>
    </Stack>
  );
}
