//! The published-URL contract. A link printed in a log years ago must still
//! lead somewhere useful, so errdocs knows, for a catalog, every URL its
//! site serves (each code's page, the redirects for pages that moved, the
//! index anchors), and what an earlier site published that a new catalog
//! would break. `build` refuses such a change unless it is accepted on
//! purpose, and `diff` reports it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::catalog::{Block, Catalog};
use crate::config::Config;
use crate::urls;

/// A page that only sends the reader on to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Redirect {
    /// The old site path.
    pub from: String,
    /// The site path (and fragment) it leads to.
    pub to: String,
}

/// The site path of each entry's page, in entry order.
pub fn code_pages(cat: &Catalog, config: &Config) -> Result<Vec<String>> {
    cat.entries
        .iter()
        .map(|e| urls::entry_path(cat, config, e))
        .collect()
}

/// The redirects a site writes: each code's page under every pattern of
/// `[site] previous-url-patterns` (where that differs from its page now and
/// is no page of the site), then `[redirects]`. `pages` are the code pages,
/// `others` the other pages of the site (index parts), when known: only then
/// is a `[redirects]` target checked to be one of them.
pub fn redirects(
    cat: &Catalog,
    config: &Config,
    pages: &[String],
    others: Option<&[String]>,
) -> Result<Vec<Redirect>> {
    let taken: HashSet<&str> = pages
        .iter()
        .chain(others.into_iter().flatten())
        .map(String::as_str)
        .collect();
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for pattern in &config.site.previous_url_patterns {
        for (e, now) in cat.entries.iter().zip(pages) {
            let Ok(old) = urls::code_path(pattern, &e.code, cat.group(e)) else {
                bail!(
                    "[site] previous-url-patterns: {pattern:?} gives no page path for code {}",
                    e.code
                );
            };
            if old != *now && !taken.contains(old.as_str()) {
                out.entry(old).or_insert_with(|| now.clone());
            }
        }
    }
    for (from, to) in &config.redirects {
        if !urls::inside_site(from) || from.contains('#') || !from.ends_with(".html") {
            bail!(
                "[redirects] {from:?}: the old path must be a relative .html path inside the site"
            );
        }
        if !urls::inside_site(to) {
            bail!(
                "[redirects] {from:?} = {to:?}: the target must be a page of this site (a relative path, no `..`, no scheme)"
            );
        }
        let target = to.split('#').next().unwrap_or("");
        if others.is_some() && !taken.contains(target) {
            bail!("[redirects] {from:?} = {to:?}: the site has no page {target}");
        }
        if taken.contains(from.as_str()) {
            bail!("[redirects] {from:?}: that is a page of the site, it cannot also redirect");
        }
        out.insert(from.clone(), to.clone());
    }
    Ok(out
        .into_iter()
        .map(|(from, to)| Redirect { from, to })
        .collect())
}

/// Every anchor of the index: (catalog page path, id) for each section id,
/// label, table id, code row and removed code listed.
pub fn anchors(cat: &Catalog) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for page in &cat.pages {
        let path = urls::page_path(cat, page);
        for id in &page.ids {
            out.insert((path.clone(), id.clone()));
        }
        walk_codes(cat, &page.blocks, &mut |code| {
            out.insert((path.clone(), code.to_string()));
        });
    }
    out
}

/// Calls `f` with the code of every row and removed code the blocks show.
fn walk_codes(cat: &Catalog, blocks: &[Block], f: &mut dyn FnMut(&str)) {
    for b in blocks {
        match b {
            Block::Section { children, .. } => walk_codes(cat, children, f),
            Block::Table(t) => {
                for e in &cat.entries[cat.tables[*t].entries.clone()] {
                    f(e.code.as_str());
                }
            }
            Block::Removed(entries) => {
                for &e in entries {
                    f(cat.entries[e].code.as_str());
                }
            }
            Block::Prose { .. } => {}
        }
    }
}

/// What an earlier build published, as its `catalog.json` says: each code's
/// page, last message and group.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// Code → (page path, message, group).
    pub codes: BTreeMap<String, (String, String, String)>,
}

/// What the errdocs site in `out` published, if `out` holds one (its
/// manifest and `catalog.json`).
pub fn published(out: &Path) -> Result<Option<Published>> {
    // A language's site (`site/zh-CN/`) lies in the site the manifest is in.
    let errdocs_site = out
        .ancestors()
        .take(2)
        .any(|d| d.join(crate::output::MANIFEST).is_file());
    if !errdocs_site {
        return Ok(None);
    }
    let path = out.join("catalog.json");
    let Ok(file) = std::fs::File::open(&path) else {
        return Ok(None);
    };
    // Typed, reading only what is needed (the rest is skipped unparsed):
    // a 10,000-code catalog.json is 10 MB.
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(default)]
        entries: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        code: Option<String>,
        url: Option<String>,
        message: Option<String>,
        #[serde(default)]
        fields: Vec<Field>,
        group: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Field {
        text: Option<String>,
    }
    // Read as a stream: the whole file in memory would be fresh pages the
    // size of the file (104 MB at 100,000 codes) for a few fields of it.
    let doc: Doc = serde_json::from_reader(std::io::BufReader::with_capacity(1 << 16, file))
        .with_context(|| format!("{} is not the catalog.json errdocs wrote", path.display()))?;
    let mut codes = BTreeMap::new();
    for e in doc.entries {
        let (Some(code), Some(url)) = (e.code, e.url) else {
            continue;
        };
        let message = e
            .message
            .or_else(|| e.fields.into_iter().next().and_then(|f| f.text))
            .unwrap_or_default();
        codes.insert(code, (url, message, e.group.unwrap_or_default()));
    }
    Ok(Some(Published { codes }))
}

/// A published code URL that a new site would no longer serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The code is gone: neither listed nor recorded as removed.
    Lost {
        /// The code.
        code: String,
        /// Its published page.
        path: String,
        /// Its last message.
        message: String,
        /// Its group.
        group: String,
    },
    /// The code's page moved and nothing redirects from the old path.
    Moved {
        /// The code.
        code: String,
        /// Its published page.
        from: String,
        /// Its page now.
        to: String,
    },
}

/// The published code URLs that `cat`'s site would not serve.
pub fn broken(published: &Published, cat: &Catalog, config: &Config) -> Result<Vec<Break>> {
    let pages = code_pages(cat, config)?;
    let served: HashSet<&str> = pages.iter().map(String::as_str).collect();
    let redirects = redirects(cat, config, &pages, None)?;
    let redirected: HashSet<&str> = redirects.iter().map(|r| r.from.as_str()).collect();
    let mut out = Vec::new();
    for (code, (path, message, group)) in &published.codes {
        if served.contains(path.as_str()) || redirected.contains(path.as_str()) {
            continue;
        }
        match cat.find(code) {
            Some(e) => {
                let i = cat
                    .entries
                    .iter()
                    .position(|x| std::ptr::eq(x, e))
                    .unwrap_or(0);
                out.push(Break::Moved {
                    code: code.clone(),
                    from: path.clone(),
                    to: pages[i].clone(),
                });
            }
            None => out.push(Break::Lost {
                code: code.clone(),
                path: path.clone(),
                message: message.clone(),
                group: group.clone(),
            }),
        }
    }
    Ok(out)
}
