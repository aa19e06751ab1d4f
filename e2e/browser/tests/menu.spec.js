// The menu and its stock as a restaurant uses them: a category and a product with
// variants and a modifier group made in the editor, a picture uploaded, the order
// changed by dragging and by the keyboard (and kept after a reload), an item marked
// unavailable, a restock, a low-stock alert reaching another member as a toast, and
// the guests' table page showing the menu on a phone.
import zlib from "node:zlib";
import { test, expect, PASSWORD, uniqueEmail, signUp, logIn } from "../support/fixtures.js";

const api = (token) => ({ Authorization: `Bearer ${token}` });
const toast = (page, text) => page.getByRole("status").filter({ hasText: text });

/** A restaurant whose owner is logged in; returns the owner's access token. */
async function owner(page, request) {
  const email = uniqueEmail("owner");
  const { tokens } = await signUp(request, { email });
  await logIn(page, email);
  return tokens.access_token;
}

async function post(request, token, path, data, status = 201) {
  const response = await request.post(`/api/v1${path}`, { headers: api(token), data });
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

async function put(request, token, path, data) {
  const response = await request.put(`/api/v1${path}`, { headers: api(token), data });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** Creates categories, each with products ([name, price in cents]), through the API. */
async function menu(request, token, categories) {
  const made = {};
  for (const [name, products] of categories) {
    const category = await post(request, token, "/menu/categories", { name });
    made[name] = { category, products: {} };
    for (const [product, price] of products) {
      made[name].products[product] = await post(request, token, "/menu/products", { category_id: category.id, name: product, price });
    }
  }
  return made;
}

/** A small PNG, written by hand: `size` × `size` pixels of one colour. */
function png(size = 8, [r, g, b] = [200, 80, 40]) {
  const crc32 = (bytes) => {
    let crc = ~0;
    for (const byte of bytes) {
      crc ^= byte;
      for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ~crc >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const categoryNames = (page) => page.locator(".category-list .zone-name");
const productNames = (page) => page.locator(".products-table .product-name");

test("a category and a product with two sizes and a modifier group are made in the editor", async ({ page, request }) => {
  const token = await owner(page, request);
  await page.goto("/menu");
  await expect(page.getByText("No categories yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add a category" }).click();
  await page.getByLabel("Category name").fill("Boissons chaudes");
  await page.getByRole("button", { name: "Create the category" }).click();
  await expect(toast(page, "Category created")).toBeVisible();
  await expect(categoryNames(page)).toHaveText(["Boissons chaudes"]);

  await page.getByRole("button", { name: "Add a product" }).click();
  const dialog = page.getByRole("dialog", { name: "New product" });
  await dialog.getByLabel("Name", { exact: true }).fill("Cappuccino");
  await dialog.getByLabel("Tax rate (%)").fill("5.5");
  await dialog.getByLabel("Milk").check();
  await dialog.getByLabel("Station").selectOption("bar");
  const variants = dialog.locator(".variant-row");
  await variants.nth(0).getByLabel("Variant").fill("25 cl");
  await variants.nth(0).getByLabel("Price").fill("3.50");
  await dialog.getByRole("button", { name: "Add a variant" }).click();
  await variants.nth(1).getByLabel("Variant").fill("50 cl");
  await variants.nth(1).getByLabel("Price").fill("4,50");
  await dialog.getByRole("button", { name: "Add a modifier group" }).click();
  const group = dialog.locator(".modifier-group");
  await group.getByLabel("Group name").fill("Lait");
  await group.getByLabel("Maximum").fill("1");
  await group.locator(".option-row").nth(0).getByLabel("Option").fill("Avoine");
  await group.locator(".option-row").nth(0).getByLabel("Price change").fill("0.40");
  await group.getByRole("button", { name: "Add an option" }).click();
  await group.locator(".option-row").nth(1).getByLabel("Option").fill("Soja");
  await group.locator(".option-row").nth(1).getByLabel("Price change").fill("0,30");
  await dialog.getByRole("button", { name: "Create the product" }).click();
  await expect(toast(page, "Product created")).toBeVisible();
  await expect(dialog).toBeHidden();

  const row = page.locator('tr[data-product="Cappuccino"]');
  await expect(row.locator(".price-line")).toHaveText(["25 cl €3.50", "50 cl €4.50"]);
  await expect(row).toContainText("Milk");
  await expect(row).toContainText("Bar");

  // Exactly the minor units typed, whatever the decimal separator.
  const products = await (await request.get("/api/v1/menu/products", { headers: api(token) })).json();
  expect(products).toHaveLength(1);
  expect(products[0].tax_rate).toBe(550);
  expect(products[0].variants.map((v) => [v.name, v.price])).toEqual([["25 cl", 350], ["50 cl", 450]]);
  expect(products[0].modifier_groups[0].name).toBe("Lait");
  expect(products[0].modifier_groups[0].options.map((o) => [o.name, o.price_delta])).toEqual([["Avoine", 40], ["Soja", 30]]);
});

test("a product's picture is uploaded, shown as a thumbnail and removed", async ({ page, request }) => {
  const token = await owner(page, request);
  await menu(request, token, [["Desserts", [["Tarte Tatin", 650]]]]);
  await page.goto("/menu");
  const row = page.locator('tr[data-product="Tarte Tatin"]');
  await row.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit “Tarte Tatin”" });
  await dialog.locator("#product-image").setInputFiles({ name: "tarte.png", mimeType: "image/png", buffer: png() });
  await expect(toast(page, "Picture saved")).toBeVisible();
  await expect(dialog.locator('img[data-field="thumbnail"]')).toBeVisible();
  await expect(row.locator("img.thumb")).toHaveAttribute("src", /.+/);
  const src = await row.locator("img.thumb").getAttribute("src");
  const image = await request.get(src);
  expect(image.ok()).toBeTruthy();

  await dialog.getByRole("button", { name: "Remove the picture" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(toast(page, "Picture removed")).toBeVisible();
  await expect(dialog.locator('img[data-field="thumbnail"]')).toHaveCount(0);
});

test("categories move by dragging their handle and products with the arrow keys, and stay after a reload", async ({ page, request }) => {
  const token = await owner(page, request);
  await menu(request, token, [
    ["Entrées", [["Soupe", 700], ["Salade", 800], ["Terrine", 900]]],
    ["Plats", []],
    ["Desserts", []],
  ]);
  await page.goto("/menu");
  await expect(categoryNames(page)).toHaveText(["Entrées", "Plats", "Desserts"]);
  await page.getByRole("button", { name: "Move “Desserts”" }).dragTo(page.locator('.category-item[data-category="Entrées"]'));
  await expect(categoryNames(page)).toHaveText(["Desserts", "Entrées", "Plats"]);
  await expect(toast(page, "Order of the menu saved").first()).toBeVisible();

  await page.getByRole("button", { name: /^Entrées/ }).click();
  await expect(productNames(page)).toHaveText(["Soupe", "Salade", "Terrine"]);
  const handle = page.getByRole("button", { name: "Move “Terrine”" });
  await handle.focus();
  await page.keyboard.press("ArrowUp");
  await expect(productNames(page)).toHaveText(["Soupe", "Terrine", "Salade"]);
  await expect(page.getByText("Terrine: position 2 of 3")).toBeAttached();
  await expect(page.getByRole("button", { name: "Move “Terrine”" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(productNames(page)).toHaveText(["Terrine", "Soupe", "Salade"]);
  await expect.poll(async () => {
    const products = await (await request.get("/api/v1/menu/products", { headers: api(token) })).json();
    return products.map((p) => p.name);
  }).toEqual(["Terrine", "Soupe", "Salade"]);

  await page.reload();
  await expect(categoryNames(page)).toHaveText(["Desserts", "Entrées", "Plats"]);
  await page.getByRole("button", { name: /^Entrées/ }).click();
  await expect(productNames(page)).toHaveText(["Terrine", "Soupe", "Salade"]);
});

test("an item made unavailable shows the badge, and available again loses it", async ({ page, request }) => {
  const token = await owner(page, request);
  await menu(request, token, [["Boissons", [["Limonade", 400]]]]);
  await page.goto("/menu");
  const row = page.locator('tr[data-product="Limonade"]');
  await expect(row.locator('[data-badge="unavailable"]')).toHaveCount(0);
  await row.getByRole("button", { name: "Availability" }).click();
  const dialog = page.getByRole("dialog", { name: "Availability of “Limonade”" });
  await dialog.getByRole("button", { name: "Make unavailable" }).click();
  await expect(toast(page, "Marked unavailable")).toBeVisible();
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();
  await expect(row.locator('[data-badge="unavailable"]')).toHaveText("Unavailable");
  await page.reload();
  await expect(page.locator('tr[data-product="Limonade"] [data-badge="unavailable"]')).toBeVisible();

  await page.locator('tr[data-product="Limonade"]').getByRole("button", { name: "Availability" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Make available" }).click();
  await expect(toast(page, "Available again")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator('tr[data-product="Limonade"] [data-badge="unavailable"]')).toHaveCount(0);
});

test("deleting a product and a category asks first; a category with products is refused", async ({ page, request }) => {
  const token = await owner(page, request);
  await menu(request, token, [["Boissons", [["Sirop", 250]]]]);
  await page.goto("/menu");
  await page.locator(".zone-panel-head").getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Delete the category “Boissons”?" }).getByRole("button", { name: "Delete" }).click();
  await expect(toast(page, "This category still has products")).toBeVisible();

  await page.locator('tr[data-product="Sirop"]').getByRole("button", { name: "Edit" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete the product" }).click();
  const question = page.getByRole("alertdialog", { name: /^Delete “Sirop”\?/ });
  await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
  await question.getByRole("button", { name: "Delete" }).click();
  await expect(toast(page, "Product deleted")).toBeVisible();
  await expect(page.getByText("No products in this category.")).toBeVisible();

  await page.locator(".zone-panel-head").getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(toast(page, "Category deleted")).toBeVisible();
  await expect(page.getByText("No categories yet.")).toBeVisible();
});

test("an item's stock is tracked, restocked, and its ledger says who did it", async ({ page, request }) => {
  const token = await owner(page, request);
  await menu(request, token, [["Boissons", [["Espresso", 200]]]]);
  await page.goto("/stock");
  const row = page.locator('tr[data-item="Espresso"]');
  await expect(row).toContainText("Not tracked");
  await row.getByRole("button", { name: "Track stock" }).click();
  await page.getByRole("dialog").getByLabel("Low-stock threshold").fill("3");
  await page.getByRole("dialog").getByRole("button", { name: "Track stock" }).click();
  await expect(toast(page, "Stock tracking saved")).toBeVisible();
  await expect(row.locator('[data-field="threshold"]')).toHaveText("3");
  await expect(row.locator('[data-state="out"]')).toBeVisible();

  await row.getByRole("button", { name: "Restock" }).click();
  const dialog = page.getByRole("dialog", { name: "Stock movement: Espresso" });
  await dialog.getByLabel("Quantity").fill("12");
  await dialog.getByRole("button", { name: "Record the movement" }).click();
  await expect(toast(page, "Movement recorded")).toBeVisible();
  await expect(row.locator('[data-field="quantity"]')).toHaveText("12");
  await expect(row.locator('[data-state="ok"]')).toBeVisible();

  await page.getByRole("button", { name: "Out", exact: true }).click();
  await expect(page.getByText("No items here.")).toBeVisible();
  await page.getByRole("button", { name: "All", exact: true }).click();

  await page.locator('tr[data-item="Espresso"]').getByRole("button", { name: "History" }).click();
  const ledger = page.getByRole("dialog", { name: "Movements of “Espresso”" });
  const line = ledger.locator('tr[data-kind="restock"]');
  await expect(line.locator('[data-field="delta"]')).toHaveText("+12");
  await expect(line.locator('[data-field="after"]')).toHaveText("12");
  await expect(line).toContainText("Ana Duval");
});

/** A member created by the owner through the API, with their own password set. */
async function member(request, ownerToken, { name, role }) {
  const email = uniqueEmail(role);
  const created = await request.post("/api/v1/members", {
    headers: api(ownerToken),
    data: { email, name, temporary_password: "a temporary kitchen phrase", role },
  });
  expect(created.status(), await created.text()).toBe(201);
  const login = await request.post("/api/v1/auth/login", { data: { email, password: "a temporary kitchen phrase" } });
  const { access_token } = await login.json();
  const changed = await request.post("/api/v1/me/password", {
    headers: api(access_token),
    data: { current_password: "a temporary kitchen phrase", new_password: PASSWORD },
  });
  expect(changed.ok()).toBeTruthy();
  return email;
}

test("a sale that crosses the threshold is a toast for another member, at once", async ({ browser, page, request }) => {
  const token = await owner(page, request);
  const made = await menu(request, token, [["Boissons", [["Cappuccino Vanille", 450]]]]);
  const item = made.Boissons.products["Cappuccino Vanille"].variants[0].id;
  await put(request, token, `/stock/${item}`, { tracked: true, threshold: 3, auto_86: true });
  await post(request, token, `/stock/${item}/movements`, { kind: "restock", quantity: 5 });

  const chefEmail = await member(request, token, { name: "Chloé Chef", role: "chef" });
  const chefContext = await browser.newContext();
  const chef = await chefContext.newPage();
  await logIn(chef, chefEmail);
  // The stock page's own socket (a new page load opens a new one) said it is ready.
  const ready = new Promise((resolve) => {
    chef.on("websocket", (socket) => socket.on("framereceived", (frame) => {
      if (String(frame.payload).includes('"ready"')) resolve();
    }));
  });
  await chef.goto("/stock");
  await ready;

  // The owner sells twice through the API: 5 → 4 → 3, the threshold.
  await post(request, token, `/stock/${item}/movements`, { kind: "sale", quantity: 1 });
  await post(request, token, `/stock/${item}/movements`, { kind: "sale", quantity: 1 });
  await expect(toast(chef, /Low stock: Cappuccino Vanille/)).toBeVisible();
  await expect(chef.locator('tr[data-item="Cappuccino Vanille"] [data-field="quantity"]')).toHaveText("3");
  await expect(chef.locator('tr[data-item="Cappuccino Vanille"] [data-state="low"]')).toBeVisible();
  // Below it, no second alert: one per crossing.
  const sold = await post(request, token, `/stock/${item}/movements`, { kind: "sale", quantity: 1 });
  expect(sold.item.quantity).toBe(2);
  await chef.waitForTimeout(500);
  await expect(toast(chef, /Low stock/)).toHaveCount(1);
  await chefContext.close();
});

test("the guests' table page shows the menu on a phone", async ({ page, request }) => {
  const token = await owner(page, request);
  await post(request, token, "/zones", { name: "Salle", tables: 1 });
  const made = await menu(request, token, [["Boissons", [["Citronnade", 450], ["Orangeade", 500]]]]);
  await put(request, token, `/menu/products/${made.Boissons.products.Orangeade.id}/availability`, { available: false });
  const codes = await (await request.get("/api/v1/tables/qr", { headers: api(token) })).json();
  const address = new URL(codes[0].url);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(address.pathname + address.search);
  await expect(page.locator("body")).toContainText("Boissons");
  await expect(page.locator("body")).toContainText("Citronnade");
  await expect(page.locator("body")).toContainText(/4[,.]50/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});

test("on a phone the menu page stacks, never scrolls sideways and keeps 44 px targets", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const token = await owner(page, request);
  await menu(request, token, [["Boissons", [["Thé glacé au citron et à la menthe fraîche", 450]]]]);
  await page.goto("/menu");
  await expect(page.locator('tr[data-product^="Thé glacé"]')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  for (const button of await page.locator(".products-table button, .category-list button").all()) {
    const box = await button.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  await page.goto("/stock");
  await expect(page.locator('tr[data-item^="Thé glacé"]')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
