// Lighthouse 12.2.3 (web/node_modules) on one page of a running stack, in a tab of the browser web-pages.mjs
// launched, signed in as `token`'s caller: performance and accessibility with Lighthouse's desktop configuration
// (the pages are used on office desktops: 40 ms RTT, 10 Mbit/s, no CPU slow-down), the metrics behind the
// performance score and the accessibility audits that failed.
//
// Signed in without the issuer's page: the token is written, as oidc-client-ts stores its user, into the tab's
// sessionStorage under `oidc.user:<authority>:<client id>` (from the stack's /config.json); Lighthouse runs in that
// same tab with `disableStorageReset` (the browser's cache emptied before, as Lighthouse does without it), so the
// page loads as it does the first time for a signed-in user.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** oidc-client-ts's stored user for `token` (User.toStorageString's members). */
export function storedUser(token) {
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  return JSON.stringify({ id_token: token, access_token: token, token_type: "Bearer", scope: "openid profile",
    profile: claims, expires_at: claims.exp ?? Math.floor(Date.now() / 1000) + 3600 });
}

/** Opens a tab of `browser` (puppeteer) on the stack at `base`, signed in with `token`. */
export async function signedInTab(browser, base, token) {
  const config = await (await fetch(`${base}/config.json`)).json();
  const page = await browser.newPage();
  await page.goto(`${base}/signed-out`);
  await page.evaluate((key, value) => window.sessionStorage.setItem(key, value),
    `oidc.user:${config.oidc.authority}:${config.oidc.clientId}`, storedUser(token));
  return page;
}

/**
 * Lighthouse on `path` (e.g. `/city/results?year=2026`) signed in with `token`; `ready` is a CSS selector the page
 * shows once its content is there (the warm-up visit waits for it). Returns the scores (0–100), the metrics and the
 * failed accessibility audits.
 */
export async function lighthouseScores({ web, browser, base, path, token, ready }) {
  const require = createRequire(join(web, "package.json"));
  const { default: lighthouse } = await import(pathToFileURL(require.resolve("lighthouse")).href);
  const { default: desktop } = await import(pathToFileURL(require.resolve("lighthouse/core/config/desktop-config.js")).href);
  const page = await signedInTab(browser, base, token);
  try {
    const url = base + path;
    // a first visit warms the stack's functions (a cold Lambda is not the page's performance); the browser's cache is
    // then emptied, as Lighthouse does by default, so that its navigation loads the app's code as a first visit does
    await page.goto(url);
    await page.waitForSelector(ready, { timeout: 60_000 });
    const cdp = await page.createCDPSession();
    await cdp.send("Network.clearBrowserCache");
    await cdp.detach();
    const result = await lighthouse(url, { output: "json", logLevel: "error", disableStorageReset: true,
      onlyCategories: ["performance", "accessibility"] }, desktop, page);
    const lhr = result.lhr;
    const final = new URL(lhr.finalDisplayedUrl ?? lhr.finalUrl);
    if (final.pathname !== new URL(url).pathname) throw new Error(`Lighthouse ended at ${final}, not ${path}`);
    const ms = (id) => `${Math.round(lhr.audits[id]?.numericValue ?? Number.NaN)} ms`;
    return {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      metrics: `FCP ${ms("first-contentful-paint")}, LCP ${ms("largest-contentful-paint")}, `
        + `TBT ${ms("total-blocking-time")}, CLS ${(lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN).toFixed(3)}, `
        + `SI ${ms("speed-index")}`,
      failed: lhr.categories.accessibility.auditRefs.filter((r) => r.weight > 0 && lhr.audits[r.id]?.score === 0)
        .map((r) => r.id),
    };
  } finally {
    await page.close();
  }
}
