import { toNestErrors } from "@hookform/resolvers";
import { Alert, Button, Group, type MantineSpacing, Paper, Stack, Title } from "@mantine/core";
import { type FormEventHandler, type ReactNode, useId, useState } from "react";
import type {
  FieldError,
  FieldErrors,
  FieldPath,
  FieldValues,
  Resolver,
  UseFormReturn,
  UseFormSetError,
} from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { decodeMessage } from "../../shared/message.ts";
import { i18n } from "../i18n.ts";
import { errorFacts, isStaleConflict, placeFieldErrors } from "./api-error.ts";

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
  const { onFields, needsAlert } = placeFieldErrors(facts, fields);
  onFields.forEach(({ field, message }, index) => {
    setError(field, { type: "server", message }, { shouldFocus: index === 0 });
  });
  return needsAlert ? (facts.message ?? i18n.t("problem.network")) : null;
}

/**
 * What the server said about a form it refused: `show(error)` puts the field errors beside their
 * fields and keeps the general message for <FormAlert>, and whether the refusal was a stale
 * version (someone changed the thing meanwhile), for which the alert offers a reload.
 */
export function useServerError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fields: readonly FieldPath<T>[],
) {
  const [state, setState] = useState<{ message: string | null; stale: boolean }>({
    message: null,
    stale: false,
  });
  return {
    ...state,
    clear: () => setState({ message: null, stale: false }),
    show: (error: unknown) =>
      setState({
        message: applyServerError(error, setError, fields),
        stale: isStaleConflict(errorFacts(error), fields),
      }),
  };
}

/**
 * Sending a form: `send` gets the checked values and makes the request and what follows it; a
 * refusal lands on the form (see useServerError). `run` sends values without the form's check
 * (a "clear" button); `onSubmit` is the form's submit handler.
 */
export function useSubmit<T extends FieldValues, O extends V, V = O>(
  form: UseFormReturn<T, unknown, O>,
  fields: readonly FieldPath<T>[],
  send: (values: V) => Promise<unknown>,
) {
  const serverError = useServerError(form.setError, fields);
  const run = async (values: V) => {
    serverError.clear();
    try {
      await send(values);
    } catch (error) {
      serverError.show(error);
    }
  };
  return { run, onSubmit: form.handleSubmit(run), serverError };
}

/** A form in a bordered panel, named by its heading (for screen readers too). */
export function FormPanel({
  title,
  order = 3,
  onSubmit,
  children,
}: {
  title: string;
  order?: 2 | 3;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={titleId}
    >
      <Stack gap="sm">
        <Title order={order} fz="h4" id={titleId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
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

/**
 * The general error of a form (not tied to one field), announced to screen readers; with
 * `onReload`, a button to load the thing again (after a stale version).
 */
export function FormAlert({
  message,
  onReload,
  title,
}: {
  message: string | null;
  onReload?: (() => void) | undefined;
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
      {onReload && (
        <Group mt="sm">
          <Button variant="default" size="xs" onClick={onReload}>
            {t("common.reload")}
          </Button>
        </Group>
      )}
    </Alert>
  );
}

/** Submit and cancel, at the end of a form. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
  mt,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel?: (() => void) | undefined;
  mt?: MantineSpacing;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" mt={mt}>
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
