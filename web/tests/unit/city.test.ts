// The city's pages' logic: the cycle form (Beijing time ↔ instants, the API's rules, request and patch), conflicts
// of interest found before a panel is saved, the open stages and what each tie policy does with a tied block.
import { describe, expect, it } from "vitest";
import type { Cycle } from "../../src/api/cycles";
import type { PoolOutcome } from "../../src/api/ranking";
import {
  cycleToForm, fromShanghaiInput, newCycleForm, toCyclePatch, toCycleRequest, toShanghaiInput, validateCycle,
} from "../../src/views/city/cycleForm";
import { cleanExperts, panelConflicts, validateExperts } from "../../src/views/city/panelConflicts";
import { analyseTie, openStagesAt } from "../../src/views/city/rankingView";

function cycle(): Cycle {
  return {
    year: 2081, frameworkId: "ankang-2022", frameworkVersion: "1",
    deadlines: { self: "2081-08-31T23:59:59+08:00", district: "2081-09-30T23:59:59+08:00", city: "2081-10-31T23:59:59+08:00" },
    rankingAt: "2081-11-01T02:00:00+08:00",
    award: { ratio: 0.3, scope: "PER_GRADE", rounding: "FLOOR", tiePolicy: "NONE_AT_CUTOFF", tieBreakCategories: [] },
    panel: { required: true, minimumSize: 3, aggregation: "TRIMMED_MEAN", trimFrom: 5, peerVisibility: "AFTER_PANEL_COMPLETE" },
    frameworkLocked: false, createdAt: "2026-12-01T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z", updatedBy: "CITY:c",
    version: 1,
  };
}

describe("Beijing time pickers", () => {
  it("show an instant of any offset as Beijing wall-clock time and send it back with +08:00", () => {
    expect(toShanghaiInput("2081-08-31T15:59:59Z")).toBe("2081-08-31T23:59:59");
    expect(toShanghaiInput("2081-08-31T23:59:59+08:00")).toBe("2081-08-31T23:59:59");
    expect(toShanghaiInput("nonsense")).toBe("");
    expect(fromShanghaiInput("2081-08-31T23:59:59")).toBe("2081-08-31T23:59:59+08:00");
    expect(fromShanghaiInput("2081-08-31T23:59")).toBe("2081-08-31T23:59:00+08:00");
    expect(fromShanghaiInput("31/08/2081")).toBeUndefined();
  });
});

describe("the cycle form", () => {
  it("starts from the rule book's defaults and sends them as a request", () => {
    const form = newCycleForm(2081, "ankang-2022");
    expect(validateCycle(form)).toEqual({});
    expect(toCycleRequest(form)).toEqual({
      year: 2081, frameworkId: "ankang-2022",
      deadlines: { self: "2081-08-31T23:59:59+08:00", district: "2081-09-30T23:59:59+08:00", city: "2081-10-31T23:59:59+08:00" },
      rankingAt: "2081-11-01T02:00:00+08:00",
      award: { ratio: 0.3, scope: "PER_GRADE", rounding: "FLOOR", tiePolicy: "NONE_AT_CUTOFF", tieBreakCategories: [] },
      panel: { required: true, minimumSize: 3, aggregation: "TRIMMED_MEAN", trimFrom: 5, peerVisibility: "AFTER_PANEL_COMPLETE" },
    });
  });

  it("reports every broken rule at once, at the API's field paths", () => {
    const form = newCycleForm(2081, "");
    form.deadlines.district = "2081-08-01T00:00:00";
    form.rankingAt = "";
    form.award.ratio = 0;
    form.award.tiePolicy = "BREAK_BY_CATEGORIES";
    form.panel.minimumSize = 30;
    form.panel.trimFrom = 2;
    expect(validateCycle(form)).toEqual({
      frameworkId: "framework", "deadlines.district": "order", rankingAt: "time", "award.ratio": "ratio",
      "award.tieBreakCategories": "tieBreak", "panel.minimumSize": "minimumSize", "panel.trimFrom": "trimFrom",
    });
  });

  it("patches only what changed, and never an unchanged framework", () => {
    const current = cycle();
    const form = cycleToForm(current);
    expect(toCyclePatch(current, form)).toEqual({});
    form.deadlines.city = "2081-11-15T23:59:59";
    form.rankingAt = "2081-11-20T02:00:00";
    form.award.tiePolicy = "BREAK_BY_CATEGORIES";
    form.award.tieBreakCategories = ["B", "A"];
    form.panel.minimumSize = 5;
    expect(toCyclePatch(current, form)).toEqual({
      deadlines: { city: "2081-11-15T23:59:59+08:00" }, rankingAt: "2081-11-20T02:00:00+08:00",
      award: { tiePolicy: "BREAK_BY_CATEGORIES", tieBreakCategories: ["B", "A"] }, panel: { minimumSize: 5 },
    });
    form.frameworkId = "chengdu-2023";
    form.frameworkVersion = "1";
    expect(toCyclePatch(current, form)).toMatchObject({ frameworkId: "chengdu-2023", frameworkVersion: "1" });
  });
});

describe("conflicts of interest before a panel is saved", () => {
  const groups = [
    { groupId: "g-1", name: "甲集团", schools: ["S001", "S002"] },
    { groupId: "g-2", name: "乙集团", schools: ["S003"] },
  ];

  it("finds an expert's own school in a group and declared conflicts with a school or a group", () => {
    const experts = cleanExperts([
      { subject: " E1 ", name: "王老师", affiliation: "s002" },
      { subject: "E2", name: "李老师", affiliation: "" },
      { subject: "E3", name: "张老师" },
    ]);
    expect(experts[0]).toEqual({ subject: "E1", name: "王老师", affiliation: "S002" });
    expect(experts[1]).toEqual({ subject: "E2", name: "李老师" });
    const declared = {
      E2: [{ expertSub: "E2", schoolCode: "S003", reason: "曾任教", declaredAt: "", declaredBy: "" }],
      E3: [{ expertSub: "E3", groupId: "g-1", reason: "亲属", declaredAt: "", declaredBy: "" }],
    };
    expect(panelConflicts(experts, groups, declared).map((c) => [c.groupId, c.expertSub, c.kind, c.schoolCode])).toEqual([
      ["g-1", "E1", "AFFILIATION", "S002"],
      ["g-1", "E3", "DECLARED_GROUP", undefined],
      ["g-2", "E2", "DECLARED_SCHOOL", "S003"],
    ]);
    expect(panelConflicts([{ subject: "E4", name: "赵老师", affiliation: "S999" }], groups, {})).toEqual([]);
  });

  it("checks the experts as the API does", () => {
    expect(validateExperts([])).toEqual({ experts: "none" });
    expect(validateExperts([{ subject: "E1", name: "" }, { subject: "E1", name: "李" }])).toEqual({
      "experts.0.name": "name", "experts.1.subject": "duplicate",
    });
  });
});

describe("the ranking page", () => {
  it("lists the stages whose deadline has not passed, the deadline instant itself included", () => {
    const c = cycle();
    expect(openStagesAt(c, new Date("2081-09-30T15:59:59Z")).map((s) => s.stage)).toEqual(["district", "city"]);
    expect(openStagesAt(c, new Date("2081-09-30T16:00:00Z")).map((s) => s.stage)).toEqual(["city"]);
    expect(openStagesAt(c, new Date("2082-01-01T00:00:00Z"))).toEqual([]);
  });

  it("shows what each tie policy does with a block tied at the cutoff", () => {
    // 10 eligible GOOD groups, quota 3: two above, three tied for the one place left; none awarded (NONE_AT_CUTOFF)
    const pool: PoolOutcome = { pool: "GOOD", groupsInPool: 10, eligible: 10, quota: 3, awarded: 2, cutoffScore: 86,
      tiedScore: 85, tiedAtCutoff: ["g-a", "g-b", "g-c"], tieResolution: "NONE_AWARDED" };
    const none = analyseTie(pool, "NONE_AT_CUTOFF", 0);
    expect([none.above, none.places, none.size]).toEqual([2, 1, 3]);
    expect(none.options.map((o) => [o.policy, o.blockAwarded, o.poolAwarded, o.overQuota, o.unused, o.applied])).toEqual([
      ["NONE_AT_CUTOFF", 0, 2, 0, 1, true],
      ["INCLUDE_ALL_TIED", 3, 5, 2, 0, false],
      ["BREAK_BY_CATEGORIES", undefined, undefined, 0, 0, false],
    ]);
    // the same block under INCLUDE_ALL_TIED: the pool awarded 5, the block all of them
    const all = analyseTie({ ...pool, awarded: 5, tieResolution: "ALL_AWARDED" }, "INCLUDE_ALL_TIED", 3);
    expect([all.above, all.places]).toEqual([2, 1]);
    expect(all.options[1]).toMatchObject({ poolAwarded: 5, overQuota: 2, applied: true });
    // broken by categories: one of the three won the place
    const broken = analyseTie({ ...pool, awarded: 3, tieResolution: "BROKEN_BY_CATEGORIES" }, "BREAK_BY_CATEGORIES", 1);
    expect(broken.options[2]).toMatchObject({ blockAwarded: 1, poolAwarded: 3, unused: 0, applied: true });
  });
});
