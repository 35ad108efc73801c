/**
 * The inputs of the user procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from user.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { encodeMessage } from "./message.ts";
import { PASSWORD_MIN, ROLES, USER_STATES, USERNAME } from "./user.ts";
import { idSchema, nameSchema, pageFields, requiredTextSchema } from "./validation.ts";

/** A six-digit code of the authenticator app, or a recovery code ("xxxx-xxxx-xxxx"). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .max(32)
  .transform((code) => code.replace(/\s/g, ""));

export const loginInput = z.object({
  username: requiredTextSchema(64),
  password: z.string().min(1).max(256),
  /** The second factor, for accounts that have one (asked for after the password). */
  code: secondFactorCodeSchema.optional(),
});
export type LoginInput = z.input<typeof loginInput>;

/**
 * A new password: at least PASSWORD_MIN characters, no composition rules, long passphrases
 * allowed, never blank. The server also refuses the most common passwords and the username.
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN)
  .max(256)
  .refine((password) => password.trim() !== "", {
    error: encodeMessage("validation.tooSmall.string", { min: PASSWORD_MIN }),
  });

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME, { error: encodeMessage("validation.username") });

/**
 * An administrator creates an account without choosing its password: the server makes a
 * one-time password, shown once, which the user must change at the first sign-in.
 */
/** What an administrator sets of an account, when creating it and afterwards. */
const accountFields = {
  fullName: nameSchema(200),
  agencyId: idSchema,
  role: z.enum(ROLES),
};

export const userCreateInput = z.object({ username: usernameSchema, ...accountFields });
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userUpdateInput = z.object({ id: idSchema, ...accountFields });
export type UserUpdateInput = z.input<typeof userUpdateInput>;

export const userSetActiveInput = z.object({ id: idSchema, active: z.boolean() });
export type UserSetActiveInput = z.input<typeof userSetActiveInput>;

export const userListInput = z.object({
  /** Words of the username or the full name, with or without diacritics. */
  query: z.string().trim().max(100).default(""),
  role: z.enum(ROLES).optional(),
  agencyId: idSchema.optional(),
  state: z.enum(USER_STATES).optional(),
  ...pageFields(200),
});
export type UserListInput = z.input<typeof userListInput>;

export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;

/** Turning on the second factor: the code the app shows for the secret being set up. */
export const secondFactorEnableInput = z.object({
  code: secondFactorCodeSchema.pipe(z.string().min(6)),
});
export type SecondFactorEnableInput = z.input<typeof secondFactorEnableInput>;

/** Turning it off needs the password again. */
export const secondFactorDisableInput = z.object({ password: z.string().min(1).max(256) });
export type SecondFactorDisableInput = z.input<typeof secondFactorDisableInput>;
