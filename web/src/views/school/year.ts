// The school's year: which cycle is current, each stage's deadline for the group (its extension if granted), the
// time left, and what is still missing — pure functions the year page and the other school pages share.
import type { Cycle, Extension, Participant, Stage } from "../../api/cycles";
import type { Evidence } from "../../api/evidence";
import type { Sheet } from "../../api/sheets";

export const STAGES: Stage[] = ["self", "district", "city"];

/** The newest cycle whose last stage has not closed at `now`, else the newest (the list is newest first). */
export function currentCycle(cycles: readonly Cycle[], now: Date): Cycle | undefined {
  const sorted = [...cycles].sort((a, b) => b.year - a.year);
  return sorted.find((c) => Date.parse(c.deadlines.city ?? "") >= now.getTime()) ?? sorted[0];
}

export interface StageDeadline {
  stage: Stage;
  /** The cycle's deadline. */
  deadline: string;
  /** The group's extension of this stage, if granted. */
  extension?: Extension;
  /** The deadline that applies to the group: the extension's, else the cycle's. */
  effective: string;
  open: boolean;
}

/** Each stage's deadline for the group, with its extension; a stage is open until its deadline (inclusive). */
export function stageDeadlines(cycle: Cycle, extensions: readonly Extension[] | undefined, now: Date): StageDeadline[] {
  return STAGES.map((stage) => {
    const deadline = cycle.deadlines[stage] ?? "";
    const extension = extensions?.find((e) => e.stage === stage);
    const effective = extension?.deadline ?? deadline;
    return { stage, deadline, extension, effective, open: Date.parse(effective) >= now.getTime() };
  });
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The time from `now` to `deadline` in whole days, hours, minutes and seconds; undefined once it passed. */
export function remaining(deadline: string, now: Date): Remaining | undefined {
  const ms = Date.parse(deadline) - now.getTime();
  if (Number.isNaN(ms) || ms < 0) {
    return undefined;
  }
  const total = Math.floor(ms / 1000);
  return {
    days: Math.floor(total / 86400), hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60), seconds: total % 60,
  };
}

export type MissingKind = "noGroup" | "noCycle" | "notEnrolled" | "evidence" | "selfNotStarted" | "selfUnfilled"
  | "selfNotSubmitted" | "statement";

export interface MissingItem {
  kind: MissingKind;
  /** The page that fixes it. */
  to: string;
  /** Indicator ids, where the item names some. */
  indicators?: string[];
}

export interface YearState {
  group?: { groupId: string };
  cycle?: Cycle;
  participant?: Participant | null;
  /** Indicator ids of the cycle's framework, in order. */
  indicators: string[];
  evidence: readonly Evidence[];
  /** The self-assessment, or null before its first save. */
  sheet?: Sheet | null;
  /** The statement of work exists. */
  statement: boolean;
}

/** Indicators with no file that is not withdrawn or rejected. */
export function indicatorsWithoutEvidence(indicators: readonly string[], evidence: readonly Evidence[]): string[] {
  const covered = new Set(evidence.filter((e) => e.status !== "WITHDRAWN" && e.status !== "REJECTED")
    .map((e) => e.indicatorId));
  return indicators.filter((id) => !covered.has(id));
}

/** What the school still has to do this year, each with the page that does it; empty when nothing is missing. */
export function missingItems(state: YearState): MissingItem[] {
  if (!state.group) {
    return [{ kind: "noGroup", to: "/school/group" }];
  }
  if (!state.cycle) {
    return [{ kind: "noCycle", to: "/school/year" }];
  }
  if (!state.participant || state.participant.status !== "ENROLLED") {
    return [{ kind: "notEnrolled", to: `/school/group/${state.group.groupId}` }];
  }
  const items: MissingItem[] = [];
  const bare = indicatorsWithoutEvidence(state.indicators, state.evidence);
  if (bare.length) {
    items.push({ kind: "evidence", to: "/school/evidence", indicators: bare });
  }
  if (!state.sheet) {
    items.push({ kind: "selfNotStarted", to: "/school/self-assessment" });
  } else if (state.sheet.status !== "SUBMITTED") {
    const unfilled = state.sheet.missingIndicators ?? [];
    items.push(unfilled.length
      ? { kind: "selfUnfilled", to: "/school/self-assessment", indicators: unfilled }
      : { kind: "selfNotSubmitted", to: "/school/self-assessment" });
  }
  if (!state.statement) {
    items.push({ kind: "statement", to: "/school/statement" });
  }
  return items;
}
