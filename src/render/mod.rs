//! The site: Tera templates over the view structs in [`view`], plus the
//! search index, `catalog.json`, its schema, the sitemap and the assets.
//!
//! [`code_path`] is the only place a code becomes a path.

mod search;
pub mod view;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use rayon::prelude::*;
use serde_json::{Value, json};
use tera::Tera;

use crate::catalog::{self, Catalog, Entry, Page, collapse};
use crate::check;
use crate::config::Config;
use crate::output::Sink;
use crate::parse::{self, Kind, Node, html_to_text};
use view::*;

/// The built-in templates and assets (overridable by `--templates DIR`).
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("code.html", include_str!("../../templates/code.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("errdocs.js", include_str!("../../templates/errdocs.js")),
];

/// JSON Schema of `catalog.json`.
pub const CATALOG_SCHEMA: &str = include_str!("catalog.schema.json");

/// A rendered site: relative path (with `/`) → bytes, sorted.
pub type Files = BTreeMap<String, Vec<u8>>;

/// The path of a code's page, from the URL pattern (`{code}`, `{group}`).
/// Refuses a code or group that could leave the site.
pub fn code_path(pattern: &str, code: &str, group: &str) -> Result<String> {
    if let Some(why) = check::path_unsafe(code) {
        bail!("code {code:?} cannot be a page name: {why}");
    }
    if !group.is_empty()
        && let Some(why) = check::path_unsafe(group)
    {
        bail!("group {group:?} cannot be part of a path: {why}");
    }
    let path = pattern.replace("{code}", code).replace("{group}", group);
    if path.starts_with('/')
        || path
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
        || !path.ends_with(".html")
    {
        bail!(
            "url-pattern {pattern:?} gives {path:?}, which is not a relative .html path inside the site"
        );
    }
    Ok(path)
}

/// `../` for each folder level of `path`.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A link from the page at `from` to `to` (both site-relative), percent-encoded.
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    encode_path(&out)
}

fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/#".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page file a catalog page becomes.
fn page_path(cat: &Catalog, page: &Page, single: bool) -> String {
    if single {
        return "index.html".into();
    }
    let rel = page
        .source
        .path
        .strip_prefix(&cat.root)
        .unwrap_or(&page.source.path);
    let mut s = rel
        .with_extension("html")
        .to_string_lossy()
        .replace('\\', "/");
    if s == "index.html" {
        s = "index-page.html".into();
    }
    s
}

/// Rows of one index part at most (`[site] index-rows`), and its HTML budget.
const PART_BYTES: usize = 512 * 1024;

/// Code pages rendered at once (in parallel), then written in order.
const CHUNK: usize = 256;

/// Index parts rendered at once (in parallel).
const PARTS_AT_ONCE: usize = 4;

struct Ctx<'a> {
    cat: &'a Catalog,
    config: &'a Config,
    columns: Vec<String>,
    single: bool,
    /// Entry index → its page's path.
    code_paths: Vec<String>,
    /// Code → entry index.
    by_code: HashMap<&'a str, usize>,
    /// One per catalog page.
    families: Vec<Family<'a>>,
    /// Entry index → the index part holding its row (path).
    anchors: Vec<usize>,
}

/// A catalog page, split into parts (`index.html`, `index-2.html`, …).
struct Family<'a> {
    skel: Vec<Skel<'a>>,
    /// Start position of each part (the first is 0).
    cuts: Vec<usize>,
    /// Path of each part.
    parts: Vec<String>,
    /// Every id on the page → the part it is on.
    ids: HashMap<String, usize>,
}

impl Family<'_> {
    fn part_of(&self, pos: usize) -> usize {
        self.cuts.partition_point(|&c| c <= pos).saturating_sub(1)
    }
}

/// A page's block structure with positions in document order, so it can be
/// cut into parts without building every row first.
enum Skel<'a> {
    Section {
        node: &'a Node,
        title: &'a parse::Inline,
        pos: usize,
        end: usize,
        children: Vec<Skel<'a>>,
    },
    Table {
        node: &'a Node,
        table: &'a parse::Table,
        pos: usize,
        end: usize,
        /// (row index in the table, position)
        rows: Vec<(usize, usize)>,
    },
    Prose {
        nodes: Vec<Node>,
        pos: usize,
    },
}

/// Renders the whole site into `sink`, one file at a time.
pub fn render(
    cat: &Catalog,
    config: &Config,
    templates: Option<&Path>,
    sink: &mut dyn Sink,
) -> Result<()> {
    let mut lap = crate::timings::Lap::new("render");
    let tera = load_templates(templates)?;
    let columns = catalog::code_column_names(&config.catalog.code_columns);
    let single = cat.pages.len() == 1;
    let mut code_paths = Vec::with_capacity(cat.entries.len());
    let mut by_code = HashMap::with_capacity(cat.entries.len());
    let mut seen = HashSet::with_capacity(cat.entries.len());
    for (i, e) in cat.entries.iter().enumerate() {
        let path = code_path(&config.site.url_pattern, e.code.as_str(), &e.group)?;
        if !seen.insert(path.clone()) {
            bail!("two codes map to the same page {path}; check the url-pattern");
        }
        code_paths.push(path);
        by_code.entry(e.code.as_str()).or_insert(i);
    }
    drop(seen);
    let mut ctx = Ctx {
        cat,
        config,
        columns,
        single,
        code_paths,
        by_code,
        families: Vec::new(),
        anchors: vec![0; cat.entries.len()],
    };
    for page in &cat.pages {
        let family = ctx.family(page)?;
        ctx.families.push(family);
    }
    let site = SiteView {
        title: config
            .site
            .title
            .clone()
            .or_else(|| cat.pages.iter().find_map(page_title))
            .unwrap_or_else(|| "Error codes".into()),
        codes: cat.entries.len(),
        base_url: config.site.base_url.as_ref().map(|b| {
            if b.ends_with('/') {
                b.clone()
            } else {
                format!("{b}/")
            }
        }),
    };

    lap.lap("paths and parts");
    // Pages, part by part.
    let mut page_links = Vec::new();
    for (fi, page) in cat.pages.iter().enumerate() {
        let family = &ctx.families[fi];
        let title = page_title(page).unwrap_or_else(|| site.title.clone());
        let base = family.parts[0].clone();
        page_links.push(PageLink {
            title: title.clone(),
            href: base.clone(),
            groups: groups_of(page)
                .into_iter()
                .map(|(id, title)| GroupLink {
                    title,
                    href: ctx.id_href(fi, &id, "index.html").unwrap_or_default(),
                })
                .collect(),
        });
        // A few parts at a time, in parallel.
        let n = family.parts.len();
        for start in (0..n).step_by(PARTS_AT_ONCE) {
            let end = (start + PARTS_AT_ONCE).min(n);
            let pages: Vec<Result<String>> = (start..end)
                .into_par_iter()
                .map(|pi| {
                    let view = ctx.part_view(fi, pi, &title)?;
                    render_page(
                        &tera,
                        "index.html",
                        &site,
                        &family.parts[pi],
                        Some(&view),
                        None,
                    )
                })
                .collect();
            for (pi, html) in (start..end).zip(pages) {
                sink.file(&family.parts[pi], html?.as_bytes())?;
            }
        }
    }
    if !single {
        let view = PageView {
            title: site.title.clone(),
            blocks: Vec::new(),
            pages: page_links,
            pager: None,
            contents: Vec::new(),
        };
        let html = render_page(&tera, "index.html", &site, "index.html", Some(&view), None)?;
        sink.file("index.html", html.as_bytes())?;
    }

    lap.lap("index pages");
    // One page per code: rendered in parallel a chunk at a time, written in order.
    let ctx = &ctx;
    for start in (0..cat.entries.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(cat.entries.len());
        let pages: Vec<Result<String>> = (start..end)
            .into_par_iter()
            .map(|i| {
                let view = ctx.code_view(i, &site)?;
                render_page(
                    &tera,
                    "code.html",
                    &site,
                    &ctx.code_paths[i],
                    None,
                    Some(&view),
                )
            })
            .collect();
        for (i, html) in (start..end).zip(pages) {
            sink.file(&ctx.code_paths[i], html?.as_bytes())?;
        }
    }

    lap.lap("code pages");
    // 404: with a base_url its links are absolute, so it works at any depth.
    let html = render_page(&tera, "404.html", &site, "404.html", None, None)?;
    sink.file("404.html", html.as_bytes())?;

    search::write(ctx, sink)?;
    lap.lap("search index");
    sink.stream("catalog.json", &mut |w| ctx.catalog_json(w))?;
    lap.lap("catalog.json");
    sink.file("catalog.schema.json", CATALOG_SCHEMA.as_bytes())?;
    for (name, body) in assets(templates)? {
        sink.file(&name, &body)?;
    }
    if let Some(base) = &site.base_url {
        sink.stream("sitemap.xml", &mut |w| {
            w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")?;
            let pages = (!single).then(|| "index.html".to_string());
            let parts = ctx.families.iter().flat_map(|f| f.parts.iter().cloned());
            for u in pages.into_iter().chain(parts).chain(ctx.code_paths.iter().cloned()) {
                writeln!(
                    w,
                    "  <url><loc>{}{}</loc></url>",
                    parse::escape(base),
                    parse::escape(&encode_path(&u))
                )?;
            }
            w.write_all(b"</urlset>\n")
        })?;
    }
    Ok(())
}

/// The whole site in memory (tests, fuzzing).
pub fn render_files(cat: &Catalog, config: &Config, templates: Option<&Path>) -> Result<Files> {
    let mut files = Files::new();
    render(cat, config, templates, &mut files)?;
    Ok(files)
}

fn page_title(page: &Page) -> Option<String> {
    page.doc.children.iter().find_map(|n| match &n.kind {
        Kind::Section { title, .. } => Some(collapse(&title.text)),
        _ => None,
    })
}

/// Sections that directly hold a catalog table: (id, title).
fn groups_of(page: &Page) -> Vec<(String, String)> {
    let mut out = Vec::new();
    fn walk(nodes: &[Node], out: &mut Vec<(String, String)>) {
        for n in nodes {
            if let Kind::Section { title, .. } = &n.kind {
                if n.children.iter().any(|c| matches!(c.kind, Kind::Table(_)))
                    && let Some(id) = n.ids.first()
                {
                    out.push((id.clone(), collapse(&title.text)));
                }
                walk(&n.children, out);
            }
        }
    }
    walk(&page.doc.children, &mut out);
    out
}

fn load_templates(dir: Option<&Path>) -> Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let mut templates: Vec<(String, String)> = Vec::new();
    for (name, body) in BUILTIN.iter().filter(|(n, _)| n.ends_with(".html")) {
        let body = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
            Some(p) => std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read template {}", p.display()))?,
            None => body.to_string(),
        };
        templates.push((name.to_string(), body));
    }
    tera.add_raw_templates(templates.iter().map(|(n, b)| (n.as_str(), b.as_str())))
        .map_err(|e| anyhow!("{}", tera_error(&e)))?;
    Ok(tera)
}

fn assets(dir: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for (name, body) in BUILTIN.iter().filter(|(n, _)| !n.ends_with(".html")) {
        let bytes = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
            Some(p) => std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?,
            None => body.as_bytes().to_vec(),
        };
        out.push((name.to_string(), bytes));
    }
    Ok(out)
}

/// A Tera error with its whole cause chain (template name, line, what failed).
fn tera_error(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(cause) = src {
        s.push_str(&format!("\n  caused by: {cause}"));
        src = cause.source();
    }
    s
}

fn render_page(
    tera: &Tera,
    template: &str,
    site: &SiteView,
    path: &str,
    page: Option<&PageView>,
    code: Option<&CodeView>,
) -> Result<String> {
    let mut context = tera::Context::new();
    context.insert("site", site);
    let root = match (&site.base_url, template) {
        (Some(base), "404.html") => base.clone(),
        _ => root_of(path),
    };
    context.insert("root", &root);
    context.insert(
        "canonical",
        &site
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", encode_path(path))),
    );
    if let Some(p) = page {
        context.insert("page", p);
    }
    if let Some(c) = code {
        context.insert("code", c);
    }
    tera.render(template, &context)
        .map_err(|e| anyhow!("{}", tera_error(&e)))
}

impl<'a> Ctx<'a> {
    /// A page's skeleton, its cuts into parts, and where each id landed.
    fn family(&mut self, page: &'a Page) -> Result<Family<'a>> {
        let base = page_path(self.cat, page, self.single);
        let mut pos = 0;
        let skel = self.skeleton(&page.doc.children, &mut pos);
        // Cut before a row once the part is full; what stands between the
        // previous row and that one (a heading, prose) moves along with it.
        let max_rows = self.config.site.index_rows.max(1);
        let mut cuts = vec![0];
        let (mut rows, mut bytes, mut after_last_row) = (0usize, 0usize, 0usize);
        walk_items(&skel, &mut |pos, row_bytes| {
            if let Some(b) = row_bytes {
                if rows > 0 && (rows >= max_rows || bytes + b > PART_BYTES) {
                    cuts.push(after_last_row);
                    rows = 0;
                    bytes = 0;
                }
                rows += 1;
                bytes += b;
                after_last_row = pos + 1;
            }
        });
        let stem = base.strip_suffix(".html").unwrap_or(&base).to_string();
        let parts: Vec<String> = (0..cuts.len())
            .map(|k| {
                if k == 0 {
                    base.clone()
                } else {
                    format!("{stem}-{}.html", k + 1)
                }
            })
            .collect();
        let mut family = Family {
            skel: Vec::new(),
            cuts,
            parts,
            ids: HashMap::new(),
        };
        for p in family.parts.iter().skip(1) {
            if self
                .cat
                .pages
                .iter()
                .any(|q| page_path(self.cat, q, self.single) == *p)
            {
                bail!("the index part {p} would overwrite the page made from another file");
            }
        }
        let mut ids = HashMap::new();
        collect_ids(&skel, &family, &mut ids);
        family.ids = ids;
        for s in &skel {
            self.row_anchors(s, &family);
        }
        family.skel = skel;
        Ok(family)
    }

    fn skeleton(&self, nodes: &'a [Node], pos: &mut usize) -> Vec<Skel<'a>> {
        let mut out = Vec::new();
        let mut prose: Vec<Node> = Vec::new();
        let flush = |prose: &mut Vec<Node>, out: &mut Vec<Skel<'a>>, pos: &mut usize| {
            if !prose.is_empty() {
                out.push(Skel::Prose {
                    nodes: std::mem::take(prose),
                    pos: *pos,
                });
                *pos += 1;
            }
        };
        for n in nodes {
            match &n.kind {
                Kind::Section { title, .. } => {
                    flush(&mut prose, &mut out, pos);
                    let start = *pos;
                    *pos += 1;
                    let children = self.skeleton(&n.children, pos);
                    out.push(Skel::Section {
                        node: n,
                        title,
                        pos: start,
                        end: *pos,
                        children,
                    });
                }
                Kind::Table(t) => {
                    flush(&mut prose, &mut out, pos);
                    let start = *pos;
                    *pos += 1;
                    let rows = t
                        .rows
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !r.blank)
                        .map(|(i, _)| {
                            *pos += 1;
                            (i, *pos - 1)
                        })
                        .collect();
                    out.push(Skel::Table {
                        node: n,
                        table: t,
                        pos: start,
                        end: *pos,
                        rows,
                    });
                }
                _ => prose.push(n.clone()),
            }
        }
        flush(&mut prose, &mut out, pos);
        out
    }

    /// Records, for each code row, the part it is on.
    fn row_anchors(&mut self, s: &Skel<'a>, family: &Family<'a>) {
        match s {
            Skel::Section { children, .. } => {
                for c in children {
                    self.row_anchors(c, family);
                }
            }
            Skel::Table { table, rows, .. } => {
                let Some(ci) = catalog::code_column(table, &self.columns) else {
                    return;
                };
                for &(ri, pos) in rows {
                    if let Some(cell) = table.rows[ri].cells.get(ci)
                        && let Some(&e) = self.by_code.get(html_to_text(&cell.html).as_str())
                    {
                        self.anchors[e] = family.part_of(pos);
                    }
                }
            }
            Skel::Prose { .. } => {}
        }
    }

    /// A link from `from` to the id on the part of page `fi` that holds it.
    fn id_href(&self, fi: usize, id: &str, from: &str) -> Option<String> {
        let family = &self.families[fi];
        let part = *family.ids.get(id)?;
        Some(format!(
            "{}#{}",
            relative(from, &family.parts[part]),
            encode_path(id)
        ))
    }

    /// Points in-page links (`href="#id"`) whose target went to another
    /// part at that part.
    fn fix_links(&self, fi: usize, from: &str, html: String) -> String {
        let family = &self.families[fi];
        if family.parts.len() == 1 && family.parts[0] == from || !html.contains("href=\"#") {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(at) = rest.find("href=\"#") {
            let (before, after) = rest.split_at(at + "href=\"".len());
            out.push_str(before);
            let end = after.find('"').unwrap_or(after.len());
            let target = &after[1..end];
            let id = percent_decode(&unescape_attr(target));
            match family.ids.get(&id) {
                Some(&part) if family.parts[part] != from => {
                    out.push_str(&parse::escape(&relative(from, &family.parts[part])));
                }
                _ => {}
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }

    fn part_view(&self, fi: usize, pi: usize, title: &str) -> Result<PageView> {
        let family = &self.families[fi];
        let path = &family.parts[pi];
        let range = family.cuts[pi]..family.cuts.get(pi + 1).copied().unwrap_or(usize::MAX);
        let blocks = self.part_blocks(fi, &family.skel, &range, path, 1);
        let n = family.parts.len();
        let (pager, contents) = if n > 1 {
            let mut codes = Vec::new();
            first_last_codes(&blocks, &mut codes);
            let href = |k: usize| relative(path, &family.parts[k]);
            let pager = PagerView {
                family: family.parts[0].clone(),
                number: pi + 1,
                count: n,
                first: href(0),
                prev: (pi > 0).then(|| href(pi - 1)),
                next: (pi + 1 < n).then(|| href(pi + 1)),
                last: href(n - 1),
                first_code: codes.first().cloned(),
                last_code: codes.last().cloned(),
            };
            let contents = if pi == 0 {
                groups_of(&self.cat.pages[fi])
                    .into_iter()
                    .filter_map(|(id, title)| {
                        Some(GroupLink {
                            title,
                            href: self.id_href(fi, &id, path)?,
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            (Some(pager), contents)
        } else {
            (None, Vec::new())
        };
        Ok(PageView {
            title: if pi == 0 {
                title.to_string()
            } else {
                format!("{title} (page {} of {n})", pi + 1)
            },
            blocks,
            pages: Vec::new(),
            pager,
            contents,
        })
    }

    fn part_blocks(
        &self,
        fi: usize,
        skel: &[Skel<'a>],
        range: &std::ops::Range<usize>,
        path: &str,
        depth: usize,
    ) -> Vec<BlockView> {
        let mut out = Vec::new();
        for s in skel {
            match s {
                Skel::Section {
                    node,
                    title,
                    pos,
                    end,
                    children,
                } => {
                    if *end <= range.start || *pos >= range.end {
                        continue;
                    }
                    let here = range.contains(pos);
                    out.push(BlockView {
                        kind: "section",
                        section: Some(SectionView {
                            id: if here {
                                node.ids.first().cloned().unwrap_or_default()
                            } else {
                                String::new()
                            },
                            extra_ids: if here {
                                node.ids.iter().skip(1).cloned().collect()
                            } else {
                                Vec::new()
                            },
                            title_html: self.fix_links(fi, path, title.html.clone()),
                            heading: depth.min(6),
                            continued: !here,
                            blocks: self.part_blocks(fi, children, range, path, depth + 1),
                        }),
                        table: None,
                        html: String::new(),
                    });
                }
                Skel::Table {
                    node,
                    table,
                    pos,
                    end,
                    rows,
                } => {
                    if *end <= range.start || *pos >= range.end {
                        continue;
                    }
                    let rows: Vec<usize> = rows
                        .iter()
                        .filter(|(_, p)| range.contains(p))
                        .map(|(i, _)| *i)
                        .collect();
                    out.push(BlockView {
                        kind: "table",
                        section: None,
                        table: Some(self.table(fi, node, table, &rows, range.contains(pos), path)),
                        html: String::new(),
                    });
                }
                Skel::Prose { nodes, pos } => {
                    if range.contains(pos) {
                        out.push(BlockView {
                            kind: "prose",
                            section: None,
                            table: None,
                            html: self.fix_links(fi, path, parse::nodes_html(nodes)),
                        });
                    }
                }
            }
        }
        out
    }

    fn table(
        &self,
        fi: usize,
        node: &Node,
        t: &parse::Table,
        rows: &[usize],
        start: bool,
        path: &str,
    ) -> TableView {
        let code_col = catalog::code_column(t, &self.columns);
        let labels = catalog::column_names(t);
        TableView {
            id: node.ids.first().cloned().filter(|_| start),
            extra_ids: if start {
                node.ids.iter().skip(1).cloned().collect()
            } else {
                Vec::new()
            },
            caption_html: t.title.as_ref().map(|c| c.html.clone()),
            header: t
                .header
                .iter()
                .filter(|r| r.cells.iter().any(|c| !c.source.trim().is_empty()))
                .map(|r| r.cells.iter().map(|c| c.html.clone()).collect())
                .collect(),
            rows: rows
                .iter()
                .map(|&ri| {
                    let r = &t.rows[ri];
                    let code = code_col
                        .and_then(|ci| r.cells.get(ci))
                        .map(|c| html_to_text(&c.html));
                    let target = code
                        .as_deref()
                        .and_then(|c| self.by_code.get(c))
                        .map(|&e| &self.code_paths[e]);
                    RowView {
                        anchor: code.clone().filter(|_| target.is_some()),
                        cells: r
                            .cells
                            .iter()
                            .enumerate()
                            .map(|(i, c)| CellView {
                                html: self.fix_links(fi, path, c.html.clone()),
                                label: labels.get(i).cloned().unwrap_or_default(),
                                href: (Some(i) == code_col)
                                    .then(|| target.map(|p| relative(path, p)))
                                    .flatten(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        }
    }

    /// The part path holding entry `i`'s row.
    fn anchor_path(&self, i: usize) -> &str {
        let e = &self.cat.entries[i];
        &self.families[e.page].parts[self.anchors[i]]
    }

    fn code_view(&self, i: usize, site: &SiteView) -> Result<CodeView> {
        let e = &self.cat.entries[i];
        let path = self.code_paths[i].as_str();
        let page = &self.cat.pages[e.page];
        let section = catalog::find_section(&page.doc.children, &e.group);
        let (group_title, notes) = match section {
            Some(s) => (
                match &s.kind {
                    Kind::Section { title, .. } => collapse(&title.text),
                    _ => String::new(),
                },
                parse::nodes_html(
                    &s.children
                        .iter()
                        .filter(|c| matches!(c.kind, Kind::Admonition { .. }))
                        .cloned()
                        .collect::<Vec<_>>(),
                ),
            ),
            None => (page_title(page).unwrap_or_default(), String::new()),
        };
        let (message, rest) = match e.fields.split_first() {
            Some((m, rest)) => (Some(m), rest),
            None => (None, &[][..]),
        };
        let rel_file = self.rel_file(e);
        let neighbour = |k: Option<usize>| {
            k.and_then(|k| self.cat.entries.get(k).map(|n| (k, n)))
                .map(|(k, n)| NeighbourView {
                    code: n.code.to_string(),
                    href: relative(path, &self.code_paths[k]),
                })
        };
        let page_href = relative(path, self.anchor_path(i));
        let group_href = self
            .id_href(e.page, &e.group, path)
            .unwrap_or_else(|| relative(path, &self.families[e.page].parts[0]));
        Ok(CodeView {
            code: e.code.to_string(),
            message: message.map(|m| m.text.clone()).filter(|t| !t.is_empty()),
            message_html: message.map(|m| m.html.clone()).filter(|t| !t.is_empty()),
            fields: rest
                .iter()
                .map(|f| FieldView {
                    name: f.name.clone(),
                    html: f.html.clone(),
                })
                .collect(),
            group_title,
            group_href,
            notes,
            url: match &site.base_url {
                Some(b) => format!("{b}{}", encode_path(path)),
                None => String::new(),
            },
            source: format!("{rel_file}:{}", e.source.line),
            source_href: format!("{page_href}#{}", encode_path(e.code.as_str())),
            edit_url: self.config.site.repository.as_ref().map(|r| {
                format!(
                    "{}{}#L{}",
                    if r.ends_with('/') {
                        r.clone()
                    } else {
                        format!("{r}/")
                    },
                    encode_path(&rel_file),
                    e.source.line
                )
            }),
            prev: neighbour(i.checked_sub(1)),
            next: neighbour(Some(i + 1)),
        })
    }

    fn rel_file(&self, e: &Entry) -> String {
        e.source
            .file
            .strip_prefix(&self.cat.root)
            .unwrap_or(&e.source.file)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// `catalog.json`, streamed: the export document plus each entry's page
    /// (`url`) and row (`anchor`), and the groups. Keys sorted, two-space
    /// indent (the bytes `serde_json::to_string_pretty` gives for the whole).
    fn catalog_json(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let item = |w: &mut Vec<u8>, v: &Value, first: bool| -> std::io::Result<()> {
            let text = serde_json::to_string_pretty(v).map_err(std::io::Error::other)?;
            w.write_all(if first { b"\n    " } else { b",\n    " })?;
            w.write_all(text.replace('\n', "\n    ").as_bytes())
        };
        w.write_all(b"{\n  \"entries\": [")?;
        let entry = |i: usize| -> std::io::Result<Vec<u8>> {
            let e = &self.cat.entries[i];
            let mut v = serde_json::to_value(e).map_err(std::io::Error::other)?;
            v["url"] = json!(self.code_paths[i]);
            v["anchor"] = json!(format!("{}#{}", self.anchor_path(i), e.code));
            v["source"]["file"] = json!(self.rel_file(e));
            let mut buf = Vec::new();
            item(&mut buf, &v, i == 0)?;
            Ok(buf)
        };
        for start in (0..self.cat.entries.len()).step_by(CHUNK * 4) {
            let end = (start + CHUNK * 4).min(self.cat.entries.len());
            let parts: Vec<std::io::Result<Vec<u8>>> =
                (start..end).into_par_iter().map(entry).collect();
            for p in parts {
                w.write_all(&p?)?;
            }
        }
        w.write_all(if self.cat.entries.is_empty() {
            b"]"
        } else {
            b"\n  ]"
        })?;
        let mut groups = Vec::new();
        for (fi, page) in self.cat.pages.iter().enumerate() {
            collect_groups(&page.doc.children, &self.families[fi], &mut groups);
        }
        w.write_all(b",\n  \"groups\": [")?;
        for (i, g) in groups.iter().enumerate() {
            let mut buf = Vec::new();
            item(&mut buf, g, i == 0)?;
            w.write_all(&buf)?;
        }
        w.write_all(if groups.is_empty() { b"]" } else { b"\n  ]" })?;
        w.write_all(b",\n  \"schema\": \"errdocs.catalog/1\"\n}\n")
    }
}

/// Calls `f(position, Some(row bytes))` for each row and `f(position, None)`
/// for everything else, in document order.
fn walk_items(skel: &[Skel<'_>], f: &mut dyn FnMut(usize, Option<usize>)) {
    for s in skel {
        match s {
            Skel::Section { pos, children, .. } => {
                f(*pos, None);
                walk_items(children, f);
            }
            Skel::Table {
                table, pos, rows, ..
            } => {
                f(*pos, None);
                for &(ri, p) in rows {
                    let bytes = table.rows[ri]
                        .cells
                        .iter()
                        .map(|c| c.html.len() + 64)
                        .sum::<usize>();
                    f(p, Some(bytes));
                }
            }
            Skel::Prose { pos, .. } => f(*pos, None),
        }
    }
}

/// Every id of the page → its part.
fn collect_ids(skel: &[Skel<'_>], family: &Family<'_>, out: &mut HashMap<String, usize>) {
    fn node_ids(n: &Node, part: usize, out: &mut HashMap<String, usize>) {
        for id in &n.ids {
            out.entry(id.clone()).or_insert(part);
        }
        for c in &n.children {
            node_ids(c, part, out);
        }
    }
    for s in skel {
        match s {
            Skel::Section {
                node,
                pos,
                children,
                ..
            } => {
                for id in &node.ids {
                    out.entry(id.clone()).or_insert(family.part_of(*pos));
                }
                collect_ids(children, family, out);
            }
            Skel::Table { node, pos, .. } => {
                for id in &node.ids {
                    out.entry(id.clone()).or_insert(family.part_of(*pos));
                }
            }
            Skel::Prose { nodes, pos } => {
                for n in nodes {
                    node_ids(n, family.part_of(*pos), out);
                }
            }
        }
    }
}

/// The codes of a part's rows, in order.
fn first_last_codes(blocks: &[BlockView], out: &mut Vec<String>) {
    for b in blocks {
        if let Some(s) = &b.section {
            first_last_codes(&s.blocks, out);
        }
        if let Some(t) = &b.table {
            out.extend(t.rows.iter().filter_map(|r| r.anchor.clone()));
        }
    }
}

fn unescape_attr(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn collect_groups(nodes: &[Node], family: &Family<'_>, out: &mut Vec<Value>) {
    for n in nodes {
        if let Kind::Section { title, .. } = &n.kind {
            let part = n
                .ids
                .first()
                .and_then(|id| family.ids.get(id))
                .copied()
                .unwrap_or(0);
            out.push(json!({
                "id": n.ids.first(),
                "title": collapse(&title.text),
                "ids": n.ids,
                "page": family.parts[part],
            }));
            collect_groups(&n.children, family, out);
        }
    }
}
