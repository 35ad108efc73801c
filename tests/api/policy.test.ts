import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { POLICY } from "../../server/policy.ts";
import { appRouter } from "../../server/router.ts";
import { ROLES } from "../../shared/user.ts";
import { anonymousCaller, type Caller, freshDb } from "../support/api.ts";
import { callerOf, createUser } from "../support/factory.ts";

/** Every procedure of the router, by path ("task.byId"), walked from the router itself. */
const PATHS = Object.keys(appRouter._def.procedures).sort();

/** Calls a procedure by its path with an empty input; returns the refusal, or null. */
async function refusalOf(caller: unknown, path: string): Promise<TRPCError | null> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = Reflect.get(Object(target), key);
  if (typeof target !== "function") throw new Error(`${path} is not callable`);
  try {
    await target({});
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

describe("the policy table (server/policy.ts)", () => {
  it("has a line for every procedure of the router, and none for a procedure it does not have", () => {
    expect(PATHS.filter((path) => !(path in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((path) => !PATHS.includes(path))).toEqual([]);
  });

  it("refuses anonymous callers every procedure but the public ones (UNAUTHORIZED)", async () => {
    const db = await freshDb({ demo: false });
    const anonymous = anonymousCaller(db);

    for (const path of PATHS) {
      const refusal = await refusalOf(anonymous, path);
      if (POLICY[path]?.access === "public") {
        expect(refusal?.code, path).not.toBe("UNAUTHORIZED");
      } else {
        expect(refusal?.code, path).toBe("UNAUTHORIZED");
      }
    }
  });

  it("holds an account with a one-time password to the account procedures", async () => {
    const db = await freshDb({ demo: false });
    const user = await createUser(db, { role: "leader", agency: "BCT" });
    await db
      .updateTable("appUser")
      .set({ mustChangePassword: 1 })
      .where("appUser.id", "=", user.id)
      .execute();
    // A new session sees the account as it is now.
    const caller = await callerOf(db, user.id);

    for (const path of PATHS) {
      const access = POLICY[path]?.access;
      const refusal = await refusalOf(caller, path);
      const held = refusal?.message === 'trust.accountStep|{"step":"change_password"}';
      expect(held, path).toBe(access !== "public" && access !== "account");
    }
  });

  it("lets only the listed roles call a role-limited procedure", async () => {
    const db = await freshDb({ demo: false });
    const callers = new Map<string, Caller>();
    for (const role of ROLES) {
      callers.set(role, (await createUser(db, { role, agency: "BCT" })).caller);
    }
    const limited = PATHS.filter((path) => Array.isArray(POLICY[path]?.access));
    expect(limited.length).toBeGreaterThan(0);

    for (const path of limited) {
      const access = POLICY[path]?.access;
      for (const role of ROLES) {
        const refusal = await refusalOf(callers.get(role), path);
        const forbidden = refusal?.code === "FORBIDDEN" && refusal.message === "error.forbidden";
        expect(forbidden, `${path} as ${role}`).toBe(!(access ?? []).includes(role));
      }
    }
  });
});
