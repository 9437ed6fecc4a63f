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
