import { dirname, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { sql } from "kysely";
import { ConnectionGate } from "../db/connection-gate.ts";
import { openDb } from "../db/open.ts";
import { seedDatabase } from "../db/seed.ts";
import { createApp } from "./app.ts";
import { configFromEnv } from "./config.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_SECRET } from "./demo.ts";
import { fileSync, groupCommit } from "./durability.ts";
import { MAIL_INTERVAL_MS, MAIL_JOBS, startJobs } from "./jobs.ts";
import { createLogger } from "./log.ts";
import { smtpSender } from "./mail.ts";
import { hashPassword } from "./password.ts";
import { readPool } from "./read-pool.ts";
import { requestLogWritten } from "./trpc.ts";
import { walKeeper } from "./wal-keeper.ts";

// V8 lets its heap grow up to four times what is live between two full collections: the server
// kept 40 MB live in a 200 MB heap under load. 30 % of growth keeps it under 100 MB for the same
// work (issue 12: resident memory under 250 MB).
setFlagsFromString("--heap-growing-percent=30");

const config = configFromEnv(process.env);
const logger = createLogger({ level: process.env.DONDOC_LOG_LEVEL ?? "info" });
// Group commit: commits do not wait for the disk; changes are answered after a shared
// synchronising commit (server/durability.ts). Not for an in-memory database.
const grouped = config.dbPath !== ":memory:";
const gate = new ConnectionGate();
const db = await openDb(config.dbPath, { synchronous: grouped ? "NORMAL" : "FULL", gate });
const commits = grouped
  ? groupCommit(config.dbPath, { before: () => requestLogWritten(db) })
  : null;

const isNew = (await db.selectFrom("agency").select("agency.id").limit(1).execute()).length === 0;
if (isNew) {
  const demo = config.demo
    ? {
        now: config.clock.now(),
        passwordHash: await hashPassword(DEMO_PASSWORD),
        adminSecondFactorSecret: DEMO_SECOND_FACTOR_SECRET,
      }
    : null;
  await seedDatabase(db, { demo });
  if (!config.demo && process.env.DONDOC_DEMO === undefined) {
    console.log(
      `Không tạo dữ liệu minh họa khi chạy tại ${config.host} / no demo data on a non-loopback address (DONDOC_DEMO=1 to have it).`,
    );
  }
}

// The demo accounts' password is published: they may exist only in demo mode.
const demoAccounts = await db
  .selectFrom("appUser")
  .select("appUser.username")
  .where(
    "appUser.username",
    "in",
    DEMO_LOGINS.map(([username]) => username),
  )
  .where("appUser.isActive", "=", 1)
  .execute();
if (demoAccounts.length > 0 && !config.demo) {
  console.error(
    `Cơ sở dữ liệu có tài khoản minh họa (mật khẩu công khai) nhưng máy chủ không ở chế độ minh họa (HOST=${config.host}).\n` +
      "The database has the demo accounts (published password) but the server is not in demo mode.\n" +
      "Đặt DONDOC_DEMO=1 nếu cố ý chạy bản minh họa tại địa chỉ này, hoặc khóa các tài khoản đó / set DONDOC_DEMO=1 to run the demo there on purpose, or deactivate those accounts.",
  );
  process.exit(1);
}
const demoMode = config.demo && demoAccounts.length > 0;

const dataDir = dirname(resolve(config.dbPath));
// The leaders' long reads on reader threads (one by default: this server has few cores).
const readers = readPool(config.dbPath, Number(process.env.DONDOC_READ_THREADS ?? 1));
// WAL checkpoints on the reader thread every half second, the WAL started again from its beginning
// at 64 MB (server/wal-keeper.ts); this connection checkpoints itself only if that ever fails to
// keep up (at 256 MB), and a WAL that grew is cut back to 64 MB when it restarts.
let checkpointTimer: NodeJS.Timeout | undefined;
const databaseFile = fileSync(config.dbPath);
if (readers) {
  await sql`PRAGMA wal_autocheckpoint = 65536`.execute(db);
  await sql`PRAGMA journal_size_limit = 67108864`.execute(db);
  const keepWal = walKeeper({
    ...readers,
    gate,
    restartAtPages: 16384,
    syncDatabase: databaseFile.sync,
  });
  let checkpointing = false;
  checkpointTimer = setInterval(() => {
    if (checkpointing) return;
    checkpointing = true;
    keepWal()
      .catch((error: unknown) => logger.error({ err: error }, "checkpoint failed"))
      .finally(() => {
        checkpointing = false;
      });
  }, 500);
  checkpointTimer.unref();
}
const app = createApp({
  ...(readers ? { reads: readers.reads } : {}),
  ...(commits ? { durable: commits.durable } : {}),
  db,
  clock: config.clock,
  secureCookies: config.secureCookies,
  dataDir,
  logger,
  demo: demoMode,
});
// Housekeeping (expired sessions, abandoned uploads), reminders and digests: now and every hour;
// the outbox is sent every minute (retries with backoff) when SMTP is configured.
const mail = { publicUrl: config.publicUrl, send: config.smtp ? smtpSender(config.smtp) : null };
const onError = (job: { name: string }, error: unknown) =>
  logger.error({ err: error, job: job.name }, "job failed");
const jobDeps = {
  db,
  dataDir,
  clock: config.clock,
  mail,
  ...(readers ? { reads: readers.reads } : {}),
};
let jobs: ReturnType<typeof startJobs> | null = null;
let mailJobs: ReturnType<typeof startJobs> | null = null;
const server = app.listen(config.port, config.host, async () => {
  // The jobs' first round once the server listens: it does not delay the start.
  jobs = startJobs(jobDeps, { onError });
  mailJobs = startJobs(jobDeps, { jobs: MAIL_JOBS, intervalMs: MAIL_INTERVAL_MS, onError });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  console.log(`Đôn Đốc đang chạy tại / is running at ${url}`);
  console.log(`Cơ sở dữ liệu / database: ${config.dbPath}`);
  if (demoMode) {
    console.log(`Tài khoản minh họa / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const [username, label] of DEMO_LOGINS) console.log(`  ${username.padEnd(16)} ${label}`);
    const command = `${port === 3000 ? "" : `PORT=${port} `}npm run demo:code`;
    console.log(`Mã xác thực hai lớp của quantri / quantri's second-factor code: ${command}`);
  } else {
    console.log("Chưa có tài khoản minh họa. Tạo quản trị viên đầu tiên: npm run admin:create");
  }
});

// What the jobs write (reminders, mail) is not answered to anyone: it reaches the disk within a
// second, with the next synchronising commit.
let changesSynced = 0;
const syncTimer = setInterval(async () => {
  if (!commits) return;
  const { rows } = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(db);
  const changes = Number(rows[0]?.n ?? 0);
  if (changes !== changesSynced) {
    changesSynced = changes;
    await commits.durable().catch((error: unknown) => logger.error({ err: error }, "sync failed"));
  }
}, 1_000);
syncTimer.unref();

function shutdown() {
  const jobsStopped = Promise.all([jobs?.stop(), mailJobs?.stop()]);
  clearInterval(syncTimer);
  clearInterval(checkpointTimer);
  server.close(() => {
    // The reader threads and the database close once no job uses them any more.
    void jobsStopped
      .then(() => Promise.all([readers?.close(), commits?.durable()]))
      .then(() => {
        commits?.close();
        return Promise.all([db.destroy(), databaseFile.close()]);
      })
      .then(() => process.exit(0));
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
