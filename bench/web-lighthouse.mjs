// The browser figures of ./bench/run, measured against a local stack this script starts on a free port (and stops)
// with Debian's Chromium: Lighthouse's performance and accessibility scores of the school's year page, signed in,
// and the time the evidence uploader's worker takes to hash a 50 MB file. Prints `name: value` lines; prints
// `…: unavailable (reason)` and ends normally when Chromium, the web client's npm packages or the stack are missing.
//
// Signed in without the issuer's page: a token of the stack's issuer (`/_local/token`) is put into the tab's
// sessionStorage where oidc-client-ts keeps its user (`oidc.user:<authority>:<client id>`), and Lighthouse runs in
// that tab (puppeteer page) with `disableStorageReset`, so the page loads as it does for a signed-in school.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "web");
const YEAR = 2090;
const SCHOOL = "BENCHLH01";

const printed = new Set();

function print(name, value) {
  printed.add(name);
  console.log(`${name}: ${value}`);
}

/** Every figure not printed yet, as unavailable for `reason`. */
function unavailable(reason) {
  for (const name of ["web_lighthouse_performance", "web_lighthouse_accessibility", "web_hash_50mb_ms"]) {
    if (!printed.has(name)) print(name, `unavailable (${reason})`);
  }
}

function chromiumPath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A package of the web client (web/node_modules), imported as ES module. */
async function fromWeb(name) {
  const require = createRequire(join(web, "package.json"));
  return import(pathToFileURL(require.resolve(name)).href);
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

/** Starts `./local/run` on `port` with a fresh data folder; resolves once it answers. */
async function startStack(port, data) {
  const child = spawn(join(root, "local", "run"), ["--port", String(port), "--data", data],
    { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already ended
    }
  };
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the local stack ended: ${output.trim().split("\n").slice(-3).join(" / ")}`);
    try {
      const answer = await fetch(`http://localhost:${port}/cycles`);
      if (answer.status === 401) return stop;
    } catch {
      // not yet listening
    }
    await sleep(1000);
  }
  stop();
  throw new Error("the local stack did not answer within 5 minutes");
}

async function json(url, init) {
  const answer = await fetch(url, init);
  const body = await answer.json();
  if (!answer.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${answer.status} ${JSON.stringify(body)}`);
  return body;
}

/** A cycle and a school's group in it, so that the year page shows what a school sees. */
async function seed(base) {
  const city = (await json(`${base}/_local/token?role=CITY&sub=bench-city`)).token;
  await json(`${base}/cycles`, { method: "POST", headers: { Authorization: `Bearer ${city}`, "Content-Type": "application/json" },
    body: JSON.stringify({ year: YEAR, frameworkId: "ankang-2022", frameworkVersion: "1" }) });
  const school = (await json(`${base}/_local/token?role=SCHOOL&school=${SCHOOL}&sub=bench-school`)).token;
  await json(`${base}/groups`, { method: "POST", headers: { Authorization: `Bearer ${school}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "基准测试教育集团", type: "INTEGRATED", district: "610902",
      coreSchool: { code: SCHOOL, name: "基准核心校" }, memberSchools: [{ code: "BENCHLH02", name: "基准成员校" }] }) });
  return school;
}

/** oidc-client-ts's stored user for `token` (User.toStorageString's members). */
function storedUser(token) {
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  return JSON.stringify({ id_token: token, access_token: token, token_type: "Bearer", scope: "openid profile",
    profile: claims, expires_at: claims.exp ?? Math.floor(Date.now() / 1000) + 3600 });
}

async function lighthouseScores(base, chrome, token) {
  const { default: lighthouse } = await fromWeb("lighthouse");
  const { default: desktop } = await import(pathToFileURL(join(web, "node_modules", "lighthouse", "core", "config",
    "desktop-config.js")).href);
  const { default: puppeteer } = await fromWeb("puppeteer-core");
  const config = await json(`${base}/config.json`);
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/signed-out`);
    await page.evaluate((key, value) => window.sessionStorage.setItem(key, value),
      `oidc.user:${config.oidc.authority}:${config.oidc.clientId}`, storedUser(token));
    const url = `${base}/school/year?year=${YEAR}`;
    // a first visit warms the stack's functions (a cold Lambda is not the page's performance)
    await page.goto(url, { waitUntil: "networkidle0" });
    const result = await lighthouse(url, { output: "json", logLevel: "error", disableStorageReset: true,
      onlyCategories: ["performance", "accessibility"] }, desktop, page);
    const final = result.lhr.finalDisplayedUrl ?? result.lhr.finalUrl;
    if (!final.includes("/school/year")) throw new Error(`Lighthouse ended at ${final}, not the year page`);
    const metric = (id) => result.lhr.audits[id]?.displayValue ?? "—";
    return { performance: Math.round(result.lhr.categories.performance.score * 100),
      accessibility: Math.round(result.lhr.categories.accessibility.score * 100),
      metrics: `FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, `
        + `TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}, SI ${metric("speed-index")}` };
  } finally {
    await browser.disconnect();
  }
}

/** Hashes 50 MB (random bytes) in the bundled SHA-256 worker, in Chromium; checks the digest against WebCrypto's. */
async function hashMs(base, chromePath) {
  const worker = readdirSync(join(web, "dist", "assets")).find((f) => /^sha256\.worker-.*\.js$/.test(f));
  if (!worker) throw new Error("no sha256.worker-*.js in web/dist/assets");
  const playwright = await fromWeb("@playwright/test");
  const chromium = playwright.chromium ?? playwright.default.chromium;
  const browser = await chromium.launch({ executablePath: chromePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
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
    await browser.close();
  }
}

async function main() {
  const chromePath = chromiumPath();
  if (!chromePath) return unavailable("Chromium not found: install Debian's chromium or set CHROME_PATH");
  try {
    await fromWeb("lighthouse");
  } catch {
    return unavailable("lighthouse is not installed: npm ci in web/");
  }
  const data = mkdtempSync(join(tmpdir(), "bench-web-"));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  let stop = () => {};
  let chrome;
  try {
    stop = await startStack(port, data);
    const token = await seed(base);
    const { launch } = await fromWeb("chrome-launcher");
    chrome = await launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync"] });
    const scores = await lighthouseScores(base, chrome, token);
    print("web_lighthouse_performance", `${scores.performance} (school year page, desktop preset: ${scores.metrics}; `
      + "target ≥ 90)");
    print("web_lighthouse_accessibility", `${scores.accessibility} (target ≥ 95)`);
    await chrome.kill();
    chrome = undefined;
    print("web_hash_50mb_ms", `${await hashMs(base, chromePath)} (SHA-256 worker, 4 MiB chunks, Chromium)`);
  } catch (e) {
    unavailable(e instanceof Error ? e.message : String(e));
  } finally {
    if (chrome) await chrome.kill();
    stop();
    await sleep(2000);
    rmSync(data, { recursive: true, force: true });
  }
}

await main();
