import { Button, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { INBOX_RECENT_DAYS, URGED_WITHIN_DAYS } from "../../shared/inbox.ts";
import { STALE_REPORT_DAYS } from "../../shared/statistic.ts";
import { useReportTitle } from "../report/period.ts";
import type { RouterOutputs, TaskListItem } from "../trpc.ts";
import { KeyTaskBadge, TimelinessBadge } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import { preloadUrgeDialog, UrgeDialog, type UrgeTask } from "../urge/urge-dialog.tsx";
import {
  ActLink,
  AllSeenButton,
  Byline,
  InboxItem,
  InboxSection,
  ItemBadge,
  SeenButton,
  taskPlace,
} from "./inbox-section.tsx";

type OfficerInbox = Extract<RouterOutputs["inbox"]["view"], { role: "officer" }>;
type UrgedTask = TaskListItem & { urgedAt: string | null };

function urgeTask(task: TaskListItem): UrgeTask {
  return { ...task, directive: { number: task.directiveNumber } };
}

/**
 * Overdue tasks to urge ("Đôn đốc", a note in the task's history): those not urged this week
 * first; an urged one says when, and counts as done for a week.
 */
export function UrgeSection({
  title,
  intro,
  section,
  moreTo,
}: {
  title: string;
  intro: string;
  section: { items: UrgedTask[]; total: number; toDo: number };
  moreTo: string;
}) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const [urging, setUrging] = useState<UrgedTask | null>(null);
  return (
    <>
      <InboxSection
        title={title}
        intro={intro}
        total={section.total}
        toDo={section.toDo}
        shown={section.items.length}
        moreTo={moreTo}
      >
        {section.items.map((task) => (
          <InboxItem
            key={task.id}
            badges={
              <>
                <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
                {task.isKey && <KeyTaskBadge />}
                {task.urgedAt !== null && (
                  <ItemBadge color="teal">
                    {t("inbox.urgedOn", { date: date(task.urgedAt.slice(0, 10)) })}
                  </ItemBadge>
                )}
              </>
            }
            title={task.title}
            to={`/tasks/${task.id}`}
            meta={`${taskPlace(task)} · ${t("task.leadShort")}: ${task.leadAgency.shortName}`}
            actions={
              <Button
                size="compact-sm"
                variant={task.urgedAt === null ? "filled" : "default"}
                onClick={() => setUrging(task)}
                onPointerEnter={preloadUrgeDialog}
                onFocus={preloadUrgeDialog}
                aria-label={t("inbox.urgeLabel", { title: task.title })}
              >
                {t("inbox.urge")}
              </Button>
            }
          >
            <Text size="sm">
              {task.lastProgressAt === null
                ? t("inbox.neverReported")
                : t("inbox.lastReportOn", { at: dateTime(task.lastProgressAt) })}
            </Text>
          </InboxItem>
        ))}
      </InboxSection>
      <UrgeDialog
        opened={urging !== null}
        tasks={urging ? [urgeTask(urging)] : []}
        onClose={() => setUrging(null)}
      />
    </>
  );
}

/**
 * What an officer of the tracking or assigning agency has to do: completions to confirm (longest
 * waiting first), extension requests to decide, reports received, overdue tasks without a report.
 */
export function OfficerInboxView({ inbox }: { inbox: OfficerInbox }) {
  const { t } = useTranslation();
  const { date, number } = useFormatters();
  const reportTitle = useReportTitle();
  const { completions, extensions, reports, silentOverdue } = inbox.sections;

  return (
    <>
      <InboxSection
        title={t("inbox.completionsTitle")}
        intro={t("inbox.completionsIntro")}
        total={completions.total}
        shown={completions.items.length}
        moreTo="/tasks?status=reported_done"
      >
        {completions.items.map((task) => (
          <InboxItem
            key={task.id}
            badges={
              <ItemBadge color={task.daysWaiting > 7 ? "red" : "violet"}>
                {t("inbox.waiting", {
                  count: task.daysWaiting,
                  days: number(task.daysWaiting),
                })}
              </ItemBadge>
            }
            title={task.title}
            to={`/tasks/${task.id}`}
            meta={`${taskPlace(task)} · ${t("task.leadShort")}: ${task.leadAgency.shortName}`}
            actions={<ActLink to={`/tasks/${task.id}`}>{t("inbox.confirm")}</ActLink>}
          >
            <Text size="sm">{t("inbox.reportedDoneOn", { date: date(task.doneOn) })}</Text>
          </InboxItem>
        ))}
      </InboxSection>

      <InboxSection
        title={t("inbox.extensionsTitle")}
        intro={t("inbox.extensionsIntro")}
        total={extensions.total}
        shown={extensions.items.length}
        moreTo="/extensions"
      >
        {extensions.items.map((item) => (
          <InboxItem
            key={item.id}
            title={item.task.title}
            to={`/tasks/${item.task.id}#extensions`}
            meta={`${taskPlace(item.task)} · ${t("task.leadShort")}: ${item.agency.shortName}`}
            actions={
              <ActLink to={`/tasks/${item.task.id}#extensions`}>{t("inbox.decide")}</ActLink>
            }
          >
            <Text size="sm">
              {t("extension.asked", {
                requested: date(item.requestedDeadline),
                current: date(item.currentDeadline),
              })}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-line" }} lineClamp={3}>
              {item.reason}
            </Text>
            <Byline person={item.requestedBy} at={item.requestedAt} />
          </InboxItem>
        ))}
      </InboxSection>

      <InboxSection
        title={t("inbox.reportsTitle")}
        intro={t("inbox.reportsIntro", { days: INBOX_RECENT_DAYS })}
        total={reports.total}
        shown={reports.items.length}
        action={<AllSeenButton kind="report" ids={reports.items.map((item) => item.id)} />}
      >
        {reports.items.map((report) => {
          const name = reportTitle(report.periodKey);
          return (
            <InboxItem
              key={report.id}
              badges={
                <ItemBadge color={report.agencyRole === "lead" ? "blue" : "cyan"}>
                  {t(`reportAgencyRole.${report.agencyRole}`)}: {report.agency.shortName}
                </ItemBadge>
              }
              title={report.task.title}
              to={`/tasks/${report.task.id}#reports`}
              meta={taskPlace(report.task)}
              actions={
                <>
                  <SeenButton
                    kind="report"
                    id={report.id}
                    label={`${name}: ${report.task.title}`}
                  />
                  <ActLink to={`/tasks/${report.task.id}#reports`}>{t("inbox.openReport")}</ActLink>
                </>
              }
            >
              <Text size="sm" fw={500}>
                {name}
              </Text>
              <div style={{ maxWidth: 320 }}>
                <ProgressLabel value={report.progress} />
              </div>
              <Text size="sm" style={{ whiteSpace: "pre-line" }} lineClamp={3}>
                {report.summary}
              </Text>
              <Byline person={report.author} at={report.createdAt} />
            </InboxItem>
          );
        })}
      </InboxSection>

      <UrgeSection
        title={t("inbox.silentTitle", { days: STALE_REPORT_DAYS })}
        intro={t("inbox.silentIntro", { days: STALE_REPORT_DAYS, urged: URGED_WITHIN_DAYS })}
        section={silentOverdue}
        moreTo="/overdue"
      />
    </>
  );
}
