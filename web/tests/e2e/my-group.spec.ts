// A school's group: registered through the form (the API's rules in the form, the API's refusals at their
// fields), viewed, edited with If-Match, a concurrent change shown in the 412 dialog, and kept from other schools.
import { expect, test, type Page } from "@playwright/test";
import { apiToken, checkPage, signIn, uniqueCode } from "./helpers";

async function fillSchool(page: Page, label: string, code: string, name: string): Promise<void> {
  await page.getByLabel(`${label} 学校代码`).fill(code);
  await page.getByLabel(`${label} 学校名称`).fill(name);
}

test("a school registers, views and edits its group; a concurrent change shows the 412 dialog", async ({ page, request }) => {
  test.setTimeout(300_000);
  const school = uniqueCode("GA");
  const taken = uniqueCode("TK");
  // another school's group already holds the school `taken`
  const other = uniqueCode("GB");
  const otherToken = await apiToken(request, `role=SCHOOL&school=${other}`);
  const held = await request.post("/groups", {
    headers: { Authorization: `Bearer ${otherToken}` },
    data: { name: "另一集团", type: "ALLIANCE", district: "610902", coreSchool: { code: other, name: "另一核心校" },
      memberSchools: [{ code: taken, name: "已有归属的学校" }] },
  });
  expect(held.status()).toBe(201);
  const heldId = ((await held.json()) as { groupId: string }).groupId;

  await signIn(page, { role: "SCHOOL", school });
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("我的集团").click();
  await expect(page.getByRole("heading", { name: "登记教育集团" })).toBeVisible();
  await expect(page.getByLabel("核心校 学校代码")).toHaveValue(school);
  await expect(page.getByLabel("核心校 学校代码")).toBeDisabled();
  await checkPage(page, "group-register");

  // the form's own rules, every field at once
  await page.getByLabel("所属区县代码").fill("6109");
  await page.getByLabel("成员校 1 学校代码").fill(school.toLowerCase());
  await page.getByLabel("电话").fill("12");
  await page.getByRole("button", { name: "登记教育集团" }).click();
  await expect(page.getByText("请填写集团名称（1–100 个字）")).toBeVisible();
  await expect(page.getByText("区县代码为 6 位数字")).toBeVisible();
  await expect(page.getByText("核心校不能同时是成员校")).toBeVisible();
  await expect(page.getByText("电话为 5–30 位数字")).toBeVisible();
  await checkPage(page, "group-register-invalid");

  // the API's refusal at its field: a member school another group holds
  await page.getByLabel("集团名称").fill("汉滨实验教育集团");
  await page.getByLabel("所属区县代码").fill("610902");
  await page.getByLabel("核心校 学校名称").fill("汉滨实验小学");
  await fillSchool(page, "成员校 1", taken, "江北小学");
  await page.getByLabel("电话").fill("0915-1234567");
  await page.getByRole("button", { name: "登记教育集团" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "所填学校已属于其他教育集团" })).toBeVisible();
  const memberField = page.getByRole("group").filter({ hasText: "成员校 1 学校代码" }).first();
  await expect(page.getByText(`学校 ${taken} 已属于集团 ${heldId}`)).toBeVisible();
  await expect(memberField).toBeVisible();
  await checkPage(page, "group-register-refused");

  await fillSchool(page, "成员校 1", uniqueCode("M"), "江北小学");
  await page.getByRole("button", { name: "添加成员校" }).click();
  await fillSchool(page, "成员校 2", uniqueCode("N"), "新城中学");
  await page.getByRole("button", { name: "登记教育集团" }).click();
  await expect(page).toHaveURL(/\/school\/group\/g-[0-9a-z]{26}$/);
  const groupId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "我的集团" })).toBeVisible();
  await expect(page.getByText("汉滨实验教育集团")).toBeVisible();
  await expect(page.getByRole("cell", { name: "新城中学" })).toBeVisible();
  await checkPage(page, "group-view");

  // edit with If-Match
  await page.getByRole("button", { name: "修改" }).click();
  await page.getByLabel("集团名称").fill("汉滨实验教育集团（第一次修改）");
  await checkPage(page, "group-edit");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("汉滨实验教育集团（第一次修改）")).toBeVisible();

  // someone changes the group through the API while the page is open
  await page.getByRole("button", { name: "修改" }).click();
  const token = await apiToken(request, `role=SCHOOL&school=${school}`);
  const current = await request.get(`/groups/${groupId}`, { headers: { Authorization: `Bearer ${token}` } });
  const group = (await current.json()) as Record<string, unknown>;
  const changed = await request.put(`/groups/${groupId}`, {
    headers: { Authorization: `Bearer ${token}`, "If-Match": current.headers().etag! },
    data: { name: "由他人改名的集团", type: "TRUSTEESHIP", district: group.district, coreSchool: group.coreSchool,
      memberSchools: group.memberSchools, contact: group.contact },
  });
  expect(changed.status()).toBe(200);

  await page.getByLabel("集团名称").fill("我的修改");
  await page.getByRole("button", { name: "保存" }).click();
  const dialog = page.getByRole("dialog", { name: "其他人已修改此集团" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("cell", { name: "由他人改名的集团" })).toBeVisible();
  await expect(dialog.getByRole("cell", { name: "托管型" })).toBeVisible();
  await checkPage(page, "group-conflict");
  await dialog.getByRole("button", { name: "重新加载" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("由他人改名的集团")).toBeVisible();
  await expect(page.getByText("我的修改")).toHaveCount(0);

  // /school/group opens the group the school leads (GET /groups?school=mine), in any browser
  await page.goto("/school/group");
  await expect(page).toHaveURL(new RegExp(`/school/group/${groupId}$`));
});

test("a second school cannot open the first school's group", async ({ browser, request }) => {
  const first = uniqueCode("FA");
  const token = await apiToken(request, `role=SCHOOL&school=${first}`);
  const created = await request.post("/groups", {
    headers: { Authorization: `Bearer ${token}` },
    data: { name: "第一所学校的集团", type: "CLOSE", district: "610921", coreSchool: { code: first, name: "第一核心校" },
      memberSchools: [{ code: uniqueCode("FM"), name: "第一成员校" }] },
  });
  expect(created.status()).toBe(201);
  const groupId = ((await created.json()) as { groupId: string }).groupId;

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, { role: "SCHOOL", school: uniqueCode("SB") });
  await page.goto(`/school/group/${groupId}`);
  await expect(page.getByText("无法查看此集团")).toBeVisible();
  await expect(page.getByText("第一所学校的集团")).toHaveCount(0);
  await expect(page.getByText(first)).toHaveCount(0);
  await checkPage(page, "group-forbidden");
  await context.close();
});
