import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { URGED_FILTERS, type UrgedFilter } from "../../shared/statistic.ts";

/** Urged tasks only, never-urged ones only, or both: the `urged` parameter of the URL. */
export function UrgedSelect({
  value,
  onChange,
  w,
}: {
  value: UrgedFilter;
  onChange: (value: UrgedFilter | null) => void;
  w?: { base: string; sm: number } | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("statistics.urgedFilter.label")}
      data={URGED_FILTERS.map((filter) => ({
        value: filter,
        label: t(`statistics.urgedFilter.option.${filter}`),
      }))}
      value={value}
      allowDeselect={false}
      onChange={(next) => {
        const filter = URGED_FILTERS.find((item) => item === next);
        onChange(filter === undefined || filter === "all" ? null : filter);
      }}
      w={w}
    />
  );
}
