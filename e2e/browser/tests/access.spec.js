// What each person sees: the sidebar shows only what they may use, and a page they
// may not use says so instead of showing anything of it.
import { test, expect, uniqueEmail, signUp, addMembership, logIn } from "../support/fixtures.js";

const sidebar = (page) => page.getByRole("navigation", { name: "Main navigation" });

test("the owner sees the admin sections", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  await signUp(request, { email });
  await logIn(page, email);
  await expect(sidebar(page).getByRole("link")).toHaveText([/Dashboard$/, /Getting started$/, /Service grid$/, /Menu$/, /Stock$/, /Team$/, /Roles$/, /Permission matrix$/, /Establishment$/, /Tables$/, /QR codes$/, /Activity log$/, /My profile$/]);
  await sidebar(page).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("table")).toContainText(email);
});

test("a waiter sees no admin sections and is not allowed on their addresses", async ({ page, request, brigade }) => {
  const owner = await signUp(request, { email: uniqueEmail("owner"), restaurant: "Chez Ana" });
  // The waiter also runs a place of their own, so they arrive there and switch.
  const waiterEmail = uniqueEmail("waiter");
  const waiter = await signUp(request, { email: waiterEmail, name: "Walt Waiter", restaurant: "Walt's Diner" });
  addMembership(brigade, {
    restaurantId: owner.me.active_restaurant_id,
    accountId: waiter.me.account.id,
    role: "waiter",
  });

  await logIn(page, waiterEmail);
  await page.getByLabel("Switch restaurant").selectOption({ label: "Chez Ana" });
  await expect(page.getByLabel("Switch restaurant")).toHaveValue(owner.me.active_restaurant_id);
  await expect(page.getByText("Role: Waiter")).toBeVisible();

  await expect(sidebar(page).getByRole("link")).toHaveText([/Dashboard$/, /Service grid$/, /Menu$/, /My profile$/]);
  await expect(page.locator('[data-page="dashboard"]')).not.toContainText("Team");

  for (const path of ["/team", "/roles", "/roles/matrix", "/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  // Back in their own restaurant, where they are the owner, the sections return.
  await page.goto("/");
  await page.getByLabel("Switch restaurant").selectOption({ label: "Walt's Diner" });
  await expect(sidebar(page).getByRole("link", { name: "Team" })).toBeVisible();
});

test("the forbidden page never flashes while the session loads", async ({ page, request, brigade }) => {
  const owner = await signUp(request, { email: uniqueEmail("owner") });
  const waiterEmail = uniqueEmail("waiter");
  const waiter = await signUp(request, { email: waiterEmail });
  addMembership(brigade, { restaurantId: owner.me.active_restaurant_id, accountId: waiter.me.account.id, role: "waiter" });
  await logIn(page, waiterEmail);
  await page.getByLabel("Switch restaurant").selectOption(owner.me.active_restaurant_id);
  await expect(sidebar(page).getByRole("link")).toHaveCount(4);

  // Hold the session's `/me` back, to look at the page while it is still loading.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let heldOnce = false;
  await page.route("**/api/v1/me", async (route) => {
    heldOnce = true;
    await held;
    await route.continue();
  });
  // Record every request to the members list: the page must not even ask.
  const asked = [];
  page.on("request", (r) => r.url().includes("/api/v1/members") && asked.push(r.url()));
  await page.goto("/team");
  await expect.poll(() => heldOnce).toBe(true);
  // Loading: the splash, and neither the page nor its refusal.
  await expect(page.locator(".splash[role=status]")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  release();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  expect(asked).toEqual([]);
});
