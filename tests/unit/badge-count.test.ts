import { describe, expect, it } from "vitest";
import { badgeCount } from "../../client/ui/badge-count.ts";

describe("a count in a badge", () => {
  it("is shown in full up to its most, then as the most and a plus", () => {
    expect(badgeCount(7, 99)).toBe("7");
    expect(badgeCount(99, 99)).toBe("99");
    expect(badgeCount(100, 99)).toBe("99+");
    expect(badgeCount(999, 999)).toBe("999");
    expect(badgeCount(173_645, 999)).toBe("999+");
  });
});
