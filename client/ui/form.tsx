import { toNestErrors } from "@hookform/resolvers";
import { Alert, Button, Group } from "@mantine/core";
import type { ReactNode } from "react";
import type {
  FieldError,
  FieldErrors,
  FieldPath,
  FieldValues,
  Resolver,
  UseFormSetError,
} from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { decodeMessage } from "../../shared/validation.ts";
import { i18n } from "../i18n.ts";
import { errorFacts } from "./api-error.ts";

/**
 * The text of a field's error. Client-side zod messages are encoded translation keys
 * ("validation.tooBig.string|{"max":60}"); messages the server sent are already translated.
 */
export function useFieldError() {
  const { t } = useTranslation();
  return (error: (Pick<FieldError, "message"> & { type?: unknown }) | undefined) => {
    if (!error?.message) return undefined;
    if (error.type === "server") return error.message;
    const { key, params } = decodeMessage(error.message);
    return t(key, { ...params, defaultValue: error.message });
  };
}

/**
 * Puts a server error on the form: each `fieldErrors[path]` on its field (by the field's name or
 * the start of its path), and returns the general message for an alert, or null when the
 * fields already say it all. A network failure returns the generic "cannot reach the server".
 */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly FieldPath<T>[],
): string | null {
  const facts = errorFacts(error);
  let first = true;
  let allPlaced = true;
  for (const [path, message] of Object.entries(facts.fieldErrors)) {
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
    if (field) {
      setError(field, { type: "server", message }, { shouldFocus: first });
      first = false;
    } else {
      allPlaced = false;
    }
  }
  // "Username taken" shows beside the field; saying it twice helps no one.
  const saidByAField = Object.values(facts.fieldErrors).includes(facts.message ?? "");
  if (!first && allPlaced && saidByAField) return null;
  return facts.message ?? i18n.t("problem.network");
}

/**
 * A resolver validating with a shared zod schema when the form's values are not the schema's
 * input: fields may be unset while the user has not chosen (no lead agency yet, no deadline
 * decided), and ids and versions come from the page (`fixed`), not from fields.
 */
export function sharedSchemaResolver<Values extends FieldValues, Output>(
  schema: z.ZodType<Output>,
  /** Values the schema needs that are not fields of the form (ids, versions). */
  fixed: Record<string, unknown> = {},
): Resolver<Values, unknown, Output> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync({ ...values, ...fixed });
    if (result.success) return { values: result.data, errors: {} };
    const flat: FieldErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join(".");
      flat[path] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}

/** The general error of a form (not tied to one field), announced to screen readers. */
export function FormAlert({
  message,
  action,
  title,
}: {
  message: string | null;
  action?: ReactNode;
  /** Defaults to "not saved"; null for none. */
  title?: string | null;
}) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={title === undefined ? t("form.errorTitle") : title}
      role="alert"
    >
      {message}
      {action && <Group mt="sm">{action}</Group>}
    </Alert>
  );
}

/** Submit and cancel, at the end of a form. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      )}
    </Group>
  );
}
