// The district's part of a year, reusable by any spec: a group set up through the API up to its submitted
// self-assessment with evidence, and the district reviewing it side by side in the browser and recommending it.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { apiToken, checkPage, uniqueCode } from "../helpers";

/** A complete self-assessment of ankang-2022 (graded PASS: 79.99). */
export const SELF_ASSESSMENT = {
  indicators: {
    A01: { ratio: 1 }, A02: { percent: 49.75 }, A03: { percent: 100 }, A04: { exchangeRatio: 0.12, backboneRatio: 0.25 },
    A05: { ratio: 1 }, A06: { ratio: 1 }, A07: { ratio: 1 }, A08: { ratio: 1 }, A09: { ratio: 0 }, A10: { ratio: 0 },
    A11: { grades: ["EXCELLENT", "EXCELLENT", "EXCELLENT"] }, A12: { ratio: 1 }, A13: { ratio: 1 }, A14: { ratio: 1 },
    A15: { ratio: 1 }, A16: { ratio: 1 }, A17: { ratio: 1 }, A18: { percent: 62.5 },
  },
};

/** A one-pixel PNG: the upload check reads its real type from its first bytes. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export async function bearer(request: APIRequestContext, query: string): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await apiToken(request, query)}` };
}

/** The city opens the year's cycle (ankang-2022, default deadlines in that year); once per stack. */
export async function cityOpensCycle(request: APIRequestContext, year: number): Promise<void> {
  const created = await request.post("/cycles", {
    headers: await bearer(request, "role=CITY&sub=city-admin"),
    data: { year, frameworkId: "ankang-2022" },
  });
  expect([201, 409], await created.text()).toContain(created.status());
}

export interface SubmittedGroup {
  groupId: string;
  name: string;
  school: string;
  members: string[];
  evidenceTitle: string;
}

/**
 * A group of `district` registered while the year's self-assessment is open (so it takes part), with a verified
 * evidence file for A01 and its self-assessment submitted — all through the API, as the school's pages would.
 */
export async function groupWithSubmittedSelfAssessment(request: APIRequestContext,
                                                       { year, district }: { year: number; district: string })
  : Promise<SubmittedGroup> {
  const school = uniqueCode("RS");
  const members = [uniqueCode("RM")];
  const name = `评审测试集团${school.slice(-5)}`;
  const auth = await bearer(request, `role=SCHOOL&school=${school}`);
  const registered = await request.post("/groups", {
    headers: auth,
    data: { name, type: "INTEGRATED", district, coreSchool: { code: school, name: `${name}核心校` },
      memberSchools: members.map((code, i) => ({ code, name: `成员校${i + 1}` })) },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const groupId = ((await registered.json()) as { groupId: string }).groupId;

  const evidenceTitle = "集团章程照片";
  const { createHash } = await import("node:crypto");
  const declared = await request.post(`/groups/${groupId}/cycles/${year}/evidence`, {
    headers: { ...auth, "Idempotency-Key": `charter-${groupId}` },
    data: { indicatorId: "A01", title: evidenceTitle, materialNumber: "A01-01", fileName: "charter.png",
      contentType: "image/png", size: PNG.length, sha256: createHash("sha256").update(PNG).digest("hex") },
  });
  expect(declared.status(), await declared.text()).toBe(201);
  const declaration = (await declared.json()) as { evidenceId: string; uploadUrl: string; uploadHeaders: Record<string, string> };
  const headers = Object.fromEntries(Object.entries(declaration.uploadHeaders)
    .filter(([k]) => !["host", "content-length"].includes(k.toLowerCase())));
  const uploaded = await request.put(declaration.uploadUrl, { headers, data: PNG });
  expect(uploaded.status(), await uploaded.text()).toBe(200);
  await expect.poll(async () => {
    const one = await request.get(`/groups/${groupId}/cycles/${year}/evidence/${declaration.evidenceId}`, { headers: auth });
    return ((await one.json()) as { status: string }).status;
  }, { timeout: 60_000 }).toBe("VERIFIED");

  const saved = await request.put(`/groups/${groupId}/cycles/${year}/sheets/self`, { headers: auth, data: SELF_ASSESSMENT });
  expect(saved.status(), await saved.text()).toBe(201);
  const submitted = await request.post(`/groups/${groupId}/cycles/${year}/sheets/self/submit`, { headers: auth });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return { groupId, name, school, members, evidenceTitle };
}

/** The district's sheet submitted through the API with its recommendation (for specs about the later stages). */
export async function districtRecommendsByApi(request: APIRequestContext,
                                              { groupId, year, district }: { groupId: string; year: number; district: string })
  : Promise<void> {
  const auth = await bearer(request, `role=DISTRICT&district=${district}`);
  const saved = await request.put(`/groups/${groupId}/cycles/${year}/sheets/district`, { headers: auth, data: SELF_ASSESSMENT });
  expect(saved.status(), await saved.text()).toBe(201);
  const submitted = await request.post(`/groups/${groupId}/cycles/${year}/sheets/district/submit`, {
    headers: auth, data: { recommend: true },
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
}

/** The accessible name of an indicator's percentage field (SheetForm). */
export function percentField(indicator: string, name: string): string {
  return `${indicator} ${name}：比例（%）`;
}

/** The Chinese names of the grades, as the pages show them. */
export const GRADE_NAMES: Record<string, string> = { EXCELLENT: "优秀", GOOD: "良好", PASS: "合格", FAIL: "不合格" };

/** The total (two decimals) and grade (in Chinese) the API scores a sheet's input at, as the pages show them. */
export async function scoreOf(request: APIRequestContext, input: Record<string, unknown>)
  : Promise<{ total: string; grade: string }> {
  const answer = await request.post("/frameworks/ankang-2022/score?mode=draft&version=1", {
    headers: await bearer(request, "role=CITY&sub=city-admin"), data: input,
  });
  expect(answer.status(), await answer.text()).toBe(200);
  const scored = (await answer.json()) as { total: number; grade: string };
  return { total: scored.total.toFixed(2), grade: GRADE_NAMES[scored.grade]! };
}

/** `input` with A02 (a completion ratio) entered as `percent` on the sheet form. */
export function withA02(input: Record<string, unknown>, percent: string): Record<string, unknown> {
  return { ...input, indicators: { ...(input.indicators as object), A02: { percent: Number(percent) } } };
}

/** What the district's review of a group shows: the school's self-assessment, its evidence, the review's outcome. */
export interface ReviewExpectations {
  /** The school's submitted total (two decimals) and grade in Chinese. */
  selfTotal: string;
  selfGrade: string;
  /** A02 as the school entered it, as the difference note shows it ("percent 49.75"). */
  schoolA02: string;
  /** The percentage the reviewer enters at A02, and the total and grade that follow. */
  a02: string;
  reviewedTotal: string;
  reviewedGrade: string;
  /** The school's evidence at A01: its title and file name. */
  evidence: { title: string; fileName: string };
}

/** What `groupWithSubmittedSelfAssessment`'s group shows (SELF_ASSESSMENT, the PNG of its charter). */
export const SUBMITTED_GROUP_REVIEW: ReviewExpectations = {
  selfTotal: "79.99", selfGrade: "合格", schoolA02: "percent 49.75", a02: "100", reviewedTotal: "82.00",
  reviewedGrade: "良好", evidence: { title: "集团章程照片", fileName: "charter.png" },
};

/** The evidence of A01 previewed in the reviewer's page: an image, or a PDF's first page drawn. */
export async function expectEvidencePreview(page: Page, sheet: Locator,
                                            evidence: ReviewExpectations["evidence"], screenshot: string): Promise<void> {
  await sheet.getByRole("button", { name: `预览 ${evidence.title}` }).click();
  const preview = page.getByRole("dialog", { name: `预览 ${evidence.title}` });
  const escaped = evidence.fileName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(preview.getByRole("img", { name: new RegExp(`^${escaped}`) }).first()).toBeVisible();
  await checkPage(page, screenshot);
  await preview.getByRole("button", { name: "关闭", exact: true }).click();
}

/**
 * The signed-in district reviewer finds the group in the district's list, opens its review side by side, starts
 * from the self-assessment, changes A02 (the difference is shown with the school's value), saves the draft, reads
 * the recommendation gate and submits recommending the group. `expected` (SUBMITTED_GROUP_REVIEW by default) says
 * what the school submitted and what the changed sheet scores.
 */
export async function districtReviewsAndRecommends(page: Page, { groupId, year, name, expected = SUBMITTED_GROUP_REVIEW }:
  { groupId: string; year: number; name: string; expected?: ReviewExpectations }): Promise<void> {
  await page.goto(`/district?year=${year}`);
  await expect(page.getByRole("heading", { name: /本区县参评集团/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "本区县进度" })).toBeVisible();
  await page.getByRole("textbox", { name: "搜索集团名称、核心校或编号" }).fill(name);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  // each stage of the group in its row: the school's submitted self-assessment, no district sheet yet
  await expect(row).toContainText(`已提交 · ${expected.selfTotal} · ${expected.selfGrade}`);
  await expect(row).toContainText("未填报");
  await checkPage(page, "district-groups");
  await row.getByRole("link", { name: `评审 ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/district/groups/${groupId}\\?year=${year}$`));

  const school = page.getByRole("region", { name: "学校自评" });
  const mine = page.getByRole("region", { name: "区县评分表" });
  await expect(school.getByRole("heading", { name: "学校自评 已提交" })).toBeVisible();
  await expect(school.getByRole("status").getByText(expected.selfTotal, { exact: true })).toBeVisible();
  await mine.getByRole("button", { name: "以学校自评为起点" }).click();
  await expect(page.getByText("与学校自评一致")).toBeVisible();
  await expect(mine.getByRole("status").getByText(expected.selfTotal, { exact: true })).toBeVisible();

  // a changed input: marked at the indicator with the school's value, and listed above
  const a02 = mine.getByLabel(percentField("A02", "集团发展规划与年度工作"));
  await a02.fill(expected.a02);
  await a02.blur();
  const note = mine.getByRole("note").filter({ hasText: "与学校自评不同" });
  await expect(note).toHaveCount(1);
  await expect(note).toContainText(`学校填写：${expected.schoolA02}`);
  await expect(page.getByText("与学校自评不同的项目（1）")).toBeVisible();
  await expect(mine.getByRole("status").getByText(expected.reviewedTotal, { exact: true })).toBeVisible();

  // the school's evidence at its indicator, previewed in the page
  await expectEvidencePreview(page, mine, expected.evidence, "district-evidence-preview");

  await mine.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存")).toBeVisible();
  await checkPage(page, "district-review");

  // the gate explained before submitting
  await mine.getByRole("button", { name: "提交并推荐…" }).click();
  const dialog = page.getByRole("dialog", { name: "提交区县初审" });
  await expect(dialog.getByText("只有评定为合格及以上等次的集团才能推荐")).toBeVisible();
  await expect(dialog.getByText(`当前试算：总分 ${expected.reviewedTotal}，等次 ${expected.reviewedGrade}。`)).toBeVisible();
  await expect(dialog.getByText("可以推荐。")).toBeVisible();
  await checkPage(page, "district-submit-gate");
  await dialog.getByText("推荐", { exact: true }).click();
  await expect(dialog.getByRole("radio", { name: "推荐", exact: true })).toBeChecked();
  await dialog.getByRole("button", { name: "确认提交" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("已推荐参加市级终审")).toBeVisible();
  await checkPage(page, "district-review-submitted");
}
