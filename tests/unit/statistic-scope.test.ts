import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  overdueFiltersFromParams,
  overdueHref,
  overdueListMatches,
  periodOutOfOrder,
  scopeFromParams,
  scopeParams,
  sortFromParams,
  statisticTasksHref,
  type UrlScope,
} from "../../client/statistic/statistic-scope.ts";
import { DIRECTIVE_TYPES } from "../../shared/directive.ts";
import {
  PERIOD_KINDS,
  STATISTIC_BASES,
  STATISTIC_CELLS,
  STATISTIC_LEVELS,
  URGED_FILTERS,
} from "../../shared/statistic.ts";

const DEFAULT_SCOPE: UrlScope = {
  directiveId: undefined,
  directiveType: undefined,
  keyOnly: false,
  agencyId: undefined,
  periodBy: "issued",
  from: undefined,
  to: undefined,
  asOf: undefined,
  basis: "in_force",
  level: "directive",
  assignerAgencyId: undefined,
  reportFrom: undefined,
  urged: "all",
};

const id = fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: undefined });
const isoDate = fc.option(
  fc
    .date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z") })
    .filter((date) => !Number.isNaN(date.getTime()))
    .map((date) => date.toISOString().slice(0, 10)),
  { nil: undefined },
);
const scopes: fc.Arbitrary<UrlScope> = fc.record({
  directiveId: id,
  directiveType: fc.option(fc.constantFrom(...DIRECTIVE_TYPES), { nil: undefined }),
  keyOnly: fc.boolean(),
  agencyId: id,
  periodBy: fc.constantFrom(...PERIOD_KINDS),
  from: isoDate,
  to: isoDate,
  asOf: isoDate,
  basis: fc.constantFrom(...STATISTIC_BASES),
  level: fc.constantFrom(...STATISTIC_LEVELS),
  assignerAgencyId: id,
  reportFrom: isoDate,
  urged: fc.constantFrom(...URGED_FILTERS),
});

/** The query string of an address the page links to. */
function queryOf(href: string): URLSearchParams {
  return new URL(href, "http://dondoc.test").searchParams;
}

describe("the statistics scope in the URL", () => {
  it("reads back every scope it writes", () => {
    fc.assert(
      fc.property(scopes, (scope) => {
        expect(scopeFromParams(scopeParams(scope))).toEqual(scope);
      }),
    );
  });

  it("writes nothing for the default scope, so the plain address shows today's figures", () => {
    expect(scopeParams(DEFAULT_SCOPE).toString()).toBe("");
    expect(scopeFromParams(new URLSearchParams())).toEqual(DEFAULT_SCOPE);
  });

  it("reads what a person would type", () => {
    expect(
      scopeFromParams(
        new URLSearchParams(
          "directive=3&type=chi_thi&key=1&agency=40&period=due&from=2024-01-01&to=2024-06-30&asOf=2024-06-30&basis=original&level=agency&assigner=12&rfrom=2024-06-15&urged=not_urged",
        ),
      ),
    ).toEqual({
      directiveId: 3,
      directiveType: "chi_thi",
      keyOnly: true,
      agencyId: 40,
      periodBy: "due",
      from: "2024-01-01",
      to: "2024-06-30",
      asOf: "2024-06-30",
      basis: "original",
      level: "agency",
      assignerAgencyId: 12,
      reportFrom: "2024-06-15",
      urged: "not_urged",
    });
  });

  it("ignores what is no scope: bad ids, types, days that do not exist, unknown bases", () => {
    expect(
      scopeFromParams(
        new URLSearchParams(
          "directive=abc&type=thong_tu_x&key=yes&agency=-4&period=week&from=2026-02-30&to=30/06/2026&asOf=tomorrow&basis=forecast",
        ),
      ),
    ).toEqual(DEFAULT_SCOPE);
  });

  it("reads the per-agency table's sort, overdue first by default", () => {
    expect(sortFromParams(new URLSearchParams())).toEqual({ sort: "overdue", direction: "desc" });
    expect(sortFromParams(new URLSearchParams("sort=name&dir=asc"))).toEqual({
      sort: "name",
      direction: "asc",
    });
    expect(sortFromParams(new URLSearchParams("sort=shoe&dir=up"))).toEqual({
      sort: "overdue",
      direction: "desc",
    });
  });

  it("says when the period runs backwards", () => {
    expect(periodOutOfOrder({ ...DEFAULT_SCOPE, from: "2026-06-30", to: "2026-01-01" })).toBe(true);
    expect(periodOutOfOrder({ ...DEFAULT_SCOPE, from: "2026-01-01", to: "2026-01-01" })).toBe(
      false,
    );
    expect(periodOutOfOrder({ ...DEFAULT_SCOPE, from: "2026-06-30" })).toBe(false);
  });
});

describe("the address of the tasks behind a figure", () => {
  it("carries the scope, the figure and the row's lead agency", () => {
    fc.assert(
      fc.property(scopes, fc.constantFrom(...STATISTIC_CELLS), id, (scope, cell, lead) => {
        const href = statisticTasksHref(scope, cell, lead);
        expect(href.startsWith("/statistics/tasks?")).toBe(true);
        const params = queryOf(href);
        expect(scopeFromParams(params)).toEqual(scope);
        expect(params.get("cell")).toBe(cell);
        expect(params.get("lead")).toBe(lead === undefined ? null : String(lead));
      }),
    );
  });
});

describe("the overdue list of a figure", () => {
  it("keeps its directive, agency, key-task and urged filters on the way to the overdue page", () => {
    fc.assert(
      fc.property(scopes, (scope) => {
        const href = overdueHref(scope);
        expect(href.startsWith("/overdue")).toBe(true);
        expect(overdueFiltersFromParams(queryOf(href))).toEqual({
          directiveId: scope.directiveId,
          agencyId: scope.agencyId,
          keyOnly: scope.keyOnly,
          minDaysOverdue: 0,
          urged: scope.urged,
        });
      }),
    );
    expect(overdueHref(DEFAULT_SCOPE)).toBe("/overdue");
  });

  it("is offered only for today's overdue figure of the whole scope, at level all", () => {
    const ALL = { ...DEFAULT_SCOPE, level: "all" as const };
    expect(overdueListMatches(ALL, "overdue", undefined)).toBe(true);
    expect(overdueListMatches(DEFAULT_SCOPE, "overdue", undefined)).toBe(false);
    expect(overdueListMatches({ ...ALL, agencyId: 40, keyOnly: true }, "overdue", undefined)).toBe(
      true,
    );
    expect(overdueListMatches(DEFAULT_SCOPE, "total", undefined)).toBe(false);
    expect(overdueListMatches(DEFAULT_SCOPE, "overdue", 40)).toBe(false);
    expect(overdueListMatches({ ...DEFAULT_SCOPE, asOf: "2024-03-31" }, "overdue", undefined)).toBe(
      false,
    );
    expect(overdueListMatches({ ...DEFAULT_SCOPE, basis: "original" }, "overdue", undefined)).toBe(
      false,
    );
    expect(
      overdueListMatches({ ...DEFAULT_SCOPE, directiveType: "chi_thi" }, "overdue", undefined),
    ).toBe(false);
    expect(overdueListMatches({ ...DEFAULT_SCOPE, from: "2024-01-01" }, "overdue", undefined)).toBe(
      false,
    );
  });
});
