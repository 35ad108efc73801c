import type { DateInputProps } from "@mantine/dates";
import type { FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { DateField } from "./date-field.tsx";
import { type BoundField, type Handled, useBoundField } from "./form-fields.tsx";

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
