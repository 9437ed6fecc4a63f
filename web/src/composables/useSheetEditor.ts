// A reviewer's sheet being filled in (district review, expert scoring): the input, whether it differs from what
// was saved, the live score preview (`POST /frameworks/{id}/score?mode=draft`, debounced), the field errors and the
// problem of the last refusal, and what both review pages load around it: the cycle's framework, the group's
// evidence by indicator, a sheet read as the form's preview.
import { computed, onScopeDispose, ref, type Ref } from "vue";
import { useI18n } from "vue-i18n";
import { ElMessage } from "element-plus";
import "element-plus/es/components/message/style/css";
import type { Problem } from "@/api/client";
import type { Result } from "@/api";
import type { Evidence } from "@/api/evidence";
import { getCycle, getFramework, listEvidence, previewScore, type Cycle, type Framework, type ScoredSheet, type Sheet, type SheetInput } from "@/api/reviews";
import { debounce } from "@/utils/debounce";
import { canonical } from "@/views/district/review";

/** Where a reviewer's sheet is read and saved (a stage sheet, an expert's sheet). */
export interface SheetSource {
  read(): Promise<Result<Sheet>>;
  /** Saves a draft; `etag` is the ETag read (none for the first save). */
  write(input: SheetInput, etag: string | undefined): Promise<Result<Sheet>>;
}

export interface SheetEditor {
  /** The sheet as last read or saved, and its ETag. */
  sheet: Ref<Sheet | undefined>;
  etag: Ref<string | undefined>;
  busy: Ref<boolean>;
  /** A save was refused with 412: someone saved since it was read. */
  conflict: Ref<boolean>;
  input: Ref<SheetInput>;
  preview: Ref<ScoredSheet | null>;
  dirty: Ref<boolean>;
  errors: Ref<NonNullable<Problem["errors"]>>;
  problem: Ref<Problem | undefined>;
  /** Shows `saved` (read or just saved; undefined when there is none yet) and edits from its input. */
  show(saved: Sheet | undefined, savedEtag: string | undefined): void;
  /** The form changed the input. */
  update(value: SheetInput): void;
  /** A refusal: its field errors at their fields, the rest above the form. */
  refuse(problem: Problem): void;
  /** Saves the draft if it changed (If-Match the ETag read); true when it is saved. */
  save(quiet?: boolean): Promise<boolean>;
  /** After a 412: the sheet as it is now, the unsaved changes dropped. */
  reloadLatest(): Promise<void>;
  /** Starts from another sheet's entries (the school's self-assessment): its indicators and bonus claim. */
  copyFrom(other: SheetInput): void;
}

export function useSheetEditor(framework: Ref<Framework | undefined>, source: () => SheetSource | undefined): SheetEditor {
  const { t } = useI18n();
  const sheet = ref<Sheet>();
  const etag = ref<string>();
  const busy = ref(false);
  const conflict = ref(false);
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

  function show(read: Sheet | undefined, readEtag: string | undefined): void {
    sheet.value = read;
    etag.value = readEtag;
    problem.value = undefined;
    input.value = JSON.parse(JSON.stringify(read?.input ?? { indicators: {} })) as SheetInput;
    saved.value = canonical(input.value);
    errors.value = [];
    void score();
  }

  function refuse(refused: Problem): void {
    errors.value = refused.errors ?? [];
    problem.value = refused;
  }

  async function save(quiet = false): Promise<boolean> {
    const where = source();
    if (!where) return false;
    if (sheet.value && !dirty.value) return true;
    busy.value = true;
    problem.value = undefined;
    const answer = await where.write(input.value, etag.value);
    busy.value = false;
    if (answer.ok) {
      show(answer.data, answer.etag);
      if (!quiet) ElMessage.success(t("review.sheet.saved"));
      return true;
    }
    if (answer.status === 412) conflict.value = true;
    else refuse(answer.problem);
    return false;
  }

  async function reloadLatest(): Promise<void> {
    conflict.value = false;
    const where = source();
    if (!where) return;
    const latest = await where.read();
    if (latest.ok) show(latest.data, latest.etag);
    else problem.value = latest.problem;
  }

  function update(value: SheetInput): void {
    input.value = value;
    refresh();
  }

  function copyFrom(other: SheetInput): void {
    const copy = JSON.parse(JSON.stringify({ indicators: other.indicators ?? {}, bonus: other.bonus ?? undefined })) as SheetInput;
    update({ ...input.value, ...copy });
    ElMessage.info(t("review.sheet.copied"));
  }

  return {
    sheet, etag, busy, conflict, input, preview, dirty, errors, problem, show, refuse, save, reloadLatest, update,
    copyFrom,
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
