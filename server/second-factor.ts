import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/**
 * The optional second factor (required for administrators): TOTP as authenticator apps do it
 * (RFC 6238, 6 digits, 30 s; otplib), and ten one-time recovery codes for a lost phone.
 */

const ISSUER = "Đôn Đốc";
const PERIOD_SECONDS = 30;

export function newSecondFactorSecret(): string {
  return generateSecret();
}

/** What an authenticator app scans: the otpauth:// URI and its QR code as an SVG image. */
export async function enrolment(secret: string, username: string) {
  const uri = generateURI({ issuer: ISSUER, label: username, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

/**
 * The time step of a valid code at `now` (one step of clock drift either way), or null. A code
 * at or before `lastStep` is refused: a code is good once.
 */
export async function verifyCode(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: PERIOD_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid ? Math.floor(epoch / PERIOD_SECONDS) + result.delta : null;
}

const RECOVERY_CODES = 10;

/** Ten recovery codes, "xxxx-xxxx-xxxx" in lower-case base 32 (60 bits each). */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length] ?? "a");
    return [0, 4, 8].map((start) => chars.slice(start, start + 4).join("")).join("-");
  });
}

/** Recovery codes are stored by their SHA-256, typed with or without dashes and spaces. */
export function recoveryCodeHash(code: string): string {
  const normal = code.toLowerCase().replace(/[^a-z0-9]/g, "");
  return createHash("sha256").update(normal).digest("hex");
}
