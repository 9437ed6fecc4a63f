// What the review pages compute without the API: where a reviewer's input differs from the school's, how an input
// and an audit value read, whether the recommendation gate lets a group through, and the district's list filtered
// and sorted.
import type { AuditRecord, Participant, Progress, ScoredSheet, SheetInput } from "@/api/reviews";

/** A JSON value with its object members in key order, so that two equal inputs give the same text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A veto or fraud finding not applied reads as none, whatever its reason. */
function sanction(value: unknown): unknown {
  const applied = value && typeof value === "object" && (value as { applied?: unknown }).applied === true;
  return applied ? value : null;
}

export interface Difference {
  /** `indicators/A01`, `bonus`, `veto` or `fraud`. */
  key: string;
  indicator?: string;
  school: unknown;
  reviewer: unknown;
}

/**
 * Where the reviewer's input differs from the school's: each indicator the reviewer filled in with another input,
 * and the level bonus, veto and fraud when they differ. An indicator the reviewer has not filled in yet is no
 * difference.
 */
export function differences(reviewer: SheetInput, school: SheetInput | undefined): Difference[] {
  const out: Difference[] = [];
  const mine = reviewer.indicators ?? {};
  const theirs = school?.indicators ?? {};
  for (const id of Object.keys(mine).sort()) {
    if (canonical(mine[id]) !== canonical(theirs[id])) {
      out.push({ key: `indicators/${id}`, indicator: id, school: theirs[id], reviewer: mine[id] });
    }
  }
  if (canonical(reviewer.bonus ?? null) !== canonical(school?.bonus ?? null)) {
    out.push({ key: "bonus", school: school?.bonus ?? null, reviewer: reviewer.bonus ?? null });
  }
  for (const key of ["veto", "fraud"] as const) {
    if (canonical(sanction(reviewer[key])) !== canonical(sanction(school?.[key]))) {
      out.push({ key, school: sanction(school?.[key]), reviewer: sanction(reviewer[key]) });
    }
  }
  return out;
}

/** An input, an audit value or any JSON value as a short line: `percent 85`, `grades EXCELLENT, GOOD`, `—`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.length ? value.map(describeValue).join(", ") : "[]";
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return "{}";
  return entries.map(([k, v]) => (v !== null && typeof v === "object" && !Array.isArray(v)
    ? `${k} (${describeValue(v)})` : `${k} ${describeValue(v)}`)).join("; ");
}

export type Gate = { allowed: true } | { allowed: false; reason: "no-preview" | "incomplete" | "below-pass" };

/**
 * Whether the district may recommend the group with the sheet as previewed (rules.md §7.2: only PASS or better,
 * after veto and fraud; the submission also needs every indicator).
 */
export function recommendationGate(preview: ScoredSheet | null | undefined): Gate {
  if (!preview) return { allowed: false, reason: "no-preview" };
  if (preview.grade === "FAIL") return { allowed: false, reason: "below-pass" };
  if (!preview.complete) return { allowed: false, reason: "incomplete" };
  return { allowed: true };
}

/** An audit record's "what": the indicator, the field, or both. */
export function auditSubject(record: AuditRecord): string {
  return record.field === "indicator" && record.indicator ? record.indicator : record.field;
}

/** An indicator's audit value is `{input, points}`: its input, and its points when it has them. */
export function auditValue(record: AuditRecord, value: unknown): string {
  if (record.field === "indicator" && value && typeof value === "object" && "input" in value) {
    const { input, points } = value as { input?: unknown; points?: unknown };
    return points === undefined || points === null ? describeValue(input) : `${describeValue(input)} → ${points}`;
  }
  return describeValue(value);
}

export interface ListFilter {
  text: string;
  status: "" | "ENROLLED" | "WITHDRAWN";
  /** The district stage's sheet: not saved, drafted, submitted. */
  review: "" | StageStatus;
  panel: "" | "none" | "open" | "complete" | "confirmed";
}

export type SortKey = "name" | "coreSchool" | "selfTotal" | "panel";

export type StageStatus = "NONE" | "DRAFT" | "SUBMITTED";

/** A participant's stage as the list gives it: the sheet's status, or NONE when it has no sheet. */
export function stageStatus(participant: Participant, stage: "self" | "district" | "city"): StageStatus {
  return participant.stages?.[stage]?.status ?? "NONE";
}

export type PanelState = Progress["panels"][number];

/** A group's city stage as the progress gives it: no panel, experts scoring, all submitted, confirmed. */
export function panelState(panel: PanelState | undefined): ListFilter["panel"] {
  if (!panel || panel.expertsAssigned === 0) return "none";
  if (panel.confirmed) return "confirmed";
  return panel.expertsSubmitted >= panel.expertsAssigned ? "complete" : "open";
}

/** The page's participants that match the filter, sorted (Chinese names in pinyin order). */
export function filterAndSort(items: readonly Participant[], filter: ListFilter, sort: SortKey,
                              panels: ReadonlyMap<string, PanelState>): Participant[] {
  const text = filter.text.trim().toLowerCase();
  const collator = new Intl.Collator("zh-CN-u-co-pinyin");
  const rank: Record<ListFilter["panel"], number> = { "": 0, none: 0, open: 1, complete: 2, confirmed: 3 };
  return items
    .filter((p) => !filter.status || p.status === filter.status)
    .filter((p) => !filter.review || stageStatus(p, "district") === filter.review)
    .filter((p) => !filter.panel || panelState(panels.get(p.groupId)) === filter.panel)
    .filter((p) => !text || [p.groupId, p.snapshot.name, p.snapshot.coreSchool.code, p.snapshot.coreSchool.name]
      .some((s) => s.toLowerCase().includes(text)))
    .sort((a, b) => {
      if (sort === "coreSchool") return a.snapshot.coreSchool.code.localeCompare(b.snapshot.coreSchool.code);
      if (sort === "selfTotal") {
        // highest self-assessed total first, groups without one last
        return Number(b.stages?.self?.total ?? -1) - Number(a.stages?.self?.total ?? -1)
          || collator.compare(a.snapshot.name, b.snapshot.name);
      }
      if (sort === "panel") {
        return rank[panelState(panels.get(b.groupId))] - rank[panelState(panels.get(a.groupId))]
          || collator.compare(a.snapshot.name, b.snapshot.name);
      }
      return collator.compare(a.snapshot.name, b.snapshot.name);
    });
}

/**
 * How a column sorted by `key` reads while the page is sorted by `sort` (its `aria-sort`): names and core school
 * codes ascending, self-assessed totals and the city review's progress descending (as `filterAndSort` orders them),
 * `none` for a column the page is not sorted by.
 */
export function ariaSort(key: SortKey, sort: SortKey): "ascending" | "descending" | "none" {
  if (key !== sort) return "none";
  return key === "selfTotal" || key === "panel" ? "descending" : "ascending";
}

/** The list's page sizes (`?size=` in the page's address; the API's `limit` allows up to 500). */
export const PAGE_SIZES = [50, 100, 200, 500] as const;
export const DEFAULT_PAGE_SIZE = PAGE_SIZES[0];

/** The page size the address asks for (`?size=`), or the default when it names none of the list's sizes. */
export function pageSizeOf(value: unknown): number {
  const size = typeof value === "string" ? Number(value) : Number.NaN;
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}
