// Every member's profile: their name, their password, their last activity.
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

test("renaming oneself shows the new name across the app", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email, name: "Ana Duval" });
  await logIn(page, email);
  await page.goto("/profile");
  await page.getByLabel("Name", { exact: true }).fill("Anabelle Duval");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Name saved." })).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Anabelle");
});

test("an empty name is refused at the field", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/profile");
  await page.getByLabel("Name", { exact: true }).fill("   ");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#field-name-error")).toHaveText("This field is required.");
});

test("the profile shows the last activity", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  const { tokens } = await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/profile");
  const shown = page.locator('[data-field="last_activity"]');
  // Activity was recorded by the sign-up itself: the page shows that moment, written
  // as the browser writes it in English (whatever the month's abbreviation).
  const me = await (await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json();
  const expected = await page.evaluate(
    (at) => new Date(at).toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" }),
    me.last_activity_at,
  );
  await expect(shown).toHaveText(expected);
});

test("changing the password signs the other session out and the new one works", async ({ browser, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  const here = await browser.newPage();
  const elsewhere = await browser.newPage();
  await logIn(here, email);
  await logIn(elsewhere, email);

  const newPassword = "another long kitchen phrase";
  await here.goto("/profile");
  await here.getByLabel("Current password").fill(PASSWORD);
  await here.getByLabel("New password", { exact: true }).fill(newPassword);
  await here.getByLabel("Confirm the new password").fill(newPassword);
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();

  // This session stays; the other one is over at its next request.
  await here.reload();
  await expect(here.getByRole("heading", { level: 1 })).toHaveText("My profile");
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login/);

  await elsewhere.getByLabel("Email").fill(email);
  await elsewhere.getByLabel("Password").fill(PASSWORD);
  await elsewhere.getByRole("button", { name: "Log in" }).click();
  await expect(elsewhere.getByRole("alert")).toHaveText("Wrong email or password.");
  await logIn(elsewhere, email, newPassword);
});

test("a wrong current password is refused at its field", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/profile");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("another long kitchen phrase");
  await page.getByLabel("Confirm the new password").fill("another long kitchen phrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#field-current_password-error")).toHaveText("The current password is wrong.");
});

test("a confirmation that differs is refused before sending", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/profile");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("another long kitchen phrase");
  await page.getByLabel("Confirm the new password").fill("another long kitchen phrasE");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#field-confirm_password-error")).toHaveText("The two passwords do not match.");
});
