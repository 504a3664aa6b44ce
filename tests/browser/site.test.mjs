// The generated site in a real browser: Debian's Chromium, headless, driven
// by playwright-core (no browser download). Run by tests/browser.rs, which
// passes SITE (the built site) and XSS_SITE (a site built from hostile text).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./launch.mjs";

const SITE = process.env.SITE;
const XSS_SITE = process.env.XSS_SITE;
const LIFECYCLE_SITE = process.env.LIFECYCLE_SITE;
const PAGES_SITE = process.env.PAGES_SITE;
const SHOTS = process.env.SCREENSHOTS || "tests/screenshots";
const url = (site, path) => pathToFileURL(join(site, path)).href;
let browser;

before(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); });

async function page(opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.errors = errors;
  return p;
}

function inViewport(p, selector) {
  return p.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, selector);
}

test("#error-code-rest-api scrolls to the REST heading", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html") + "#error-code-rest-api");
  assert.ok(await inViewport(p, "#error-code-rest-api h2"), "REST heading in view");
  assert.match(await p.textContent("#error-code-rest-api h2"), /REST API Error Codes/);
  for (const id of ["rest-api-error-codes", "sdk-error-codes", "error-codes"]) {
    assert.equal(await p.locator(`[id="${id}"]`).count(), 1, id);
  }
  await p.screenshot({ path: join(SHOTS, "index.png") });
  assert.deepEqual(p.errors, []);
});

test("#1001 scrolls to the row, whose code links to its page", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html") + "#1001");
  assert.ok(await inViewport(p, '[id="1001"]'));
  await p.click('[id="1001"] a');
  await p.waitForURL(/codes\/1001\.html$/);
  assert.match(await p.textContent("h1"), /1001/);
});

test("search 4115, Enter: FunctionNotFound's page", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  await p.fill("#search-input", "4115");
  const first = p.locator("#search-results li").first();
  assert.match(await first.textContent(), /4115/);
  await p.press("#search-input", "Enter");
  await p.waitForURL(/codes\/4115\.html$/);
  assert.match(await p.textContent("h1"), /FunctionNotFound/);
  await p.screenshot({ path: join(SHOTS, "code.png") });
});

test("search by prefix and by words", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  await p.fill("#search-input", "1210");
  const codes = await p.locator("#search-results .hit-code").allTextContents();
  assert.ok(codes.length >= 5 && codes.every((c) => c.startsWith("1210")), codes.join(","));
  await p.fill("#search-input", "zip file");
  const hits = await p.locator("#search-results .hit-code").allTextContents();
  assert.ok(hits.includes("4127") && hits.includes("121029"), hits.join(","));
});

test("index.html?code=1001 opens the code's page", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html") + "?code=1001");
  await p.waitForURL(/codes\/1001\.html$/);
  assert.match(await p.textContent("h1"), /Parameter validation failed/);
});

test("prev and next", async () => {
  const p = await page();
  await p.goto(url(SITE, "codes/4115.html"));
  await p.click("a[rel=next]");
  await p.waitForURL(/4116\.html$/);
  await p.click("a[rel=prev]");
  await p.click("a[rel=prev]");
  await p.waitForURL(/4114\.html$/);
  assert.match(await p.textContent("h1"), /4114/);
});

test("dark mode follows prefers-color-scheme", async () => {
  const bg = async (scheme) => {
    const p = await page({ colorScheme: scheme });
    await p.goto(url(SITE, "index.html"));
    return p.evaluate(() => getComputedStyle(document.body).backgroundColor);
  };
  const light = await bg("light"), dark = await bg("dark");
  assert.notEqual(light, dark);
  const lum = (c) => c.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);
  assert.ok(lum(dark) < lum(light), `${dark} vs ${light}`);
  const p = await page({ colorScheme: "dark" });
  await p.goto(url(SITE, "codes/1001.html"));
  await p.screenshot({ path: join(SHOTS, "code-dark.png") });
});

test("readable at 375 px without horizontal scrolling", async () => {
  for (const path of ["index.html", "codes/1001.html", "codes/121030.html"]) {
    const p = await page({ viewport: { width: 375, height: 700 } });
    await p.goto(url(SITE, path));
    const w = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 375, `${path}: scrollWidth ${w}`);
    if (path === "index.html") await p.screenshot({ path: join(SHOTS, "index-375.png") });
  }
});

const AXE = () => readFileSync("node_modules/axe-core/axe.min.js", "utf8");
async function axeViolations(p) {
  await p.addScriptTag({ content: AXE() });
  return p.evaluate(async () => (await window.axe.run(document)).violations
    .map((x) => `${x.id}: ${x.nodes.length} nodes (${x.help}) ${x.nodes.map((n) => n.target).join(" ")}`));
}

test("axe-core: no violations in either colour scheme, with the search open too", async () => {
  const pages = [[SITE, "index.html"], [SITE, "codes/4115.html"], [SITE, "codes/1005.html"], [SITE, "search.html?q=not+found"], [SITE, "404.html"]];
  if (PAGES_SITE) pages.push([PAGES_SITE, "codes/5001.html"], [PAGES_SITE, "index.html"]);
  for (const colorScheme of ["light", "dark"]) {
    for (const [site, path] of pages) {
      const p = await page({ colorScheme });
      const [file, query] = path.split("?");
      await p.goto(url(site, file) + (query ? "?" + query : ""));
      await p.waitForLoadState("load");
      assert.deepEqual(await axeViolations(p), [], `${colorScheme} ${path}`);
      await p.context().close();
    }
    const p = await page({ colorScheme });
    await p.goto(url(SITE, "index.html"));
    await p.fill("#search-input", "not found");
    await p.waitForSelector("#search-results [role=option]");
    await p.press("#search-input", "ArrowDown");
    assert.deepEqual(await axeViolations(p), [], `${colorScheme} open search`);
    await p.context().close();
  }
});

test("hostile catalog text renders inert", { skip: !XSS_SITE }, async () => {
  const p = await page();
  let dialogs = 0;
  p.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
  for (const path of ["index.html", "codes/1001.html", "codes/1002.html"]) {
    await p.goto(url(XSS_SITE, path));
    await p.fill("#search-input", "alert");
    await p.waitForTimeout(100);
    const hrefs = await p.evaluate(() => [...document.querySelectorAll("[href],[src]")]
      .map((e) => e.getAttribute("href") || e.getAttribute("src")));
    assert.ok(!hrefs.some((h) => /^\s*javascript:/i.test(h)), hrefs.join(" "));
    assert.equal(await p.evaluate(() => window.__xss === undefined), true);
  }
  assert.equal(dialogs, 0);
  assert.deepEqual(p.errors, []);
});

// A 20,000-code catalog: the index is split into parts of 1,000 rows and the
// search index into shards.
const SPLIT_SITE = process.env.SPLIT_SITE;
const splitCatalog = () => JSON.parse(readFileSync(join(SPLIT_SITE, "catalog.json"), "utf8"));

test("split index: every page under 1 MiB, each row on one part", { skip: !SPLIT_SITE }, async () => {
  const names = readdirSync(SPLIT_SITE).filter((n) => n.endsWith(".html"));
  assert.ok(names.includes("index-20.html"), names.join(" "));
  for (const n of names.concat(readdirSync(join(SPLIT_SITE, "codes")).map((c) => "codes/" + c))) {
    assert.ok(statSync(join(SPLIT_SITE, n)).size < 1 << 20, n);
  }
  const cat = splitCatalog();
  const rows = new Map();
  for (const n of names) {
    for (const m of readFileSync(join(SPLIT_SITE, n), "utf8").matchAll(/<tr id="([^"]+)"/g)) {
      assert.ok(!rows.has(m[1]), `${m[1]} on ${rows.get(m[1])} and ${n}`);
      rows.set(m[1], n);
    }
  }
  assert.equal(rows.size, cat.entries.length);
  for (const e of cat.entries) assert.equal(e.anchor, `${rows.get(e.code)}#${e.code}`);
});

test("split index: index.html#<code> and #<section> reach the part that holds them", { skip: !SPLIT_SITE }, async () => {
  const cat = splitCatalog();
  const last = cat.entries[cat.entries.length - 1];
  const rest = cat.groups.find((g) => g.id === "error-code-rest-api");
  assert.notEqual(rest.page, "index.html");
  const p = await page();
  await p.goto(url(SPLIT_SITE, "index.html") + "#" + last.code);
  await p.waitForURL(new RegExp(last.anchor.replace(".", "\\.") + "$"));
  assert.ok(await inViewport(p, `[id="${last.code}"]`));
  assert.equal(await p.evaluate(() => document.querySelector(":target")?.id), last.code);
  await p.goto(url(SPLIT_SITE, "index.html") + "#error-code-rest-api");
  await p.waitForURL(new RegExp(rest.page.replace(".", "\\.") + "#error-code-rest-api$"));
  assert.ok(await inViewport(p, "#error-code-rest-api h2"));
  // The in-page link on the first part was pointed at the right part.
  await p.goto(url(SPLIT_SITE, "index.html"));
  assert.equal(await p.getAttribute('a:text("the REST codes")', "href"), rest.page + "#error-code-rest-api");
  // ?code= on any part.
  await p.goto(url(SPLIT_SITE, "index-3.html") + "?code=" + last.code);
  await p.waitForURL(new RegExp("codes/" + last.code + "\\.html$"));
  assert.deepEqual(p.errors, []);
});

test("split search: words and code prefixes, first search under 1 MiB", { skip: !SPLIT_SITE }, async () => {
  const cat = splitCatalog();
  const p = await page();
  await p.goto(url(SPLIT_SITE, "index.html"));
  const loaded = () => p.evaluate(() => [...document.querySelectorAll("script[src]")].map((s) => s.getAttribute("src")));
  // A word search: every hit's text has a word starting with each query word.
  await p.fill("#search-input", "tenant quo");
  await p.waitForSelector("#search-results li");
  const hits = await p.$$eval("#search-results li", (ls) => ls.map((l) => l.textContent));
  assert.ok(hits.length >= 10, hits.join("\n"));
  const byCode = new Map(cat.entries.map((e) => [e.code, e]));
  for (const h of hits) {
    const code = h.match(/^\d+/)[0];
    const text = byCode.get(code).fields.map((f) => f.text).join(" ").toLowerCase();
    assert.match(text, /(^|[^a-z0-9])tenant/, code);
    assert.match(text, /(^|[^a-z0-9])quo/, code);
  }
  const bytes = (await loaded()).reduce((n, src) => n + statSync(join(SPLIT_SITE, src)).size, 0);
  assert.ok(bytes < 1 << 20, `first search loaded ${bytes} bytes: ${(await loaded()).join(" ")}`);
  // A code prefix from the last shard.
  const last = cat.entries[cat.entries.length - 1].code;
  await p.fill("#search-input", last.slice(0, 4));
  await p.waitForFunction((c) => [...document.querySelectorAll("#search-results .hit-code")].some((e) => e.textContent.startsWith(c)), last.slice(0, 4));
  const codes = await p.$$eval("#search-results .hit-code", (ls) => ls.map((l) => l.textContent));
  assert.ok(codes.every((c) => c.startsWith(last.slice(0, 4))), codes.join(" "));
  await p.fill("#search-input", last);
  await p.waitForFunction((c) => document.querySelector("#search-results .hit-code")?.textContent === c, last);
  await p.press("#search-input", "Enter");
  await p.waitForURL(new RegExp("codes/" + last + "\\.html$"));
  assert.deepEqual(p.errors, []);
});

// A static server for a site folder on 127.0.0.1 (a free port): the same
// pages over http as over file://. The site is served under `prefix` (a
// subfolder, as on a real host); a missing file gets the site's 404.html
// with status 404, as a static host sends it.
function serve(root, prefix = "/") {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml" };
  const server = createServer((req, res) => {
    const full = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!full.startsWith(prefix)) { res.writeHead(404).end("not under the prefix"); return; }
    const path = normalize(full.slice(prefix.length)).replace(/^[/\\]+/, "");
    const file = join(root, path || "index.html");
    if (!file.startsWith(root + sep) && file !== root) { res.writeHead(403).end(); return; }
    try {
      const body = readFileSync(statSync(file).isDirectory() ? join(file, "index.html") : file);
      res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": types[".html"] }).end(readFileSync(join(root, "404.html")));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
const origin = (server) => `http://127.0.0.1:${server.address().port}`;

test("a tombstone page and a moved page's redirect, over file:// and http", { skip: !LIFECYCLE_SITE }, async () => {
  const server = await serve(LIFECYCLE_SITE);
  try {
    const bases = [pathToFileURL(LIFECYCLE_SITE + "/").href, `http://127.0.0.1:${server.address().port}/`];
    for (const base of bases) {
      const p = await page();
      await p.goto(base + "codes/5003.html");
      const banner = await p.textContent(".lifecycle.removed");
      assert.match(banner, /Removed in 2\.0\./, base);
      assert.match(banner, /Quotas moved to tenants\./, base);
      assert.match(await p.textContent("h1"), /5003\s+BucketQuotaExceeded/);
      // The banner links to the replacement.
      await Promise.all([p.waitForURL(/codes\/5004\.html$/), p.click(".lifecycle a")]);
      assert.match(await p.textContent("h1"), /5004/);
      // A deprecated code says so, and its index row carries a badge.
      await p.goto(base + "codes/5002.html");
      assert.match(await p.textContent(".lifecycle.deprecated"), /Deprecated in 2\.3\./);
      await p.goto(base + "index.html#5003");
      assert.ok(await inViewport(p, '[id="5003"]'), "the removed code's row is in view");
      assert.equal(await p.locator('[id="5002"] .badge.deprecated').count(), 1);
      // The old URL of a page redirects to where it is now.
      await p.goto(base + "errors/5001.html");
      await p.waitForURL(/codes\/5001\.html$/);
      assert.match(await p.textContent("h1"), /5001\s+DiskFull/);
      assert.deepEqual(p.errors, [], base);
      if (base.startsWith("http")) {
        await p.goto(base + "codes/5003.html");
        await p.screenshot({ path: join(SHOTS, "tombstone.png") });
      }
      await p.context().close();
    }
  } finally {
    server.close();
  }
});

// ---- Search (issue 15): identifiers, ranking, the combobox, unknown codes.

const hitCodes = (p) => p.$$eval("#search-results [role=option] .hit-code", (l) => l.map((e) => e.textContent));
async function searchFor(p, q) {
  await p.fill("#search-input", "");
  await p.waitForFunction(() => document.getElementById("search-status").textContent === "");
  await p.fill("#search-input", q);
  await p.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  return hitCodes(p);
}

test("search splits identifiers and ranks what people type", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  // The phrase is exactly 4115's name, FunctionNotFound.
  const phrase = await searchFor(p, "function not found");
  assert.equal(phrase[0], "4115", phrase.join(","));
  // One identifier part: every *NotFound code, 4115 among them.
  const part = await searchFor(p, "NotFound");
  assert.ok(part.includes("4115") && part.includes("4118"), part.join(","));
  // Marks only the matching parts of an identifier.
  const marks = await p.$$eval('#search-results [role=option]:has(.hit-code:text-is("4115")) mark', (l) => l.map((m) => m.textContent));
  assert.deepEqual(marks, ["Not", "Found"]);
  // Snake case, lower case: "instance not found" puts 1003 first.
  assert.equal((await searchFor(p, "instance not found"))[0], "1003");
  // Equals in numeric order, not text order (10002 before 100026).
  const prefix = await searchFor(p, "1210");
  const sorted = [...prefix].sort((a, b) => Number(a) - Number(b));
  assert.deepEqual(prefix, sorted);
  const words = await searchFor(p, "not found");
  const nums = words.slice(1).map(Number);
  assert.ok(words.length >= 10, words.join(","));
  // The exact code first.
  assert.equal((await searchFor(p, "4115"))[0], "4115");
  // A result shows code, message and group, in at most two lines of text.
  const item = p.locator("#search-results [role=option]").first();
  assert.match(await item.textContent(), /4115\s*FunctionNotFound\s*REST API Error Codes/);
  const lines = await item.locator(".hit-text").evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  assert.ok(lines <= 2, `${lines} lines`);
  assert.ok(nums.length > 0);
  assert.deepEqual(p.errors, []);
});

test("the combobox: arrow keys, Enter, Escape, click outside, a live status", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  const input = p.locator("#search-input");
  assert.equal(await input.getAttribute("role"), "combobox");
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  await p.focus("#search-input");
  await p.keyboard.type("not found");
  await p.waitForSelector("#search-results [role=option]");
  assert.equal(await input.getAttribute("aria-expanded"), "true");
  assert.match(await p.textContent("#search-status"), /^\d+\+? results$/);
  await p.keyboard.press("ArrowDown");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-option-0");
  assert.equal(await p.getAttribute("#search-option-0", "aria-selected"), "true");
  await p.keyboard.press("ArrowDown");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-option-1");
  assert.equal(await p.getAttribute("#search-option-0", "aria-selected"), "false");
  await p.keyboard.press("ArrowUp");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-option-0");
  // Focus stays in the input all along.
  assert.equal(await p.evaluate(() => document.activeElement.id), "search-input");
  // Escape closes the list and keeps the text; a second Escape clears it.
  await p.keyboard.press("Escape");
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  assert.equal(await p.isVisible("#search-results"), false);
  assert.equal(await input.inputValue(), "not found");
  await p.keyboard.press("ArrowDown");
  await p.waitForSelector("#search-results [role=option]");
  // A click outside closes it.
  await p.mouse.click(5, 400);
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  // Arrow down to the second hit, Enter: its page.
  // Back in the input, the list opens again; down twice, Enter: the second hit.
  await p.click("#search-input");
  assert.equal(await input.getAttribute("aria-expanded"), "true");
  const second = (await hitCodes(p))[1];
  await p.keyboard.press("ArrowDown");
  await p.keyboard.press("ArrowDown");
  assert.equal(await input.getAttribute("aria-activedescendant"), "search-option-1");
  await Promise.all([p.waitForURL(new RegExp(`codes/${second}\\.html$`)), p.keyboard.press("Enter")]);
  // Nothing found: said in the list and in the live region.
  await p.fill("#search-input", "zzzzqqq");
  await p.waitForFunction(() => /No results for/.test(document.getElementById("search-status").textContent));
  assert.match(await p.textContent("#search-results"), /No results for “zzzzqqq”/);
  assert.deepEqual(p.errors, []);
});

test("an unknown code, typed or in ?code=, says so and offers the nearest codes", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  await p.fill("#search-input", "99999");
  await p.press("#search-input", "Enter");
  await p.waitForFunction(() => /No code “99999” in this catalog\. Nearest codes: /.test(document.getElementById("search-status").textContent));
  assert.match(await p.textContent("#search-results"), /No code “99999” in this catalog\. Nearest codes:/);
  const near = await hitCodes(p);
  assert.equal(near.length, 3);
  // Still on the index: Enter did not reload or go anywhere.
  assert.match(p.url(), /index\.html$/);
  await p.goto(url(SITE, "index.html") + "?code=9999");
  await p.waitForSelector(".notice[role=alert]");
  assert.match(await p.textContent(".notice"), /No code “9999” in this catalog\. Nearest codes: 9000, /);
  await Promise.all([p.waitForURL(/codes\/9000\.html$/), p.click('.notice a:text("9000")')]);
  assert.deepEqual(p.errors, []);
});

test("without JavaScript: the search lands on a page that says so, copy buttons are not shown", async () => {
  const p = await page({ javaScriptEnabled: false });
  await p.goto(url(SITE, "codes/4115.html"));
  assert.equal(await p.isVisible(".actions"), false);
  assert.equal(await p.locator("button.copy:visible").count(), 0);
  await p.fill("#search-input", "4115");
  await Promise.all([p.waitForURL(/search\.html\?q=4115$/), p.press("#search-input", "Enter")]);
  assert.match(await p.textContent("main"), /Search needs JavaScript/);
  await Promise.all([p.waitForURL(/index\.html$/), p.click('main a:text("Browse all error codes")')]);
  await p.context().close();
});

test("search.html?q= lists every result", async () => {
  const p = await page();
  await p.goto(url(SITE, "search.html") + "?q=not%20found");
  await p.waitForSelector(".search-page-results li");
  assert.match(await p.textContent("h1"), /Results for “not found”/);
  const codes = await p.$$eval(".search-page-results .hit-code", (l) => l.map((e) => e.textContent));
  assert.ok(codes.length > 12 && codes.includes("4115"), codes.join(","));
  assert.equal(await p.inputValue("#search-input"), "not found");
  assert.deepEqual(p.errors, []);
});

// ---- Layout: anchors clear of the header, print, widths, cards, keyboard.

// Whether an element's top is below everything fixed or sticky that covers
// the top of the viewport (the header, a table's sticky header row).
function clearOfHeader(p, selector) {
  return p.evaluate((sel) => {
    const el = document.querySelector(sel);
    const top = el.getBoundingClientRect().top;
    let covered = 0;
    for (const c of document.querySelectorAll(".site-header, thead th")) {
      const st = getComputedStyle(c).position;
      const r = c.getBoundingClientRect();
      if ((st === "sticky" || st === "fixed") && r.top <= 1 + (c.tagName === "TH" ? document.querySelector(".site-header").getBoundingClientRect().bottom : 0) && r.bottom > 0 && r.bottom > covered && !el.contains(c)) {
        if (c.tagName !== "TH" || c.closest("table").contains(el)) covered = Math.max(covered, r.bottom);
      }
    }
    return { top, covered, ok: top >= covered - 0.5 && top < window.innerHeight };
  }, selector);
}

test("anchors land clear of the sticky header, at 1280 and 375 px", async () => {
  for (const width of [1280, 375]) {
    const p = await page({ viewport: { width, height: 700 } });
    for (const [hash, sel] of [["error-code-rest-api", "#error-code-rest-api h2"], ["4115", '[id="4115"]'], ["sdk-error-codes", "#sdk-error-codes h2"]]) {
      await p.goto(url(SITE, "index.html") + "#" + hash);
      await p.waitForTimeout(50);
      const r = await clearOfHeader(p, sel);
      assert.ok(r.ok, `${width}px #${hash}: top ${r.top}, covered to ${r.covered}`);
    }
    if (width === 375) {
      await p.goto(url(SITE, "index.html") + "#4115");
      await p.screenshot({ path: join(SHOTS, "index-375-4115.png") });
    }
    await p.context().close();
  }
});

test("desktop: the table header stays in view while the rows scroll", async () => {
  const p = await page({ viewport: { width: 1280, height: 700 } });
  await p.goto(url(SITE, "index.html") + "#1017");
  const r = await p.evaluate(() => {
    const th = document.querySelector("#sdk-error-codes thead th").getBoundingClientRect();
    const header = document.querySelector(".site-header").getBoundingClientRect();
    return { th: th.top, header: header.bottom };
  });
  assert.ok(Math.abs(r.th - r.header) < 2, JSON.stringify(r));
});

test("print: no search box, buttons, pager or neighbour links", async () => {
  const p = await page();
  await p.goto(url(SITE, "codes/4115.html"));
  await p.emulateMedia({ media: "print" });
  for (const sel of [".site-header .search", "button.copy", ".actions", ".prev-next", ".site-footer", ".skip-link"]) {
    assert.equal(await p.$eval(sel, (e) => getComputedStyle(e).display), "none", sel);
  }
  assert.equal(await p.isVisible("h1"), true);
  await p.screenshot({ path: join(SHOTS, "code-print.png"), fullPage: true });
  await p.goto(url(SITE, "index.html"));
  assert.equal(await p.$eval(".site-header .search", (e) => getComputedStyle(e).display), "none");
});

test(":widths: sets the column widths: Error Code stays on one line", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  const widths = await p.$$eval("#sdk-error-codes col", (l) => l.map((c) => c.style.width));
  assert.deepEqual(widths, ["20%", "26%", "53%"]);
  const lines = await p.$eval("#sdk-error-codes thead th", (th) => {
    const r = document.createRange(); r.selectNodeContents(th);
    return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
  });
  assert.equal(lines, 1);
});

test("375 px: rows are cards titled by code and message, without a repeated label", async () => {
  const p = await page({ viewport: { width: 375, height: 700 } });
  await p.goto(url(SITE, "index.html"));
  const card = await p.$eval('[id="4115"]', (tr) => {
    const code = tr.querySelector("td.code"), msg = tr.querySelector("td.message");
    return {
      sameLine: Math.abs(code.getBoundingClientRect().top - msg.getBoundingClientRect().top) < 2,
      codeLabel: getComputedStyle(code, "::before").content,
      messageLabel: getComputedStyle(msg, "::before").content,
      thead: getComputedStyle(tr.closest("table").querySelector("thead")).display,
    };
  });
  assert.deepEqual(card, { sameLine: true, codeLabel: "none", messageLabel: "none", thead: "none" });
  const sdk = await p.$eval('[id="1001"]', (tr) => getComputedStyle(tr.querySelector("td:last-child"), "::before").content);
  assert.equal(sdk, '"Solution"');
});

test("keyboard: the skip link, then the section links", async () => {
  const p = await page();
  await p.goto(url(SITE, "index.html"));
  await p.keyboard.press("Tab");
  assert.equal(await p.evaluate(() => document.activeElement.className), "skip-link");
  assert.equal(await p.isVisible(".skip-link"), true);
  const box = await p.locator(".skip-link").boundingBox();
  assert.ok(box.y >= 0, "the focused skip link is on screen");
  await p.keyboard.press("Enter");
  assert.equal(await p.evaluate(() => document.activeElement.id), "main");
  // Tab on: the ¶ of the first section is reachable and shows when focused.
  let found = false;
  for (let k = 0; k < 12 && !found; k++) {
    await p.keyboard.press("Tab");
    found = await p.evaluate(() => document.activeElement.classList.contains("anchor"));
  }
  assert.ok(found, "a ¶ link takes focus");
  assert.equal(await p.evaluate(() => getComputedStyle(document.activeElement).opacity), "1");
  // On a touch screen they show without hovering.
  const t = await page({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 700 } });
  await t.goto(url(SITE, "index.html"));
  assert.equal(await t.$eval(".anchor", (a) => getComputedStyle(a).opacity), "1");
});

// ---- Code pages.

test("a code page: title, fields, group notes labelled, related, neighbours, meta", async () => {
  const p = await page();
  await p.goto(url(SITE, "codes/1005.html"));
  assert.match(await p.title(), /^1005 Request limit reached\. — /);
  assert.match(await p.textContent("h1"), /1005\s+Request limit reached\./);
  assert.match(await p.textContent(".fields"), /Solution\s*Retry after a certain interval\./);
  assert.match(await p.textContent(".group-notes h2"), /^Applies to all SDK Error Codes$/);
  assert.match(await p.textContent(".group-notes"), /can be retried later/);
  assert.match(await p.textContent(".prev-next .prev"), /1004\s+Duplicate request\./);
  assert.match(await p.textContent(".prev-next .next"), /1006\s+Resource error/);
  assert.match(await p.getAttribute('meta[name="description"]', "content"), /^1005 Request limit reached\.: Retry/);
  assert.ok(await p.getAttribute('meta[property="og:title"]', "content"));
  assert.equal(await p.getAttribute('link[rel="icon"]', "href"), "../favicon.svg");
  // Without [site] repository the source is text, not a link.
  assert.equal(await p.locator(".source a", { hasText: "error-codes.md" }).count(), 0);
  assert.match(await p.textContent(".source .path"), /^error-codes\.md:\d+$/);
  // 4115's related codes share its words.
  await p.goto(url(SITE, "codes/4115.html"));
  const related = await p.$$eval(".related li", (l) => l.map((e) => e.textContent));
  assert.ok(related.length >= 2 && related.every((r) => /NotFound/.test(r)), related.join("|"));
});

test("copy buttons: the code and the clean URL, a status that resets, denial handled", async () => {
  const server = await serve(SITE);
  try {
    const p = await page({ permissions: ["clipboard-read", "clipboard-write"] });
    await p.goto(origin(server) + "/codes/4115.html?from=log#fields");
    await p.click('button.copy:text("Copy link")');
    await p.waitForFunction(() => /Copied/.test(document.querySelector(".copy-status").textContent));
    assert.equal(await p.evaluate(() => navigator.clipboard.readText()), origin(server) + "/codes/4115.html");
    assert.equal(await p.textContent('button.copy[data-copy-url]'), "Copy link");
    await p.waitForFunction(() => document.querySelector(".copy-status").textContent === "", null, { timeout: 5000 });
    await p.click('button.copy:text("Copy code")');
    await p.waitForFunction(() => /Copied the code 4115/.test(document.querySelector(".copy-status").textContent));
    assert.equal(await p.evaluate(() => navigator.clipboard.readText()), "4115");
    await p.context().close();
    // Clipboard refused: the status says what to do, the button keeps its label.
    const q = await page();
    await q.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
      document.execCommand = () => false;
    });
    await q.goto(origin(server) + "/codes/4115.html");
    await q.click('button.copy:text("Copy link")');
    await q.waitForFunction(() => /not allowed/.test(document.querySelector(".copy-status").textContent));
    assert.match(await q.textContent(".copy-status"), /select .*codes\/4115\.html and copy it/);
    assert.equal(await q.textContent("button.copy[data-copy-url]"), "Copy link");
    assert.deepEqual(q.errors, []);
    await q.context().close();
  } finally {
    server.close();
  }
});

test("a long explanation, badges, the group's retryable flag, the source link", { skip: !PAGES_SITE }, async () => {
  const p = await page();
  await p.goto(url(PAGES_SITE, "codes/5001.html"));
  assert.deepEqual(await p.$$eval(".badges .badge", (l) => l.map((b) => b.textContent)), ["HTTP 507", "Retryable"]);
  assert.match(await p.textContent(".explanation h2"), /^Explanation$/);
  assert.match(await p.textContent(".explanation"), /Possible causes[\s\S]*lifecycle rule[\s\S]*expire-after-days/);
  assert.equal(await p.locator(".explanation pre code").count(), 1);
  // The explanation comes after the fields, before the group's notes.
  const order = await p.evaluate(() => [".fields", ".explanation", ".group-notes"].map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.ok(order[0] < order[1] && order[1] < order[2], order.join(" "));
  assert.equal(await p.getAttribute(".source a", "href"), "https://git.example.com/storage/blob/main/docs/errors.md#L10");
  assert.equal(await p.getAttribute('meta[property="og:url"]', "content"), "https://docs.example.com/storage/codes/5001.html");
  await p.screenshot({ path: join(SHOTS, "explanation.png"), fullPage: true });
  await p.goto(url(PAGES_SITE, "codes/6001.html"));
  assert.deepEqual(await p.$$eval(".badges .badge", (l) => l.map((b) => b.textContent)), ["HTTP 401", "Not retryable"]);
  assert.equal(await p.locator(".explanation").count(), 0);
  assert.deepEqual(p.errors, []);
});

// ---- 404.

test("404.html served for a missing page in a subfolder finds the site and suggests codes", async () => {
  const server = await serve(SITE, "/docs/errors/");
  try {
    const p = await page();
    const res = await p.goto(origin(server) + "/docs/errors/codes/9999.html");
    assert.equal(res.status(), 404);
    await p.waitForSelector("#not-found-code:not([hidden]) a");
    // Styled (the stylesheet is inline) and linked to the site root.
    assert.equal(await p.$eval(".site-header", (h) => getComputedStyle(h).borderBottomStyle), "solid");
    assert.equal(await p.$eval("form.search", (f) => new URL(f.action).pathname), "/docs/errors/search.html");
    assert.equal(await p.$eval('main a:text("list of all error codes")', (a) => new URL(a.href).pathname), "/docs/errors/index.html");
    assert.match(await p.textContent("#not-found-code"), /No code “9999” in this catalog\. Nearest codes: 9000/);
    await Promise.all([p.waitForURL(/\/docs\/errors\/codes\/9000\.html$/), p.click("#not-found-code a >> nth=0")]);
    // The search works from the 404 page too.
    await p.goto(origin(server) + "/docs/errors/no/such/page.html");
    await p.waitForFunction(() => window.errdocs);
    assert.equal(await p.isVisible("#not-found-code"), false);
    await p.fill("#search-input", "4115");
    await p.waitForSelector("#search-results [role=option]");
    await Promise.all([p.waitForURL(/\/docs\/errors\/codes\/4115\.html$/), p.press("#search-input", "Enter")]);
    assert.deepEqual(p.errors, []);
    await p.goto(origin(server) + "/docs/errors/codes/9999.html");
    await p.waitForSelector("#not-found-code:not([hidden])");
    await p.screenshot({ path: join(SHOTS, "404.png") });
  } finally {
    server.close();
  }
});

// The two-language fixture (tests/fixtures/languages: English at the root,
// Chinese under zh-CN/), over file:// and http.
const LANG_SITE = process.env.LANG_SITE;
test("the language switch keeps the code, the section and the row, over file:// and http", { skip: !LANG_SITE }, async () => {
  const server = await serve(LANG_SITE);
  try {
    for (const base of [pathToFileURL(LANG_SITE + "/").href, `${origin(server)}/`]) {
      const p = await page();
      // A code page: the same code in the other language, and back.
      await p.goto(base + "codes/4115.html");
      assert.equal(await p.getAttribute("html", "lang"), "en");
      await Promise.all([p.waitForURL(/zh-CN\/codes\/4115\.html$/), p.click('.languages a[hreflang="zh-CN"]')]);
      assert.equal(await p.getAttribute("html", "lang"), "zh-CN", base);
      assert.match(await p.textContent("h1"), /4115/);
      // The page's own strings are Chinese, the search still finds codes.
      assert.equal(await p.getAttribute(".languages", "aria-label"), "语言");
      await p.fill("#search-input", "4115");
      await p.waitForSelector("#search-results li");
      assert.match(await p.locator("#search-results li").first().textContent(), /4115/);
      await Promise.all([p.waitForURL(/\/codes\/4115\.html$/), p.click('.languages a[hreflang="en"]')]);
      assert.equal(await p.getAttribute("html", "lang"), "en");
      // A section: English #sdk-error-codes is Chinese #sdk (data-anchors).
      await p.goto(base + "index.html#sdk-error-codes");
      await Promise.all([p.waitForURL(/zh-CN\/index\.html#sdk$/), p.click('.languages a[hreflang="zh-CN"]')]);
      assert.ok(await inViewport(p, '[id="sdk"]'), "the Chinese SDK section is in view");
      // ... and back: #sdk is #sdk-error-codes again.
      await Promise.all([p.waitForURL(/\/index\.html#sdk-error-codes$/), p.click('.languages a[hreflang="en"]')]);
      assert.ok(await inViewport(p, '[id="sdk-error-codes"]'));
      // A row keeps its code.
      await p.goto(base + "index.html#4115");
      await Promise.all([p.waitForURL(/zh-CN\/index\.html#4115$/), p.click('.languages a[hreflang="zh-CN"]')]);
      assert.ok(await inViewport(p, '[id="4115"]'), "row 4115 in view");
      // A code the translation lacks: its index, saying so in Chinese.
      await p.goto(base + "codes/4299.html");
      await Promise.all([p.waitForURL(/zh-CN\/index\.html\?untranslated=4299$/), p.click('.languages a[hreflang="zh-CN"]')]);
      assert.match(await p.textContent(".notice[role=status]"), /4299/);
      if (base.startsWith("http")) await p.screenshot({ path: join(SHOTS, "untranslated-zh.png") });
      await p.goto(base + "zh-CN/codes/1001.html");
      if (base.startsWith("http")) await p.screenshot({ path: join(SHOTS, "code-zh.png") });
      assert.deepEqual(p.errors, [], base);
      await p.context().close();
    }
  } finally {
    server.close();
  }
});
