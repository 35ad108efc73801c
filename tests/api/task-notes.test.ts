import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { TASK_NOTES_MAX } from "../../shared/task.ts";
import {
  anonymousCaller,
  countRows,
  eventRows,
  freshDb,
  issuePaths,
  rejection,
  TEST_NOW,
  taskState,
} from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

/** Tasks of a 2024 directive the Ministry (BCT) tracks, one per lead agency, by its code. */
async function tasksLedBy(db: Db, ...leads: string[]): Promise<number[]> {
  const at = "2024-02-20";
  const directive = await createDirective(db, { tracking: "BCT", at });
  const ids: number[] = [];
  for (const lead of leads) ids.push(await createTask(db, { directive, lead, progress: 50, at }));
  return ids;
}

const NOTE = "Đề nghị cơ quan chủ trì khẩn trương hoàn thành, báo cáo trước 30/11/2026.";

describe("task.addNotes", () => {
  it("writes one note event per task, leaving the tasks as they were", async () => {
    const db = await freshDb({ demo: false });
    const { id: actorId, caller: leader } = await createUser(db, { role: "leader", agency: "BCT" });
    const ids = await tasksLedBy(db, "UBND-20", "UBND-02", "PVN");
    const before = await Promise.all(ids.map((id) => taskState(db, id)));
    const allEvents = await countRows(db, "taskEvent");

    expect(await leader.task.addNotes({ ids, note: `  ${NOTE} ` })).toEqual({ count: 3 });

    expect(await countRows(db, "taskEvent")).toBe(allEvents + 3);
    for (const [index, id] of ids.entries()) {
      const events = await eventRows(db, id);
      expect(events.at(-1)).toEqual({
        kind: "note",
        field: null,
        oldValue: null,
        newValue: null,
        note: NOTE,
        actorId,
        at: TEST_NOW,
      });
      expect(await taskState(db, id)).toEqual({
        ...before[index],
        eventCount: (before[index]?.eventCount ?? 0) + 1,
      });
    }
    const { events } = await leader.task.byId({ id: ids[0] ?? 0 });
    expect(events[0]).toMatchObject({ kind: "note", note: NOTE });
  });

  it("answers NOT_FOUND naming the first task the user may not see, and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    // Lạng Sơn's reporter sees Lạng Sơn's tasks only.
    const { caller: langson } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const [own = 0, hidden = 0, alsoHidden = 0] = await tasksLedBy(db, "UBND-20", "BCT", "UBND-04");
    const before = await countRows(db, "taskEvent");

    const error = await rejection(
      langson.task.addNotes({ ids: [own, hidden, alsoHidden], note: NOTE }),
    );

    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe(`error.taskNotFound|{"id":${hidden}}`);
    expect(await countRows(db, "taskEvent")).toBe(before);

    const unknown = await rejection(langson.task.addNotes({ ids: [own, 999_999], note: NOTE }));
    expect(unknown).toMatchObject({
      code: "NOT_FOUND",
      message: 'error.taskNotFound|{"id":999999}',
    });
    expect(await countRows(db, "taskEvent")).toBe(before);

    // Its own task alone goes through.
    expect(await langson.task.addNotes({ ids: [own], note: NOTE })).toEqual({ count: 1 });
    expect(await countRows(db, "taskEvent")).toBe(before + 1);
  });

  it("refuses an empty note, no tasks, too many tasks and the same task twice", async () => {
    const db = await freshDb({ demo: false });
    const { caller: leader } = await createUser(db, { role: "leader", agency: "BCT" });
    const [id = 0, other = 0] = await tasksLedBy(db, "UBND-20", "UBND-02");
    const before = await countRows(db, "taskEvent");

    const emptyNote = await rejection(leader.task.addNotes({ ids: [id], note: "   " }));
    expect(emptyNote.code).toBe("BAD_REQUEST");
    expect(issuePaths(emptyNote)).toEqual([["note"]]);

    const noIds = await rejection(leader.task.addNotes({ ids: [], note: NOTE }));
    expect(noIds.code).toBe("BAD_REQUEST");
    expect(issuePaths(noIds)).toEqual([["ids"]]);

    const tooMany = Array.from({ length: TASK_NOTES_MAX + 1 }, (_, index) => index + 1);
    const tooManyError = await rejection(leader.task.addNotes({ ids: tooMany, note: NOTE }));
    expect(tooManyError.code).toBe("BAD_REQUEST");
    expect(issuePaths(tooManyError)).toEqual([["ids"]]);

    const twice = await rejection(leader.task.addNotes({ ids: [id, other, id], note: NOTE }));
    expect(twice.code).toBe("BAD_REQUEST");
    expect(issuePaths(twice)).toEqual([["ids"]]);
    expect(twice.cause?.message).toContain("validation.duplicates");

    const badId = await rejection(leader.task.addNotes({ ids: [id, 0], note: NOTE }));
    expect(issuePaths(badId)).toEqual([["ids", 1]]);

    expect(await countRows(db, "taskEvent")).toBe(before);
  });

  it("needs a session", async () => {
    const db = await freshDb({ demo: false });
    const [id = 0] = await tasksLedBy(db, "UBND-20");
    const before = await countRows(db, "taskEvent");

    const error = await rejection(anonymousCaller(db).task.addNotes({ ids: [id], note: NOTE }));

    expect(error.code).toBe("UNAUTHORIZED");
    expect(await countRows(db, "taskEvent")).toBe(before);
  });
});
