import { type AddressInfo, createServer } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { backoffMs, deliverMail, queueDigests } from "../../server/domain/mail.ts";
import { runReminders } from "../../server/domain/reminder.ts";
import { smtpSender } from "../../server/mail.ts";
import { countRows, freshDb, TEST_NOW } from "../support/api.ts";
import { createDirective, createTask, createUser, type TestUser } from "../support/factory.ts";

const PUBLIC_URL = "https://dondoc.bct.gov.vn";
/** 26/11/2026 (a Thursday) at 11:00 in Hà Nội, an hour after the tests' "now". */
const ELEVEN = new Date("2026-11-26T04:00:00.000Z");

async function setMail(user: TestUser, mode: "email" | "in_app" | "both", hour = 7) {
  await user.caller.user.setPreferences({
    email: `${user.username}@example.vn`,
    digestMode: mode,
    digestHour: hour,
  });
}

/** Two overdue tasks of Lạng Sơn and one of PVN, urged by the Ministry; returns their ids. */
async function urged(db: Db) {
  const directive = await createDirective(db, { tracking: "BCT", at: "2026-11-20" });
  const ids = [
    await createTask(db, {
      directive,
      lead: "UBND-20",
      deadline: "2026-11-23",
      title: "Rà soát cửa khẩu",
    }),
    await createTask(db, {
      directive,
      lead: "UBND-20",
      deadline: "2026-12-01",
      title: "Báo cáo xuất khẩu nông sản",
    }),
    await createTask(db, { directive, lead: "PVN", deadline: "2026-11-23", title: "Dự trữ xăng" }),
  ];
  const officer = await createUser(db, { role: "officer", agency: "BCT" });
  await officer.caller.urge.send({
    ids: [ids[0] ?? 0, ids[2] ?? 0],
    message: "Đề nghị báo cáo.",
    replyBy: "2026-12-04",
  });
  return ids;
}

describe("daily digests", () => {
  it("queue one digest per user and day, at the user's hour, with their notifications grouped", async () => {
    const db = await freshDb({ demo: false });
    const langson = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const late = await createUser(db, { role: "officer", agency: "UBND-20" });
    const pvn = await createUser(db, { role: "reporter", agency: "PVN" });
    const quiet = await createUser(db, { role: "reporter", agency: "PVN" });
    await setMail(langson, "both");
    await setMail(late, "email", 12);
    await setMail(pvn, "email");
    await setMail(quiet, "in_app");
    const [cuaKhau = 0, nongSan = 0] = await urged(db);
    await runReminders(db, new Date(TEST_NOW));

    expect(await queueDigests(db, ELEVEN, PUBLIC_URL)).toEqual({ queued: 2 });
    // A second run (or process) queues nothing more; the 12:00 user's turn comes at 12:00.
    expect(await queueDigests(db, ELEVEN, PUBLIC_URL)).toEqual({ queued: 0 });
    const mails = await db
      .selectFrom("outbox")
      .select(["userId", "toAddress", "subject", "text", "html", "digestDay"])
      .orderBy("id")
      .execute();
    expect(mails.map((mail) => [mail.userId, mail.digestDay])).toEqual([
      [langson.id, "2026-11-26"],
      [pvn.id, "2026-11-26"],
    ]);
    const [mail] = mails;
    expect(mail?.toAddress).toBe(`${langson.username}@example.vn`);
    expect(mail?.subject).toBe("Đôn Đốc: 2 thông báo ngày 26/11/2026");
    const text = mail?.text ?? "";
    expect(text).toContain(`Kính gửi ${langson.fullName},`);
    // Grouped: due soon first, then urged.
    expect(text.indexOf("SẮP ĐẾN HẠN")).toBeLessThan(text.indexOf("BỊ ĐÔN ĐỐC"));
    expect(text).toContain(
      `Báo cáo xuất khẩu nông sản\n  Còn 3 ngày làm việc đến hạn\n  ${PUBLIC_URL}/tasks/${nongSan}`,
    );
    expect(text).toContain(
      `Rà soát cửa khẩu\n  Đã bị đôn đốc, đề nghị báo cáo trước ngày 04/12/2026\n  ${PUBLIC_URL}/tasks/${cuaKhau}`,
    );
    expect(text).not.toContain("Dự trữ xăng");
    expect(mail?.html).toContain(`<a href="${PUBLIC_URL}/tasks/${cuaKhau}">`);
    // "Both" keeps the bell's items unread; "e-mail" marks them read once mailed.
    expect(await langson.caller.notification.count()).toEqual({ unread: 2 });
    expect(await pvn.caller.notification.count()).toEqual({ unread: 0 });
    expect(await quiet.caller.notification.count()).toEqual({ unread: 1 });

    expect(await queueDigests(db, new Date("2026-11-26T05:00:00.000Z"), PUBLIC_URL)).toEqual({
      queued: 1,
    });
    // A new urge after the digests: it waits for the next working day's digest, not Saturday's.
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    await officer.caller.urge.send({
      ids: [nongSan],
      message: "Đề nghị báo cáo.",
      replyBy: "2026-12-04",
    });
    expect(await queueDigests(db, new Date("2026-11-28T05:00:00.000Z"), PUBLIC_URL)).toEqual({
      queued: 0,
    });
    // Monday: Lạng Sơn's reporter and officer, who both want mail.
    expect(await queueDigests(db, new Date("2026-11-30T05:00:00.000Z"), PUBLIC_URL)).toEqual({
      queued: 2,
    });
  });
});

/** A real SMTP server on loopback that keeps what it receives. */
async function smtpServer() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/** The body of a quoted-printable part, decoded. */
function quotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? joined.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("sending the outbox over SMTP", () => {
  it("delivers a digest to a real SMTP server, plain text and HTML, once", async () => {
    const db = await freshDb({ demo: false });
    const langson = await createUser(db, {
      role: "reporter",
      agency: "UBND-20",
      fullName: "Hoàng Thị Lan",
    });
    await setMail(langson, "both");
    const [cuaKhau = 0] = await urged(db);
    await queueDigests(db, ELEVEN, PUBLIC_URL);
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const send = smtpSender({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: undefined,
      password: undefined,
      from: "Đôn Đốc <dondoc@bct.gov.vn>",
    });

    expect(await deliverMail(db, ELEVEN, send)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverMail(db, ELEVEN, send)).toEqual({ sent: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.to).toEqual([`${langson.username}@example.vn`]);
    const body = quotedPrintable(message?.raw ?? "");
    expect(body).toContain("Content-Type: multipart/alternative");
    expect(body).toContain("Content-Type: text/plain; charset=utf-8");
    expect(body).toContain("Content-Type: text/html; charset=utf-8");
    expect(body).toContain("Kính gửi Hoàng Thị Lan,");
    expect(body).toContain("BỊ ĐÔN ĐỐC");
    expect(body).toContain("Rà soát cửa khẩu");
    expect(body).toContain(`${PUBLIC_URL}/tasks/${cuaKhau}`);
    const row = await db
      .selectFrom("outbox")
      .select(["sentAt", "attempts", "error"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sentAt: ELEVEN.toISOString(), attempts: 1, error: null });
  });

  it("keeps a mail that fails, with its error, and tries again after the backoff", async () => {
    const db = await freshDb({ demo: false });
    const langson = await createUser(db, { role: "reporter", agency: "UBND-20" });
    await setMail(langson, "both");
    await urged(db);
    await queueDigests(db, ELEVEN, PUBLIC_URL);
    const send = smtpSender({
      host: "127.0.0.1",
      port: await closedPort(),
      secure: false,
      user: undefined,
      password: undefined,
      from: "dondoc@bct.gov.vn",
    });

    expect(await deliverMail(db, ELEVEN, send)).toEqual({ sent: 0, failed: 1 });
    const row = await db
      .selectFrom("outbox")
      .select(["sentAt", "attempts", "error", "nextAttemptAt"])
      .executeTakeFirstOrThrow();
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.error).toMatch(/ECONNREFUSED/);
    expect(row.nextAttemptAt).toBe(new Date(ELEVEN.getTime() + backoffMs(0)).toISOString());
    // Not before the backoff; the notification stays in the app.
    expect(await deliverMail(db, ELEVEN, send)).toEqual({ sent: 0, failed: 0 });
    expect(await langson.caller.notification.count()).toEqual({ unread: 1 });
    expect(await countRows(db, "outbox")).toBe(1);
    // The next attempt waits twice as long.
    const later = new Date(ELEVEN.getTime() + backoffMs(0));
    expect(await deliverMail(db, later, send)).toEqual({ sent: 0, failed: 1 });
    const again = await db
      .selectFrom("outbox")
      .select(["attempts", "nextAttemptAt"])
      .executeTakeFirstOrThrow();
    expect(again).toEqual({
      attempts: 2,
      nextAttemptAt: new Date(later.getTime() + backoffMs(1)).toISOString(),
    });
  });
});
