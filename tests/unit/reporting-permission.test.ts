import { describe, expect, it } from "vitest";
import type { TaskAccessFacts, Viewer } from "../../shared/permission.ts";
import {
  canComment,
  canDecideExtension,
  canDownloadEvidence,
  canFileReport,
  canReportCompletion,
  canRequestExtension,
  canSeeMissingReports,
  canSetReportDuty,
  reportingAgency,
} from "../../shared/reporting-permission.ts";
import type { TaskStatus } from "../../shared/task-status.ts";
import type { Role } from "../../shared/user.ts";

// Agencies: 1 the ministry (assigns and tracks), 2 the lead province, 3 a coordinating agency,
// 4 a unit under the province, 5 an unrelated agency, 6 a province merged into 2.
const MINISTRY = 1;
const LEAD = 2;
const COORDINATOR = 3;
const UNIT = 4;
const OTHER = 5;

let nextUserId = 1;
function viewer(role: Role, agencyId: number, extra: { own?: number[]; scope?: number[] } = {}) {
  const own = extra.own ?? [agencyId];
  return {
    userId: nextUserId++,
    role,
    agencyId,
    ownAgencyIds: own,
    scopeAgencyIds: extra.scope ?? own,
  } satisfies Viewer;
}

function task(status: TaskStatus = "in_progress", deadline: string | null = "2026-12-31") {
  return {
    assignerAgencyId: MINISTRY,
    trackingAgencyId: MINISTRY,
    leadAgencyId: LEAD,
    coordinatorAgencyIds: [COORDINATOR],
    status,
    deadline,
  } satisfies TaskAccessFacts & { deadline: string | null };
}

const officer = viewer("officer", MINISTRY);
const leader = viewer("leader", MINISTRY);
const leadReporter = viewer("reporter", LEAD);
const coordinatorReporter = viewer("reporter", COORDINATOR);
const outsider = viewer("officer", OTHER);
const admin = viewer("admin", MINISTRY);

describe("who reports for a task", () => {
  it("records the lead agency for its own users, the coordinating agency for its users", () => {
    expect(reportingAgency(leadReporter, task())).toEqual({ agencyId: LEAD, role: "lead" });
    expect(reportingAgency(coordinatorReporter, task())).toEqual({
      agencyId: COORDINATOR,
      role: "coordinator",
    });
  });

  it("lets a successor report under the merged agency's name", () => {
    const successor = viewer("reporter", 7, { own: [7, LEAD] });
    expect(reportingAgency(successor, task())).toEqual({ agencyId: LEAD, role: "lead" });
  });

  it("gives the assigning agency, a unit under the lead, outsiders and admins no reporting role", () => {
    const unit = viewer("reporter", UNIT);
    const provinceSeeingUnit = viewer("officer", LEAD, { scope: [LEAD, UNIT] });
    expect(reportingAgency(officer, task())).toBeNull();
    expect(reportingAgency(unit, { ...task(), leadAgencyId: LEAD })).toBeNull();
    expect(reportingAgency(outsider, task())).toBeNull();
    expect(reportingAgency(admin, { ...task(), leadAgencyId: MINISTRY })).toBeNull();
    expect(reportingAgency(provinceSeeingUnit, { ...task(), leadAgencyId: UNIT })).toBeNull();
  });

  it("takes progress reports only while the task is being worked on", () => {
    for (const status of ["not_started", "in_progress"] as const) {
      expect(canFileReport(leadReporter, task(status))).toBe(true);
      expect(canFileReport(coordinatorReporter, task(status))).toBe(true);
    }
    for (const status of ["reported_done", "completed", "cancelled"] as const) {
      expect(canFileReport(leadReporter, task(status))).toBe(false);
    }
    expect(canFileReport(officer, task())).toBe(false);
  });
});

describe("reporting a task done", () => {
  it("is for the lead agency only, never a coordinating agency", () => {
    expect(canReportCompletion(leadReporter, task())).toBe(true);
    expect(canReportCompletion(leadReporter, task("not_started"))).toBe(true);
    expect(canReportCompletion(coordinatorReporter, task())).toBe(false);
    expect(canReportCompletion(officer, task())).toBe(false);
  });

  it("is not possible twice, nor on a closed task", () => {
    for (const status of ["reported_done", "completed", "cancelled"] as const) {
      expect(canReportCompletion(leadReporter, task(status))).toBe(false);
    }
  });
});

describe("report duties and the missing-reports overview", () => {
  it("lets only officers of the assigning agency set a duty, on an open task", () => {
    expect(canSetReportDuty(officer, task())).toBe(true);
    expect(canSetReportDuty(officer, task("completed"))).toBe(false);
    expect(canSetReportDuty(leader, task())).toBe(false);
    expect(canSetReportDuty(leadReporter, task())).toBe(false);
    expect(canSetReportDuty(outsider, task())).toBe(false);
  });

  it("shows missing reports to officers, leaders and reporters (their own part), not to admins", () => {
    expect(canSeeMissingReports(officer)).toBe(true);
    expect(canSeeMissingReports(leader)).toBe(true);
    expect(canSeeMissingReports(leadReporter)).toBe(true);
    expect(canSeeMissingReports(admin)).toBe(false);
  });
});

describe("deadline extensions", () => {
  it("lets the lead agency ask, on a task with a deadline that is being worked on", () => {
    expect(canRequestExtension(leadReporter, task())).toBe(true);
    expect(canRequestExtension(leadReporter, task("in_progress", null))).toBe(false);
    expect(canRequestExtension(leadReporter, task("reported_done"))).toBe(false);
    expect(canRequestExtension(coordinatorReporter, task())).toBe(false);
    expect(canRequestExtension(officer, task())).toBe(false);
  });

  it("lets officers of the assigning agency decide a pending request", () => {
    const request = { requestedBy: leadReporter.userId, status: "pending" as const };
    expect(canDecideExtension(officer, task(), request)).toBe(true);
    expect(canDecideExtension(officer, task("reported_done"), request)).toBe(true);
    expect(canDecideExtension(leader, task(), request)).toBe(false);
    expect(canDecideExtension(leadReporter, task(), request)).toBe(false);
    expect(canDecideExtension(officer, task(), { ...request, status: "approved" })).toBe(false);
    expect(canDecideExtension(officer, task("completed"), request)).toBe(false);
  });

  it("never lets the person who asked decide, even as an officer of the assigning agency", () => {
    const ownTask = { ...task(), leadAgencyId: MINISTRY };
    const request = { requestedBy: officer.userId, status: "pending" as const };
    expect(canRequestExtension(officer, ownTask)).toBe(true);
    expect(canDecideExtension(officer, ownTask, request)).toBe(false);
    const colleague = viewer("officer", MINISTRY);
    expect(canDecideExtension(colleague, ownTask, request)).toBe(true);
  });
});

describe("comments and evidence files", () => {
  it("lets everyone who sees the task comment, and no one else", () => {
    expect(canComment(coordinatorReporter, task())).toBe(true);
    expect(canComment(leader, task())).toBe(true);
    expect(canComment(outsider, task())).toBe(false);
  });

  it("serves a pending file only to its uploader, an attached one to those who see the task", () => {
    const file = { uploadedBy: leadReporter.userId };
    expect(canDownloadEvidence(leadReporter, file, null)).toBe(true);
    expect(canDownloadEvidence(officer, file, null)).toBe(false);
    expect(canDownloadEvidence(officer, file, task())).toBe(true);
    expect(canDownloadEvidence(coordinatorReporter, file, task())).toBe(true);
    expect(canDownloadEvidence(outsider, file, task())).toBe(false);
  });
});
