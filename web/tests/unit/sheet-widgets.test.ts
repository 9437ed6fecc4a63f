import { afterEach, describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import { h } from "vue";
import SheetForm from "@/components/sheet/SheetForm.vue";
import { fieldLabel, partLabel } from "@/components/sheet/model";
import type { ScoredSheet } from "@/components/sheet/model";
import { ankang, chengdu } from "./frameworks";
import { byLabel, check, choose, clickText, fillRule, inputLabelled, mountSheet, typeNumber } from "./sheetDriver";

const A01 = "A01 集团章程与管理制度";

afterEach(() => {
  document.body.innerHTML = "";
});

function indicator(framework: typeof ankang, id: string) {
  const found = framework.categories.flatMap((c) => c.indicators).find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
}
const label = (framework: typeof ankang, id: string) => `${id} ${indicator(framework, id).name.zh}`;

describe("the sheet form renders every indicator of a built-in framework", () => {
  it("shows each category and indicator of ankang-2022 with its max", () => {
    const { wrapper } = mountSheet(ankang, {});
    for (const category of ankang.categories) {
      expect(wrapper.find(`section[aria-label="${category.name.zh}"]`).exists()).toBe(true);
      for (const i of category.indicators) {
        expect(wrapper.text()).toContain(`${i.id} ${i.name.zh}`);
      }
    }
    expect(wrapper.text()).toContain("满分 6.00 分");
    expect(label(ankang, "A01")).toBe(A01);
  });
});

describe("COMPLETION_RATIO and SURVEY_PERCENTAGE", () => {
  it("takes a percentage and gives {percent}", async () => {
    const { wrapper, model } = mountSheet(ankang, { recommend: true });
    await typeNumber(wrapper, fieldLabel(label(ankang, "A01"), "比例（%）"), 85);
    await typeNumber(wrapper, fieldLabel(label(ankang, "A18"), "满意率（%）"), 92.5);
    expect(model()).toEqual({ recommend: true, indicators: { A01: { percent: 85 }, A18: { percent: 92.5 } } });
  });

  it("shows a saved ratio as a percentage and keeps it a ratio, exactly", async () => {
    const { wrapper, model } = mountSheet(ankang, { indicators: { A01: { ratio: 0.5 } } });
    const input = inputLabelled(wrapper, fieldLabel(label(ankang, "A01"), "比例（%）"));
    expect(input.element.value).toBe("50");
    await typeNumber(wrapper, fieldLabel(label(ankang, "A01"), "比例（%）"), 85.55);
    expect(model().indicators).toEqual({ A01: { ratio: 0.8555 } });
  });

  it("leaves the indicator out when the field is cleared", async () => {
    const { wrapper, model } = mountSheet(ankang, { indicators: { A01: { percent: 40 } } });
    const input = inputLabelled(wrapper, fieldLabel(label(ankang, "A01"), "比例（%）"));
    await input.setValue("");
    await input.trigger("change");
    expect(model().indicators).toEqual({});
  });
});

describe("THRESHOLD_DEDUCTION", () => {
  it("takes every measure as a percentage and gives ratios", async () => {
    const { wrapper, model } = mountSheet(ankang, {});
    await fillRule(wrapper, indicator(ankang, "A04").rule, { exchangeRatio: 0.085, backboneRatio: 0.25 }, label(ankang, "A04"));
    expect(model().indicators).toEqual({ A04: { exchangeRatio: 0.085, backboneRatio: 0.25 } });
    expect(inputLabelled(wrapper, fieldLabel(label(ankang, "A04"), "教师交流比例(占符合交流条件教师)（%，目标 10%）"))
      .element.value).toBe("8.5");
  });
});

describe("GRADE_MAPPED", () => {
  it("takes one grade per school", async () => {
    const { wrapper, model } = mountSheet(ankang, {});
    const a11 = label(ankang, "A11");
    await choose(wrapper, fieldLabel(a11, "第 1 所学校等级"), "优秀（100%）");
    await clickText(byLabel(wrapper, a11), "button", "添加学校");
    await choose(wrapper, fieldLabel(a11, "第 2 所学校等级"), "良好（80%）");
    expect(model().indicators).toEqual({ A11: { grades: ["EXCELLENT", "GOOD"] } });
    await clickText(byLabel(wrapper, a11), "button", "删除第 1 所学校");
    expect(model().indicators).toEqual({ A11: { grades: ["GOOD"] } });
  });
});

describe("CHECKLIST", () => {
  it("gives the items met in the rule's order, and none as an answer", async () => {
    const { wrapper, model } = mountSheet(chengdu, {});
    const group = byLabel(wrapper, label(chengdu, "B03"));
    await check(group, "研科研制度（2.00 分）".replace(/^/, "教"));
    await check(group, "干部教师流动、专业培养培训制度（2.00 分）");
    expect(model().indicators).toEqual({ B03: { checked: ["staffExchangeAndTraining", "research"] } });
    await check(group, "无（以上均无）");
    expect(model().indicators).toEqual({ B03: { checked: [] } });
  });
});

describe("DURATION_BANDS", () => {
  const B04 = "B04 " + indicator(chengdu, "B04").name.zh;
  const posted = partLabel(B04, "龙头学校向成员学校派驻校级干部");

  it("takes people per band", async () => {
    const { wrapper, model } = mountSheet(chengdu, {});
    const regular = partLabel(partLabel(B04, "中层以上干部双向交流"), "定期交流(连续)");
    await fillRule(wrapper, indicator(chengdu, "B04").rule,
      { cadreExchange: { regular: { counts: { "1to3": 2, "6plus": 1 } } } }, B04);
    expect(model().indicators).toEqual({ B04: { cadreExchange: { regular: { counts: { "1to3": 2, "6plus": 1 } } } } });
    expect(byLabel(wrapper, regular).text()).toContain("连续");
  });

  it("takes each person's duration", async () => {
    const { wrapper, model } = mountSheet(chengdu, {});
    await fillRule(wrapper, indicator(chengdu, "B04").rule,
      { postedLeaders: { executivePrincipals: { durations: [3.5, 4] } } }, B04);
    expect(model().indicators).toEqual({ B04: { postedLeaders: { executivePrincipals: { durations: [3.5, 4] } } } });
    expect(posted).toContain("B04");
  });
});

describe("LEVEL_COUNTS and JUDGED_POINTS", () => {
  it("takes counts per level and judged points", async () => {
    const { wrapper, model } = mountSheet(chengdu, {});
    await fillRule(wrapper, indicator(chengdu, "B12").rule, { awards: { PROVINCIAL: 1, CITY: 2 }, endorsements: {} },
      label(chengdu, "B12"));
    await fillRule(wrapper, indicator(chengdu, "B14").rule, { points: 6.5 }, label(chengdu, "B14"));
    expect(model().indicators).toEqual({ B12: { awards: { PROVINCIAL: 1, CITY: 2 }, endorsements: {} }, B14: { points: 6.5 } });
  });
});

describe("bonus, veto and fraud", () => {
  it("gives one claim as {level, reason} and several as items", async () => {
    const { wrapper, model } = mountSheet(ankang, {});
    const bonus = byLabel(wrapper, "加分项");
    await clickText(bonus, "button", "添加加分项");
    await choose(wrapper, "加分项：第 1 项加分级别", "省级（2.00）");
    await inputLabelled(wrapper, "加分项：第 1 项加分理由").setValue("省报报道");
    expect(model().bonus).toEqual({ level: "PROVINCIAL", reason: "省报报道" });
    await clickText(bonus, "button", "添加加分项");
    await choose(wrapper, "加分项：第 2 项加分级别", "市级（1.00）");
    expect(model().bonus).toEqual({ items: [{ level: "PROVINCIAL", reason: "省报报道" }, { level: "CITY", reason: "" }] });
  });

  it("has no level bonus where the framework has none", () => {
    const { wrapper } = mountSheet(chengdu, {});
    expect(wrapper.find('[aria-label="加分项"]').exists()).toBe(false);
  });

  it("applies veto with its reason", async () => {
    const { wrapper, model } = mountSheet(ankang, {});
    await byLabel(wrapper, "一票否决：适用").trigger("click");
    await inputLabelled(wrapper, "一票否决：理由").setValue("重大安全事故");
    expect(model().veto).toEqual({ applied: true, reason: "重大安全事故" });
    await byLabel(wrapper, "一票否决：适用").trigger("click");
    expect(model().veto).toEqual({ applied: false });
    expect(wrapper.text()).toContain("等级最高为良好");
  });
});

describe("read-only", () => {
  it("shows the saved input and lets nothing change", async () => {
    const { wrapper, updates } = mountSheet(chengdu, {
      indicators: { B03: { checked: ["teaching"] }, B14: { points: 4 }, B04: { postedLeaders: { executivePrincipals: { durations: [3] } } } },
    }, { readonly: true });
    expect(wrapper.text()).toContain("已提交，只读");
    expect(inputLabelled(wrapper, fieldLabel(label(chengdu, "B14"), "评定分值")).element.value).toBe("4");
    expect(inputLabelled(wrapper, fieldLabel(label(chengdu, "B14"), "评定分值")).attributes("readonly")).toBeDefined();
    const boxes = byLabel(wrapper, label(chengdu, "B03")).findAll("input[type=checkbox]");
    expect(boxes.every((b) => (b.element as HTMLInputElement).disabled)).toBe(true);
    expect(wrapper.findAll("button").filter((b) => /添加|删除/.test(b.text()))).toHaveLength(0);
    await boxes[0]!.setValue(true);
    expect(updates).toHaveLength(0);
  });
});

describe("field errors", () => {
  it("shows each error at the widget its pointer names", () => {
    const B04 = "B04 " + indicator(chengdu, "B04").name.zh;
    const { wrapper } = mountSheet(chengdu, {}, {
      errors: [
        { pointer: "/indicators/B04/postedLeaders/otherLeaders/counts/1plus", message: "must be a whole number, not 1.5" },
        { pointer: "/indicators/B14/points", message: "must be at most 10" },
        { pointer: "/fraud/reason", message: "a reason is required when fraud is applied" },
        { pointer: "/indicators/Z99", message: "Z99 is not an indicator of chengdu-2023" },
      ],
    });
    const otherLeaders = byLabel(wrapper, partLabel(partLabel(B04, "龙头学校向成员学校派驻校级干部"), "其他校级领导干部(一年及以上)"));
    expect(otherLeaders.find("[role=alert]").text()).toBe("must be a whole number, not 1.5");
    expect(otherLeaders.find('[aria-invalid="true"]').exists()).toBe(true);
    const b14 = wrapper.find('article[aria-labelledby$="-indicator-B14"]');
    expect(b14.find("[role=alert]").text()).toBe("must be at most 10");
    expect(byLabel(wrapper, "弄虚作假").find("[role=alert]").text()).toContain("reason is required");
    expect(wrapper.find(".el-alert").text()).toContain("Z99 is not an indicator");
    expect(wrapper.findAll("[role=alert] li")).toHaveLength(4);
  });
});

describe("the score preview", () => {
  it("shows the live total, grade and each indicator's points and explanation", () => {
    const preview = {
      frameworkId: "ankang-2022", frameworkVersion: "1", total: 90.5, baseTotal: 88.5, bonus: 2, maxScore: 100,
      grade: "EXCELLENT", gradeLabel: { zh: "优秀", en: "excellent" }, bandGrade: "EXCELLENT",
      gradeExplanation: { zh: "…", en: "…" }, complete: false, missingIndicators: ["A02", "A03"],
      veto: { applied: false }, fraud: { applied: false },
      bonusDetail: { points: 2, levelBonus: 2, bonusCategories: 0, levels: ["PROVINCIAL"], explanation: { zh: "", en: "" } },
      categories: [{ id: "system", name: { zh: "制度建设", en: "System" }, points: 5.1, maxPoints: 15, bonus: false }],
      indicators: { A01: { points: 5.1, maxPoints: 6, complete: true,
        explanation: { zh: "完成比例 85%:6 × 0.85 = 5.1;得 5.10 分(满分 6.00)", en: "…" } } },
    } as unknown as ScoredSheet;
    const { wrapper } = mountSheet(ankang, { indicators: { A01: { percent: 85 } } }, { preview });
    const status = wrapper.find("[role=status]");
    expect(status.text()).toContain("总分 90.50");
    expect(status.text()).toContain("优秀");
    expect(status.text()).toContain("尚有 2 项指标未填写");
    expect(wrapper.find('article[aria-labelledby$="-indicator-A01"]').text()).toContain("5.10 / 6.00 分");
    expect(wrapper.text()).toContain("得 5.10 分(满分 6.00)");
    expect(wrapper.find('section[aria-label="制度建设"] h2').text()).toContain("5.10 / 15.00 分");
  });
});

describe("two forms side by side", () => {
  it("never share an id, so each indicator's heading names its own article", () => {
    const wrapper = mount({
      render: () => h("div", [
        h(SheetForm, { framework: ankang, modelValue: {} }),
        h(SheetForm, { framework: ankang, modelValue: {}, readonly: true }),
      ]),
    }, { attachTo: document.body });
    const ids = wrapper.findAll("[id]").map((e) => e.attributes("id"));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const article of wrapper.findAll("article")) {
      expect(wrapper.find(`[id="${article.attributes("aria-labelledby")}"]`).text()).toContain(article.find("h3").text());
    }
  });
});
