// errdocs: sharded search behind an ARIA 1.2 combobox, anchors that moved to
// another part of a split page, ?code= redirects, copy buttons. Works from
// file:// (no fetch): the manifest (search-index.js) is a script loaded
// before this one, and shards are scripts added on demand that call
// errdocsShard(name, data). A code shard entry is
// [code, page, message, row, group, status?].
(function () {
  "use strict";
  var S = window.ERRDOCS_SEARCH || { count: 0, docShard: 1, docs: [], words: [], anchors: {}, groups: [] };
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = input ? input.getAttribute("data-root") || "" : "";
  var shards = {}, waiting = {};
  // The page's words (in its language), from the JSON the templates write;
  // English where a page has none.
  var UI = {
    results: "{count} results", no_results: "No results for \u201c{query}\u201d",
    results_for: "Results for \u201c{query}\u201d", no_code: "No code \u201c{code}\u201d in this catalog.",
    nearest_codes: "Nearest codes:", code_moved: "Code {code} has moved: {link}.", its_page: "its page is here",
    copied: "Copied {what}", copy_denied: "Copying is not allowed here: select {text} and copy it",
    untranslated: "{code} is not documented in this language yet."
  };
  try {
    var given = JSON.parse(document.getElementById("errdocs-ui").textContent);
    for (var key in given) if (Object.prototype.hasOwnProperty.call(given, key)) UI[key] = given[key];
  } catch (e) { /* no words on this page: English */ }
  function tr(key, vars) {
    return UI[key].replace(/\{([a-z]+)\}/g, function (m, k) { return vars && k in vars ? vars[k] : m; });
  }
  var MAX_WORD_SHARDS = 4, MAX_DOC_SHARDS = 4, LIMIT = 50, SHOWN = 12;

  // Elements that only work with JavaScript are hidden until it runs.
  Array.prototype.forEach.call(document.querySelectorAll("[data-js-only]"), function (el) { el.hidden = false; });

  window.errdocsShard = function (name, data) {
    shards[name] = data;
    var fns = waiting[name] || [];
    delete waiting[name];
    fns.forEach(function (f) { f(); });
  };
  function load(name, cb) {
    if (shards[name]) { cb(); return; }
    if (waiting[name]) { waiting[name].push(cb); return; }
    waiting[name] = [cb];
    var s = document.createElement("script");
    s.src = root + "search/" + name + ".js";
    s.onerror = function () { window.errdocsShard(name, []); };
    document.head.appendChild(s);
  }
  function loadAll(names, cb) {
    var left = names.length;
    if (!left) { cb(); return; }
    names.forEach(function (n) { load(n, function () { if (--left === 0) cb(); }); });
  }
  // The shard whose range holds `key` (the last whose first key <= key),
  // plus the following ones that start with `key`, at most `max`.
  function shardsFor(firsts, key, prefix, max) {
    if (!firsts.length) return [];
    var i = 0;
    for (var k = 0; k < firsts.length; k++) { if (firsts[k] <= key) i = k; else break; }
    var out = [prefix + i];
    for (var j = i + 1; j < firsts.length && out.length < max && firsts[j].indexOf(key) === 0; j++) out.push(prefix + j);
    return out;
  }
  function findCode(code, cb) {
    var names = shardsFor(S.docs, code.toLowerCase(), "d", 1);
    loadAll(names, function () {
      var rows = names.length ? shards[names[0]] : [], loose = null;
      for (var i = 0; i < rows.length; i++) {
        if (rows[i][0] === code) { cb(rows[i]); return; }
        if (!loose && rows[i][0].toLowerCase() === code.toLowerCase()) loose = rows[i];
      }
      cb(loose);
    });
  }
  function decodeInto(enc, marks) {
    if (enc.charAt(0) === "~") {
      var bin = window.atob(enc.slice(1));
      for (var k = 0; k < bin.length; k++) {
        var byte = bin.charCodeAt(k);
        for (var b = 0; byte && b < 8; b++) if (byte >> b & 1) marks[k * 8 + b] = 1;
      }
      return;
    }
    var prev = -1;
    enc.split(",").forEach(function (tok) {
      var p = tok.split("."), start = prev + 1 + parseInt(p[0], 36);
      var end = start + (p.length > 1 ? parseInt(p[1], 36) : 0);
      for (var o = start; o <= end; o++) marks[o] = 1;
      prev = end;
    });
  }
  // The parts of an identifier, as the index splits them: FunctionNotFound
  // gives Function, Not, Found; InvalidJSONBody gives Invalid, JSON, Body.
  function camelParts(token) {
    return token.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2").split(" ");
  }
  // Chinese, Japanese and Korean characters: each is a word (the index
  // has them one by one, as the text has no spaces).
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
  function runs(text) {
    var out = [];
    text.split(/[^\p{L}\p{N}]+/u).forEach(function (t) {
      if (!t) return;
      if (!CJK.test(t)) { out.push(t); return; }
      var cur = "";
      for (var i = 0; i < t.length; i++) {
        var c = t.charAt(i);
        if (CJK.test(c)) { if (cur) out.push(cur); cur = ""; out.push(c); } else cur += c;
      }
      if (cur) out.push(cur);
    });
    return out;
  }
  // Query words: runs of letters and digits; an identifier stands for its parts.
  function queryWords(q) {
    var out = [];
    runs(q).forEach(function (t) {
      var p = camelParts(t);
      (p.length > 1 ? p : [t]).forEach(function (w) { out.push(w.toLowerCase()); });
    });
    return out;
  }
  function textWords(text) {
    var out = [];
    runs(text).forEach(function (t) {
      camelParts(t).forEach(function (w) { out.push(w.toLowerCase()); });
    });
    return out;
  }
  function isNumber(s) { return /^[0-9]+$/.test(s); }
  function codeOrder(a, b) {
    if (isNumber(a) && isNumber(b)) {
      var x = a.replace(/^0+/, ""), y = b.replace(/^0+/, "");
      return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // How well a code matches: the exact code, then codes that start with the
  // query, then codes whose message has every query word (its exact phrase
  // first, then shorter messages), then the rest; numeric order among equals.
  function rank(e, q, ws) {
    var code = e[0].toLowerCase();
    if (code === q) return [0, 0];
    if (code.indexOf(q) === 0) return [1, 0];
    var mw = textWords(e[2]);
    var all = ws.length > 0 && ws.every(function (w) { return mw.some(function (m) { return m.indexOf(w) === 0; }); });
    if (all) return [2, mw.join(" ") === ws.join(" ") ? 0 : 1 + mw.length];
    return [3, 0];
  }
  function search(q, done) {
    // Words from the query as typed: "NotFound" stands for "not found".
    var ws = queryWords(q.trim());
    q = q.trim().toLowerCase();
    if (!q) { done([], []); return; }
    var codeShards = shardsFor(S.docs, q, "d", 2), perWord = [], wordShards = [];
    ws.forEach(function (w) {
      var names = shardsFor(S.words, w, "w", 3);
      perWord.push(names);
      names.forEach(function (n) { if (wordShards.indexOf(n) < 0) wordShards.push(n); });
    });
    if (wordShards.length > MAX_WORD_SHARDS) { ws = []; wordShards = []; }
    loadAll(codeShards.concat(wordShards), function () {
      var found = [], seen = {};
      codeShards.forEach(function (n) {
        shards[n].forEach(function (e) {
          if (e[0].toLowerCase().indexOf(q) === 0 && !seen[e[0]]) { found.push(e); seen[e[0]] = true; }
        });
      });
      var hits = null;
      ws.forEach(function (w, i) {
        var marks = new Uint8Array(S.count);
        perWord[i].forEach(function (n) {
          shards[n].forEach(function (entry) { if (entry[0].indexOf(w) === 0) decodeInto(entry[1], marks); });
        });
        if (hits) { for (var k = 0; k < S.count; k++) hits[k] &= marks[k]; } else hits = marks;
      });
      var need = [], picked = [];
      for (var o = 0; hits && o < S.count; o++) {
        if (!hits[o]) continue;
        var name = "d" + Math.floor(o / S.docShard);
        if (need.indexOf(name) < 0) { if (need.length >= MAX_DOC_SHARDS) break; need.push(name); }
        picked.push(o);
      }
      loadAll(need, function () {
        picked.forEach(function (o) {
          var e = shards["d" + Math.floor(o / S.docShard)][o % S.docShard];
          if (e && !seen[e[0]]) { found.push(e); seen[e[0]] = true; }
        });
        var ranked = found.map(function (e) { return { e: e, r: rank(e, q, ws) }; });
        ranked.sort(function (a, b) {
          return a.r[0] - b.r[0] || a.r[1] - b.r[1] || codeOrder(a.e[0], b.e[0]);
        });
        done(ranked.slice(0, LIMIT).map(function (x) { return x.e; }), ws);
      });
    });
  }
  // Up to three codes nearest to one that is not in the catalog: by number
  // when both are numbers, else by edit distance (from its code shard).
  function nearest(code, cb) {
    var names = shardsFor(S.docs, code.toLowerCase(), "d", 1);
    var i = names.length ? parseInt(names[0].slice(1), 10) : 0;
    var around = [i - 1, i, i + 1].filter(function (k) { return k >= 0 && k < S.docs.length; }).map(function (k) { return "d" + k; });
    loadAll(around, function () {
      var all = [];
      around.forEach(function (n) { all = all.concat(shards[n] || []); });
      var dist = function (c) {
        if (isNumber(c) && isNumber(code)) return Math.abs(Number(c) - Number(code));
        return 1e12 + edit(c.toLowerCase(), code.toLowerCase());
      };
      all.sort(function (a, b) { return dist(a[0]) - dist(b[0]); });
      cb(all.slice(0, 3));
    });
  }
  function edit(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return prev[b.length];
  }
  // For the 404 page, which loads this script late.
  window.errdocs = { findCode: findCode, nearest: nearest };
  function go(e, replace) {
    if (replace) window.location.replace(root + e[1]); else window.location.href = root + e[1];
  }
  function looksLikeCode(q) { return /^[^\s\/\\?#%<>"|*:]{1,64}$/.test(q) && /[0-9]/.test(q); }

  // A result: the code, its status, its message with the matched words
  // marked, its group.
  // In the combobox's list (`link` false) an option is text, not a link
  // (an option holds no interactive element); a click on it opens the page.
  function resultNode(e, ws, tag, link) {
    var el = document.createElement(tag), a = document.createElement(link ? "a" : "span");
    if (link) a.href = root + e[1];
    else { a.className = "hit"; el.addEventListener("click", function () { go(e); }); }
    var c = document.createElement("span"); c.className = "hit-code"; c.textContent = e[0];
    a.appendChild(c);
    if (e[5]) { var b = document.createElement("span"); b.className = "badge " + e[5]; b.textContent = e[5]; a.appendChild(b); }
    var t = document.createElement("span"); t.className = "hit-text";
    // Each word, or each part of an identifier, that a query word starts.
    e[2].split(/([\p{L}\p{N}]+)/u).forEach(function (piece, k) {
      var parts = [];
      if (k % 2) runs(piece).forEach(function (r) { parts = parts.concat(camelParts(r)); });
      else parts = [piece];
      parts.forEach(function (part) {
        var low = part.toLowerCase();
        var hit = k % 2 && ws.some(function (w) { return low.indexOf(w) === 0; });
        if (hit) { var m = document.createElement("mark"); m.textContent = part; t.appendChild(m); }
        else if (part) t.appendChild(document.createTextNode(part));
      });
    });
    a.appendChild(t);
    if (S.groups && S.groups[e[4]] !== undefined) {
      var g = document.createElement("span"); g.className = "hit-group"; g.textContent = S.groups[e[4]]; a.appendChild(g);
    }
    el.appendChild(a);
    return el;
  }

  // The combobox.
  var results = [], active = -1, lastQuery = "";
  function say(text) { if (status) status.textContent = text; }
  function close() {
    if (!list) return;
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function setActive(k) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (k + items.length) % items.length;
    Array.prototype.forEach.call(items, function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }
  function show(found, ws, q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results = found;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    found.slice(0, SHOWN).forEach(function (e, i) {
      var li = resultNode(e, ws, "li");
      li.id = "search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      list.appendChild(li);
    });
    if (!found.length) {
      var li = document.createElement("li");
      li.className = "no-results";
      li.textContent = tr("no_results", { query: q });
      list.appendChild(li);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    say(found.length ? tr("results", { count: found.length + (found.length === LIMIT ? "+" : "") }) : tr("no_results", { query: q }));
  }
  function suggest(q) {
    nearest(q, function (near) {
      while (list.firstChild) list.removeChild(list.firstChild);
      var li = document.createElement("li");
      li.className = "no-results";
      li.textContent = tr("no_code", { code: q }) + (near.length ? " " + tr("nearest_codes") : "");
      list.appendChild(li);
      results = near;
      near.forEach(function (e, i) {
        var opt = resultNode(e, [], "li");
        opt.id = "search-option-" + i;
        opt.setAttribute("role", "option");
        opt.setAttribute("aria-selected", "false");
        list.appendChild(opt);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      say(tr("no_code", { code: q }) + (near.length ? " " + tr("nearest_codes") + " " + near.map(function (e) { return e[0]; }).join(", ") : ""));
    });
  }
  if (input && list) {
    var latest = 0;
    var update = function () {
      var mine = ++latest, q = input.value;
      lastQuery = q.trim();
      if (!lastQuery) { close(); say(""); return; }
      search(q, function (r, ws) { if (mine === latest) show(r, ws, lastQuery); });
    };
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim() && list.childNodes.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (list.hidden && input.value.trim()) { update(); return; }
        ev.preventDefault();
        setActive(active < 0 ? (ev.key === "ArrowDown" ? 0 : -1) : active + (ev.key === "ArrowDown" ? 1 : -1));
      } else if (ev.key === "Escape") {
        if (!list.hidden) { ev.preventDefault(); close(); } else { input.value = ""; say(""); }
      } else if (ev.key === "Enter" && active >= 0 && results[active]) {
        ev.preventDefault();
        go(results[active]);
      }
    });
    input.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = input.value.trim();
      if (!q) return;
      findCode(q, function (hit) {
        if (hit) { go(hit); return; }
        search(q, function (r, ws) {
          if (r[0] && rank(r[0], q.toLowerCase(), ws)[0] <= 2) { go(r[0]); return; }
          if (looksLikeCode(q)) suggest(q); else show(r, ws, q);
        });
      });
    });
    document.addEventListener("click", function (ev) {
      if (!input.form.contains(ev.target)) close();
    });
  }

  // search.html?q=…: the whole result list (the no-JavaScript form's target).
  var params = new URLSearchParams(window.location.search);
  var page = document.getElementById("search-page");
  if (page) {
    var q = (params.get("q") || "").trim();
    var heading = document.getElementById("search-page-title");
    if (input) input.value = q;
    if (q) {
      search(q, function (r, ws) {
        if (heading) heading.textContent = r.length ? tr("results_for", { query: q }) : tr("no_results", { query: q });
        var ol = document.createElement("ol");
        ol.className = "search-page-results";
        r.forEach(function (e) { ol.appendChild(resultNode(e, ws, "li", true)); });
        page.appendChild(ol);
        say(r.length ? tr("results", { count: r.length }) : tr("no_results", { query: q }));
      });
    }
  }

  // index.html?code=1001 opens the code's page; an unknown code says so.
  var wanted = params.get("code");
  if (wanted !== null && wanted.trim()) {
    wanted = wanted.trim();
    findCode(wanted, function (e) {
      if (e) { go(e, true); return; }
      nearest(wanted, function (near) {
        var main = document.getElementById("main");
        if (!main) return;
        var p = document.createElement("p");
        p.className = "notice";
        p.setAttribute("role", "alert");
        p.appendChild(document.createTextNode(tr("no_code", { code: wanted }) + (near.length ? " " + tr("nearest_codes") + " " : "")));
        near.forEach(function (n, i) {
          if (i) p.appendChild(document.createTextNode(", "));
          var a = document.createElement("a"); a.href = root + n[1]; a.textContent = n[0]; p.appendChild(a);
        });
        main.insertBefore(p, main.firstChild);
      });
    });
  }

  // ?untranslated=CODE: the language switch of a code this language lacks
  // led here.
  var missing = params.get("untranslated");
  if (missing !== null && missing.trim()) {
    var mainEl = document.getElementById("main");
    if (mainEl) {
      var note = document.createElement("p");
      note.className = "notice";
      note.setAttribute("role", "status");
      note.textContent = tr("untranslated", { code: missing.trim() });
      mainEl.insertBefore(note, mainEl.firstChild);
    }
  }

  // The language switch keeps the section or row this page is at: a
  // group's id in the other language (data-anchors), a code's as it is.
  Array.prototype.forEach.call(document.querySelectorAll(".languages a[hreflang]:not([aria-current])"), function (a) {
    a.addEventListener("click", function () {
      if (window.location.hash.length < 2) return;
      var id;
      try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
      var map = {};
      try { map = JSON.parse(a.getAttribute("data-anchors") || "{}"); } catch (e) { map = {}; }
      var to = Object.prototype.hasOwnProperty.call(map, id) ? map[id] : id;
      a.href = a.href.split("#")[0] + "#" + encodeURIComponent(to);
    });
  });

  // An anchor that is not on this part of a split page: a section or label
  // (the manifest says which part has it) or a code (its code shard does).
  var pager = document.querySelector("[data-family]");
  function resolveAnchor() {
    if (!pager || window.location.hash.length < 2) return;
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    if (document.getElementById(id)) return;
    var family = pager.getAttribute("data-family");
    var ids = S.anchors[family] || {};
    if (Object.prototype.hasOwnProperty.call(ids, id)) {
      window.location.replace(root + ids[id] + "#" + encodeURIComponent(id));
      return;
    }
    if (!/^[^\s\/\\?#%<>"|*:]{1,64}$/.test(id)) return;
    findCode(id, function (e) {
      if (!e) return;
      var target = new URL(root + e[3], window.location.href);
      if (target.pathname !== window.location.pathname) window.location.replace(target.href);
    });
  }
  resolveAnchor();
  window.addEventListener("hashchange", resolveAnchor);

  // Copy buttons: the code, or the page's clean URL (its canonical URL, else
  // this address without query and fragment). The status says what happened
  // and clears itself.
  function copyText(text, ok, fail) {
    var fallback = function () {
      var ta = document.createElement("textarea");
      ta.value = text; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
      document.body.appendChild(ta); ta.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(ta);
      if (done) ok(); else fail();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(ok, fallback);
    else fallback();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (b) {
    var out = b.parentNode.querySelector(".copy-status");
    var timer;
    b.addEventListener("click", function () {
      var text = b.getAttribute("data-copy");
      if (b.hasAttribute("data-copy-url")) {
        text = text || (window.location.origin !== "null" ? window.location.origin : "") + window.location.pathname;
        if (window.location.protocol === "file:") text = window.location.href.split(/[?#]/)[0];
      }
      var tell = function (msg) {
        if (!out) return;
        out.textContent = msg;
        clearTimeout(timer);
        timer = setTimeout(function () { out.textContent = ""; }, 2500);
      };
      copyText(text, function () { tell(tr("copied", { what: b.getAttribute("data-what") })); }, function () {
        tell(tr("copy_denied", { text: text }));
      });
    });
  });
})();
