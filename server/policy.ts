import type { Role } from "../shared/user.ts";

/**
 * Who may call each procedure: one line per procedure of the router, checked by a test that walks
 * the whole router (tests/api/policy.test.ts) and fails when a procedure has no line here, or
 * when a procedure lets in someone its line does not.
 * - public: anyone, signed in or not;
 * - account: signed in, even with an account step pending (a one-time password to change, an
 *   administrator's second factor to turn on), for the procedures that do those steps;
 * - signed_in: signed in with no step pending; what they may do with each object is then decided
 *   by the shared rules (shared/permission.ts, shared/reporting-permission.ts): NOT_FOUND for
 *   what they may not see;
 * - a list of roles: signed in with one of them.
 * `selfAudited`: the procedure's domain action writes its own audit rows (accounts, sign-ins),
 * so the request log (server/trpc.ts) records only its refusals.
 */
export type Access = "public" | "account" | "signed_in" | readonly Role[];
export type Policy = { access: Access; selfAudited?: true };

const ADMIN = ["admin"] as const satisfies readonly Role[];

export const POLICY: Readonly<Record<string, Policy>> = {
  "auth.login": { access: "public", selfAudited: true },
  "auth.me": { access: "public" },
  "auth.mode": { access: "public" },
  "auth.logout": { access: "account", selfAudited: true },
  "auth.logoutEverywhere": { access: "account", selfAudited: true },
  "auth.changePassword": { access: "account", selfAudited: true },
  "auth.startSecondFactor": { access: "account" },
  "auth.enableSecondFactor": { access: "account", selfAudited: true },
  "auth.disableSecondFactor": { access: "account", selfAudited: true },

  "inbox.view": { access: "signed_in" },
  "inbox.count": { access: "signed_in" },
  "inbox.markSeen": { access: "signed_in" },

  "agency.search": { access: "signed_in" },
  "agency.byIds": { access: "signed_in" },
  "agency.groups": { access: "signed_in" },

  "directive.list": { access: "signed_in" },
  "directive.byId": { access: "signed_in" },
  "directive.create": { access: "signed_in", selfAudited: true },
  "directive.update": { access: "signed_in", selfAudited: true },

  "task.list": { access: "signed_in" },
  "task.counts": { access: "signed_in" },
  "task.byId": { access: "signed_in" },
  "task.subTasks": { access: "signed_in" },
  "task.create": { access: "signed_in" },
  "task.update": { access: "signed_in" },
  "task.setStatus": { access: "signed_in" },
  "task.setProgress": { access: "signed_in" },
  "task.addNote": { access: "signed_in" },
  "task.setSuccessor": { access: "signed_in" },

  "report.setDuty": { access: "signed_in" },
  "report.list": { access: "signed_in" },
  "report.create": { access: "signed_in" },
  "report.complete": { access: "signed_in" },
  "report.missing": { access: "signed_in" },

  "extension.request": { access: "signed_in", selfAudited: true },
  "extension.decide": { access: "signed_in", selfAudited: true },
  "extension.list": { access: "signed_in" },
  "extension.pending": { access: "signed_in" },

  "comment.list": { access: "signed_in" },
  "comment.create": { access: "signed_in" },

  "calendar.get": { access: "signed_in" },
  "calendar.setYear": { access: ADMIN, selfAudited: true },

  "user.list": { access: ADMIN },
  "user.create": { access: ADMIN, selfAudited: true },
  "user.update": { access: ADMIN, selfAudited: true },
  "user.setActive": { access: ADMIN, selfAudited: true },
  "user.resetPassword": { access: ADMIN, selfAudited: true },
  "user.resetSecondFactor": { access: ADMIN, selfAudited: true },
  "user.preferences": { access: "signed_in" },
  "user.setPreferences": { access: "signed_in", selfAudited: true },

  "audit.list": { access: ["admin", "leader"] },

  "statistic.summary": { access: "signed_in" },
  "statistic.byAgency": { access: "signed_in" },
  "statistic.trend": { access: "signed_in" },
  "statistic.tasks": { access: "signed_in" },
  "statistic.overdue": { access: "signed_in" },
  "statistic.report": { access: "signed_in" },

  "urge.send": { access: ["officer", "leader"] },
  "urge.letter": { access: "signed_in" },
  "urge.rule": { access: ["officer", "leader"] },
  "urge.setRule": { access: ["officer"], selfAudited: true },

  "notification.count": { access: "signed_in" },
  "notification.list": { access: "signed_in" },
  "notification.markRead": { access: "signed_in" },
  "outbox.list": { access: ADMIN },

  "export.start": { access: "signed_in", selfAudited: true },
  "export.status": { access: "signed_in" },
};

export function policyOf(path: string): Policy | undefined {
  return POLICY[path];
}
