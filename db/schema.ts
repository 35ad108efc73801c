import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { AgencyKind } from "../shared/agency.ts";
import type { DirectiveType } from "../shared/directive.ts";
import type { TaskEventKind } from "../shared/task-event.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import type { Role } from "../shared/user.ts";

/**
 * The tables as Kysely sees them through CamelCasePlugin (agency_group_member ↔ agencyGroupMember).
 * Booleans are 0/1 integers, dates ISO text, instants ISO text in UTC.
 */
type Flag = 0 | 1;

export type AgencyTable = {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  kind: AgencyKind;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
  searchText: string;
};

export type AgencyGroupTable = {
  id: Generated<number>;
  code: string;
  name: string;
  nameEn: string;
};
export type AgencyGroupMemberTable = { groupId: number; agencyId: number };

export type AppUserTable = {
  id: Generated<number>;
  username: string;
  passwordHash: string;
  fullName: string;
  agencyId: number;
  role: Role;
  isActive: ColumnType<Flag, Flag | undefined, Flag>;
  createdAt: string;
};

export type SessionTable = { id: string; userId: number; createdAt: string; expiresAt: string };

export type DirectiveTable = {
  id: Generated<number>;
  type: DirectiveType;
  number: string;
  issuer: string;
  issuedOn: string;
  issueYear: number;
  title: string;
  summary: string;
  fullText: string;
  trackingAgencyId: number;
  isDemo: ColumnType<Flag, Flag | undefined, Flag>;
  searchText: string;
  version: ColumnType<number, number | undefined, number>;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type TaskTable = {
  id: Generated<number>;
  directiveId: number;
  parentId: number | null;
  clause: string;
  title: string;
  description: string;
  leadAgencyId: number;
  assignerAgencyId: number;
  deadline: string | null;
  dueOn: string | null;
  /** The deadline as first assigned, before any extension (null for ongoing tasks). */
  originalDeadline: ColumnType<string | null, string | null | undefined, string | null>;
  originalDueOn: ColumnType<string | null, string | null | undefined, string | null>;
  isKey: Flag;
  status: TaskStatus;
  progress: ColumnType<number, number | undefined, number>;
  doneOn: string | null;
  lastProgressAt: string | null;
  lastProgressNote: ColumnType<string, string | undefined, string>;
  isDemo: ColumnType<Flag, Flag | undefined, Flag>;
  searchText: string;
  version: ColumnType<number, number | undefined, number>;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

/** The task's timeliness-relevant state from `validFrom` on; append-only. */
export type TaskStateTable = {
  id: Generated<number>;
  taskId: number;
  validFrom: string;
  directiveId: number;
  parentId: number | null;
  leadAgencyId: number;
  isKey: Flag;
  status: TaskStatus;
  deadline: string | null;
  dueOn: string | null;
  originalDueOn: string | null;
  doneOn: string | null;
  progress: number;
};

/** Days numbered from 1970-01-01 (n = 0), for date differences in plain SQL. */
export type CalendarDayTable = { day: string; n: number };

export type TaskCoordinatorTable = { taskId: number; agencyId: number };

export type TaskEventTable = {
  id: Generated<number>;
  taskId: number;
  actorId: number | null;
  at: string;
  kind: TaskEventKind;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: ColumnType<string, string | undefined, never>;
};

export type AuditLogTable = {
  id: Generated<number>;
  actorId: number | null;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  detail: string;
};

export type Database = {
  agency: AgencyTable;
  agencyGroup: AgencyGroupTable;
  agencyGroupMember: AgencyGroupMemberTable;
  appUser: AppUserTable;
  session: SessionTable;
  directive: DirectiveTable;
  task: TaskTable;
  taskCoordinator: TaskCoordinatorTable;
  taskState: TaskStateTable;
  calendarDay: CalendarDayTable;
  taskEvent: TaskEventTable;
  auditLog: AuditLogTable;
};

export type AgencyRow = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type TaskRow = Selectable<TaskTable>;
export type NewTaskEvent = Insertable<TaskEventTable>;
