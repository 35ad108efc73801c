import { isTRPCClientError } from "@trpc/client";
import type { AppRouter } from "../../server/router.ts";

export type ErrorFacts = {
  /** The server's message, already in the user's language; null when the server was not reached. */
  message: string | null;
  /** The tRPC code ("NOT_FOUND", "CONFLICT"...), when the server answered. */
  code: string | null;
  /** Field path → message, for the form fields the error is about. */
  fieldErrors: Record<string, string>;
};

/** What an error of a query or mutation says, whatever its kind. */
export function errorFacts(error: unknown): ErrorFacts {
  if (isTRPCClientError<AppRouter>(error)) {
    const data = error.data;
    if (data) {
      return { message: error.message, code: data.code, fieldErrors: data.fieldErrors };
    }
  }
  return { message: null, code: null, fieldErrors: {} };
}

export function hasErrorCode(error: unknown, code: string): boolean {
  return errorFacts(error).code === code;
}

/** Client errors (4xx) are answers, not accidents: retrying will not change them. */
export function isClientError(error: unknown): boolean {
  if (!isTRPCClientError<AppRouter>(error)) return false;
  const status = error.data?.httpStatus ?? 0;
  return status >= 400 && status < 500;
}

/** The form field an error path belongs to: the field itself or a part of it ("fileIds.0"). */
function fieldOf<F extends string>(path: string, fields: readonly F[]): F | undefined {
  return fields.find((name) => path === name || path.startsWith(`${name}.`));
}

/**
 * Where a refused form's errors go: each field error beside its field, and whether the general
 * message still needs an alert (not when the fields it concerns already say it all).
 */
export function placeFieldErrors<F extends string>(
  facts: ErrorFacts,
  fields: readonly F[],
): { onFields: { field: F; message: string }[]; needsAlert: boolean } {
  const onFields: { field: F; message: string }[] = [];
  let allPlaced = true;
  for (const [path, message] of Object.entries(facts.fieldErrors)) {
    const field = fieldOf(path, fields);
    if (field) onFields.push({ field, message });
    else allPlaced = false;
  }
  // "Username taken" shows beside the field; saying it twice helps no one.
  const saidByAField = Object.values(facts.fieldErrors).includes(facts.message ?? "");
  return { onFields, needsAlert: !(onFields.length > 0 && allPlaced && saidByAField) };
}

/**
 * Someone else changed the thing meanwhile (CONFLICT on its version): reloading helps. A
 * conflict about a field of the form (a directive number already taken) is not.
 */
export function isStaleConflict(facts: ErrorFacts, fields: readonly string[]): boolean {
  return (
    facts.code === "CONFLICT" &&
    !Object.keys(facts.fieldErrors).some((path) => fieldOf(path, fields) !== undefined)
  );
}
