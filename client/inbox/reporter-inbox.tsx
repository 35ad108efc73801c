import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { INBOX_AHEAD_WORKING_DAYS, INBOX_RECENT_DAYS } from "../../shared/inbox.ts";
import { usePeriodName } from "../report/period.ts";
import type { RouterOutputs } from "../trpc.ts";
import { TimelinessBadge } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
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

type ReporterInbox = Extract<RouterOutputs["inbox"]["view"], { role: "reporter" }>;

/** A coordinating agency's items say so; the lead agency's go without a word. */
function RoleBadge({ role }: { role: "lead" | "coordinator" }) {
  const { t } = useTranslation();
  return role === "coordinator" ? (
    <ItemBadge color="cyan">{t("reportAgencyRole.coordinator")}</ItemBadge>
  ) : null;
}

/**
 * What a lead or coordinating agency owes: report periods late or due soon, tasks due within 7
 * working days (and overdue), completions returned, answers to its extension requests, comments
 * mentioning it.
 */
export function ReporterInboxView({ inbox }: { inbox: ReporterInbox }) {
  const { t } = useTranslation();
  const { date, number } = useFormatters();
  const periodName = usePeriodName();
  const { periods, dueTasks, returned, extensionAnswers, mentions } = inbox.sections;

  return (
    <>
      <InboxSection
        title={t("inbox.periodsTitle")}
        intro={t("inbox.periodsIntro", { days: INBOX_AHEAD_WORKING_DAYS })}
        total={periods.total}
        shown={periods.items.length}
        moreTo="/reports/missing"
      >
        {periods.items.map((item) => {
          const period = periodName(item.period.key, true);
          return (
            <InboxItem
              key={`${item.task.id}-${item.agency.id}-${item.period.key}`}
              badges={
                <>
                  {item.daysLate > 0 ? (
                    <ItemBadge color="red">
                      {t("inbox.periodLate", {
                        count: item.daysLate,
                        days: number(item.daysLate),
                      })}
                    </ItemBadge>
                  ) : (
                    <ItemBadge color="orange">{t("inbox.periodDue")}</ItemBadge>
                  )}
                  <RoleBadge role={item.role} />
                </>
              }
              title={item.task.title}
              to={`/tasks/${item.task.id}?period=${item.period.key}#report-form`}
              meta={taskPlace(item.task)}
              actions={
                <ActLink
                  to={`/tasks/${item.task.id}?period=${item.period.key}#report-form`}
                  label={t("inbox.fileReportLabel", {
                    period: periodName(item.period.key),
                    title: item.task.title,
                  })}
                >
                  {t("inbox.fileReport")}
                </ActLink>
              }
            >
              <Text size="sm" fw={500}>
                {t("inbox.periodLine", { period, date: date(item.period.dueOn) })}
              </Text>
            </InboxItem>
          );
        })}
      </InboxSection>

      <InboxSection
        title={t("inbox.dueTitle")}
        intro={t("inbox.dueIntro", { days: INBOX_AHEAD_WORKING_DAYS, date: date(inbox.until) })}
        total={dueTasks.total}
        shown={dueTasks.items.length}
        moreTo="/my-tasks"
      >
        {dueTasks.items.map((task) => (
          <InboxItem
            key={task.id}
            badges={
              <>
                <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
                <RoleBadge role={task.role} />
              </>
            }
            title={task.title}
            to={`/tasks/${task.id}`}
            meta={`${taskPlace(task)} · ${t("task.dueOnShort")}: ${date(task.dueOn)}`}
            actions={<ActLink to={`/tasks/${task.id}`}>{t("inbox.openTask")}</ActLink>}
          />
        ))}
      </InboxSection>

      <InboxSection
        title={t("inbox.returnedTitle")}
        intro={t("inbox.returnedIntro")}
        total={returned.total}
        shown={returned.items.length}
      >
        {returned.items.map((item) => (
          <InboxItem
            key={item.task.id}
            title={item.task.title}
            to={`/tasks/${item.task.id}`}
            meta={taskPlace(item.task)}
            actions={<ActLink to={`/tasks/${item.task.id}`}>{t("inbox.reportAgain")}</ActLink>}
          >
            <Alert color="orange" variant="light" p="xs">
              <Text size="sm" fw={600} style={{ whiteSpace: "pre-line" }}>
                {t("report.returnReason", { reason: item.reason })}
              </Text>
              <Byline person={item.by} at={item.at} />
            </Alert>
          </InboxItem>
        ))}
      </InboxSection>

      <InboxSection
        title={t("inbox.answersTitle")}
        intro={t("inbox.answersIntro", { days: INBOX_RECENT_DAYS })}
        total={extensionAnswers.total}
        shown={extensionAnswers.items.length}
        action={
          <AllSeenButton kind="extension" ids={extensionAnswers.items.map((item) => item.id)} />
        }
      >
        {extensionAnswers.items.map((item) => (
          <InboxItem
            key={item.id}
            badges={
              <ItemBadge color={item.status === "approved" ? "green" : "red"}>
                {t(`extensionStatus.${item.status}`)}
              </ItemBadge>
            }
            title={item.task.title}
            to={`/tasks/${item.task.id}#extensions`}
            meta={taskPlace(item.task)}
            actions={
              <>
                <SeenButton kind="extension" id={item.id} label={item.task.title} />
                <ActLink to={`/tasks/${item.task.id}#extensions`}>{t("inbox.openTask")}</ActLink>
              </>
            }
          >
            <Text size="sm">
              {item.status === "approved" && item.approvedDeadline !== null
                ? t("extension.approvedTo", { date: date(item.approvedDeadline) })
                : t("extension.rejectedText")}
              {item.decisionNote !== "" && ` — ${item.decisionNote}`}
            </Text>
            <Byline person={item.decidedBy} at={item.decidedAt} />
          </InboxItem>
        ))}
      </InboxSection>

      <InboxSection
        title={t("inbox.mentionsTitle")}
        intro={t("inbox.mentionsIntro", { days: INBOX_RECENT_DAYS })}
        total={mentions.total}
        shown={mentions.items.length}
        action={<AllSeenButton kind="comment" ids={mentions.items.map((item) => item.id)} />}
      >
        {mentions.items.map((item) => (
          <InboxItem
            key={item.id}
            title={item.task.title}
            to={`/tasks/${item.task.id}#comments`}
            meta={taskPlace(item.task)}
            actions={
              <>
                <SeenButton kind="comment" id={item.id} label={item.task.title} />
                <ActLink to={`/tasks/${item.task.id}#comments`}>{t("inbox.reply")}</ActLink>
              </>
            }
          >
            <Text size="sm" style={{ whiteSpace: "pre-line" }} lineClamp={4}>
              {item.body}
            </Text>
            <Byline
              person={{ fullName: item.author.fullName, agencyShortName: item.agency.shortName }}
              at={item.createdAt}
            />
          </InboxItem>
        ))}
      </InboxSection>
    </>
  );
}
