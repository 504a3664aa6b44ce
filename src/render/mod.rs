//! The site: Tera templates over the view structs in [`view`], plus the
//! search index (`search`), `catalog.json` (through [`crate::export`]),
//! its schema, the sitemap and the assets. Reads only the resolved
//! [`Catalog`]; every URL comes from [`crate::urls`].

mod compiled;
pub mod inventory;
mod languages;
mod search;
mod split;
pub mod ui;
pub mod view;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use rayon::prelude::*;
use tera::Tera;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::contract::{self, Redirect};
use crate::export::{self, SiteLinks};
use crate::html::escape;
use crate::output::{Files, Fingerprint, Marked, Sink};
use crate::text::{collapse, percent_decode};
use crate::urls::{self, encode_path, relative};
use languages::{Kind, Languages};
use split::{Placed, SplitPage};
use view::*;

/// The built-in templates (overridable by `--templates DIR`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("code.html", include_str!("../../templates/code.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "redirect.html",
        include_str!("../../templates/redirect.html"),
    ),
];

/// The built-in assets, copied as they are (overridable like templates).
pub const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("errdocs.js", include_str!("../../templates/errdocs.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
];

/// JSON Schema of `catalog.json`.
pub const CATALOG_SCHEMA: &str = include_str!("catalog.schema.json");

/// Code pages rendered at once (in parallel), written in order while the
/// next are rendered.
const CHUNK: usize = 256;

/// Index parts rendered at once (in parallel).
const PARTS_AT_ONCE: usize = 4;

/// Where everything of the site goes: each code's page, each catalog page's
/// parts, and the part holding each code's row.
struct Layout<'a> {
    cat: &'a Catalog,
    config: &'a Config,
    /// Entry index → its page's path.
    code_paths: Vec<String>,
    /// Code → entry index (the first, should a code be documented twice).
    by_code: HashMap<&'a str, usize>,
    /// One per catalog page.
    pages: Vec<SplitPage<'a>>,
    /// Entry index → the part (of its page) holding its row.
    row_parts: Vec<usize>,
    /// Pages that moved: old path → new.
    redirects: Vec<Redirect>,
    /// Entry index → its message as text ([`Catalog::message_text`]),
    /// computed once (in parallel), when first needed.
    message_texts: std::sync::OnceLock<Vec<String>>,
    /// What relates codes ([`Layout::related`]), computed once.
    relatable: std::sync::OnceLock<Relatable>,
}

/// Per entry: the words of its message that relate codes (lower case, no
/// stop words), as sorted numbers (one per distinct word), and its group as
/// a number.
struct Relatable {
    words: Vec<Vec<u32>>,
    groups: Vec<u32>,
}

/// What the fingerprints of an incremental build are salted with: this
/// errdocs' version and a hash of the source it was built from (`build.rs`),
/// so a page that another errdocs rendered is never taken for current.
pub const SALT: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("ERRDOCS_SOURCE_HASH"));

/// Renders the whole site into `sink`, one file at a time.
pub fn render(
    cat: &Catalog,
    config: &Config,
    templates: Option<&Path>,
    sink: &mut dyn Sink,
) -> Result<()> {
    render_site(std::slice::from_ref(cat), config, templates, sink)
}

/// Renders the site of every language's catalog (the default first, at the
/// site root; each other under `<tag>/`), then the assets they share.
pub fn render_site(
    cats: &[Catalog],
    config: &Config,
    templates: Option<&Path>,
    sink: &mut dyn Sink,
) -> Result<()> {
    render_site_salted(cats, config, templates, SALT, sink)
}

/// [`render_site`] with the fingerprints salted with `salt` instead of
/// [`SALT`] (tests: what another errdocs would do).
///
/// Every file is fingerprinted with what it is made of, and the sink asked
/// whether the previous build's file can stay ([`Sink::reuse`]): a page's
/// fingerprint hashes the salt, the templates and the very values its
/// template is given (so nothing it shows can change without it); the files
/// made from the whole catalog (search index, `catalog.json`, the inventory,
/// the sitemap, the 404 page) share one fingerprint of every input (every
/// language's catalog files, the configuration, templates, assets and UI
/// strings). Templates calling Tera's `now`, `get_random` or `get_env`
/// make a site that is never reused.
pub fn render_site_salted(
    cats: &[Catalog],
    config: &Config,
    templates: Option<&Path>,
    salt: &str,
    sink: &mut dyn Sink,
) -> Result<()> {
    let owned;
    let set = match templates {
        None => built_in(),
        Some(_) => {
            owned = load_templates(templates)?;
            &owned
        }
    };
    let layouts: Vec<Layout<'_>> = cats
        .iter()
        .map(|c| Layout::new(c, config))
        .collect::<Result<_>>()?;
    let langs = Languages::new(&layouts);
    let assets = assets(templates)?;
    let uis: Vec<ui::Ui> = layouts
        .iter()
        .map(|layout| {
            let lang = &layout.cat.language;
            let overrides = config
                .languages
                .get(lang.index)
                .map(|c| c.ui.clone())
                .unwrap_or_default();
            ui::strings(&lang.tag, templates, &overrides)
        })
        .collect::<Result<_>>()?;
    let site_fp = set
        .pure
        .then(|| site_inputs(cats, config, set, &assets, &uis, salt));
    // With every template too, that is every input of every file: a
    // previous build made from the same stays whole, and no page need even
    // be fingerprinted.
    if let Some(inputs) = site_fp {
        let mut each: Vec<(&String, &Fingerprint)> = set.each.iter().collect();
        each.sort();
        let all = fingerprint(|h| {
            h.part(inputs.to_le_bytes()).part("every file");
            for (name, fp) in each {
                h.part(name).part(fp.to_le_bytes());
            }
            h
        });
        if sink.reuse_site(all)? {
            return Ok(());
        }
    }
    for ((l, layout), ui) in layouts.iter().enumerate().zip(uis) {
        let mut sub = Prefixed {
            prefix: &layout.cat.language.prefix,
            sink: &mut *sink,
        };
        render_language(&langs, l, set, ui, config, &assets, salt, site_fp, &mut sub)?;
    }
    // The assets: each as it is (a copy, nothing to render), so fingerprinted
    // by its bytes.
    for (name, body) in &assets {
        let fp = fingerprint(|h| h.part(salt).part(name).part(body));
        if !sink.reuse(name, fp)? {
            sink.file(name, body)?;
        }
    }
    Ok(())
}

/// The built-in templates, compiled once per process (`serve` rebuilds,
/// the render fuzz target); a templates folder is read anew each time.
fn built_in() -> &'static Templates {
    static BUILT_IN: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    BUILT_IN.get_or_init(|| load_templates(None).expect("the built-in templates compile"))
}

/// Compiles the built-in templates now (a build does it on a thread of its
/// own while it reads the catalog).
pub fn warm_up() {
    built_in();
}

/// The built-in or given templates, compiled, with hashes of their sources.
struct Templates {
    tera: Tera,
    /// Template name → hash of its source and of every template it names
    /// (extends, includes, imports), transitively.
    each: HashMap<String, Fingerprint>,
    /// No template calls a Tera function whose result is not a function of
    /// its context (`now`, `get_random`, `get_env`).
    pure: bool,
    /// `code.html` and what it needs are the built-in ones: code pages are
    /// written by [`compiled::code_page`] (the same bytes, faster).
    compiled_code: bool,
    /// The same for `index.html` ([`compiled::index_page`]).
    compiled_index: bool,
}

/// A hasher for fingerprints (xxh3-128), fed with parts that are kept apart.
struct Hasher(xxhash_rust::xxh3::Xxh3);

impl Hasher {
    /// Adds `bytes` and their length (so that parts cannot run together).
    fn part(&mut self, bytes: impl AsRef<[u8]>) -> &mut Self {
        let bytes = bytes.as_ref();
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a value as the JSON it serialises to.
    fn json(&mut self, value: &impl serde::Serialize) -> &mut Self {
        thread_local! {
            /// The JSON, written whole before it is hashed: the hasher takes
            /// one long slice much faster than the serialiser's many short
            /// writes.
            static JSON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        JSON.with_borrow_mut(|buf| {
            buf.clear();
            // Serialising cannot fail but for a map with non-string keys,
            // which no view has; should one, the marker keeps that
            // fingerprint apart.
            if serde_json::to_writer(&mut *buf, value).is_err() {
                buf.extend_from_slice(b"unserialisable");
            }
            self.0.update(buf);
        });
        self.part([0xff])
    }
}

fn fingerprint(fill: impl FnOnce(&mut Hasher) -> &mut Hasher) -> Fingerprint {
    let mut h = Hasher(xxhash_rust::xxh3::Xxh3::new());
    fill(&mut h);
    h.0.digest128()
}

/// The fingerprint of every input of the site: the salt, every language's
/// catalog files (by their path in the catalog folder), the configuration,
/// the templates, assets and UI strings.
fn site_inputs(
    cats: &[Catalog],
    config: &Config,
    set: &Templates,
    assets: &[(String, Vec<u8>)],
    uis: &[ui::Ui],
    salt: &str,
) -> Fingerprint {
    fingerprint(|h| {
        h.part(salt);
        // The templates of the files made from the whole catalog.
        for t in ["404.html", "sitemap.xml"] {
            h.part(t)
                .part(set.each.get(t).copied().unwrap_or_default().to_le_bytes());
        }
        // The configuration as read (`Debug` shows every field; the
        // configuration holds no hash maps, so its order is stable).
        h.part(format!("{config:?}"));
        for (name, body) in assets {
            h.part(name).part(body);
        }
        for (cat, ui) in cats.iter().zip(uis) {
            h.part(&cat.language.tag)
                .part(&cat.language.prefix)
                .json(ui);
            for f in &cat.files {
                h.part(cat.source_path(&f.path)).part(&f.text);
            }
        }
        h
    })
}

/// A sink that puts every path under a language's folder.
struct Prefixed<'s> {
    prefix: &'s str,
    sink: &'s mut dyn Sink,
}

impl Sink for Prefixed<'_> {
    fn file(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        if self.prefix.is_empty() {
            return self.sink.file(path, bytes);
        }
        self.sink.file(&format!("{}{path}", self.prefix), bytes)
    }

    fn stream(
        &mut self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        if self.prefix.is_empty() {
            return self.sink.stream(path, write);
        }
        self.sink.stream(&format!("{}{path}", self.prefix), write)
    }

    fn reuse(&mut self, path: &str, fp: Fingerprint) -> Result<bool> {
        self.sink.reuse(&format!("{}{path}", self.prefix), fp)
    }

    fn reuse_all(&mut self, dir: &str, fp: Fingerprint) -> Result<bool> {
        self.sink.reuse_all(&format!("{}{dir}", self.prefix), fp)
    }

    fn mark(&mut self, path: &str, fp: Fingerprint) {
        self.sink.mark(&format!("{}{path}", self.prefix), fp);
    }

    fn reuse_many(&mut self, files: &[(&str, Fingerprint)]) -> Result<Vec<bool>> {
        if self.prefix.is_empty() {
            return self.sink.reuse_many(files);
        }
        let paths: Vec<String> = files
            .iter()
            .map(|(p, _)| format!("{}{p}", self.prefix))
            .collect();
        let files: Vec<(&str, Fingerprint)> = paths
            .iter()
            .zip(files)
            .map(|(p, &(_, fp))| (p.as_str(), fp))
            .collect();
        self.sink.reuse_many(&files)
    }

    fn has_previous(&self) -> bool {
        self.sink.has_previous()
    }
}

/// What every page of one language's site shares: the templates, the site
/// view, the other languages.
struct Frame<'a> {
    tera: &'a Tera,
    site: SiteView,
    langs: &'a Languages<'a>,
    /// This language's index in [`Languages::layouts`].
    lang: usize,
    /// What every page's fingerprint starts from (the salt, the site
    /// view); `None` when the templates are not pure.
    base: Option<Fingerprint>,
    /// Each template's hash, with those it needs ([`Templates::each`]).
    template_fps: &'a HashMap<String, Fingerprint>,
    /// [`Templates::compiled_code`].
    compiled_code: bool,
    /// [`Templates::compiled_index`].
    compiled_index: bool,
}

/// What a page's template is given besides `site`: its whole input.
#[derive(serde::Serialize)]
struct PageInputs<'v> {
    root: String,
    assets: String,
    /// Absent (not `null`) on redirect pages, as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    canonical: Option<Option<String>>,
    alternates: Vec<AlternateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'v PageView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'v CodeView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect: Option<&'v RedirectView>,
}

impl<'v> Frame<'_> {
    /// The inputs of `template` for the page at `path` (relative to this
    /// language's root).
    fn inputs(
        &self,
        path: &str,
        kind: Kind<'_>,
        page: Option<&'v PageView>,
        code: Option<&'v CodeView>,
    ) -> PageInputs<'v> {
        PageInputs {
            root: urls::root_of(path),
            assets: self.langs.assets(self.lang, path),
            canonical: Some(self.site.base_url.as_ref().map(|b| urls::absolute(b, path))),
            alternates: self.langs.alternates(self.lang, kind, path),
            page,
            code,
            redirect: None,
        }
    }

    /// The fingerprint of `template` rendered at `path` from `inputs`.
    fn fingerprint(
        &self,
        template: &str,
        path: &str,
        inputs: &PageInputs<'_>,
    ) -> Option<Fingerprint> {
        let base = self.base?;
        let template_fp = self.template_fps.get(template)?;
        Some(fingerprint(|h| {
            h.part(base.to_le_bytes())
                .part(template_fp.to_le_bytes())
                .part(path)
                .json(inputs)
        }))
    }

    fn render(&self, template: &str, inputs: &PageInputs<'_>) -> Result<String> {
        self.render_in(&mut self.context(), template, inputs)
    }

    /// A context holding `site` (what every page shares), for
    /// [`Frame::render_in`].
    fn context(&self) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", &self.site);
        context
    }

    /// Renders with `context` ([`Frame::context`]) given this page's
    /// inputs: a context serves many pages in turn, so the site view is
    /// not converted again for each.
    fn render_in(
        &self,
        context: &mut tera::Context,
        template: &str,
        inputs: &PageInputs<'_>,
    ) -> Result<String> {
        if self.compiled_code
            && template == "code.html"
            && let Some(code) = inputs.code
        {
            let mut out = String::with_capacity(8 * 1024);
            compiled::code_page(&mut out, &self.site, inputs, code);
            return Ok(out);
        }
        if self.compiled_index
            && template == "index.html"
            && let Some(page) = inputs.page
        {
            let mut out = String::with_capacity(64 * 1024);
            compiled::index_page(&mut out, &self.site, inputs, page);
            return Ok(out);
        }
        context.insert("root", &inputs.root);
        context.insert("assets", &inputs.assets);
        context.insert("alternates", &inputs.alternates);
        match &inputs.canonical {
            Some(c) => context.insert("canonical", c),
            None => drop(context.remove("canonical")),
        }
        match inputs.page {
            Some(v) => context.insert("page", v),
            None => drop(context.remove("page")),
        }
        match inputs.code {
            Some(v) => context.insert("code", v),
            None => drop(context.remove("code")),
        }
        match inputs.redirect {
            Some(v) => context.insert("redirect", v),
            None => drop(context.remove("redirect")),
        }
        render_template(self.tera, template, context)
    }

    /// Renders `template` at `path` into `sink`, unless the sink keeps the
    /// previous build's page.
    fn page(
        &self,
        sink: &mut dyn Sink,
        template: &str,
        path: &str,
        inputs: &PageInputs<'_>,
    ) -> Result<()> {
        if let Some(fp) = self.fingerprint(template, path, inputs)
            && sink.reuse(path, fp)?
        {
            return Ok(());
        }
        let html = self.render(template, inputs)?;
        sink.file(path, html.as_bytes())
    }

    /// Pages `0..n` of one template: `path` names each, `view` makes its
    /// view and `inputs` its inputs from that. With a previous build, every
    /// page's fingerprint is computed first (in parallel) and the sink keeps
    /// those it can; the rest are rendered `at_once` at a time in parallel
    /// while this thread writes the ones before ([`pipelined`]).
    #[allow(clippy::too_many_arguments)]
    fn pages<V: Send>(
        &self,
        sink: &mut dyn Sink,
        template: &str,
        n: usize,
        at_once: usize,
        path: impl Fn(usize) -> String + Sync,
        view: impl Fn(usize) -> V + Sync,
        inputs: impl for<'x> Fn(usize, &'x str, &'x V) -> PageInputs<'x> + Sync,
    ) -> Result<()> {
        let fp =
            |i: usize, path: &str, v: &V| self.fingerprint(template, path, &inputs(i, path, v));
        let mut todo: Vec<usize> = (0..n).collect();
        // With a previous build: each page's fingerprint, computed once.
        let mut known: Option<Vec<Option<Fingerprint>>> = None;
        if sink.has_previous() && self.base.is_some() {
            let probes: Vec<(String, Option<Fingerprint>)> = (0..n)
                .into_par_iter()
                .map(|i| {
                    let p = path(i);
                    let f = fp(i, &p, &view(i));
                    (p, f)
                })
                .collect();
            let asked: Vec<(&str, Fingerprint)> = probes
                .iter()
                .filter_map(|(p, f)| Some((p.as_str(), (*f)?)))
                .collect();
            let kept = sink.reuse_many(&asked)?;
            let kept: HashSet<&str> = asked
                .iter()
                .zip(kept)
                .filter(|(_, k)| *k)
                .map(|((p, _), _)| *p)
                .collect();
            todo.retain(|&i| !kept.contains(probes[i].0.as_str()));
            known = Some(probes.into_iter().map(|(_, f)| f).collect());
        }
        pipelined(
            sink,
            &todo,
            at_once,
            || self.context(),
            |context, i| {
                let p = path(i);
                let v = view(i);
                let f = match &known {
                    Some(known) => known[i],
                    None => fp(i, &p, &v),
                };
                let html = self.render_in(context, template, &inputs(i, &p, &v))?;
                Ok((p, f, html))
            },
        )
    }
}

/// A rendered page: its path, its fingerprint, its HTML.
type Rendered = (String, Option<Fingerprint>, String);

/// Renders `items` (`at_once` at a time, in parallel, on another thread)
/// while this thread writes them to `sink`, in order: the sink (the disk)
/// has one writer, and rendering never waits for it. An error stops both.
fn pipelined<S>(
    sink: &mut dyn Sink,
    items: &[usize],
    at_once: usize,
    init: impl Fn() -> S + Sync,
    render: impl Fn(&mut S, usize) -> Result<Rendered> + Sync,
) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Rendered>>>(1);
        let (init, render) = (&init, &render);
        scope.spawn(move || {
            for chunk in items.chunks(at_once.max(1)) {
                // `init` once per piece of work rayon splits off, not per page.
                let pages: Vec<Result<Rendered>> = chunk
                    .par_iter()
                    .map_init(init, |state, &i| render(state, i))
                    .collect();
                if tx.send(pages).is_err() {
                    // The writer stopped at an error.
                    break;
                }
            }
        });
        for pages in rx {
            for page in pages {
                let (path, fp, html) = page?;
                if let Some(fp) = fp {
                    sink.mark(&path, fp);
                }
                sink.file(&path, html.as_bytes())?;
            }
        }
        Ok(())
    })
}

/// One language's pages, search index, catalog.json and sitemap.
#[allow(clippy::too_many_arguments)]
fn render_language(
    langs: &Languages<'_>,
    l: usize,
    set: &Templates,
    ui: ui::Ui,
    config: &Config,
    assets: &[(String, Vec<u8>)],
    salt: &str,
    site_fp: Option<Fingerprint>,
    sink: &mut dyn Sink,
) -> Result<()> {
    let tera = &set.tera;
    let mut lap = crate::timings::Lap::new("render");
    let layout = &langs.layouts[l];
    let cat = layout.cat;
    let ui_json: BTreeMap<&str, &str> = ui
        .iter()
        .filter(|(k, _)| JS_UI.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let frame = Frame {
        tera,
        site: SiteView {
            title: config
                .site
                .title
                .clone()
                .or_else(|| cat.pages.iter().find_map(|p| p.title.clone()))
                .unwrap_or_else(|| "Error codes".into()),
            codes: cat.entries.len(),
            base_url: config
                .site
                .base_url
                .as_deref()
                .map(|b| format!("{}{}", urls::base_dir(b), cat.language.prefix)),
            lang: cat.language.tag.clone(),
            ui_json: serde_json::to_string(&ui_json)?.replace('<', "\\u003c"),
            ui,
        },
        langs,
        lang: l,
        base: None,
        template_fps: &set.each,
        compiled_code: set.compiled_code,
        compiled_index: set.compiled_index,
    };
    let frame = Frame {
        base: set
            .pure
            .then(|| fingerprint(|h| h.part(salt).json(&frame.site))),
        ..frame
    };
    lap.lap("paths and parts");
    index_pages(layout, &frame, sink)?;
    lap.lap("index pages");
    if !cat.entries.is_empty() {
        // Computed once for all pages (in parallel), timed on their own.
        layout.related(0);
        lap.lap("messages and their words");
    }
    // The files made from the whole catalog: kept together, or made anew.
    let whole = site_fp.map(|i| {
        fingerprint(|h| {
            h.part(i.to_le_bytes())
                .part("whole catalog")
                .part(&cat.language.prefix)
        })
    });
    let keep_whole = match whole {
        Some(fp) => sink.reuse_all("", fp)?,
        None => false,
    };
    let links = Links {
        layout,
        langs: (langs.layouts.len() > 1).then_some((langs, l)),
    };
    std::thread::scope(|scope| -> Result<()> {
        // The search index and the inventory are made in memory beside the
        // code pages (whose rendering waits for their one writer), and
        // written after them.
        let beside = (!keep_whole).then(|| {
            scope.spawn(|| -> Result<Buffered> {
                let mut buf = Buffered::default();
                search::write(layout, &mut buf)?;
                inventory::write(cat, &frame.site.title, &links, &mut buf)?;
                Ok(buf)
            })
        });
        code_pages(layout, &frame, sink)?;
        lap.lap("code pages");

        for r in &layout.redirects {
            let view = RedirectView {
                to: r.to.clone(),
                href: relative(&r.from, &r.to),
                canonical: frame
                    .site
                    .base_url
                    .as_ref()
                    .map(|b| urls::absolute(b, &r.to)),
            };
            let inputs = PageInputs {
                canonical: None,
                alternates: Vec::new(),
                redirect: Some(&view),
                ..frame.inputs(&r.from, Kind::Same(&r.from), None, None)
            };
            frame.page(sink, "redirect.html", &r.from, &inputs)?;
        }
        lap.lap("redirects");

        // The page the search form lands on (without JavaScript it says so).
        let inputs = frame.inputs("search.html", Kind::Same("search.html"), None, None);
        frame.page(sink, "search.html", "search.html", &inputs)?;

        let Some(beside) = beside else {
            lap.lap("whole-catalog files kept");
            return Ok(());
        };
        let mut marked;
        let sink: &mut dyn Sink = match whole {
            Some(fp) => {
                marked = Marked { sink, fp };
                &mut marked
            }
            None => sink,
        };
        not_found_page(&frame, config, assets, sink)?;
        let made = beside
            .join()
            .map_err(|_| anyhow!("the search index could not be made"))??;
        lap.lap("search index and objects.inv (made beside the code pages)");
        for (rel, bytes) in &made.0 {
            sink.file(rel, bytes)?;
        }
        drop(made);
        sink.stream("catalog.json", &mut |w| {
            export::write_catalog(w, cat, Some(&links))
        })?;
        lap.lap("catalog.json");
        sink.file("catalog.schema.json", CATALOG_SCHEMA.as_bytes())?;
        if let Some(base) = &frame.site.base_url {
            let mut context = tera::Context::new();
            context.insert("base_url", base);
            context.insert("urls", &layout.page_paths());
            let xml = render_template(tera, "sitemap.xml", &context)?;
            sink.file("sitemap.xml", xml.as_bytes())?;
        }
        lap.lap("sitemap");
        Ok(())
    })
}

/// Files made in memory, to be written later in the order they were made.
#[derive(Default)]
struct Buffered(Vec<(String, Vec<u8>)>);

impl Sink for Buffered {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.0.push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// The ui keys errdocs.js reads (the page carries them as JSON).
const JS_UI: &[&str] = &[
    "results",
    "no_results",
    "results_for",
    "no_code",
    "nearest_codes",
    "code_moved",
    "its_page",
    "copied",
    "copy_denied",
    "untranslated",
];

/// `404.html`, which a server sends for a missing page at any depth: its
/// styles are inlined, and its links point at the base URL, or (without
/// one) at the site root its script finds at run time. It has no canonical
/// link: it is no page of its own.
fn not_found_page(
    frame: &Frame<'_>,
    config: &Config,
    assets: &[(String, Vec<u8>)],
    sink: &mut dyn Sink,
) -> Result<()> {
    let site = &frame.site;
    let css = assets
        .iter()
        .find(|(n, _)| n == "style.css")
        .map(|(_, b)| String::from_utf8_lossy(b).replace("</", "<\\/"))
        .unwrap_or_default();
    // JSON inside <script>: `</` could end the element.
    let in_script = |json: String| json.replace("</", "<\\/");
    let view = NotFoundView {
        css,
        root_json: in_script(serde_json::to_string(&site.base_url)?),
        code_pattern_json: in_script(serde_json::to_string(&urls::code_path_regex(
            &config.site.url_pattern,
        ))?),
    };
    let mut context = tera::Context::new();
    context.insert("site", site);
    context.insert("root", site.base_url.as_deref().unwrap_or(""));
    context.insert("not_found", &view);
    let html = render_template(frame.tera, "404.html", &context)?;
    sink.file("404.html", html.as_bytes())
}

/// Each catalog page, part by part (a few parts at a time, in parallel),
/// and with several pages an index of them.
fn index_pages(layout: &Layout<'_>, frame: &Frame<'_>, sink: &mut dyn Sink) -> Result<()> {
    let cat = layout.cat;
    let site = &frame.site;
    let mut page_links = Vec::new();
    for (pi, page) in cat.pages.iter().enumerate() {
        let split = &layout.pages[pi];
        let title = page.title.clone().unwrap_or_else(|| site.title.clone());
        page_links.push(PageLink {
            title: title.clone(),
            href: split.parts[0].clone(),
            groups: layout.groups(pi, "index.html"),
        });
        frame.pages(
            sink,
            "index.html",
            split.parts.len(),
            PARTS_AT_ONCE,
            |k| split.parts[k].clone(),
            |k| layout.part_view(pi, k, &title, &site.ui),
            |_, path, view| frame.inputs(path, Kind::Part { page: pi }, Some(view), None),
        )?;
    }
    if cat.pages.len() != 1 {
        let view = PageView {
            title: site.title.clone(),
            blocks: Vec::new(),
            pages: page_links,
            pager: None,
            contents: Vec::new(),
        };
        let inputs = frame.inputs("index.html", Kind::Same("index.html"), Some(&view), None);
        frame.page(sink, "index.html", "index.html", &inputs)?;
    }
    Ok(())
}

/// One page per code: rendered in parallel a chunk at a time, written in order.
fn code_pages(layout: &Layout<'_>, frame: &Frame<'_>, sink: &mut dyn Sink) -> Result<()> {
    let site = &frame.site;
    let cat = layout.cat;
    frame.pages(
        sink,
        "code.html",
        cat.entries.len(),
        CHUNK,
        |i| layout.code_paths[i].clone(),
        |i| layout.code_view(i, site),
        |i, path, view| frame.inputs(path, Kind::Code(i), None, Some(view)),
    )
}

/// The whole site in memory (tests, fuzzing).
pub fn render_files(cat: &Catalog, config: &Config, templates: Option<&Path>) -> Result<Files> {
    let mut files = Files::new();
    render(cat, config, templates, &mut files)?;
    Ok(files)
}

/// What `catalog.json` says of the site: pages, rows, and with several
/// languages each entry's translations.
struct Links<'a> {
    layout: &'a Layout<'a>,
    langs: Option<(&'a Languages<'a>, usize)>,
}

impl SiteLinks for Links<'_> {
    fn url(&self, i: usize) -> &str {
        &self.layout.code_paths[i]
    }

    fn anchor(&self, i: usize) -> String {
        format!(
            "{}#{}",
            self.layout.row_path(i),
            self.layout.cat.entries[i].code
        )
    }

    fn section_page(&self, s: usize) -> &str {
        let sec = &self.layout.cat.sections[s];
        let split = &self.layout.pages[sec.page];
        let part = split.ids.get(sec.id()).copied().unwrap_or(0);
        &split.parts[part]
    }

    fn language(&self) -> Option<&str> {
        self.langs.map(|_| self.layout.cat.language.tag.as_str())
    }

    fn translations(&self, i: usize) -> Vec<(String, String)> {
        let Some((langs, l)) = self.langs else {
            return Vec::new();
        };
        let here = &self.layout.cat.language.prefix;
        let code = self.layout.cat.entries[i].code.as_str();
        langs
            .layouts
            .iter()
            .enumerate()
            .filter(|&(m, _)| m != l)
            .filter_map(|(_, lay)| {
                let j = *lay.by_code.get(code)?;
                let lang = &lay.cat.language;
                Some((
                    lang.tag.clone(),
                    relative(
                        &format!("{here}catalog.json"),
                        &format!("{}{}", lang.prefix, lay.code_paths[j]),
                    ),
                ))
            })
            .collect()
    }
}

fn load_templates(dir: Option<&Path>) -> Result<Templates> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // HTML escaping (`& < > " '`), not Tera's default, which also writes `/`
    // as `&#x2F;` in every link.
    tera.set_escape_fn(crate::html::escape);
    tera.register_filter("fill", ui::fill);
    let mut templates: Vec<(String, String)> = Vec::new();
    for (name, body) in TEMPLATES {
        let body = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
            Some(p) => std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read template {}", p.display()))?,
            None => body.to_string(),
        };
        templates.push((name.to_string(), body));
    }
    tera.add_raw_templates(templates.iter().map(|(n, b)| (n.as_str(), b.as_str())))
        .map_err(|e| anyhow!("{}", tera_error(&e)))?;
    // What each template needs: itself and every template whose name it
    // quotes anywhere (a name in a comment counts too: never too few).
    let each: HashMap<String, Fingerprint> = templates
        .iter()
        .map(|(name, _)| {
            let mut needs = vec![name.as_str()];
            let mut k = 0;
            while k < needs.len() {
                let body = templates
                    .iter()
                    .find(|(n, _)| n == needs[k])
                    .map(|(_, b)| b);
                for (other, _) in &templates {
                    let quoted = |q: char| format!("{q}{other}{q}");
                    if !needs.contains(&other.as_str())
                        && body
                            .is_some_and(|b| b.contains(&quoted('"')) || b.contains(&quoted('\'')))
                    {
                        needs.push(other);
                    }
                }
                k += 1;
            }
            needs.sort_unstable();
            let fp = fingerprint(|h| {
                for n in &needs {
                    let body = templates
                        .iter()
                        .find(|(t, _)| t == n)
                        .map(|(_, b)| b.as_str());
                    h.part(n).part(body.unwrap_or_default());
                }
                h
            });
            (name.clone(), fp)
        })
        .collect();
    // Loose (a call in a comment counts too), so never wrongly pure.
    let impure = regex::Regex::new(r"\b(now|get_random|get_env)\s*\(")?;
    let pure = !templates.iter().any(|(_, body)| impure.is_match(body));
    let built_in_too = |name: &str| match dir {
        None => true,
        Some(_) => each.get(name) == built_in().each.get(name),
    };
    let (compiled_code, compiled_index) = (built_in_too("code.html"), built_in_too("index.html"));
    Ok(Templates {
        tera,
        each,
        pure,
        compiled_code,
        compiled_index,
    })
}

fn assets(dir: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for (name, body) in ASSETS {
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

/// One template with its context; an error names the template and line.
fn render_template(tera: &Tera, template: &str, context: &tera::Context) -> Result<String> {
    tera.render(template, context)
        .map_err(|e| anyhow!("{}", tera_error(&e)))
}

impl<'a> Layout<'a> {
    fn new(cat: &'a Catalog, config: &'a Config) -> Result<Self> {
        let mut code_paths = Vec::with_capacity(cat.entries.len());
        let mut seen = HashSet::with_capacity(cat.entries.len());
        let mut by_code = HashMap::with_capacity(cat.entries.len());
        for (i, e) in cat.entries.iter().enumerate() {
            by_code.entry(e.code.as_str()).or_insert(i);
            let path = urls::entry_path(cat, config, e)?;
            if !seen.insert(path.clone()) {
                bail!("two codes map to the same page {path}; check the url-pattern");
            }
            code_paths.push(path);
        }
        drop(seen);
        let page_paths: Vec<String> = cat.pages.iter().map(|p| urls::page_path(cat, p)).collect();
        let mut pages = Vec::with_capacity(cat.pages.len());
        for (page, base) in cat.pages.iter().zip(&page_paths) {
            let split = split::split(cat, &page.blocks, base, config.site.index_rows);
            for p in split.parts.iter().skip(1) {
                if page_paths.contains(p) {
                    bail!("the index part {p} would overwrite the page made from another file");
                }
            }
            pages.push(split);
        }
        let parts: Vec<String> = pages
            .iter()
            .flat_map(|p: &SplitPage<'_>| p.parts.iter().cloned())
            .chain(std::iter::once("index.html".to_string()))
            .collect();
        let redirects = contract::redirects(cat, config, &code_paths, Some(&parts))?;
        let mut layout = Layout {
            cat,
            config,
            redirects,
            code_paths,
            by_code,
            pages,
            row_parts: vec![0; cat.entries.len()],
            message_texts: std::sync::OnceLock::new(),
            relatable: std::sync::OnceLock::new(),
        };
        for split in &layout.pages {
            row_parts(cat, &split.outline, split, &mut layout.row_parts);
        }
        Ok(layout)
    }

    /// The catalog being laid out.
    fn catalog(&self) -> &'a Catalog {
        self.cat
    }

    /// The path of entry `i`'s page.
    fn code_path(&self, i: usize) -> &str {
        &self.code_paths[i]
    }

    /// For each page cut into parts: its first part, and every id on it
    /// with the part that holds it.
    fn split_ids(&self) -> impl Iterator<Item = (&str, BTreeMap<&str, &str>)> {
        self.pages.iter().filter(|p| p.parts.len() > 1).map(|p| {
            let ids = p
                .ids
                .iter()
                .map(|(id, &part)| (id.as_str(), p.parts[part].as_str()))
                .collect();
            (p.parts[0].as_str(), ids)
        })
    }

    /// The part path holding entry `i`'s row.
    fn row_path(&self, i: usize) -> &str {
        let e = &self.cat.entries[i];
        &self.pages[e.page].parts[self.row_parts[i]]
    }

    /// Every HTML page of the site except the 404 page, in sitemap order.
    fn page_paths(&self) -> Vec<String> {
        let index = (self.cat.pages.len() != 1).then(|| "index.html".to_string());
        index
            .into_iter()
            .chain(self.pages.iter().flat_map(|p| p.parts.iter().cloned()))
            .chain(self.code_paths.iter().cloned())
            .map(|p| encode_path(&p))
            .collect()
    }

    /// A link from `from` to the id on the part of page `pi` that holds it.
    fn id_href(&self, pi: usize, id: &str, from: &str) -> Option<String> {
        let split = &self.pages[pi];
        let part = *split.ids.get(id)?;
        Some(format!(
            "{}#{}",
            relative(from, &split.parts[part]),
            encode_path(id)
        ))
    }

    /// The sections of page `pi` that hold a table, linked from `from`.
    fn groups(&self, pi: usize, from: &str) -> Vec<GroupLink> {
        self.cat
            .sections
            .iter()
            .filter(|s| s.page == pi && s.has_table && !s.ids.is_empty())
            .filter_map(|s| {
                Some(GroupLink {
                    title: s.title.clone(),
                    href: self.id_href(pi, s.id(), from)?,
                })
            })
            .collect()
    }

    /// Points in-page links (`href="#id"`) whose target went to another
    /// part at that part.
    fn fix_links(&self, pi: usize, from: &str, html: &str) -> String {
        let split = &self.pages[pi];
        if split.parts.len() == 1 && split.parts[0] == from || !html.contains("href=\"#") {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("href=\"#") {
            let (before, after) = rest.split_at(at + "href=\"".len());
            out.push_str(before);
            let end = after.find('"').unwrap_or(after.len());
            let id = percent_decode(&unescape_attr(&after[1..end]));
            match split.ids.get(&id) {
                Some(&part) if split.parts[part] != from => {
                    out.push_str(&escape(&relative(from, &split.parts[part])));
                }
                _ => {}
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }

    fn part_view(&self, pi: usize, k: usize, title: &str, ui: &ui::Ui) -> PageView {
        let split = &self.pages[pi];
        let path = &split.parts[k];
        let range = split.range(k);
        let blocks = self.part_blocks(pi, &split.outline, &range, path, 1);
        let n = split.parts.len();
        let (pager, contents) = if n > 1 {
            let mut codes = Vec::new();
            row_codes(&blocks, &mut codes);
            let href = |j: usize| relative(path, &split.parts[j]);
            let pager = PagerView {
                family: split.parts[0].clone(),
                number: k + 1,
                count: n,
                first: href(0),
                prev: (k > 0).then(|| href(k - 1)),
                next: (k + 1 < n).then(|| href(k + 1)),
                last: href(n - 1),
                first_code: codes.first().cloned(),
                last_code: codes.last().cloned(),
                // The first and last parts, and the three either side of
                // this one (the template marks the gaps).
                parts: (0..n)
                    .filter(|&j| j == 0 || j + 1 == n || j.abs_diff(k) <= 3)
                    .map(|j| PartLink {
                        number: j + 1,
                        href: href(j),
                        current: j == k,
                    })
                    .collect(),
            };
            (Some(pager), self.groups(pi, path))
        } else {
            (None, self.groups(pi, path))
        };
        PageView {
            title: if k == 0 {
                title.to_string()
            } else {
                ui["page_title_part"]
                    .replace("{title}", title)
                    .replace("{number}", &(k + 1).to_string())
                    .replace("{count}", &n.to_string())
            },
            blocks,
            pages: Vec::new(),
            pager,
            contents,
        }
    }

    fn part_blocks(
        &self,
        pi: usize,
        outline: &[Placed<'_>],
        range: &std::ops::Range<usize>,
        path: &str,
        depth: usize,
    ) -> Vec<BlockView> {
        let mut out = Vec::new();
        for p in outline {
            match p {
                Placed::Section {
                    section,
                    pos,
                    end,
                    children,
                } => {
                    if *end <= range.start || *pos >= range.end {
                        continue;
                    }
                    let s = &self.cat.sections[*section];
                    let here = range.contains(pos);
                    out.push(BlockView {
                        kind: "section",
                        section: Some(SectionView {
                            id: if here {
                                s.id().to_string()
                            } else {
                                String::new()
                            },
                            extra_ids: if here {
                                s.ids.iter().skip(1).cloned().collect()
                            } else {
                                Vec::new()
                            },
                            title_html: self.fix_links(pi, path, &s.title_html),
                            heading: depth.min(6),
                            continued: !here,
                            blocks: self.part_blocks(pi, children, range, path, depth + 1),
                        }),
                        table: None,
                        removed: Vec::new(),
                        heading: 0,
                        html: String::new(),
                    });
                }
                Placed::Table {
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
                        table: Some(self.table_view(pi, *table, &rows, range.contains(pos), path)),
                        removed: Vec::new(),
                        heading: 0,
                        html: String::new(),
                    });
                }
                Placed::Prose { html, pos, .. } => {
                    if range.contains(pos) {
                        out.push(BlockView {
                            kind: "prose",
                            section: None,
                            table: None,
                            removed: Vec::new(),
                            heading: 0,
                            html: self.fix_links(pi, path, html),
                        });
                    }
                }
                Placed::Removed { pos, end, entries } => {
                    if *end <= range.start || *pos >= range.end {
                        continue;
                    }
                    let removed = entries
                        .iter()
                        .filter(|(_, p)| range.contains(p))
                        .map(|&(e, _)| RemovedView {
                            code: self.cat.entries[e].code.to_string(),
                            href: relative(path, &self.code_paths[e]),
                            message_html: self
                                .cat
                                .message(&self.cat.entries[e])
                                .map(|m| m.cell.html.clone())
                                .unwrap_or_default(),
                            lifecycle: self.lifecycle_view(e, path),
                        })
                        .collect();
                    out.push(BlockView {
                        kind: "removed",
                        section: None,
                        table: None,
                        removed,
                        heading: depth.min(6),
                        html: String::new(),
                    });
                }
            }
        }
        out
    }

    /// Entry `i`'s lifecycle as the templates show it, links relative to `from`.
    fn lifecycle_view(&self, i: usize, from: &str) -> LifecycleView {
        let l = &self.cat.entries[i].lifecycle;
        LifecycleView {
            status: l.status.as_str(),
            since: l.since.clone(),
            reason: l.reason.clone(),
            replaced_by: l.replaced_by.as_deref().map(|code| {
                let target = self.by_code.get(code.trim());
                NeighbourView {
                    code: code.to_string(),
                    href: target.map_or_else(String::new, |&t| relative(from, &self.code_paths[t])),
                    message: target
                        .map(|&t| self.message_text(t).to_string())
                        .unwrap_or_default(),
                }
            }),
        }
    }

    /// Entry `i`'s lifecycle when it is not active.
    fn lifecycle_badge(&self, i: usize, from: &str) -> Option<LifecycleView> {
        (!self.cat.entries[i].lifecycle.is_active()).then(|| self.lifecycle_view(i, from))
    }

    fn table_view(
        &self,
        pi: usize,
        table: usize,
        rows: &[usize],
        start: bool,
        path: &str,
    ) -> TableView {
        let t = &self.cat.tables[table];
        let code_col = t.code_column;
        let total: u32 = t.colwidths.iter().sum();
        TableView {
            widths: if t.widths == "given" && total > 0 {
                t.colwidths.iter().map(|w| w * 100 / total).collect()
            } else {
                Vec::new()
            },
            id: t.ids.first().cloned().filter(|_| start),
            extra_ids: if start {
                t.ids.iter().skip(1).cloned().collect()
            } else {
                Vec::new()
            },
            caption_html: t.caption_html.clone(),
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
                    let entry = self.cat.entry_of_row(table, ri);
                    let target = entry.map(|e| &self.code_paths[e]);
                    RowView {
                        anchor: entry.map(|e| self.cat.entries[e].code.to_string()),
                        lifecycle: entry.and_then(|e| self.lifecycle_badge(e, path)),
                        cells: r
                            .cells
                            .iter()
                            .enumerate()
                            .map(|(i, c)| CellView {
                                html: self.fix_links(pi, path, &c.html),
                                kind: if Some(i) == code_col {
                                    "code"
                                } else if Some(i) == t.message_column {
                                    "message"
                                } else {
                                    ""
                                },
                                label: t.columns.get(i).cloned().unwrap_or_default(),
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

    fn code_view(&self, i: usize, site: &SiteView) -> CodeView {
        let cat = self.cat;
        let e = &cat.entries[i];
        let path = self.code_paths[i].as_str();
        let message = cat.message(e);
        let span = cat.span(e);
        let rel_file = cat.source_path(span.file);
        let link = |k: usize| NeighbourView {
            code: cat.entries[k].code.to_string(),
            href: relative(path, &self.code_paths[k]),
            message: self.message_text(k).to_string(),
        };
        let group_href = self
            .id_href(e.page, cat.group(e), path)
            .unwrap_or_else(|| relative(path, &self.pages[e.page].parts[0]));
        let source_url = self.config.site.repository.as_ref().map(|r| {
            format!(
                "{}{}#L{}",
                urls::base_dir(r),
                encode_path(&rel_file),
                span.line
            )
        });
        let message_text = self.message_text(i);
        let description = match cat.description(e) {
            Some(d) => format!("{} {message_text}: {}", e.code, collapse(&d.text())),
            None => format!("{} {message_text}", e.code),
        };
        CodeView {
            code: e.code.to_string(),
            message: message
                .map(|m| m.cell.text.clone())
                .filter(|t| !t.is_empty()),
            message_html: message
                .map(|m| m.cell.html.clone())
                .filter(|t| !t.is_empty()),
            fields: cat
                .details(e)
                .filter(|f| Some(f.column) != cat.table_of(e).and_then(|t| t.status_column))
                .map(|f| FieldView {
                    name: f.name.to_string(),
                    html: f.cell.html.clone(),
                })
                .collect(),
            group_title: cat.group_title(e).to_string(),
            group_href,
            notes: cat.notes(e).iter().map(|n| n.html.as_str()).collect(),
            footnotes: match cat.footnotes(e) {
                f if f.is_empty() => String::new(),
                f => crate::parse::footnotes_html(f),
            },
            url: match &site.base_url {
                Some(b) => urls::absolute(b, path),
                None => String::new(),
            },
            description: truncate(&description, 160),
            status: cat
                .status(e)
                .map(|f| collapse(&f.text()))
                .filter(|s| !s.is_empty()),
            retryable: e.retryable,
            explanation_html: e
                .explanation
                .map(|x| explanation_html(&cat.explanations[x].html)),
            related: self.related(i).into_iter().map(link).collect(),
            source: format!("{rel_file}:{}", span.line),
            source_url: source_url.clone(),
            row_href: format!(
                "{}#{}",
                relative(path, self.row_path(i)),
                encode_path(e.code.as_str())
            ),
            edit_url: source_url,
            lifecycle: self.lifecycle_badge(i, path),
            prev: i.checked_sub(1).map(link),
            next: (i + 1 < cat.entries.len()).then(|| link(i + 1)),
        }
    }

    /// Entry `i`'s message as text.
    fn message_text(&self, i: usize) -> &str {
        let texts = self.message_texts.get_or_init(|| {
            let cat = self.cat;
            cat.entries
                .par_iter()
                .map(|e| cat.message_text(e))
                .collect()
        });
        &texts[i]
    }

    /// Up to three codes of entry `i`'s group (among the 20 before and after
    /// it) whose messages share the most words with its message.
    fn related(&self, i: usize) -> Vec<usize> {
        const NEAR: usize = 20;
        let cat = self.cat;
        let rel = self.relatable.get_or_init(|| {
            let words: Vec<Vec<String>> = (0..cat.entries.len())
                .into_par_iter()
                .map(|k| {
                    let mut w: Vec<String> = crate::text::words(self.message_text(k))
                        .into_iter()
                        .map(|w| w.to_lowercase())
                        .filter(|w| w.len() > 2 && !STOP_WORDS.contains(&w.as_str()))
                        .collect();
                    w.sort_unstable();
                    w.dedup();
                    w
                })
                .collect();
            let mut ids: HashMap<String, u32> = HashMap::new();
            let words = words
                .into_iter()
                .map(|ws| {
                    let mut v: Vec<u32> = ws
                        .into_iter()
                        .map(|w| {
                            let next = ids.len() as u32;
                            *ids.entry(w).or_insert(next)
                        })
                        .collect();
                    v.sort_unstable();
                    v
                })
                .collect();
            let mut group_ids: HashMap<&str, u32> = HashMap::new();
            let groups = cat
                .entries
                .iter()
                .map(|e| {
                    let next = group_ids.len() as u32;
                    *group_ids.entry(cat.group(e)).or_insert(next)
                })
                .collect();
            Relatable { words, groups }
        });
        let mine = &rel.words[i];
        if mine.is_empty() {
            return Vec::new();
        }
        // Words both sorted lists hold.
        let shared = |other: &[u32]| {
            let (mut a, mut b, mut n) = (0, 0, 0);
            while a < mine.len() && b < other.len() {
                match mine[a].cmp(&other[b]) {
                    std::cmp::Ordering::Less => a += 1,
                    std::cmp::Ordering::Greater => b += 1,
                    std::cmp::Ordering::Equal => {
                        n += 1;
                        a += 1;
                        b += 1;
                    }
                }
            }
            n
        };
        let lo = i.saturating_sub(NEAR);
        let hi = (i + NEAR + 1).min(cat.entries.len());
        best_three(
            (lo..hi)
                .filter(|&k| k != i && rel.groups[k] == rel.groups[i])
                .map(|k| (shared(&rel.words[k]), k.abs_diff(i), k)),
        )
    }
}

/// The codes of the three best `(shared, distance, code)` candidates, in
/// order: most words shared, then nearest, then first; none that shares no
/// word. What sorting them all and taking three gives, without the sort.
fn best_three(candidates: impl Iterator<Item = (usize, usize, usize)>) -> Vec<usize> {
    // Better first: more shared words, then nearer, then earlier.
    let better = |a: &(usize, usize, usize), b: &(usize, usize, usize)| {
        (std::cmp::Reverse(a.0), a.1, a.2) < (std::cmp::Reverse(b.0), b.1, b.2)
    };
    let mut top: Vec<(usize, usize, usize)> = Vec::with_capacity(4);
    for c in candidates.filter(|c| c.0 > 0) {
        if top.len() == 3 && !better(&c, &top[2]) {
            continue;
        }
        let at = top.iter().position(|t| better(&c, t)).unwrap_or(top.len());
        top.insert(at, c);
        top.truncate(3);
    }
    top.into_iter().map(|(_, _, k)| k).collect()
}

/// The ids a code page uses for itself (`code.html`, `base.html`).
const CODE_PAGE_IDS: &[&str] = &[
    "main",
    "search-input",
    "search-results",
    "search-status",
    "explanation-title",
    "group-notes-title",
    "related-title",
];

/// A long explanation as its code page shows it: under the page's
/// "Explanation" heading, so its headings one level down; an id it shares
/// with the page itself (a heading "Main") renamed, with its links.
fn explanation_html(html: &str) -> String {
    let mut out = html.to_string();
    for level in (2..6).rev() {
        out = out
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    for id in CODE_PAGE_IDS {
        out = out
            .replace(&format!("id=\"{id}\""), &format!("id=\"explanation-{id}\""))
            .replace(
                &format!("href=\"#{id}\""),
                &format!("href=\"#explanation-{id}\""),
            );
    }
    out
}

/// Words too common to make two messages related.
const STOP_WORDS: &[&str] = &[
    "the", "and", "not", "has", "been", "was", "are", "for", "with", "that", "this", "from",
    "cannot", "failed", "error", "invalid",
];

/// At most `max` characters, cut at a word, with an ellipsis when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// Records, for each code row, the part it is on.
fn row_parts(cat: &Catalog, outline: &[Placed<'_>], split: &SplitPage<'_>, out: &mut [usize]) {
    for p in outline {
        match p {
            Placed::Section { children, .. } => row_parts(cat, children, split, out),
            Placed::Table { table, rows, .. } => {
                for &(ri, pos) in rows {
                    if let Some(e) = cat.entry_of_row(*table, ri) {
                        out[e] = split.part_of(pos);
                    }
                }
            }
            Placed::Removed { entries, .. } => {
                for &(e, pos) in entries {
                    out[e] = split.part_of(pos);
                }
            }
            Placed::Prose { .. } => {}
        }
    }
}

/// The codes of a part's rows, in order.
fn row_codes(blocks: &[BlockView], out: &mut Vec<String>) {
    for b in blocks {
        if let Some(s) = &b.section {
            row_codes(&s.blocks, out);
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_best_three_are_what_sorting_all_gives() {
        // Candidates as `related` makes them: k in order, around i.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as usize
        };
        for _ in 0..2000 {
            let i = 20 + next(5);
            let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
            for k in 0..41 + next(3) {
                if k != i && next(4) > 0 {
                    candidates.push((next(4), k.abs_diff(i), k));
                }
            }
            let mut sorted: Vec<_> = candidates.iter().copied().filter(|c| c.0 > 0).collect();
            sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let want: Vec<usize> = sorted.into_iter().take(3).map(|c| c.2).collect();
            assert_eq!(super::best_three(candidates.into_iter()), want);
        }
    }

    #[test]
    fn explanation_headings_go_one_level_down() {
        let html = r##"<section id="main"><h2>Main</h2><p><a href="#main">x</a></p><h6>deep</h6></section>"##;
        assert_eq!(
            super::explanation_html(html),
            r##"<section id="explanation-main"><h3>Main</h3><p><a href="#explanation-main">x</a></p><h6>deep</h6></section>"##
        );
    }
}
