import { Box, Checkbox, Select, SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DIRECTIVE_TYPES } from "../../shared/directive.ts";
import {
  latestReportPeriod,
  PERIOD_KINDS,
  PERIOD_PRESETS,
  STATISTIC_BASES,
  STATISTIC_LEVELS,
} from "../../shared/statistic.ts";
import { AgencySelect } from "../agency/agency-picker.tsx";
import { useToday } from "../ui/current-user.tsx";
import { DateField } from "../ui/date-field.tsx";
import { DirectiveSelect } from "../ui/directive-select.tsx";
import type { useUrlState } from "../ui/url-state.ts";
import { periodOutOfOrder, type UrlScope } from "./statistic-scope.ts";
import { UrgedSelect } from "./urged-select.tsx";

/** The statistics' scope as the URL holds it, and how to change it. */
export type StatisticFilterProps = {
  scope: UrlScope;
  /** The day the figures stand at, as the server answered (today by default). */
  asOf: string | undefined;
  update: ReturnType<typeof useUrlState>["update"];
};

/**
 * The statistics' filters themselves (selects, date fields): their code, the date picker's
 * included, loads when they are first shown, on a phone when the filters are opened.
 */
export function StatisticFilterFields({ scope, asOf, update }: StatisticFilterProps) {
  const { t } = useTranslation();
  const today = useToday();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      <Select
        label={t("statistics.level")}
        data={STATISTIC_LEVELS.map((level) => ({
          value: level,
          label: t(`statistics.levelOption.${level}`),
        }))}
        value={scope.level}
        allowDeselect={false}
        onChange={(value) =>
          update({
            level: value === "directive" ? null : value,
            assigner: value === "agency" ? (scope.assignerAgencyId ?? null) : null,
          })
        }
      />
      {scope.level === "agency" && (
        <AgencySelect
          label={t("statistics.assigner")}
          required
          value={scope.assignerAgencyId}
          onChange={(value) => update({ assigner: value })}
        />
      )}
      <Select
        label={t("statistics.preset")}
        placeholder={t("statistics.presetPlaceholder")}
        clearable
        data={PERIOD_PRESETS.map((preset) => ({
          value: preset,
          label: t(`statistics.presetOption.${preset}`),
        }))}
        value={presetOf(scope, today)}
        onChange={(value) => {
          const preset = PERIOD_PRESETS.find((p) => p === value);
          if (!preset) {
            update({ rfrom: null, asOf: null });
            return;
          }
          const period = latestReportPeriod(preset, today);
          update({ rfrom: period.from, asOf: period.asOf === today ? null : period.asOf });
        }}
      />
      <DirectiveSelect
        label={t("statistics.directive")}
        value={scope.directiveId}
        onChange={(value) => update({ directive: value })}
      />
      <Select
        label={t("statistics.directiveType")}
        placeholder={t("common.all")}
        clearable
        data={DIRECTIVE_TYPES.map((type) => ({
          value: type,
          label: t(`directiveType.${type}`),
        }))}
        value={scope.directiveType ?? null}
        onChange={(value) => update({ type: value })}
      />
      <Box>
        <AgencySelect
          label={t("statistics.agency")}
          placeholder={t("common.all")}
          clearable
          value={scope.agencyId}
          onChange={(value) => update({ agency: value })}
        />
      </Box>
      <Checkbox
        label={t("statistics.keyOnly")}
        checked={scope.keyOnly}
        onChange={(event) => update({ key: event.currentTarget.checked ? "1" : null })}
        mt={{ base: 0, md: 30 }}
      />
      <Select
        label={t("statistics.periodBy")}
        data={PERIOD_KINDS.map((kind) => ({
          value: kind,
          label: t(`statistics.period.${kind}`),
        }))}
        value={scope.periodBy}
        allowDeselect={false}
        onChange={(value) => update({ period: value === "issued" ? null : value })}
      />
      <DateField
        label={t("statistics.from")}
        clearable
        value={scope.from ?? null}
        onChange={(value) => update({ from: value })}
      />
      <DateField
        label={t("statistics.to")}
        clearable
        value={scope.to ?? null}
        onChange={(value) => update({ to: value })}
        error={periodOutOfOrder(scope) ? t("validation.dateRange") : undefined}
      />
      <DateField
        label={t("statistics.asOf")}
        description={t("statistics.asOfHint")}
        inputWrapperOrder={["label", "input", "description", "error"]}
        value={scope.asOf ?? asOf ?? today}
        maxDate={today}
        onChange={(value) => update({ asOf: value === today ? null : value })}
      />
      <Select
        label={t("statistics.basis")}
        data={STATISTIC_BASES.map((basis) => ({
          value: basis,
          label: t(`statistics.basisOption.${basis}`),
        }))}
        value={scope.basis}
        allowDeselect={false}
        onChange={(value) => update({ basis: value === "in_force" ? null : value })}
      />
      <UrgedSelect value={scope.urged} onChange={(value) => update({ urged: value })} />
    </SimpleGrid>
  );
}

/** The preset whose latest period the scope holds, if any. */
function presetOf(scope: UrlScope, today: string): string | null {
  if (scope.reportFrom === undefined) return null;
  const asOf = scope.asOf ?? today;
  return (
    PERIOD_PRESETS.find((preset) => {
      const period = latestReportPeriod(preset, today);
      return period.from === scope.reportFrom && period.asOf === asOf;
    }) ?? null
  );
}
