import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { languageOf } from "../../shared/i18n/language.ts";
import {
  KEY_TASK_COLOR,
  STATUS_COLORS,
  TIMELINESS_COLORS,
  timelinessText,
} from "../../shared/task-badges.ts";
import type { TaskStatus } from "../../shared/task-status.ts";
import type { Timeliness } from "../../shared/timeliness.ts";

/** Badges keep their whole text: a cut "Quá …" says nothing. */
export const WHOLE = {
  root: { maxWidth: "none", overflow: "visible" },
  label: { overflow: "visible" },
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
  const { t, i18n } = useTranslation();
  if (timeliness === null) return null;
  const text = timelinessText(timeliness, daysOverdue, languageOf(i18n.language));
  return (
    <Badge color={TIMELINESS_COLORS[timeliness]} variant="light" tt="none" styles={WHOLE}>
      {t(text.key, text.values)}
    </Badge>
  );
}

/** A small marker for key tasks (nhiệm vụ trọng tâm). */
export function KeyTaskBadge() {
  const { t } = useTranslation();
  return (
    <Badge color={KEY_TASK_COLOR} variant="light" tt="none" styles={WHOLE}>
      {t("task.keyTask")}
    </Badge>
  );
}
