import { Alert, Text, Timeline } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TASK_STATUSES } from "../../shared/task-status.ts";
import { parseDuty, useDutyText, usePeriodName } from "../report/period.ts";
import { type TaskEvent, useTRPC } from "../trpc.ts";
import { useFormatters } from "../ui/format.ts";

function agencyIdsOf(value: string | null): number[] {
  if (value === null) return [];
  if (/^\d+$/.test(value)) return [Number(value)];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id) => typeof id === "number") : [];
  } catch {
    return [];
  }
}

const FIELD_LABELS: Record<string, string> = {
  clause: "task.clause",
  title: "task.title",
  description: "task.description",
  isKey: "task.isKey",
  leadAgencyId: "task.lead",
  coordinatorAgencyIds: "task.coordinators",
  deadline: "task.deadline",
  reportDuty: "report.duty",
};

/** A task reported done and sent back to the lead agency: its note is the reason. */
export function isReturn(event: TaskEvent): boolean {
  return (
    event.kind === "status" &&
    event.oldValue === "reported_done" &&
    event.newValue === "in_progress"
  );
}

/**
 * The history's heading of an event: returning and reporting done are named as such, and a
 * progress change says whether a report came with it (bug 2: a change made without a report
 * must not look like one).
 */
function useEventTitle() {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  return (event: TaskEvent): string => {
    if (isReturn(event)) return t("report.returnedEvent");
    if (event.kind === "status" && event.newValue === "reported_done") {
      return t("statusAction.reported_done");
    }
    if (event.kind === "status" && event.newValue === "completed") {
      return t("statusAction.completed");
    }
    if (event.kind === "progress") {
      const { report } = event;
      if (report === null) return t("history.progressWithoutReport");
      if (report.kind === "completion") return t("history.progressByCompletion");
      if (report.periodKey === null) return t("history.progressByUnscheduledReport");
      if (report.periodKey === "once") return t("history.progressByOnceReport");
      return t("history.progressByReport", { period: periodName(report.periodKey) });
    }
    return t(`event.${event.kind}`);
  };
}

/** What changed, in words: old → new. */
function useChangeText(agencyNames: Map<number, string>) {
  const { t } = useTranslation();
  const { date, percent } = useFormatters();
  const statusLabel = (value: string | null) => {
    const status = TASK_STATUSES.find((item) => item === value);
    return status ? t(`status.${status}`) : (value ?? "");
  };
  const agencies = (value: string | null) => {
    const ids = agencyIdsOf(value);
    return ids.length === 0
      ? t("common.none")
      : ids.map((id) => agencyNames.get(id) ?? `#${id}`).join(", ");
  };
  const deadline = (value: string | null) => (value ? date(value) : t("task.noDeadline"));
  const dutyText = useDutyText();
  return (event: TaskEvent): string | null => {
    const field = event.field ? t(FIELD_LABELS[event.field] ?? event.field) : "";
    switch (event.kind) {
      case "status":
        return `${statusLabel(event.oldValue)} → ${statusLabel(event.newValue)}`;
      case "progress":
        return `${percent(Number(event.oldValue ?? 0))} → ${percent(Number(event.newValue ?? 0))}`;
      case "deadline":
        return `${deadline(event.oldValue)} → ${deadline(event.newValue)}`;
      case "assignment":
        return `${field}: ${agencies(event.oldValue)} → ${agencies(event.newValue)}`;
      case "field":
        if (event.field === "isKey") {
          const yesNo = (value: string | null) =>
            value === "true" ? t("common.yes") : t("common.no");
          return `${field}: ${yesNo(event.oldValue)} → ${yesNo(event.newValue)}`;
        }
        if (event.field === "description") return field;
        if (event.field === "reportDuty") {
          return `${field}: ${dutyText(parseDuty(event.oldValue))} → ${dutyText(parseDuty(event.newValue))}`;
        }
        return `${field}: “${event.oldValue ?? ""}” → “${event.newValue ?? ""}”`;
      default:
        return null;
    }
  };
}

/** The task's history, newest first: who, when, what changed, and their note. */
export function TaskHistory({ events }: { events: readonly TaskEvent[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { dateTime } = useFormatters();
  const ids = [
    ...new Set(
      events
        .filter((event) => event.kind === "assignment")
        .flatMap((event) => [...agencyIdsOf(event.oldValue), ...agencyIdsOf(event.newValue)]),
    ),
  ];
  const agencies = useQuery({
    ...trpc.agency.byIds.queryOptions({ ids }),
    enabled: ids.length > 0,
  });
  const names = new Map((agencies.data ?? []).map((agency) => [agency.id, agency.shortName]));
  const changeText = useChangeText(names);
  const titleOf = useEventTitle();

  if (events.length === 0) {
    return <Text c="dimmed">{t("task.noHistory")}</Text>;
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} active={0}>
      {events.map((event) => {
        const change = changeText(event);
        return (
          <Timeline.Item
            key={event.id}
            title={
              <Text fw={600} size="sm">
                {titleOf(event)}
              </Text>
            }
          >
            {change && <Text size="sm">{change}</Text>}
            {event.note !== "" &&
              (isReturn(event) ? (
                <Alert color="orange" variant="light" p="xs" mt={4}>
                  <Text size="sm" fw={600} style={{ whiteSpace: "pre-line" }}>
                    {t("report.returnReason", { reason: event.note })}
                  </Text>
                </Alert>
              ) : (
                <Text size="sm" style={{ whiteSpace: "pre-line" }} mt={4}>
                  {event.note}
                </Text>
              ))}
            <Text size="xs" c="dimmed" mt={4}>
              {event.actor
                ? `${event.actor.fullName} (${event.actor.agencyShortName})`
                : t("task.systemActor")}{" "}
              · <time dateTime={event.at}>{dateTime(event.at)}</time>
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
