import { useTranslation } from "react-i18next";
import { scopeInWords } from "../../shared/statistic.ts";
import { useActiveAgencies } from "../agency/active-agencies.ts";
import { useDirectiveChoices } from "../ui/directive-choices.ts";
import type { UrlScope } from "./statistic-scope.ts";

/**
 * The scope in words (shared/statistic.ts `scopeInWords`, as the Excel title writes it), where a
 * page shows it, with the directive and agencies named from the browser's lists. Those lists come
 * from their own queries: read here, their answers draw these words again, not the whole page (the
 * overdue list's rows, the statistics' figures) around them; asked for only when the scope names
 * a directive or an agency.
 */
export function ScopeDescription({
  scope,
  minDaysOverdue,
}: {
  scope: Omit<UrlScope, "asOf">;
  minDaysOverdue?: number;
}) {
  const { t } = useTranslation();
  // The lists only when the scope names one of theirs: an unfiltered page asks for neither.
  const { selected } = useDirectiveChoices(scope.directiveId, scope.directiveId !== undefined);
  const agencies = useActiveAgencies(
    scope.agencyId !== undefined || scope.assignerAgencyId !== undefined,
  );
  const names = {
    directive: selected,
    agency: agencies.data?.find((item) => item.id === scope.agencyId),
    assigner: agencies.data?.find((item) => item.id === scope.assignerAgencyId),
  };
  return scopeInWords({ ...scope, minDaysOverdue }, names, (key, values) => t(key, values));
}
