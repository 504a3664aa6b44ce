// The generated site in a real browser: Debian's Chromium, headless, driven
// by playwright-core (no browser download). Run by tests/browser.rs, which
// passes SITE (the built site) and XSS_SITE (a site built from hostile text).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const SITE = process.env.SITE;
const XSS_SITE = process.env.XSS_SITE;
const LIFECYCLE_SITE = process.env.LIFECYCLE_SITE;
const SHOTS = process.env.SCREENSHOTS || "tests/screenshots";
const url = (site, path) => pathToFileURL(join(site, path)).href;
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
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

test("axe-core: no violations on the index and a code page", async () => {
  const axe = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  for (const path of ["index.html", "codes/4115.html"]) {
    const p = await page();
    await p.goto(url(SITE, path));
    await p.addScriptTag({ content: axe });
    const v = await p.evaluate(async () => (await window.axe.run(document)).violations
      .map((x) => `${x.id}: ${x.nodes.length} nodes (${x.help})`));
    assert.deepEqual(v, [], path);
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
// pages over http as over file://.
function serve(root) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".xml": "application/xml" };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^[/\\]+/, "");
    const file = join(root, path || "index.html");
    if (!file.startsWith(root + sep) && file !== root) { res.writeHead(403).end(); return; }
    try {
      const body = readFileSync(statSync(file).isDirectory() ? join(file, "index.html") : file);
      res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

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
