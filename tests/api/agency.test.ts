import { describe, expect, it } from "vitest";
import { agencyId, anonymousCaller, freshDb, issuePaths, rejection } from "../support/api.ts";
import { someoneIn } from "../support/factory.ts";

describe("agency.search", () => {
  it("folds diacritics: “lang son” finds UBND tỉnh Lạng Sơn", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "PVN", "reporter");

    const found = await caller.agency.search({ query: "lang son" });

    expect(found.map((agency) => agency.code)).toContain("UBND-20");
    expect(found.find((agency) => agency.code === "UBND-20")?.name).toBe("UBND tỉnh Lạng Sơn");
    for (const agency of found) expect(agency.name).toMatch(/Lạng Sơn/);
  });

  it("folds đ to d: “da nang” finds Đà Nẵng, before and after the 2025 merger", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const found = await caller.agency.search({ query: "ubnd da nang" });

    expect(found.map((agency) => agency.code).sort()).toEqual(["UBND-48", "UBND-48-2025"]);
    for (const agency of found) expect(agency.name).toBe("UBND thành phố Đà Nẵng");
    // Its Department of Industry and Trade, under it, to pass tasks on to.
    const departments = await caller.agency.search({ query: "so cong thuong da nang" });
    expect(departments.map((agency) => agency.code).sort()).toEqual(["SCT-48", "SCT-48-2025"]);
  });

  it("with activeOn leaves out agencies that no longer existed on that day", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const all = await caller.agency.search({ query: "ha giang" });
    const in2024 = await caller.agency.search({ query: "ha giang", activeOn: "2024-06-01" });
    const in2026 = await caller.agency.search({ query: "ha giang", activeOn: "2026-01-01" });

    expect(all.map((agency) => agency.code)).toContain("UBND-02");
    expect(in2024.map((agency) => agency.code)).toContain("UBND-02");
    expect(in2026.map((agency) => agency.code)).not.toContain("UBND-02");
    const haGiang = all.find((agency) => agency.code === "UBND-02");
    expect(haGiang?.validTo).toBe("2025-06-30");
  });

  it("activeOn 2026-01-01 keeps agencies formed in 2025 and drops those merged away", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const found = await caller.agency.search({ activeOn: "2026-01-01", limit: 500 });

    const codes = found.map((agency) => agency.code);
    expect(codes).toContain("UBND-48-2025");
    expect(codes).toContain("UBND-20");
    expect(codes).not.toContain("UBND-48");
    expect(codes).not.toContain("QLTT");
    for (const agency of found) {
      expect(agency.validTo === null || agency.validTo >= "2026-01-01").toBe(true);
      expect(agency.validFrom === null || agency.validFrom <= "2026-01-01").toBe(true);
    }
  });

  it("returns at most `limit` agencies, in Vietnamese name order", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const found = await caller.agency.search({ query: "ubnd", limit: 5 });

    expect(found).toHaveLength(5);
    const names = found.map((agency) => agency.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "vi")));
  });

  it("refuses an impossible activeOn date with BAD_REQUEST on that field", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const error = await rejection(caller.agency.search({ query: "", activeOn: "2026-02-30" }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["activeOn"]]);
  });

  it("refuses a caller without a session", async () => {
    const db = await freshDb({ demo: false });

    await expect(anonymousCaller(db).agency.search({ query: "lang son" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("agency.byIds", () => {
  it("returns exactly the agencies asked for", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "UBND-20", "reporter");
    const ids = [await agencyId(db, "BCT"), await agencyId(db, "UBND-02")];

    const agencies = await caller.agency.byIds({ ids });

    expect(agencies.map((agency) => agency.id).sort((a, b) => a - b)).toEqual(
      [...ids].sort((a, b) => a - b),
    );
    expect(agencies.find((agency) => agency.code === "UBND-02")).toMatchObject({
      name: "UBND tỉnh Hà Giang",
      kind: "province",
      successorId: await agencyId(db, "UBND-08-2025"),
    });
  });

  it("returns nothing for no ids and skips unknown ones", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "UBND-20", "reporter");

    expect(await caller.agency.byIds({ ids: [] })).toEqual([]);
    const found = await caller.agency.byIds({ ids: [999_999, await agencyId(db, "PVN")] });
    expect(found.map((agency) => agency.code)).toEqual(["PVN"]);
  });

  it("refuses ids that are not positive integers", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "UBND-20", "reporter");

    const error = await rejection(caller.agency.byIds({ ids: [1, -3] }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["ids", 1]]);
  });
});

describe("agency.groups", () => {
  it("has the seven northern border provinces of 2024, Lạng Sơn among them", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const groups = await caller.agency.groups({ on: "2024-03-01" });

    const border = groups.find((group) => group.code === "northern-border");
    expect(border?.name).toBe("Các tỉnh biên giới phía Bắc");
    expect(border?.agencyIds).toHaveLength(7);
    const expected = await Promise.all(
      ["UBND-11", "UBND-12", "UBND-10", "UBND-02", "UBND-04", "UBND-20", "UBND-22"].map((code) =>
        agencyId(db, code),
      ),
    );
    expect([...(border?.agencyIds ?? [])].sort((a, b) => a - b)).toEqual(
      expected.sort((a, b) => a - b),
    );
  });

  it("lists every group with its members", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");

    const groups = await caller.agency.groups();

    expect(groups.map((group) => group.code)).toEqual([
      "northern-border",
      "ministries-2024",
      "ministries-2025",
      "provinces-2024",
      "provinces-2025",
    ]);
    expect(groups.find((group) => group.code === "provinces-2024")?.agencyIds).toHaveLength(63);
    expect(groups.find((group) => group.code === "provinces-2025")?.agencyIds).toHaveLength(34);
  });
});
