import { afterEach, describe, expect, it, vi } from "vitest";
import { mount } from "@vue/test-utils";
import { createI18n } from "vue-i18n";
import ResultCard from "@/components/result/ResultCard.vue";
import cardSource from "@/components/result/ResultCard.vue?raw";
import type { Schemas } from "@/api/client";
import en from "@/i18n/parts/en";
import zhCN from "@/i18n/parts/zh-CN";

const result: Schemas["GroupResult"] = {
  groupId: "g-01kexamp1e0000000000000000", year: 2026, name: "汉滨区第一教育集团", district: "610902",
  groupType: "INTEGRATED", rank: 3, districtRank: 1, score: 91.5, basis: "CITY", bandGrade: "EXCELLENT",
  grade: "EXCELLENT", award: true, seniorPostBonus: true, flags: [], revision: 2,
  explanation: {
    score: "Final score 91.50 from the city review.", grade: "91.50 is in the EXCELLENT band.", flags: [],
    quota: { pool: "EXCELLENT", groupsInPool: 10, ratio: 0.3, quota: 3, position: 2, cutoffScore: 90.25 },
    award: "Awarded: position 2 within the quota of 3.", seniorPostBonus: "INTEGRATED and EXCELLENT: granted.",
  },
};

afterEach(() => vi.unstubAllGlobals());

describe("the result card", () => {
  it("shows rank, grade, award, senior-post bonus and the explanation in Chinese", () => {
    const wrapper = mount(ResultCard, { props: { result } });
    const figures = wrapper.findAll("dl div").map((d) => d.text());
    expect(figures).toEqual(["全市排名3", "区内排名1", "最终得分91.50", "得分来源市级终审", "等级优秀", "分数段等级优秀",
      "奖补是", "高级职称指标奖励是"]);
    expect(wrapper.findAll("ol li").map((l) => l.text())).toEqual([
      "最终得分 91.50 分，来源：市级终审。",
      "按分数段为优秀；最终等级为优秀。",
      "优秀组共 10 个集团，奖补比例 30%，名额 3 个；本集团在可获奖补的集团中排第 2 位；最低获奖得分 90.25 分。",
      "获得奖补。",
      "获得高级职称指标奖励（一体型集团获评优秀）。",
    ]);
    expect(wrapper.find("h2").text()).toBe("汉滨区第一教育集团 · 2026 年度考核结果");
  });

  it("explains a grade lowered by fraud and a bonus already received", () => {
    const wrapper = mount(ResultCard, { props: { result: { ...result, grade: "GOOD", award: false, seniorPostBonus: false,
      flags: ["FRAUD", "SENIOR_POST_BONUS_ALREADY_RECEIVED"], explanation: { ...result.explanation, quota: undefined } } } });
    const lines = wrapper.findAll("ol li").map((l) => l.text());
    expect(lines).toContain("按分数段为优秀，因查实弄虚作假，最终等级为良好。");
    expect(lines).toContain("往年已获得高级职称指标奖励，本年度不再授予。");
    expect(lines).toContain("未获得奖补。");
  });

  it("shows the API's sentences in English", () => {
    const i18n = createI18n({ legacy: false, locale: "en", messages: { "zh-CN": zhCN, en } });
    const wrapper = mount(ResultCard, { props: { result }, global: { plugins: [i18n] } });
    expect(wrapper.findAll("ol li").map((l) => l.text())).toEqual([result.explanation.score, result.explanation.grade,
      result.explanation.award, result.explanation.seniorPostBonus]);
  });

  it("prints as one A4 page without the buttons", async () => {
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const wrapper = mount(ResultCard, { props: { result } });
    await wrapper.find("button").trigger("click");
    expect(print).toHaveBeenCalledOnce();
    expect(cardSource).toMatch(/@media print\s*{\s*@page\s*{\s*size:\s*A4 portrait;/);
    expect(cardSource).toMatch(/\.result-card \.no-print\s*{\s*display:\s*none/);
  });
});
