import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/date.ts";
import { useDirectiveChoices } from "./directive-choices.ts";

/** One directive by its number and title; its value is the directive's id. */
export function DirectiveSelect({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  label: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const { directives, isPending } = useDirectiveChoices(value);
  return (
    <Select<number>
      label={label}
      placeholder={placeholder ?? t("common.all")}
      searchable
      clearable
      data={directives.map((directive) => ({
        value: directive.id,
        label: `${directive.number} (${formatDate(directive.issuedOn)}) — ${directive.title}`,
      }))}
      value={value ?? null}
      onChange={(next) => onChange(next ?? undefined)}
      nothingFoundMessage={isPending ? t("common.loading") : t("statistics.noDirective")}
      comboboxProps={{ width: 480, position: "bottom-start" }}
      maxDropdownHeight={320}
    />
  );
}
