// The sheet form's model: the framework as `GET /frameworks/{id}` publishes it, the sheet input as
// `PUT …/sheets/{stage}` and `POST /frameworks/{id}/score` take it, and the typed parameters of each rule type
// (docs/frameworks.md, "Rule types and their inputs").
import type { Schemas } from "@/api/client";

export type Framework = Schemas["Framework"];
export type FrameworkIndicator = Framework["categories"][number]["indicators"][number];
export type Rule = Schemas["IndicatorRule"];
export type SheetInput = Schemas["SheetInput"];
export type ScoredSheet = Schemas["ScoredSheet"];
export type FieldError = Schemas["FieldError"];
export type LocalizedText = Schemas["LocalizedText"];
export type Grade = Schemas["Grade"];
export type Level = Schemas["Level"];

/** One indicator's input: an object whose members the rule describes. */
export type RuleInput = Record<string, unknown>;

export interface ChecklistItem { id: string; name: LocalizedText; points: number }
export interface GradePercent { grade: Grade; percent: number }
export interface Measure { id: string; name: LocalizedText; target: number }
export interface DurationBand { id: string; min: number; below?: number; pointsPerPerson: number; label?: LocalizedText }
export interface LevelPoints { level: Level; points: number }
export interface Part { id: string; name: LocalizedText; maxPoints: number; rule: Rule }

export const LEVELS: readonly Level[] = ["NATIONAL", "PROVINCIAL", "CITY", "DISTRICT"];

/** A rule's parameter list (`items`, `grades`, `measures`, `bands`, `levels`, `parts`), typed by the caller. */
export function ruleList<T>(rule: Rule, name: string): T[] {
  const value = rule[name];
  return Array.isArray(value) ? (value as T[]) : [];
}

/** The messages of the field errors at `pointer` or below it; `exact` keeps only those at `pointer` itself. */
export function errorsAt(errors: readonly FieldError[] | undefined, pointer: string, exact = false): string[] {
  return (errors ?? [])
    .filter((e) => e.pointer === pointer || (!exact && e.pointer.startsWith(pointer + "/")))
    .map((e) => e.message);
}

/** The messages of field errors no part of the form shows (the whole body, `/indicators`, unknown members). */
export function errorsElsewhere(errors: readonly FieldError[] | undefined, framework: Framework): string[] {
  const shown = new Set<string>(["bonus", "veto", "fraud"]);
  const indicators = new Set(framework.categories.flatMap((c) => c.indicators.map((i) => i.id)));
  return (errors ?? []).filter((e) => {
    const [, first, second] = e.pointer.split("/");
    if (first === "indicators" && second !== undefined && indicators.has(second)) return false;
    return !(first !== undefined && shown.has(first));
  }).map((e) => e.message);
}

/** An object with `key` set to `value`, or removed when `value` is undefined; undefined when nothing is left. */
export function withMember(target: RuleInput | undefined, key: string, value: unknown): RuleInput | undefined {
  const next: RuleInput = { ...(target ?? {}) };
  if (value === undefined || value === null) {
    delete next[key];
  } else {
    next[key] = value;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

/** The input as an object (the model of a widget), or undefined. */
export function asInput(value: unknown): RuleInput | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as RuleInput) : undefined;
}

/** A number member of an input, or undefined. */
export function numberAt(input: RuleInput | undefined, key: string): number | undefined {
  const value = input?.[key];
  return typeof value === "number" ? value : undefined;
}

/** The accessible name of a field inside a labelled widget: `"A04 教师交流：骨干教师占交流总数比例（%）"`. */
export function fieldLabel(parent: string, field: string): string {
  return `${parent}：${field}`;
}

/** The accessible name of a composite's part: `"B04 干部交流 / 派驻领导"`. */
export function partLabel(parent: string, part: string): string {
  return `${parent} / ${part}`;
}

/** The props every rule widget takes: its rule, its input, where it is (pointer, accessible name) and its max. */
export interface WidgetProps {
  rule: Rule;
  modelValue: unknown;
  /** The input's JSON Pointer in the sheet, which the API's field errors use. */
  pointer: string;
  /** The widget's accessible name (indicator id and name, parts joined with " / "). */
  label: string;
  maxPoints: number;
  readonly?: boolean;
  errors?: FieldError[];
}

/** What every rule widget emits: its new input, or undefined when it is left out. */
export interface WidgetEmits {
  "update:modelValue": [value: unknown];
}
