// The charts of the progress and results pages as data: pure functions from the API's answers (and the page's
// translated labels) to the figures a chart and its text table show, and to the ECharts option that draws them.
// Nothing here imports ECharts' code (types only), so the builders are unit-tested without a canvas.
import type { BarSeriesOption, BoxplotSeriesOption } from "echarts/charts";
import type {
  AriaComponentOption, GridComponentOption, LegendComponentOption, MarkAreaComponentOption,
  MarkLineComponentOption, TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { Grade, GradeBand, GroupResult } from "../../api/cityResults";
import type { ProgressStage } from "../../api/progress";

export type ChartOption = ComposeOption<BarSeriesOption | BoxplotSeriesOption | AriaComponentOption
  | GridComponentOption | LegendComponentOption | MarkAreaComponentOption | MarkLineComponentOption
  | TooltipComponentOption>;

export const GRADE_ORDER: Grade[] = ["EXCELLENT", "GOOD", "PASS", "FAIL"];

/** Colours that keep a 3:1 contrast against white and apart from each other (WCAG 1.4.11). */
export const GRADE_COLORS: Record<Grade, string> = {
  EXCELLENT: "#1e7b34", GOOD: "#1f5fbf", PASS: "#a15c00", FAIL: "#b42318",
};

export const PROGRESS_COLORS = { submitted: "#1e7b34", drafting: "#1f5fbf", notStarted: "#6b7280", late: "#b42318" };

/** The words a chart shows, in the page's language. */
export interface ChartLabels {
  grade: Record<Grade, string>;
  /** "区县" — the district axis. */
  district: string;
  /** "集团数" — the count axis. */
  groups: string;
  /** "得分" — the score axis. */
  score: string;
  /** "图例" — the legend, named in each chart's description. */
  legend: string;
}

/** A district as the charts name it: its name, else its code. */
export interface DistrictKey {
  district: string;
  name: string;
}

/** The districts of the API's items (results, progress rows), by code, each once: the charts' axes, the pickers. */
export function districtChoices(items: readonly { district: string; districtName?: string }[]): DistrictKey[] {
  const seen = new Map<string, string>();
  for (const item of items) {
    if (!seen.has(item.district)) {
      seen.set(item.district, item.districtName ?? item.district);
    }
  }
  return [...seen].map(([district, name]) => ({ district, name })).sort((a, b) => a.district.localeCompare(b.district));
}

/** A score in hundredths, exactly (scores carry at most two decimals). */
function cents(score: number): number {
  return Math.round(score * 100);
}

function aria(description: string): AriaComponentOption {
  return { enabled: true, label: { enabled: true, description }, decal: { show: false } };
}

// ---- grade distribution per district (stacked bars) -----------------------------------------------------------

export interface GradeDistributionRow extends DistrictKey {
  counts: Record<Grade, number>;
  total: number;
}

/** Per district (by code), how many groups got each grade. */
export function gradeDistribution(results: readonly GroupResult[]): GradeDistributionRow[] {
  return districtChoices(results).map((d) => {
    const counts: Record<Grade, number> = { EXCELLENT: 0, GOOD: 0, PASS: 0, FAIL: 0 };
    for (const r of results) {
      if (r.district === d.district) {
        counts[r.grade] += 1;
      }
    }
    return { ...d, counts, total: GRADE_ORDER.reduce((sum, g) => sum + counts[g], 0) };
  });
}

export function gradeDistributionOption(rows: readonly GradeDistributionRow[], labels: ChartLabels,
  title: string): ChartOption {
  const description = `${title}（${labels.legend}：${GRADE_ORDER.map((g) => labels.grade[g]).join("、")}）：`
    + rows.map((row) => `${row.name} ${GRADE_ORDER.map((g) =>
    `${labels.grade[g]} ${row.counts[g]}`).join("，")}`).join("；") + "。";
  return {
    aria: aria(description),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, data: GRADE_ORDER.map((g) => labels.grade[g]) },
    grid: { left: 48, right: 16, top: 40, bottom: 40 },
    xAxis: { type: "category", name: labels.district, nameLocation: "middle", nameGap: 28, data: rows.map((r) => r.name) },
    yAxis: { type: "value", name: labels.groups, minInterval: 1 },
    series: GRADE_ORDER.map((g) => ({
      type: "bar", name: labels.grade[g], stack: "grades", color: GRADE_COLORS[g], barMaxWidth: 64,
      data: rows.map((r) => r.counts[g]),
    })),
  };
}

// ---- score histogram with the grade bands and the award cutoffs -----------------------------------------------

export interface HistogramBin {
  /** Lower bound (included) and upper bound (excluded, but the last bin includes it), in points. */
  from: number;
  to: number;
  counts: Record<Grade, number>;
}

/** An award pool's cutoff: the lowest awarded score. */
export interface Cutoff {
  pool: string;
  score: number;
}

/**
 * Bins of `width` points over the scores (groups without a score left out), from a multiple of `width` at or below
 * both the lowest score and 10 points under the lowest band's bound, up to `top` (the framework's maximum, or the
 * highest score if higher). Each bin counts its groups by grade. Computed in hundredths: 90.00 lies in [90, 95).
 */
export function scoreHistogram(results: readonly GroupResult[], bands: readonly GradeBand[], top = 100,
  width = 5): HistogramBin[] {
  const scored = results.filter((r) => r.score !== undefined && r.score !== null);
  const step = cents(width);
  const lowestBound = Math.min(...bands.filter((b) => b.min > 0).map((b) => cents(b.min)), cents(top));
  const lowestScore = Math.min(...scored.map((r) => cents(r.score!)), lowestBound);
  const start = Math.max(0, Math.floor(Math.min(lowestScore, lowestBound - cents(10)) / step) * step);
  const end = Math.max(cents(top), ...scored.map((r) => cents(r.score!)));
  const binCount = Math.max(1, Math.ceil((end - start) / step));
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: (start + i * step) / 100, to: (start + (i + 1) * step) / 100,
    counts: { EXCELLENT: 0, GOOD: 0, PASS: 0, FAIL: 0 },
  }));
  for (const r of scored) {
    const index = Math.min(binCount - 1, Math.floor((cents(r.score!) - start) / step));
    bins[index]!.counts[r.grade] += 1;
  }
  return bins;
}

/** Each pool's cutoff as the results explain it (every result of a pool names the same one). */
export function cutoffsOf(results: readonly GroupResult[]): Cutoff[] {
  const byPool = new Map<string, number>();
  for (const r of results) {
    const quota = r.explanation.quota;
    if (quota?.pool && quota.cutoffScore !== undefined && !byPool.has(quota.pool)) {
      byPool.set(quota.pool, quota.cutoffScore);
    }
  }
  return [...byPool].map(([pool, score]) => ({ pool, score })).sort((a, b) => b.score - a.score);
}

export interface HistogramLabels extends ChartLabels {
  /** The name of a pool's cutoff line: "优秀组奖补线". */
  cutoff: (pool: string) => string;
  /** "分数段" — the bands' name. */
  bands: string;
}

export function scoreHistogramOption(bins: readonly HistogramBin[], bands: readonly GradeBand[],
  cutoffs: readonly Cutoff[], labels: HistogramLabels, title: string): ChartOption {
  const first = bins[0]?.from ?? 0;
  const last = bins[bins.length - 1]?.to ?? 100;
  const width = bins.length ? bins[0]!.to - bins[0]!.from : 5;
  const bandAreas = bands.map((band) => [
    { name: labels.grade[band.grade], xAxis: Math.max(first, band.min), itemStyle: { color: GRADE_COLORS[band.grade], opacity: 0.08 } },
    { xAxis: Math.min(last, band.below ?? last) },
  ]);
  const cutoffLines = cutoffs.map((c) => ({
    name: labels.cutoff(c.pool), xAxis: c.score,
    label: { formatter: `${labels.cutoff(c.pool)} ${c.score.toFixed(2)}` },
  }));
  const description = `${title}（${labels.legend}：${GRADE_ORDER.map((g) => labels.grade[g]).join("、")}）：` + bins.filter((b) => GRADE_ORDER.some((g) => b.counts[g] > 0)).map((b) =>
    `${b.from}–${b.to} ${labels.score} ${GRADE_ORDER.filter((g) => b.counts[g] > 0).map((g) =>
      `${labels.grade[g]} ${b.counts[g]}`).join("，")}`).join("；")
    + (bands.length ? `；${labels.bands} ${bands.map((b) => `${labels.grade[b.grade]} ≥ ${b.min}`).join("，")}` : "")
    + (cutoffs.length ? `；${cutoffs.map((c) => `${labels.cutoff(c.pool)} ${c.score.toFixed(2)}`).join("，")}` : "")
    + "。";
  return {
    aria: aria(description),
    tooltip: { trigger: "item" },
    legend: { top: 0, data: GRADE_ORDER.map((g) => labels.grade[g]) },
    grid: { left: 48, right: 24, top: 64, bottom: 48 },
    xAxis: { type: "value", name: labels.score, nameLocation: "middle", nameGap: 28, min: first, max: last, interval: width },
    yAxis: { type: "value", name: labels.groups, minInterval: 1 },
    series: GRADE_ORDER.map((g, i) => ({
      type: "bar", name: labels.grade[g], stack: "scores", color: GRADE_COLORS[g], barWidth: "92%",
      data: bins.map((b) => [(b.from + b.to) / 2, b.counts[g]]),
      // the bands and cutoffs ride on the first series (bars of other series would take their place beside it)
      ...(i === 0 ? {
        markArea: { silent: true, label: { position: "top", color: "#303133" }, data: bandAreas },
        markLine: { symbol: "none", silent: true, lineStyle: { color: "#303133", type: "dashed", width: 2 },
          label: { position: "insideEndTop", color: "#303133" }, data: cutoffLines },
      } : {}),
    } as BarSeriesOption)),
  };
}

// ---- districts compared (box plot) ----------------------------------------------------------------------------

export interface BoxStats extends DistrictKey {
  /** Minimum, lower quartile, median, upper quartile, maximum. */
  box: [number, number, number, number, number];
  count: number;
}

/**
 * The quantile `p` of sorted scores, interpolated between the two nearest (Hyndman–Fan type 7, as spreadsheets'
 * QUARTILE), to a hundredth.
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sorted.length - 1, low + 1);
  // in hundredths, rounded half up to a hundredth (a score's precision)
  const value = cents(sorted[low]!) + (h - low) * (cents(sorted[high]!) - cents(sorted[low]!));
  return Math.round(value) / 100;
}

/** Per district with a scored group: the five figures of its scores. */
export function districtBoxes(results: readonly GroupResult[]): BoxStats[] {
  return districtChoices(results).flatMap((d) => {
    const scores = results.filter((r) => r.district === d.district && r.score !== undefined && r.score !== null)
      .map((r) => r.score!).sort((a, b) => a - b);
    if (scores.length === 0) {
      return [];
    }
    const box: BoxStats["box"] = [scores[0]!, quantile(scores, 0.25), quantile(scores, 0.5), quantile(scores, 0.75),
      scores[scores.length - 1]!];
    return [{ ...d, box, count: scores.length }];
  });
}

export interface BoxLabels extends ChartLabels {
  /** Names of the five figures: 最低, 下四分位, 中位数, 上四分位, 最高. */
  figures: [string, string, string, string, string];
}

export function districtBoxplotOption(boxes: readonly BoxStats[], labels: BoxLabels, title: string): ChartOption {
  const description = `${title}：` + boxes.map((b) => `${b.name} ${b.box.map((v, i) =>
    `${labels.figures[i]} ${v.toFixed(2)}`).join("，")}`).join("；") + "。";
  return {
    aria: aria(description),
    tooltip: { trigger: "item" },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    xAxis: { type: "category", name: labels.district, nameLocation: "middle", nameGap: 28, data: boxes.map((b) => b.name) },
    yAxis: { type: "value", name: labels.score, scale: true },
    series: [{
      type: "boxplot", name: labels.score, color: "#1f5fbf", itemStyle: { color: "#e8f0fc", borderColor: "#1f5fbf" },
      data: boxes.map((b) => [...b.box]),
    }],
  };
}

// ---- progress per district of a stage (stacked bars) ----------------------------------------------------------

export interface ProgressLabels {
  legend: string;
  district: string;
  groups: string;
  submitted: string;
  drafting: string;
  notStarted: string;
  late: string;
}

export function progressStageOption(stage: ProgressStage, labels: ProgressLabels, title: string): ChartOption {
  const rows = [...stage.districts].sort((a, b) => a.district.localeCompare(b.district));
  const names = rows.map((r) => r.districtName ?? r.district);
  const parts = ["submitted", "drafting", "notStarted"] as const;
  const description = `${title}（${labels.legend}：${[...parts, "late" as const].map((p) => labels[p]).join("、")}）：`
    + rows.map((r, i) => `${names[i]} ${labels.groups} ${r.groups}，`
    + parts.map((p) => `${labels[p]} ${r[p]}`).join("，") + `，${labels.late} ${r.late}`).join("；") + "。";
  return {
    aria: aria(description),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, data: [...parts.map((p) => labels[p]), labels.late] },
    grid: { left: 40, right: 12, top: 40, bottom: 40 },
    xAxis: { type: "category", name: labels.district, nameLocation: "middle", nameGap: 28, data: names },
    yAxis: { type: "value", name: labels.groups, minInterval: 1 },
    series: [
      ...parts.map((p) => ({
        type: "bar" as const, name: labels[p], stack: "stage", color: PROGRESS_COLORS[p], barMaxWidth: 48,
        data: rows.map((r) => r[p]),
      })),
      { type: "bar" as const, name: labels.late, color: PROGRESS_COLORS.late, barMaxWidth: 24, data: rows.map((r) => r.late) },
    ],
  };
}
