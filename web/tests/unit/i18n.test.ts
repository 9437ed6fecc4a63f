import { describe, expect, it } from "vitest";
import zhCN from "../../src/i18n/zh-CN";
import en from "../../src/i18n/en";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("translations", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(en)).toEqual(keys(zhCN));
  });
});

describe("the application's messages", () => {
  it("hold the shared components' texts beside the pages'", async () => {
    const { i18n } = await import("../../src/i18n");
    const t = i18n.global.t;
    expect(t("sheet.total")).toBe("总分");
    expect(t("evidence.preview")).not.toBe("evidence.preview");
    expect(t("menu.workbench")).toBe("工作台");
  });
});
