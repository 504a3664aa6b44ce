//! The site: Tera templates over the view structs in [`view`], plus the
//! search index, `catalog.json`, its schema, the sitemap and the assets.
//!
//! [`code_path`] is the only place a code becomes a path.

pub mod view;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};
use tera::Tera;

use crate::catalog::{self, Catalog, Entry, Page, collapse};
use crate::check;
use crate::config::Config;
use crate::export;
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

struct Ctx<'a> {
    cat: &'a Catalog,
    config: &'a Config,
    columns: Vec<String>,
    single: bool,
    /// code → page path
    code_paths: BTreeMap<&'a str, String>,
}

/// Renders the whole site into memory.
pub fn render(cat: &Catalog, config: &Config, templates: Option<&Path>) -> Result<Files> {
    let tera = load_templates(templates)?;
    let columns = catalog::code_column_names(&config.catalog.code_columns);
    let single = cat.pages.len() == 1;
    let mut code_paths = BTreeMap::new();
    for e in &cat.entries {
        code_paths.insert(
            e.code.as_str(),
            code_path(&config.site.url_pattern, e.code.as_str(), &e.group)?,
        );
    }
    let ctx = Ctx {
        cat,
        config,
        columns,
        single,
        code_paths,
    };
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
    let mut files = Files::new();
    let mut urls: Vec<String> = Vec::new();

    // Pages.
    let mut page_links = Vec::new();
    for page in &cat.pages {
        let path = page_path(cat, page, single);
        let view = PageView {
            title: page_title(page).unwrap_or_else(|| site.title.clone()),
            blocks: ctx.blocks(&page.doc.children, &path, 1),
            pages: Vec::new(),
        };
        page_links.push(PageLink {
            title: view.title.clone(),
            href: path.clone(),
            groups: groups_of(page)
                .into_iter()
                .map(|(id, title)| GroupLink {
                    title,
                    href: format!("{}#{id}", encode_path(&path)),
                })
                .collect(),
        });
        let html = render_page(&tera, "index.html", &site, &path, Some(&view), None)?;
        files.insert(path.clone(), html.into_bytes());
        urls.push(path);
    }
    if !single {
        let view = PageView {
            title: site.title.clone(),
            blocks: Vec::new(),
            pages: page_links,
        };
        let html = render_page(&tera, "index.html", &site, "index.html", Some(&view), None)?;
        files.insert("index.html".into(), html.into_bytes());
        urls.insert(0, "index.html".into());
    }

    // One page per code.
    for (i, e) in cat.entries.iter().enumerate() {
        let path = ctx.code_paths[e.code.as_str()].clone();
        let view = ctx.code_view(i, e, &path, &site)?;
        let html = render_page(&tera, "code.html", &site, &path, None, Some(&view))?;
        if files.insert(path.clone(), html.into_bytes()).is_some() {
            bail!("two codes map to the same page {path}; check the url-pattern");
        }
        urls.push(path);
    }

    // 404: with a base_url its links are absolute, so it works at any depth.
    let html = render_page(&tera, "404.html", &site, "404.html", None, None)?;
    files.insert("404.html".into(), html.into_bytes());

    files.insert("search-index.js".into(), ctx.search_index().into_bytes());
    files.insert("catalog.json".into(), ctx.catalog_json().into_bytes());
    files.insert(
        "catalog.schema.json".into(),
        CATALOG_SCHEMA.as_bytes().to_vec(),
    );
    for (name, body) in assets(templates)? {
        files.insert(name, body);
    }
    if let Some(base) = &site.base_url {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for u in &urls {
            xml.push_str(&format!(
                "  <url><loc>{}{}</loc></url>\n",
                parse::escape(base),
                parse::escape(&encode_path(u))
            ));
        }
        xml.push_str("</urlset>\n");
        files.insert("sitemap.xml".into(), xml.into_bytes());
    }
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

impl Ctx<'_> {
    fn blocks(&self, nodes: &[Node], path: &str, depth: usize) -> Vec<BlockView> {
        let mut out = Vec::new();
        let mut prose: Vec<Node> = Vec::new();
        let flush = |prose: &mut Vec<Node>, out: &mut Vec<BlockView>| {
            if !prose.is_empty() {
                out.push(BlockView {
                    kind: "prose",
                    section: None,
                    table: None,
                    html: parse::nodes_html(prose),
                });
                prose.clear();
            }
        };
        for n in nodes {
            match &n.kind {
                Kind::Section { title, .. } => {
                    flush(&mut prose, &mut out);
                    out.push(BlockView {
                        kind: "section",
                        section: Some(SectionView {
                            id: n.ids.first().cloned().unwrap_or_default(),
                            extra_ids: n.ids.iter().skip(1).cloned().collect(),
                            title_html: title.html.clone(),
                            heading: depth.min(6),
                            blocks: self.blocks(&n.children, path, depth + 1),
                        }),
                        table: None,
                        html: String::new(),
                    });
                }
                Kind::Table(t) => {
                    flush(&mut prose, &mut out);
                    out.push(BlockView {
                        kind: "table",
                        section: None,
                        table: Some(self.table(n, t, path)),
                        html: String::new(),
                    });
                }
                _ => prose.push(n.clone()),
            }
        }
        flush(&mut prose, &mut out);
        out
    }

    fn table(&self, node: &Node, t: &parse::Table, path: &str) -> TableView {
        let code_col = catalog::code_column(t, &self.columns);
        let labels = catalog::column_names(t);
        TableView {
            id: node.ids.first().cloned(),
            extra_ids: node.ids.iter().skip(1).cloned().collect(),
            caption_html: t.title.as_ref().map(|c| c.html.clone()),
            header: t
                .header
                .iter()
                .filter(|r| r.cells.iter().any(|c| !c.source.trim().is_empty()))
                .map(|r| r.cells.iter().map(|c| c.html.clone()).collect())
                .collect(),
            rows: t
                .rows
                .iter()
                .filter(|r| !r.blank)
                .map(|r| {
                    let code = code_col
                        .and_then(|ci| r.cells.get(ci))
                        .map(|c| html_to_text(&c.html));
                    let target = code.as_deref().and_then(|c| self.code_paths.get(c));
                    RowView {
                        anchor: code.clone().filter(|_| target.is_some()),
                        cells: r
                            .cells
                            .iter()
                            .enumerate()
                            .map(|(i, c)| CellView {
                                html: c.html.clone(),
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

    fn code_view(&self, i: usize, e: &Entry, path: &str, site: &SiteView) -> Result<CodeView> {
        let page = &self.cat.pages[e.page];
        let page_file = page_path(self.cat, page, self.single);
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
        let rel_file = e
            .source
            .file
            .strip_prefix(&self.cat.root)
            .unwrap_or(&e.source.file)
            .to_string_lossy()
            .replace('\\', "/");
        let neighbour = |k: Option<usize>| {
            k.and_then(|k| self.cat.entries.get(k))
                .map(|n| NeighbourView {
                    code: n.code.to_string(),
                    href: relative(path, &self.code_paths[n.code.as_str()]),
                })
        };
        let page_href = relative(path, &page_file);
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
            group_href: format!("{page_href}#{}", encode_path(&e.group)),
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

    fn search_index(&self) -> String {
        let codes: Vec<Value> = self
            .cat
            .entries
            .iter()
            .map(|e| {
                let message = e.fields.first().map(|f| f.text.clone()).unwrap_or_default();
                let rest: Vec<&str> = e.fields.iter().skip(1).map(|f| f.text.as_str()).collect();
                json!([
                    e.code.as_str(),
                    self.code_paths[e.code.as_str()],
                    collapse(&message),
                    collapse(&rest.join(" ")),
                ])
            })
            .collect();
        let body = serde_json::to_string(&json!({ "codes": codes })).unwrap_or_default();
        format!("window.ERRDOCS_INDEX = {body};\n")
    }

    fn catalog_json(&self) -> String {
        let mut doc: Value =
            serde_json::from_str(&export::export_json(self.cat)).unwrap_or_default();
        if let Some(entries) = doc["entries"].as_array_mut() {
            for (v, e) in entries.iter_mut().zip(&self.cat.entries) {
                let page = page_path(self.cat, &self.cat.pages[e.page], self.single);
                v["url"] = json!(self.code_paths[e.code.as_str()]);
                v["anchor"] = json!(format!("{page}#{}", e.code));
                v["source"]["file"] = json!(
                    e.source
                        .file
                        .strip_prefix(&self.cat.root)
                        .unwrap_or(&e.source.file)
                        .to_string_lossy()
                        .replace('\\', "/")
                );
            }
        }
        let mut groups = Vec::new();
        for page in &self.cat.pages {
            let file = page_path(self.cat, page, self.single);
            collect_groups(&page.doc.children, &file, &mut groups);
        }
        doc["groups"] = json!(groups);
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }
}

fn collect_groups(nodes: &[Node], page: &str, out: &mut Vec<Value>) {
    for n in nodes {
        if let Kind::Section { title, .. } = &n.kind {
            out.push(json!({
                "id": n.ids.first(),
                "title": collapse(&title.text),
                "ids": n.ids,
                "page": page,
            }));
            collect_groups(&n.children, page, out);
        }
    }
}
