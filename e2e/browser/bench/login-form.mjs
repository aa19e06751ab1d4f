// How long from navigation to an interactive login form, in headless Chromium against
// the real binary (release build, loopback): the time origin of the page to the moment
// the app has drawn the form's email field. Cold = a fresh browser context (empty
// cache); warm = the same context again (the hashed files come from the cache).
import { chromium } from "@playwright/test";
import { startBrigade } from "../support/brigade.js";
import { CHROMIUM_ARGS } from "../playwright.config.js";

const RUNS = 15;

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms`;
}

async function timeToForm(page, url) {
  await page.goto(`${url}/login`, { waitUntil: "commit" });
  await page.waitForSelector('input[name="email"]:not([disabled])');
  return page.evaluate(() => performance.now());
}

const brigade = await startBrigade();
const browser = await chromium.launch({
  executablePath: process.env.BRIGADE_CHROMIUM || "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});
try {
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    cold.push(await timeToForm(page, brigade.url));
    warm.push(await timeToForm(page, brigade.url));
    await context.close();
  }
  console.log(`navigation -> interactive login form, ${RUNS} runs each`);
  console.log(`  cold cache: ${summary(cold)}`);
  console.log(`  warm cache: ${summary(warm)}`);
} finally {
  await browser.close();
  await brigade.stop();
}
