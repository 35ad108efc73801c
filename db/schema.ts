import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { AgencyKind } from "../shared/agency.ts";
import type { CalendarDayKind } from "../shared/calendar.ts";
import type { DeadlineKind } from "../shared/deadline.ts";
import type { DirectiveType } from "../shared/directive.ts";
import type { ExtensionStatus } from "../shared/extension.ts";
import type { InboxSeenKind } from "../shared/inbox.ts";
import type { ReportAgencyRole, ReportDutyKind, ReportKind } from "../shared/report.ts";
import type { TaskEventKind } from "../shared/task-event.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import type { DigestMode, NotificationKind } from "../shared/urge.ts";
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
/** Membership of a group, valid from/to (null: open end); a merger changes a group's members. */
export type AgencyGroupMemberTable = {
  groupId: number;
  agencyId: number;
  validFrom: ColumnType<string | null, string | null | undefined, string | null>;
  validTo: ColumnType<string | null, string | null | undefined, string | null>;
};

/** Every successor of an agency (several when it was split); agency.successorId is the default. */
export type AgencySuccessionTable = { agencyId: number; successorId: number };

/** An earlier name of an agency, valid until `validTo`; agency.name is the present name. */
export type AgencyNameTable = {
  id: Generated<number>;
  agencyId: number;
  name: string;
  shortName: string;
  nameEn: ColumnType<string, string | undefined, string>;
  validFrom: string | null;
  validTo: string;
};

export type AppUserTable = {
  id: Generated<number>;
  username: string;
  passwordHash: string;
  fullName: string;
  agencyId: number;
  role: Role;
  isActive: ColumnType<Flag, Flag | undefined, Flag>;
  createdAt: string;
  /** A one-time password set by an administrator: to be changed at the next sign-in. */
  mustChangePassword: ColumnType<Flag, Flag | undefined, Flag>;
  /** Base32 TOTP secret once the second factor is enabled. */
  totpSecret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The secret being set up, until the user proves it with a code. */
  totpPendingSecret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totpLastStep: ColumnType<number | null, number | null | undefined, number | null>;
  /** Where digests go (null: no mail). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  digestMode: ColumnType<DigestMode, DigestMode | undefined, DigestMode>;
  /** The hour (Vietnam time) the daily digest goes. */
  digestHour: ColumnType<number, number | undefined, number>;
};

export type SessionTable = { id: string; userId: number; createdAt: string; expiresAt: string };

/** A sign-in attempt that counts against the throttle (deleted when the attempt succeeds). */
export type LoginFailureTable = {
  id: Generated<number>;
  at: string;
  address: string;
  username: string;
};

/** One-time recovery codes of the second factor, by their SHA-256. */
export type RecoveryCodeTable = { userId: number; codeHash: string; usedAt: string | null };

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
  /** Which successor follows the task up when its lead agency was split (null: the default). */
  successorAgencyId: ColumnType<number | null, number | null | undefined, number | null>;
  /** How the directive words the deadline (shared/deadline.ts). */
  deadlineKind: ColumnType<DeadlineKind, DeadlineKind | undefined, DeadlineKind>;
  /** For "N ngày làm việc kể từ ngày ký": N. */
  deadlineDays: ColumnType<number | null, number | null | undefined, number | null>;
};

/**
 * The task's timeliness-relevant state from `validFrom` to `validTo` (null: its present state);
 * append-only but for closing a state once, when the next one starts.
 */
export type TaskStateTable = {
  id: Generated<number>;
  taskId: number;
  validFrom: string;
  validTo: ColumnType<string | null, string | null | undefined, string>;
  directiveId: number;
  parentId: number | null;
  leadAgencyId: number;
  assignerAgencyId: number;
  successorAgencyId: ColumnType<number | null, number | null | undefined, number | null>;
  deadlineKind: ColumnType<DeadlineKind, DeadlineKind | undefined, DeadlineKind>;
  isKey: Flag;
  status: TaskStatus;
  deadline: string | null;
  dueOn: string | null;
  originalDueOn: string | null;
  doneOn: string | null;
  progress: number;
};

export type TaskCoordinatorTable = { taskId: number; agencyId: number };
/** The coordinating agencies of a task state (of the time). */
export type TaskStateCoordinatorTable = { stateId: number; agencyId: number };

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
  /** The report a progress change came with (null: changed without a report). */
  reportId: ColumnType<number | null, number | null | undefined, never>;
};

export type AuditLogTable = {
  id: Generated<number>;
  actorId: number | null;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  detail: string;
  /** The client's address (null for the command line and jobs). */
  address: ColumnType<string | null, string | null | undefined, never>;
  /** The agency the entry concerns, whose leaders read it. */
  agencyId: ColumnType<number | null, number | null | undefined, never>;
};

/** The report duty of a task (one per task): monthly or quarterly by a day, or once by a date. */
export type TaskReportDutyTable = {
  taskId: number;
  kind: ReportDutyKind;
  day: number | null;
  startsOn: string | null;
  dueDate: string | null;
  setBy: number | null;
  setAt: string;
};

/** Progress and completion reports; append-only (a correction is a new row). */
export type TaskReportTable = {
  id: Generated<number>;
  taskId: number;
  kind: ReportKind;
  agencyId: number;
  agencyRole: ReportAgencyRole;
  periodKey: string | null;
  periodDueOn: string | null;
  summary: string;
  progress: number;
  difficulties: string;
  proposals: string;
  nextSteps: string;
  documentNumber: string | null;
  documentDate: string | null;
  correctsId: number | null;
  /** Why the report puts the progress below where it was ('' when it does not). */
  progressLoweredReason: ColumnType<string, string | undefined, never>;
  createdBy: number;
  createdAt: string;
};

export type TaskCommentTable = {
  id: Generated<number>;
  taskId: number;
  authorId: number;
  agencyId: number;
  body: string;
  createdAt: string;
};
export type CommentMentionTable = { commentId: number; agencyId: number };

/** An uploaded file: pending (taskId null) until attached to a report or a comment. */
export type EvidenceFileTable = {
  id: Generated<number>;
  storageKey: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: number;
  uploadedAt: string;
  taskId: number | null;
  reportId: number | null;
  commentId: number | null;
  attachedAt: string | null;
};

export type TaskExtensionTable = {
  id: Generated<number>;
  taskId: number;
  requestedBy: number;
  requestedAt: string;
  agencyId: number;
  currentDeadline: string;
  requestedDeadline: string;
  reason: string;
  status: ColumnType<ExtensionStatus, ExtensionStatus | undefined, ExtensionStatus>;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: ColumnType<string, string | undefined, string>;
  approvedDeadline: string | null;
};

/** An item a user has marked as seen in their inbox; append-only. */
export type InboxSeenTable = {
  userId: number;
  kind: InboxSeenKind;
  itemId: number;
  seenAt: string;
};

/** A year whose days off and make-up days were entered. */
export type CalendarYearTable = { year: number; enteredBy: number | null; enteredAt: string };

/** An exception to "Monday to Friday" in a year with a calendar. */
export type CalendarDayTable = {
  day: string;
  year: number;
  kind: CalendarDayKind;
  note: ColumnType<string, string | undefined, string>;
};

/** When a tracking agency's tasks are reminded and escalated (no row: the defaults). */
export type UrgingRuleTable = {
  trackingAgencyId: number;
  /** Working days before the deadline, comma-separated ("7,3,1"). */
  beforeDeadline: string;
  overdueEvery: number;
  periodBefore: number;
  confirmationAfter: number;
  escalateLeadAfter: number;
  escalateTrackingAfter: number;
  updatedBy: number | null;
  updatedAt: string;
};

/** An officer's urge of several tasks, by its agency. */
export type UrgeTable = {
  id: Generated<number>;
  actorId: number;
  agencyId: number;
  at: string;
  message: string;
  replyBy: string;
};

/** The urging letter of an urge to one lead agency (.docx bytes). */
export type UrgeLetterTable = {
  id: Generated<number>;
  urgeId: number;
  agencyId: number;
  filename: string;
  content: Buffer;
};

export type UrgeTaskTable = { urgeId: number; taskId: number; letterId: number };

/** What a user has been told (the bell). */
export type NotificationTable = {
  id: Generated<number>;
  userId: number;
  kind: NotificationKind;
  taskId: number;
  urgeId: ColumnType<number | null, number | null | undefined, never>;
  /** Days before or overdue, as the kind says. */
  days: ColumnType<number | null, number | null | undefined, never>;
  /** A date the kind mentions (the reply date of an urge). */
  onDay: ColumnType<string | null, string | null | undefined, never>;
  createdAt: string;
  readAt: ColumnType<string | null, string | null | undefined, string>;
  /** The digest that carried it by e-mail. */
  outboxId: ColumnType<number | null, number | null | undefined, number>;
};

/** A mail to send (a user's digest of a day), with its attempts. */
export type OutboxTable = {
  id: Generated<number>;
  userId: number;
  digestDay: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: string;
  sentAt: ColumnType<string | null, string | null | undefined, string | null>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
};

/** What the reminder job sent: one row per (rule, task, period, recipient, day). */
export type SendLogTable = {
  rule: string;
  taskId: number;
  period: string;
  recipientId: number;
  day: string;
  at: string;
};

/** The counts kept per bucket (migration 0008): deltas of a day, or a month's checkpoint. */
type KeptCounts = {
  basis: "in_force" | "original";
  trackingAgencyId: number;
  leadAgencyId: number;
  /** 0: none chosen. */
  successorAgencyId: number;
  /** 1: a task of the directive; 0: a breakdown. */
  top: Flag;
  isKey: Flag;
  completedOnTime: number;
  completedLate: number;
  inDeadline: number;
  dueSoon: number;
  overdueOpen: number;
  overdueReported: number;
  noDeadline: number;
  continuing: number;
  awaiting: number;
  cancelled: number;
  reportedLateDays: number;
  openDueDays: number;
};
export type StatDayTable = KeptCounts & { day: string };
export type StatMonthTable = KeptCounts & { month: string };
export type StatCheckpointTable = { month: string };
/** Agencies that reached a task as its assigner or a coordinator (migration 0008). */
export type StatReachTable = {
  via: "assigner" | "coordinator";
  agencyId: number;
  trackingAgencyId: number;
  leadAgencyId: number;
};

export type Database = {
  calendarYear: CalendarYearTable;
  calendarDay: CalendarDayTable;
  agency: AgencyTable;
  agencyGroup: AgencyGroupTable;
  agencyGroupMember: AgencyGroupMemberTable;
  agencySuccession: AgencySuccessionTable;
  agencyName: AgencyNameTable;
  appUser: AppUserTable;
  session: SessionTable;
  loginFailure: LoginFailureTable;
  recoveryCode: RecoveryCodeTable;
  directive: DirectiveTable;
  task: TaskTable;
  taskCoordinator: TaskCoordinatorTable;
  taskState: TaskStateTable;
  taskStateCoordinator: TaskStateCoordinatorTable;
  taskEvent: TaskEventTable;
  auditLog: AuditLogTable;
  taskReportDuty: TaskReportDutyTable;
  taskReport: TaskReportTable;
  taskComment: TaskCommentTable;
  commentMention: CommentMentionTable;
  evidenceFile: EvidenceFileTable;
  taskExtension: TaskExtensionTable;
  inboxSeen: InboxSeenTable;
  urgingRule: UrgingRuleTable;
  urge: UrgeTable;
  urgeLetter: UrgeLetterTable;
  urgeTask: UrgeTaskTable;
  notification: NotificationTable;
  sendLog: SendLogTable;
  outbox: OutboxTable;
  statDay: StatDayTable;
  statMonth: StatMonthTable;
  statCheckpoint: StatCheckpointTable;
  statReach: StatReachTable;
};

export type AgencyRow = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type TaskRow = Selectable<TaskTable>;
export type NewTaskEvent = Insertable<TaskEventTable>;
