import { describe, expect, it } from "vitest";
import { configFromEnv, demoWanted, isLoopback } from "../../server/config.ts";

describe("demo data only in demo mode", () => {
  it("knows loopback addresses from the others", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "::1"].map(isLoopback)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["0.0.0.0", "10.0.0.5", "dondoc.intranet", "::"].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("seeds the demo on a loopback address unless DONDOC_DEMO=0", () => {
    expect(demoWanted({}, "127.0.0.1")).toBe(true);
    expect(demoWanted({ DONDOC_DEMO: "0" }, "127.0.0.1")).toBe(false);
  });

  it("refuses the demo elsewhere unless DONDOC_DEMO=1 is set on purpose", () => {
    expect(demoWanted({}, "0.0.0.0")).toBe(false);
    expect(demoWanted({ DONDOC_DEMO: "yes" }, "10.0.0.5")).toBe(false);
    expect(demoWanted({ DONDOC_DEMO: "1" }, "0.0.0.0")).toBe(true);
    expect(configFromEnv({ HOST: "0.0.0.0" }).demo).toBe(false);
    expect(configFromEnv({}).demo).toBe(true);
  });
});
