import { describe, expect, it } from "vitest";
import { compareVi, foldText } from "../../shared/text.ts";

describe("folding Vietnamese for search", () => {
  it.each([
    ["Quảng Ninh", "quang ninh"],
    ["Đà Nẵng", "da nang"],
    ["ĐIỆN BIÊN", "dien bien"],
    ["Lạng Sơn", "lang son"],
    ["Thừa Thiên Huế", "thua thien hue"],
    ["Bộ Công Thương", "bo cong thuong"],
    ["  Hà   Giang ", "ha giang"],
  ])("%s → %s", (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it("folds đ, which Unicode decomposition alone leaves as it is", () => {
    expect("Đà Nẵng".normalize("NFD").replace(/\p{Mn}/gu, "")).toBe("Đa Nang");
    expect(foldText("đường Đồng Đăng")).toBe("duong dong dang");
  });

  it("folds text typed in composed and decomposed forms alike", () => {
    expect(foldText("Lạng Sơn".normalize("NFD"))).toBe(foldText("Lạng Sơn".normalize("NFC")));
  });
});

describe("Vietnamese collation", () => {
  it("sorts Đ after D and accented vowels beside their base letter", () => {
    const names = ["Điện Biên", "Đà Nẵng", "Cao Bằng", "Dak Lak", "An Giang", "Ân Thi"];
    expect([...names].sort(compareVi)).toEqual([
      "An Giang",
      "Ân Thi",
      "Cao Bằng",
      "Dak Lak",
      "Đà Nẵng",
      "Điện Biên",
    ]);
  });
});
