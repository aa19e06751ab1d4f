// What the browser tests share: the server's address as baseURL, unique people, and
// ways to set the scene through the API (and, until the team API exists, the database).
import { execFileSync } from "node:child_process";
import { test as base, expect } from "@playwright/test";

export { expect };

export const PASSWORD = "a long kitchen phrase";

export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(process.env.BRIGADE_URL);
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
 * Makes an existing account a member of a restaurant with a system role, written
 * straight into the SQLite database (the team API arrives with the team feature).
 */
export function addMembership({ restaurantId, accountId, role }) {
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
  execFileSync("python3", ["-c", script, process.env.BRIGADE_DATABASE, restaurantId, accountId, role]);
}

/** Logs in through the login form and waits for the dashboard. */
export async function logIn(page, email, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
}
