import { existsSync, utimesSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/open.ts";
import { fixedClock } from "../../server/clock.ts";
import { resolveSession } from "../../server/context.ts";
import {
  filesDirOf,
  purgeStaleUploads,
  uploadsDirOf,
  writeUpload,
} from "../../server/file-store.ts";
import {
  JOB_INTERVAL_MS,
  type Job,
  purgeAbandonedUploads,
  purgeExpiredSessions,
  purgeLoginFailures,
  runJobs,
  startJobs,
} from "../../server/jobs.ts";
import { SESSION_HOURS } from "../../server/session.ts";
import { dataDirOf, freshDb, signIn, TEST_NOW } from "../support/api.ts";
import { filesUnder, PDF_BYTES, uploadAs } from "../support/evidence.ts";

const NOW = new Date(TEST_NOW);

function hoursBefore(hours: number): string {
  return new Date(NOW.getTime() - hours * 3_600_000).toISOString();
}

async function sessionIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("session").select("session.id").execute();
  return rows.map((row) => row.id);
}

/** Signs in at `at`; returns the session token. */
async function tokenAt(db: Db, username: string, at: string): Promise<string> {
  return (await signIn(db, username, { clock: fixedClock(at) })).token;
}

describe("purging expired sessions", () => {
  it("removes the sessions expired at the job's instant and keeps the live one", async () => {
    const db = await freshDb();
    const expired = await tokenAt(db, "canbo.bct", hoursBefore(SESSION_HOURS + 8));
    const endsNow = await tokenAt(db, "lanhdao.bct", hoursBefore(SESSION_HOURS));
    const live = await tokenAt(db, "baocao.pvn", hoursBefore(1));
    expect(await sessionIds(db)).toHaveLength(3);

    await purgeExpiredSessions({ db, dataDir: dataDirOf(db) }, NOW);

    expect(await sessionIds(db)).toHaveLength(1);
    const clock = fixedClock(NOW);
    expect((await resolveSession(db, clock, live)).user?.username).toBe("baocao.pvn");
    expect((await resolveSession(db, clock, expired)).user).toBeNull();
    expect((await resolveSession(db, clock, endsNow)).user).toBeNull();
  });
});

describe("purging abandoned uploads", () => {
  it("removes uploads left pending longer than a day, rows and files, and keeps recent ones", async () => {
    const db = await freshDb();
    const dataDir = dataDirOf(db);
    const filesDir = filesDirOf(dataDir);
    const file = { name: "bao-cao.pdf", content: PDF_BYTES };
    const abandoned = await uploadAs(db, "baocao.langson", file, { filesDir, at: hoursBefore(25) });
    const recent = await uploadAs(db, "baocao.langson", file, { filesDir, at: hoursBefore(23) });
    expect(filesUnder(filesDir)).toHaveLength(2);

    await purgeAbandonedUploads({ db, dataDir }, NOW);

    const left = await db.selectFrom("evidenceFile").select("evidenceFile.id").execute();
    expect(left.map((row) => row.id)).toEqual([recent.id]);
    expect(left.map((row) => row.id)).not.toContain(abandoned.id);
    expect(filesUnder(filesDir)).toHaveLength(1);
  });
});

describe("running the jobs", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports a failing job and still runs the others", async () => {
    const db = await freshDb();
    await tokenAt(db, "canbo.bct", hoursBefore(SESSION_HOURS + 1));
    const failing: Job = async () => {
      throw new Error("disk full");
    };
    const failures: unknown[] = [];

    await runJobs(
      { db, dataDir: dataDirOf(db) },
      [failing, purgeExpiredSessions],
      NOW,
      (job, error) => failures.push([job, error]),
    );

    expect(failures).toEqual([[failing, new Error("disk full")]]);
    expect(await sessionIds(db)).toEqual([]);
  });

  it("runs at start and then every hour at the clock's instant, until stopped", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const db = await freshDb({ demo: false });
    const runs: Date[] = [];
    const record: Job = async (_deps, now) => {
      runs.push(now);
    };

    const jobs = startJobs(
      { db, dataDir: dataDirOf(db), clock: fixedClock(NOW) },
      { jobs: [record] },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([NOW]);

    await vi.advanceTimersByTimeAsync(JOB_INTERVAL_MS);
    expect(runs).toEqual([NOW, NOW]);

    await jobs.stop();
    await vi.advanceTimersByTimeAsync(3 * JOB_INTERVAL_MS);
    expect(runs).toHaveLength(2);
  });

  it("stops after the job under way, which it waits for, and starts no other", async () => {
    const db = await freshDb({ demo: false });
    let finish = () => {};
    const ran: string[] = [];
    const slow: Job = async () => {
      ran.push("slow");
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      ran.push("slow done");
    };
    const next: Job = async () => {
      ran.push("next");
    };
    const jobs = startJobs(
      { db, dataDir: dataDirOf(db), clock: fixedClock(NOW) },
      { jobs: [slow, next] },
    );
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(ran).toEqual(["slow", "slow done"]);
  });
});

describe("purging temporary upload files", () => {
  it("removes files of uploads cut off over an hour ago and keeps one being written", async () => {
    const db = await freshDb({ demo: false });
    const dataDir = dataDirOf(db);
    const stale = await writeUpload(dataDir, PDF_BYTES);
    const current = await writeUpload(dataDir, PDF_BYTES);
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);

    const removed = await purgeStaleUploads(uploadsDirOf(dataDir), 3_600_000, Date.now());

    expect(removed).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(current)).toBe(true);
  });
});

describe("purging old sign-in failures", () => {
  it("removes failures older than the throttle's longest window and keeps the recent ones", async () => {
    const db = await freshDb({ demo: false });
    const row = (hours: number) => ({
      at: hoursBefore(hours),
      address: "192.0.2.7",
      username: "canbo.bct",
    });
    await db
      .insertInto("loginFailure")
      .values([row(25), row(23), row(1)])
      .execute();

    await purgeLoginFailures({ db, dataDir: dataDirOf(db) }, NOW);

    const left = await db.selectFrom("loginFailure").select("loginFailure.at").execute();
    expect(left.map((failure) => failure.at).sort()).toEqual([hoursBefore(23), hoursBefore(1)]);
  });
});
