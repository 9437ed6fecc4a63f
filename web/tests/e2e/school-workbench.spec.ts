// A school's year on its workbench: the group registered into an open cycle, the year page with its countdown and
// what is missing, a real PDF uploaded and VERIFIED without a reload and previewed, the whole self-assessment filled
// in (the total the page shows is the API's for the saved sheet), a draft saved, submitted after the confirmation,
// then read-only; the statement of work saved, exported, and a concurrent edit shown in the 412 dialog; the results
// page before publication.
import { expect, test } from "@playwright/test";
import { checkPage, signIn, uniqueCode } from "./helpers";
import { cityOpensCycle } from "./steps/district";
import {
  schoolOpensYear, schoolRegistersGroup, schoolSubmitsSelfAssessment, schoolToken, schoolUploadsEvidence,
} from "./steps/school";

const YEAR = 2061;

test("a school registers, uploads evidence, fills in and submits its self-assessment", async ({ page, request }) => {
  test.setTimeout(170_000);
  await cityOpensCycle(request, YEAR);
  const school = uniqueCode("SW");
  await signIn(page, { role: "SCHOOL", school });

  // before registering: the year page says the group is missing, linked to the form
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("本年度考核").click();
  await expect(page.getByText("本校尚未登记教育集团。")).toBeVisible();
  await checkPage(page, "school-year-no-group");

  const groupId = await schoolRegistersGroup(page, { school, name: "汉滨工作台教育集团", member: uniqueCode("SM") });
  await schoolOpensYear(page, YEAR);
  await expect(page.getByRole("timer", { name: "自评截止还剩" })).toContainText("天");
  const stages = page.getByRole("table").first();
  await expect(page.getByRole("cell", { name: "学校自评" })).toBeVisible();
  await expect(page.getByRole("cell", { name: `${YEAR}-08-31 23:59` })).toBeVisible();
  await expect(stages).toBeVisible();
  const missing = page.getByRole("list", { name: "尚未完成的事项" });
  await expect(missing.getByText("尚未开始自评")).toBeVisible();
  await expect(missing.getByText("尚未填写工作说明（附件2）")).toBeVisible();
  await expect(missing.getByText(/18 项指标尚无印证材料/)).toBeVisible();
  await checkPage(page, "school-year");

  // evidence: a real PDF, checked by the stack, VERIFIED without a reload, previewed
  await missing.getByRole("listitem").filter({ hasText: "尚无印证材料" }).getByRole("link", { name: "去处理" }).click();
  await expect(page.getByRole("heading", { name: "印证材料" })).toBeVisible();
  await schoolUploadsEvidence(page, "A01", "集团章程.pdf");
  await page.getByRole("button", { name: "预览 集团章程" }).click();
  const preview = page.getByRole("dialog", { name: "预览：集团章程" });
  await expect(preview.getByRole("img", { name: /第 1 页/ }).or(preview.getByText("第 1 页"))).toBeVisible();
  await checkPage(page, "school-evidence-preview");
  await preview.getByRole("button", { name: "关闭", exact: true }).click();

  // the self-assessment: every indicator through its widget, the page's total = the API's for the saved sheet
  await schoolSubmitsSelfAssessment(page, request, { school, groupId, year: YEAR, withoutEvidence: 17 });

  // the results before publication
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("考核结果").click();
  await expect(page.getByText(`${YEAR} 年度考核结果尚未公布`)).toBeVisible();
  await checkPage(page, "school-results-unpublished");
});

test("a school edits its statement of work, exports it, and meets a concurrent edit", async ({ page, request }) => {
  test.setTimeout(120_000);
  await cityOpensCycle(request, YEAR);
  const school = uniqueCode("ST");
  await signIn(page, { role: "SCHOOL", school });
  const groupId = await schoolRegistersGroup(page, { school, name: "汉滨说明教育集团", member: uniqueCode("SN") });
  await schoolOpensYear(page, YEAR);

  await page.getByRole("navigation", { name: "导航菜单" }).getByText("工作说明").click();
  await expect(page.getByRole("heading", { name: "工作说明（附件2）" })).toBeVisible();
  await checkPage(page, "school-statement-empty");
  await page.getByRole("button", { name: "添加一行" }).click();
  await page.getByLabel("第 1 行工作内容描述").fill("修订集团章程，明确核心校与成员校的权利和义务。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存").first()).toBeVisible();
  await checkPage(page, "school-statement-saved");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 CSV" }).click();
  const csv = await download;
  const text = await (await csv.createReadStream()).toArray();
  expect(Buffer.concat(text).toString("utf8")).toContain("修订集团章程");

  // someone saves the statement through the API while the page is open
  const token = await schoolToken(request, school);
  const current = await request.get(`/groups/${groupId}/cycles/${YEAR}/statement`,
    { headers: { Authorization: `Bearer ${token}` } });
  const rows = ((await current.json()) as { rows: unknown[] }).rows;
  const changed = await request.put(`/groups/${groupId}/cycles/${YEAR}/statement`, {
    headers: { Authorization: `Bearer ${token}`, "If-Match": current.headers().etag! },
    data: { rows: [...rows, { number: "2", description: "他人添加的一行", indicatorId: "A02" }] },
  });
  expect(changed.status()).toBe(200);

  await page.getByLabel("第 1 行工作内容描述").fill("我的修改");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "其他人已修改工作说明" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("行数：您打开时 1 行，现在 2 行")).toBeVisible();
  await checkPage(page, "school-statement-conflict");
  await dialog.getByRole("button", { name: "重新加载" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("第 2 行工作内容描述")).toHaveValue("他人添加的一行");
});
