import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import type { Caller } from "../support/api.ts";
import { agencyId, freshDb, rejection, taskState } from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

const TODAY = "2026-11-26";
const DOCUMENT = { documentNumber: "88/BC-THU", documentDate: TODAY };

async function completeAs(caller: Caller, db: Db, taskId: number) {
  return caller.report.complete({
    taskId,
    version: (await taskState(db, taskId)).version,
    ...DOCUMENT,
  });
}

async function confirmAs(caller: Caller, db: Db, id: number) {
  return caller.task.setStatus({
    id,
    status: "completed",
    version: (await taskState(db, id)).version,
  });
}

async function returnAs(caller: Caller, db: Db, id: number) {
  return caller.task.setStatus({
    id,
    status: "in_progress",
    note: "Chưa có văn bản chứng minh.",
    version: (await taskState(db, id)).version,
  });
}

describe("four eyes: a ministry's own task", () => {
  /** Task 4 of the finding: BCT tracks the directive and leads the task itself. */
  async function ownTask() {
    const db = await freshDb({ demo: false });
    const reporter = await createUser(db, { role: "officer", agency: "BCT", username: "canbo.a" });
    const colleague = await createUser(db, { role: "officer", agency: "BCT", username: "canbo.b" });
    const leader = await createUser(db, { role: "leader", agency: "BCT", username: "lanhdao.bct" });
    const directive = await createDirective(db, { tracking: "BCT" });
    const id = await createTask(db, { directive, lead: "BCT" });
    await completeAs(reporter.caller, db, id);
    return { db, id, reporter, colleague, leader };
  }

  it("refuses the officer who reported it done confirming it, and changes nothing", async () => {
    const { db, id, reporter } = await ownTask();
    const before = await taskState(db, id);

    const error = await rejection(confirmAs(reporter.caller, db, id));

    expect(error).toMatchObject({
      code: "FORBIDDEN",
      message: 'trust.fourEyes|{"to":"completed"}',
    });
    expect(await taskState(db, id)).toEqual(before);
    const { permissions } = await reporter.caller.task.byId({ id });
    expect(permissions.statusTargets).not.toContain("completed");
  });

  it("refuses another officer of the lead agency confirming or returning it", async () => {
    const { db, id, colleague } = await ownTask();
    const before = await taskState(db, id);

    expect((await rejection(confirmAs(colleague.caller, db, id))).message).toBe(
      'trust.fourEyes|{"to":"completed"}',
    );
    expect((await rejection(returnAs(colleague.caller, db, id))).message).toBe(
      'trust.fourEyes|{"to":"in_progress"}',
    );
    expect(await taskState(db, id)).toEqual(before);
  });

  it("lets the tracking agency's leader confirm it", async () => {
    const { db, id, leader } = await ownTask();

    await confirmAs(leader.caller, db, id);

    expect((await taskState(db, id)).status).toBe("completed");
  });

  it("lets the tracking agency's leader return it, but not when the leader reported it", async () => {
    const { db, id, leader } = await ownTask();
    await returnAs(leader.caller, db, id);
    expect((await taskState(db, id)).status).toBe("in_progress");

    await completeAs(leader.caller, db, id);
    const error = await rejection(confirmAs(leader.caller, db, id));

    expect(error.message).toBe('trust.fourEyes|{"to":"completed"}');
    expect((await taskState(db, id)).status).toBe("reported_done");
  });
});

describe("four eyes: a sub-task an agency assigns to itself", () => {
  /**
   * The finding: an officer of PVN adds a sub-task to BCT's directive with PVN itself as lead,
   * reports it done and confirms it in the same second.
   */
  async function selfAssigned() {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const parent = await createTask(db, { directive, lead: "PVN" });
    const pvn = await createUser(db, { role: "officer", agency: "PVN", username: "canbo.pvn" });
    const { id } = await pvn.caller.task.create({
      directiveId: directive,
      parentId: parent,
      title: "Tự giao cho chính mình",
      leadAgencyId: await agencyId(db, "PVN"),
      deadline: "2026-12-31",
    });
    return { db, id, pvn };
  }

  it("refuses marking it done without the completion report and its document", async () => {
    const { db, id, pvn } = await selfAssigned();
    const before = await taskState(db, id);

    const error = await rejection(
      pvn.caller.task.setStatus({ id, status: "reported_done", version: before.version }),
    );

    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "trust.completionReportRequired|{}",
    });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses the reporter, the agency's other officers and its leader confirming it", async () => {
    const { db, id, pvn } = await selfAssigned();
    await completeAs(pvn.caller, db, id);
    const other = await createUser(db, { role: "officer", agency: "PVN" });
    const pvnLeader = await createUser(db, { role: "leader", agency: "PVN" });
    const before = await taskState(db, id);

    for (const caller of [pvn.caller, other.caller, pvnLeader.caller]) {
      const error = await rejection(confirmAs(caller, db, id));
      expect(error.code).toBe("FORBIDDEN");
    }

    expect(await taskState(db, id)).toEqual(before);
  });

  it("leaves confirming to the leader of the directive's tracking agency, BCT", async () => {
    const { db, id, pvn } = await selfAssigned();
    await completeAs(pvn.caller, db, id);
    const bctLeader = await createUser(db, { role: "leader", agency: "BCT" });
    const { permissions } = await bctLeader.caller.task.byId({ id });
    expect(permissions.statusTargets).toEqual(["completed", "in_progress"]);

    await confirmAs(bctLeader.caller, db, id);

    expect((await taskState(db, id)).status).toBe("completed");
  });
});
