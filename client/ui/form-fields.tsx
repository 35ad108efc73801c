import { Textarea, type TextareaProps, TextInput, type TextInputProps } from "@mantine/core";
import {
  type Control,
  type FieldPath,
  type FieldValues,
  type UseFormReturn,
  useController,
  useFormState,
} from "react-hook-form";
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

/** What a bound field sets itself: its props leave these out. */
export type Handled = "name" | "value" | "defaultValue" | "onChange" | "onBlur" | "error" | "ref";

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
 * Binds the field components to a form: `{...bind("summary")}` gives one the form and its name,
 * as react-hook-form's `{...register("summary")}` does for a plain input.
 */
export function bindFields<T extends FieldValues, O>(form: UseFormReturn<T, unknown, O>) {
  return (name: FieldPath<T>): BoundField<T, O> => ({ control: form.control, name });
}
