// The experts' part of a year, reusable by any spec: the city seats a panel through the API, an expert scores
// their sheet of a group in the browser, and declares a conflict of interest.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { checkPage } from "../helpers";
import { bearer, percentField } from "./district";

export interface SeatedExpert {
  subject: string;
  name: string;
}

/** The city seats `experts` on the group's panel (the district must have recommended the group). */
export async function citySeatsPanel(request: APIRequestContext,
                                     { groupId, year, experts }: { groupId: string; year: number; experts: SeatedExpert[] })
  : Promise<void> {
  const seated = await request.put(`/groups/${groupId}/cycles/${year}/panel`, {
    headers: await bearer(request, "role=CITY&sub=city-admin"),
    data: { experts },
  });
  expect(seated.status(), await seated.text()).toBe(201);
}

/** What an expert's sheet shows: the school's total, the A02 the expert enters and the total that follows. */
export interface ExpertExpectations {
  selfTotal: string;
  a02: string;
  total: string;
  /** The title of the school's evidence at A01. */
  evidenceTitle: string;
}

/** What `groupWithSubmittedSelfAssessment`'s group shows an expert who scores A02 in full. */
export const SUBMITTED_GROUP_EXPERT: ExpertExpectations = {
  selfTotal: "79.99", a02: "100", total: "82.00", evidenceTitle: "集团章程照片",
};

/**
 * The signed-in expert opens the group from their assignments, reads the earlier stages, starts from the school's
 * self-assessment, enters A02 (`expected`: SUBMITTED_GROUP_EXPERT by default, A02 in full: live total 82.00), saves
 * the draft and submits. Each page is checked (`checkPage`) unless `checked` is false: a further expert of the same
 * panel on the same pages, which the first expert's run checked.
 */
export async function expertScores(page: Page, { groupId, year, expected = SUBMITTED_GROUP_EXPERT, checked = true }:
  { groupId: string; year: number; sub: string; expected?: ExpertExpectations; checked?: boolean }): Promise<void> {
  const check = (name: string) => (checked ? checkPage(page, name) : Promise.resolve());
  await page.goto(`/expert?year=${year}`);
  await expect(page.getByRole("heading", { name: "我的评审任务" })).toBeVisible();
  const row = page.getByRole("region", { name: "评审任务列表" }).getByRole("row").filter({ hasText: groupId });
  await expect(row).toHaveCount(1);
  await check("expert-assignments");
  await row.getByRole("link", { name: `评分 ${groupId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/expert/groups/${groupId}\\?year=${year}$`));
  await expect(page.getByRole("heading", { name: "专家评分" })).toBeVisible();

  // the earlier stages, as a seated expert may read them
  const selfStage = page.getByRole("button", { name: new RegExp(`^学校自评 · ${expected.selfTotal.replace(".", "\\.")}`) });
  await selfStage.click();
  await expect(page.getByRole("button", { name: /^区县初审/ })).toBeVisible();
  await check("expert-sheet-earlier-stages");
  await selfStage.click();

  const mine = page.getByRole("region", { name: "我的评分表" });
  await mine.getByRole("button", { name: "以学校自评为起点" }).click();
  await expect(mine.getByRole("status").getByText(expected.selfTotal, { exact: true })).toBeVisible();
  const a02 = mine.getByLabel(percentField("A02", "集团发展规划与年度工作"));
  await a02.fill(expected.a02);
  await a02.blur();
  await expect(mine.getByRole("status").getByText(expected.total, { exact: true })).toBeVisible();
  await expect(mine.getByRole("button", { name: `预览 ${expected.evidenceTitle}` })).toBeVisible();
  await mine.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存")).toBeVisible();
  await expect(mine.getByRole("heading", { name: /我的评分表 草稿/ })).toBeVisible();
  await check("expert-sheet");

  await mine.getByRole("button", { name: "提交评分" }).click();
  const confirm = page.getByRole("dialog", { name: "提交评分" });
  await expect(confirm.getByText("提交后不能再修改")).toBeVisible();
  await confirm.getByRole("button", { name: "提交评分" }).click();
  await expect(mine.getByRole("heading", { name: /我的评分表 已提交/ })).toBeVisible();
  await expect(mine.getByText(/已于 20\d\d-\d\d-\d\d \d\d:\d\d 提交/)).toBeVisible();
  await expect(mine.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  await check("expert-sheet-submitted");
}

/** The signed-in expert declares a conflict of interest with a school and sees it listed. */
export async function expertDeclaresConflict(page: Page, { schoolCode, reason }: { schoolCode: string; reason: string })
  : Promise<void> {
  await page.goto("/expert");
  await expect(page.getByRole("heading", { name: "回避申报" })).toBeVisible();
  // the form's own rules first, every field at once
  await page.getByRole("button", { name: "申报回避" }).click();
  await expect(page.getByText("请填写学校代码（1–20 位字母或数字）或集团编号")).toBeVisible();
  await expect(page.getByText("请填写原因（1–500 个字）")).toBeVisible();
  await page.getByLabel("学校代码").fill(schoolCode);
  await page.getByLabel("原因", { exact: true }).fill(reason);
  await page.getByRole("button", { name: "申报回避" }).click();
  await expect(page.getByText("回避已申报")).toBeVisible();
  const listed = page.getByRole("region", { name: "已申报的回避" }).getByRole("row").filter({ hasText: schoolCode.toUpperCase() });
  await expect(listed).toContainText(reason);
  await checkPage(page, "expert-conflicts");
}
