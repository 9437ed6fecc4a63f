// Browser tests of the web client against a running local stack (./run-tests starts one and sets E2E_BASE_URL).
// The browser is Debian's Chromium (CHROMIUM, else `chromium` on the PATH), never one downloaded by a tool.
import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

function chromium(): string {
  if (process.env.CHROMIUM) {
    return process.env.CHROMIUM;
  }
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium not found: install Debian's chromium (./run-tests does) or set CHROMIUM");
  }
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/output",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    },
  },
});
