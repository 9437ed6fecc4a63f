// Steps of the year's results, reusable by any spec: a published year made through the API as its users would
// (the city opens the cycle, groups register, each core school, its district and the city submit their sheets, the
// city ranks and publishes), and the city (or a district) reading the progress and the results in the browser.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { readFile } from "node:fs/promises";
import { apiToken, checkPage, uniqueCode } from "../helpers";

/** A group of a seeded year: its planned city score (null: nothing submitted) and whether its district recommends it. */
export interface PlannedGroup {
  district: string;
  score: string | null;
  recommended?: boolean;
}

export interface SeededGroup extends PlannedGroup {
  groupId: string;
  name: string;
  coreSchool: string;
}

const RATIO_INDICATORS = ["A01", "A02", "A03", "A05", "A06", "A07", "A08", "A09", "A10", "A12", "A13", "A14", "A15",
  "A16", "A17"];

/**
 * A sheet of framework ankang-2022 whose total is the given score: every completion ratio at r, A04 at target,
 * A11 all EXCELLENT and A18 at r × 100 % make 15 + 85 r; r = (score − 14.9) / 85 keeps the rounding of 16
 * indicators from crossing a band's bound (the demo city's sheets, local/stack DemoCity).
 */
export function sheetFor(score: string, schools: number): Record<string, unknown> {
  const r = Math.max(0, Math.min(1, (Number(score) - 14.9) / 85));
  const ratio = Number(r.toFixed(6));
  const indicators: Record<string, unknown> = {};
  for (const id of RATIO_INDICATORS) {
    indicators[id] = { ratio };
  }
  indicators.A04 = { exchangeRatio: 0.12, backboneRatio: 0.25 };
  indicators.A11 = { grades: Array.from({ length: schools }, () => "EXCELLENT") };
  indicators.A18 = { percent: Number((ratio * 100).toFixed(4)) };
  return { indicators };
}

async function call(request: APIRequestContext, method: "post" | "put", path: string, token: string,
  data: unknown, ok: number[]): Promise<Record<string, unknown>> {
  const response = await request[method](path, { headers: { Authorization: `Bearer ${token}` }, data });
  const body = await response.text();
  expect(ok, `${method.toUpperCase()} ${path} answered ${response.status()}: ${body}`).toContain(response.status());
  return body ? JSON.parse(body) as Record<string, unknown> : {};
}

/**
 * Opens cycle `year` (stages open for a few days from now, no expert panel), registers `groups`, submits their
 * sheets at every stage their plan reaches, ranks and publishes (while the stages are still open). Returns the
 * groups with their ids and names. A year's cycle can be opened once per stack.
 */
export async function seedPublishedYear(request: APIRequestContext, year: number, groups: readonly PlannedGroup[])
  : Promise<SeededGroup[]> {
  const city = await apiToken(request, `role=CITY&sub=results-city-${year}`);
  const day = 24 * 3600 * 1000;
  const at = (days: number) => new Date(Date.now() + days * day).toISOString().replace(/\.\d+Z$/, "Z");
  const opened = await call(request, "post", "/cycles", city, {
    year, frameworkId: "ankang-2022", frameworkVersion: "1",
    deadlines: { self: at(1), district: at(2), city: at(3) }, rankingAt: at(4),
    award: { ratio: 0.3, scope: "PER_GRADE", tiePolicy: "NONE_AT_CUTOFF" }, panel: { required: false },
  }, [201, 409]);
  if (opened.type === "urn:groupeval:problem:cycle-exists") {
    return publishedGroups(request, city, year);
  }
  const seeded: SeededGroup[] = [];
  for (const [i, plan] of groups.entries()) {
    const core = uniqueCode(`R${year % 100}`);
    const name = `结果${year}第${i + 1}教育集团`;
    const group = await call(request, "post", "/groups", city, {
      name, type: i % 2 ? "TRUSTEESHIP" : "INTEGRATED", district: plan.district,
      coreSchool: { code: core, name: `${name}核心校` }, memberSchools: [{ code: `${core}M`.slice(0, 20), name: `${name}成员校` }],
    }, [201]);
    const groupId = group.groupId as string;
    seeded.push({ ...plan, groupId, name, coreSchool: core });
    if (plan.score === null) {
      continue;
    }
    const recommended = plan.recommended ?? Number(plan.score) >= 60;
    const school = await apiToken(request, `role=SCHOOL&school=${core}&sub=results-${core}`);
    const district = await apiToken(request, `role=DISTRICT&district=${plan.district}&sub=results-d${plan.district}`);
    const base = `/groups/${groupId}/cycles/${year}/sheets`;
    const self = Math.min(100, Number(plan.score) + 3).toFixed(2);
    const reviewed = Math.min(100, Number(plan.score) + 1).toFixed(2);
    await call(request, "put", `${base}/self`, school, sheetFor(self, 2), [200, 201]);
    await call(request, "post", `${base}/self/submit`, school, {}, [200, 201]);
    await call(request, "put", `${base}/district`, district, sheetFor(reviewed, 2), [200, 201]);
    await call(request, "post", `${base}/district/submit`, district, { recommend: recommended }, [200, 201]);
    if (recommended) {
      await call(request, "put", `${base}/city`, city, sheetFor(plan.score, 2), [200, 201]);
      await call(request, "post", `${base}/city/submit`, city, {}, [200, 201]);
    }
  }
  const run = await call(request, "post", `/cycles/${year}/rankings`, city, {}, [200, 201]);
  await call(request, "post", `/cycles/${year}/rankings/${run.revision as number}/publish?allowOpenStages=true`, city,
    {}, [200]);
  return seeded;
}

/** The groups of a year seeded earlier on this stack (a spec run again), as its published results give them. */
async function publishedGroups(request: APIRequestContext, city: string, year: number): Promise<SeededGroup[]> {
  const response = await request.get(`/cycles/${year}/results?limit=500`, { headers: { Authorization: `Bearer ${city}` } });
  expect(response.status(), `cycle ${year} exists but has no published results: use a fresh stack`).toBe(200);
  const page = await response.json() as { items: { groupId: string; name: string; district: string; score?: number }[] };
  return page.items.map((r) => ({
    district: r.district, score: r.score === undefined ? null : r.score.toFixed(2), groupId: r.groupId, name: r.name,
    coreSchool: "",
  }));
}

/** Non-transparent pixels of a canvas in `chart` (a chart that drew nothing has none). */
async function paintedPixels(page: Page, chart: ReturnType<Page["locator"]>): Promise<number> {
  await expect(chart.locator("canvas")).toHaveCount(1);
  return chart.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext("2d");
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) {
      if (data[i]! > 0) painted += 1;
    }
    return painted;
  });
}

/** A chart, found by its figure's heading: drawn (pixels on its canvas) and named with its legend's entries. */
export async function expectChart(page: Page, title: string, legend: readonly string[]): Promise<void> {
  const figure = page.getByRole("figure", { name: title });
  await figure.scrollIntoViewIfNeeded();            // a chart is drawn when it comes near the screen
  const chart = figure.getByRole("img");
  await expect(chart).toHaveAttribute("aria-label", new RegExp(`图例：${legend.join("、")}`));
  await expect.poll(() => paintedPixels(page, chart), { message: `${title} is drawn` }).toBeGreaterThan(2000);
}

/** The rows of a workbook's sheet as text (shared and inline strings, numbers as written), by the file's bytes. */
export function readSheet(bytes: Uint8Array, sheet = 1): string[][] {
  const files = unzipSync(bytes);
  const xml = (name: string) => {
    const file = files[name];
    return file ? strFromU8(file) : "";
  };
  const text = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec))).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const shared = [...xml("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => text(t[1]!)).join(""));
  const rows: string[][] = [];
  for (const row of xml(`xl/worksheets/sheet${sheet}.xml`).matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of row[1]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const column = [...cell[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const type = /t="([^"]+)"/.exec(cell[2]!)?.[1];
      const inner = cell[3] ?? "";
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      cells[column] = type === "s" ? shared[Number(value)] ?? ""
        : type === "inlineStr" ? text([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""))
        : text(value ?? "");
    }
    rows.push(Array.from(cells, (c) => c ?? ""));
  }
  return rows;
}

/**
 * The city (or a district: `who` is the token query of the identity signed in) opens the progress dashboard of
 * `year`: each stage's table totals as the API counts them (every group active in the year takes part, also
 * those other tests registered), the charts drawn, the panels.
 */
export async function cityChecksProgress(page: Page, request: APIRequestContext, { year, who, seeded }: {
  year: number; who: string; seeded: number;
}): Promise<void> {
  const token = await apiToken(request, who);
  const answer = await request.get(`/cycles/${year}/progress`, { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.status()).toBe(200);
  const progress = await answer.json() as { stages: { stage: string; totals: Record<string, number> }[] };
  const totals = progress.stages.find((s) => s.stage === "self")!.totals;
  expect(totals.groups).toBeGreaterThanOrEqual(seeded);
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("进度看板").click();
  await expect(page.getByRole("heading", { level: 1, name: "进度看板" })).toBeVisible();
  await page.getByLabel("考核年度").selectOption(String(year));
  const self = page.getByRole("region", { name: /^集团自评（截止/ });
  const row = ["groups", "submitted", "drafting", "notStarted", "late"].map((k) => totals[k]).join(" ");
  await expect(self.getByRole("row", { name: `合计 ${row}` })).toBeVisible();
  await expectChart(page, "集团自评：各区县进度", ["已提交", "填写中", "未开始", "逾期未交"]);
  await expect(page.getByRole("heading", { name: "专家评审进度" })).toBeVisible();
  await checkPage(page, `progress-${year}${who.includes("DISTRICT") ? "-district" : ""}`);
}

/**
 * The city (or a district: `district` names it) reads the results of `year`: the table with every group, filters
 * narrowing it, a group's explanation, the three charts drawn with their legends, and the xlsx export read back.
 */
export async function cityChecksResults(page: Page, { year, groups, district }: {
  year: number; groups: readonly SeededGroup[]; district?: string;
}): Promise<void> {
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("考核结果").click();
  await expect(page.getByRole("heading", { level: 1, name: "考核结果" })).toBeVisible();
  await page.getByLabel("考核年度").selectOption(String(year));
  // every group active in the year is ranked (also those of other tests, as not submitted): all on one page
  await page.getByLabel("每页条数").selectOption("500");
  const table = page.getByRole("region", { name: `${year} 年度考核结果` });
  const visible = groups.filter((g) => !district || g.district === district);
  for (const group of visible) {
    await expect(table.getByRole("row", { name: new RegExp(group.name) })).toBeVisible();
  }
  for (const other of groups.filter((g) => !visible.includes(g))) {
    await expect(table.getByRole("row", { name: new RegExp(other.name) })).toHaveCount(0);
  }
  await expect(page.getByText(/本页 \d+ 个集团/)).toBeVisible();
  const total = await table.getByRole("row").count() - 1;
  expect(total).toBeGreaterThanOrEqual(visible.length);
  await expect(page.getByText("已公布")).toBeVisible();
  const shot = `results-${year}${district ? `-${district}` : ""}`;
  await checkPage(page, shot);

  // the charts: drawn, their legends the grades in Chinese
  const grades = ["优秀", "良好", "合格", "不合格"];
  await expectChart(page, "各区县等级分布", grades);
  await expectChart(page, "得分分布（含等级分数段与奖补线）", grades);
  if (!district) {
    // the award cutoffs drawn in: one line per pool, as the ranking set them
    await expect(page.getByRole("figure", { name: "得分分布（含等级分数段与奖补线）" }).getByRole("img"))
      .toHaveAttribute("aria-label", /优秀组奖补线 \d+\.\d\d，良好组奖补线 \d+\.\d\d。$/);
  }
  await page.getByRole("figure", { name: "各区县得分比较" }).scrollIntoViewIfNeeded();
  await expect(page.getByRole("figure", { name: "各区县得分比较" }).getByRole("img")).toHaveAttribute("aria-label", /中位数/);
  await expect.poll(() => paintedPixels(page, page.getByRole("figure", { name: "各区县得分比较" }).getByRole("img")))
    .toBeGreaterThan(2000);
  await page.getByText("各区县等级分布：数据表").click();
  await checkPage(page, `${shot}-charts`);

  // filters narrow the table (the API filters): only the excellent groups
  const excellent = visible.filter((g) => g.score !== null && Number(g.score) >= 90);
  expect(excellent.length, "the year has an excellent group").toBeGreaterThan(0);
  await page.getByLabel("等级", { exact: true }).selectOption({ label: "优秀" });
  await expect(page.getByText(`本页 ${excellent.length} 个集团`)).toBeVisible();
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(excellent.length + 1);
  for (const group of visible.filter((g) => !excellent.includes(g))) {
    await expect(table.getByRole("row", { name: new RegExp(group.name) })).toHaveCount(0);
  }
  await page.getByLabel("等级", { exact: true }).selectOption({ label: "全部等级" });
  await expect(page.getByText(`本页 ${total} 个集团`)).toBeVisible();

  // sorting the page: by score, highest first (the second click), then the rank order again
  const scoreHeader = table.getByRole("columnheader", { name: /得分/ }).first();
  await scoreHeader.getByRole("button").click();
  await scoreHeader.getByRole("button").click();
  await expect(scoreHeader).toHaveAttribute("aria-sort", "descending");
  const best = [...visible].filter((g) => g.score !== null).sort((a, b) => Number(b.score) - Number(a.score))[0]!;
  await expect(table.getByRole("row").nth(1)).toContainText(best.name);
  await scoreHeader.getByRole("button").click();
  await expect(scoreHeader).toHaveAttribute("aria-sort", "none");

  // a group's explanation
  const top = excellent[0]!;
  await page.getByRole("button", { name: `查看说明：${top.name}` }).click();
  const drawer = page.getByRole("dialog", { name: top.name });
  await expect(drawer.getByText("最终得分", { exact: true })).toBeVisible();
  await expect(drawer.getByRole("listitem").first()).toContainText("最终得分");
  await checkPage(page, `${shot}-explanation`);
  await drawer.getByRole("button", { name: /关闭|Close/ }).click();

  // the workbook: downloaded with the bearer token, opened, the group's row in it
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 Excel" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^results-${year}.*\\.xlsx$`));
  const sheet = readSheet(new Uint8Array(await readFile((await download.path())!)));
  expect(sheet[0]!.slice(0, 4)).toEqual(["排名", "区内排名", "集团编号", "集团名称"]);
  const row = sheet.find((r) => r[2] === top.groupId);
  expect(row, `${top.groupId} in the workbook`).toBeDefined();
  expect(row![3]).toBe(top.name);
  expect(row![8]).toBe("优秀");
  expect(sheet.length - 1).toBe(total);
}

