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
