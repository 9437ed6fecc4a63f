// The city opens a year through its page (the framework shown as it will score, the form's rules and the API's
// refusals at their fields), changes it with If-Match, enrols and withdraws a group registered through the API
// and grants it an extension. Year 2081.
import { expect, test, type Page } from "@playwright/test";
import { apiToken, checkPage, signIn, uniqueCode } from "./helpers";
import { apiCall, choose, cityOpensCycle, registerGroup } from "./steps/city";

const YEAR = 2081;

/** Pages through the participants of `district` until the group's row shows. */
async function findParticipant(page: Page, district: string, name: string): Promise<void> {
  const list = page.getByLabel("参评集团列表");
  // each page is looked at once its answer is in: the district's first page, then each next one
  const shown = async (change: Promise<unknown>) => {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/cycles/${YEAR}/participants?`) && r.url().includes(`district=${district}`)),
      change,
    ]);
    await expect(list).toHaveAttribute("aria-busy", "false");
  };
  await shown(page.getByLabel("区县", { exact: true }).selectOption(district));
  const row = list.getByRole("row", { name: new RegExp(name) });
  for (let i = 0; i < 50 && !(await row.isVisible()); i++) {
    const next = page.getByRole("button", { name: "下一页" });
    await expect(next, `${name} is on none of ${district}'s pages`).toBeEnabled();
    await shown(next.click());
  }
  await expect(row).toBeVisible();
}

test("the city opens a year, edits it, enrols and withdraws a group and extends its deadline", async ({ page, request }) => {
  test.setTimeout(300_000);
  await signIn(page, { role: "CITY", sub: "city-e2e" });
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("考核年度").click();
  await expect(page.getByRole("heading", { name: "考核年度", level: 1 })).toBeVisible();
  await checkPage(page, "city-cycles");

  // the form's own rules, every field at once, before anything is sent
  await page.getByRole("button", { name: "新建考核年度" }).click();
  await expect(page.getByRole("heading", { name: "新建考核年度" })).toBeVisible();
  await page.getByLabel("考核年度", { exact: true }).fill(String(YEAR));
  await page.getByLabel("考核年度", { exact: true }).blur();
  await page.getByLabel("区县初审截止").fill(`${YEAR}-08-01T00:00:00`);
  await choose(page.getByRole("radio", { name: /按指定类别小计依次比较决出/ }));
  await page.getByRole("button", { name: "创建考核年度" }).click();
  await expect(page.getByText("须晚于前一阶段的时间")).toBeVisible();
  await expect(page.getByText("请至少选择一个类别")).toBeVisible();
  await checkPage(page, "city-cycle-invalid");

  // opened through the page with the defaults of the year (31 Aug …, Beijing time)
  await cityOpensCycle(page, { year: YEAR, framework: "ankang-2022 v1", ratio: "0.25" });
  await expect(page.getByLabel("学校自评截止")).toHaveValue(`${YEAR}-08-31T23:59:59`);
  await expect(page.getByText("未锁定（尚无评分表）")).toBeVisible();
  await expect(page.getByLabel("指标及分值")).toContainText("A01");
  await checkPage(page, "city-cycle-edit");

  // edited with If-Match: the tie policy broken by categories, in the order ticked; the city deadline moved
  await choose(page.getByRole("radio", { name: /按指定类别小计依次比较决出/ }));
  const categories = page.getByRole("group", { name: "比较的类别（按勾选顺序）" });
  await categories.getByText("staff 队伍建设").click();
  await categories.getByText("system 制度建设").click();
  await expect(page.getByText("依次比较：staff 队伍建设 → system 制度建设")).toBeVisible();
  await page.getByLabel("市级终审截止").fill(`${YEAR}-11-15T18:00:00`);
  await page.getByLabel("自动排名时间").fill(`${YEAR}-11-16T02:00:00`);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("设置已保存")).toBeVisible();
  const city = await apiToken(request, "role=CITY&sub=city-e2e");
  const saved = await apiCall(request, city, "GET", `/cycles/${YEAR}`);
  expect(saved.award).toMatchObject({ ratio: 0.25, tiePolicy: "BREAK_BY_CATEGORIES", tieBreakCategories: ["staff", "system"] });
  expect((saved.deadlines as Record<string, string>).city).toBe(`${YEAR}-11-15T18:00:00+08:00`);

  // the year exists: a second creation is refused at the year's field
  await page.goto("/city/cycles/new");
  await expect(page.getByRole("radio", { name: /ankang-2022/ })).toBeChecked();
  await page.getByLabel("考核年度", { exact: true }).fill(String(YEAR));
  await page.getByLabel("考核年度", { exact: true }).blur();
  await page.getByRole("button", { name: "创建考核年度" }).click();
  await expect(page.getByText(/该考核年度已存在/).first()).toBeVisible();
  await checkPage(page, "city-cycle-exists");

  // a group registered (joins the open year) whose school saves a first sheet: the framework is then locked
  const core = uniqueCode("CC");
  const name = `年度测试集团${core.slice(-4)}`;
  const groupId = await registerGroup(request, city, { name, district: "610902", core, members: [uniqueCode("CM")] });
  const school = await apiToken(request, `role=SCHOOL&school=${core}`);
  await apiCall(request, school, "PUT", `/groups/${groupId}/cycles/${YEAR}/sheets/self`, { indicators: { A01: { ratio: 0.5 } } });
  await page.goto(`/city/cycles/${YEAR}/edit`);
  await expect(page.getByText("已锁定（已有评分表，不能更换）")).toBeVisible();
  await choose(page.getByRole("radio", { name: /chengdu-2023/ }));
  // chengdu-2023 has other categories: the tie is left to the city again
  await choose(page.getByRole("radio", { name: /名额线并列时均不给予/ }));
  await page.getByRole("button", { name: "保存", exact: true }).click();
  // the refusal at the framework's field
  const frameworkField = page.locator(".el-form-item").filter({ has: page.getByRole("radiogroup", { name: "指标体系" }) });
  await expect(frameworkField).toContainText("指标体系已在使用中，不能再更换。");
  await checkPage(page, "city-cycle-locked");

  // participation: the group is enrolled; withdrawn with a reason, enrolled again, then extended
  await page.goto(`/city/cycles/${YEAR}/participants`);
  await expect(page.getByRole("heading", { name: `${YEAR} 年度参评集团` })).toBeVisible();
  await findParticipant(page, "610902", name);
  const row = page.getByLabel("参评集团列表").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("参评");
  await expect(row).toContainText("自评截止前登记，自动纳入");
  await checkPage(page, "city-participants");
  await row.getByRole("button", { name: `退出 ${name}` }).click();
  const withdraw = page.getByRole("dialog", { name: `退出本年度考核：${name}` });
  await withdraw.getByRole("button", { name: "确定" }).click();
  await expect(withdraw.getByText("请填写原因（1–500 个字）")).toBeVisible();
  await withdraw.getByLabel("原因").fill("集团正在重组，本年度不参评");
  await checkPage(page, "city-participant-withdraw");
  await withdraw.getByRole("button", { name: "确定" }).click();
  await expect(page.getByText("已退出本年度考核")).toBeVisible();
  await expect(row).toContainText("已退出");
  await expect(row).toContainText("集团正在重组，本年度不参评");
  const withdrawn = await apiCall(request, city, "GET", `/cycles/${YEAR}/participants/${groupId}`);
  expect(withdrawn.status).toBe("WITHDRAWN");

  await row.getByRole("button", { name: `纳入 ${name}` }).click();
  const enrol = page.getByRole("dialog", { name: `纳入本年度考核：${name}` });
  await enrol.getByLabel("原因").fill("重组取消，恢复参评");
  await enrol.getByRole("button", { name: "确定" }).click();
  await expect(page.getByText("已纳入本年度考核")).toBeVisible();
  await expect(row).toContainText("重组取消，恢复参评");

  await row.getByRole("button", { name: `为 ${name} 延期` }).click();
  const extend = page.getByRole("dialog", { name: `延期：${name}` });
  await expect(extend.getByLabel("新的截止时间（北京时间）")).toHaveValue(`${YEAR}-09-07T23:59:59`);
  await extend.getByLabel("新的截止时间（北京时间）").fill(`${YEAR}-08-30T12:00:00`);
  await extend.getByLabel("原因").fill("台风停课");
  await extend.getByRole("button", { name: "确定" }).click();
  await expect(extend.getByText(/须晚于本年度该阶段的截止时间/)).toBeVisible();
  await extend.getByLabel("新的截止时间（北京时间）").fill(`${YEAR}-09-10T18:00:00`);
  await checkPage(page, "city-participant-extension");
  await extend.getByRole("button", { name: "确定" }).click();
  await expect(page.getByText(`已延期：学校自评截止至 ${YEAR}-09-10 18:00`)).toBeVisible();
});
