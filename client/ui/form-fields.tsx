import {
  Select,
  type SelectProps,
  Textarea,
  type TextareaProps,
  TextInput,
  type TextInputProps,
} from "@mantine/core";
import type { DateInputProps } from "@mantine/dates";
import {
  type Control,
  type FieldPath,
  type FieldValues,
  type UseFormReturn,
  useController,
  useFormState,
} from "react-hook-form";
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

type Handled = "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "error" | "ref";

/**
 * What a text input of the form takes: registered as react-hook-form registers a plain input
 * (uncontrolled: the browser keeps the text), with its error in the user's language.
 */
function useTextField<T extends FieldValues, O>({ control, name }: BoundField<T, O>) {
  const formState = useFormState({ control, name });
  const fieldError = useFieldError();
  return {
    ...control.register(name),
    error: fieldError(control.getFieldState(name, formState).error),
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

/**
 * Binds the field components to a form: `{...bind("summary")}` gives one the form and its name,
 * as react-hook-form's `{...register("summary")}` does for a plain input.
 */
export function bindFields<T extends FieldValues, O>(form: UseFormReturn<T, unknown, O>) {
  return (name: FieldPath<T>): BoundField<T, O> => ({ control: form.control, name });
}

/** One of a fixed list of values of the form (a directive's type, a user's role), in words. */
export function SelectField<T extends FieldValues, O, V extends string>({
  control,
  name,
  values,
  labelOf,
  ...props
}: BoundField<T, O> & {
  values: readonly V[];
  labelOf: (value: V) => string;
} & Omit<SelectProps, Handled | "data">) {
  const { field, error } = useBoundField({ control, name });
  return (
    <Select
      allowDeselect={false}
      {...props}
      data={values.map((value) => ({ value, label: labelOf(value) }))}
      value={typeof field.value === "string" ? field.value : null}
      onChange={(value) => {
        const chosen = values.find((item) => item === value);
        if (chosen) field.onChange(chosen);
      }}
      onBlur={field.onBlur}
      ref={field.ref}
      error={error}
    />
  );
}
