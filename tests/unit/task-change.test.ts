import { describe, expect, it } from "vitest";
import type { TaskFacts } from "../../db/task.ts";
import {
  deadlineExtension,
  editChange,
  progressChange,
  statusChange,
  type TaskEdit,
} from "../../server/domain/task-change.ts";

/** 01/04/2024 00:30 in Hà Nội, still 31/03 in UTC (the process runs in UTC). */
const NOW = new Date("2024-03-31T17:30:00.000Z");
const AT = NOW.toISOString();
const BY = { actorId: 7, now: NOW };
const BASE = { taskId: 42, actorId: 7, at: AT };

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    id: 42,
    directiveId: 1,
    parentId: null,
    assignerAgencyId: 10,
    leadAgencyId: 20,
    trackingAgencyId: 10,
    coordinatorAgencyIds: [31, 30],
    status: "in_progress",
    progress: 40,
    deadline: "2024-03-30",
    deadlineKind: "by_date",
    deadlineDays: null,
    dueOn: "2024-04-01",
    doneOn: null,
    clause: "Mục 1",
    title: "Theo dõi cung cầu xăng dầu",
    description: "",
    isKey: false,
    version: 3,
    reportedBy: null,
    successorAgencyId: null,
    ...overrides,
  };
}

function editOf(facts: TaskFacts, changes: Partial<TaskEdit> = {}): TaskEdit {
  return {
    clause: facts.clause,
    title: facts.title,
    description: facts.description,
    isKey: facts.isKey,
    deadline: facts.deadline,
    deadlineKind: facts.deadlineKind,
    deadlineDays: facts.deadlineDays,
    leadAgencyId: facts.leadAgencyId,
    coordinatorAgencyIds: facts.coordinatorAgencyIds,
    ...changes,
  };
}

describe("a status change", () => {
  it("reported done: done on today's date in Vietnam, progress 100, both in the history", () => {
    const { patch, events } = statusChange(task(), "reported_done", "", BY);
    expect(patch).toEqual({ status: "reported_done", doneOn: "2024-04-01", progress: 100 });
    expect(events).toEqual([
      {
        ...BASE,
        kind: "status",
        field: "status",
        oldValue: "in_progress",
        newValue: "reported_done",
        note: "",
      },
      { ...BASE, kind: "progress", field: "progress", oldValue: "40", newValue: "100" },
    ]);
  });

  it("completed: keeps the done date and records no progress already at 100", () => {
    const facts = task({ status: "reported_done", doneOn: "2024-03-29", progress: 100 });
    const { patch, events } = statusChange(facts, "completed", "", BY);
    expect(patch).toEqual({ status: "completed", progress: 100 });
    expect(events.map((event) => event.kind)).toEqual(["status"]);
  });

  it("returned to work: clears the done date; the reason is history, not the agency's report", () => {
    const facts = task({ status: "reported_done", doneOn: "2024-03-29", progress: 100 });
    const { patch, events } = statusChange(facts, "in_progress", "Thiếu số liệu.", BY);
    expect(patch).toEqual({ status: "in_progress", doneOn: null });
    expect(events).toEqual([
      {
        ...BASE,
        kind: "status",
        field: "status",
        oldValue: "reported_done",
        newValue: "in_progress",
        note: "Thiếu số liệu.",
      },
    ]);
  });

  it("reported done with a completion report: the report is the last report, its rows point to it", () => {
    const report = { reportId: 9, summary: "Đã ban hành văn bản." };
    const { patch, events } = statusChange(task(), "reported_done", "", BY, report);
    expect(patch).toMatchObject({ lastProgressAt: AT, lastProgressNote: "Đã ban hành văn bản." });
    expect(events.map((event) => [event.kind, event.reportId])).toEqual([
      ["status", 9],
      ["progress", 9],
    ]);
  });
});

describe("a progress change", () => {
  it("starts a task not started when work is reported", () => {
    const { patch, events } = progressChange(
      task({ status: "not_started", progress: 0 }),
      30,
      "Đã họp.",
      BY,
      { reportId: 5, summary: "Đã họp." },
    );
    expect(patch).toEqual({
      status: "in_progress",
      progress: 30,
      lastProgressAt: AT,
      lastProgressNote: "Đã họp.",
    });
    expect(events).toEqual(
      [
        {
          ...BASE,
          kind: "status",
          field: "status",
          oldValue: "not_started",
          newValue: "in_progress",
        },
        {
          ...BASE,
          kind: "progress",
          field: "progress",
          oldValue: "0",
          newValue: "30",
          note: "Đã họp.",
        },
      ].map((event) => ({ ...event, reportId: 5 })),
    );
  });

  it("without a report: the progress only, never passing for the agency's report", () => {
    const { patch, events } = progressChange(task(), 80, "Ước đạt.", BY);
    expect(patch).toEqual({ progress: 80 });
    expect(events.map((event) => event.reportId)).toEqual([undefined]);
  });

  it("leaves the status alone at 0 % and on a task already in progress", () => {
    expect(
      progressChange(task({ status: "not_started", progress: 0 }), 0, "", BY).patch.status,
    ).toBe(undefined);
    const { patch, events } = progressChange(task(), 60, "", BY);
    expect(patch.status).toBeUndefined();
    expect(events.map((event) => event.kind)).toEqual(["progress"]);
  });
});

describe("an edit", () => {
  it("changes nothing when nothing differs, whatever the order of the coordinators", () => {
    const facts = task();
    const change = editChange(facts, editOf(facts, { coordinatorAgencyIds: [30, 31, 30] }), BY);
    expect(change).toEqual({ patch: {}, events: [] });
  });

  it("patches only what differs, one history row each, in the form's order", () => {
    const facts = task();
    const { patch, events } = editChange(
      facts,
      editOf(facts, {
        title: "Theo dõi cung cầu hàng thiết yếu",
        isKey: true,
        leadAgencyId: 21,
        coordinatorAgencyIds: [32, 30],
      }),
      BY,
    );
    expect(patch).toEqual({
      title: "Theo dõi cung cầu hàng thiết yếu",
      isKey: true,
      leadAgencyId: 21,
      coordinatorAgencyIds: [32, 30],
    });
    expect(events).toEqual([
      {
        ...BASE,
        kind: "field",
        field: "title",
        oldValue: "Theo dõi cung cầu xăng dầu",
        newValue: "Theo dõi cung cầu hàng thiết yếu",
      },
      { ...BASE, kind: "field", field: "isKey", oldValue: "false", newValue: "true" },
      { ...BASE, kind: "assignment", field: "leadAgencyId", oldValue: "20", newValue: "21" },
      {
        ...BASE,
        kind: "assignment",
        field: "coordinatorAgencyIds",
        oldValue: "[30,31]",
        newValue: "[30,32]",
      },
    ]);
  });

  it("corrects the original deadline with the deadline (an extension does not)", () => {
    const facts = task();
    const edit = editChange(facts, editOf(facts, { deadline: "2024-06-30" }), BY);
    expect(edit.patch).toEqual({ deadline: "2024-06-30", originalDeadline: "2024-06-30" });
    expect(edit.events).toEqual([
      {
        ...BASE,
        kind: "deadline",
        field: "deadline",
        oldValue: "2024-03-30",
        newValue: "2024-06-30",
      },
    ]);

    const extension = deadlineExtension(facts, "2024-06-30", "Chờ số liệu quý II.", BY);
    expect(extension.patch).toEqual({ deadline: "2024-06-30" });
    expect(extension.events).toEqual([
      {
        ...BASE,
        kind: "deadline",
        field: "deadline",
        oldValue: "2024-03-30",
        newValue: "2024-06-30",
        note: "Chờ số liệu quý II.",
      },
    ]);
  });

  it("removes a deadline (an ongoing task)", () => {
    const facts = task();
    const { patch } = editChange(facts, editOf(facts, { deadline: null }), BY);
    expect(patch).toEqual({ deadline: null, originalDeadline: null });
  });
});
