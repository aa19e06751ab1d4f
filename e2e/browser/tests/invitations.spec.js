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
  await expect(dialog.getByLabel("Email", { exact: true })).toBeFocused();
  await dialog.getByLabel("Email", { exact: true }).fill(email);
  await dialog.getByLabel("Primary role").selectOption(role);
  await dialog.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await expect(dialog).toHaveCount(0);
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
  await row.getByRole("button", { name: "Cancel the invitation" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Cancel the invitation of ${email}?`);
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
  expect(again.status()).toBe(410);
});
