import { Box, Checkbox, Group, NumberInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AgencySelect } from "../agency/agency-picker.tsx";
import { DirectiveSelect } from "../ui/directive-select.tsx";
import type { useUrlState } from "../ui/url-state.ts";
import type { overdueFiltersFromParams } from "./statistic-scope.ts";
import { UrgedSelect } from "./urged-select.tsx";

type Update = ReturnType<typeof useUrlState>["update"];

/**
 * The overdue list's filters themselves (selects, the number field): their code loads once the
 * page is shown, not with it.
 */
export function OverdueFilterFields({
  filters,
  update,
}: {
  filters: ReturnType<typeof overdueFiltersFromParams>;
  update: Update;
}) {
  const { t } = useTranslation();
  const { directiveId, agencyId, keyOnly, minDaysOverdue, urged } = filters;
  return (
    <Group align="flex-end" gap="sm">
      <Box w={{ base: "100%", sm: 300 }}>
        <DirectiveSelect
          label={t("task.directive")}
          value={directiveId}
          onChange={(value) => update({ directive: value })}
        />
      </Box>
      <Box w={{ base: "100%", sm: 300 }}>
        <AgencySelect
          label={t("statistics.agency")}
          placeholder={t("common.all")}
          clearable
          value={agencyId}
          onChange={(value) => update({ lead: value })}
        />
      </Box>
      <NumberInput
        label={t("overdue.minDays")}
        min={0}
        max={10_000}
        allowDecimal={false}
        allowNegative={false}
        value={minDaysOverdue === 0 ? "" : minDaysOverdue}
        onChange={(value) => update({ minDays: typeof value === "number" ? value : null })}
        w={{ base: "100%", sm: 170 }}
      />
      <UrgedSelect
        value={urged}
        onChange={(value) => update({ urged: value })}
        w={{ base: "100%", sm: 200 }}
      />
      <Checkbox
        label={t("overdue.keyOnly")}
        checked={keyOnly}
        onChange={(event) => update({ key: event.currentTarget.checked ? "1" : null })}
        mb={8}
      />
    </Group>
  );
}
