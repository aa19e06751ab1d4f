// Signing up, logging in and out, staying logged in, and the errors a visitor can meet.
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

test("signing up a restaurant lands on its dashboard", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Restaurant name").fill("Trattoria Bruno");
  await page.getByLabel("Your name").fill("Bruno Rossi");
  await page.getByLabel("Email").fill(uniqueEmail("bruno"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Number of tables").fill("14");
  await page.getByRole("button", { name: "Create the restaurant" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Bruno");
  await expect(page.locator(".restaurant")).toContainText("Trattoria Bruno");
});

test("the form names every invalid field before anything is sent", async ({ page }) => {
  let sent = false;
  await page.route("**/api/v1/auth/signup", (route) => {
    sent = true;
    return route.continue();
  });
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not an email");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Number of tables").fill("0");
  await page.getByRole("button", { name: "Create the restaurant" }).click();

  await expect(page.getByRole("alert")).toHaveText("Some fields need fixing.");
  await expect(page.locator("#field-restaurant_name-error")).toHaveText("This field is required.");
  await expect(page.locator("#field-email-error")).toHaveText("This is not a valid email address.");
  await expect(page.locator("#field-password-error")).toHaveText("At least 8 characters.");
  await expect(page.locator("#field-table_count-error")).toHaveText("Between 1 and 500.");
  await expect(page.getByLabel("Restaurant name")).toBeFocused();
  expect(sent).toBe(false);
});

test("an email that already has an account is told to log in", async ({ page, request }) => {
  const email = uniqueEmail("taken");
  await signUp(request, { email });
  await page.goto("/signup");
  await page.getByLabel("Restaurant name").fill("Second place");
  await page.getByLabel("Your name").fill("Ana Duval");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create the restaurant" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "An account already uses this email. Log in instead.",
  );
});

test("logging out and in again returns to the dashboard", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await logIn(page, email);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();

  await logIn(page, email);
  await expect(page).toHaveURL(/\/$/);
});

test("after logging out, the dashboard asks to log in again", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await logIn(page, email);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  // Logging out removed the refresh token's cookie.
  const cookies = await page.context().cookies();
  expect(cookies.filter((cookie) => cookie.name === "brigade_refresh")).toEqual([]);
});

test("the refresh token is an HttpOnly cookie that no script of the page can read", async ({
  page,
  request,
}) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await logIn(page, email);
  const [refresh] = (await page.context().cookies()).filter(
    (cookie) => cookie.name === "brigade_refresh",
  );
  expect(refresh).toBeDefined();
  expect(refresh.httpOnly).toBe(true);
  expect(refresh.sameSite).toBe("Strict");
  expect(refresh.path).toBe("/api/v1/auth");
  const visible = await page.evaluate(async () => {
    const stored = Object.keys(localStorage).map((key) => localStorage.getItem(key));
    const databases = (await indexedDB.databases()).map((database) => database.name);
    return { cookie: document.cookie, stored, databases };
  });
  expect(visible.cookie).not.toContain(refresh.value);
  for (const value of visible.stored) expect(value).not.toContain(refresh.value);
  expect(visible.databases).not.toContain("brigade");
});

test("the session survives a reload", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email, name: "Ana Duval" });
  await logIn(page, email);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Ana");
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My profile");
});

test("a page opened while logged out comes back after logging in", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login\?next=%2Fprofile$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/profile$/);
});

test("a wrong password shows an error and stays on the login page", async ({ page, request }) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login$/);
});

test("a locked-out account is told when to try again", async ({ page, request }) => {
  const email = uniqueEmail("locked");
  await signUp(request, { email });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    await page.getByLabel("Password").fill(`not the password ${attempt}`);
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText(/^Too many attempts\. Try again in \d+ min\.$/);
});

test("a network failure says the server cannot be reached", async ({ page }) => {
  await page.route("**/api/v1/auth/login", (route) => route.abort("internetdisconnected"));
  await page.goto("/login");
  await page.getByLabel("Email").fill(uniqueEmail("offline"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Cannot reach Brigade. Check your connection and try again.",
  );
});

test("a server failing while the session resumes keeps the login for when it is back", async ({ page, request }) => {
  const email = uniqueEmail("resume");
  await signUp(request, { email });
  await logIn(page, email);
  await page.route("**/api/v1/auth/refresh", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/problem+json",
      body: JSON.stringify({ type: "/problems/unavailable", title: "Unavailable", status: 503, code: "unavailable" }),
    }),
  );
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brigade cannot be reached");
  await page.unroute("**/api/v1/auth/refresh");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
});

test("an address that is no page says so", async ({ page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

test("two tabs reloading at once both stay logged in", async ({ context, request }) => {
  const email = uniqueEmail("tabs");
  await signUp(request, { email, name: "Ana Duval" });
  const first = await context.newPage();
  await logIn(first, email);
  const second = await context.newPage();
  await second.goto("/");
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Hello, Ana");

  // Each reload spends the shared refresh token; spending one twice would end the session.
  for (let round = 0; round < 3; round += 1) {
    await Promise.all([first.reload(), second.reload()]);
    await expect(first.getByRole("heading", { level: 1 })).toHaveText("Hello, Ana");
    await expect(second.getByRole("heading", { level: 1 })).toHaveText("Hello, Ana");
  }
});

test("after logging in, a next address that leaves the app goes to the dashboard", async ({
  page,
  request,
}) => {
  const email = uniqueEmail("ana");
  await signUp(request, { email });
  await page.goto("/login?next=%2Fteam%3Fq%3Dana");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  // A page of the app, with its query, is where the person goes.
  await expect(page).toHaveURL(/\/team\?q=ana$/);
  const origin = new URL(page.url()).origin;
  const payloads = [
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/%20/evil.example",
    "//evil.example",
    "/%2F/evil.example",
    "https://evil.example/",
    "/%5Cevil.example",
    "javascript:alert(1)",
    "/api/v1/me",
    "/login",
    "/nowhere",
  ];
  for (const visitorPage of ["/login", "/signup"]) {
    for (const payload of payloads) {
      await page.goto(`${visitorPage}?next=${payload}`);
      await expect(page, `${visitorPage}?next=${payload}`).toHaveURL(`${origin}/`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello/);
    }
  }
});
