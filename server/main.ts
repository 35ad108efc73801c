import { dirname, resolve } from "node:path";
import { openDb } from "../db/open.ts";
import { seedDatabase } from "../db/seed.ts";
import { createApp } from "./app.ts";
import { configFromEnv } from "./config.ts";
import { DEMO_LOGINS, DEMO_PASSWORD } from "./demo.ts";
import { startJobs } from "./jobs.ts";
import { hashPassword } from "./password.ts";

const config = configFromEnv(process.env);
const db = await openDb(config.dbPath);

const isNew = (await db.selectFrom("agency").select("agency.id").limit(1).execute()).length === 0;
if (isNew) {
  const demo = config.demo
    ? { now: config.clock.now(), passwordHash: await hashPassword(DEMO_PASSWORD) }
    : null;
  await seedDatabase(db, { demo });
}

const dataDir = dirname(resolve(config.dbPath));
const app = createApp({ db, clock: config.clock, secureCookies: config.secureCookies, dataDir });
// Housekeeping (expired sessions, abandoned uploads): now and every hour.
const jobs = startJobs({ db, dataDir, clock: config.clock });
const server = app.listen(config.port, config.host, async () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  console.log(`Đôn Đốc đang chạy tại / is running at ${url}`);
  console.log(`Cơ sở dữ liệu / database: ${config.dbPath}`);
  const hasDemo =
    (
      await db
        .selectFrom("appUser")
        .select("appUser.id")
        .where("appUser.username", "=", "canbo.bct")
        .execute()
    ).length > 0;
  if (hasDemo) {
    console.log(`Tài khoản minh họa / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const [username, label] of DEMO_LOGINS) console.log(`  ${username.padEnd(16)} ${label}`);
  } else {
    console.log("Chưa có tài khoản minh họa. Tạo quản trị viên đầu tiên: npm run admin:create");
  }
});

function shutdown() {
  jobs.stop();
  server.close(() => {
    void db.destroy().then(() => process.exit(0));
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
