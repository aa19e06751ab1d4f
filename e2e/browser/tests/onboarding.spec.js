// A new restaurant's onboarding: its five steps, remembered by the server, and the
// tables step's modes ("Configurer plus tard", "Minimum viable"); and the
// establishment's settings page.
import { test, expect, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

async function newOwner(page, request) {
  const email = uniqueEmail("owner");
  await signUp(request, { email });
  await logIn(page, email);
}

const step = (page, name) => page.locator(`.stepper [data-step="${name}"]`);

test("configure later makes the main room with SAL-1 to SAL-8, and the onboarding resumes after it", async ({ page, request }) => {
  await newOwner(page, request);
  await page.goto("/onboarding");
  await expect(step(page, "establishment")).toHaveAttribute("aria-current", "step");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(step(page, "tables")).toHaveAttribute("aria-current", "step");
  await page.getByLabel("Configure later").check();
  await page.getByRole("button", { name: "Create and continue" }).click();
  await expect(step(page, "branding")).toHaveAttribute("aria-current", "step");
  await expect(step(page, "tables")).toHaveClass(/done/);

  await page.reload();
  await expect(step(page, "branding")).toHaveAttribute("aria-current", "step");
  await page.goto("/admin/settings/tables");
  await expect(page.locator(".table-card .table-number")).toHaveText(
    ["SAL-1", "SAL-2", "SAL-3", "SAL-4", "SAL-5", "SAL-6", "SAL-7", "SAL-8"],
  );
});

test("minimum viable numbers the tables of each zone it is given", async ({ page, request }) => {
  await newOwner(page, request);
  await page.goto("/onboarding");
  await step(page, "tables").click();
  await expect(page.getByLabel("Minimum viable")).toBeChecked();
  await page.getByLabel("Zone name", { exact: true }).fill("Intérieur");
  await page.getByLabel("Number of tables", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Add a zone" }).click();
  await page.getByLabel("Zone name", { exact: true }).nth(1).fill("Terrasse");
  await page.getByLabel("Number of tables", { exact: true }).nth(1).fill("2");
  await page.getByRole("button", { name: "Create and continue" }).click();
  await expect(step(page, "branding")).toHaveAttribute("aria-current", "step");

  await page.goto("/admin/settings/tables");
  await expect(page.locator(".table-card .table-number")).toHaveText(["INT-1", "INT-2", "INT-3"]);
  await page.getByRole("button", { name: /^Terrasse/ }).click();
  await expect(page.locator(".table-card .table-number")).toHaveText(["TER-1", "TER-2"]);
});

test("the launch sums the floor up and ends the onboarding", async ({ page, request }) => {
  await newOwner(page, request);
  await page.goto("/onboarding");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Configure later").check();
  await page.getByRole("button", { name: "Create and continue" }).click();
  // Branding is optional: going on without a logo or a colour is fine.
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Skip this step" }).click();
  await expect(page.locator('[data-field="tables"]')).toHaveText("8");
  await expect(page.getByRole("link", { name: "Print the QR codes" })).toHaveAttribute("href", "/admin/settings/tables/qr");
  await page.getByRole("button", { name: "Launch Brigade" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the establishment keeps its time zone, currency and a late range after a reload", async ({ page, request }) => {
  await newOwner(page, request);
  await page.goto("/admin/settings/restaurant");
  await page.getByLabel("Time zone").selectOption("Europe/Rome");
  await page.getByLabel("Currency").selectOption("CHF");
  await page.getByLabel("Address").fill("Via Roma 1\n00100 Roma");
  await page.locator("#establishment-title ~ form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Establishment saved" })).toBeVisible();

  const friday = page.locator('.hours-day[data-weekday="friday"]');
  await friday.getByRole("button", { name: "Add a range" }).click();
  await friday.getByLabel("Opens at").fill("19:00");
  await friday.getByLabel("Closes at").fill("02:00");
  await expect(friday.getByText("next day")).toBeVisible();
  await page.locator("#hours-title ~ form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opening hours saved" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Rome");
  await expect(page.getByLabel("Currency")).toHaveValue("CHF");
  await expect(page.getByLabel("Address")).toHaveValue("Via Roma 1\n00100 Roma");
  await expect(friday.getByLabel("Opens at")).toHaveValue("19:00");
  await expect(friday.getByLabel("Closes at")).toHaveValue("02:00");
});

test("overlapping ranges are refused next to the range", async ({ page, request }) => {
  await newOwner(page, request);
  await page.goto("/admin/settings/restaurant");
  const monday = page.locator('.hours-day[data-weekday="monday"]');
  await monday.getByRole("button", { name: "Add a range" }).click();
  await monday.getByRole("button", { name: "Add a range" }).click();
  await monday.getByLabel("Opens at").nth(1).fill("13:00");
  await page.locator("#hours-title ~ form").getByRole("button", { name: "Save" }).click();
  await expect(monday.getByText("This range overlaps another one.")).toBeVisible();
});

// A 1×1 PNG.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("branding: the logo and the main colour chosen in the onboarding show on the guests' page", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/onboarding");
  await page.locator('.stepper [data-step="branding"]').click();
  const upload = page.getByLabel("Choose a logo");
  await upload.setInputFiles({ name: "menu.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await expect(page.getByText("Choose a PNG, JPEG or WebP image.")).toBeVisible();
  await upload.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PIXEL });
  await expect(page.getByRole("status").filter({ hasText: "Logo saved" })).toBeVisible();
  await expect(page.getByRole("img", { name: "The restaurant's logo" })).toBeVisible();
  await page.getByLabel("Main colour", { exact: true }).fill("#2255aa");
  await page.getByRole("button", { name: "Save the colour" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Colour saved" })).toBeVisible();

  // The guests' page of a table shows both.
  const headers = { Authorization: `Bearer ${tokens.access_token}` };
  expect((await request.post("/api/v1/zones", { headers, data: { name: "Salle", tables: 1 } })).status()).toBe(201);
  const sheet = await (await request.get("/api/v1/tables/qr", { headers })).json();
  const address = new URL(sheet[0].url);
  const guest = await request.get(address.pathname + address.search);
  const html = await guest.text();
  expect(html).toContain("#2255aa");
  expect(html).toMatch(/<img class="logo" src="\/logos\//);

  // Removing the logo asks first.
  await page.getByRole("button", { name: "Remove the logo" }).click();
  await page.getByRole("alertdialog", { name: "Remove the logo from your guests' pages?" }).getByRole("button", { name: "Remove the logo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Logo removed" })).toBeVisible();
  await expect(page.getByText("No logo yet.")).toBeVisible();
});

test("the menu step makes a first category and its products, prices read exactly", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/onboarding");
  await step(page, "menu").click();
  await page.getByLabel("First category").fill("Boissons");
  const rows = page.locator(".product-draft");
  await rows.nth(0).getByLabel("Product name").fill("Café");
  await rows.nth(0).getByLabel("Price").fill("2,20");
  await rows.nth(1).getByLabel("Product name").fill("Thé");
  await rows.nth(1).getByLabel("Price").fill("3");
  await page.getByRole("button", { name: "Create and continue" }).click();
  await expect(step(page, "launch")).toHaveAttribute("aria-current", "step");
  await expect(step(page, "menu")).toHaveClass(/done/);

  const headers = { Authorization: `Bearer ${tokens.access_token}` };
  const products = await (await request.get("/api/v1/menu/products", { headers })).json();
  expect(products.map((p) => [p.name, p.variants[0].price])).toEqual([["Café", 220], ["Thé", 300]]);
  await step(page, "menu").click();
  await expect(page.locator('[data-field="menu-so-far"]')).toContainText("1 category");
});
