import { hash, verify } from "@node-rs/argon2";

/** Argon2id with the OWASP cheat sheet's first parameter set: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = {
  algorithm: 2 satisfies 0 | 1 | 2, // Algorithm.Argon2id (a const enum the bundler cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy password for unknown users");
  return decoyHash;
}
