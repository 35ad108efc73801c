import { Alert, Button, Group } from "@mantine/core";
import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { FormSlot } from "../ui/form-slot.tsx";
import { PhoneFilters } from "../ui/phone-filters.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import type { StatisticFilterProps } from "./statistic-filter-fields.tsx";
import type { UrlScope } from "./statistic-scope.ts";

/** The fields' code (selects, the date picker) loads when they are first shown. */
const StatisticFilterFields = lazy(async () => ({
  default: (await import("./statistic-filter-fields.tsx")).StatisticFilterFields,
}));

/** The fields' height (px, measured), kept while their code loads: four columns, or one on a phone. */
const FIELDS_HEIGHT = 222;
const PHONE_FIELDS_HEIGHT = 818;

/** Every scope parameter, cleared. */
const CLEARED = {
  directive: null,
  type: null,
  key: null,
  agency: null,
  period: null,
  from: null,
  to: null,
  asOf: null,
  basis: null,
  level: null,
  assigner: null,
  rfrom: null,
  urged: null,
};

/** The scope of the statistics, each choice written to the URL at once. */
export function StatisticFilters({ scope, asOf, update }: StatisticFilterProps) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const changed = changedScope(scope);
  return (
    <search aria-label={t("statistics.filters")}>
      <PhoneFilters label={t("statistics.filters")} active={changed}>
        <FormSlot minHeight={phone ? PHONE_FIELDS_HEIGHT : FIELDS_HEIGHT}>
          <StatisticFilterFields scope={scope} asOf={asOf} update={update} />
        </FormSlot>
      </PhoneFilters>
      {changed > 0 && (
        <Group mt="xs">
          <Button variant="subtle" size="compact-sm" onClick={() => update(CLEARED)}>
            {t("statistics.resetFilters")}
          </Button>
        </Group>
      )}
    </search>
  );
}

/** "From" after "to": nothing is counted until the period is put right. */
export function PeriodOrderAlert() {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert">
      {t("validation.dateRange")}
    </Alert>
  );
}

/** How many of the scope's choices differ from the default (the whole directive level, today). */
function changedScope(scope: UrlScope): number {
  const changes = [
    scope.level !== "directive",
    scope.assignerAgencyId !== undefined,
    scope.reportFrom !== undefined,
    scope.directiveId !== undefined,
    scope.directiveType !== undefined,
    scope.keyOnly,
    scope.agencyId !== undefined,
    scope.periodBy !== "issued" || scope.from !== undefined || scope.to !== undefined,
    scope.asOf !== undefined,
    scope.basis !== "in_force",
    scope.urged !== "all",
  ];
  return changes.filter(Boolean).length;
}
