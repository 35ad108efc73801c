import type { z } from "zod";
import { agencyById } from "../../db/agency.ts";
import { appendAudit } from "../../db/audit.ts";
import { insertNotifications } from "../../db/notification.ts";
import { appendTaskEvents, taskFactsByIds } from "../../db/task.ts";
import {
  insertUrge,
  insertUrgeLetter,
  saveUrgingRule,
  urgeLetterById,
  urgeLetterRows,
  urgingRules,
  usersOf,
} from "../../db/urge.ts";
import { symbolAbbreviation } from "../../shared/agency.ts";
import { vnDate } from "../../shared/date.ts";
import { canSeeTask, canUrge } from "../../shared/permission.ts";
import { isUrgeable } from "../../shared/urge.ts";
import type { urgeLetterInput, urgeSendInput, urgingRuleInput } from "../../shared/urge-input.ts";
import type { Role } from "../../shared/user.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";
import { translatorFor } from "../i18n.ts";

/** Who in the lead agency is told of an urge at once (leaders hear of escalations). */
export const URGED_ROLES: readonly Role[] = ["reporter", "officer"];

/** A file name of ASCII letters: "cong-van-don-doc-PVN-2026-11-26.docx". */
function asciiName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9.-]+/g, "-")
    .replace(/-+/g, "-");
}

/**
 * Urges the chosen tasks ("Đôn đốc"), by an officer or a leader of the agency that assigned or
 * tracks each of them: the tasks are grouped by lead agency and each group gets its urging
 * letter (.docx, Decree 30/2020), stored with the urge; every task gets the urge and the message
 * in its history, and the lead agency's users a notification, all in one transaction. Every task
 * is checked first (NOT_FOUND names the first one the viewer may not see): all or nothing.
 */
export async function sendUrge(actor: Actor, input: z.output<typeof urgeSendInput>) {
  const { db, viewer, user } = actor;
  const now = actor.clock.now();
  const today = vnDate(now);
  const facts = await taskFactsByIds(db, input.ids);
  const tasks = input.ids.map((id) => {
    const task = facts.get(id);
    if (!task || !canSeeTask(viewer, task)) fail("NOT_FOUND", "error.taskNotFound", { id });
    return task;
  });
  for (const task of tasks) {
    if (!canUrge(viewer, task)) fail("FORBIDDEN", "error.forbidden");
    // Named by its title: the officer chose it in a list, where its id is not shown.
    if (!isUrgeable(task.status)) fail("BAD_REQUEST", "error.urgeClosed", { title: task.title });
  }
  if (input.replyBy < today) {
    fail("BAD_REQUEST", "error.replyByPast", { date: input.replyBy }, "replyBy");
  }

  const t = translatorFor(actor.language);
  const issuer = await agencyById(db, user.agencyId);
  const superior = issuer?.parentId ? await agencyById(db, issuer.parentId) : undefined;
  const rows = await urgeLetterRows(db, input.ids);
  const byAgency = new Map<number, typeof rows>();
  for (const row of rows) {
    byAgency.set(row.leadAgency.id, [...(byAgency.get(row.leadAgency.id) ?? []), row]);
  }
  // The letters are built before the transaction, which then only writes; docx (0.1 s and
  // 11 MB of resident memory) is loaded by the first letter, not at the server's start.
  const [{ urgeLetterDocument }, { documentBytes }] = await Promise.all([
    import("../document/urge-letter.ts"),
    import("../document/official-document.ts"),
  ]);
  const letters = await Promise.all(
    [...byAgency.values()].map(async (tasks) => {
      const agency = tasks[0]?.leadAgency;
      if (!agency) throw new Error("a letter without tasks");
      const document = urgeLetterDocument(t, {
        issuer: {
          superior: superior?.name,
          name: issuer?.name ?? "",
          abbreviation: issuer ? symbolAbbreviation(issuer) : "",
        },
        issuerName: issuer?.name ?? "",
        agencyName: agency.name,
        today,
        replyBy: input.replyBy,
        message: input.message,
        tasks,
        signerName: user.fullName,
      });
      return {
        agency,
        taskIds: tasks.map((task) => task.id),
        filename: asciiName(t("urgeLetter.filename", { agency: agency.shortName, date: today })),
        content: await documentBytes(document),
      };
    }),
  );
  const recipients = await usersOf(db, [...byAgency.keys()], URGED_ROLES);

  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const urgeId = await insertUrge(trx, {
      actorId: user.id,
      agencyId: user.agencyId,
      at,
      message: input.message,
      replyBy: input.replyBy,
    });
    const stored = [];
    for (const letter of letters) {
      const id = await insertUrgeLetter(trx, {
        urgeId,
        agencyId: letter.agency.id,
        filename: letter.filename,
        content: letter.content,
        taskIds: letter.taskIds,
      });
      stored.push({
        id,
        agency: letter.agency,
        filename: letter.filename,
        taskIds: letter.taskIds,
      });
    }
    await appendTaskEvents(
      trx,
      input.ids.map((taskId) => ({
        taskId,
        actorId: user.id,
        at,
        kind: "note",
        note: input.message,
      })),
    );
    await insertNotifications(
      trx,
      letters.flatMap((letter) =>
        recipients
          .filter((recipient) => recipient.agencyId === letter.agency.id)
          .flatMap((recipient) =>
            letter.taskIds.map((taskId) => ({
              userId: recipient.id,
              kind: "urged" as const,
              taskId,
              urgeId,
              onDay: input.replyBy,
              createdAt: at,
            })),
          ),
      ),
    );
    return { id: urgeId, count: input.ids.length, letters: stored };
  });
}

/**
 * An urging letter's .docx, for a user who may see every task it lists (anyone else: NOT_FOUND,
 * as if it did not exist).
 */
export async function downloadUrgeLetter(actor: Actor, input: z.output<typeof urgeLetterInput>) {
  const letter = await urgeLetterById(actor.db, input.id);
  if (!letter) fail("NOT_FOUND", "error.urgeLetterNotFound", { id: input.id });
  const facts = await taskFactsByIds(actor.db, letter.taskIds);
  for (const taskId of letter.taskIds) {
    const task = facts.get(taskId);
    if (!task || !canSeeTask(actor.viewer, task)) {
      fail("NOT_FOUND", "error.urgeLetterNotFound", { id: input.id });
    }
  }
  return {
    filename: letter.filename,
    contentBase64: Buffer.from(letter.content).toString("base64"),
  };
}

/** The urging rule of the user's agency, for the tasks of the directives it tracks. */
export async function viewUrgingRule(actor: Actor) {
  const rule = (await urgingRules(actor.db, [actor.user.agencyId])).get(actor.user.agencyId);
  if (!rule) throw new Error("urgingRules always answers");
  return rule;
}

/** An officer sets its agency's urging rule; audited under the agency. */
export async function setUrgingRule(actor: Actor, input: z.output<typeof urgingRuleInput>) {
  const { db, user } = actor;
  if (user.role !== "officer") fail("FORBIDDEN", "error.forbidden");
  const before = await viewUrgingRule(actor);
  const at = actor.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await saveUrgingRule(trx, user.agencyId, input, user.id, at);
    await appendAudit(trx, {
      actorId: user.id,
      at,
      action: "urging_rule",
      entity: "agency",
      entityId: user.agencyId,
      agencyId: user.agencyId,
      address: actor.address,
      detail: { from: before, to: input },
    });
  });
  return viewUrgingRule(actor);
}
