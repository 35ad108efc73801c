/**
 * The building blocks of the input schemas (shared/*-input.ts): dates, ids, typed text, and zod's
 * messages as translation keys (shared/message.ts).
 */
import { z } from "zod";
import { isIsoDate } from "./date.ts";
import { encodeMessage } from "./message.ts";

function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return encodeMessage(
        issue.input === undefined ? "validation.required" : "validation.invalid",
      );
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) {
        return encodeMessage("validation.required");
      }
      if (issue.origin === "array" && Number(issue.minimum) <= 1) {
        return encodeMessage("validation.chooseOne");
      }
      return encodeMessage(`validation.tooSmall.${issue.origin}`, {
        min: Number(issue.minimum),
      });
    case "too_big":
      return encodeMessage(`validation.tooBig.${issue.origin}`, { max: Number(issue.maximum) });
    case "invalid_value":
      return encodeMessage("validation.invalidChoice");
    case "invalid_format":
      return encodeMessage("validation.invalidFormat");
    default:
      return encodeMessage("validation.invalid");
  }
}

z.config({ customError: issueMessage });

/** A calendar date "YYYY-MM-DD" that exists. */
export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { error: encodeMessage("validation.invalidDate") });

export const idSchema = z.number().int().positive();

/**
 * Bidirectional overrides and isolates (U+202A–202E, U+2066–2069): they make text read in
 * another order than it is stored ("Trojan Source"), nothing Vietnamese needs them.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

/** Invisible characters (zero-width space, joiners, word joiner, BOM): two names that look the same. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/u;

/**
 * Text a person types: trimmed, in Unicode NFC (a name typed with combining accents and one
 * typed precomposed are the same name), with a length limit, without bidirectional controls.
 */
export function textSchema(max: number) {
  return z
    .string()
    .trim()
    .normalize("NFC")
    .max(max)
    .refine((text) => !BIDI_CONTROL.test(text), { error: encodeMessage("trust.bidiControl") });
}

export function requiredTextSchema(max: number) {
  return textSchema(max).min(1);
}

/** A title, a name or a number: required text without invisible characters either. */
export function nameSchema(max: number) {
  return requiredTextSchema(max).refine((text) => !INVISIBLE.test(text), {
    error: encodeMessage("trust.invisibleCharacter"),
  });
}

/** The input of every `byId` procedure. */
export const byIdInput = z.object({ id: idSchema });

/** A page of a list: its number and size (at most `max` rows, `size` unless asked). */
export function pageFields(max: number, size = 50) {
  return {
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(max).default(size),
  };
}
