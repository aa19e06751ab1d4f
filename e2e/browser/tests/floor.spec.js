// The floor as an owner sets it up: zones and their tables on the tables settings
// page, their order by drag and drop, a table taken out of service, and the QR codes'
// sheet with its table picker.
import { test, expect, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

/** Signs up, logs in and creates `zones` ([name, tables]) through the API. */
async function withZones(page, request, zones) {
  const email = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email });
  for (const [name, tables] of zones) {
    const response = await request.post("/api/v1/zones", {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
      data: { name, tables },
    });
    expect(response.status()).toBe(201);
  }
  await logIn(page, email);
  return tokens;
}

const zoneList = (page) => page.locator(".zone-list");

test("an owner adds a zone with tables numbered from its prefix, then more tables", async ({ page, request }) => {
  await withZones(page, request, []);
  await page.goto("/admin/settings/tables");
  await expect(page.getByText("No zones yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add a zone" }).click();
  await page.getByLabel("Zone name").fill("Intérieur");
  await page.getByLabel("Number of tables").click();
  await expect(page.getByLabel("Prefix")).toHaveAttribute("placeholder", "INT");
  await page.getByLabel("Number of tables").fill("3");
  await page.getByRole("button", { name: "Create the zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zone created" })).toBeVisible();
  const cards = page.locator(".table-card .table-number");
  await expect(cards).toHaveText(["INT-1", "INT-2", "INT-3"]);

  await page.getByRole("button", { name: "Add tables" }).click();
  await page.getByLabel("How many?").fill("2");
  await page.locator(".zone-form").getByRole("button", { name: "Add tables" }).click();
  await expect(cards).toHaveText(["INT-1", "INT-2", "INT-3", "INT-4", "INT-5"]);
});

test("a zone moved by drag and drop keeps its place after a reload", async ({ page, request }) => {
  await withZones(page, request, [["Intérieur", 1], ["Terrasse", 1], ["Bar", 1]]);
  await page.goto("/admin/settings/tables");
  const names = zoneList(page).locator(".zone-name");
  await expect(names).toHaveText(["Intérieur", "Terrasse", "Bar"]);
  await zoneList(page).locator('[data-zone="BAR"]').dragTo(zoneList(page).locator('[data-zone="INT"]'));
  await expect(names).toHaveText(["Bar", "Intérieur", "Terrasse"]);
  await expect(page.getByRole("status").filter({ hasText: "Order of the zones saved" })).toBeVisible();
  await page.reload();
  await expect(names).toHaveText(["Bar", "Intérieur", "Terrasse"]);
});

test("a zone moves with Alt and the arrow keys, and keeps the keyboard", async ({ page, request }) => {
  await withZones(page, request, [["Intérieur", 1], ["Terrasse", 1]]);
  await page.goto("/admin/settings/tables");
  const terrace = page.getByRole("button", { name: /^Terrasse/ });
  await terrace.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(zoneList(page).locator(".zone-name")).toHaveText(["Terrasse", "Intérieur"]);
  await expect(page.getByRole("button", { name: /^Terrasse/ })).toBeFocused();
  await page.reload();
  await expect(zoneList(page).locator(".zone-name")).toHaveText(["Terrasse", "Intérieur"]);
});

test("a table taken out of service leaves the table picker", async ({ page, request }) => {
  await withZones(page, request, [["Terrasse", 2]]);
  await page.goto("/admin/settings/tables/qr");
  await page.getByLabel("Zone", { exact: true }).selectOption({ label: "Terrasse" });
  await expect(page.getByLabel("Table", { exact: true }).locator("option")).toHaveText(["Choose…", "TER-1", "TER-2"]);

  await page.goto("/admin/settings/tables");
  const first = page.locator('.table-card[data-table="TER-1"]');
  await first.getByLabel("In use").uncheck();
  await expect(page.getByRole("status").filter({ hasText: "Table saved" })).toBeVisible();
  await expect(page.locator('.table-card[data-table="TER-1"]')).toHaveClass(/inactive/);

  await page.goto("/admin/settings/tables/qr");
  await page.getByLabel("Zone", { exact: true }).selectOption({ label: "Terrasse" });
  await expect(page.getByLabel("Table", { exact: true }).locator("option")).toHaveText(["Choose…", "TER-2"]);
  await expect(page.locator(".qr-card")).toHaveCount(1);
});

test("deleting a zone asks first and takes its tables with it", async ({ page, request }) => {
  await withZones(page, request, [["Terrasse", 2], ["Bar", 1]]);
  await page.goto("/admin/settings/tables");
  await page.locator(".zone-panel-head").getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete the zone “Terrasse” and its tables (2 tables)? Their printed QR codes will lead nowhere." });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zone deleted" })).toBeVisible();
  await expect(zoneList(page).locator(".zone-name")).toHaveText(["Bar"]);
  await expect(page.locator(".table-card .table-number")).toHaveText(["BAR-1"]);
});

test("on a phone the tables page stacks and never scrolls sideways", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await withZones(page, request, [["Salle principale", 4], ["Terrasse", 2]]);
  await page.goto("/admin/settings/tables");
  await expect(page.locator(".table-card")).toHaveCount(4);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  const column = await page.locator(".zone-column").boundingBox();
  const panel = await page.locator(".zone-panel").boundingBox();
  expect(panel.y).toBeGreaterThan(column.y + column.height - 1);
  for (const button of await page.locator(".zone-moves button, .table-card button").all()) {
    const box = await button.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
});
