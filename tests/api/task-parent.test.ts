import { describe, expect, it } from "vitest";
import { agencyId, freshDb, rejection } from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

describe("task.byId and the parent task", () => {
  /** PVN breaks its task down and asks EVN to coordinate the part: EVN sees the part only. */
  async function subTaskOfHiddenParent() {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const parentId = await createTask(db, {
      directive,
      lead: "PVN",
      title: "Nhiệm vụ cha chỉ PVN và BCT thấy",
    });
    const pvn = await createUser(db, { role: "officer", agency: "PVN" });
    const { id } = await pvn.caller.task.create({
      directiveId: directive,
      parentId,
      title: "Phần việc EVN phối hợp",
      leadAgencyId: await agencyId(db, "PVN"),
      coordinatorAgencyIds: [await agencyId(db, "EVN")],
      deadline: "2026-12-31",
    });
    const evn = await createUser(db, { role: "reporter", agency: "EVN" });
    return { id, parentId, pvn, evn };
  }

  it("hides the parent's id and title from a viewer who may not see the parent", async () => {
    const { id, parentId, evn } = await subTaskOfHiddenParent();
    expect((await rejection(evn.caller.task.byId({ id: parentId }))).code).toBe("NOT_FOUND");

    const { task } = await evn.caller.task.byId({ id });

    expect(task.title).toBe("Phần việc EVN phối hợp");
    expect(task.parent).toBeNull();
    expect(task.parentId).toBeNull();
    expect(JSON.stringify(task)).not.toContain("Nhiệm vụ cha chỉ PVN và BCT thấy");
  });

  it("lists the task without its hidden parent's id", async () => {
    const { id, parentId, evn, pvn } = await subTaskOfHiddenParent();

    const listed = await evn.caller.task.list({});
    const seen = await pvn.caller.task.list({});

    expect(listed.items.find((task) => task.id === id)?.parentId).toBeNull();
    expect(seen.items.find((task) => task.id === id)?.parentId).toBe(parentId);
  });

  it("shows the parent to a viewer who may see it", async () => {
    const { id, parentId, pvn } = await subTaskOfHiddenParent();

    const { task } = await pvn.caller.task.byId({ id });

    expect(task.parent).toEqual({ id: parentId, title: "Nhiệm vụ cha chỉ PVN và BCT thấy" });
  });
});

describe("task.subTasks", () => {
  /** A task broken down twice over, beside another top-level task with its own part. */
  async function brokenDown() {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const top = await createTask(db, { directive, lead: "PVN", title: "Nhiệm vụ lớn" });
    const part = await createTask(db, {
      directive,
      lead: "PVN",
      coordinators: ["EVN"],
      parent: top,
      title: "Phần việc EVN phối hợp",
    });
    const detail = await createTask(db, {
      directive,
      lead: "PVN",
      parent: part,
      title: "Chi tiết",
    });
    const other = await createTask(db, { directive, lead: "TKV", title: "Nhiệm vụ khác" });
    const otherPart = await createTask(db, { directive, lead: "TKV", parent: other });
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    const evn = await createUser(db, { role: "reporter", agency: "EVN" });
    return { directive, top, part, detail, other, otherPart, officer, evn };
  }

  it("lists every task under the task, and none of the rest of its directive", async () => {
    const { directive, top, part, detail, other, otherPart, officer } = await brokenDown();

    const below = await officer.caller.task.subTasks({ id: top });

    expect(below.map((task) => task.id)).toEqual([part, detail]);
    expect(below.map((task) => task.parentId)).toEqual([top, part]);
    expect((await officer.caller.task.subTasks({ id: other })).map((task) => task.id)).toEqual([
      otherPart,
    ]);
    // The same tasks, as listed, as the directive's page lists them.
    const { tasks } = await officer.caller.directive.byId({ id: directive });
    expect(below).toEqual(tasks.filter((task) => task.id === part || task.id === detail));
  });

  it("shows a viewer only the tasks it may see, under a task it may see", async () => {
    const { top, part, evn } = await brokenDown();

    expect((await rejection(evn.caller.task.subTasks({ id: top }))).code).toBe("NOT_FOUND");
    expect(await evn.caller.task.subTasks({ id: part })).toEqual([]);
  });
});
