// Signing in and out, the role's workbench, the language, and a token the API cannot use.
import { expect, test } from "@playwright/test";
import { checkPage, signIn, uniqueCode } from "./helpers";

test("a school signs in through the OIDC page and lands on its workbench", async ({ page }) => {
  const school = uniqueCode("SI");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await checkPage(page, "signin");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: /本地登录/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/issuer-sign-in.png", fullPage: true });
  await page.goto("/");
  await signIn(page, { role: "SCHOOL", school, sub: "teacher-li" });
  await expect(page).toHaveURL(/\/school$/);
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
  await expect(page.getByText("学校", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "导航菜单" }).getByText("我的集团")).toBeVisible();
  await expect(page.getByText(school).first()).toBeVisible();
  await checkPage(page, "school-workbench");
});

test("the language switches to English and stays so", async ({ page }) => {
  await signIn(page, { role: "SCHOOL", school: uniqueCode("LA") });
  await page.getByRole("combobox", { name: "语言" }).selectOption("English");
  await expect(page.getByRole("heading", { name: "Workbench" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await checkPage(page, "workbench-en");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Workbench" })).toBeVisible();
  await page.getByRole("combobox", { name: "Language" }).selectOption("中文");
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
});

test("signing out ends at the signed-out page, and the pages ask to sign in again", async ({ page }) => {
  await signIn(page, { role: "SCHOOL", school: uniqueCode("SO") });
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { name: "您已退出登录" })).toBeVisible();
  await checkPage(page, "signed-out");
  await page.goto("/school/group");
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
});

test("a token without the claims the API needs leads to /no-access", async ({ page }) => {
  await signIn(page, { role: "", sub: "no-claims-user" });
  await expect(page).toHaveURL(/\/no-access$/);
  await expect(page.getByRole("heading", { name: "账号缺少所需的授权信息" })).toBeVisible();
  await checkPage(page, "no-access");
  await page.goto("/school");
  await expect(page).toHaveURL(/\/no-access$/);
});

test("an unknown page shows the 404 page inside the shell", async ({ page }) => {
  await signIn(page, { role: "CITY", sub: "city-admin" });
  await expect(page).toHaveURL(/\/city$/);
  await checkPage(page, "city-workbench");
  await page.goto("/school/group");
  await expect(page).toHaveURL(/\/city$/);
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await checkPage(page, "not-found");
});
