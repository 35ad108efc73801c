import { TRPCError } from "@trpc/server";
import { encodeMessage } from "../shared/message.ts";

type Code =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

/** Carries the form field an error belongs to, so the browser can show it beside the field. */
export class FieldCause extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

/**
 * Throws a standard tRPC error whose message is a translation key with parameters; the error
 * formatter turns it into the user's language.
 */
export function fail(
  code: Code,
  key: string,
  params?: Record<string, string | number>,
  field?: string,
): never {
  throw new TRPCError({
    code,
    message: encodeMessage(key, params),
    ...(field ? { cause: new FieldCause(field) } : {}),
  });
}
