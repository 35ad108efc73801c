import { describe, expect, it } from "vitest";
import {
  allowedTargets,
  checkTransition,
  TASK_ACTORS,
  TASK_STATUSES,
  type TaskActor,
  type TaskStatus,
} from "../../shared/task-status.ts";

/** The workflow written out as a table: from → to → who may. Anything not listed is refused. */
const EXPECTED: Record<string, readonly TaskActor[]> = {
  "not_started→in_progress": ["lead", "assigner_officer"],
  "not_started→reported_done": ["lead"],
  "in_progress→reported_done": ["lead"],
  "reported_done→completed": ["assigner_officer", "assigner_leader", "tracking_leader"],
  "reported_done→in_progress": ["assigner_officer", "tracking_leader"],
  "not_started→cancelled": ["assigner_officer"],
  "in_progress→cancelled": ["assigner_officer"],
  "reported_done→cancelled": ["assigner_officer"],
  "cancelled→not_started": ["assigner_officer"],
};
const NOTE_REQUIRED = new Set([
  "reported_done→in_progress",
  "not_started→cancelled",
  "in_progress→cancelled",
  "reported_done→cancelled",
  "cancelled→not_started",
]);

const pairs = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));

describe("status transitions, every pair of statuses and every actor", () => {
  it.each(pairs)("%s → %s", (from: TaskStatus, to: TaskStatus) => {
    const key = `${from}→${to}`;
    const allowedActors = EXPECTED[key] ?? [];
    for (const actor of TASK_ACTORS) {
      const result = checkTransition(from, to, new Set([actor]), "lý do", "completion_report");
      if (from === to) {
        expect(result).toEqual({ ok: false, reason: "same_status" });
      } else if (!(key in EXPECTED)) {
        expect(result).toEqual({ ok: false, reason: "not_allowed" });
      } else if (allowedActors.includes(actor)) {
        expect(result.ok).toBe(true);
      } else {
        expect(result).toEqual({ ok: false, reason: "forbidden" });
      }
    }
    // Nobody at all: always refused.
    expect(checkTransition(from, to, new Set(), "lý do").ok).toBe(false);
  });

  it.each([...NOTE_REQUIRED])("%s needs a reason", (key) => {
    const [from, to] = pairs.find(([f, t]) => `${f}→${t}` === key) ?? [];
    if (!from || !to) throw new Error(key);
    const actors = new Set<TaskActor>(["assigner_officer", "assigner_leader"]);
    expect(checkTransition(from, to, actors, "  ")).toEqual({ ok: false, reason: "note_required" });
    expect(checkTransition(from, to, actors, "Thiếu hồ sơ").ok).toBe(true);
  });

  it("needs no reason for the forward steps", () => {
    const lead = new Set<TaskActor>(["lead"]);
    expect(checkTransition("in_progress", "reported_done", lead, "", "completion_report").ok).toBe(
      true,
    );
    const officer = new Set<TaskActor>(["assigner_officer"]);
    expect(checkTransition("reported_done", "completed", officer, "").ok).toBe(true);
  });

  it("offers each actor exactly the targets of the table", () => {
    for (const from of TASK_STATUSES) {
      for (const actor of TASK_ACTORS) {
        const expected = TASK_STATUSES.filter((to) =>
          (EXPECTED[`${from}→${to}`] ?? []).includes(actor),
        );
        expect(allowedTargets(from, new Set([actor])).sort()).toEqual([...expected].sort());
      }
    }
  });

  it("lets a completed task go nowhere", () => {
    const everyone = new Set<TaskActor>(TASK_ACTORS);
    expect(allowedTargets("completed", everyone)).toEqual([]);
  });
});

describe("reporting done goes through the completion report", () => {
  it.each(["not_started", "in_progress"] as const)(
    "refuses %s → reported_done by a plain status change",
    (from) => {
      const lead = new Set<TaskActor>(["lead"]);
      expect(checkTransition(from, "reported_done", lead, "Xong")).toEqual({
        ok: false,
        reason: "completion_report_required",
      });
      // The browser still offers it: as the completion report.
      expect(allowedTargets(from, lead)).toContain("reported_done");
    },
  );
});

describe("four eyes on confirming and returning", () => {
  const REVIEWS = [
    ["reported_done", "completed"],
    ["reported_done", "in_progress"],
  ] as const;
  const check = (to: TaskStatus, actors: readonly TaskActor[]) =>
    checkTransition("reported_done", to, new Set(actors), "Chưa đủ hồ sơ.");

  it.each(REVIEWS)("%s → %s: never by whoever reported it, whatever else they are", (_, to) => {
    for (const actor of ["assigner_officer", "assigner_leader", "tracking_leader"] as const) {
      if (!check(to, [actor]).ok) continue;
      expect(check(to, [actor, "done_reporter"])).toEqual({ ok: false, reason: "four_eyes" });
      expect(allowedTargets("reported_done", new Set([actor, "done_reporter"]))).not.toContain(to);
    }
  });

  it.each(REVIEWS)("%s → %s: not by the assigning agency when it led the task itself", (_, to) => {
    expect(check(to, ["assigner_officer", "lead"])).toEqual({ ok: false, reason: "four_eyes" });
    expect(allowedTargets("reported_done", new Set(["assigner_officer", "lead"]))).toEqual([
      "cancelled",
    ]);
  });

  it.each(REVIEWS)(
    "%s → %s: by the tracking agency's leader, even when the ministry led it",
    (_, to) => {
      expect(check(to, ["tracking_leader", "lead"]).ok).toBe(true);
      expect(check(to, ["tracking_leader", "lead", "done_reporter"])).toEqual({
        ok: false,
        reason: "four_eyes",
      });
    },
  );

  it("leaves cancelling to the assigning officer, as before", () => {
    expect(check("cancelled", ["assigner_officer", "lead", "done_reporter"]).ok).toBe(true);
  });
});
