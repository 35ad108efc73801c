import { describe, expect, it } from "vitest";
import { vi as clientVi } from "../../client/i18n/vi.ts";
import { translatorFor } from "../../server/i18n.ts";
import { formatMonth } from "../../shared/date.ts";
import { deadlineWording } from "../../shared/deadline.ts";
import { vi as sharedVi } from "../../shared/i18n/vi.ts";
import { periodLabel } from "../../shared/report.ts";
import { formatCount, formatPercent } from "../../shared/statistic.ts";

/** Every text of a texts object, with its key path ("task.parent"). */
function texts(node: object, path = ""): [string, string][] {
  return Object.entries(node).flatMap(([key, value]): [string, string][] => {
    const at = path === "" ? key : `${path}.${key}`;
    return typeof value === "string" ? [[at, value]] : texts(value, at);
  });
}

const allVi = [
  ...texts(clientVi).map(([key, text]): [string, string] => [`client ${key}`, text]),
  ...texts(sharedVi).map(([key, text]): [string, string] => [`shared ${key}`, text]),
];

describe("months and percentages as a ministry office writes them", () => {
  it("writes a month without a leading zero: tháng 3/2024", () => {
    expect(formatMonth("2024-03")).toBe("3/2024");
    expect(formatMonth("2024-03-31")).toBe("3/2024");
    expect(formatMonth("2026-11")).toBe("11/2026");
    expect(periodLabel("2024-03")).toBe("tháng 3/2024");
    expect(periodLabel("2027-01")).toBe("tháng 1/2027");
    const { key, params } = deadlineWording({
      kind: "in_month",
      deadline: "2024-03-31",
      days: null,
    });
    expect(translatorFor("vi")(key, params)).toBe("trong tháng 3/2024");
    const quarter = deadlineWording({ kind: "in_quarter", deadline: "2024-06-30", days: null });
    expect(translatorFor("vi")(quarter.key, quarter.params)).toBe("trong quý II/2024");
  });

  it("writes a rate with a decimal comma and no space before the sign: 2,76%", () => {
    expect(formatPercent(2.76)).toBe("2,76%");
    expect(formatPercent(100)).toBe("100,00%");
    expect(formatPercent(2.76, "en")).toBe("2.76%");
    expect(formatPercent(null)).toBe("–");
    expect(formatCount(10_448)).toBe("10.448");
  });
});

describe("the Vietnamese texts", () => {
  // Terms the review of issue 9 replaced; each names what to write instead.
  const banned: [RegExp, string][] = [
    [/nhiệm vụ cha/iu, "Nhiệm vụ cấp trên"],
    [/nhiệm vụ con/iu, "nhiệm vụ được phân giao / Phân giao nhiệm vụ"],
    [/gia hạn thời hạn/iu, "Gia hạn"],
    [/nộp trước ngày/iu, "chậm nhất ngày"],
    [/tháng 0/u, "tháng 3/2024"],
    [/hạn thực tế|thời hạn hiện hành|hạn ghi/iu, "Hạn cuối / Thời hạn theo văn bản"],
    [/số liệu tính đến/iu, "Số liệu chốt đến hết ngày"],
    [/đã hủy|hủy nhiệm vụ/iu, "Đã thu hồi / Thu hồi nhiệm vụ"],
    [/(^|[^\p{L}])bạn([^\p{L}]|$)/iu, "a neutral register, without “bạn”"],
    [/\d %|\}\} %/u, "“2,76%”, no space before %"],
    [/(?<!khoản 5 )Điều 148/u, "khoản 5 Điều 148 Bộ luật Dân sự 2015"],
  ];

  it.each(banned)("never say %s (write: %s)", (pattern) => {
    expect(allVi.filter(([, text]) => pattern.test(text)).map(([key]) => key)).toEqual([]);
  });

  it("lints every text: the check above sees the whole of both files", () => {
    // A broken flattening would make the lint pass on nothing.
    expect(allVi.length).toBeGreaterThan(500);
    expect(allVi).toContainEqual(["client task.parent", "Nhiệm vụ cấp trên"]);
    expect(allVi).toContainEqual(["shared status.cancelled", "Đã thu hồi"]);
  });

  it("names the action and the state apart", () => {
    expect(sharedVi.statusAction.in_progress).toBe("Bắt đầu thực hiện");
    expect(sharedVi.status.in_progress).toBe("Đang thực hiện");
    expect(sharedVi.statusAction.cancelled).toBe("Thu hồi nhiệm vụ");
    expect(clientVi.common.cancel).toBe("Hủy bỏ");
  });
});
