/**
 * Creates an administrator account, for a database started without demo data.
 *   npm run admin:create -- --username quantri --agency VPCP --name "Nguyễn Văn A" [--password …]
 * Without --password, a random one is generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { appendAudit } from "../../db/audit.ts";
import { openDb } from "../../db/open.ts";
import { seedReference } from "../../db/seed-reference.ts";
import { insertUser, usernameExists } from "../../db/user.ts";
import { userCreateInput } from "../../shared/user.ts";
import { clockFromEnv } from "../clock.ts";
import { hashPassword } from "../password.ts";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    agency: { type: "string", default: "VPCP" },
    name: { type: "string" },
    password: { type: "string" },
  },
});

const db = await openDb(process.env.DONDOC_DB ?? "data/dondoc.db");
try {
  await seedReference(db);
  const agency = await db
    .selectFrom("agency")
    .select("agency.id")
    .where("agency.code", "=", values.agency ?? "VPCP")
    .executeTakeFirst();
  if (!agency) throw new Error(`No agency with code ${values.agency}`);
  const password = values.password ?? randomBytes(12).toString("base64url");
  const input = userCreateInput.parse({
    username: values.username,
    fullName: values.name,
    agencyId: agency.id,
    role: "admin",
    password,
  });
  if (await usernameExists(db, input.username)) throw new Error(`${input.username} already exists`);
  const passwordHash = await hashPassword(input.password);
  const now = clockFromEnv(process.env.DONDOC_NOW).now().toISOString();
  await db.transaction().execute(async (trx) => {
    const { password: _plain, ...account } = input;
    const id = await insertUser(trx, { ...account, passwordHash, createdAt: now });
    await appendAudit(trx, {
      actorId: null,
      at: now,
      action: "create",
      entity: "user",
      entityId: id,
      detail: { username: input.username, role: "admin", by: "cli" },
    });
  });
  console.log(`Đã tạo quản trị viên / administrator created: ${input.username}`);
  if (!values.password) console.log(`Mật khẩu / password: ${password}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
