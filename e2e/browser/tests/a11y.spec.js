// axe-core on the visitor pages and the signed-in pages, in both themes: no serious or
// critical violation.
import fs from "node:fs";
import { createRequire } from "node:module";
import { test, expect, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const theme of ["light", "dark"]) {
  test.describe(`in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("the sign-up and login pages have no serious accessibility violation", async ({ page }) => {
      for (const path of ["/signup", "/login", "/auth/forgot-password", "/auth/reset-password?token=x", "/auth/accept-invite?token=x"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });

    test("the dashboard and profile have no serious accessibility violation", async ({ page, request }) => {
      const email = uniqueEmail("a11y");
      await signUp(request, { email });
      await logIn(page, email);
      for (const path of ["/", "/profile"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });

    test("the setup and service pages have no serious accessibility violation", async ({ page, request }) => {
      const email = uniqueEmail("a11y");
      const { tokens } = await signUp(request, { email });
      const headers = { Authorization: `Bearer ${tokens.access_token}` };
      const ranges = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((weekday) => ({ weekday, opens: "19:00", closes: "23:00" }));
      expect((await request.put("/api/v1/restaurant/opening-hours", { headers, data: { ranges } })).status()).toBe(200);
      expect((await request.post("/api/v1/zones", { headers, data: { name: "Terrasse", tables: 2 } })).status()).toBe(201);
      await logIn(page, email);
      for (const path of ["/onboarding", "/admin/settings/restaurant", "/admin/settings/tables", "/admin/settings/tables/qr", "/service"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.locator(".loaded").first()).toHaveAttribute("aria-busy", "false");
        await expect(page.locator(".loading")).toHaveCount(0);
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });

    test("the menu, its product editor and the stock have no serious accessibility violation", async ({ page, request }) => {
      const email = uniqueEmail("a11y");
      const { tokens } = await signUp(request, { email });
      const headers = { Authorization: `Bearer ${tokens.access_token}` };
      const category = await (await request.post("/api/v1/menu/categories", { headers, data: { name: "Boissons" } })).json();
      const made = await request.post("/api/v1/menu/products", { headers, data: { category_id: category.id, name: "Limonade", price: 400, allergens: ["sulphites"] } });
      expect(made.status()).toBe(201);
      await logIn(page, email);
      for (const path of ["/menu", "/stock"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.locator(".loaded").first()).toHaveAttribute("aria-busy", "false");
        await expect(page.locator(".loading")).toHaveCount(0);
        expect(await seriousViolations(page), path).toEqual([]);
      }
      await page.goto("/menu");
      await page.locator('tr[data-product="Limonade"]').getByRole("button", { name: "Edit" }).click();
      await expect(page.getByRole("dialog", { name: "Edit “Limonade”" })).toBeVisible();
      expect(await seriousViolations(page), "product editor").toEqual([]);
    });
  });
}

for (const theme of ["light", "dark"]) {
  test.describe(`team pages in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("the team, member, roles and matrix pages have no serious accessibility violation", async ({ page, request }) => {
      // Four pages, two dialogs and axe on each: more than one page's time.
      test.slow();
      const email = uniqueEmail("a11y");
      await signUp(request, { email, name: "Ana Duval" });
      await logIn(page, email);
      await page.goto("/team");
      await page.getByRole("button", { name: "Add a member" }).click();
      await expect(page.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Primary role")).toBeVisible();
      expect(await seriousViolations(page), "/team, inviting").toEqual([]);
      await page.getByRole("tab", { name: "Create directly" }).click();
      await expect(page.getByLabel("Temporary password")).toBeVisible();
      expect(await seriousViolations(page), "/team, creating").toEqual([]);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
      await page.getByRole("link", { name: "Ana Duval" }).click();
      await page.locator('[data-module="staff"] summary').click();
      await expect(page.locator('li[data-code="staff.view"]')).toBeVisible();
      expect(await seriousViolations(page), "member").toEqual([]);
      await page.goto("/roles");
      await page.getByRole("button", { name: "New role" }).click();
      await expect(page.getByLabel("Start from")).toBeVisible();
      expect(await seriousViolations(page), "/roles").toEqual([]);
      await page.goto("/roles/matrix");
      await expect(page.getByRole("switch").first()).toBeVisible();
      await page.getByRole("switch", { name: "Cashier — Edit the menu" }).click();
      await page.locator('th[data-group="inventory.edit"] button').click();
      expect(await seriousViolations(page), "/roles/matrix").toEqual([]);
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Activity log" }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      expect(await seriousViolations(page), "leaving with changes").toEqual([]);
      await page.getByRole("button", { name: "Leave without saving" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activity log");
      expect(await seriousViolations(page), "/audit").toEqual([]);
      await page.goto("/no/such/page");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      expect(await seriousViolations(page), "not found").toEqual([]);
      await page.goto("/profile");
      await page.getByLabel("Name", { exact: true }).fill("Ana Toast");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.locator("[data-toast]")).toBeVisible();
      await page.locator(".account > button").click();
      expect(await seriousViolations(page), "toast and account menu").toEqual([]);
    });
  });
}

for (const theme of ["light", "dark"]) {
  test.describe(`a new member's pages in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("choosing a password and a page not allowed have no serious accessibility violation", async ({ page, request }) => {
      const owner = await signUp(request, { email: uniqueEmail("a11y") });
      const email = uniqueEmail("waiter");
      const temporary = "a temporary kitchen phrase";
      const created = await request.post("/api/v1/members", {
        headers: { Authorization: `Bearer ${owner.tokens.access_token}` },
        data: { email, name: "Walt Waiter", temporary_password: temporary, role: "waiter", custom_role_ids: [] },
      });
      expect(created.status()).toBe(201);
      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(temporary);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
      expect(await seriousViolations(page), "choose your password").toEqual([]);
      await page.getByLabel("Current password").fill(temporary);
      await page.getByLabel("New password", { exact: true }).fill("a long kitchen phrase");
      await page.getByLabel("Confirm the new password").fill("a long kitchen phrase");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
      await page.goto("/roles");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
      expect(await seriousViolations(page), "not allowed").toEqual([]);
    });
  });
}
