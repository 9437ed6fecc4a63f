import { describe, expect, it } from "vitest";
import type { BarSeriesOption, BoxplotSeriesOption } from "echarts/charts";
import type { Grade, GradeBand, GroupResult } from "@/api/cityResults";
import { fileNameOf } from "@/api/cityResults";
import type { ProgressStage } from "@/api/progress";
import {
  cutoffsOf, districtBoxes, districtBoxplotOption, gradeDistribution, gradeDistributionOption, GRADE_COLORS,
  progressStageOption, quantile, scoreHistogram, scoreHistogramOption, type BoxLabels, type HistogramLabels,
} from "@/components/charts/options";
import zhCN from "@/i18n/zh-CN";
import parts from "@/i18n/parts/zh-CN";
import { chooseYear, shanghaiYear, sortRows } from "@/views/city/year";

const BANDS: GradeBand[] = [
  { grade: "EXCELLENT", label: { zh: "优秀", en: "Excellent" }, min: 90 },
  { grade: "GOOD", label: { zh: "良好", en: "Good" }, min: 80, below: 90 },
  { grade: "PASS", label: { zh: "合格", en: "Pass" }, min: 60, below: 80 },
  { grade: "FAIL", label: { zh: "不合格", en: "Fail" }, min: 0, below: 60 },
] as GradeBand[];

let n = 0;
function result(district: string, districtName: string | undefined, score: number | undefined, grade: Grade,
  quota?: { pool: string; cutoffScore?: number }): GroupResult {
  n += 1;
  return {
    groupId: `g-${n}`, year: 2091, revision: 1, name: `集团${n}`, district, districtName, groupType: "INTEGRATED",
    rank: n, districtRank: n, score, basis: score === undefined ? "NOT_SUBMITTED" : "CITY", bandGrade: grade, grade,
    award: false, seniorPostBonus: false, flags: score === undefined ? ["NOT_SUBMITTED"] : [],
    explanation: quota ? { quota: { ...quota, groupsInPool: 3, ratio: 0.3, quota: 1 } } : {},
  } as GroupResult;
}

const RESULTS: GroupResult[] = [
  result("610902", "汉滨区", 96.5, "EXCELLENT", { pool: "EXCELLENT", cutoffScore: 96.5 }),
  result("610902", "汉滨区", 90, "EXCELLENT", { pool: "EXCELLENT", cutoffScore: 96.5 }),
  result("610902", "汉滨区", 89.99, "GOOD", { pool: "GOOD", cutoffScore: 86 }),
  result("610902", "汉滨区", 86, "GOOD", { pool: "GOOD", cutoffScore: 86 }),
  result("610921", "汉阴县", 89, "FAIL"),
  result("610921", "汉阴县", 72.5, "PASS"),
  result("610921", "汉阴县", 45, "FAIL"),
  result("610921", "汉阴县", undefined, "FAIL"),
  result("610999", undefined, 100, "EXCELLENT"),
];

const grade = parts.grade as Record<Grade, string>;
const texts = zhCN.cityResults;
const LABELS: HistogramLabels = {
  grade, legend: texts.legend, district: texts.districtAxis, groups: texts.groups, score: texts.scoreAxis, bands: texts.bands,
  cutoff: (pool) => texts.cutoff.replace("{pool}", texts.pools[pool as "EXCELLENT"] ?? pool),
};

const names = (series: unknown) => (series as { name: string }[]).map((s) => s.name);

describe("grade distribution per district", () => {
  it("counts each district's grades and stacks one series per grade named in Chinese", () => {
    const rows = gradeDistribution(RESULTS);
    expect(rows.map((r) => [r.name, r.counts, r.total])).toEqual([
      ["汉滨区", { EXCELLENT: 2, GOOD: 2, PASS: 0, FAIL: 0 }, 4],
      ["汉阴县", { EXCELLENT: 0, GOOD: 0, PASS: 1, FAIL: 3 }, 4],
      ["610999", { EXCELLENT: 1, GOOD: 0, PASS: 0, FAIL: 0 }, 1],
    ]);
    const option = gradeDistributionOption(rows, LABELS, "各区县等级分布");
    expect(names(option.series)).toEqual(["优秀", "良好", "合格", "不合格"]);
    expect((option.legend as { data: string[] }).data).toEqual(["优秀", "良好", "合格", "不合格"]);
    const series = option.series as BarSeriesOption[];
    expect(series.every((s) => s.stack === "grades")).toBe(true);
    expect(series[3]!.data).toEqual([0, 3, 0]);
    expect(series[0]!.color).toBe(GRADE_COLORS.EXCELLENT);
    expect((option.xAxis as { data: string[] }).data).toEqual(["汉滨区", "汉阴县", "610999"]);
    expect(option.aria).toMatchObject({ enabled: true });
    expect((option.aria as { label: { description: string } }).label.description)
      .toBe("各区县等级分布（图例：优秀、良好、合格、不合格）：汉滨区 优秀 2，良好 2，合格 0，不合格 0；汉阴县 优秀 0，良好 0，合格 1，不合格 3；610999 优秀 1，良好 0，合格 0，不合格 0。");
  });
});

describe("score histogram", () => {
  const bins = scoreHistogram(RESULTS, BANDS, 100);

  it("bins by five points from below the lowest band to the maximum, counting exactly at the bounds", () => {
    expect(bins[0]).toMatchObject({ from: 45, to: 50 });
    expect(bins[bins.length - 1]).toMatchObject({ from: 95, to: 100 });
    const at = (from: number) => bins.find((b) => b.from === from)!.counts;
    expect(at(90)).toEqual({ EXCELLENT: 1, GOOD: 0, PASS: 0, FAIL: 0 });      // 90.00 lies in [90, 95)
    expect(at(85)).toEqual({ EXCELLENT: 0, GOOD: 2, PASS: 0, FAIL: 1 });      // 89.99, 86, and 89 vetoed to FAIL
    expect(at(95)).toEqual({ EXCELLENT: 2, GOOD: 0, PASS: 0, FAIL: 0 });      // 96.5, and 100 in the last bin
    expect(at(45)).toEqual({ EXCELLENT: 0, GOOD: 0, PASS: 0, FAIL: 1 });
    const counted = bins.reduce((sum, b) => sum + Object.values(b.counts).reduce((a, c) => a + c, 0), 0);
    expect(counted).toBe(8);                                                   // the group without a score is left out
  });

  it("starts ten points below the lowest band when every score is higher", () => {
    const high = scoreHistogram([result("610902", "汉滨区", 91, "EXCELLENT")], BANDS, 100);
    expect(high[0]!.from).toBe(50);
    expect(high).toHaveLength(10);
  });

  it("draws the grade bands as areas and each award cutoff as a line, named in Chinese", () => {
    const cutoffs = cutoffsOf(RESULTS);
    expect(cutoffs).toEqual([{ pool: "EXCELLENT", score: 96.5 }, { pool: "GOOD", score: 86 }]);
    const option = scoreHistogramOption(bins, BANDS, cutoffs, LABELS, "得分分布");
    const series = option.series as BarSeriesOption[];
    expect(names(series)).toEqual(["优秀", "良好", "合格", "不合格"]);
    expect(series.every((s) => s.stack === "scores")).toBe(true);
    expect(series[0]!.data![0]).toEqual([47.5, 0]);
    const areas = series[0]!.markArea!.data as unknown as [{ name: string; xAxis: number }, { xAxis: number }][];
    expect(areas.map(([from, to]) => [from.name, from.xAxis, to.xAxis])).toEqual([
      ["优秀", 90, 100], ["良好", 80, 90], ["合格", 60, 80], ["不合格", 45, 60],
    ]);
    const lines = series[0]!.markLine!.data as unknown as { name: string; xAxis: number; label: { formatter: string } }[];
    expect(lines.map((l) => [l.name, l.xAxis, l.label.formatter])).toEqual([
      ["优秀组奖补线", 96.5, "优秀组奖补线 96.50"], ["良好组奖补线", 86, "良好组奖补线 86.00"],
    ]);
    expect(series.slice(1).every((s) => !s.markArea && !s.markLine)).toBe(true);
    expect(option.xAxis).toMatchObject({ type: "value", min: 45, max: 100, interval: 5 });
    const description = (option.aria as { label: { description: string } }).label.description;
    expect(description).toMatch(/^得分分布（图例：优秀、良好、合格、不合格）：45–50 得分 不合格 1；/);
    expect(description).toContain("分数段 优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，不合格 ≥ 0");
    expect(description).toContain("优秀组奖补线 96.50，良好组奖补线 86.00");
  });
});

describe("districts compared", () => {
  it("gives each district's five figures (quartiles interpolated) and leaves out groups without a score", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([45, 72.5, 89], 0.5)).toBe(72.5);
    const boxes = districtBoxes(RESULTS);
    expect(boxes.map((b) => [b.name, b.count, b.box])).toEqual([
      ["汉滨区", 4, [86, 88.99, 90, 91.63, 96.5]],
      ["汉阴县", 3, [45, 58.75, 72.5, 80.75, 89]],
      ["610999", 1, [100, 100, 100, 100, 100]],
    ]);
  });

  it("draws one box per district with Chinese names in its description", () => {
    const labels: BoxLabels = { ...LABELS, figures: ["最低", "下四分位", "中位数", "上四分位", "最高"] };
    const option = districtBoxplotOption(districtBoxes(RESULTS), labels, "各区县得分比较");
    const series = option.series as BoxplotSeriesOption[];
    expect(series).toHaveLength(1);
    expect(series[0]!.type).toBe("boxplot");
    expect(series[0]!.data).toHaveLength(3);
    expect((option.aria as { label: { description: string } }).label.description)
      .toContain("汉阴县 最低 45.00，下四分位 58.75，中位数 72.50，上四分位 80.75，最高 89.00");
  });
});

describe("progress of a stage", () => {
  it("stacks submitted, drafting and not started per district, with the late ones beside", () => {
    const stage: ProgressStage = {
      stage: "self", deadline: "2091-08-31T23:59:59+08:00",
      totals: { groups: 7, submitted: 3, drafting: 2, notStarted: 2, late: 1 },
      districts: [
        { district: "610921", districtName: "汉阴县", groups: 3, submitted: 1, drafting: 1, notStarted: 1, late: 1 },
        { district: "610902", districtName: "汉滨区", groups: 4, submitted: 2, drafting: 1, notStarted: 1, late: 0 },
      ],
    };
    const labels = zhCN.cityProgress;
    const option = progressStageOption(stage, { legend: labels.legend, district: labels.district, groups: labels.groups,
      submitted: labels.submitted, drafting: labels.drafting, notStarted: labels.notStarted, late: labels.late }, "集团自评");
    const series = option.series as BarSeriesOption[];
    expect(names(series)).toEqual(["已提交", "填写中", "未开始", "逾期未交"]);
    expect(series.map((s) => s.stack)).toEqual(["stage", "stage", "stage", undefined]);
    expect(series.map((s) => s.data)).toEqual([[2, 1], [1, 1], [1, 1], [0, 1]]);
    expect((option.xAxis as { data: string[] }).data).toEqual(["汉滨区", "汉阴县"]);
    expect((option.aria as { label: { description: string } }).label.description)
      .toBe("集团自评（图例：已提交、填写中、未开始、逾期未交）：汉滨区 集团数 4，已提交 2，填写中 1，未开始 1，逾期未交 0；汉阴县 集团数 3，已提交 1，填写中 1，未开始 1，逾期未交 1。");
  });
});

describe("the year shown", () => {
  it("is the one asked for, else the current year in Beijing when it has a cycle, else the newest", () => {
    const newYearsEve = new Date("2026-12-31T17:00:00Z");              // 2027-01-01 01:00 in Beijing
    expect(shanghaiYear(newYearsEve)).toBe(2027);
    expect(chooseYear("2091", [2027, 2026], newYearsEve)).toBe(2091);
    expect(chooseYear(undefined, [2027, 2026], newYearsEve)).toBe(2027);
    expect(chooseYear("x", [2026, 2025], newYearsEve)).toBe(2026);
    expect(chooseYear(undefined, [], newYearsEve)).toBeUndefined();
  });
});

describe("the export's file name", () => {
  it("comes from Content-Disposition, the UTF-8 form first, never a path", () => {
    expect(fileNameOf('attachment; filename="results-2091-r1.xlsx"', "x")).toBe("results-2091-r1.xlsx");
    expect(fileNameOf("attachment; filename=\"a.csv\"; filename*=UTF-8''%E7%BB%93%E6%9E%9C.csv", "x")).toBe("结果.csv");
    expect(fileNameOf("attachment; filename=plain.csv", "x")).toBe("plain.csv");
    expect(fileNameOf('attachment; filename="../etc/passwd"', "results.csv")).toBe("results.csv");
    expect(fileNameOf(null, "results-2091.xlsx")).toBe("results-2091.xlsx");
  });
});

describe("sorting a page of results", () => {
  it("sorts by score (no score lowest), name in pinyin order, ties in rank order", () => {
    const page = [result("610902", "汉滨区", 80, "GOOD"), result("610902", "汉滨区", undefined, "FAIL"),
      result("610902", "汉滨区", 95, "EXCELLENT"), result("610902", "汉滨区", 80, "GOOD")]
      .map((r, i) => ({ ...r, rank: i + 1, name: ["张家", "安康", "汉滨", "白河"][i]! }));
    expect(sortRows(page, "score", true).map((r) => r.rank)).toEqual([3, 1, 4, 2]);
    expect(sortRows(page, "score", false).map((r) => r.rank)).toEqual([2, 1, 4, 3]);
    expect(sortRows(page, "name", false).map((r) => r.name)).toEqual(["安康", "白河", "汉滨", "张家"]);
    expect(sortRows(page, "rank", true).map((r) => r.rank)).toEqual([4, 3, 2, 1]);
  });
});
