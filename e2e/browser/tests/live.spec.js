// Live notifications and the journal, seen by two people at once: an admin changes a
// member's role in one browser while the owner, in another, is told at once (a toast
// and the bell's count), clears the bell, then finds the change as a sentence in the
// journal and in its CSV export.
import { readFileSync } from "node:fs";
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

const api = (token) => ({ Authorization: `Bearer ${token}` });

/** A member created by the owner through the API, with their own password set. */
async function member(request, owner, { name, role }) {
  const email = uniqueEmail(role);
  const created = await request.post("/api/v1/members", {
    headers: api(owner),
    data: { email, name, temporary_password: "a temporary kitchen phrase", role },
  });
  expect(created.status(), await created.text()).toBe(201);
  const login = await request.post("/api/v1/auth/login", {
    data: { email, password: "a temporary kitchen phrase" },
  });
  const { access_token } = await login.json();
  const changed = await request.post("/api/v1/me/password", {
    headers: api(access_token),
    data: { current_password: "a temporary kitchen phrase", new_password: PASSWORD },
  });
  expect(changed.ok()).toBeTruthy();
  return { email, id: (await created.json()).id };
}

test("a role changed in one browser is a toast, a bell count and a journal sentence in another", async ({ browser, request }) => {
  const ownerEmail = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email: ownerEmail });
  const admin = await member(request, tokens.access_token, { name: "Léa Admin", role: "admin" });
  const paul = await member(request, tokens.access_token, { name: "Paul Waiter", role: "waiter" });

  const ownerContext = await browser.newContext({ acceptDownloads: true });
  const owner = await ownerContext.newPage();
  await logIn(owner, ownerEmail);
  const bell = owner.locator(".bell > button");
  await expect(bell).toHaveAttribute("title", "Notifications");

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await logIn(page, admin.email);
  await page.goto("/team");
  await page.getByRole("link", { name: "Paul Waiter" }).click();
  await page.getByLabel("Primary role").selectOption("chef");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Member saved." })).toBeVisible();

  // The owner is told at once, without reloading.
  const toast = owner.getByRole("status").filter({ hasText: "Léa Admin changed the member Paul Waiter" });
  await expect(toast).toBeVisible();
  await expect(owner.locator(".bell .badge")).toHaveText("1");
  await expect(bell).toHaveAttribute("title", "Notifications (1 unread)");

  // The panel lists it, links to the member, and clears on "Mark all as read".
  await bell.click();
  const item = owner.locator("[data-notification]").first();
  await expect(item).toContainText("Léa Admin changed the member Paul Waiter");
  await expect(item.getByRole("link")).toHaveAttribute("href", `/team/${paul.id}`);
  await owner.getByRole("button", { name: "Mark all as read" }).click();
  await expect(owner.locator(".bell .badge")).toBeHidden();
  await expect(bell).toHaveAttribute("title", "Notifications");
  await owner.keyboard.press("Escape");

  // The journal tells it as a sentence, with who did it and their role.
  await owner.goto("/audit");
  const row = owner.locator('tr[data-action="member.updated"]').first();
  await expect(row).toContainText(/— Léa Admin changed the member Paul Waiter/);
  await expect(row).toContainText("Léa Admin (Admin)");
  await row.getByText("Before / after").click();
  await expect(row.locator(".changes")).toContainText("waiter");
  await expect(row.locator(".changes")).toContainText("chef");

  // Its CSV export holds the same sentence.
  const download = owner.waitForEvent("download");
  await owner.getByRole("button", { name: "Export as CSV" }).click();
  const file = await (await download).path();
  expect(readFileSync(file, "utf8")).toContain("Léa Admin changed the member Paul Waiter");

  // And the chain holds.
  await owner.getByRole("button", { name: "Verify integrity" }).click();
  await expect(owner.locator('[data-chain="intact"]')).toContainText("The log is intact");

  await ownerContext.close();
  await adminContext.close();
});

test("the journal speaks the reader's language and hides session events until asked", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  await signUp(request, { email });
  await logIn(page, email);
  await page.goto("/audit");
  await expect(page.locator('tr[data-action="restaurant.signup"]')).toContainText("Ana Duval created the restaurant Chez Ana");
  await expect(page.locator('tr[data-action="auth.login"]')).toHaveCount(0);
  await page.getByLabel("Security events").check();
  await expect(page.locator('tr[data-action="auth.login"]').first()).toContainText("Ana Duval logged in");
  await page.locator(".account > button").click();
  await page.locator('.account select[name="language"]').selectOption("fr");
  await page.keyboard.press("Escape");
  await expect(page.locator('tr[data-action="restaurant.signup"]')).toContainText("Ana Duval a créé le restaurant Chez Ana");
});
