import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/date.ts";
import { useActiveAgencies } from "../agency/active-agencies.ts";
import { useDirectiveChoices } from "../ui/directive-choices.ts";
import type { UrlScope } from "./statistic-scope.ts";

/**
 * The scope in words, as the Excel title writes it ("Chỉ thị số 06/CT-TTg ngày 15/02/2024;
 * Cơ quan chủ trì: UBND tỉnh Lạng Sơn và các đơn vị trực thuộc"), from the shared texts.
 */
function useScopeDescription(scope: Omit<UrlScope, "asOf">, minDaysOverdue?: number): string {
  const { t } = useTranslation();
  const { selected } = useDirectiveChoices(scope.directiveId);
  const agencies = useActiveAgencies();
  const agency = agencies.data?.find((item) => item.id === scope.agencyId);
  const assigner = agencies.data?.find((item) => item.id === scope.assignerAgencyId);
  const parts: string[] = [];
  if (selected) {
    parts.push(
      t("statistic.scope.directive", {
        type: selected.type,
        number: selected.number,
        date: formatDate(selected.issuedOn),
      }),
    );
  }
  if (scope.directiveType !== undefined) {
    parts.push(t("statistic.scope.directiveType", { type: scope.directiveType }));
  }
  if (agency) parts.push(t("statistic.scope.agency", { name: agency.name }));
  if (scope.keyOnly) parts.push(t("statistic.scope.keyOnly"));
  if (scope.from !== undefined || scope.to !== undefined) {
    const range = [t(`statistic.scope.${scope.periodBy}`)];
    if (scope.from !== undefined) {
      range.push(t("statistic.scope.from", { date: formatDate(scope.from) }));
    }
    if (scope.to !== undefined) range.push(t("statistic.scope.to", { date: formatDate(scope.to) }));
    parts.push(range.join(" "));
  }
  if (minDaysOverdue !== undefined && minDaysOverdue > 0) {
    parts.push(t("statistic.scope.minDaysOverdue", { days: minDaysOverdue }));
  }
  if (scope.urged === "urged") parts.push(t("statistic.scope.urged"));
  if (scope.urged === "not_urged") parts.push(t("statistic.scope.notUrged"));
  if (scope.basis === "original") parts.push(t("statistic.basisOriginal"));
  if (scope.level === "directive") parts.push(t("statistic.scope.levelDirective"));
  if (scope.level === "agency" && assigner) {
    parts.push(t("statistic.scope.levelAgency", { name: assigner.name }));
  }
  return parts.length === 0 ? t("statistic.scope.all") : parts.join("; ");
}

/**
 * The scope in words, where a page shows it. The lists of directives and agencies it names come
 * from their own queries: read here, their answers draw these words again, not the whole page
 * (the overdue list's rows, the statistics' figures) around them.
 */
export function ScopeDescription({
  scope,
  minDaysOverdue,
}: {
  scope: Omit<UrlScope, "asOf">;
  minDaysOverdue?: number;
}) {
  return useScopeDescription(scope, minDaysOverdue);
}
