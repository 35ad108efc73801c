import { Anchor, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { IsoDate } from "../../shared/date.ts";
import type { DeadlineKind } from "../../shared/deadline.ts";
import type { TaskStatus } from "../../shared/task-status.ts";
import type { Timeliness } from "../../shared/timeliness.ts";
import type { TaskListItem } from "../trpc.ts";
import { StatusBadge, TimelinessBadge } from "./badges.tsx";
import { type Column, DataTable } from "./data-table.tsx";
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
  /** How the directive words it ("trong tháng 3/2024", "thường xuyên"…), when known. */
  deadlineKind?: DeadlineKind;
  deadlineDays?: number | null;
  /** The deadline in force (moved off weekends and holidays, or extended). */
  dueOn?: IsoDate | null;
  timeliness?: Timeliness | null;
  daysOverdue?: number;
  status?: TaskStatus;
  progress?: number;
};

/** A task of task.list as the task columns read it. */
export function listItemFacts(task: TaskListItem): TaskFacts {
  return {
    ...task,
    directive: { id: task.directiveId, number: task.directiveNumber },
    lead: task.leadAgency.shortName,
  };
}

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
  const { date, deadline, wording } = useFormatters();
  const column = (
    key: string,
    header: ReactNode,
    show: (facts: TaskFacts) => ReactNode,
    layout: Pick<Column<Row>, "nowrap" | "minWidth"> = {},
  ): Column<Row> => ({ key, header, ...layout, cell: (row) => show(factsOf(row)) });
  const directiveLink = (facts: TaskFacts) => (
    <Anchor component={Link} to={`/directives/${facts.directive.id}`} size="sm">
      {facts.directive.number}
    </Anchor>
  );
  const oneLine = { nowrap: true };
  return {
    directive: column("directive", t("task.directive"), directiveLink, oneLine),
    directiveAndClause: column(
      "directive",
      t("task.directive"),
      (facts) => <WithNote note={facts.clause}>{directiveLink(facts)}</WithNote>,
      oneLine,
    ),
    clause: column("clause", t("task.clause"), (facts) => facts.clause, oneLine),
    title: column("title", t("task.title"), (facts) => <TaskTitle task={facts} />, {
      minWidth: 280,
    }),
    lead: column("lead", t("task.lead"), (facts) => facts.lead),
    deadline: column(
      "deadline",
      t("task.deadline"),
      (facts) =>
        facts.deadlineKind === undefined || facts.deadlineKind === "by_date"
          ? deadline(facts.deadline ?? null)
          : wording({
              kind: facts.deadlineKind,
              deadline: facts.deadline ?? null,
              days: facts.deadlineDays ?? null,
            }),
      oneLine,
    ),
    dueOn: column(
      "dueOn",
      // The short name in the header, the long one on hover and for screen readers' description.
      <span title={t("task.dueOn")}>{t("task.dueOnShort")}</span>,
      ({ dueOn = null, deadline: written = null }) => (
        <WithNote
          note={
            written !== null &&
            written !== dueOn &&
            t("overdue.deadlineWritten", { date: date(written) })
          }
        >
          {deadline(dueOn)}
        </WithNote>
      ),
      oneLine,
    ),
    timeliness: column("timeliness", t("task.timeliness"), (facts) => (
      <TimelinessBadge timeliness={facts.timeliness ?? null} daysOverdue={facts.daysOverdue} />
    )),
    status: column(
      "status",
      t("task.status"),
      ({ status }) => status && <StatusBadge status={status} />,
    ),
    progress: column(
      "progress",
      t("task.progress"),
      ({ progress }) => progress !== undefined && <ProgressLabel value={progress} />,
    ),
  };
}

/** A value with a small dimmed line under it when there is one (the clause under a directive). */
function WithNote({ note, children }: { note: ReactNode; children: ReactNode }) {
  return (
    <>
      {children}
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </>
  );
}

/**
 * The table of a list of tasks: directive, clause, title, lead, deadline (as written, or in force
 * with the written one under it: `deadlineColumn="dueOn"`), timeliness, status and, with
 * `progress`, the progress. `headers` renames columns for a list that means something else by
 * them (the lead agency of the time).
 */
export function TaskListTable<Row extends { id: number }>({
  rows,
  caption,
  factsOf,
  deadlineColumn = "deadline",
  progress = false,
  headers = {},
}: {
  rows: readonly Row[];
  caption: string;
  factsOf: (row: Row) => TaskFacts;
  deadlineColumn?: "deadline" | "dueOn";
  progress?: boolean;
  headers?: Partial<Record<"lead" | "deadline" | "status", string>>;
}) {
  const columns = useTaskColumns(factsOf);
  const named = (column: Column<Row>, header: string | undefined) =>
    header === undefined ? column : { ...column, header };
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      caption={caption}
      minWidth={1000}
      columns={[
        columns.directive,
        columns.clause,
        columns.title,
        named(columns.lead, headers.lead),
        named(columns[deadlineColumn], headers.deadline),
        columns.timeliness,
        named(columns.status, headers.status),
        ...(progress ? [columns.progress] : []),
      ]}
    />
  );
}
