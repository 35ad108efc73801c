import { Textarea, type TextareaProps, TextInput, type TextInputProps } from "@mantine/core";
import type { DateInputProps } from "@mantine/dates";
import { type Control, type FieldPath, type FieldValues, useController } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { DateField } from "./date-field.tsx";
import { useFieldError } from "./form.tsx";

/** A field of a react-hook-form form: `control={form.control} name="summary"`. */
export type BoundField<T extends FieldValues, O> = {
  control: Control<T, unknown, O>;
  name: FieldPath<T>;
};

/** The field's value, change handlers and ref, and its error in the user's language. */
export function useBoundField<T extends FieldValues, O>({ control, name }: BoundField<T, O>) {
  const { field, fieldState } = useController({ control, name });
  const fieldError = useFieldError();
  return { field, error: fieldError(fieldState.error) };
}

type Handled = "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "error";

/** What a text input of the form takes: its value as text, its handlers and its error. */
function useTextField<T extends FieldValues, O>(bound: BoundField<T, O>) {
  const { field, error } = useBoundField(bound);
  return {
    name: field.name,
    ref: field.ref,
    value: typeof field.value === "string" ? field.value : "",
    onChange: field.onChange,
    onBlur: field.onBlur,
    error,
  };
}

/** A line of text of the form, with its error beside it. */
export function TextInputField<T extends FieldValues, O>({
  control,
  name,
  ...props
}: BoundField<T, O> & Omit<TextInputProps, Handled>) {
  return <TextInput {...props} {...useTextField({ control, name })} />;
}

/** Paragraphs of the form (it grows with the text), with its error beside it. */
export function TextareaField<T extends FieldValues, O>({
  control,
  name,
  ...props
}: BoundField<T, O> & Omit<TextareaProps, Handled>) {
  return <Textarea autosize {...props} {...useTextField({ control, name })} />;
}

/**
 * A date of the form, typed as dd/mm/yyyy. `empty` is what the form holds when no date is
 * given (the schema's choice: "", null or undefined); a required date left empty says so.
 */
export function DateInputField<T extends FieldValues, O>({
  control,
  name,
  empty = null,
  ...props
}: BoundField<T, O> & {
  empty?: "" | null | undefined;
} & Omit<DateInputProps, Handled | "valueFormat" | "dateParser">) {
  const { t } = useTranslation();
  const { field, error } = useBoundField({ control, name });
  const value = typeof field.value === "string" && field.value !== "" ? field.value : null;
  return (
    <DateField
      {...props}
      value={value}
      onChange={(next) => field.onChange(next ?? empty)}
      onBlur={field.onBlur}
      ref={field.ref}
      error={
        error !== undefined && value === null && props.required ? t("validation.required") : error
      }
    />
  );
}
