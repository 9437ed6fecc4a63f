// A district reviews a group of its own: the list with the district's progress, the review side by side with the
// school's self-assessment and evidence, the difference marked, the recommendation gate explained, the submission
// recommending the group, the audit trail as a timeline; a reviewer of another district gets a refusal page.
import { expect, test } from "@playwright/test";
import { checkPage, signIn } from "./helpers";
import { cityOpensCycle, districtReviewsAndRecommends, groupWithSubmittedSelfAssessment } from "./steps/district";

const YEAR = 2071;
const DISTRICT = "610902";

test("a district reviews a group side by side, recommends it, and reads its audit trail", async ({ page, request }) => {
  test.setTimeout(600_000);
  await cityOpensCycle(request, YEAR);
  const group = await groupWithSubmittedSelfAssessment(request, { year: YEAR, district: DISTRICT });

  await signIn(page, { role: "DISTRICT", district: DISTRICT, sub: "reviewer-wang" });
  await expect(page).toHaveURL(/\/district$/);
  await districtReviewsAndRecommends(page, { groupId: group.groupId, year: YEAR, name: group.name });

  // the submitted sheet stays read only
  const mine = page.getByRole("region", { name: "区县评分表" });
  await expect(mine.getByRole("button", { name: "保存草稿" })).toHaveCount(0);

  // the audit trail: the school's and the district's changes, who, when, old → new
  await page.getByRole("link", { name: "查看审计记录" }).click();
  await expect(page).toHaveURL(new RegExp(`/district/groups/${group.groupId}/audit\\?year=${YEAR}$`));
  await expect(page.getByRole("heading", { name: "审计记录" })).toBeVisible();
  const a02 = page.getByRole("article").filter({ hasText: "区县初审 · 指标 A02" }).first();
  await expect(a02).toContainText("保存草稿");
  await expect(a02).toContainText("区县教育局 reviewer-wang");
  await expect(a02).toContainText("percent 100");
  const recommended = page.getByRole("article").filter({ hasText: "区县初审 · 推荐" });
  await expect(recommended).toContainText("— → ✓");
  await expect(page.getByRole("article").filter({ hasText: "提交 · 学校自评 · 状态" })).toContainText("草稿 → 已提交");
  await expect(page.getByText(/20\d\d-\d\d-\d\d \d\d:\d\d/).first()).toBeVisible();
  await checkPage(page, "district-audit");

  // the list shows the group and the district's progress counts the submissions
  await page.goto(`/district?year=${YEAR}`);
  const progress = page.getByRole("region", { name: "本区县进度" });
  await expect(progress.getByRole("row").filter({ hasText: "区县初审" })).toBeVisible();
  await page.getByRole("textbox", { name: "搜索集团名称、核心校或编号" }).fill(group.name);
  await page.getByLabel("区县初审").selectOption("SUBMITTED");
  await expect(page.getByRole("row").filter({ hasText: group.name }))
    .toContainText("已提交 · 82.00 · 良好 · 已推荐参加市级终审");
});

test("a reviewer of another district gets a refusal page, not the group's data", async ({ page, request }) => {
  test.setTimeout(180_000);
  await cityOpensCycle(request, YEAR);
  const group = await groupWithSubmittedSelfAssessment(request, { year: YEAR, district: DISTRICT });
  await signIn(page, { role: "DISTRICT", district: "610921", sub: "reviewer-li" });
  await page.goto(`/district/groups/${group.groupId}?year=${YEAR}`);
  await expect(page.getByText("无法查看此集团的评审")).toBeVisible();
  await expect(page.getByText(group.name)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "学校自评" })).toHaveCount(0);
  await checkPage(page, "district-review-forbidden");
  await page.goto(`/district/groups/${group.groupId}/audit?year=${YEAR}`);
  await expect(page.getByText("无法查看此集团的评审")).toBeVisible();
  await checkPage(page, "district-audit-forbidden");
  // and its own list does not hold the group
  await page.goto(`/district?year=${YEAR}`);
  await page.getByRole("textbox", { name: "搜索集团名称、核心校或编号" }).fill(group.name);
  await expect(page.getByText("没有符合条件的集团")).toBeVisible();
});
