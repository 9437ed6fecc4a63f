// Experts of a group's panel: the city seats them once the district recommended the group; an expert sees the
// assignment, scores and submits their sheet, declares a conflict of interest; an expert not on the panel gets a
// refusal page.
import { expect, test } from "@playwright/test";
import { apiToken, checkPage, signIn, uniqueCode } from "./helpers";
import { cityOpensCycle, districtRecommendsByApi, groupWithSubmittedSelfAssessment } from "./steps/district";
import { citySeatsPanel, expertDeclaresConflict, expertScores } from "./steps/expert";

const YEAR = 2072;
const DISTRICT = "610902";

test("an expert of the panel scores and submits, and declares a conflict of interest", async ({ page, request }) => {
  test.setTimeout(600_000);
  await cityOpensCycle(request, YEAR);
  const group = await groupWithSubmittedSelfAssessment(request, { year: YEAR, district: DISTRICT });
  await districtRecommendsByApi(request, { groupId: group.groupId, year: YEAR, district: DISTRICT });
  const run = uniqueCode("E");
  const experts = [1, 2, 3].map((n) => ({ subject: `${run}-${n}`, name: `专家${n}` }));
  await citySeatsPanel(request, { groupId: group.groupId, year: YEAR, experts });

  const sub = experts[0]!.subject;
  await signIn(page, { role: "EXPERT", sub });
  await expect(page).toHaveURL(/\/expert$/);
  await page.goto(`/expert?year=${YEAR}`);
  await expect(page.getByRole("region", { name: "评审任务列表" }).getByRole("row").filter({ hasText: group.groupId }))
    .toContainText("未开始");
  await expertScores(page, { groupId: group.groupId, year: YEAR, sub });

  // the assignment now shows the submitted sheet and its score
  await page.goto(`/expert?year=${YEAR}`);
  const row = page.getByRole("region", { name: "评审任务列表" }).getByRole("row").filter({ hasText: group.groupId });
  await expect(row).toContainText("已提交");
  await expect(row).toContainText("82.00");

  const school = uniqueCode("CF");
  await expertDeclaresConflict(page, { schoolCode: school, reason: "曾在该校任教至今年七月" });
  // the declaration is the expert's own, and it blocks seating them where the school is
  const listed = await request.get(`/experts/${sub}/conflicts`, {
    headers: { Authorization: `Bearer ${await apiToken(request, "role=CITY&sub=city-admin")}` },
  });
  const items = ((await listed.json()) as { items: { schoolCode?: string; declaredBy: string }[] }).items;
  expect(items.find((c) => c.schoolCode === school)?.declaredBy).toContain(sub);
});

test("an expert not on the panel cannot open the group's sheet", async ({ page, request }) => {
  test.setTimeout(180_000);
  await cityOpensCycle(request, YEAR);
  const group = await groupWithSubmittedSelfAssessment(request, { year: YEAR, district: DISTRICT });
  await districtRecommendsByApi(request, { groupId: group.groupId, year: YEAR, district: DISTRICT });
  const run = uniqueCode("E");
  await citySeatsPanel(request, { groupId: group.groupId, year: YEAR,
    experts: [1, 2, 3].map((n) => ({ subject: `${run}-${n}`, name: `专家${n}` })) });

  await signIn(page, { role: "EXPERT", sub: `${run}-outsider` });
  await expect(page.getByRole("region", { name: "评审任务列表" })).toHaveCount(0);
  await expect(page.getByText("本年度暂无分配给您的集团。")).toBeVisible();
  await page.goto(`/expert/groups/${group.groupId}?year=${YEAR}`);
  await expect(page.getByText("无法打开此集团的评分表")).toBeVisible();
  await expect(page.getByRole("region", { name: "我的评分表" })).toHaveCount(0);
  await expect(page.getByText("79.99")).toHaveCount(0);
  await checkPage(page, "expert-sheet-forbidden");
});
