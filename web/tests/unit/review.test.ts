import { describe, expect, it } from "vitest";
import type { AuditRecord, Participant, ScoredSheet } from "../../src/api/reviews";
import {
  ariaSort, auditSubject, auditValue, canonical, describeValue, differences, filterAndSort, pageSizeOf, panelState,
  recommendationGate, stageStatus, type PanelState,
} from "../../src/views/district/review";
import { validateConflict } from "../../src/views/expert/conflictForm";

describe("where a reviewer's input differs from the school's", () => {
  it("compares inputs whatever the order of their members", () => {
    expect(canonical({ b: 1, a: [2, { d: 1, c: null }] })).toBe(canonical({ a: [2, { c: null, d: 1 }], b: 1 }));
    expect(canonical({ a: 1, b: undefined })).toBe(canonical({ a: 1 }));
  });

  it("names each indicator the reviewer changed, not those left empty", () => {
    const school = { indicators: { A01: { ratio: 1 }, A02: { percent: 80 }, A03: { percent: 50 } } };
    const reviewer = { indicators: { A01: { ratio: 1 }, A02: { percent: 60 }, A04: { exchangeRatio: 0.1 } } };
    expect(differences(reviewer, school)).toEqual([
      { key: "indicators/A02", indicator: "A02", school: { percent: 80 }, reviewer: { percent: 60 } },
      { key: "indicators/A04", indicator: "A04", school: undefined, reviewer: { exchangeRatio: 0.1 } },
    ]);
  });

  it("counts a veto or fraud only when applied, and a changed bonus", () => {
    const school = { indicators: {}, bonus: { level: "CITY", reason: "市级示范" } } as never;
    expect(differences({ indicators: {}, veto: { applied: false, reason: "核实无误" }, bonus: { level: "CITY", reason: "市级示范" } } as never, school))
      .toEqual([]);
    const found = differences({ indicators: {}, veto: { applied: true, reason: "重大安全事故" } }, school);
    expect(found.map((d) => d.key)).toEqual(["bonus", "veto"]);
    expect(found[1]!.school).toBeNull();
    expect(differences({ indicators: {} }, undefined)).toEqual([]);
  });

  it("reads inputs and audit values as short lines", () => {
    expect(describeValue({ percent: 85 })).toBe("percent 85");
    expect(describeValue({ grades: ["EXCELLENT", "GOOD"] })).toBe("grades EXCELLENT, GOOD");
    expect(describeValue({ counts: { "1to3": 2 } })).toBe("counts (1to3 2)");
    expect(describeValue(null)).toBe("—");
    expect(describeValue(true)).toBe("✓");
    const record = { field: "indicator", indicator: "A02" } as AuditRecord;
    expect(auditSubject(record)).toBe("A02");
    expect(auditValue(record, { input: { percent: 60 }, points: 2.4 })).toBe("percent 60 → 2.4");
    expect(auditValue({ field: "status" } as AuditRecord, "SUBMITTED")).toBe("SUBMITTED");
    expect(auditSubject({ field: "recommend" } as AuditRecord)).toBe("recommend");
  });
});

describe("the recommendation gate", () => {
  const scored = (grade: ScoredSheet["grade"], complete: boolean) =>
    ({ grade, complete, missingIndicators: complete ? [] : ["A01"] }) as unknown as ScoredSheet;
  it("lets only a complete sheet graded Pass or better through", () => {
    expect(recommendationGate(scored("PASS", true))).toEqual({ allowed: true });
    expect(recommendationGate(scored("EXCELLENT", true))).toEqual({ allowed: true });
    expect(recommendationGate(scored("FAIL", true))).toEqual({ allowed: false, reason: "below-pass" });
    expect(recommendationGate(scored("GOOD", false))).toEqual({ allowed: false, reason: "incomplete" });
    expect(recommendationGate(null)).toEqual({ allowed: false, reason: "no-preview" });
  });
});

describe("the district's list", () => {
  const participant = (groupId: string, name: string, core: string, status: Participant["status"] = "ENROLLED") => ({
    year: 2071, groupId, status, enrolledAt: "", changedAt: "", changedBy: "", version: 1,
    snapshot: { name, type: "INTEGRATED", district: "610902", coreSchool: { code: core, name: `${name}核心校` }, memberSchools: [] },
  }) as Participant;
  const items = [participant("g-1", "张家集团", "S3"), participant("g-2", "安康集团", "S1"), participant("g-3", "白河集团", "S2", "WITHDRAWN")];
  items[0]!.stages = { self: { status: "SUBMITTED", total: 79.99, grade: "PASS" }, district: { status: "SUBMITTED", recommend: true } };
  items[1]!.stages = { self: { status: "SUBMITTED", total: 91 }, district: { status: "DRAFT" } };
  const panels = new Map<string, PanelState>([
    ["g-1", { groupId: "g-1", district: "610902", expertsAssigned: 3, expertsSubmitted: 3, confirmed: true }],
    ["g-2", { groupId: "g-2", district: "610902", expertsAssigned: 3, expertsSubmitted: 1, confirmed: false }],
  ]);

  it("reads each group's city review from the progress", () => {
    expect(panelState(panels.get("g-1"))).toBe("confirmed");
    expect(panelState(panels.get("g-2"))).toBe("open");
    expect(panelState({ groupId: "g", district: "1", expertsAssigned: 2, expertsSubmitted: 2, confirmed: false })).toBe("complete");
    expect(panelState(undefined)).toBe("none");
  });

  it("filters and sorts the page", () => {
    const all = { text: "", status: "", review: "", panel: "" } as const;
    expect(filterAndSort(items, all, "name", panels).map((p) => p.groupId)).toEqual(["g-2", "g-3", "g-1"]);
    expect(filterAndSort(items, all, "coreSchool", panels).map((p) => p.groupId)).toEqual(["g-2", "g-3", "g-1"]);
    expect(filterAndSort(items, all, "panel", panels).map((p) => p.groupId)).toEqual(["g-1", "g-2", "g-3"]);
    expect(filterAndSort(items, { ...all, status: "WITHDRAWN" }, "name", panels).map((p) => p.groupId)).toEqual(["g-3"]);
    expect(filterAndSort(items, { ...all, panel: "none" }, "name", panels).map((p) => p.groupId)).toEqual(["g-3"]);
    expect(filterAndSort(items, { ...all, text: "s3" }, "name", panels).map((p) => p.groupId)).toEqual(["g-1"]);
    expect(filterAndSort(items, { ...all, text: "安康" }, "name", panels).map((p) => p.groupId)).toEqual(["g-2"]);
    expect(filterAndSort(items, all, "selfTotal", panels).map((p) => p.groupId)).toEqual(["g-2", "g-1", "g-3"]);
    expect(filterAndSort(items, { ...all, review: "DRAFT" }, "name", panels).map((p) => p.groupId)).toEqual(["g-2"]);
    expect(filterAndSort(items, { ...all, review: "NONE" }, "name", panels).map((p) => p.groupId)).toEqual(["g-3"]);
    expect(stageStatus(items[0]!, "district")).toBe("SUBMITTED");
    expect(stageStatus(items[2]!, "self")).toBe("NONE");
  });

  it("marks the sorted column's heading in the order the page is sorted in", () => {
    expect(ariaSort("name", "name")).toBe("ascending");
    expect(ariaSort("coreSchool", "coreSchool")).toBe("ascending");
    expect(ariaSort("selfTotal", "selfTotal")).toBe("descending");
    expect(ariaSort("panel", "panel")).toBe("descending");
    expect(ariaSort("name", "panel")).toBe("none");
    expect(ariaSort("selfTotal", "name")).toBe("none");
  });
});

describe("a conflict-of-interest declaration", () => {
  it("needs a school code or a group id as the API takes them, and a reason", () => {
    expect(validateConflict({ kind: "school", target: " S001 ", reason: "曾任教" })).toEqual({});
    expect(validateConflict({ kind: "group", target: "g-01kexamp1e0000000000000000", reason: "亲属" })).toEqual({});
    expect(validateConflict({ kind: "school", target: "S-1", reason: " " })).toEqual({ target: "target", reason: "reason" });
    expect(validateConflict({ kind: "group", target: "S001", reason: "x".repeat(501) })).toEqual({ target: "target", reason: "reason" });
  });
});

describe("the district list's page size", () => {
  it("takes the size the address names when the list offers it", () => {
    expect(pageSizeOf("200")).toBe(200);
    expect(pageSizeOf("500")).toBe(500);
  });

  it("falls back to 50 a page for a missing, unknown or repeated size", () => {
    expect(pageSizeOf(undefined)).toBe(50);
    expect(pageSizeOf("150")).toBe(50);
    expect(pageSizeOf("abc")).toBe(50);
    expect(pageSizeOf(["200", "500"])).toBe(50);
  });
});
