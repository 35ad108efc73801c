import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { IsoDate } from "../../shared/date.ts";
import type { TaskStatus } from "../../shared/task-status.ts";
import type { Timeliness } from "../../shared/timeliness.ts";
import { StatusBadge, TimelinessBadge } from "./badges.tsx";
import type { Column } from "./data-table.tsx";
import { useFormatters } from "./format.ts";
import { ProgressLabel } from "./progress-label.tsx";
import { TaskTitle } from "./task-title.tsx";

/**
 * What the task columns show of a row, whatever list it comes from (my tasks, a directive's
 * tree, the tasks behind a figure, missing reports, overdue tasks). A column whose fact a list
 * lacks is not used by that list.
 */
export type TaskFacts = {
  id: number;
  title: string;
  isKey?: boolean;
  clause: string;
  directive: { id: number; number: string };
  /** The lead agency as the list names it (short or full name). */
  lead?: string;
  /** The deadline as written; null for an ongoing task. */
  deadline?: IsoDate | null;
  /** The deadline in force (moved off weekends and holidays, or extended). */
  dueOn?: IsoDate | null;
  timeliness?: Timeliness | null;
  daysOverdue?: number;
  status?: TaskStatus;
  progress?: number;
};

export type TaskColumnKey =
  | "directive"
  | "directiveAndClause"
  | "clause"
  | "title"
  | "lead"
  | "deadline"
  | "dueOn"
  | "timeliness"
  | "status"
  | "progress";

/**
 * The columns every task table shares, written once: pick them by key, in the table's order,
 * and give a header of your own where the list means something else by it.
 */
export function useTaskColumns<Row>(
  factsOf: (row: Row) => TaskFacts,
): Record<TaskColumnKey, Column<Row>> {
  const { t } = useTranslation();
  const { date, deadline } = useFormatters();
  const directiveLink = (facts: TaskFacts) => (
    <Anchor component={Link} to={`/directives/${facts.directive.id}`} size="sm">
      {facts.directive.number}
    </Anchor>
  );
  return {
    directive: {
      key: "directive",
      header: t("task.directive"),
      nowrap: true,
      cell: (row) => directiveLink(factsOf(row)),
    },
    directiveAndClause: {
      key: "directive",
      header: t("task.directive"),
      nowrap: true,
      cell: (row) => {
        const facts = factsOf(row);
        return (
          <>
            {directiveLink(facts)}
            {facts.clause && (
              <Text size="xs" c="dimmed">
                {facts.clause}
              </Text>
            )}
          </>
        );
      },
    },
    clause: {
      key: "clause",
      header: t("task.clause"),
      nowrap: true,
      cell: (row) => factsOf(row).clause,
    },
    title: {
      key: "title",
      header: t("task.title"),
      minWidth: 280,
      cell: (row) => <TaskTitle task={factsOf(row)} />,
    },
    lead: { key: "lead", header: t("task.lead"), cell: (row) => factsOf(row).lead },
    deadline: {
      key: "deadline",
      header: t("task.deadline"),
      nowrap: true,
      cell: (row) => deadline(factsOf(row).deadline ?? null),
    },
    dueOn: {
      key: "dueOn",
      header: t("overdue.deadlineInForce"),
      nowrap: true,
      cell: (row) => {
        const facts = factsOf(row);
        const written = facts.deadline ?? null;
        return (
          <>
            {deadline(facts.dueOn ?? null)}
            {written !== null && written !== facts.dueOn && (
              <Text size="xs" c="dimmed">
                {t("overdue.deadlineWritten", { date: date(written) })}
              </Text>
            )}
          </>
        );
      },
    },
    timeliness: {
      key: "timeliness",
      header: t("task.timeliness"),
      cell: (row) => {
        const facts = factsOf(row);
        return (
          <TimelinessBadge timeliness={facts.timeliness ?? null} daysOverdue={facts.daysOverdue} />
        );
      },
    },
    status: {
      key: "status",
      header: t("task.status"),
      cell: (row) => {
        const { status } = factsOf(row);
        return status && <StatusBadge status={status} />;
      },
    },
    progress: {
      key: "progress",
      header: t("task.progress"),
      cell: (row) => {
        const { progress } = factsOf(row);
        return progress !== undefined && <ProgressLabel value={progress} />;
      },
    },
  };
}
