// The web section of ./bench/run: compressed (gzip -9) JS + CSS a browser loads to show a route for the first time,
// from the build's manifest (web/dist/.vite/manifest.json): the entry with its static imports, plus the route's
// page chunk with its own. Target: ≤ 300 KB per route (docs/benchmarks.md). A page that loads charts after its
// content (a dynamic import of the ECharts chunk) also gets the figure with them (`web_with_charts_kb_<route>`),
// and the last line names the routes whose code includes ECharts. Prints `name: value` lines.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(fileURLToPath(new URL("..", import.meta.url)), "web", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);

// route name → the page component its route loads (web/src/router/index.ts); the shell is in the entry
const ROUTES = {
  signin: "src/views/common/SignInPage.vue",
  school_workbench: "src/views/common/WorkbenchPage.vue",
  school_group: "src/views/school/MyGroupPage.vue",
  district_groups: "src/views/district/GroupsPage.vue",
  district_review: "src/views/district/ReviewPage.vue",
  expert_sheet: "src/views/expert/ExpertSheetPage.vue",
  school_year: "src/views/school/YearPage.vue",
  school_evidence: "src/views/school/EvidencePage.vue",
  school_statement: "src/views/school/StatementPage.vue",
  school_self_assessment: "src/views/school/SelfAssessmentPage.vue",
  school_results: "src/views/school/ResultsPage.vue",
  city_progress: "src/views/city/ProgressPage.vue",
  city_results: "src/views/city/ResultsPage.vue",
};
// the charts' chunk (ECharts), which only pages with charts may load
const CHARTS = "src/components/charts/EChart.vue";

function collect(key, files, seen = new Set()) {
  if (seen.has(key)) {
    return files;
  }
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) {
    throw new Error(`${key} is not in the build's manifest: rebuild web/ (npm run build)`);
  }
  files.add(chunk.file);
  for (const css of chunk.css ?? []) {
    files.add(css);
  }
  for (const imported of chunk.imports ?? []) {
    collect(imported, files, seen);
  }
  return files;
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);

function size(files) {
  let js = 0;
  let css = 0;
  for (const file of files) {
    if (file.endsWith(".css")) {
      css += gz(file);
    } else {
      js += gz(file);
    }
  }
  return { js, css };
}

/** The chunks the page `key` loads later: its own dynamic imports and those of its static imports (not the entry's). */
function dynamicKeys(key, seen = new Set()) {
  for (const imported of manifest[key]?.dynamicImports ?? []) {
    seen.add(imported);
  }
  for (const imported of manifest[key]?.imports ?? []) {
    if (imported !== entry && !seen.has(imported)) {
      seen.add(imported);
      dynamicKeys(imported, seen);
    }
  }
  return seen;
}

const withCharts = [];
for (const [name, page] of Object.entries(ROUTES)) {
  const files = collect(page, collect(entry, new Set()));
  const first = size(files);
  console.log(`web_first_load_kb_${name}: ${kb(first.js + first.css)} (js ${kb(first.js)}, css ${kb(first.css)}, ${files.size} files; target ≤ 300)`);
  if (dynamicKeys(page).has(CHARTS)) {
    withCharts.push(name);
    const all = collect(CHARTS, new Set(files));
    const total = size(all);
    console.log(`web_with_charts_kb_${name}: ${kb(total.js + total.css)} (js ${kb(total.js)}, css ${kb(total.css)}; the charts load after the page's content)`);
  }
}
// the charts' own chunk with what it imports beyond the entry
const chartsChunk = manifest[CHARTS]
  ? size([...collect(CHARTS, new Set())].filter((file) => !collect(entry, new Set()).has(file))) : undefined;
const statically = Object.entries(ROUTES).filter(([, page]) => collect(page, collect(entry, new Set())).has(manifest[CHARTS]?.file))
  .map(([name]) => name);
console.log(`web_routes_with_echarts: ${withCharts.join(", ") || "none"} (loaded after the page: ${chartsChunk
  ? `${kb(chartsChunk.js + chartsChunk.css)} KB` : "no chart chunk"}; in a first load: ${statically.join(", ") || "none"})`);
