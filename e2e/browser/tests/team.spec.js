// Managing the team: custom roles, members, the matrix, personal overrides and the
// explanation of each permission, seen through the owner's and the member's browsers.
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

const sidebar = (page) => page.getByRole("navigation", { name: "Main navigation" });
const TEMPORARY = "a temporary kitchen phrase";

/** The owner creates the custom role "Barman" with a few codes, through the roles page. */
async function createBarman(page) {
  await page.goto("/roles");
  await page.getByRole("button", { name: "New role" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Barman");
  await page.getByLabel("Description").fill("Drinks at the bar");
  for (const label of ["View all orders", "Create orders", "View staff"]) {
    await page.getByLabel(label, { exact: true }).check();
  }
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role saved." })).toBeVisible();
  await expect(page.locator('[data-role="Barman"]')).toContainText("3 permission(s)");
}

/** The owner adds a member through the team page; returns their email. */
async function addMember(page, { name, role = "waiter", barman = false }) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "-"));
  await page.goto("/team");
  await page.getByRole("button", { name: "Add a member" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Temporary password").fill(TEMPORARY);
  await page.getByLabel("Primary role").selectOption(role);
  if (barman) await page.getByLabel("Barman").check();
  await page.locator("form").getByRole("button", { name: "Add a member" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Member added." })).toBeVisible();
  return email;
}

/** A new member's first login: the temporary password, then their own. */
async function firstLogin(page, email) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEMPORARY);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await page.getByLabel("Current password").fill(TEMPORARY);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
}

async function openMember(page, name) {
  await page.goto("/team");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("a member created with the Barman role sees exactly what it allows", async ({ browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  const owner = await browser.newPage();
  await logIn(owner, ownerEmail);
  await createBarman(owner);
  const email = await addMember(owner, { name: "Bruno Bar", barman: true });
  await expect(owner.getByRole("table")).toContainText("Bruno Bar");
  await expect(owner.getByRole("table")).toContainText("Barman");

  const barman = await browser.newPage();
  await firstLogin(barman, email);
  // Waiter defaults do not include the team; Barman adds "View staff".
  await expect(sidebar(barman).getByRole("link")).toHaveText([/Dashboard$/, /Team$/, /My profile$/]);
  await expect(barman.locator('[data-module="staff"]')).toContainText("1 permission(s)");
  await barman.goto("/roles");
  await expect(barman.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
});

test("the matrix changes a role on the member's next page load, and restore defaults undoes it", async ({ browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  const owner = await browser.newPage();
  await logIn(owner, ownerEmail);
  const email = await addMember(owner, { name: "Walt Waiter" });
  const waiter = await browser.newPage();
  await firstLogin(waiter, email);
  await expect(sidebar(waiter).getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(sidebar(waiter).getByRole("link", { name: "Team" })).toHaveCount(0);

  await owner.goto("/roles/matrix");
  const viewTeam = owner.getByRole("switch", { name: "Waiter — View the team" });
  await expect(viewTeam).toHaveAttribute("aria-checked", "false");
  await viewTeam.click();
  await expect(viewTeam).toHaveAttribute("aria-checked", "true");
  const waiterRow = owner.locator('tr[data-role="waiter"]');
  await waiterRow.getByRole("button", { name: "Save" }).click();
  await expect(waiterRow).toContainText("customised");
  await expect(owner.locator('tr[data-role="owner"]')).toHaveAttribute("aria-disabled", "true");

  await waiter.reload();
  await expect(sidebar(waiter).getByRole("link", { name: "Team" })).toBeVisible();

  await waiterRow.getByRole("button", { name: "Restore defaults" }).click();
  await expect(viewTeam).toHaveAttribute("aria-checked", "false");
  await expect(waiterRow).not.toContainText("customised");
  await waiter.reload();
  await expect(sidebar(waiter).getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(sidebar(waiter).getByRole("link", { name: "Team" })).toHaveCount(0);
});

test("a personal deny removes one permission from one person only, and the explanation says why", async ({ browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  const owner = await browser.newPage();
  await logIn(owner, ownerEmail);
  await createBarman(owner);
  const firstEmail = await addMember(owner, { name: "Bea Bar", barman: true });
  const secondEmail = await addMember(owner, { name: "Ben Bar", barman: true });

  await openMember(owner, "Bea Bar");
  const row = owner.locator('tr[data-code="staff.view"]');
  await expect(row.locator(".why")).toHaveText("Barman role");
  await expect(row).toContainText("Granted");
  await row.getByRole("combobox").selectOption("deny");
  await owner.getByRole("button", { name: "Save the permissions" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(row.locator(".why")).toHaveText("personal override");
  await expect(row).toContainText("Denied");

  const bea = await browser.newPage();
  await firstLogin(bea, firstEmail);
  await expect(sidebar(bea).getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(sidebar(bea).getByRole("link", { name: "Team" })).toHaveCount(0);
  const ben = await browser.newPage();
  await firstLogin(ben, secondEmail);
  await expect(sidebar(ben).getByRole("link", { name: "Team" })).toBeVisible();
});

test("deactivating a member ends their session at once", async ({ browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  const owner = await browser.newPage();
  await logIn(owner, ownerEmail);
  const email = await addMember(owner, { name: "Dora Deact" });
  const member = await browser.newPage();
  await firstLogin(member, email);

  await openMember(owner, "Dora Deact");
  await owner.getByRole("button", { name: "Deactivate" }).click();
  await expect(owner.getByRole("alertdialog")).toContainText("Deactivate Dora Deact?");
  await owner.getByRole("button", { name: "Confirm" }).click();
  await expect(owner.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await member.reload();
  await expect(member).toHaveURL(/\/login/);
});
