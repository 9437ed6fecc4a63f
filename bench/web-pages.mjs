// The web section of ./bench/run that needs a browser and a stack: starts the local stack with the demo city
// (cycle 2026, 60 groups) on a free port and an empty data directory, scores the city's results page with
// Lighthouse (web-lighthouse-results.mjs), then seeds a year of 150 groups through the API (the demo's 60 and 90
// more, every stage submitted, ranked, published) and times the results page of that year in Chromium: from the
// navigation to the table's last (150th) row. Prints `name: value` lines; prints a reason instead when npm's
// packages, Chromium or the built stack are missing. docs/benchmarks.md says how each figure is measured.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lighthouseResults } from "./web-lighthouse-results.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "web");
const YEAR = 2099;           // the 150-group year (the demo's is 2026)
const GROUPS = 150;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const DISTRICTS = ["610902", "610921", "610922"];

function unavailable(reason) {
  for (const name of ["web_lighthouse_results_performance", "web_lighthouse_results_accessibility",
    "web_render_ms_city_results_150", "web_render_ms_district_groups_150"]) {
    console.log(`${name}: unavailable (${reason})`);
  }
  process.exit(0);
}

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

const chromium = chromiumPath();
if (!chromium) unavailable("Chromium not found: apt-get install chromium");
const require = createRequire(join(web, "package.json"));
let playwright;
try {
  const module = await import(require.resolve("@playwright/test"));
  playwright = module.chromium ? module : module.default;
  require.resolve("lighthouse");
} catch {
  unavailable("web/node_modules lacks @playwright/test or lighthouse: npm ci in web/");
}
const classpath = join(root, "local", "stack", "target", "classpath.txt");
if (!existsSync(classpath) || !existsSync(join(web, "dist", "index.html"))) {
  unavailable("the local stack or the web client is not built (mvn package; npm run build:app in web/)");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const port = await freePort();
const base = `http://localhost:${port}`;
const data = mkdtempSync(join(tmpdir(), "bench-web-"));
const stack = spawn("java", [`-Dgroupeval.repo.root=${root}`, "-cp",
  `${join(root, "local/stack/target/classes")}:${readFileSync(classpath, "utf8").trim()}`,
  "org.groupeval.local.stack.LocalStack", "--port", String(port), "--data", data, "--demo"],
{ cwd: root, stdio: ["ignore", "ignore", "pipe"], detached: true });
let stackErrors = "";
stack.stderr.on("data", (chunk) => { stackErrors = (stackErrors + chunk).slice(-4000); });
function stop() {
  try {
    process.kill(-stack.pid, "SIGTERM");
  } catch {
    // already ended
  }
  rmSync(data, { recursive: true, force: true });
}
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));

// ---- HTTP -------------------------------------------------------------------------------------------------------
async function call(method, path, token, body, ok = [200, 201]) {
  const response = await fetch(base + path, {
    method, headers: { Authorization: `Bearer ${token}`, Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!ok.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}
const tokens = new Map();
async function token(query) {
  if (!tokens.has(query)) {
    const response = await fetch(`${base}/_local/token?${query}`);
    if (response.status !== 200) throw new Error(`/_local/token answered ${response.status}`);
    tokens.set(query, (await response.json()).token);
  }
  return tokens.get(query);
}
/** Runs `work` on every item, `width` at a time. */
async function pool(items, width, work) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  }));
}

// ---- a year of 150 groups ---------------------------------------------------------------------------------------
/** A sheet of ankang-2022 totalling 15 + 85 r (as the demo city's: local/stack DemoCity). */
function sheet(score, schools) {
  const r = Math.max(0, Math.min(1, (score - 14.9) / 85));
  const ratio = Number(r.toFixed(6));
  const indicators = {};
  for (const id of ["A01", "A02", "A03", "A05", "A06", "A07", "A08", "A09", "A10", "A12", "A13", "A14", "A15", "A16", "A17"]) {
    indicators[id] = { ratio };
  }
  indicators.A04 = { exchangeRatio: 0.12, backboneRatio: 0.25 };
  indicators.A11 = { grades: Array.from({ length: schools }, () => "EXCELLENT") };
  indicators.A18 = { percent: Number((ratio * 100).toFixed(4)) };
  return { indicators };
}

async function seedYear() {
  const city = await token("role=CITY&sub=bench-city");
  const extra = GROUPS - 60;
  await pool(Array.from({ length: extra }, (_, i) => i), 4, async (i) => {
    const district = DISTRICTS[i % 3];
    const core = `BW${district.slice(3)}${String(i).padStart(3, "0")}`;
    await call("POST", "/groups", city, {
      name: `压测${i + 1}教育集团`, type: i % 3 ? "TRUSTEESHIP" : "INTEGRATED", district,
      coreSchool: { code: core, name: `压测${i + 1}核心校` }, memberSchools: [{ code: `${core}M`, name: `压测${i + 1}成员校` }],
    }, [201]);
  });
  const at = (days) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  await call("POST", "/cycles", city, {
    year: YEAR, frameworkId: "ankang-2022", frameworkVersion: "1",
    deadlines: { self: at(1), district: at(2), city: at(3) }, rankingAt: at(4),
    award: { ratio: 0.3, scope: "PER_GRADE", tiePolicy: "NONE_AT_CUTOFF" }, panel: { required: false },
  }, [201]);
  const participants = [];
  let next;
  do {
    const page = await call("GET", `/cycles/${YEAR}/participants?limit=500${next ? `&nextToken=${encodeURIComponent(next)}` : ""}`, city);
    participants.push(...page.items);
    next = page.nextToken;
  } while (next);
  if (participants.length !== GROUPS) throw new Error(`${participants.length} participants in ${YEAR}, expected ${GROUPS}`);
  // scores spread from 40 to 99: every grade, both award pools; one group in ten submits nothing after its self
  await pool(participants.map((p, i) => ({ p, i })), 4, async ({ p, i }) => {
    const score = 40 + ((i * 37) % 60) + (i % 4) * 0.25;
    const schools = 1 + (p.snapshot.memberSchools?.length ?? 0);
    const core = p.snapshot.coreSchool.code;
    const sheets = `/groups/${p.groupId}/cycles/${YEAR}/sheets`;
    const school = await token(`role=SCHOOL&school=${core}&sub=bench-${core}`);
    await call("PUT", `${sheets}/self`, school, sheet(Math.min(100, score + 3), schools));
    await call("POST", `${sheets}/self/submit`, school, {});
    if (i % 10 === 9) return;
    const district = await token(`role=DISTRICT&district=${p.snapshot.district}&sub=bench-d${p.snapshot.district}`);
    const recommend = score >= 60;
    await call("PUT", `${sheets}/district`, district, sheet(Math.min(100, score + 1), schools));
    await call("POST", `${sheets}/district/submit`, district, { recommend });
    if (recommend) {
      await call("PUT", `${sheets}/city`, city, sheet(score, schools));
      await call("POST", `${sheets}/city/submit`, city, {});
    }
  });
  const run = await call("POST", `/cycles/${YEAR}/rankings`, city, undefined, [200, 201]);
  await call("POST", `/cycles/${YEAR}/rankings/${run.revision}/publish?allowOpenStages=true`, city, undefined, [200]);
}

// ---- the browser ------------------------------------------------------------------------------------------------
/** Waits until `predicate(page's URL)` holds (calls that Playwright's and puppeteer's pages share). */
async function waitForUrl(page, predicate, what) {
  const until = Date.now() + 60_000;
  while (!predicate(new URL(page.url()))) {
    if (Date.now() > until) throw new Error(`sign-in did not reach ${what} (at ${page.url()})`);
    await sleep(100);
  }
}

/** Signs in as the city through the local issuer's page (with Playwright's or puppeteer's page alike). */
async function signInCity(page, at) {
  await page.goto(`${at}/signin`);
  await page.waitForSelector(".el-button--primary");
  await page.click(".el-button--primary");
  await waitForUrl(page, (url) => url.pathname.includes("/oidc/"), "the issuer's page");
  await page.waitForSelector("#role");
  await page.evaluate(() => {
    const role = document.querySelector("#role");
    role.value = "CITY";
    role.dispatchEvent(new Event("change", { bubbles: true }));
    document.querySelector("#sub").value = "bench-city";
  });
  await page.click("button[type=submit]");
  await waitForUrl(page, (url) => url.pathname.startsWith("/city"), "the city's workbench");
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`web_pages_load_average_at_start: ${load()}`);
try {
  const started = Date.now();
  for (;;) {
    const ready = await fetch(`${base}/config.json`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (stack.exitCode !== null) throw new Error(`the local stack ended: ${stackErrors}`);
    if (Date.now() - started > 600_000) throw new Error("the local stack with the demo city was not ready in 10 minutes");
    await sleep(1000);
  }
  console.log(`web_bench_stack_ready_seconds: ${((Date.now() - started) / 1000).toFixed(1)} (demo city seeded)`);

  const lh = await lighthouseResults({ web, chromium, base, url: `${base}/city/results?year=2026`, signIn: signInCity });
  console.log(`web_lighthouse_results_performance: ${lh.performance} (desktop; FCP ${lh.fcp} ms, LCP ${lh.lcp} ms, TBT ${lh.tbt} ms, CLS ${lh.cls.toFixed(3)}; target ≥ 90)`);
  console.log(`web_lighthouse_results_accessibility: ${lh.accessibility} (${lh.failedA11y.length ? `failed: ${lh.failedA11y.join(", ")}` : "no audit failed"}; target ≥ 95)`);

  const seeding = Date.now();
  await seedYear();
  console.log(`web_bench_seed_${GROUPS}_groups_seconds: ${((Date.now() - seeding) / 1000).toFixed(1)}`);

  const browser = await playwright.chromium.launch({
    executablePath: chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1366, height: 900 } });
    await signInCity(page, base);
    const times = [];
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(`${base}/city/results?year=${YEAR}&size=200`, { waitUntil: "commit" });
      await page.waitForFunction((n) => document.querySelectorAll('[role=region][aria-label$="年度考核结果"] tbody tr').length >= n,
        GROUPS, { timeout: 60_000, polling: "raf" });
      const ms = await page.evaluate(() => performance.now());
      if (run > 0) times.push(ms);     // the first load warms the stack's functions and the browser's cache
    }
    console.log(`web_render_ms_city_results_${GROUPS}: ${median(times).toFixed(0)} (median of ${RUNS}, navigation to the ${GROUPS}th row; ${times.map((t) => t.toFixed(0)).join(", ")}; target ≤ 1000)`);
  } finally {
    await browser.close();
  }
  console.log(`web_render_ms_district_groups_${GROUPS}: unavailable (the district's list of groups is not in this build: add its page's table to bench/web-pages.mjs)`);
  console.log(`web_pages_load_average_at_end: ${load()}`);
} catch (e) {
  console.log(`web_pages: failed (${e instanceof Error ? e.message : String(e)})`);
}
process.exit(0);
