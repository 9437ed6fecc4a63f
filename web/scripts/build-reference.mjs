// Builds the rendered API reference as static files, Redoc bundled (no CDN, no request leaves the page):
//   dist/api-docs/index.html          the page, with the description embedded
//   dist/api-docs/redoc.standalone.js Redoc itself, from the redoc package
//   dist/api-docs/reference.js        starts Redoc on the embedded description
//   dist/openapi.yaml                 the description as written
// `npm run build:reference` first bundles openapi.yaml to dist/api-docs/openapi.json, which this script embeds.
// The local stack serves dist/api-docs at /api-docs/; a deployment publishes dist/ with the web client.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(web, "dist", "api-docs");
mkdirSync(out, { recursive: true });

const spec = JSON.parse(readFileSync(join(out, "openapi.json"), "utf8"));
// inside <script>, "</" would end the element: JSON allows "<\/" for the same text
const embedded = JSON.stringify(spec).replaceAll("</", "<\\/").replaceAll("<!--", "<\\!--");
const title = `${spec.info.title} ${spec.info.version}`.replaceAll("&", "&amp;").replaceAll("<", "&lt;");

const require = createRequire(import.meta.url);
copyFileSync(require.resolve("redoc/bundles/redoc.standalone.js"), join(out, "redoc.standalone.js"));
copyFileSync(join(web, "..", "openapi.yaml"), join(web, "dist", "openapi.yaml"));

writeFileSync(join(out, "reference.js"), `// Starts Redoc on the description embedded in the page.
Redoc.init(JSON.parse(document.getElementById("openapi").textContent), {
  expandResponses: "200,201",
  jsonSampleExpandLevel: 3,
  hideDownloadButton: false,
  pathInMiddlePanel: true,
  sortTagsAlphabetically: false
}, document.getElementById("reference"));
`);

writeFileSync(join(out, "index.html"), `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'">
  <title>${title}</title>
  <style>body { margin: 0; }</style>
</head>
<body>
  <div id="reference"></div>
  <script id="openapi" type="application/json">${embedded}</script>
  <script src="redoc.standalone.js"></script>
  <script src="reference.js"></script>
</body>
</html>
`);
console.log(`API reference: ${join(out, "index.html")} (${Object.keys(spec.paths).length} paths)`);
