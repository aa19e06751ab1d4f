// Brigade's browser tests: Playwright drives Debian's Chromium (no browser download)
// against the real `brigade` binary, one per worker with a fresh SQLite database
// (support/fixtures.js). `make test-browser` builds the binary and the app first.
import { defineConfig } from "@playwright/test";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    locale: "en-US",
    colorScheme: "light",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.BRIGADE_CHROMIUM || "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
});
