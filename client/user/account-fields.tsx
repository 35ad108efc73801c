import type { FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../shared/user.ts";
import { AgencySelect } from "../agency/agency-picker.tsx";
import { type BoundField, TextInputField, useBoundField } from "../ui/form-fields.tsx";
import { SelectField } from "../ui/select-field.tsx";

function AgencyField<T extends FieldValues, O>(props: BoundField<T, O>) {
  const { t } = useTranslation();
  const { field, error } = useBoundField(props);
  return (
    <AgencySelect
      label={t("user.agency")}
      required
      value={typeof field.value === "number" ? field.value : undefined}
      onChange={field.onChange}
      onBlur={field.onBlur}
      name={field.name}
      error={error}
    />
  );
}

/** An account's full name, agency and role, as creating and editing an account both ask. */
export function AccountFields<T extends FieldValues, O>({
  fullName,
  agency,
  role,
}: {
  fullName: BoundField<T, O>;
  agency: BoundField<T, O>;
  role: BoundField<T, O>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInputField {...fullName} label={t("user.fullName")} required />
      <AgencyField {...agency} />
      <SelectField
        {...role}
        values={ROLES}
        labelOf={(value) => t(`role.${value}`)}
        label={t("user.role")}
        required
      />
    </>
  );
}
