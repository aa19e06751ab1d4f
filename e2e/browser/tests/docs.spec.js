// The docs UI works under its own Content-Security-Policy.
import { test, expect } from "../support/fixtures.js";

test("the docs UI renders the API under its security policy", async ({ page }) => {
  const violations = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  await page.goto("/api/docs/");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("Brigade");
  await expect(page.locator(".opblock-tag").first()).toBeVisible();
  expect(violations).toEqual([]);
});
