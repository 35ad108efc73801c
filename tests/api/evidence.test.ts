import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { createApp } from "../../server/app.ts";
import { fixedClock } from "../../server/clock.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import { purgePendingEvidence } from "../../server/file-store.ts";
import { MAX_FILE_BYTES, MAX_FILES_PER_REPORT } from "../../shared/evidence.ts";
import { countRows, freshDb, signedInAs, TEST_NOW, taskState, userIdOf } from "../support/api.ts";
import {
  CFB_BYTES,
  filesUnder,
  PDF_BYTES,
  PNG_BYTES,
  TEXT_BYTES,
  tempDataDir,
  uploadAs,
  xlsxBytes,
} from "../support/evidence.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

/** Lạng Sơn's reporter, the Ministry's officer who assigned its task, and an outsider (PVN). */
const REPORTER = "reporter.langson";
const OFFICER = "officer.bct";
const OUTSIDER = "reporter.pvn";

/** A database with those three users and Lạng Sơn's task in progress; returns the task's id. */
async function langSonTask(db: Db): Promise<number> {
  await createUser(db, { role: "reporter", agency: "UBND-20", username: REPORTER });
  await createUser(db, { role: "officer", agency: "BCT", username: OFFICER });
  await createUser(db, { role: "reporter", agency: "PVN", username: OUTSIDER });
  const directive = await createDirective(db, { tracking: "BCT" });
  return createTask(db, { directive, lead: "UBND-20", progress: 80 });
}

type Running = { base: string; db: Db; dataDir: string; taskId: number };
const servers: { close(callback: (error?: Error) => void): void }[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }
});

/** The app on a random port, with its own database (Lạng Sơn's task) and data folder. */
async function startApp(options: { agencyQuotaBytes?: number } = {}): Promise<Running> {
  const db = await freshDb({ demo: false });
  const taskId = await langSonTask(db);
  const dataDir = tempDataDir();
  const app = createApp({
    db,
    clock: fixedClock(TEST_NOW),
    secureCookies: false,
    dataDir,
    ...options,
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server is not on TCP");
  return {
    base: `http://127.0.0.1:${(address satisfies AddressInfo).port}`,
    db,
    dataDir,
    taskId,
  };
}

/** Signs in through POST /trpc/auth.login; returns the Cookie header a browser would send. */
async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 200 || !cookie) throw new Error(`login as ${username} failed`);
  return cookie;
}

type Part = { name: string; content: Uint8Array<ArrayBuffer>; type?: string };

function upload(base: string, cookie: string | null, parts: Part[], language = "vi") {
  const form = new FormData();
  for (const part of parts) {
    form.append("files", new Blob([part.content], { type: part.type ?? "" }), part.name);
  }
  return fetch(`${base}/files`, {
    method: "POST",
    headers: { "accept-language": language, ...(cookie ? { cookie } : {}) },
    body: form,
  });
}

type Uploaded = {
  files: { id: number; name: string; mime: string; size: number; sha256: string }[];
};

async function uploaded(response: Response): Promise<Uploaded["files"]> {
  expect(response.status).toBe(201);
  const body: Uploaded = await response.json();
  return body.files;
}

function download(base: string, cookie: string | null, id: number) {
  return fetch(`${base}/files/${id}`, { headers: cookie ? { cookie } : {} });
}

describe("uploading evidence files", () => {
  it("stores a PDF under the data folder by checksum and random key, with its row, pending", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);

    const [file] = await uploaded(
      await upload(base, cookie, [{ name: "Báo cáo tháng 11.pdf", content: PDF_BYTES }]),
    );

    const sha256 = createHash("sha256").update(PDF_BYTES).digest("hex");
    expect(file).toEqual({
      id: expect.any(Number),
      name: "Báo cáo tháng 11.pdf",
      mime: "application/pdf",
      size: PDF_BYTES.byteLength,
      sha256,
    });
    const row = await db
      .selectFrom("evidenceFile")
      .select([
        "evidenceFile.storageKey",
        "evidenceFile.uploadedBy",
        "evidenceFile.uploadedAt",
        "evidenceFile.taskId",
      ])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      uploadedBy: await userIdOf(db, REPORTER),
      uploadedAt: TEST_NOW,
      taskId: null,
    });
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    const stored = join("files", sha256.slice(0, 2), row.storageKey);
    expect(filesUnder(dataDir)).toEqual([stored]);
    expect(new Uint8Array(readFileSync(join(dataDir, stored)))).toEqual(PDF_BYTES);
  });

  it("accepts Excel, images and old Word files by content", async () => {
    const { base } = await startApp();
    const cookie = await login(base, REPORTER);

    const files = await uploaded(
      await upload(base, cookie, [
        { name: "so-lieu.xlsx", content: await xlsxBytes() },
        { name: "anh-cua-khau.png", content: PNG_BYTES },
        { name: "cong-van-cu.doc", content: CFB_BYTES },
      ]),
    );

    expect(files.map((file) => file.mime)).toEqual([
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "image/png",
      "application/msword",
    ]);
  });

  it("refuses a text file renamed .pdf with a clear message, and stores nothing at all", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);

    const response = await upload(base, cookie, [
      { name: "bao-cao.pdf", content: TEXT_BYTES, type: "application/pdf" },
    ]);

    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: {
        code: "UNSUPPORTED_MEDIA_TYPE",
        message:
          "Tệp “bao-cao.pdf” không được chấp nhận: chỉ nhận PDF, Word (.doc, .docx), Excel (.xls, .xlsx) và ảnh PNG, JPEG (kiểm tra theo nội dung tệp, không theo tên).",
      },
    });
    expect(await countRows(db, "evidenceFile")).toBe(0);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses the whole upload when one file is refused: the good one is not kept either", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);

    const response = await upload(
      base,
      cookie,
      [
        { name: "tot.pdf", content: PDF_BYTES },
        { name: "thu.msg", content: CFB_BYTES },
      ],
      "en-US",
    );

    expect(response.status).toBe(415);
    const body: { error: { message: string } } = await response.json();
    expect(body.error.message).toMatch(/^File “thu\.msg” is not accepted/);
    expect(await countRows(db, "evidenceFile")).toBe(0);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses a file over the size limit (413) and stores nothing", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PDF_BYTES);

    const response = await upload(base, cookie, [{ name: "qua-lon.pdf", content: big }]);

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        code: "PAYLOAD_TOO_LARGE",
        message: "Tệp vượt quá dung lượng cho phép (20 MB mỗi tệp).",
      },
    });
    expect(await countRows(db, "evidenceFile")).toBe(0);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses more files than a report may carry (400) and stores nothing", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);
    const parts = Array.from({ length: MAX_FILES_PER_REPORT + 1 }, (_, i) => ({
      name: `tep-${i}.pdf`,
      content: PDF_BYTES,
    }));

    const response = await upload(base, cookie, parts);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: "Tối đa 10 tệp mỗi lần." } });
    expect(await countRows(db, "evidenceFile")).toBe(0);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses an upload without a session (401) or without files (400)", async () => {
    const { base, db } = await startApp();
    const cookie = await login(base, REPORTER);

    const anonymous = await upload(base, null, [{ name: "a.pdf", content: PDF_BYTES }]);
    const empty = await upload(base, cookie, []);

    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: "UNAUTHORIZED", message: "Vui lòng đăng nhập." },
    });
    expect(empty.status).toBe(400);
    expect(await countRows(db, "evidenceFile")).toBe(0);
  });
});

describe("downloading evidence files", () => {
  it("serves an attached file to those who see the task, as an attachment, and 404 to others", async () => {
    const { base, db, taskId: id } = await startApp();
    const reporterCookie = await login(base, REPORTER);
    const [file] = await uploaded(
      await upload(base, reporterCookie, [{ name: "Báo cáo tháng 11.pdf", content: PDF_BYTES }]),
    );
    if (!file) throw new Error("no file");
    const reporter = await signedInAs(db, REPORTER);
    await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 90,
      summary: "Báo cáo tháng 11 kèm văn bản.",
      fileIds: [file.id],
    });
    const officerCookie = await login(base, OFFICER);
    const pvnCookie = await login(base, OUTSIDER);

    const ok = await download(base, officerCookie, file.id);
    const outsider = await download(base, pvnCookie, file.id);
    const anonymous = await download(base, null, file.id);
    const unknown = await download(base, officerCookie, file.id + 1000);

    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(ok.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("Báo cáo tháng 11.pdf")}`,
    );
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(PDF_BYTES);
    expect(outsider.status).toBe(404);
    expect(anonymous.status).toBe(401);
    expect(unknown.status).toBe(404);
  });

  it("serves a file not yet attached only to the user who uploaded it", async () => {
    const { base } = await startApp();
    const reporterCookie = await login(base, REPORTER);
    const officerCookie = await login(base, OFFICER);
    const [file] = await uploaded(
      await upload(base, reporterCookie, [{ name: "nhap.pdf", content: PDF_BYTES }]),
    );
    if (!file) throw new Error("no file");

    expect((await download(base, reporterCookie, file.id)).status).toBe(200);
    expect((await download(base, officerCookie, file.id)).status).toBe(404);
  });
});

describe("abandoned uploads", () => {
  it("purges files never attached after a day, rows and disk, and keeps attached ones", async () => {
    const db = await freshDb({ demo: false });
    const filesDir = join(tempDataDir(), "files");
    const id = await langSonTask(db);
    const old = await uploadAs(
      db,
      REPORTER,
      { name: "bo-do.pdf", content: PDF_BYTES },
      { filesDir, at: "2026-11-24T03:00:00.000Z" },
    );
    const recent = await uploadAs(
      db,
      REPORTER,
      { name: "moi.pdf", content: PDF_BYTES },
      { filesDir, at: "2026-11-26T02:00:00.000Z" },
    );
    const attached = await uploadAs(
      db,
      REPORTER,
      { name: "da-gui.pdf", content: PDF_BYTES },
      { filesDir, at: "2026-11-20T03:00:00.000Z" },
    );
    const reporter = await signedInAs(db, REPORTER);
    await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 90,
      summary: "Kèm văn bản.",
      fileIds: [attached.id],
    });
    expect(filesUnder(filesDir)).toHaveLength(3);

    const purged = await purgePendingEvidence(db, filesDir, "2026-11-25T03:00:00.000Z");

    expect(purged).toBe(1);
    const left = await db.selectFrom("evidenceFile").select("evidenceFile.id").execute();
    expect(left.map((row) => row.id).sort()).toEqual([recent.id, attached.id].sort());
    expect(filesUnder(filesDir)).toHaveLength(2);
    expect(left.map((row) => row.id)).not.toContain(old.id);
  });
});

/** A PDF header with an HTML page behind it: what a browser would render if it sniffed it. */
const POLYGLOT = new TextEncoder().encode(
  "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n",
);

describe("files whose name and content disagree", () => {
  it("refuses a PDF named .html or .hta, and a PNG named .pdf (415), storing nothing", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);

    for (const part of [
      { name: "bao-cao.html", content: PDF_BYTES },
      { name: "bao-cao.hta", content: PDF_BYTES },
      { name: "anh.pdf", content: PNG_BYTES },
      { name: "so-lieu.doc", content: await xlsxBytes() },
    ]) {
      const response = await upload(base, cookie, [part]);
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        error: { message: expect.stringContaining(part.name) },
      });
    }
    expect(await countRows(db, "evidenceFile")).toBe(0);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses a PDF whose head carries an HTML page, whatever its name", async () => {
    const { base, db, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);

    for (const name of ["bao-cao.pdf", "bao-cao"]) {
      const response = await upload(base, cookie, [{ name, content: POLYGLOT }]);
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        error: { message: `Tệp “${name}” chứa mã trang web nên không được chấp nhận.` },
      });
    }
    expect(await countRows(db, "evidenceFile")).toBe(0);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("stores and serves a file under its detected type's extension", async () => {
    const { base } = await startApp();
    const cookie = await login(base, REPORTER);

    const files = await uploaded(
      await upload(base, cookie, [
        { name: "khong-duoi", content: PDF_BYTES },
        { name: "anh.jpeg", content: JPEG_BYTES },
      ]),
    );

    expect(files.map((file) => file.name)).toEqual(["khong-duoi.pdf", "anh.jpg"]);
    const served = await download(base, cookie, files[0]?.id ?? 0);
    expect(served.headers.get("content-disposition")).toBe("attachment; filename=khong-duoi.pdf");
  });

  it("serves an older row named .html under the extension of its stored type", async () => {
    const { base, db } = await startApp();
    const cookie = await login(base, REPORTER);
    const [file] = await uploaded(
      await upload(base, cookie, [{ name: "a.pdf", content: PDF_BYTES }]),
    );
    if (!file) throw new Error("no file");
    // A row written before names were checked against types.
    await db
      .updateTable("evidenceFile")
      .set({ originalName: "trang.html" })
      .where("evidenceFile.id", "=", file.id)
      .execute();

    const served = await download(base, cookie, file.id);

    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-disposition")).toBe("attachment; filename=trang.html.pdf");
  });
});

/** A minimal JPEG header: file-type recognises it from its first bytes. */
const JPEG_BYTES = Uint8Array.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  ...new Array<number>(64).fill(0),
]);

/**
 * Starts an upload whose body never ends, as a slow or stalled client would: the server holds
 * its connection until `end()`.
 */
function stalledUpload(base: string, cookie: string) {
  const url = new URL(`${base}/files`);
  const boundary = "----ranh-gioi-cham";
  const req = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "POST",
    headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  const answer = new Promise<number>((resolve, reject) => {
    req.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on("error", reject);
  });
  req.write(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cham.pdf"\r\n\r\n`,
  );
  req.write(Buffer.from(PDF_BYTES));
  return {
    answer,
    end() {
      req.end(`\r\n--${boundary}--\r\n`);
    },
  };
}

describe("uploads on disk, per user and per agency", () => {
  it("streams uploads to disk and leaves no temporary file behind", async () => {
    const { base, dataDir } = await startApp();
    const cookie = await login(base, REPORTER);
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(PDF_BYTES);

    const [file] = await uploaded(await upload(base, cookie, [{ name: "lon.pdf", content: big }]));
    const refused = await upload(base, cookie, [{ name: "x.pdf", content: TEXT_BYTES }]);

    expect(file?.size).toBe(big.byteLength);
    expect(refused.status).toBe(415);
    expect(filesUnder(join(dataDir, "uploads"))).toEqual([]);
    expect(filesUnder(join(dataDir, "files"))).toHaveLength(1);
  });

  it("refuses a third upload at once from one user (429), not from another user", async () => {
    const { base } = await startApp();
    const cookie = await login(base, REPORTER);
    const first = stalledUpload(base, cookie);
    const second = stalledUpload(base, cookie);
    // Both are received (and counted) before the third arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const third = await upload(base, cookie, [{ name: "ba.pdf", content: PDF_BYTES }]);
    const other = await upload(base, await login(base, OFFICER), [
      { name: "khac.pdf", content: PDF_BYTES },
    ]);

    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
    expect(other.status).toBe(201);
    first.end();
    second.end();
    expect([await first.answer, await second.answer]).toEqual([201, 201]);
    const again = await upload(base, cookie, [{ name: "bon.pdf", content: PDF_BYTES }]);
    expect(again.status).toBe(201);
  });

  it("refuses what would take an agency over its quota, counting all its users", async () => {
    const quota = 3 * PDF_BYTES.byteLength;
    const { base, db, dataDir } = await startApp({ agencyQuotaBytes: quota });
    await createUser(db, { role: "officer", agency: "UBND-20", username: "officer.langson" });
    const reporter = await login(base, REPORTER);
    const colleague = await login(base, "officer.langson");
    await uploaded(
      await upload(base, reporter, [
        { name: "a.pdf", content: PDF_BYTES },
        { name: "b.pdf", content: PDF_BYTES },
      ]),
    );

    const over = await upload(base, colleague, [
      { name: "c.pdf", content: PDF_BYTES },
      { name: "d.pdf", content: PDF_BYTES },
    ]);
    const otherAgency = await upload(base, await login(base, OFFICER), [
      { name: "e.pdf", content: PDF_BYTES },
      { name: "f.pdf", content: PDF_BYTES },
    ]);

    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(otherAgency.status).toBe(201);
    expect(await countRows(db, "evidenceFile")).toBe(4);
    expect(filesUnder(join(dataDir, "uploads"))).toEqual([]);
    await uploaded(await upload(base, colleague, [{ name: "c.pdf", content: PDF_BYTES }]));
    const full = await upload(base, reporter, [{ name: "g.pdf", content: PDF_BYTES }]);
    expect(full.status).toBe(413);
  });
});
