/**
 * Creates an administrator account, for a database started without demo data.
 *   npm run admin:create -- --username quantri --agency VPCP --name "Nguyễn Văn A" [--password …]
 * Without --password, a one-time password is generated and printed once, to be changed at the
 * first sign-in; a given password must pass the password policy. At the first sign-in the
 * administrator also turns on the second factor (required for administrators).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { appendAudit } from "../../db/audit.ts";
import { openDb } from "../../db/open.ts";
import { seedReference } from "../../db/seed-reference.ts";
import { insertUser, usernameExists } from "../../db/user.ts";
import { newPasswordSchema, userCreateInput } from "../../shared/user-input.ts";
import { clockFromEnv } from "../clock.ts";
import { hashPassword } from "../password.ts";
import { passwordProblem } from "../password-policy.ts";

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
  const input = userCreateInput.parse({
    username: values.username,
    fullName: values.name,
    agencyId: agency.id,
    role: "admin",
  });
  const password =
    values.password === undefined
      ? randomBytes(12).toString("base64url")
      : newPasswordSchema.parse(values.password);
  const problem =
    values.password === undefined ? null : await passwordProblem(password, input.username);
  if (problem) throw new Error(`Mật khẩu không dùng được / password refused: ${problem}`);
  if (await usernameExists(db, input.username)) throw new Error(`${input.username} already exists`);
  const passwordHash = await hashPassword(password);
  const now = clockFromEnv(process.env.DONDOC_NOW).now().toISOString();
  await db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      ...input,
      passwordHash,
      createdAt: now,
      mustChangePassword: values.password === undefined,
    });
    await appendAudit(trx, {
      actorId: null,
      at: now,
      action: "create",
      entity: "user",
      entityId: id,
      agencyId: agency.id,
      detail: { username: input.username, role: "admin", by: "cli" },
    });
  });
  console.log(`Đã tạo quản trị viên / administrator created: ${input.username}`);
  if (values.password === undefined) {
    console.log(`Mật khẩu dùng một lần / one-time password: ${password}`);
    console.log("Đổi mật khẩu và bật xác thực hai lớp khi đăng nhập lần đầu.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
