import { Badge, type MantineColor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TaskStatus } from "../../shared/task-status.ts";
import type { Timeliness } from "../../shared/timeliness.ts";
import { useFormatters } from "./format.ts";

/** Badges keep their whole text: a cut "Quá …" says nothing. */
export const WHOLE = {
  root: { maxWidth: "none", overflow: "visible" },
  label: { overflow: "visible" },
};

const STATUS_COLORS: Record<TaskStatus, MantineColor> = {
  not_started: "gray",
  in_progress: "blue",
  reported_done: "violet",
  completed: "green",
  cancelled: "dark",
};

export const TIMELINESS_COLORS: Record<Timeliness, MantineColor> = {
  overdue: "red",
  due_soon: "orange",
  in_deadline: "blue",
  completed_on_time: "green",
  completed_late: "grape",
  no_deadline: "gray",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" styles={WHOLE}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Where a task stands against its deadline; overdue tasks say by how many days. */
export function TimelinessBadge({
  timeliness,
  daysOverdue = 0,
}: {
  timeliness: Timeliness | null;
  daysOverdue?: number;
}) {
  const { t } = useTranslation();
  const { number } = useFormatters();
  if (timeliness === null) return null;
  const label =
    timeliness === "overdue" && daysOverdue > 0
      ? t("task.overdueDays", { count: daysOverdue, days: number(daysOverdue) })
      : t(`timeliness.${timeliness}`);
  return (
    <Badge color={TIMELINESS_COLORS[timeliness]} variant="light" tt="none" styles={WHOLE}>
      {label}
    </Badge>
  );
}

/** A small marker for key tasks (nhiệm vụ trọng tâm). */
export function KeyTaskBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="yellow" variant="light" tt="none" styles={WHOLE}>
      {t("task.keyTask")}
    </Badge>
  );
}
