import { Select, type SelectProps } from "@mantine/core";
import type { FieldValues } from "react-hook-form";
import { type BoundField, type Handled, useBoundField } from "./form-fields.tsx";

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
