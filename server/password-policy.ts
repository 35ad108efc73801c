/**
 * What a new password must not be (OWASP ASVS 2.1: length, no composition rules, no common
 * passwords, not the username). The length is checked by the shared schema (the form shows it at
 * once); these checks need the list, which stays on the server.
 *
 * The list: the 49,000 most common passwords of zxcvbn-ts's common dictionary
 * (@zxcvbn-ts/language-common, MIT, maintained), and a few words every Vietnamese office tries.
 */
const VIETNAMESE = [
  "matkhau",
  "matkhaumoi",
  "dondoc",
  "quantri",
  "quantrivien",
  "admin",
  "vietnam",
  "hanoi",
  "saigon",
  "hochiminh",
  "bocongthuong",
  "chinhphu",
  "anhyeuem",
  "emyeuanh",
  "iloveyou",
  "qwerty",
  "abc",
] as const;

let common: Promise<ReadonlySet<string>> | undefined;

/** The list, loaded by the first new password (0.1 s and 15 MB that a server's start skips). */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set<string>([...dictionary["passwords-common"], ...VIETNAMESE]),
  );
  return common;
}

export type PasswordProblem = "common" | "username" | "monotonous";

/** The forms a password is looked up under: as typed (lower case), and without the digits and
 * signs people add at its ends ("Password2024!" is "password"). */
function candidates(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const compact = lower.replace(/\s+/g, "");
  return [lower, core, compact];
}

/** Why a new password is refused, or null when it is acceptable. */
export async function passwordProblem(
  password: string,
  username: string,
): Promise<PasswordProblem | null> {
  if (new Set(password.replace(/\s/g, "")).size < 4) return "monotonous";
  const name = username.toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return "username";
  const known = await commonPasswords();
  if (candidates(password).some((candidate) => candidate !== "" && known.has(candidate))) {
    return "common";
  }
  return null;
}
