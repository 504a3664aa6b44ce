//! The template contract: what `base.html`, `index.html`, `code.html` and
//! `404.html` receive. Every field here is documented in README; HTML
//! fields (`*_html`, `html`) are already sanitised, everything else is text
//! that Tera escapes.

use serde::Serialize;

/// Site-wide values (`site` in every template).
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The site's title.
    pub title: String,
    /// How many codes the catalog has.
    pub codes: usize,
    /// `base_url` from errdocs.toml, with a final `/`, if any (for a
    /// language other than the default, with its folder: `…/zh-CN/`).
    pub base_url: Option<String>,
    /// The language's BCP 47 tag (`<html lang>`).
    pub lang: String,
    /// The site's own words in that language (`templates/i18n/en.toml`).
    pub ui: std::collections::BTreeMap<String, String>,
    /// The words errdocs.js uses, as JSON (safe inside `<script>`).
    pub ui_json: String,
}

/// `alternates`: the same page in each language (the language switch and
/// `<link rel="alternate" hreflang>`); empty with one language.
#[derive(Debug, Clone, Serialize)]
pub struct AlternateView {
    /// BCP 47 tag.
    pub tag: String,
    /// The language's name, in itself.
    pub name: String,
    /// Relative link.
    pub href: String,
    /// Absolute URL with a base URL, else the relative link.
    pub url: String,
    /// This page's own language.
    pub current: bool,
    /// The language lacks this code or page: the link goes to its index.
    pub missing: bool,
    /// For an index page: its group ids that are other ids in that
    /// language, as a JSON object (`{"sdk-error-codes": "sdk"}`), or empty.
    pub anchors: String,
}

/// `page` in `index.html` (and the other pages of a multi-page catalog).
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The page's first heading.
    pub title: String,
    /// The page's content in source order.
    pub blocks: Vec<BlockView>,
    /// On the index of a multi-page catalog: the pages and their groups.
    pub pages: Vec<PageLink>,
    /// For a page split into parts (`[site] index-rows`): where this part is.
    pub pager: Option<PagerView>,
    /// On every part of a split page: its sections, linked to their parts.
    pub contents: Vec<GroupLink>,
}

/// Where a part of a split page is, with links to its neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// The first part's path from the site root (the page's name in the
    /// search manifest's `anchors`).
    pub family: String,
    /// This part's number, from 1.
    pub number: usize,
    /// How many parts.
    pub count: usize,
    /// Link to the first part.
    pub first: String,
    /// Link to the part before.
    pub prev: Option<String>,
    /// Link to the part after.
    pub next: Option<String>,
    /// Link to the last part.
    pub last: String,
    /// The first code on this part.
    pub first_code: Option<String>,
    /// The last code on this part.
    pub last_code: Option<String>,
    /// Every part, numbered, for a page-number list.
    pub parts: Vec<PartLink>,
}

/// A numbered part of a split page.
#[derive(Debug, Clone, Serialize)]
pub struct PartLink {
    /// Its number, from 1.
    pub number: usize,
    /// Relative link.
    pub href: String,
    /// It is the part being shown.
    pub current: bool,
}

/// A link to a page and its groups (multi-page catalogs).
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Page title.
    pub title: String,
    /// Relative link.
    pub href: String,
    /// Its sections that hold codes.
    pub groups: Vec<GroupLink>,
}

/// A link to a group (a section).
#[derive(Debug, Clone, Serialize)]
pub struct GroupLink {
    /// Section title.
    pub title: String,
    /// Relative link with the section's id.
    pub href: String,
}

/// One block of a page: a section, a table, the section's removed codes,
/// or prose (`html`).
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `section`, `table`, `removed` or `prose`.
    pub kind: &'static str,
    /// For `section`.
    pub section: Option<SectionView>,
    /// For `table`.
    pub table: Option<TableView>,
    /// For `removed`: the section's removed codes that no table lists any
    /// more (each row's id is its code, so old links still land).
    pub removed: Vec<RemovedView>,
    /// For `removed`: the heading level of its title.
    pub heading: usize,
    /// For `prose`: sanitised HTML (paragraphs, lists, admonitions, code).
    pub html: String,
}

/// A removed code listed on the index.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedView {
    /// The code (also the row's id).
    pub code: String,
    /// Link to its page (a tombstone).
    pub href: String,
    /// Its last message, sanitised HTML.
    pub message_html: String,
    /// Its lifecycle.
    pub lifecycle: LifecycleView,
}

/// A code's lifecycle, for a badge or a banner.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleView {
    /// `active`, `deprecated` or `removed`.
    pub status: &'static str,
    /// The version that deprecated or removed it.
    pub since: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// The code to use instead.
    pub replaced_by: Option<NeighbourView>,
}

/// A section, with every id Sphinx gives it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The first id (the `<section id>`).
    pub id: String,
    /// The other ids (empty `<span id>` elements), e.g. the slug after a label.
    pub extra_ids: Vec<String>,
    /// The heading, sanitised HTML.
    pub title_html: String,
    /// `h2`…`h6` level (the page title is `h1`).
    pub heading: usize,
    /// The section began on an earlier part: no ids, a "continued" heading.
    pub continued: bool,
    /// Content.
    pub blocks: Vec<BlockView>,
}

/// A table.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// The table's first id, if it has one.
    pub id: Option<String>,
    /// Its other ids.
    pub extra_ids: Vec<String>,
    /// Caption, sanitised HTML.
    pub caption_html: Option<String>,
    /// Header rows (wholly empty rows left out), cells as sanitised HTML.
    pub header: Vec<Vec<String>>,
    /// `:widths:` as percentages of the table, when the catalog gives them.
    pub widths: Vec<u32>,
    /// Body rows.
    pub rows: Vec<RowView>,
}

/// A body row.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The row's id: its code (so `#1001` keeps working).
    pub anchor: Option<String>,
    /// For a deprecated or removed code: its lifecycle.
    pub lifecycle: Option<LifecycleView>,
    /// The cells.
    pub cells: Vec<CellView>,
}

/// A cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// Sanitised HTML.
    pub html: String,
    /// The column's header text (shown beside the cell on narrow screens).
    pub label: String,
    /// For the code cell: the code's page.
    pub href: Option<String>,
    /// `code` for the code cell, `message` for the message cell, else empty
    /// (narrow screens show a row as a card titled by those two).
    pub kind: &'static str,
}

/// `code` in `code.html`.
#[derive(Debug, Clone, Serialize)]
pub struct CodeView {
    /// The code.
    pub code: String,
    /// Its name or message as text (for the title).
    pub message: Option<String>,
    /// Its name or message, sanitised HTML.
    pub message_html: Option<String>,
    /// The other fields, in column order.
    pub fields: Vec<FieldView>,
    /// The group's title.
    pub group_title: String,
    /// Link back to the group on its page.
    pub group_href: String,
    /// The admonitions of the code's section, sanitised HTML.
    pub notes: String,
    /// The footnotes its cells reference (`[1]` in a field links here), as
    /// Sphinx lists footnotes; sanitised HTML, empty when there are none.
    pub footnotes: String,
    /// The page's own URL (absolute with a base_url, else relative to itself).
    pub url: String,
    /// A sentence for `<meta name="description">` and Open Graph.
    pub description: String,
    /// The code's HTTP status (`[catalog] status-column`).
    pub status: Option<String>,
    /// Whether its error can be retried, where the catalog says.
    pub retryable: Option<bool>,
    /// Its long explanation (`explanations/<code>.md`), sanitised HTML.
    pub explanation_html: Option<String>,
    /// Codes of the same group with the most message words in common.
    pub related: Vec<NeighbourView>,
    /// `file:line` of the code in the catalog.
    pub source: String,
    /// That line in the repository, when `repository` is configured.
    pub source_url: Option<String>,
    /// Link to the code's row in its table on the index (`index.html#1001`).
    pub row_href: String,
    /// "Edit" link, when a repository is configured.
    pub edit_url: Option<String>,
    /// For a deprecated or removed code: its lifecycle (a removed code's page
    /// is a tombstone).
    pub lifecycle: Option<LifecycleView>,
    /// The code before, in catalog order.
    pub prev: Option<NeighbourView>,
    /// The code after.
    pub next: Option<NeighbourView>,
}

/// A field of a code page.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// The column header.
    pub name: String,
    /// Sanitised HTML.
    pub html: String,
}

/// A neighbouring code.
#[derive(Debug, Clone, Serialize)]
pub struct NeighbourView {
    /// The code.
    pub code: String,
    /// Relative link.
    pub href: String,
    /// Its message as text.
    pub message: String,
}

/// `redirect` in `redirect.html`: a page that moved.
#[derive(Debug, Clone, Serialize)]
pub struct RedirectView {
    /// Where it moved to (site path, maybe with a fragment).
    pub to: String,
    /// Link to it, relative to the old page.
    pub href: String,
    /// Its absolute URL, with a base URL.
    pub canonical: Option<String>,
}

/// `not_found` in `404.html`.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundView {
    /// The stylesheet, inlined (the page may be served at any depth).
    pub css: String,
    /// The site root as JSON: the base URL, or `null` (found at run time).
    pub root_json: String,
    /// A regular expression (as JSON) matching a code page's path from the
    /// site root; its first group is the code.
    pub code_pattern_json: String,
}
