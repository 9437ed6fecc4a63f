// Lighthouse 12.2.3 (web/node_modules) on the city's results page of a running stack: performance and
// accessibility scores with Lighthouse's desktop configuration (the page is used on office desktops), in Debian's
// Chromium driven by the puppeteer-core Lighthouse ships with, after signing in through the local issuer's page so
// that the page shows the results (the session lives in the tab: storage is not reset). Called by web-pages.mjs.
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * Scores `url` (e.g. `${base}/city/results?year=2026`) signed in as the city. Returns `{ performance,
 * accessibility }` (0–100) and the metrics behind the performance score.
 */
export async function lighthouseResults({ web, chromium, base, url, signIn }) {
  const require = createRequire(join(web, "package.json"));
  const { default: lighthouse } = await import(require.resolve("lighthouse"));
  const { default: desktop } = await import(require.resolve("lighthouse/core/config/desktop-config.js"));
  const puppeteer = await import(require.resolve("puppeteer-core"));
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    await signIn(page, base);
    const answer = await lighthouse(url, {
      logLevel: "error", output: "json", onlyCategories: ["performance", "accessibility"], disableStorageReset: true,
      locale: "zh",
    }, desktop, page);
    const lhr = answer.lhr;
    const metric = (id) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
    return {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      fcp: metric("first-contentful-paint"), lcp: metric("largest-contentful-paint"), tbt: metric("total-blocking-time"),
      cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
      failedA11y: Object.values(lhr.audits).filter((a) => lhr.categories.accessibility.auditRefs
        .some((r) => r.id === a.id && r.weight > 0) && a.score === 0).map((a) => a.id),
    };
  } finally {
    await browser.close();
  }
}
