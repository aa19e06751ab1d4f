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
  for (const label of ["View all orders", "Create orders", "View the team"]) {
    await page.getByLabel(label, { exact: true }).check();
  }
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role created." })).toBeVisible();
  await expect(page.locator('[data-role="Barman"]')).toContainText("3 permissions");
}

/** The owner adds a member through the team page; returns their email. */
async function addMember(page, { name, role = "waiter", barman = false }) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "-"));
  await page.goto("/team");
  await page.getByRole("button", { name: "Add a member" }).click();
  await page.getByRole("tab", { name: "Create directly" }).click();
  const panel = page.getByRole("tabpanel", { name: "Create directly" });
  await panel.getByLabel("Email", { exact: true }).fill(email);
  await panel.getByLabel("Name", { exact: true }).fill(name);
  await panel.getByLabel("Temporary password").fill(TEMPORARY);
  await panel.getByLabel("Primary role").selectOption(role);
  if (barman) await panel.getByLabel("Barman").check();
  await panel.getByRole("button", { name: "Add a member" }).click();
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
  // Waiter defaults do not include the team; Barman adds "View the team".
  await expect(sidebar(barman).getByRole("link")).toHaveText([/Dashboard$/, /Service grid$/, /Menu$/, /Team$/, /My profile$/]);
  await expect(barman.locator('[data-module="staff"]')).toContainText("1 permission");
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
  const saveBar = owner.getByRole("region", { name: "Unsaved changes" });
  // The group is two codes.
  await expect(saveBar).toContainText("Waiter: 3 permissions changed");
  await saveBar.getByRole("button", { name: "Save" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Role permissions saved." })).toBeVisible();
  await expect(waiterRow).toContainText("customised");
  await expect(owner.locator('tr[data-role="owner"]')).toHaveAttribute("aria-disabled", "true");

  await waiter.reload();
  await expect(sidebar(waiter).getByRole("link", { name: "Team" })).toBeVisible();

  await waiterRow.getByRole("button", { name: "Restore defaults" }).click();
  await expect(viewTeam).toHaveAttribute("aria-checked", "false");
  await saveBar.getByRole("button", { name: "Save" }).click();
  await expect(saveBar).toContainText("No unsaved changes.");
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
  await owner.locator('[data-module="staff"] summary').click();
  const row = owner.locator('li[data-code="staff.view"]');
  await expect(row.locator(".why")).toHaveText("From the role Barman");
  await expect(row).toContainText("Granted");
  // The row says what the choice does before anything is saved.
  await row.getByRole("combobox").selectOption("deny");
  await expect(row.locator(".why")).toHaveText("Personal settingWithout it: From the role Barman");
  await expect(row).toContainText("Denied");
  await owner.getByRole("region", { name: "Unsaved changes" }).getByRole("button", { name: "Save the permissions" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "The person's permissions are saved." })).toBeVisible();
  await expect(row.locator(".why")).toContainText("Personal setting");
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
  // From the keyboard: the question takes focus on "Cancel", Escape gives it back.
  const deactivate = owner.getByRole("button", { name: "Deactivate" });
  await deactivate.click();
  await expect(owner.getByRole("alertdialog")).toContainText("Deactivate Dora Deact?");
  await expect(owner.getByRole("button", { name: "Cancel" })).toBeFocused();
  await owner.keyboard.press("Escape");
  await expect(owner.getByRole("alertdialog")).toHaveCount(0);
  await expect(deactivate).toBeFocused();
  await deactivate.click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(owner.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await member.reload();
  await expect(member).toHaveURL(/\/login/);
  await expect(member.getByRole("status")).toContainText("Your session has ended");
});

test("a role its members hold is deleted only once they have somewhere to go, and where they went can be undone", async ({ page, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  await logIn(page, ownerEmail);
  await createBarman(page);
  await addMember(page, { name: "Bob Bar", barman: true });

  await page.goto("/roles");
  const card = page.locator('[data-role="Barman"]');
  await expect(card).toContainText("1 member");
  await card.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Its member moves to:");
  await dialog.getByRole("combobox").selectOption("cashier");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role deleted." })).toBeVisible();
  await expect(page.locator('[data-role="Barman"]')).toHaveCount(0);

  await page.goto("/team");
  const row = page.getByRole("row").filter({ hasText: "Bob Bar" });
  await expect(row).toContainText("Cashier");
  await expect(row).not.toContainText("Barman");

  // The role they moved to is held on top of their primary role, and can be taken away.
  await openMember(page, "Bob Bar");
  const additional = page.getByRole("group", { name: "Additional roles" });
  await expect(additional.getByLabel("Cashier")).toBeChecked();
  await additional.getByLabel("Cashier").uncheck();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Member saved." })).toBeVisible();
  await page.goto("/team");
  await expect(page.getByRole("row").filter({ hasText: "Bob Bar" })).not.toContainText("Cashier");
});

test("a custom role can start from the employee template", async ({ page, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  await logIn(page, ownerEmail);
  await page.goto("/roles");
  await page.getByRole("button", { name: "New role" }).click();
  await page.getByLabel("Start from").selectOption("employee");
  const checked = await page.locator('.permission-tree input[name="permissions"]:checked').evaluateAll((boxes) => boxes.map((b) => b.value));
  expect(checked.sort()).toEqual(
    ["customers.view", "products.create", "products.edit", "products.view", "reservations.create", "reservations.edit", "reservations.view"],
  );
  await expect(page.locator("#module-reservations")).toHaveJSProperty("indeterminate", true);
});

test("a role named like a system role is refused at its name, saying why", async ({ page, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  await logIn(page, ownerEmail);
  await createBarman(page);
  await page.getByRole("button", { name: "New role" }).click();
  const name = page.getByLabel("Name", { exact: true });
  for (const [taken, why] of [
    ["Cameriere", "This is the name of a system role in French, English or Italian"],
    ["barman", "Another role of this restaurant already has this name."],
  ]) {
    await name.fill(taken);
    await page.getByLabel("View all orders", { exact: true }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-name-error")).toContainText(why);
    await expect(name).toBeFocused();
  }
});

test("the team is searched and filtered by role and status", async ({ page, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail, name: "Olga Owner" });
  await logIn(page, ownerEmail);
  await addMember(page, { name: "Carla Cashier", role: "cashier" });
  await addMember(page, { name: "Charles Chef", role: "chef" });
  const table = page.getByRole("table");

  await page.getByRole("searchbox").fill("carla");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Carla Cashier");
  await page.getByRole("searchbox").fill("");
  await page.locator("#member-role").selectOption("chef");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Charles Chef");
  await page.locator("#member-role").selectOption("");
  await page.locator("#member-status").selectOption("false");
  await expect(page.getByText("No member matches.")).toBeVisible();
});

test("a removed member leaves the team and an admin can be made owner", async ({ browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail, name: "Olga Owner" });
  const owner = await browser.newPage();
  await logIn(owner, ownerEmail);
  const goneEmail = await addMember(owner, { name: "Gil Gone" });
  await addMember(owner, { name: "Ada Admin", role: "admin" });

  await openMember(owner, "Gil Gone");
  await owner.getByRole("button", { name: "Remove from the team" }).click();
  await expect(owner.getByRole("alertdialog")).toContainText("Their account is kept.");
  await owner.getByRole("alertdialog").getByRole("button", { name: "Remove from the team" }).click();
  await expect(owner).toHaveURL(/\/team$/);
  await expect(owner.getByRole("table")).not.toContainText("Gil Gone");
  const gone = await browser.newPage();
  await gone.goto("/login");
  await gone.getByLabel("Email").fill(goneEmail);
  await gone.getByLabel("Password").fill(TEMPORARY);
  await gone.getByRole("button", { name: "Log in" }).click();
  await expect(gone.getByRole("alert")).toHaveText("This account is no longer an active member of this restaurant.");

  await openMember(owner, "Ada Admin");
  await owner.getByRole("button", { name: "Transfer ownership" }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Transfer ownership" }).click();
  await expect(owner.locator(".lead")).toContainText("Owner");
  await owner.goto("/");
  await expect(owner.getByText("Role: Admin")).toBeVisible();
  await expect(sidebar(owner).getByRole("link", { name: "Permission matrix" })).toHaveCount(0);
});
