import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { textTemplate } from "../../client/ui/text-template.ts";

async function translator() {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: "vi",
    resources: {
      vi: {
        translation: {
          openList: "{{count}} — {{label}}: xem danh sách",
          twice: "{{name}} và {{name}}",
          plain: "Không có chỗ điền",
        },
      },
    },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe("textTemplate", () => {
  it("fills a text as i18next would, however often and with whatever values", async () => {
    const t = await translator();
    const openList = textTemplate(t, "openList", ["count", "label"]);
    for (const [count, label] of [
      ["1.234", "Quá hạn chưa hoàn thành — UBND tỉnh Lạng Sơn"],
      ["0", "$& {{label}} $1"],
      ["", ""],
    ] as const) {
      expect(openList({ count, label })).toBe(t("openList", { count, label }));
    }
    expect(textTemplate(t, "twice", ["name"])({ name: "Bộ Công Thương" })).toBe(
      "Bộ Công Thương và Bộ Công Thương",
    );
    expect(textTemplate(t, "plain", [])({})).toBe("Không có chỗ điền");
  });
});
