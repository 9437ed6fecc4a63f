// The cycle form's model and rules (年度考核周期设置): Beijing-time pickers ↔ the API's instants, the API's own rules
// checked before sending (every invalid field at once, at the API's field paths), and the request or patch sent.
import type { AwardSettings, Cycle, CyclePatch, CycleRequest, PanelSettings } from "../../api/cycles";

export type TiePolicy = NonNullable<AwardSettings["tiePolicy"]>;
export type Scope = NonNullable<AwardSettings["scope"]>;
export type Rounding = NonNullable<AwardSettings["rounding"]>;
export type Aggregation = NonNullable<PanelSettings["aggregation"]>;
export type PeerVisibility = NonNullable<PanelSettings["peerVisibility"]>;

export const TIE_POLICIES: TiePolicy[] = ["NONE_AT_CUTOFF", "INCLUDE_ALL_TIED", "BREAK_BY_CATEGORIES"];
export const SCOPES: Scope[] = ["PER_GRADE", "UNION"];
export const ROUNDINGS: Rounding[] = ["FLOOR", "HALF_UP", "CEILING"];
export const AGGREGATIONS: Aggregation[] = ["TRIMMED_MEAN", "MEAN"];
export const PEER_VISIBILITIES: PeerVisibility[] = ["AFTER_PANEL_COMPLETE", "ALWAYS", "NEVER"];

/** What the form edits; times are Beijing wall-clock times `YYYY-MM-DDTHH:mm:ss` (a datetime-local picker's value). */
export interface CycleForm {
  year: number | undefined;
  frameworkId: string;
  frameworkVersion: string;
  deadlines: { self: string; district: string; city: string };
  rankingAt: string;
  award: { ratio: number | undefined; scope: Scope; rounding: Rounding; tiePolicy: TiePolicy; tieBreakCategories: string[] };
  panel: { required: boolean; minimumSize: number | undefined; aggregation: Aggregation; trimFrom: number | undefined;
    peerVisibility: PeerVisibility };
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_MS = 8 * 3600 * 1000; // Asia/Shanghai: UTC+8 all year, no daylight saving

/** An instant (ISO-8601 with any offset) as Beijing wall-clock time for a datetime-local picker; "" if unreadable. */
export function toShanghaiInput(instant: string | undefined): string {
  if (!instant) {
    return "";
  }
  const time = new Date(instant).getTime();
  if (Number.isNaN(time)) {
    return "";
  }
  return new Date(time + OFFSET_MS).toISOString().slice(0, 19);
}

/** A picker's Beijing wall-clock time as the API's ISO-8601 with `+08:00`; undefined if it is not such a time. */
export function fromShanghaiInput(wall: string): string | undefined {
  const m = WALL.exec(wall.trim());
  if (!m) {
    return undefined;
  }
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}+08:00`;
}

function instant(wall: string): number | undefined {
  const iso = fromShanghaiInput(wall);
  return iso ? new Date(iso).getTime() : undefined;
}

/** The defaults of a new cycle of `year` (docs/review.md, The cycle): 31 Aug / 30 Sep / 31 Oct, ranking 1 Nov 02:00. */
export function newCycleForm(year: number, frameworkId = ""): CycleForm {
  return {
    year, frameworkId, frameworkVersion: "",
    deadlines: { self: `${year}-08-31T23:59:59`, district: `${year}-09-30T23:59:59`, city: `${year}-10-31T23:59:59` },
    rankingAt: `${year}-11-01T02:00:00`,
    award: { ratio: 0.3, scope: "PER_GRADE", rounding: "FLOOR", tiePolicy: "NONE_AT_CUTOFF", tieBreakCategories: [] },
    panel: { required: true, minimumSize: 3, aggregation: "TRIMMED_MEAN", trimFrom: 5, peerVisibility: "AFTER_PANEL_COMPLETE" },
  };
}

/** The form showing a cycle as it is. */
export function cycleToForm(cycle: Cycle): CycleForm {
  const defaults = newCycleForm(cycle.year);
  return {
    year: cycle.year, frameworkId: cycle.frameworkId, frameworkVersion: cycle.frameworkVersion,
    deadlines: {
      self: toShanghaiInput(cycle.deadlines.self), district: toShanghaiInput(cycle.deadlines.district),
      city: toShanghaiInput(cycle.deadlines.city),
    },
    rankingAt: toShanghaiInput(cycle.rankingAt),
    award: { ...defaults.award, ...cycle.award, tieBreakCategories: [...(cycle.award.tieBreakCategories ?? [])] },
    panel: { ...defaults.panel, ...cycle.panel },
  };
}

/**
 * The API's rules (docs/review.md, The cycle), checked before sending: path → rule key (`cycle.rules.<key>`). Paths
 * are the API's pointers as form paths (`deadlines.city`), so its own refusals land at the same fields.
 */
export function validateCycle(form: CycleForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.year === undefined || !Number.isInteger(form.year) || form.year < 2000 || form.year > 2100) {
    errors.year = "year";
  }
  if (!form.frameworkId) {
    errors.frameworkId = "framework";
  }
  const order: [string, string][] = [["deadlines.self", form.deadlines.self], ["deadlines.district", form.deadlines.district],
    ["deadlines.city", form.deadlines.city], ["rankingAt", form.rankingAt]];
  let previous: number | undefined;
  for (const [path, wall] of order) {
    const at = instant(wall);
    if (at === undefined) {
      errors[path] = "time";
    } else if (previous !== undefined && at <= previous) {
      errors[path] = "order";
    }
    previous = at ?? previous;
  }
  const ratio = form.award.ratio;
  if (ratio === undefined || !(ratio > 0 && ratio <= 1)) {
    errors["award.ratio"] = "ratio";
  }
  if (form.award.tiePolicy === "BREAK_BY_CATEGORIES" && form.award.tieBreakCategories.length === 0) {
    errors["award.tieBreakCategories"] = "tieBreak";
  }
  const size = form.panel.minimumSize;
  if (form.panel.required && (size === undefined || !Number.isInteger(size) || size < 1 || size > 25)) {
    errors["panel.minimumSize"] = "minimumSize";
  }
  const trim = form.panel.trimFrom;
  if (form.panel.required && form.panel.aggregation === "TRIMMED_MEAN"
    && (trim === undefined || !Number.isInteger(trim) || trim < 3 || trim > 25)) {
    errors["panel.trimFrom"] = "trimFrom";
  }
  return errors;
}

function award(form: CycleForm): AwardSettings {
  return {
    ratio: form.award.ratio, scope: form.award.scope, rounding: form.award.rounding, tiePolicy: form.award.tiePolicy,
    tieBreakCategories: form.award.tiePolicy === "BREAK_BY_CATEGORIES" ? [...form.award.tieBreakCategories] : [],
  };
}

function panel(form: CycleForm, base?: PanelSettings): PanelSettings {
  // settings that do not apply (no panel; a plain mean) keep what the cycle has
  const keep = base ?? newCycleForm(2000).panel;
  return {
    required: form.panel.required,
    minimumSize: form.panel.required ? form.panel.minimumSize : keep.minimumSize,
    aggregation: form.panel.aggregation, peerVisibility: form.panel.peerVisibility,
    trimFrom: form.panel.aggregation === "TRIMMED_MEAN" ? form.panel.trimFrom : keep.trimFrom,
  };
}

function deadlines(form: CycleForm): { self: string; district: string; city: string } {
  return {
    self: fromShanghaiInput(form.deadlines.self) ?? form.deadlines.self,
    district: fromShanghaiInput(form.deadlines.district) ?? form.deadlines.district,
    city: fromShanghaiInput(form.deadlines.city) ?? form.deadlines.city,
  };
}

/** The `POST /cycles` body of a valid form. */
export function toCycleRequest(form: CycleForm): CycleRequest {
  const request: CycleRequest = {
    year: form.year ?? 0, frameworkId: form.frameworkId, deadlines: deadlines(form),
    rankingAt: fromShanghaiInput(form.rankingAt) ?? form.rankingAt, award: award(form), panel: panel(form),
  };
  if (form.frameworkVersion) {
    request.frameworkVersion = form.frameworkVersion;
  }
  return request;
}

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && new Date(a).getTime() === new Date(b).getTime();
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The `PATCH` body: only what the form changed (an unchanged framework is not sent, so a locked framework refuses
 * only a real change); empty when nothing changed.
 */
export function toCyclePatch(cycle: Cycle, form: CycleForm): CyclePatch {
  const patch: CyclePatch = {};
  if (form.frameworkId !== cycle.frameworkId || (form.frameworkVersion && form.frameworkVersion !== cycle.frameworkVersion)) {
    patch.frameworkId = form.frameworkId;
    if (form.frameworkVersion) {
      patch.frameworkVersion = form.frameworkVersion;
    }
  }
  const wanted = deadlines(form);
  const changedDeadlines: CyclePatch["deadlines"] = {};
  for (const stage of ["self", "district", "city"] as const) {
    if (!sameInstant(wanted[stage], cycle.deadlines[stage])) {
      changedDeadlines[stage] = wanted[stage];
    }
  }
  if (Object.keys(changedDeadlines).length) {
    patch.deadlines = changedDeadlines;
  }
  const rankingAt = fromShanghaiInput(form.rankingAt) ?? form.rankingAt;
  if (!sameInstant(rankingAt, cycle.rankingAt)) {
    patch.rankingAt = rankingAt;
  }
  const nextAward = award(form);
  const currentAward: AwardSettings = { ...cycle.award, tieBreakCategories: cycle.award.tieBreakCategories ?? [] };
  const awardChanges: AwardSettings = {};
  for (const key of ["ratio", "scope", "rounding", "tiePolicy", "tieBreakCategories"] as const) {
    if (!sameJson(nextAward[key], currentAward[key])) {
      (awardChanges as Record<string, unknown>)[key] = nextAward[key];
    }
  }
  if (Object.keys(awardChanges).length) {
    patch.award = awardChanges;
  }
  const nextPanel = panel(form, cycle.panel);
  const panelChanges: PanelSettings = {};
  for (const key of ["required", "minimumSize", "aggregation", "trimFrom", "peerVisibility"] as const) {
    if (!sameJson(nextPanel[key], cycle.panel[key])) {
      (panelChanges as Record<string, unknown>)[key] = nextPanel[key];
    }
  }
  if (Object.keys(panelChanges).length) {
    patch.panel = panelChanges;
  }
  return patch;
}

/**
 * Where a refusal without field errors belongs: the problem types that concern one field of the form. The rest
 * is shown above the form.
 */
export const PROBLEM_FIELDS: Record<string, string> = {
  "framework-locked": "frameworkId",
  "cycle-framework-unknown": "frameworkId",
  "cycle-exists": "year",
};
