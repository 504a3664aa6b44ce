// errdocs: sharded search, anchors that moved to another part of a split
// page, ?code= redirects, copy-link buttons. Works from file:// (no fetch):
// the manifest (search-index.js) is a script loaded before this one, and
// shards are scripts added on demand that call errdocsShard(name, data).
(function () {
  "use strict";
  var S = window.ERRDOCS_SEARCH || { count: 0, docShard: 1, docs: [], words: [], anchors: {} };
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var root = input ? input.getAttribute("data-root") || "" : "";
  var shards = {}, waiting = {};
  var MAX_WORD_SHARDS = 4, MAX_DOC_SHARDS = 4, LIMIT = 50;

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
  function words(q) { return q.split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) { return w; }); }
  // Exact code, then codes starting with the query, then codes whose text
  // has a word starting with each query word.
  function search(q, done) {
    q = q.trim().toLowerCase();
    if (!q) { done([]); return; }
    var ws = words(q), codeShards = shardsFor(S.docs, q, "d", 2), perWord = [], wordShards = [];
    ws.forEach(function (w) {
      var names = shardsFor(S.words, w, "w", 3);
      perWord.push(names);
      names.forEach(function (n) { if (wordShards.indexOf(n) < 0) wordShards.push(n); });
    });
    if (wordShards.length > MAX_WORD_SHARDS) { ws = []; wordShards = []; }
    loadAll(codeShards.concat(wordShards), function () {
      var exact = [], prefix = [], seen = {};
      codeShards.forEach(function (n) {
        shards[n].forEach(function (e) {
          var c = e[0].toLowerCase();
          if (c === q) exact.push(e); else if (c.indexOf(q) === 0) prefix.push(e); else return;
          seen[e[0]] = true;
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
      for (var o = 0; hits && o < S.count && picked.length < LIMIT; o++) {
        if (!hits[o]) continue;
        var name = "d" + Math.floor(o / S.docShard);
        if (need.indexOf(name) < 0) { if (need.length >= MAX_DOC_SHARDS) break; need.push(name); }
        picked.push(o);
      }
      loadAll(need, function () {
        var text = [];
        picked.forEach(function (o) {
          var e = shards["d" + Math.floor(o / S.docShard)][o % S.docShard];
          if (e && !seen[e[0]]) text.push(e);
        });
        done(exact.concat(prefix, text).slice(0, LIMIT));
      });
    });
  }
  function go(e, replace) {
    if (replace) window.location.replace(root + e[1]); else window.location.href = root + e[1];
  }

  // index.html?code=1001 opens the code's page.
  var params = new URLSearchParams(window.location.search);
  var wanted = params.get("code");
  if (wanted !== null && wanted.trim()) {
    findCode(wanted.trim(), function (e) { if (e) go(e, true); });
  }

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

  function show(results) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + e[1];
      var c = document.createElement("span"); c.className = "hit-code"; c.textContent = e[0];
      var t = document.createElement("span"); t.className = "hit-text"; t.textContent = e[2];
      a.appendChild(c);
      if (e[4]) { var b = document.createElement("span"); b.className = "badge " + e[4]; b.textContent = e[4]; a.appendChild(b); a.appendChild(document.createTextNode(" ")); }
      a.appendChild(t); li.appendChild(a); list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }
  if (input) {
    var latest = 0;
    var update = function () {
      var mine = ++latest;
      search(input.value, function (r) { if (mine === latest) show(r); });
    };
    if (params.get("q")) { input.value = params.get("q"); update(); }
    input.addEventListener("input", update);
    input.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = input.value.trim();
      if (!q) return;
      findCode(q, function (hit) {
        if (hit) { go(hit); return; }
        search(q, function (r) { if (r[0]) go(r[0]); });
      });
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { list.hidden = true; }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".copy-link"), function (b) {
    b.addEventListener("click", function () {
      var url = b.getAttribute("data-url") || window.location.href;
      if (url.indexOf("://") < 0) url = new URL(url, window.location.href).href;
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(function () { b.textContent = "Copied"; }, function () { b.textContent = url; });
      } else { b.textContent = url; }
    });
  });
})();
