import { describe, expect, it } from "vitest";
import type { Cycle, Extension, Participant } from "@/api/cycles";
import type { Evidence } from "@/api/evidence";
import type { Sheet } from "@/api/sheets";
import { currentCycle, indicatorsWithoutEvidence, missingItems, remaining, stageDeadlines } from "@/views/school/year";

function cycle(year: number): Cycle {
  return {
    year, frameworkId: "ankang-2022", frameworkVersion: "1", frameworkLocked: false, version: 1,
    deadlines: { self: `${year}-08-31T23:59:59+08:00`, district: `${year}-09-30T23:59:59+08:00`,
      city: `${year}-10-31T23:59:59+08:00` },
    rankingAt: `${year}-11-01T02:00:00+08:00`, createdAt: "", updatedAt: "", updatedBy: "CITY:x",
  } as unknown as Cycle;
}
const enrolled = { status: "ENROLLED" } as Participant;
function file(indicatorId: string, status: Evidence["status"]): Evidence {
  return { indicatorId, status } as Evidence;
}

describe("the school's year", () => {
  it("is the newest cycle still open, else the newest", () => {
    const cycles = [cycle(2027), cycle(2026)];
    expect(currentCycle(cycles, new Date("2027-05-01T00:00:00Z"))?.year).toBe(2027);
    expect(currentCycle([cycle(2026), cycle(2027)], new Date("2026-05-01T00:00:00Z"))?.year).toBe(2027);
    expect(currentCycle(cycles, new Date("2028-05-01T00:00:00Z"))?.year).toBe(2027);
    expect(currentCycle([], new Date())).toBeUndefined();
  });

  it("takes the group's extension as the stage's deadline, inclusive, in Beijing time", () => {
    const extension = { stage: "self", deadline: "2026-09-07T23:59:59+08:00", reason: "typhoon" } as Extension;
    const justAfter = new Date("2026-08-31T16:00:00Z"); // 2026-09-01 00:00 in Beijing
    const [self, district] = stageDeadlines(cycle(2026), [extension], justAfter);
    expect(self).toMatchObject({ stage: "self", deadline: "2026-08-31T23:59:59+08:00", effective: extension.deadline, open: true });
    expect(district?.extension).toBeUndefined();
    expect(stageDeadlines(cycle(2026), [], justAfter)[0]?.open).toBe(false);
    expect(stageDeadlines(cycle(2026), [], new Date("2026-08-31T15:59:59Z"))[0]?.open).toBe(true);
  });

  it("counts down in days, hours, minutes and seconds, and stops at the deadline", () => {
    expect(remaining("2026-08-31T23:59:59+08:00", new Date("2026-08-30T14:58:58Z")))
      .toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1 });
    expect(remaining("2026-08-31T23:59:59+08:00", new Date("2026-08-31T16:00:00Z"))).toBeUndefined();
  });

  it("lists indicators without a file that counts (withdrawn and rejected files do not)", () => {
    expect(indicatorsWithoutEvidence(["A01", "A02", "A03", "A04"],
      [file("A01", "VERIFIED"), file("A02", "PENDING"), file("A03", "REJECTED"), file("A04", "WITHDRAWN")]))
      .toEqual(["A03", "A04"]);
  });

  it("says what is missing, each with the page that fixes it", () => {
    const base = { indicators: ["A01", "A02"], evidence: [file("A01", "VERIFIED")], statement: false };
    expect(missingItems({ ...base })).toEqual([{ kind: "noGroup", to: "/school/group" }]);
    const group = { groupId: "g-1" };
    expect(missingItems({ ...base, group, cycle: cycle(2026), participant: null }))
      .toEqual([{ kind: "notEnrolled", to: "/school/group/g-1" }]);
    expect(missingItems({ ...base, group, cycle: cycle(2026), participant: enrolled, sheet: null })).toEqual([
      { kind: "evidence", to: "/school/evidence", indicators: ["A02"] },
      { kind: "selfNotStarted", to: "/school/self-assessment" },
      { kind: "statement", to: "/school/statement" },
    ]);
    const draft = { status: "DRAFT", missingIndicators: ["A02"] } as Sheet;
    expect(missingItems({ ...base, group, cycle: cycle(2026), participant: enrolled, sheet: draft, statement: true }))
      .toEqual([{ kind: "evidence", to: "/school/evidence", indicators: ["A02"] },
        { kind: "selfUnfilled", to: "/school/self-assessment", indicators: ["A02"] }]);
    const complete = { status: "DRAFT", missingIndicators: [] as string[] } as Sheet;
    expect(missingItems({ ...base, evidence: [file("A01", "VERIFIED"), file("A02", "VERIFIED")], group,
      cycle: cycle(2026), participant: enrolled, sheet: complete, statement: true }))
      .toEqual([{ kind: "selfNotSubmitted", to: "/school/self-assessment" }]);
    const submitted = { status: "SUBMITTED" } as Sheet;
    expect(missingItems({ ...base, evidence: [file("A01", "VERIFIED"), file("A02", "VERIFIED")], group,
      cycle: cycle(2026), participant: enrolled, sheet: submitted, statement: true })).toEqual([]);
  });
});
