/** Roles. The database has a CHECK on the same list. */
export const ROLES = ["officer", "leader", "reporter", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** The shortest password accepted (OWASP ASVS 2.1.1: at least 12 characters). */
export const PASSWORD_MIN = 12;

export const USER_STATES = ["active", "inactive"] as const;

/**
 * What a signed-in user must do before anything else: change a one-time password, then (an
 * administrator) turn on the second factor. The server refuses every other procedure meanwhile.
 */
export type AccountStep = "change_password" | "enable_second_factor";

export function pendingAccountStep(user: {
  role: Role;
  mustChangePassword: boolean;
  secondFactor: boolean;
}): AccountStep | null {
  if (user.mustChangePassword) return "change_password";
  if (user.role === "admin" && !user.secondFactor) return "enable_second_factor";
  return null;
}
