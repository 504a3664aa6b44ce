// `errdocs serve` in a real browser (Debian's Chromium, headless, driven by
// playwright-core): a code page reloads by itself after an edit of the
// catalog, shows the catalog's errors in an overlay, and comes back when
// they are fixed. Run by tests/browser.rs, which starts the server and
// passes SERVE_URL (its address) and CATALOG_FILE (the page to edit).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { launch } from "./launch.mjs";

const SERVE_URL = process.env.SERVE_URL;
const CATALOG_FILE = process.env.CATALOG_FILE;
// The limit for a change to reach an open page.
const LIMIT_MS = 10_000;
let browser;

before(async () => {
  browser = await launch();
});
after(async () => { await browser?.close(); });

// Polls `probe` (which may throw while the page reloads) every 50 ms until
// it returns true; the time it took, or a failure after LIMIT_MS.
async function until(what, probe) {
  const start = performance.now();
  for (;;) {
    if (await probe().catch(() => false)) return performance.now() - start;
    if (performance.now() - start > LIMIT_MS) assert.fail(`not within ${LIMIT_MS} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("an edit reloads the page, an error shows the overlay, the fix brings the page back", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  await p.goto(SERVE_URL + "codes/4115.html");
  const title = () => p.textContent("h1");
  assert.match(await title(), /FunctionNotFound/);
  assert.equal(await p.locator("#errdocs-overlay").count(), 0);

  const original = readFileSync(CATALOG_FILE, "utf8");
  const row = "| 4115       | FunctionNotFound                 |";
  assert.ok(original.includes(row), "the seed's row of 4115");
  const edited = original.replace(row, "| 4115       | FunctionWentAway                 |");
  writeFileSync(CATALOG_FILE, edited);
  const reload = await until("the edited message on the open page", async () => /FunctionWentAway/.test(await title()));
  console.log(`serve: the open page showed the edit ${Math.round(reload)} ms after the file was saved`);

  // 4116 becomes a second 4115: duplicate-code, an error.
  writeFileSync(CATALOG_FILE, edited.replace("| 4116       |", "| 4115       |"));
  const shown = await until("the overlay", async () => (await p.locator("#errdocs-overlay").count()) === 1);
  console.log(`serve: the overlay showed ${Math.round(shown)} ms after the error was saved`);
  const overlay = await p.textContent("#errdocs-overlay");
  assert.match(overlay, /the catalog has 1 error/);
  assert.match(overlay, /error\[duplicate-code\]/);
  assert.match(overlay, /error-codes\.md:93:3/);
  assert.match(overlay, /code 4115 is documented 2 times/);
  assert.match(overlay, /help: /);
  // The page under it is the last good build's.
  assert.match(await title(), /FunctionWentAway/);

  writeFileSync(CATALOG_FILE, original);
  const back = await until("the page without the overlay", async () =>
    (await p.locator("#errdocs-overlay").count()) === 0 && /FunctionNotFound/.test(await title()));
  console.log(`serve: the page came back ${Math.round(back)} ms after the fix was saved`);
  assert.deepEqual(errors, []);
  await context.close();
});
