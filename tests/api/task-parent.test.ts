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
