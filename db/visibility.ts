import { type Expression, type SqlBool, sql } from "kysely";
import type { Viewer } from "../shared/permission.ts";
import { integerList } from "./integer-list.ts";

const NOTHING = sql<SqlBool>`1 = 0`;

function idList(ids: readonly number[]) {
  return integerList(ids.map((id) => Math.trunc(id)));
}

/**
 * Written as `task.id IN (…)` rather than a correlated EXISTS, so that every branch of the
 * visibility OR can use an index (the planner then reads only the viewer's tasks).
 */
function coordinatedByAny(ids: readonly number[]) {
  return sql<SqlBool>`${sql.ref("task.id")} IN (SELECT ${sql.ref("taskCoordinator.taskId")}
    FROM ${sql.table("taskCoordinator")} WHERE ${sql.ref("taskCoordinator.agencyId")} IN (${idList(ids)}))`;
}

/**
 * The SQL twin of canSeeTask in shared/permission.ts, as a condition on a query that has the
 * `task` table in scope. Admins see no tasks (they manage accounts only). Written as a plain SQL
 * fragment so that it fits any query shape; ids are integers from the session, never user text.
 */
export function taskVisibleTo(
  viewer: Viewer,
  options: { perRow?: boolean } = {},
): Expression<SqlBool> {
  if (viewer.role === "admin") return NOTHING;
  const own = idList(viewer.ownAgencyIds);
  const scope = idList(viewer.scopeAgencyIds);
  // `perRow`: a check of each row another index has found (the overdue list reads its partial
  // index in order). `+column` (a no-op in SQLite and PostgreSQL) keeps the planner from
  // gathering the viewer's tasks through these columns' indexes instead: for a leader who sees
  // every task, that would read them all.
  const column = (name: string) =>
    options.perRow ? sql`+${sql.ref(`task.${name}`)}` : sql`${sql.ref(`task.${name}`)}`;
  return sql<SqlBool>`(${column("assignerAgencyId")} IN (${own})
    OR ${column("leadAgencyId")} IN (${scope})
    OR ${column("directiveId")} IN (SELECT ${sql.ref("d.id")} FROM ${sql.table("directive")} d
      WHERE ${sql.ref("d.trackingAgencyId")} IN (${own}))
    OR ${column("id")} IN (SELECT ${sql.ref("taskCoordinator.taskId")}
      FROM ${sql.table("taskCoordinator")}
      WHERE ${sql.ref("taskCoordinator.agencyId")} IN (${scope})))`;
}

/** Tasks assigned to or by the viewer's own agency ("my tasks"), without the units under it. */
export function taskConcerns(viewer: Viewer): Expression<SqlBool> {
  if (viewer.role === "admin") return NOTHING;
  const own = idList(viewer.ownAgencyIds);
  return sql<SqlBool>`(${sql.ref("task.assignerAgencyId")} IN (${own})
    OR ${sql.ref("task.leadAgencyId")} IN (${own})
    OR ${coordinatedByAny(viewer.ownAgencyIds)})`;
}

/** Tasks the viewer's own agency leads or coordinates: what it owes (reports, the work itself). */
export function taskOwedBy(viewer: Viewer): Expression<SqlBool> {
  if (viewer.role === "admin" || viewer.ownAgencyIds.length === 0) return NOTHING;
  return sql<SqlBool>`(${sql.ref("task.leadAgencyId")} IN (${idList(viewer.ownAgencyIds)})
    OR ${coordinatedByAny(viewer.ownAgencyIds)})`;
}

/** Tasks the viewer's own agency assigned (whose completion it confirms). */
export function taskAssignedBy(viewer: Viewer): Expression<SqlBool> {
  if (viewer.role === "admin" || viewer.ownAgencyIds.length === 0) return NOTHING;
  return sql<SqlBool>`${sql.ref("task.assignerAgencyId")} IN (${idList(viewer.ownAgencyIds)})`;
}

/** Tasks the viewer's own agency follows up: it assigned them or tracks their directive. */
export function taskFollowedBy(viewer: Viewer): Expression<SqlBool> {
  if (viewer.role === "admin" || viewer.ownAgencyIds.length === 0) return NOTHING;
  const own = idList(viewer.ownAgencyIds);
  return sql<SqlBool>`(${sql.ref("task.assignerAgencyId")} IN (${own})
    OR ${sql.ref("task.directiveId")} IN (SELECT ${sql.ref("d.id")} FROM ${sql.table("directive")} d
      WHERE ${sql.ref("d.trackingAgencyId")} IN (${own})))`;
}

/** Directives the viewer's agency tracks, or in which the viewer can see at least one task. */
export function directiveVisibleTo(viewer: Viewer): Expression<SqlBool> {
  if (viewer.role === "admin") return NOTHING;
  return sql<SqlBool>`(${sql.ref("directive.trackingAgencyId")} IN (${idList(viewer.ownAgencyIds)})
    OR EXISTS (SELECT 1 FROM ${sql.table("task")} WHERE ${sql.ref("task.directiveId")} = ${sql.ref(
      "directive.id",
    )} AND ${taskVisibleTo(viewer)}))`;
}

/**
 * taskVisibleTo judged on a task state of the time (alias `state`, with `directive` joined):
 * its assigning, lead and coordinating agencies then, so that as-of figures show a viewer only
 * what it could see on that day, whatever changed since.
 */
export function stateVisibleTo(viewer: Viewer, state: string): Expression<SqlBool> {
  if (viewer.role === "admin") return NOTHING;
  const own = idList(viewer.ownAgencyIds);
  const scope = idList(viewer.scopeAgencyIds);
  return sql<SqlBool>`(${sql.ref(`${state}.assignerAgencyId`)} IN (${own})
    OR ${sql.ref(`${state}.leadAgencyId`)} IN (${scope})
    OR ${sql.ref("directive.trackingAgencyId")} IN (${own})
    OR ${sql.ref(`${state}.id`)} IN (SELECT ${sql.ref("c.stateId")}
      FROM ${sql.table("taskStateCoordinator")} c WHERE ${sql.ref("c.agencyId")} IN (${scope})))`;
}

/**
 * stateVisibleTo for a viewer none of whose agencies tracks a directive (a province, a
 * corporation): the same states, as the states of its lead, assigning and coordinating agencies,
 * each found through an index (migration 0014), instead of a test on every state.
 */
export function stateReachedBy(viewer: Viewer, state: string): Expression<SqlBool> {
  if (viewer.role === "admin") return NOTHING;
  const own = idList(viewer.ownAgencyIds);
  const scope = idList(viewer.scopeAgencyIds);
  return sql<SqlBool>`${sql.ref(`${state}.id`)} IN (
    SELECT ${sql.ref("r.id")} FROM ${sql.table("taskState")} r WHERE ${sql.ref("r.leadAgencyId")} IN (${scope})
    UNION ALL SELECT ${sql.ref("r.id")} FROM ${sql.table("taskState")} r WHERE ${sql.ref("r.assignerAgencyId")} IN (${own})
    UNION ALL SELECT ${sql.ref("c.stateId")} FROM ${sql.table("taskStateCoordinator")} c WHERE ${sql.ref("c.agencyId")} IN (${scope}))`;
}
