// A reviewer's sheet being filled in (district review, expert scoring): the input, whether it differs from what
// was saved, the live score preview (`POST /frameworks/{id}/score?mode=draft`, debounced), the field errors and the
// problem of the last refusal, and what both review pages load around it: the cycle's framework, the group's
// evidence by indicator, a sheet read as the form's preview.
import { computed, onScopeDispose, ref, type Ref } from "vue";
import type { Problem } from "@/api/client";
import type { Evidence } from "@/api/evidence";
import { getCycle, getFramework, listEvidence, previewScore, type Cycle, type Framework, type ScoredSheet, type Sheet, type SheetInput } from "@/api/reviews";
import { debounce } from "@/utils/debounce";
import { canonical } from "@/views/district/review";

export interface SheetEditor {
  input: Ref<SheetInput>;
  preview: Ref<ScoredSheet | null>;
  dirty: Ref<boolean>;
  errors: Ref<NonNullable<Problem["errors"]>>;
  problem: Ref<Problem | undefined>;
  /** Starts from `value` as saved (a sheet read or just saved). */
  reset(value: SheetInput | undefined): void;
  /** The form changed the input. */
  update(value: SheetInput): void;
  /** A refusal: its field errors at their fields, the rest above the form. */
  refuse(problem: Problem): void;
}

export function useSheetEditor(framework: Ref<Framework | undefined>): SheetEditor {
  const input = ref<SheetInput>({ indicators: {} });
  const saved = ref(canonical({ indicators: {} }));
  const preview = ref<ScoredSheet | null>(null);
  const errors = ref<NonNullable<Problem["errors"]>>([]);
  const problem = ref<Problem>();
  const dirty = computed(() => canonical(input.value) !== saved.value);
  let asked = 0;

  async function score(): Promise<void> {
    const fw = framework.value;
    if (!fw) return;
    const mine = ++asked;
    const answer = await previewScore(fw.id, fw.version, input.value);
    if (mine !== asked) return; // a later change asked again meanwhile
    if (answer.ok) {
      preview.value = answer.data;
      errors.value = [];
    } else if (answer.status === 400) {
      errors.value = answer.problem.errors ?? [];
    }
  }
  const refresh = debounce(() => void score(), 400);
  onScopeDispose(() => refresh.cancel());

  return {
    input, preview, dirty, errors, problem,
    reset(value) {
      input.value = JSON.parse(JSON.stringify(value ?? { indicators: {} })) as SheetInput;
      saved.value = canonical(input.value);
      errors.value = [];
      void score();
    },
    update(value) {
      input.value = value;
      refresh();
    },
    refuse(refused) {
      errors.value = refused.errors ?? [];
      problem.value = refused;
    },
  };
}

/** The cycle of `year` and the framework its sheets are scored by. */
export async function loadCycleFramework(year: number)
  : Promise<{ ok: true; cycle: Cycle; framework: Framework } | { ok: false; problem: Problem }> {
  const cycle = await getCycle(year);
  if (!cycle.ok) return { ok: false, problem: cycle.problem };
  const framework = await getFramework(cycle.data.frameworkId, cycle.data.frameworkVersion);
  if (!framework.ok) return { ok: false, problem: framework.problem };
  return { ok: true, cycle: cycle.data, framework: framework.data };
}

/** The group's evidence of the cycle by indicator, page by page (at most 300 files: three pages). */
export async function loadEvidence(groupId: string, year: number)
  : Promise<{ ok: true; byIndicator: Map<string, Evidence[]> } | { ok: false; problem: Problem; status: number }> {
  const byIndicator = new Map<string, Evidence[]>();
  let token: string | undefined;
  do {
    const page = await listEvidence(groupId, year, token);
    if (!page.ok) return { ok: false, problem: page.problem, status: page.status };
    for (const item of page.data.items) {
      byIndicator.set(item.indicatorId, [...(byIndicator.get(item.indicatorId) ?? []), item]);
    }
    token = page.data.nextToken ?? undefined;
  } while (token);
  return { ok: true, byIndicator };
}

/** A sheet as read, shown as the form's preview (its totals, grade and each indicator's points). */
export function asScored(sheet: Sheet | undefined): ScoredSheet | null {
  return sheet && sheet.total !== undefined ? (sheet as unknown as ScoredSheet) : null;
}
