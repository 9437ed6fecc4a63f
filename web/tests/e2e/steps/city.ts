// The city's steps through its pages, for its own specs and for a spec that runs the whole year across roles. Each
// step starts from wherever the signed-in CITY user is and ends on the page it used; `checkPage` on each page.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { apiToken, checkPage } from "../helpers";

/** Beijing wall-clock time for a datetime-local field: `2081-08-31T23:59:59`. */
export function beijingInput(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
}

/** Ticks an Element Plus radio or checkbox by its label (its native input is visually hidden). */
export async function choose(control: Locator): Promise<void> {
  await control.locator("xpath=ancestor::label[1]").click();
  await expect(control).toBeChecked();
}

export interface CycleOptions {
  year: number;
  /** The framework's radio label (a part of it), e.g. "ankang-2022 v1". */
  framework?: string;
  /** Beijing wall-clock times (`YYYY-MM-DDTHH:mm:ss`); the form's defaults (31 Aug …) when left out. */
  deadlines?: { self: string; district: string; city: string; rankingAt: string };
  ratio?: string;
  panelRequired?: boolean;
  minimumSize?: number;
}

/** Opens a year through 新建考核年度 and lands on its settings page. */
export async function cityOpensCycle(page: Page, options: CycleOptions): Promise<void> {
  await page.goto("/city/cycles");
  await expect(page.getByRole("heading", { name: "考核年度", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "新建考核年度" }).click();
  await expect(page.getByRole("heading", { name: "新建考核年度" })).toBeVisible();
  await page.getByLabel("考核年度", { exact: true }).fill(String(options.year));
  await page.getByLabel("考核年度", { exact: true }).blur();
  await choose(page.getByRole("radio", { name: new RegExp(options.framework ?? "ankang-2022 v1") }));
  await expect(page.getByLabel("指标及分值")).toBeVisible();
  if (options.deadlines) {
    await page.getByLabel("学校自评截止").fill(options.deadlines.self);
    await page.getByLabel("区县初审截止").fill(options.deadlines.district);
    await page.getByLabel("市级终审截止").fill(options.deadlines.city);
    await page.getByLabel("自动排名时间").fill(options.deadlines.rankingAt);
  }
  if (options.ratio) {
    await page.getByLabel(/奖补比例/).fill(options.ratio);
  }
  if (options.panelRequired === false) {
    await page.getByRole("checkbox", { name: /由专家组评分/ }).locator("xpath=ancestor::label[1]").click();
  } else if (options.minimumSize) {
    await page.getByLabel("专家组最少人数").fill(String(options.minimumSize));
  }
  await checkPage(page, `city-cycle-new-${options.year}`);
  await page.getByRole("button", { name: "创建考核年度" }).click();
  await expect(page).toHaveURL(new RegExp(`/city/cycles/${options.year}/edit$`));
  await expect(page.getByRole("heading", { name: `${options.year} 年度设置` })).toBeVisible();
}

export interface Expert {
  subject: string;
  name: string;
  affiliation?: string;
}

async function fillExperts(page: Page, scope: ReturnType<Page["locator"]>, experts: Expert[]): Promise<void> {
  for (let i = 0; i < experts.length; i++) {
    const expert = experts[i]!;
    if (i > 0 && !(await scope.getByLabel(`专家 ${i + 1} 用户标识`).isVisible())) {
      await scope.getByRole("button", { name: "添加专家" }).click();
    }
    await scope.getByLabel(`专家 ${i + 1} 用户标识`).fill(expert.subject);
    await scope.getByLabel(`专家 ${i + 1} 姓名`).fill(expert.name);
    await scope.getByLabel(`专家 ${i + 1} 所在学校代码`).fill(expert.affiliation ?? "");
  }
}

/**
 * Seats one panel on the named groups at once. With `conflicted` (group names), the conflicts are expected before
 * saving and only the other groups are seated.
 */
export async function citySeatsPanel(page: Page, options: { year: number; groups: string[]; experts: Expert[];
  conflicted?: string[] }): Promise<void> {
  await page.goto(`/city/cycles/${options.year}/panels`);
  await expect(page.getByRole("heading", { name: `${options.year} 年度市级专家组` })).toBeVisible();
  const table = page.getByLabel("推荐集团及专家组");
  for (const name of options.groups) {
    await table.getByRole("checkbox", { name: `选择 ${name}` }).check();
  }
  await expect(page.getByText(`已选择 ${options.groups.length} 个集团`)).toBeVisible();
  await fillExperts(page, page.locator("main"), options.experts);
  await checkPage(page, `city-panels-${options.year}`);
  await page.getByRole("button", { name: "检查回避并保存" }).click();
  const seated = options.groups.filter((g) => !(options.conflicted ?? []).includes(g));
  if (options.conflicted?.length) {
    const conflicts = page.getByRole("alert", { name: "发现需要回避的专家" });
    await expect(conflicts).toBeVisible();
    for (const name of options.conflicted) {
      await expect(conflicts.getByRole("row", { name: new RegExp(name) }).first()).toBeVisible();
    }
    await checkPage(page, `city-panels-conflicts-${options.year}`);
    await page.getByRole("button", { name: "只为无冲突的集团保存" }).click();
  }
  const results = page.getByRole("region", { name: "指派结果" });
  await expect(results).toBeVisible();
  for (const name of seated) {
    await expect(results.getByRole("row", { name: new RegExp(`${name}.*已指派`) })).toBeVisible();
  }
  await checkPage(page, `city-panels-seated-${options.year}`);
}

/** Replaces the experts of one group's panel (its dialog, If-Match). */
export async function cityReplacesPanel(page: Page, options: { year: number; group: string; experts: Expert[] }):
Promise<void> {
  await page.goto(`/city/cycles/${options.year}/panels`);
  await page.getByRole("button", { name: new RegExp(`^(查看/更换专家|指派专家)：${options.group}$`) }).click();
  const dialog = page.getByRole("dialog", { name: `专家组：${options.group}` });
  await expect(dialog).toBeVisible();
  await fillExperts(page, dialog, options.experts);
  await checkPage(page, `city-panel-replace-${options.year}`);
  await dialog.getByRole("button", { name: "保存专家组" }).click();
  await expect(page.getByText(`${options.group} 的专家组已保存`)).toBeVisible();
}

/** Confirms a group's city review: the panel's aggregate becomes its city sheet. */
export async function cityConfirms(page: Page, options: { year: number; group: string }): Promise<void> {
  if (!page.url().endsWith(`/city/cycles/${options.year}/panels`)) {
    await page.goto(`/city/cycles/${options.year}/panels`);
  }
  await page.getByRole("button", { name: `确认终审：${options.group}` }).click();
  const dialog = page.getByRole("dialog", { name: `确认市级终审：${options.group}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("当前专家")).toBeVisible();
  await checkPage(page, `city-confirm-${options.year}`);
  await dialog.getByRole("button", { name: "确认终审" }).click();
  await expect(page.getByText(new RegExp(`${options.group} 的市级终审已确认`))).toBeVisible();
  await expect(page.getByLabel("推荐集团及专家组").getByRole("row", { name: new RegExp(`${options.group}.*已确认`) }))
    .toBeVisible();
}

/**
 * Ranks the year now and publishes the new revision; with `stagesOpen` the confirmation must warn about the open
 * stages and the city publishes anyway.
 */
export async function cityRanksAndPublishes(page: Page, options: { year: number; stagesOpen?: boolean }): Promise<number> {
  await page.goto(`/city/cycles/${options.year}/ranking`);
  await expect(page.getByRole("heading", { name: `${options.year} 年度排名与公布` })).toBeVisible();
  await page.getByRole("button", { name: "立即排名" }).click();
  const ranked = page.getByText(/已生成第 (\d+) 版排名|数据没有变化，仍为第 (\d+) 版/);
  await expect(ranked).toBeVisible();
  const revision = Number(/第 (\d+) 版/.exec((await ranked.textContent()) ?? "")?.[1]);
  await expect(page.getByRole("heading", { name: `第 ${revision} 版排名` })).toBeVisible();
  await checkPage(page, `city-ranking-${options.year}`);
  await page.getByRole("button", { name: `公布第 ${revision} 版` }).click();
  const dialog = page.getByRole("dialog", { name: `公布第 ${revision} 版排名` });
  await expect(dialog).toBeVisible();
  if (options.stagesOpen) {
    await expect(dialog.getByText("本年度仍有评审阶段未结束")).toBeVisible();
    await checkPage(page, `city-publish-warning-${options.year}`);
    await dialog.getByRole("button", { name: "仍然提前公布" }).click();
  } else {
    await checkPage(page, `city-publish-${options.year}`);
    await dialog.getByRole("button", { name: "确认公布" }).click();
  }
  await expect(page.getByText(`第 ${revision} 版已公布`)).toBeVisible();
  await expect(page.getByRole("heading", { name: `第 ${revision} 版排名` }).getByText("已公布")).toBeVisible();
  return revision;
}

// ---- set-up through the API (what other roles do, for the city's own specs) --------------------------------------

const RATIO_INDICATORS = ["A01", "A02", "A03", "A05", "A06", "A07", "A08", "A09", "A10", "A12", "A13", "A14", "A15",
  "A16", "A17"];

/** A complete ankang-2022 sheet whose total is about 15 + 85 × `ratio` (every school of the group EXCELLENT). */
export function ankangSheet(ratio: number, schools: number): Record<string, unknown> {
  const indicators: Record<string, unknown> = {};
  for (const id of RATIO_INDICATORS) {
    indicators[id] = { ratio };
  }
  indicators.A04 = { exchangeRatio: 0.12, backboneRatio: 0.25 };
  indicators.A11 = { grades: Array.from({ length: schools }, () => "EXCELLENT") };
  indicators.A18 = { percent: Math.round(ratio * 10000) / 100 };
  return { indicators };
}

/** Calls the API beside the page and expects one of `statuses`; the answer's JSON. */
export async function apiCall(request: APIRequestContext, token: string, method: "GET" | "POST" | "PUT",
  path: string, data?: unknown, statuses: number[] = [200, 201]): Promise<Record<string, unknown>> {
  const response = await request.fetch(path, {
    method, headers: { Authorization: `Bearer ${token}` }, ...(data === undefined ? {} : { data }),
  });
  const text = await response.text();
  expect(statuses, `${method} ${path}: ${text}`).toContain(response.status());
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Registers a group (as the city) in `district` with its core school and `members` member schools. */
export async function registerGroup(request: APIRequestContext, cityToken: string, options: { name: string;
  district: string; core: string; members: string[] }): Promise<string> {
  const group = await apiCall(request, cityToken, "POST", "/groups", {
    name: options.name, type: "INTEGRATED", district: options.district,
    coreSchool: { code: options.core, name: `${options.name}核心校` },
    memberSchools: options.members.map((code, i) => ({ code, name: `${options.name}成员校${i + 1}` })),
  }, [201]);
  return group.groupId as string;
}

/** The school submits its self-assessment and the district recommends the group, both through the API. */
export async function selfAndDistrictSubmitted(request: APIRequestContext, options: { year: number; groupId: string;
  core: string; district: string; sheet: Record<string, unknown> }): Promise<void> {
  const school = await apiToken(request, `role=SCHOOL&school=${options.core}&sub=school-${options.core}`);
  const district = await apiToken(request, `role=DISTRICT&district=${options.district}&sub=district-${options.district}`);
  const base = `/groups/${options.groupId}/cycles/${options.year}/sheets`;
  await apiCall(request, school, "PUT", `${base}/self`, options.sheet);
  await apiCall(request, school, "POST", `${base}/self/submit`);
  await apiCall(request, district, "PUT", `${base}/district`, { ...options.sheet, recommend: true });
  await apiCall(request, district, "POST", `${base}/district/submit`, { recommend: true });
}

/** An expert of the group's panel scores and submits, through the API. */
export async function expertSubmits(request: APIRequestContext, options: { year: number; groupId: string;
  expert: string; sheet: Record<string, unknown> }): Promise<void> {
  const token = await apiToken(request, `role=EXPERT&sub=${options.expert}`);
  const path = `/groups/${options.groupId}/cycles/${options.year}/sheets/city/experts/${options.expert}`;
  await apiCall(request, token, "PUT", path, options.sheet);
  await apiCall(request, token, "POST", `${path}/submit`);
}
