// What the browser tests share. Each Playwright worker starts its own Brigade (the
// real binary, a fresh SQLite database), so tests in different workers share nothing;
// each test also has its own client address (a proxy header the server is told to
// trust), so login throttling never leaks from one test into another. Tests isolate
// themselves further by signing up their own restaurants with unique emails.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import { startBrigade } from "./brigade.js";

export { expect };

export const PASSWORD = "a long kitchen phrase";

/** A client address of the test's own, from its id (10.x.y.z). */
function addressOf(testId) {
  const bytes = createHash("sha256").update(testId).digest();
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2] || 1}`;
}

export const test = base.extend({
  brigade: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const brigade = await startBrigade({ BRIGADE_TRUST_PROXY: "127.0.0.1" });
      await use(brigade);
      await brigade.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ brigade }, use) => {
    await use(brigade.url);
  },
  // eslint-disable-next-line no-empty-pattern
  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ "X-Forwarded-For": addressOf(testInfo.testId) });
  },
});

let counter = 0;
export function uniqueEmail(who) {
  counter += 1;
  const nonce = `${Date.now().toString(36)}${process.pid}${counter}`;
  return `${who}-${nonce}@example.com`;
}

/** Signs a restaurant up through the API; returns its owner's tokens and `/me`. */
export async function signUp(request, { restaurant = "Chez Ana", name = "Ana Duval", email }) {
  const response = await request.post("/api/v1/auth/signup", {
    data: {
      restaurant_name: restaurant,
      owner_name: name,
      email,
      password: PASSWORD,
      table_count: 8,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const tokens = await response.json();
  const me = await request.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  expect(me.status()).toBe(200);
  return { tokens, me: await me.json() };
}

/**
 * Makes an existing account a member of another restaurant with a system role, written
 * straight into the worker's SQLite database: joining a second restaurant needs an
 * invitation, which Brigade does not have yet.
 */
export function addMembership(brigade, { restaurantId, accountId, role }) {
  const script = `
import sqlite3, sys, uuid, datetime
db, tenant, account, role = sys.argv[1:5]
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
with sqlite3.connect(db, timeout=10) as c:
    c.execute(
        "INSERT INTO memberships (id, tenant_id, account_id, role, permission_overrides,"
        " active, last_activity_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, '{}', 1, NULL, ?, ?)",
        (uuid.uuid4().bytes, uuid.UUID(tenant).bytes, uuid.UUID(account).bytes, role, now, now),
    )
`;
  execFileSync("python3", ["-c", script, brigade.databasePath, restaurantId, accountId, role]);
}

/** Logs in through the login form and waits for the dashboard. */
export async function logIn(page, email, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
}

/** Chooses the app's language: from the account menu when signed in, else the switch. */
export async function chooseLanguage(page, lang) {
  const account = page.locator(".account > button");
  if (await account.count()) {
    await account.click();
    await page.locator('.account select[name="language"]').selectOption(lang);
    await page.keyboard.press("Escape");
  } else {
    await page.locator('select[name="language"]').selectOption(lang);
  }
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

/**
 * The secret of the latest link of one kind (`invitation`, `password_reset`,
 * `verify_email`) the worker's Brigade put in its outbox for `recipient`: without a
 * mail service the message stays there, as it does on a laptop.
 */
export function linkSecret(brigade, recipient, kind) {
  const script = `
import sqlite3, sys, re
db, recipient, kind = sys.argv[1:4]
with sqlite3.connect(db, timeout=10) as c:
    row = c.execute(
        "SELECT text FROM mail_outbox WHERE recipient = ? AND kind = ? ORDER BY created_at DESC LIMIT 1",
        (recipient, kind),
    ).fetchone()
match = re.search(r"token=([A-Za-z0-9_-]+)", row[0] if row else "")
print(match.group(1) if match else "")
`;
  const secret = execFileSync("python3", ["-c", script, brigade.databasePath, recipient, kind])
    .toString()
    .trim();
  expect(secret, `a ${kind} link for ${recipient} in the outbox`).toHaveLength(64);
  return secret;
}
