//! The built-in `code.html` and `index.html` (with `base.html`) as Rust:
//! what Tera makes of those templates, byte for byte, written straight into
//! a buffer.
//!
//! Tera spends most of a code page looking values up by dotted paths in a
//! JSON copy of the page's views (`site.ui.copy_link`: a map lookup and two
//! string allocations per segment); this writes the same bytes from the
//! views themselves, about ten times faster. Each is used only while its
//! template and `base.html` are the built-in ones: a page whose templates
//! a templates folder overrides is rendered by Tera. `tests/compiled.rs`
//! renders every page of several sites both ways and compares the bytes, so
//! the two cannot drift apart: a change to `templates/code.html`,
//! `templates/index.html` or `templates/base.html` must be made here too,
//! and the test says where the output first differs.

use std::collections::BTreeMap;

use super::PageInputs;
use super::view::{
    BlockView, CodeView, GroupLink, LifecycleView, NeighbourView, PageView, PagerView, SiteView,
    TableView,
};
use crate::html::escape_into as esc;

/// The `fill` filter with one argument ([`super::ui::fill`]).
fn fill(s: &str, key: &str, value: &str) -> String {
    super::ui::fill_in(s, &[(key, value)])
}

/// Tera's `split(pat=…)` then `first` and `last`.
fn first_last<'s>(s: &'s str, pat: &str) -> (&'s str, &'s str) {
    let first = s.split(pat).next().unwrap_or_default();
    let last = s.rsplit(pat).next().unwrap_or_default();
    (first, last)
}

/// A UI string (every key is there: [`super::ui`] fills them all).
fn ui<'s>(ui: &'s BTreeMap<String, String>, key: &str) -> &'s str {
    ui.get(key).map_or("", String::as_str)
}

/// Truthiness of an optional string, as Tera's `{% if %}` sees it.
fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// `base.html` around a page: `title` and `meta` write those blocks, `main`
/// the main block.
fn base(
    out: &mut String,
    site: &SiteView,
    inputs: &PageInputs<'_>,
    title: impl FnOnce(&mut String),
    meta: impl FnOnce(&mut String),
    main: impl FnOnce(&mut String),
) {
    let u = &site.ui;
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    esc(out, &site.lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    title(out);
    out.push_str("</title>");
    meta(out);
    if let Some(Some(c)) = &inputs.canonical
        && !c.is_empty()
    {
        out.push_str("\n<link rel=\"canonical\" href=\"");
        esc(out, c);
        out.push_str("\">");
    }
    for a in &inputs.alternates {
        if !a.missing {
            out.push_str("\n<link rel=\"alternate\" hreflang=\"");
            esc(out, &a.tag);
            out.push_str("\" href=\"");
            esc(out, &a.url);
            out.push_str("\">");
        }
    }
    out.push_str("\n<link rel=\"icon\" href=\"");
    esc(out, &inputs.assets);
    out.push_str("favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"");
    esc(out, &inputs.assets);
    out.push_str("style.css\">\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">");
    esc(out, ui(u, "skip_link"));
    out.push_str("</a>\n<header class=\"site-header\">\n  <a class=\"site-title\" href=\"");
    esc(out, &inputs.root);
    out.push_str("index.html\">");
    esc(out, &site.title);
    out.push_str("</a>\n  <form class=\"search\" role=\"search\" action=\"");
    esc(out, &inputs.root);
    out.push_str(
        "search.html\" method=\"get\">\n    <label for=\"search-input\" class=\"visually-hidden\">",
    );
    esc(out, ui(u, "search_label"));
    out.push_str("</label>\n    <input id=\"search-input\" name=\"q\" type=\"text\" enterkeyhint=\"search\" placeholder=\"");
    esc(out, ui(u, "search_placeholder"));
    out.push_str("\" autocomplete=\"off\" spellcheck=\"false\" data-root=\"");
    esc(out, &inputs.root);
    out.push_str("\" role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"search-results\">\n    <ul id=\"search-results\" class=\"search-results\" role=\"listbox\" aria-label=\"");
    esc(out, ui(u, "search_results"));
    out.push_str("\" hidden></ul>\n    <p id=\"search-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n  </form>");
    if !inputs.alternates.is_empty() {
        out.push_str("\n  <nav class=\"languages\" aria-label=\"");
        esc(out, ui(u, "languages"));
        out.push_str("\"><ul>");
        for a in &inputs.alternates {
            out.push_str("<li><a href=\"");
            esc(out, &a.href);
            out.push_str("\" hreflang=\"");
            esc(out, &a.tag);
            out.push_str("\" lang=\"");
            esc(out, &a.tag);
            if a.current {
                out.push_str("\" aria-current=\"true\">");
            } else {
                out.push('"');
                if !a.anchors.is_empty() {
                    out.push_str(" data-anchors=\"");
                    esc(out, &a.anchors);
                    out.push('"');
                }
                out.push('>');
            }
            esc(out, &a.name);
            out.push_str("</a></li>");
        }
        out.push_str("\n  </ul></nav>");
    }
    out.push_str("\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
    main(out);
    out.push_str("\n</main>\n<footer class=\"site-footer\">\n  <p><a href=\"");
    esc(out, &inputs.root);
    out.push_str("index.html\">");
    esc(out, ui(u, "all_codes"));
    out.push_str("</a> · <a href=\"");
    esc(out, &inputs.root);
    out.push_str("catalog.json\">catalog.json</a></p>\n</footer>\n<script type=\"application/json\" id=\"errdocs-ui\">");
    out.push_str(&site.ui_json);
    out.push_str("</script>\n<script src=\"");
    esc(out, &inputs.root);
    out.push_str("search-index.js\"></script>\n<script src=\"");
    esc(out, &inputs.assets);
    out.push_str("errdocs.js\"></script>\n</body>\n</html>\n");
}

/// `code.html`: one code's page.
pub(super) fn code_page(out: &mut String, site: &SiteView, inputs: &PageInputs<'_>, c: &CodeView) {
    let u = &site.ui;
    let code_and_message = |out: &mut String| {
        esc(out, &c.code);
        if let Some(m) = some(&c.message) {
            out.push(' ');
            esc(out, m);
        }
    };
    base(
        out,
        site,
        inputs,
        |out| {
            code_and_message(out);
            out.push_str(" — ");
            esc(out, &site.title);
        },
        |out| {
            out.push_str("\n<meta name=\"description\" content=\"");
            esc(out, &c.description);
            out.push_str("\">\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:site_name\" content=\"");
            esc(out, &site.title);
            out.push_str("\">\n<meta property=\"og:title\" content=\"");
            code_and_message(out);
            out.push_str("\">\n<meta property=\"og:description\" content=\"");
            esc(out, &c.description);
            out.push_str("\">");
            if !c.url.is_empty() {
                out.push_str("\n<meta property=\"og:url\" content=\"");
                esc(out, &c.url);
                out.push_str("\">");
            }
        },
        |out| code_main(out, site, inputs, c, u),
    );
}

/// A link to another code (`related`, `prev`, `next`, `replaced_by`).
fn neighbour(out: &mut String, class: &str, dir: &str, n: &NeighbourView) {
    out.push_str("<a class=\"");
    out.push_str(class);
    out.push_str("\" rel=\"");
    out.push_str(class);
    out.push_str("\" href=\"");
    esc(out, &n.href);
    out.push_str("\"><span class=\"dir\">");
    esc(out, dir);
    out.push_str("</span> <code>");
    esc(out, &n.code);
    out.push_str("</code> <span class=\"msg\">");
    esc(out, &n.message);
    out.push_str("</span></a>");
}

/// The main block of `code.html`.
fn code_main(
    out: &mut String,
    site: &SiteView,
    inputs: &PageInputs<'_>,
    c: &CodeView,
    u: &BTreeMap<String, String>,
) {
    out.push_str("\n<nav class=\"crumbs\" aria-label=\"");
    esc(out, ui(u, "breadcrumb"));
    out.push_str("\"><ol><li><a href=\"");
    esc(out, &inputs.root);
    out.push_str("index.html\">");
    esc(out, &site.title);
    out.push_str("</a></li><li><a href=\"");
    esc(out, &c.group_href);
    out.push_str("\">");
    esc(out, &c.group_title);
    out.push_str("</a></li></ol></nav>\n<article class=\"code-page");
    if let Some(l) = &c.lifecycle {
        out.push(' ');
        esc(out, l.status);
    }
    out.push_str("\">");
    if let Some(l) = &c.lifecycle {
        out.push_str("\n<div class=\"lifecycle ");
        esc(out, l.status);
        out.push_str("\" role=\"note\">");
        let since = match some(&l.since) {
            Some(v) => fill(ui(u, "since"), "version", v),
            None => String::new(),
        };
        out.push_str("\n<p><strong>");
        let removed = l.status == "removed";
        let key = if removed {
            "removed_since"
        } else {
            "deprecated_since"
        };
        esc(out, &fill(ui(u, key), "since", &since));
        out.push_str("</strong> ");
        esc(
            out,
            ui(
                u,
                if removed {
                    "removed_note"
                } else {
                    "deprecated_note"
                },
            ),
        );
        if let Some(r) = &l.replaced_by {
            let (first, last) = first_last(ui(u, "use_instead"), "{code}");
            out.push(' ');
            esc(out, first);
            if r.href.is_empty() {
                out.push_str("<code>");
                esc(out, &r.code);
                out.push_str("</code>");
            } else {
                out.push_str("<a href=\"");
                esc(out, &r.href);
                out.push_str("\"><code>");
                esc(out, &r.code);
                out.push_str("</code>");
                if !r.message.is_empty() {
                    out.push(' ');
                    esc(out, &r.message);
                }
                out.push_str("</a>");
            }
            esc(out, last);
        }
        out.push_str("</p>");
        if let Some(reason) = some(&l.reason) {
            out.push_str("\n<p>");
            esc(out, reason);
            out.push_str("</p>");
        }
        out.push_str("\n</div>");
    }
    out.push_str("\n<h1><code class=\"code\">");
    esc(out, &c.code);
    out.push_str("</code>");
    if let Some(m) = some(&c.message_html) {
        out.push_str(" <span class=\"message\">");
        out.push_str(m);
        out.push_str("</span>");
    }
    out.push_str("</h1>");
    let status = some(&c.status);
    if status.is_some() || c.retryable.is_some() {
        out.push_str("\n<p class=\"badges\">");
        if let Some(s) = status {
            out.push_str("<span class=\"badge status\" title=\"");
            esc(out, ui(u, "http_status"));
            out.push_str("\">HTTP ");
            esc(out, s);
            out.push_str("</span>");
        }
        match c.retryable {
            Some(true) => {
                out.push_str("<span class=\"badge retryable\">");
                esc(out, ui(u, "retryable"));
                out.push_str("</span>");
            }
            Some(false) => {
                out.push_str("<span class=\"badge not-retryable\">");
                esc(out, ui(u, "not_retryable"));
                out.push_str("</span>");
            }
            None => {}
        }
        out.push_str("\n</p>");
    }
    out.push_str("\n<p class=\"actions\" hidden data-js-only>\n<button type=\"button\" class=\"copy\" data-copy=\"");
    esc(out, &c.code);
    out.push_str("\" data-what=\"");
    esc(out, &fill(ui(u, "the_code"), "code", &c.code));
    out.push_str("\">");
    esc(out, ui(u, "copy_code"));
    out.push_str("</button>\n<button type=\"button\" class=\"copy\" data-copy=\"");
    esc(out, &c.url);
    out.push_str("\" data-copy-url data-what=\"");
    esc(out, ui(u, "the_link"));
    out.push_str("\">");
    esc(out, ui(u, "copy_link"));
    out.push_str(
        "</button>\n<span class=\"copy-status\" role=\"status\" aria-live=\"polite\"></span>\n</p>",
    );
    if !c.fields.is_empty() {
        out.push_str("\n<dl class=\"fields\">");
        for f in &c.fields {
            out.push_str("\n<dt>");
            esc(out, &f.name);
            out.push_str("</dt>\n<dd>");
            out.push_str(&f.html);
            out.push_str("</dd>");
        }
        out.push_str("\n</dl>");
    }
    if !c.footnotes.is_empty() {
        out.push('\n');
        out.push_str(&c.footnotes);
    }
    if let Some(x) = some(&c.explanation_html) {
        out.push_str("\n<section class=\"explanation\" aria-labelledby=\"explanation-title\">\n<h2 id=\"explanation-title\">");
        esc(out, ui(u, "explanation"));
        out.push_str("</h2>\n");
        out.push_str(x);
        out.push_str("\n</section>");
    }
    if !c.notes.is_empty() {
        out.push_str("\n<section class=\"group-notes\" aria-labelledby=\"group-notes-title\">\n<h2 id=\"group-notes-title\">");
        esc(out, &fill(ui(u, "applies_to_all"), "group", &c.group_title));
        out.push_str("</h2>\n");
        out.push_str(&c.notes);
        out.push_str("\n</section>");
    }
    if !c.related.is_empty() {
        out.push_str("\n<section class=\"related\" aria-labelledby=\"related-title\">\n<h2 id=\"related-title\">");
        esc(out, ui(u, "related_codes"));
        out.push_str("</h2>\n<ul>");
        for r in &c.related {
            out.push_str("\n<li><a href=\"");
            esc(out, &r.href);
            out.push_str("\"><code>");
            esc(out, &r.code);
            out.push_str("</code> ");
            esc(out, &r.message);
            out.push_str("</a></li>");
        }
        out.push_str("\n</ul>\n</section>");
    }
    let (first, last) = first_last(ui(u, "documented_in"), "{source}");
    out.push_str("\n<p class=\"source\">");
    esc(out, first);
    if let Some(url) = some(&c.source_url) {
        out.push_str("<a href=\"");
        esc(out, url);
        out.push_str("\">");
        esc(out, &c.source);
        out.push_str("</a>");
    } else {
        out.push_str("<span class=\"path\">");
        esc(out, &c.source);
        out.push_str("</span>");
    }
    esc(out, last);
    out.push_str(" · <a href=\"");
    esc(out, &c.row_href);
    out.push_str("\">");
    esc(out, ui(u, "see_in_table"));
    out.push_str("</a></p>\n<nav class=\"prev-next\" aria-label=\"");
    esc(out, ui(u, "neighbouring_codes"));
    out.push_str("\">");
    if let Some(p) = &c.prev {
        neighbour(out, "prev", ui(u, "previous_code"), p);
    }
    if let Some(n) = &c.next {
        neighbour(out, "next", ui(u, "next_code"), n);
    }
    out.push_str("\n</nav>\n</article>\n");
}

/// `index.html`: a catalog page, or one part of it.
pub(super) fn index_page(
    out: &mut String,
    site: &SiteView,
    inputs: &PageInputs<'_>,
    page: &PageView,
) {
    let u = &site.ui;
    base(
        out,
        site,
        inputs,
        |out| {
            if page.title == site.title {
                esc(out, &site.title);
            } else {
                esc(out, &page.title);
                out.push_str(" — ");
                esc(out, &site.title);
            }
        },
        |out| {
            out.push_str("\n<meta name=\"description\" content=\"");
            let count = site.codes.to_string();
            esc(
                out,
                &super::ui::fill_in(
                    ui(u, "index_description"),
                    &[("title", &page.title), ("count", &count)],
                ),
            );
            out.push_str("\">");
        },
        |out| index_main(out, page, u),
    );
}

/// The main block of `index.html`.
fn index_main(out: &mut String, page: &PageView, u: &BTreeMap<String, String>) {
    if !page.pages.is_empty() {
        out.push_str("\n<nav class=\"pages\" aria-label=\"");
        esc(out, ui(u, "catalog_pages"));
        out.push_str("\">\n<h2>");
        esc(out, ui(u, "pages"));
        out.push_str("</h2>\n<ul>");
        for p in &page.pages {
            out.push_str("<li><a href=\"");
            esc(out, &p.href);
            out.push_str("\">");
            esc(out, &p.title);
            out.push_str("</a>");
            if !p.groups.is_empty() {
                out.push_str("<ul>");
                group_links(out, &p.groups);
                out.push_str("</ul>");
            }
            out.push_str("</li>");
        }
        out.push_str("\n</ul>\n</nav>");
    }
    if let Some(p) = &page.pager {
        out.push('\n');
        pager(out, p, "top", u);
    }
    if !page.blocks.iter().any(|b| b.kind == "section") {
        contents(out, &page.contents, u);
    }
    for b in &page.blocks {
        out.push('\n');
        block(out, b, &page.contents, u);
    }
    if let Some(p) = &page.pager {
        out.push('\n');
        pager(out, p, "bottom", u);
    }
    out.push('\n');
}

/// `<li>` links to groups.
fn group_links(out: &mut String, groups: &[GroupLink]) {
    for g in groups {
        out.push_str("<li><a href=\"");
        esc(out, &g.href);
        out.push_str("\">");
        esc(out, &g.title);
        out.push_str("</a></li>");
    }
}

/// The `contents` macro: a page's sections, when it has more than one.
fn contents(out: &mut String, c: &[GroupLink], u: &BTreeMap<String, String>) {
    if c.len() > 1 {
        out.push_str("\n<details class=\"contents\"");
        if c.len() <= 8 {
            out.push_str(" open");
        }
        out.push_str(">\n<summary>");
        esc(out, ui(u, "sections"));
        out.push_str("</summary>\n<ul>");
        group_links(out, c);
        out.push_str("\n</ul>\n</details>");
    }
}

/// The `badge` macro.
fn badge(out: &mut String, l: &LifecycleView) {
    out.push_str("<span class=\"badge ");
    esc(out, l.status);
    out.push_str("\">");
    esc(out, l.status);
    out.push_str("</span>");
}

/// The `pager` macro.
fn pager(out: &mut String, p: &PagerView, place: &str, u: &BTreeMap<String, String>) {
    out.push_str("<nav class=\"pager\" aria-label=\"");
    esc(out, &fill(ui(u, "pager_label"), "where", place));
    out.push('"');
    if place == "top" {
        out.push_str(" data-family=\"");
        esc(out, &p.family);
        out.push('"');
    }
    out.push('>');
    if let Some(prev) = p.prev.as_deref().filter(|s| !s.is_empty()) {
        out.push_str("<a rel=\"prev\" href=\"");
        esc(out, prev);
        out.push_str("\">");
        esc(out, ui(u, "previous"));
        out.push_str("</a>");
    }
    out.push_str("\n<ol class=\"pager-numbers\">");
    let mut last = 0;
    for part in &p.parts {
        if part.number > last + 1 {
            out.push_str("<li class=\"gap\" aria-hidden=\"true\">…</li>");
        }
        let number = part.number.to_string();
        out.push_str("\n<li><a href=\"");
        esc(out, &part.href);
        if part.current {
            out.push_str("\" aria-current=\"page\">");
        } else {
            out.push_str("\" aria-label=\"");
            esc(out, &fill(ui(u, "part"), "number", &number));
            out.push_str("\">");
        }
        out.push_str(&number);
        out.push_str("</a></li>");
        last = part.number;
    }
    out.push_str("\n</ol>");
    if let Some(next) = p.next.as_deref().filter(|s| !s.is_empty()) {
        out.push_str("<a rel=\"next\" href=\"");
        esc(out, next);
        out.push_str("\">");
        esc(out, ui(u, "next"));
        out.push_str("</a>");
    }
    out.push_str("\n<span class=\"pager-here\">");
    let (number, count) = (p.number.to_string(), p.count.to_string());
    esc(
        out,
        &super::ui::fill_in(ui(u, "page_of"), &[("number", &number), ("count", &count)]),
    );
    if let Some(first) = some(&p.first_code) {
        out.push_str(" · ");
        if p.last_code != p.first_code {
            let last = p.last_code.as_deref().unwrap_or_default();
            esc(
                out,
                &super::ui::fill_in(ui(u, "codes_range"), &[("first", first), ("last", last)]),
            );
        } else {
            esc(out, &fill(ui(u, "one_code"), "code", first));
        }
    }
    out.push_str("</span>\n</nav>");
}

/// The `block` macro: a section (with its blocks), a table, a section's
/// removed codes, or prose.
fn block(out: &mut String, b: &BlockView, contents_of: &[GroupLink], u: &BTreeMap<String, String>) {
    match b.kind {
        "section" => {
            let Some(s) = &b.section else { return };
            let heading = s.heading.to_string();
            if s.continued {
                out.push_str("\n<section class=\"continued\">\n<h");
                out.push_str(&heading);
                out.push('>');
                out.push_str(&s.title_html);
                out.push_str(" <span class=\"continued-mark\">");
                esc(out, ui(u, "continued"));
                out.push_str("</span></h");
            } else {
                out.push_str("\n<section id=\"");
                esc(out, &s.id);
                out.push_str("\">");
                for extra in &s.extra_ids {
                    out.push_str("<span id=\"");
                    esc(out, extra);
                    out.push_str("\"></span>");
                }
                out.push_str("\n<h");
                out.push_str(&heading);
                out.push('>');
                out.push_str(&s.title_html);
                out.push_str("<a class=\"anchor\" href=\"#");
                esc(out, &s.id);
                out.push_str("\" aria-label=\"");
                esc(out, ui(u, "section_link"));
                out.push_str("\">¶</a></h");
            }
            out.push_str(&heading);
            out.push('>');
            if s.heading == 1 {
                contents(out, contents_of, u);
            }
            for child in &s.blocks {
                block(out, child, &[], u);
            }
            out.push_str("\n</section>");
        }
        "table" => {
            let Some(t) = &b.table else { return };
            table(out, t);
        }
        "removed" => removed(out, b, u),
        _ => out.push_str(&b.html),
    }
}

/// A table of codes.
fn table(out: &mut String, t: &TableView) {
    out.push_str("<div class=\"table-wrap\"");
    if let Some(id) = some(&t.id) {
        out.push_str(" id=\"");
        esc(out, id);
        out.push('"');
    }
    out.push('>');
    for extra in &t.extra_ids {
        out.push_str("<span id=\"");
        esc(out, extra);
        out.push_str("\"></span>");
    }
    out.push_str("\n<table class=\"codes\">");
    if let Some(c) = some(&t.caption_html) {
        out.push_str("<caption>");
        out.push_str(c);
        out.push_str("</caption>");
    }
    if !t.widths.is_empty() {
        out.push_str("\n<colgroup>");
        for w in &t.widths {
            out.push_str("<col style=\"width: ");
            out.push_str(&w.to_string());
            out.push_str("%\">");
        }
        out.push_str("</colgroup>");
    }
    if !t.header.is_empty() {
        out.push_str("\n<thead>");
        for row in &t.header {
            out.push_str("<tr>");
            for cell in row {
                out.push_str("<th scope=\"col\">");
                out.push_str(cell);
                out.push_str("</th>");
            }
            out.push_str("</tr>");
        }
        out.push_str("\n</thead>");
    }
    out.push_str("\n<tbody>");
    for row in &t.rows {
        out.push_str("\n<tr");
        if let Some(a) = some(&row.anchor) {
            out.push_str(" id=\"");
            esc(out, a);
            out.push('"');
        }
        if let Some(l) = &row.lifecycle {
            out.push_str(" class=\"");
            esc(out, l.status);
            out.push('"');
        }
        out.push('>');
        for cell in &row.cells {
            out.push_str("<td");
            if !cell.kind.is_empty() {
                out.push_str(" class=\"");
                esc(out, cell.kind);
                out.push('"');
            }
            if !cell.label.is_empty() {
                out.push_str(" data-label=\"");
                esc(out, &cell.label);
                out.push('"');
            }
            out.push('>');
            if let Some(href) = some(&cell.href) {
                out.push_str("<a href=\"");
                esc(out, href);
                out.push_str("\">");
                out.push_str(&cell.html);
                out.push_str("</a>");
                if let Some(l) = &row.lifecycle {
                    out.push(' ');
                    badge(out, l);
                }
            } else {
                out.push_str(&cell.html);
            }
            out.push_str("</td>");
        }
        out.push_str("\n</tr>");
    }
    out.push_str("\n</tbody>\n</table>\n</div>");
}

/// A section's removed codes.
fn removed(out: &mut String, b: &BlockView, u: &BTreeMap<String, String>) {
    let heading = b.heading.to_string();
    let (code, last_message, removed) = (
        ui(u, "column_code"),
        ui(u, "column_last_message"),
        ui(u, "column_removed"),
    );
    out.push_str("<div class=\"removed-codes\">\n<h");
    out.push_str(&heading);
    out.push('>');
    esc(out, ui(u, "removed_codes"));
    out.push_str("</h");
    out.push_str(&heading);
    out.push_str(">\n<p>");
    esc(out, ui(u, "removed_codes_note"));
    out.push_str("</p>\n<table class=\"codes\">\n<thead><tr><th scope=\"col\">");
    esc(out, code);
    out.push_str("</th><th scope=\"col\">");
    esc(out, last_message);
    out.push_str("</th><th scope=\"col\">");
    esc(out, removed);
    out.push_str("</th></tr></thead>\n<tbody>");
    for r in &b.removed {
        out.push_str("\n<tr id=\"");
        esc(out, &r.code);
        out.push_str("\" class=\"removed\"><td class=\"code\" data-label=\"");
        esc(out, code);
        out.push_str("\"><a href=\"");
        esc(out, &r.href);
        out.push_str("\">");
        esc(out, &r.code);
        out.push_str("</a></td><td class=\"message\" data-label=\"");
        esc(out, last_message);
        out.push_str("\">");
        out.push_str(&r.message_html);
        out.push_str("</td><td data-label=\"");
        esc(out, removed);
        out.push_str("\">");
        let since = some(&r.lifecycle.since);
        if let Some(since) = since {
            esc(out, &fill(ui(u, "removed_in"), "since", since));
        }
        if let Some(by) = &r.lifecycle.replaced_by {
            if since.is_some() {
                out.push_str("; ");
            }
            let (first, last) = first_last(ui(u, "use_code"), "{code}");
            esc(out, first);
            if by.href.is_empty() {
                esc(out, &by.code);
            } else {
                out.push_str("<a href=\"");
                esc(out, &by.href);
                out.push_str("\">");
                esc(out, &by.code);
                out.push_str("</a>");
            }
            esc(out, last);
        }
        out.push_str("</td></tr>");
    }
    out.push_str("\n</tbody>\n</table>\n</div>");
}
