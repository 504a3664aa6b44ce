// errdocs: search over window.ERRDOCS_INDEX, ?code= redirects, copy-link buttons.
// Works from file:// (no fetch): the index is a script loaded before this one.
(function () {
  "use strict";
  var index = window.ERRDOCS_INDEX || { codes: [] };
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var root = input ? input.getAttribute("data-root") || "" : "";
  function byCode(code) {
    for (var i = 0; i < index.codes.length; i++) {
      if (index.codes[i][0] === code) return index.codes[i];
    }
    return null;
  }
  function go(entry) { window.location.href = root + entry[1]; }
  // index.html?code=1001 opens the code's page.
  var params = new URLSearchParams(window.location.search);
  var wanted = params.get("code");
  if (wanted !== null) {
    var hit = byCode(wanted.trim());
    if (hit) { window.location.replace(root + hit[1]); return; }
  }
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var words = q.split(/\s+/);
    var exact = [], prefix = [], text = [];
    for (var i = 0; i < index.codes.length; i++) {
      var e = index.codes[i], code = e[0].toLowerCase();
      if (code === q) { exact.push(e); continue; }
      if (code.indexOf(q) === 0) { prefix.push(e); continue; }
      var hay = (code + " " + e[2] + " " + e[3]).toLowerCase();
      var all = true;
      for (var w = 0; w < words.length; w++) {
        if (!new RegExp("(^|[^a-z0-9])" + words[w].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).test(hay)) { all = false; break; }
      }
      if (all) text.push(e);
    }
    return exact.concat(prefix, text).slice(0, 50);
  }
  function show(results) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + e[1];
      var c = document.createElement("span"); c.className = "hit-code"; c.textContent = e[0];
      var t = document.createElement("span"); t.className = "hit-text"; t.textContent = e[2];
      a.appendChild(c); a.appendChild(t); li.appendChild(a); list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }
  if (input) {
    if (params.get("q")) { input.value = params.get("q"); show(search(input.value)); }
    input.addEventListener("input", function () { show(search(input.value)); });
    input.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = input.value.trim();
      var hit = byCode(q) || search(q)[0];
      if (hit) go(hit);
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
