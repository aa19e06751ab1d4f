// Themes, languages and the phone layout.
import { test, expect, uniqueEmail, signUp, logIn, chooseLanguage } from "../support/fixtures.js";

const theme = (page) => page.locator("html").getAttribute("data-theme");

test("the theme follows the system setting at first", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("the chosen theme survives a reload", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Switch to the dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Switch to the light theme" })).toBeVisible();
});

test("the chosen theme is applied before the app has even loaded", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Switch to the dark theme" }).click();
  // Hold the app back: whatever paints now was styled by the page's first script.
  await page.route("**/*.wasm", () => {});
  await page.goto("/login", { waitUntil: "domcontentloaded" });
  expect(await theme(page)).toBe("dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(20, 18, 16)");
});

test("switching language changes the page's text and lang", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");

  await page.getByLabel("Language").selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion");
  await expect(page.getByLabel("Mot de passe")).toBeVisible();

  await page.getByLabel("Langue").selectOption("it");
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso");
});

test.describe("with an Italian browser", () => {
  test.use({ locale: "it-IT" });

  test("the browser's language is used at first", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(page.getByRole("button", { name: "Accedi" })).toBeVisible();
  });
});

test("dates are written the way the chosen language writes them", async ({ page, request }) => {
  const email = uniqueEmail("dates");
  const { me } = await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/profile");
  const created = new Date(me.account.created_at);
  const inLanguage = (locale) =>
    created.toLocaleDateString(locale, { dateStyle: "long" });

  await expect(page.locator('[data-field="account_created"]')).toHaveText(inLanguage("en-GB"));
  await chooseLanguage(page, "fr");
  await expect(page.locator('[data-field="account_created"]')).toHaveText(inLanguage("fr-FR"));
  await chooseLanguage(page, "it");
  await expect(page.locator('[data-field="account_created"]')).toHaveText(inLanguage("it-IT"));
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  const noSidewaysScroll = async (page) => {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
  };

  test("no page scrolls sideways", async ({ page, request }) => {
    await page.goto("/signup");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await noSidewaysScroll(page);
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await noSidewaysScroll(page);

    const email = uniqueEmail("phone");
    const owner = await signUp(request, { email, restaurant: "La Très Longue Brasserie du Vieux Port de Marseille" });
    await logIn(page, email);
    const members = await request.get("/api/v1/members", { headers: { Authorization: `Bearer ${owner.tokens.access_token}` } });
    const self = (await members.json()).items[0];
    for (const path of ["/", "/profile", "/team", `/team/${self.id}`, "/roles", "/roles/matrix", "/audit", "/no/such/page"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await noSidewaysScroll(page);
    }
  });

  test("the sidebar becomes a menu", async ({ page, request }) => {
    const email = uniqueEmail("phone");
    await signUp(request, { email });
    await logIn(page, email);
    const teamLink = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Team" });
    await expect(teamLink).toBeHidden();

    await page.getByRole("button", { name: "Navigation", exact: true }).click();
    await expect(teamLink).toBeVisible();
    await teamLink.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team");
    await expect(teamLink).toBeHidden();
  });

  test("touch targets are at least 44 px tall on every page", async ({ page, request }) => {
    // Every signed-in page and every target on it: more than one page's time.
    test.slow();
    const email = uniqueEmail("phone");
    const owner = await signUp(request, { email });
    await logIn(page, email);
    const members = await request.get("/api/v1/members", { headers: { Authorization: `Bearer ${owner.tokens.access_token}` } });
    const self = (await members.json()).items[0];
    // Checkboxes are reached through their whole labelled row, measured instead.
    const targets = page.locator(
      "header button, header summary, header select, nav a, main button:visible, main input:not([type=checkbox]):visible, main select:visible, main summary, main .check, main .tree-module li",
    );
    for (const path of ["/", "/profile", "/team", `/team/${self.id}`, "/roles", "/roles/matrix", "/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (path === "/roles") await page.getByRole("button", { name: "New role" }).click();
      await page.getByRole("button", { name: "Navigation", exact: true }).click();
      const count = await targets.count();
      expect(count).toBeGreaterThan(5);
      for (let i = 0; i < count; i += 1) {
        const box = await targets.nth(i).boundingBox();
        if (box && box.height > 0) expect(box.height, `${path}: ${await targets.nth(i).evaluate((e) => e.outerHTML.slice(0, 80))}`).toBeGreaterThanOrEqual(44);
      }
    }
  });
});
