import { z } from "zod";
import { encodeMessage, idSchema, nameSchema, requiredTextSchema } from "./validation.ts";

/** Roles. The database has a CHECK on the same list. */
export const ROLES = ["officer", "leader", "reporter", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const loginInput = z.object({
  username: requiredTextSchema(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.input<typeof loginInput>;

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export const userCreateInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(USERNAME, { error: encodeMessage("validation.username") }),
  fullName: nameSchema(200),
  agencyId: idSchema,
  role: z.enum(ROLES),
  /** OWASP: at least 8 characters, no composition rules, long passphrases allowed. */
  password: z.string().min(8).max(256),
});
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userListInput = z.object({
  query: z.string().trim().max(100).default(""),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type UserListInput = z.input<typeof userListInput>;
