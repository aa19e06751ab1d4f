// Inviting by email and getting back into an account, end to end: the link is taken
// from the outbox (no mail service is configured, as on a laptop) and followed in a
// fresh browser, as the person who received it would.
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn, linkSecret } from "../support/fixtures.js";

const sidebar = (page) => page.getByRole("navigation", { name: "Main navigation" });

/** The owner invites `email` as `role` from the team page's dialog. */
async function invite(page, email, role) {
  await page.goto("/team");
  await page.getByRole("button", { name: "Add a member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a member" });
  await expect(dialog.getByRole("tab", { name: "Invite by email" })).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Email", { exact: true })).toBeFocused();
  await dialog.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Email", { exact: true }).fill(email);
  await dialog.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Primary role").selectOption(role);
  await dialog.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add a member" })).toBeFocused();
}

test("a new person accepts an invitation and lands in the restaurant with the invited role", async ({ page, browser, request, brigade }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail, restaurant: "Chez Ana" });
  await logIn(page, ownerEmail);
  const chefEmail = uniqueEmail("chef");
  await invite(page, chefEmail, "chef");
  const row = page.locator(`tr[data-invitation="${chefEmail}"]`);
  await expect(row).toContainText("Chef");
  await expect(row).toContainText("Ana Duval");

  const secret = linkSecret(brigade, chefEmail, "invitation");
  const guest = await browser.newContext();
  const chef = await guest.newPage();
  await chef.goto(`/auth/accept-invite?token=${secret}`);
  await expect(chef.locator('[data-field="invitation-lead"]')).toHaveText("Ana Duval invites you to join Chez Ana as Chef.");
  await chef.getByLabel("Name", { exact: true }).fill("Paul Martin");
  await chef.getByLabel("Password").fill(PASSWORD);
  await chef.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(chef.getByRole("heading", { level: 1, name: "Hello, Paul" })).toBeVisible();
  // A chef's permissions: the kitchen's, not the team's.
  await expect(sidebar(chef).getByRole("link", { name: "Team" })).toHaveCount(0);
  await expect(chef.getByText(/Role: Chef/)).toBeVisible();
  await guest.close();

  // The owner's list no longer shows it; the team does.
  await page.goto("/team");
  await expect(page.locator(`tr[data-invitation="${chefEmail}"]`)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Paul Martin" })).toBeVisible();
});

test("a cancelled invitation leaves the list and its link says so, with whom to contact", async ({ page, browser, request, brigade }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail, restaurant: "Chez Ana" });
  await logIn(page, ownerEmail);
  const email = uniqueEmail("waiter");
  await invite(page, email, "waiter");
  const secret = linkSecret(brigade, email, "invitation");
  const row = page.locator(`tr[data-invitation="${email}"]`);
  await row.getByRole("button", { name: `Cancel the invitation to ${email}` }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Cancel the invitation to ${email}?`);
  await confirm.getByRole("button", { name: "Cancel the invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation cancelled" })).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  const guest = await browser.newContext();
  const visitor = await guest.newPage();
  await visitor.goto(`/auth/accept-invite?token=${secret}`);
  await expect(visitor.getByRole("alert")).toContainText("The restaurant cancelled this invitation.");
  await expect(visitor.getByText("Ana Duval runs Chez Ana: ask them for a new invitation.")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Contact the owner" })).toHaveAttribute("href", `mailto:${ownerEmail}`);
  await guest.close();
});

test("a forgotten password is reset by email, and the old sessions end", async ({ page, browser, request, brigade }) => {
  const email = uniqueEmail("forgetful");
  await signUp(request, { email });
  // A session left open elsewhere.
  await logIn(page, email);

  const guest = await browser.newContext();
  const visitor = await guest.newPage();
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot your password?" }).click();
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Send the link" }).click();
  await expect(visitor.locator('[data-state="reset-sent"]')).toBeVisible();

  const secret = linkSecret(brigade, email, "password_reset");
  const fresh = "a brand new kitchen phrase";
  await visitor.goto(`/auth/reset-password?token=${secret}`);
  await visitor.getByLabel("New password", { exact: true }).fill(fresh);
  await visitor.getByLabel("Confirm the new password").fill(fresh);
  await visitor.getByRole("button", { name: "Change the password" }).click();
  await expect(visitor.locator('[data-state="reset-done"]')).toBeVisible();
  await logIn(visitor, email, fresh);
  await guest.close();

  // The session left open is over: the next page it asks for sends it to log in.
  await page.goto("/profile");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  // The link worked once.
  const again = await request.post("/api/v1/auth/password-reset/complete", { data: { token: secret, password: "yet another phrase" } });
  expect(again.status()).toBe(404);
});

test("a resent invitation replaces the link it was first sent with", async ({ page, browser, request, brigade }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail, restaurant: "Chez Ana" });
  await logIn(page, ownerEmail);
  const email = uniqueEmail("cashier");
  await invite(page, email, "cashier");
  const first = linkSecret(brigade, email, "invitation");
  await page.locator(`tr[data-invitation="${email}"]`).getByRole("button", { name: `Resend the invitation to ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "the previous one no longer works" })).toBeVisible();
  const second = linkSecret(brigade, email, "invitation");
  expect(second).not.toBe(first);

  const guest = await browser.newContext();
  const visitor = await guest.newPage();
  await visitor.goto(`/auth/accept-invite?token=${first}`);
  await expect(visitor.getByRole("alert")).toContainText("This invitation link is not valid");
  await visitor.goto(`/auth/accept-invite?token=${second}`);
  await expect(visitor.getByRole("button", { name: "Accept the invitation" })).toBeVisible();
  await guest.close();
});

test("from the profile, a person proves their email and leaves a restaurant they were added to", async ({ page, request, brigade }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail, restaurant: "Chez Ana" });
  const personEmail = uniqueEmail("person");
  await signUp(request, { email: personEmail, restaurant: "Da Mario", name: "Mario Rossi" });
  // Mario proves his email with the link sign-up sent him.
  await logIn(page, personEmail);
  await page.goto(`/auth/verify-email?token=${linkSecret(brigade, personEmail, "verify_email")}`);
  const proven = "a proven kitchen phrase";
  await page.getByLabel("New password", { exact: true }).fill(proven);
  await page.getByLabel("Confirm the new password").fill(proven);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.locator('[data-state="verified"]')).toBeVisible();
  // The proof ended every session: Mario logs in with the password only he knows.
  await logIn(page, personEmail, proven);
  await page.goto("/profile");
  await expect(page.locator('[data-card="email"]')).toContainText("Address confirmed");

  // Ana invites him: with a proven account he joins at once.
  const owner = await page.context().browser().newContext();
  const ana = await owner.newPage();
  await logIn(ana, ownerEmail);
  await ana.goto("/team");
  await ana.getByRole("button", { name: "Add a member" }).click();
  const dialog = ana.getByRole("dialog", { name: "Add a member" });
  await dialog.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Email", { exact: true }).fill(personEmail);
  await dialog.getByRole("button", { name: "Send the invitation" }).click();
  await expect(ana.getByRole("status").filter({ hasText: "they are now on the team" })).toBeVisible();
  await expect(ana.getByRole("link", { name: "Mario Rossi" })).toBeVisible();
  await owner.close();

  await page.reload();
  const chezAna = page.locator('[data-restaurant="Chez Ana"]');
  await expect(chezAna).toContainText("Waiter");
  await expect(page.locator('[data-restaurant="Da Mario"]')).toContainText("Owner: transfer ownership to leave");
  await chezAna.getByRole("button", { name: "Leave" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Leave" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You left Chez Ana" })).toBeVisible();
  await expect(chezAna).toHaveCount(0);
});

test("the owner gives a member a temporary password, shown once, which the member must replace", async ({ page, browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email: ownerEmail });
  const waiterEmail = uniqueEmail("waiter");
  const created = await request.post("/api/v1/members", {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
    data: { email: waiterEmail, name: "Wanda Waiter", temporary_password: "a first kitchen phrase", role: "waiter" },
  });
  expect(created.status()).toBe(201);
  await logIn(page, ownerEmail);
  await page.goto("/team");
  await page.getByRole("link", { name: "Wanda Waiter" }).click();
  await page.getByRole("button", { name: "Reset the password" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Give Wanda Waiter a new temporary password?");
  await confirm.getByRole("button", { name: "Reset the password" }).click();
  const shown = page.locator('[data-field="temporary-password"]');
  await expect(shown).toHaveText(/^[A-Za-z0-9]{16}$/);
  const temporary = await shown.textContent();

  const guest = await browser.newContext();
  const wanda = await guest.newPage();
  await wanda.goto("/login");
  await wanda.getByLabel("Email").fill(waiterEmail);
  await wanda.getByLabel("Password").fill(temporary);
  await wanda.getByRole("button", { name: "Log in" }).click();
  await expect(wanda.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await guest.close();
});

test("the add-member dialog keeps what was typed across its tabs, moves between them by keyboard and gives focus back", async ({ page, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  await logIn(page, ownerEmail);
  await page.goto("/team");
  await page.getByRole("button", { name: "Add a member" }).click();
  const invite = page.getByRole("tabpanel", { name: "Invite by email" }).getByLabel("Email", { exact: true });
  await expect(invite).toBeFocused();
  await invite.fill("kept@example.com");
  await page.getByRole("tab", { name: "Invite by email" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Create directly" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Create directly" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(page.getByRole("tab", { name: "Invite by email" })).toHaveAttribute("aria-selected", "true");
  await expect(invite).toHaveValue("kept@example.com");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add a member" })).toBeFocused();
});

test("when the pending invitations cannot be loaded, the team still shows and the section offers a retry", async ({ page, request }) => {
  const ownerEmail = uniqueEmail("owner");
  await signUp(request, { email: ownerEmail });
  await logIn(page, ownerEmail);
  let fail = true;
  await page.route("**/api/v1/invitations?**", (route) => (fail ? route.fulfill({ status: 500, body: "" }) : route.continue()));
  await page.goto("/team");
  await expect(page.getByRole("link", { name: "Ana Duval" })).toBeVisible();
  const section = page.locator('[data-section="invitations"]');
  await expect(section.getByRole("alert")).toBeVisible();
  fail = false;
  await section.getByRole("button", { name: "Try again" }).click();
  await expect(section.getByText("No pending invitations.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ana Duval" })).toBeVisible();
});
