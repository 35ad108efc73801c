import { describe, expect, it } from "vitest";
import { loginPath, safeNext } from "../../client/auth/next-path.ts";
import {
  enumParam,
  intParam,
  listParam,
  nextParams,
  pageParam,
} from "../../client/ui/url-state.ts";
import { TIMELINESS } from "../../shared/timeliness.ts";

const url = (query: string) => new URLSearchParams(query);

describe("changing the filters in the URL", () => {
  it("sets what changes, keeps the other filters and goes back to page 1", () => {
    const next = nextParams(url("q=xang+dau&lead=12&page=3"), { lead: 40, key: "1" });
    expect(next.toString()).toBe("q=xang+dau&lead=40&key=1");
  });

  it("takes a filter out when it is cleared: null, undefined, empty text or false", () => {
    const next = nextParams(url("a=1&b=2&c=3&d=4&e=5"), {
      a: null,
      b: undefined,
      c: "",
      d: false,
      e: 0,
    });
    expect(next.toString()).toBe("e=0");
  });

  it("keeps the page when the page is what changes", () => {
    expect(nextParams(url("q=x&page=2"), { page: 5 }).toString()).toBe("q=x&page=5");
  });

  it("leaves the previous query string as it was", () => {
    const previous = url("lead=12");
    nextParams(previous, { lead: null });
    expect(previous.toString()).toBe("lead=12");
  });
});

describe("reading the filters from the URL", () => {
  it.each([
    ["12", 12],
    ["2026", 2026],
    ["0", undefined],
    ["-3", undefined],
    ["1.5", undefined],
    ["12abc", undefined],
    ["", undefined],
    ["99999999999999999999", undefined],
  ])("reads %j as the whole number %j", (value, expected) => {
    expect(intParam(url(`id=${value}`), "id")).toBe(expected);
  });

  it("starts at page 1 when the page is missing or no page", () => {
    expect(pageParam(url(""))).toBe(1);
    expect(pageParam(url("page=0"))).toBe(1);
    expect(pageParam(url("page=abc"))).toBe(1);
    expect(pageParam(url("page=4"))).toBe(4);
  });

  it("accepts only the allowed values of a choice", () => {
    expect(enumParam(url("t=overdue"), "t", TIMELINESS)).toBe("overdue");
    expect(enumParam(url("t=late"), "t", TIMELINESS)).toBeUndefined();
    expect(enumParam(url(""), "t", TIMELINESS)).toBeUndefined();
  });

  it("reads a list of choices in their own order and drops unknown ones", () => {
    expect(listParam(url("t=overdue,bogus,due_soon"), "t", TIMELINESS)).toEqual([
      "due_soon",
      "overdue",
    ]);
    expect(listParam(url(""), "t", TIMELINESS)).toEqual([]);
  });

  it("writes back what it reads: a list of choices survives the round trip", () => {
    const chosen = ["completed_late", "overdue"] as const;
    const params = nextParams(url(""), { t: chosen.join(",") });
    expect(listParam(params, "t", TIMELINESS)).toEqual(chosen);
  });
});

describe("the way back after signing in", () => {
  it("returns to the page asked for, with its query string", () => {
    const login = new URL(loginPath("/tasks?lead=12&timeliness=overdue"), "http://x");
    expect(login.pathname).toBe("/login");
    expect(safeNext(login.searchParams.get("next"))).toBe("/tasks?lead=12&timeliness=overdue");
  });

  it("asks nothing back for the home page", () => {
    expect(loginPath("/")).toBe("/login");
  });

  it.each([[null], ["//evil.example/phish"], ["https://evil.example/"], ["tasks/1"]])(
    "never leaves the site: %j goes home",
    (next) => {
      expect(safeNext(next)).toBe("/");
    },
  );
});
