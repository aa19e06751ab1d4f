// The service grid as a manager uses it before a service: who serves which zone, and
// which tables are given to one person, kept after a reload; on a phone the grid
// scrolls inside its card, never the page.
import { test, expect, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

const WEEK = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** A restaurant open for lunch and dinner every day, with two zones and two waiters. */
async function restaurant(page, request) {
  const email = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email });
  const headers = { Authorization: `Bearer ${tokens.access_token}` };
  const ranges = WEEK.flatMap((weekday) => [
    { weekday, opens: "12:00", closes: "14:30" },
    { weekday, opens: "19:00", closes: "23:00" },
  ]);
  expect((await request.put("/api/v1/restaurant/opening-hours", { headers, data: { ranges } })).status()).toBe(200);
  for (const [name, tables] of [["Terrasse", 2], ["Salle", 2]]) {
    expect((await request.post("/api/v1/zones", { headers, data: { name, tables } })).status()).toBe(201);
  }
  for (const name of ["Bea Rossi", "Carlo Neri"]) {
    const response = await request.post("/api/v1/members", {
      headers,
      data: { email: uniqueEmail("waiter"), name, temporary_password: "a long temporary phrase", role: "waiter" },
    });
    expect(response.status(), await response.text()).toBe(201);
  }
  await logIn(page, email);
}

test("an owner gives a zone and a table to waiters for dinner, and it stays after a reload", async ({ page, request }) => {
  await restaurant(page, request);
  await page.goto("/service");
  await expect(page.getByRole("heading", { level: 1, name: "Service grid" })).toBeVisible();
  const dinner = page.getByRole("radio", { name: "19:00 – 23:00" });
  await dinner.check();
  await page.getByRole("checkbox", { name: "Bea Rossi serves Terrasse" }).check();
  await page.getByLabel("SAL-1", { exact: true }).selectOption({ label: "Carlo Neri" });
  await expect(page.locator(".service-choice").filter({ hasText: "19:00" })).toContainText("not saved");
  await page.getByRole("button", { name: "Save the service" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Service saved" })).toBeVisible();
  await expect(page.locator(".service-choice").filter({ hasText: "19:00" })).not.toContainText("not saved");

  await page.reload();
  await page.getByRole("radio", { name: "19:00 – 23:00" }).check();
  await expect(page.getByRole("checkbox", { name: "Bea Rossi serves Terrasse" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Carlo Neri serves Terrasse" })).not.toBeChecked();
  await expect(page.getByLabel("SAL-1", { exact: true }).locator("option:checked")).toHaveText("Carlo Neri");
  // Lunch is another service, still empty.
  await page.getByRole("radio", { name: "12:00 – 14:30" }).check();
  await expect(page.getByRole("checkbox", { name: "Bea Rossi serves Terrasse" })).not.toBeChecked();
});

test("a day the restaurant is closed says so and links to the opening hours", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/service");
  await expect(page.getByText("The restaurant is closed on this day")).toBeVisible();
  await expect(page.getByRole("link", { name: "Opening hours" })).toHaveAttribute("href", "/admin/settings/restaurant");
});

test("on a phone the service grid scrolls inside its card, never the page", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await restaurant(page, request);
  await page.goto("/service");
  await expect(page.locator(".service-grid tbody tr")).toHaveCount(3);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
