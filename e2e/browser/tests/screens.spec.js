// The permission screens used in a hurry, and the visual language every page shares:
// the matrix, a member's permissions, the role editor, wording, feedback and the phone
// header, checked through their layout boxes as well as their words.
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn, chooseLanguage } from "../support/fixtures.js";

const TEMPORARY = "a temporary kitchen phrase";

/** Adds a member through the API; returns their membership id and email. */
async function addMember(request, tokens, { name, role = "waiter" }) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "-"));
  const response = await request.post("/api/v1/members", {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
    data: { email, name, temporary_password: TEMPORARY, role, custom_role_ids: [] },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: (await response.json()).id, email };
}

async function ownerOnPage(page, request, options = {}) {
  const email = uniqueEmail("owner");
  const owner = await signUp(request, { email, ...options });
  await logIn(page, email);
  return owner;
}

const saveBar = (page) => page.getByRole("region", { name: "Unsaved changes" });

test.describe("the matrix at 1366 px", () => {
  test.use({ viewport: { width: 1366, height: 800 } });

  for (const lang of ["it", "fr", "en"]) {
    test(`shows all twelve groups without scrolling sideways in ${lang}`, async ({ page, request }) => {
      await ownerOnPage(page, request);
      await chooseLanguage(page, lang);
      await page.goto("/roles/matrix");
      const headings = page.locator(".matrix-desktop thead th[data-group]");
      await expect(headings).toHaveCount(12);
      for (let i = 0; i < 12; i += 1) {
        const box = await headings.nth(i).boundingBox();
        expect(box.x + box.width, `group ${i} is cut off`).toBeLessThanOrEqual(1366);
      }
      const scroll = page.locator(".matrix-scroll");
      const { scrollWidth, clientWidth } = await scroll.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });
  }

  test("a short heading shows the group's full name on focus", async ({ page, request }) => {
    await ownerOnPage(page, request);
    await chooseLanguage(page, "it");
    await page.goto("/roles/matrix");
    const heading = page.locator('th[data-group="settings.edit"] button');
    await expect(heading).toHaveAccessibleName("Impostazioni modificare");
    // The full name says which modules the group reaches.
    await expect(heading).toHaveAccessibleDescription("Modificare le impostazioni — comprende: Tavoli, Ristorante, Clienti, Canali di vendita");
    await heading.focus();
    const tip = await heading.evaluate((e) => getComputedStyle(e, "::after").content);
    expect(tip).toContain("Modificare le impostazioni — comprende: Tavoli, Ristorante");
  });
});

test.describe("the matrix on a narrower screen", () => {
  test.use({ viewport: { width: 900, height: 700 } });

  test("keeps the role column in place while the groups scroll", async ({ page, request }) => {
    await ownerOnPage(page, request);
    await page.goto("/roles/matrix");
    const scroll = page.locator(".matrix-scroll");
    const role = page.locator('.matrix-desktop tr[data-role="cashier"] th');
    const before = await role.boundingBox();
    await scroll.evaluate((e) => { e.scrollLeft = e.scrollWidth; });
    expect(await scroll.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    const after = await role.boundingBox();
    expect(after.x).toBeCloseTo(before.x, 0);
    await expect(role).toBeInViewport();
  });
});

test("one save bar counts the changes per role, and discard puts everything back", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles/matrix");
  await expect(saveBar(page)).toContainText("No unsaved changes.");
  await expect(saveBar(page).getByRole("button", { name: "Save" })).toBeDisabled();
  await page.getByRole("switch", { name: "Waiter — View the team" }).click();
  await page.getByRole("switch", { name: "Cashier — View statistics" }).click();
  // "View the team" is two codes for the waiter; "View statistics" more for the cashier.
  await expect(saveBar(page)).toContainText(/Cashier: \d+ permissions changed · Waiter: 3 permissions changed/);
  await expect(saveBar(page).getByRole("button", { name: "Save" })).toBeInViewport();
  await saveBar(page).getByRole("button", { name: "Discard" }).click();
  await expect(page.getByRole("switch", { name: "Waiter — View the team" })).toHaveAttribute("aria-checked", "false");
  await expect(saveBar(page)).toContainText("No unsaved changes.");
});

test("leaving the matrix with unsaved changes asks first", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles/matrix");
  await page.getByRole("switch", { name: "Waiter — View the team" }).click();
  const team = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Team" });
  await team.click();
  const question = page.getByRole("alertdialog");
  await expect(question).toContainText("Some changes are not saved.");
  await question.getByRole("button", { name: "Stay on the page" }).click();
  await expect(page).toHaveURL(/\/roles\/matrix$/);
  await expect(page.getByRole("switch", { name: "Waiter — View the team" })).toHaveAttribute("aria-checked", "true");
  await team.click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team");
});

test("a partial group says which codes are on, and a shared code says where else it is", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles/matrix");
  const stock = page.getByRole("switch", { name: "Cashier — Edit stock" });
  await expect(stock).toHaveAttribute("aria-checked", "false");
  await page.getByRole("switch", { name: "Cashier — Edit the menu" }).click();
  await expect(stock).toHaveAttribute("aria-checked", "mixed");
  await expect(page.locator("[data-toast]")).toContainText("also changed Edit stock");
  const cell = page.locator('.matrix-desktop tr[data-role="cashier"] td').filter({ has: page.locator('[data-group="inventory.edit"]') });
  await expect(cell.locator(".partial")).toHaveText("1/2");
  await expect(cell.locator(".partial")).toHaveAttribute("title", "Partial: 1 of 2 on — Set availability (also in: Edit the menu)");
  await cell.locator(".partial").click();
  const detail = page.getByRole("region", { name: "Details of “Edit stock”" });
  await expect(detail.locator('th[data-code="products.set_availability"]')).toContainText("also in: Edit the menu");
});

test.describe("the matrix on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("is one role at a time, its groups as switches", async ({ page, request }) => {
    await ownerOnPage(page, request);
    await page.goto("/roles/matrix");
    await expect(page.locator(".matrix-desktop")).toBeHidden();
    await page.getByLabel("Role", { exact: true }).selectOption("chef");
    const phone = page.locator('.phone-role[data-role="chef"]');
    await expect(phone.getByRole("switch")).toHaveCount(12);
    await expect(phone).toContainText("Edit the menu");
    const first = await phone.getByRole("switch").first().boundingBox();
    expect(first.height).toBeGreaterThanOrEqual(44);
    await phone.getByRole("switch", { name: "Chef — View the team" }).click();
    await expect(saveBar(page)).toContainText("Chef: 3 permissions changed");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Role permissions saved." })).toBeVisible();
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
  });
});

test("a member's permissions are grouped, counted, filtered, searched and follow the choice at once", async ({ page, request }) => {
  const owner = await ownerOnPage(page, request);
  const { id } = await addMember(request, owner.tokens, { name: "Walt Waiter" });
  await page.goto(`/team/${id}`);
  const modules = page.locator(".module-block");
  await expect(modules.first()).toBeVisible();
  // Collapsed by default, each header counting what is granted.
  expect(await modules.evaluateAll((all) => all.filter((d) => d.open).length)).toBe(0);
  const staff = page.locator('[data-module="staff"]');
  await expect(staff.locator("summary")).toContainText(/0 of \d+ granted/);
  // No internal code unless asked.
  await staff.locator("summary").click();
  const row = page.locator('li[data-code="staff.view"]');
  await expect(row.locator("code")).toHaveCount(0);
  await page.getByLabel("Technical names").check();
  await expect(row.locator("code")).toHaveText("staff.view");
  // The row follows the choice before saving, and the header counts it.
  await expect(row.locator(".why")).toHaveText("No role gives it");
  await expect(row.locator(".state")).toHaveText("Not granted");
  await row.getByRole("combobox").selectOption("grant");
  await expect(row).toHaveAttribute("data-granted", "true");
  await expect(row.locator(".why")).toContainText("Personal setting");
  await expect(row.locator(".why .without")).toHaveText("Without it: No role gives it");
  await expect(row.locator(".state")).toHaveText("Granted");
  await expect(staff.locator("summary")).toContainText(/1 of \d+ granted/);
  await expect(saveBar(page)).toContainText("1 permission changed");
  await row.getByRole("combobox").selectOption("inherit");
  await expect(row.locator(".why")).toHaveText("No role gives it");
  await row.getByRole("combobox").selectOption("grant");
  await saveBar(page).getByRole("button", { name: "Save the permissions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The person's permissions are saved." })).toBeVisible();
  // Only the personal settings, then a search.
  await page.getByLabel("Show").selectOption("overrides");
  await expect(page.locator("li.permission-row:visible")).toHaveCount(1);
  await expect(page.locator("li.permission-row:visible")).toHaveAttribute("data-code", "staff.view");
  await page.getByLabel("Show").selectOption("all");
  await page.getByRole("searchbox", { name: "Search" }).last().fill("create orders");
  await expect(page.locator("li.permission-row:visible")).toHaveCount(1);
  await expect(page.locator("li.permission-row:visible")).toHaveAttribute("data-code", "orders.create");
  await expect(page.locator('li[data-code="orders.create"] .why')).toHaveText("From the role Waiter");
  await page.getByRole("searchbox", { name: "Search" }).last().fill("nothing like this");
  await expect(page.getByText("No permission matches.")).toBeVisible();
});

test("the owner's own page is a read-only list, without drop-downs", async ({ page, request }) => {
  const owner = await ownerOnPage(page, request);
  const members = await request.get("/api/v1/members", { headers: { Authorization: `Bearer ${owner.tokens.access_token}` } });
  const self = (await members.json()).items.find((m) => m.role === "owner");
  await page.goto(`/team/${self.id}`);
  await page.locator('[data-module="orders"] summary').click();
  await expect(page.locator('li[data-code="orders.create"] .why')).toHaveText("Owner: has every permission");
  await expect(page.locator('[data-card="permissions"] select.override')).toHaveCount(0);
  await expect(saveBar(page)).toHaveCount(0);
});

test("an unknown member says so, with nothing to retry", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/team/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This member does not exist");
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await expect(page.locator('[data-card="permissions"]')).toHaveCount(0);
  await page.goto("/team/not-an-id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This member does not exist");
});

test("a logged-out visitor on an unknown address is offered the login", async ({ page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the dashboard" })).toHaveCount(0);
});

test("a new role's form comes into view with its name focused, and a system role's name is refused in every language", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles");
  await page.getByRole("button", { name: "New role" }).click();
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();
  for (const taken of ["Cameriere", "Serveur", "Waiter"]) {
    await name.fill(taken);
    await page.getByLabel("View all orders", { exact: true }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-name-error")).toContainText("This is the name of a system role");
  }
  // Checkboxes keep their size however their labels wrap.
  const sizes = await page.locator(".permission-tree input[type=checkbox]").evaluateAll((boxes) =>
    boxes.map((b) => { const r = b.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }));
  expect(new Set(sizes.map((s) => s.join("x")))).toEqual(new Set(["22x22"]));
});

test("counts follow each language's plural, and the colon its spacing", async ({ page, request }) => {
  const owner = await ownerOnPage(page, request);
  await page.goto("/team");
  await expect(page.getByText("1 member", { exact: true })).toBeVisible();
  await addMember(request, owner.tokens, { name: "Carla Cashier", role: "cashier" });
  await page.reload();
  await expect(page.getByText("2 members", { exact: true })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Role: Owner", { exact: true })).toBeVisible();
  await chooseLanguage(page, "fr");
  await expect(page.getByText("Rôle\u00a0: Propriétaire", { exact: true }).or(page.getByText("Rôle : Propriétaire", { exact: true }))).toBeVisible();
  await chooseLanguage(page, "it");
  await page.goto("/team");
  await expect(page.getByText("2 membri", { exact: true })).toBeVisible();
});

test("adding a member whose email has an account says to invite them", async ({ page, request }) => {
  const owner = await ownerOnPage(page, request);
  const other = uniqueEmail("elsewhere");
  await signUp(request, { email: other, restaurant: "Elsewhere" });
  await page.goto("/team");
  await page.getByRole("button", { name: "Add a member" }).click();
  await page.getByRole("tab", { name: "Create directly" }).click();
  await page.getByRole("tabpanel", { name: "Create directly" }).getByLabel("Email", { exact: true }).fill(other);
  await page.getByLabel("Name", { exact: true }).fill("Elsa Where");
  await page.getByLabel("Temporary password").fill(TEMPORARY);
  await page.locator("form").getByRole("button", { name: "Add a member" }).click();
  await expect(page.locator("#field-email-error")).toHaveText("This person already has a Brigade account: they should be invited rather than created.");
  await expect(page.getByText("Log in instead")).toHaveCount(0);
  // Someone already on the team is said to be so.
  await page.getByRole("tabpanel", { name: "Create directly" }).getByLabel("Email", { exact: true }).fill(owner.me.account.email);
  await page.locator("form").getByRole("button", { name: "Add a member" }).click();
  await expect(page.locator("#field-email-error")).toHaveText("This person is already on the team.");
});

test("a save pressed twice is sent once, and confirms with a dismissible toast", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/profile");
  let sent = 0;
  page.on("request", (r) => { if (r.method() === "PATCH" && r.url().endsWith("/api/v1/me")) sent += 1; });
  await page.getByLabel("Name", { exact: true }).fill("Ana Renamed");
  await page.getByRole("button", { name: "Save" }).dblclick();
  const toast = page.locator("[data-toast]").filter({ hasText: "Name saved." });
  await expect(toast).toBeVisible();
  expect(sent).toBe(1);
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toHaveCount(0);
});

test.describe("the phone header", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("keeps the brand, the restaurant's name and the bell; theme and language are in the account menu", async ({ page, request }) => {
    await ownerOnPage(page, request, { restaurant: "Chez Ana" });
    const header = page.locator("header.topbar");
    for (const part of [".brand-mark", ".restaurant-name", ".bell > button", ".account > button"]) {
      await expect(header.locator(part)).toBeInViewport({ ratio: 1 });
    }
    await expect(header.locator(".restaurant-name")).toHaveText("Chez Ana");
    const clipped = await header.locator(".restaurant-name").evaluate((e) => e.scrollWidth > e.clientWidth);
    expect(clipped, "a short name is not ellipsised").toBe(false);
    await expect(header.locator("> .topbar-actions > select, > .topbar-actions > button[aria-label*='theme']")).toHaveCount(0);
    await header.locator(".account > button").click();
    const language = header.locator('.account select[name="language"]');
    await expect(language).toBeInViewport({ ratio: 1 });
    const cut = await language.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
    expect(cut, "the language box is cut").toBe(false);
    await expect(header.getByRole("button", { name: "Switch to the dark theme" })).toBeVisible();
  });

  test("a long restaurant name ellipsises instead of pushing the bell away", async ({ page, request }) => {
    await ownerOnPage(page, request, { restaurant: "La Très Longue Brasserie du Vieux Port de Marseille" });
    const name = page.locator("header .restaurant-name");
    expect(await name.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await expect(page.locator("header .bell > button")).toBeInViewport({ ratio: 1 });
  });

  test("the member page's rows stay within the screen", async ({ page, request }) => {
    const owner = await ownerOnPage(page, request);
    const { id } = await addMember(request, owner.tokens, { name: "Walt Waiter" });
    await page.goto(`/team/${id}`);
    await page.locator('[data-module="orders"] summary').click();
    const rows = page.locator('[data-module="orders"] li.permission-row');
    const count = await rows.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i += 1) {
      const box = await rows.nth(i).boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    const select = await rows.first().locator("select").boundingBox();
    expect(select.height).toBeGreaterThanOrEqual(44);
    await rows.first().locator("select").selectOption("deny");
    await expect(saveBar(page)).toBeInViewport();
  });
});

test("the side menu closes with Escape and gives focus back", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await ownerOnPage(page, request);
  const button = page.getByRole("button", { name: "Navigation", exact: true });
  await button.click();
  const team = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Team" });
  // Opening it puts focus in it; Escape closes it from anywhere.
  await expect(page.locator("#sidebar a").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(team).toBeHidden();
  await expect(button).toBeFocused();
  await button.click();
  await button.focus();
  await page.keyboard.press("Escape");
  await expect(team).toBeHidden();
  // A tap outside closes it too.
  await button.click();
  await expect(team).toBeVisible();
  await page.mouse.click(360, 600);
  await expect(team).toBeHidden();
  void PASSWORD;
});

test("Back with unsaved changes asks first, and staying keeps them", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles/matrix");
  const viewTeam = page.getByRole("switch", { name: "Waiter — View the team" });
  await viewTeam.click();
  await page.goBack();
  const question = page.getByRole("alertdialog");
  await expect(question).toContainText("Some changes are not saved.");
  await question.getByRole("button", { name: "Stay on the page" }).click();
  await expect(page).toHaveURL(/\/roles\/matrix$/);
  await expect(viewTeam).toHaveAttribute("aria-checked", "true");
  await page.goBack();
  await page.getByRole("alertdialog").getByRole("button", { name: "Leave without saving" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello, /);
});

test("after saving, one Back leaves the page", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles/matrix");
  await page.getByRole("switch", { name: "Waiter — View the team" }).click();
  await saveBar(page).getByRole("button", { name: "Save" }).click();
  await expect(saveBar(page)).toContainText("No unsaved changes.");
  await expect(saveBar(page)).toBeFocused();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello, /);
});

test("the matrix says where custom roles are edited", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/roles/matrix");
  await expect(page.locator(".custom-roles-note")).toContainText("Custom roles (0) are edited on the page");
  await page.locator(".custom-roles-note").getByRole("link", { name: "Roles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Roles");
});

test("adding a member starts at the email, and a signed-in 404 keeps the app's frame", async ({ page, request }) => {
  await ownerOnPage(page, request);
  await page.goto("/team");
  await page.getByRole("button", { name: "Add a member" }).click();
  await expect(page.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Email", { exact: true })).toBeFocused();
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();
});
