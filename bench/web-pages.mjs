// The browser part of ./bench/run (docs/benchmarks.md, "The web client in the browser"): one local stack with the
// demo city (`local/run --demo` on a free port and a fresh data folder), one Chromium (Debian's, driven by the
// puppeteer-core Lighthouse ships with), and in that order:
//   - Lighthouse (web-lighthouse.mjs) on the school's year page and on the city's results page of the demo year;
//   - hashing 50 MB in the evidence uploader's real worker;
//   - a year of 150 groups seeded through the API (one district holding 150 of its participants), then the time
//     from the navigation to the 150th row of the city's results page and of the district's list of groups.
// Prints `name: value` lines; prints `…: unavailable (reason)` for every figure not measured and ends normally when
// Chromium, the web client's npm packages or the built stack are missing, or the stack does not start.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { lighthouseScores, signedInTab } from "./web-lighthouse.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "web");
const DEMO_YEAR = 2026;          // the demo city's year: 60 groups in 3 districts, ranked and published
const DEMO_SCHOOL = "AK90200";  // a core school of the demo (district 610902), its group ranked and published
const YEAR = 2099;               // the year of 150 groups
const GROUPS = 150;
const DISTRICT = "610902";       // the district that holds 150 of the year's participants
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
/** The rows of the results page's table (the region named "<year>年度考核结果"). */
const RESULT_ROWS = "[role=region][aria-label$='年度考核结果'] tbody tr";
const CONCURRENCY = 4;           // requests in flight while seeding
const BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const FIGURES = ["web_lighthouse_school_year_performance", "web_lighthouse_school_year_accessibility",
  "web_lighthouse_city_results_performance", "web_lighthouse_city_results_accessibility", "web_hash_50mb_ms",
  `web_render_ms_city_results_${GROUPS}`, `web_render_ms_district_groups_${GROUPS}`];
const printed = new Set();
function print(name, value) {
  printed.add(name);
  console.log(`${name}: ${value}`);
}
/** Every figure not printed yet, as unavailable for `reason`. */
function unavailable(reason) {
  for (const name of FIGURES) {
    if (!printed.has(name)) print(name, `unavailable (${reason})`);
  }
}
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function chromiumPath() {
  const named = process.env.CHROMIUM ?? process.env.CHROME_PATH;
  if (named) return named;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

/** What is missing to measure, or undefined. */
function missing(chromium) {
  if (!chromium) return "Chromium not found: apt-get install chromium, or set CHROMIUM";
  const require = createRequire(join(web, "package.json"));
  try {
    require.resolve("lighthouse");
    require.resolve("puppeteer-core");
  } catch {
    return "web/node_modules lacks lighthouse or puppeteer-core: npm ci in web/";
  }
  if (!existsSync(join(root, "local", "stack", "target", "classpath.txt"))) {
    return "the local stack is not built: mvn -B -DskipTests package";
  }
  if (!existsSync(join(web, "dist", "index.html"))) return "the web client is not built: npm run build:app in web/";
  return undefined;
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

/**
 * Starts the stack `local/run --demo --port <port> --data <data>` runs, from the build ./bench/run has just made (the
 * JVM local/run ends in, without its rebuild check: the web client is built by `build:app` alone, which local/run
 * would take for stale); resolves with its stop once the demo city is seeded (the API answers only then).
 */
async function startStack(port, data) {
  const classpath = readFileSync(join(root, "local", "stack", "target", "classpath.txt"), "utf8").trim();
  const stack = spawn("java", [`-Dgroupeval.repo.root=${root}`, "-cp",
    `${join(root, "local", "stack", "target", "classes")}:${classpath}`, "org.groupeval.local.stack.LocalStack",
    "--demo", "--port", String(port), "--data", data], { cwd: root, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let errors = "";
  stack.stderr.on("data", (chunk) => { errors = (errors + chunk).slice(-2000); });
  const stop = () => {
    try {
      process.kill(-stack.pid, "SIGTERM");
    } catch {
      // already ended
    }
  };
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (stack.exitCode !== null) throw new Error(`the local stack ended: ${errors.trim().split("\n").slice(-3).join(" / ")}`);
    const status = await fetch(`http://localhost:${port}/cycles`).then((r) => r.status, () => 0);
    if (status === 401) return stop;
    if (Date.now() > deadline) {
      stop();
      throw new Error("the local stack with the demo city did not answer within 10 minutes");
    }
    await sleep(500);
  }
}

// ---- the API ------------------------------------------------------------------------------------------------------
function api(base) {
  const tokens = new Map();
  async function token(query) {
    if (!tokens.has(query)) {
      const answer = await fetch(`${base}/_local/token?${query}`);
      if (answer.status !== 200) throw new Error(`/_local/token?${query} answered ${answer.status}`);
      tokens.set(query, (await answer.json()).token);
    }
    return tokens.get(query);
  }
  async function call(method, path, bearer, body, ok = [200, 201]) {
    const answer = await fetch(base + path, {
      method, headers: { Authorization: `Bearer ${bearer}`, Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!ok.includes(answer.status)) throw new Error(`${method} ${path} answered ${answer.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  }
  /** Every item of a paged list. */
  async function all(path, bearer) {
    const items = [];
    let next;
    do {
      const page = await call("GET", `${path}${path.includes("?") ? "&" : "?"}limit=500${next ? `&nextToken=${encodeURIComponent(next)}` : ""}`, bearer);
      items.push(...page.items);
      next = page.nextToken;
    } while (next);
    return items;
  }
  return { token, call, all };
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

/** A sheet of ankang-2022 totalling about `score` (as the demo city's: local/stack DemoCity). */
function sheet(score, schools) {
  const ratio = Number(Math.max(0, Math.min(1, (score - 14.9) / 85)).toFixed(6));
  const indicators = {};
  for (const id of ["A01", "A02", "A03", "A05", "A06", "A07", "A08", "A09", "A10", "A12", "A13", "A14", "A15", "A16", "A17"]) {
    indicators[id] = { ratio };
  }
  indicators.A04 = { exchangeRatio: 0.12, backboneRatio: 0.25 };
  indicators.A11 = { grades: Array.from({ length: schools }, () => "EXCELLENT") };
  indicators.A18 = { percent: Number((ratio * 100).toFixed(4)) };
  return { indicators };
}

/**
 * The year of 150 groups: 90 groups registered in DISTRICT beside the demo's 60 (20 a district), cycle YEAR opened
 * (it enrols the 150), every stage submitted (scores spread over every grade, one group in ten stops after its
 * self-assessment, those under 60 not recommended), ranked and published; then 40 more groups registered in DISTRICT
 * while the year's self-assessment is open, which join it (not its published results): the district then lists 150
 * participants of YEAR, the results page 150 groups.
 */
async function seedYear({ token, call, all }) {
  const city = await token("role=CITY&sub=bench-city");
  const register = (from, count) => pool(Array.from({ length: count }, (_, i) => from + i), CONCURRENCY, async (i) => {
    const core = `BW${DISTRICT.slice(3)}${String(i).padStart(3, "0")}`;
    await call("POST", "/groups", city, {
      name: `压测${i + 1}教育集团`, type: i % 3 ? "TRUSTEESHIP" : "INTEGRATED", district: DISTRICT,
      coreSchool: { code: core, name: `压测${i + 1}核心校` }, memberSchools: [{ code: `${core}M`, name: `压测${i + 1}成员校` }],
    }, [201]);
  });
  await register(0, GROUPS - 60);
  const at = (days) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  await call("POST", "/cycles", city, {
    year: YEAR, frameworkId: "ankang-2022", frameworkVersion: "1",
    deadlines: { self: at(1), district: at(2), city: at(3) }, rankingAt: at(4),
    award: { ratio: 0.3, scope: "PER_GRADE", tiePolicy: "NONE_AT_CUTOFF" }, panel: { required: false },
  }, [201]);
  const participants = await all(`/cycles/${YEAR}/participants`, city);
  if (participants.length !== GROUPS) throw new Error(`${participants.length} participants in ${YEAR}, expected ${GROUPS}`);
  await pool(participants.map((p, i) => ({ p, i })), CONCURRENCY, async ({ p, i }) => {
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
  const demoInDistrict = 20;
  await register(GROUPS - 60, GROUPS - demoInDistrict - (GROUPS - 60));
  const inDistrict = await all(`/cycles/${YEAR}/participants?district=${DISTRICT}`, city);
  if (inDistrict.length !== GROUPS) throw new Error(`${inDistrict.length} participants of ${YEAR} in ${DISTRICT}, expected ${GROUPS}`);
}

// ---- the browser --------------------------------------------------------------------------------------------------
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Hashes 50 MB (random bytes) in the bundled SHA-256 worker; checks the digest against WebCrypto's. */
async function hashMs(browser, base) {
  const worker = readdirSync(join(web, "dist", "assets")).find((f) => /^sha256\.worker-.*\.js$/.test(f));
  if (!worker) throw new Error("no sha256.worker-*.js in web/dist/assets");
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/signed-out`);
    return await page.evaluate(async (src) => {
      const size = 50 * 1024 * 1024;
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65536, size)));
      const file = new Blob([bytes], { type: "application/pdf" });
      const expected = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))]
        .map((b) => b.toString(16).padStart(2, "0")).join("");
      const work = new Worker(src, { type: "module" });
      const started = performance.now();
      const digest = await new Promise((resolve, reject) => {
        work.onmessage = (event) => {
          if (event.data.type === "done") resolve(event.data.sha256);
          else if (event.data.type === "error") reject(new Error(event.data.message));
        };
        work.postMessage({ id: 1, file });
      });
      const ms = performance.now() - started;
      work.terminate();
      if (digest !== expected) throw new Error(`the worker's digest ${digest} is not WebCrypto's ${expected}`);
      return Math.round(ms);
    }, `/assets/${worker}`);
  } finally {
    await page.close();
  }
}

/**
 * Opens `path` 1 + RUNS times in a tab signed in with `token` (1366 × 900) and takes, each time, the time from the
 * navigation's start to the frame in which `rows` matches `GROUPS` elements; the first load warms the stack's
 * functions and the browser's cache and is not counted. Returns the times of the others.
 */
async function renderTimes(browser, base, token, path, rows) {
  const page = await signedInTab(browser, base, token);
  try {
    await page.setViewport({ width: 1366, height: 900 });
    const times = [];
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(base + path, { waitUntil: "domcontentloaded" });
      const at = await page.waitForFunction((selector, n) => document.querySelectorAll(selector).length >= n
        && performance.now(), { polling: "raf", timeout: 60_000 }, rows, GROUPS);
      if (run > 0) times.push(await at.jsonValue());
    }
    return times;
  } finally {
    await page.close();
  }
}

const renderLine = (times) => `${median(times).toFixed(0)} (median of ${times.length}, navigation to the ${GROUPS}th row; `
  + `${times.map((t) => t.toFixed(0)).join(", ")}; target ≤ 1000)`;

async function main() {
  const started = Date.now();
  print("web_pages_load_average_at_start", load());
  const chromium = chromiumPath();
  const reason = missing(chromium);
  if (reason) return unavailable(reason);
  const require = createRequire(join(web, "package.json"));
  const puppeteer = await import(pathToFileURL(require.resolve("puppeteer-core")).href);
  // BENCH_WEB_STACK: a running stack started with --demo on an empty data folder instead (it gets cycle 2099: once)
  const given = process.env.BENCH_WEB_STACK;
  const data = given ? undefined : mkdtempSync(join(tmpdir(), "bench-web-"));
  const base = given ?? `http://localhost:${await freePort()}`;
  let stop = () => {};
  let browser;
  try {
    if (!given) {
      stop = await startStack(new URL(base).port, data);
      print("web_bench_stack_ready_seconds", `${seconds(started)} (the demo city seeded)`);
    }
    const calls = api(base);
    browser = await (puppeteer.launch ?? puppeteer.default.launch)({ executablePath: chromium, headless: true,
      args: BROWSER_ARGS });

    const school = await calls.token(`role=SCHOOL&school=${DEMO_SCHOOL}&sub=bench-school`);
    const year = await lighthouseScores({ web, browser, base, path: `/school/year?year=${DEMO_YEAR}`, token: school,
      ready: "table.stages tbody tr" });
    print("web_lighthouse_school_year_performance", `${year.performance} (desktop preset: ${year.metrics}; target ≥ 90)`);
    print("web_lighthouse_school_year_accessibility", `${year.accessibility} (${year.failed.length
      ? `failed: ${year.failed.join(", ")}` : "no audit failed"}; target ≥ 95)`);
    const city = await calls.token("role=CITY&sub=bench-city");
    const results = await lighthouseScores({ web, browser, base, path: `/city/results?year=${DEMO_YEAR}`, token: city,
      ready: RESULT_ROWS });
    print("web_lighthouse_city_results_performance", `${results.performance} (desktop preset: ${results.metrics}; target ≥ 90)`);
    print("web_lighthouse_city_results_accessibility", `${results.accessibility} (${results.failed.length
      ? `failed: ${results.failed.join(", ")}` : "no audit failed"}; target ≥ 95)`);

    print("web_hash_50mb_ms", `${await hashMs(browser, base)} (SHA-256 worker, 4 MiB chunks)`);

    const seeding = Date.now();
    await seedYear(calls);
    print(`web_bench_seed_${GROUPS}_groups_seconds`, seconds(seeding));

    print(`web_render_ms_city_results_${GROUPS}`, renderLine(await renderTimes(browser, base, city,
      `/city/results?year=${YEAR}&size=200`, RESULT_ROWS)));
    const district = await calls.token(`role=DISTRICT&district=${DISTRICT}&sub=bench-d${DISTRICT}`);
    print(`web_render_ms_district_groups_${GROUPS}`, renderLine(await renderTimes(browser, base, district,
      `/district?year=${YEAR}&size=200`, "[role=region][aria-label='参评集团列表'] tbody tr")));
  } catch (e) {
    unavailable(e instanceof Error ? e.message : String(e));
  } finally {
    if (browser) await browser.close();
    stop();
    if (data) {
      await sleep(1000);
      rmSync(data, { recursive: true, force: true });
    }
  }
  print("web_pages_load_average_at_end", load());
  print("web_bench_seconds", `${seconds(started)} (the browser part, the stack's start included)`);
}

await main();
