// What every browser test needs: signing in through the local issuer's page, tokens for API calls made beside
// the page, and the accessibility check with a screenshot of every page checked.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export interface DemoIdentity {
  role: "SCHOOL" | "DISTRICT" | "CITY" | "EXPERT" | "";
  school?: string;
  district?: string;
  sub?: string;
}

/** A school code of this run (1–20 letters or digits), so that runs against one stack never collide. */
export function uniqueCode(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase().slice(0, 20);
}

/**
 * Signs in from the client's sign-in page through the local issuer's page with a demo identity and waits until
 * the client is back (on the role's workbench, or /no-access for a token without the API's claims).
 */
export async function signIn(page: Page, who: DemoIdentity): Promise<void> {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: /登录|Sign in/ }).click();
  await expect(page).toHaveURL(/\/oidc\/default\/authorize/);
  await page.getByLabel("角色 Role").selectOption(who.role);
  if (who.school !== undefined) {
    await page.getByLabel(/^学校 School/).fill(who.school);
  }
  if (who.district !== undefined) {
    await page.getByLabel(/^区县 District/).selectOption(who.district);
  }
  if (who.sub !== undefined) {
    await page.getByLabel(/^用户标识/).fill(who.sub);
  }
  await page.getByRole("button", { name: "登录 Sign in" }).click();
  await expect(page).not.toHaveURL(/\/oidc\/|\/callback/);
}

/** A token from the local stack's `/_local/token` (the same issuer's), for calls made beside the page. */
export async function apiToken(request: APIRequestContext, query: string): Promise<string> {
  const response = await request.get(`/_local/token?${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** axe-core on the page as it is: no serious or critical violation. A screenshot is kept as test output. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  // legacy mode runs axe in the page itself; the default opens a blank page per check to merge the results of
  // cross-origin frames, which the client has none of, and takes twice as long
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `axe on ${name}`).toEqual([]);
}
