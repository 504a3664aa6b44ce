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
    let not_ours = || format!("{} is not the catalog.json errdocs wrote", path.display());
    // The entries one at a time, as errdocs lays them out; any other
    // layout, or an error, read again as one stream (which then says what
    // is wrong). Both read only what is needed: a 10,000-code
    // catalog.json is 10 MB, and a stream reads it at a third of the speed.
    let entries = match entries_one_by_one(file) {
        Some(entries) => entries,
        _ => entries_in_one_stream(&path).with_context(not_ours)?,
    };
    let mut codes = BTreeMap::new();
    for e in entries {
        let (Some(code), Some(url)) = (e.code, e.url) else {
            continue;
        };
        let message = e.message.or(e.first_field).unwrap_or_default();
        codes.insert(code, (url, message, e.group.unwrap_or_default()));
    }
    Ok(Some(Published { codes }))
}

/// What [`published`] reads of an entry of `catalog.json` (the rest is
/// skipped unparsed).
#[derive(Debug, PartialEq, serde::Deserialize)]
struct PublishedEntry {
    code: Option<String>,
    url: Option<String>,
    message: Option<String>,
    /// The text of the first field (the others are skipped unparsed).
    #[serde(default, rename = "fields", deserialize_with = "first_text")]
    first_field: Option<String>,
    group: Option<String>,
}

/// The `text` of a list's first object; `None` when there is none.
fn first_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Field {
        text: Option<String>,
    }
    struct First;
    impl<'de> serde::de::Visitor<'de> for First {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of fields")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let first = seq.next_element::<Field>()?.and_then(|f| f.text);
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(first)
        }
    }
    d.deserialize_seq(First)
}

/// The entries of the `catalog.json` at `path`, read as one stream (the
/// whole file in memory would be fresh pages the size of the file, 104 MB
/// at 100,000 codes, for a few fields of it).
fn entries_in_one_stream(path: &Path) -> Result<Vec<PublishedEntry>> {
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(default)]
        entries: Vec<PublishedEntry>,
    }
    let file = std::fs::File::open(path)?;
    let doc: Doc = serde_json::from_reader(std::io::BufReader::with_capacity(1 << 16, file))?;
    Ok(doc.entries)
}

/// The entries of a `catalog.json` laid out as [`crate::export`] writes it,
/// each parsed on its own from memory: `{`, then `  "entries": [`, each
/// entry from a line `    {` to a line `    }` or `    },` (a JSON string
/// holds no raw newline, and whatever an entry holds is indented further),
/// then `  ],` and the document's other keys, which are checked to be JSON
/// too. `None` for any other layout or any JSON error.
fn entries_one_by_one(file: std::fs::File) -> Option<Vec<PublishedEntry>> {
    use std::io::BufRead;
    let mut r = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::with_capacity(256);
    let mut next = |line: &mut Vec<u8>| -> Option<()> {
        line.clear();
        (r.read_until(b'\n', line).ok()? > 0).then_some(())
    };
    next(&mut line)?;
    if line != b"{\n" {
        return None;
    }
    next(&mut line)?;
    let mut entries = Vec::new();
    if line != b"  \"entries\": [],\n" {
        if line != b"  \"entries\": [\n" {
            return None;
        }
        let mut entry = Vec::with_capacity(2048);
        // Whether an entry is to come: before the first, and after a `},`.
        let mut more = true;
        loop {
            next(&mut line)?;
            match line.as_slice() {
                _ if !entry.is_empty() => {
                    let end = match line.as_slice() {
                        b"    }\n" => Some(false),
                        b"    },\n" => Some(true),
                        _ => None,
                    };
                    let Some(comma) = end else {
                        entry.extend_from_slice(&line);
                        continue;
                    };
                    entry.push(b'}');
                    entries.push(serde_json::from_slice(&entry).ok()?);
                    entry.clear();
                    more = comma;
                }
                b"    {\n" if more => {
                    entry.push(b'{');
                    more = false;
                }
                b"  ],\n" if !more => break,
                _ => return None,
            }
        }
    }
    // The other keys: `{` and what follows `],` make an object.
    let mut rest = b"{".to_vec();
    std::io::Read::read_to_end(&mut r, &mut rest).ok()?;
    serde_json::from_slice::<serde::de::IgnoredAny>(&rest).ok()?;
    Some(entries)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// What reading `bytes` one entry at a time gives, and what the
    /// stream gives.
    fn both(
        dir: &Path,
        bytes: &[u8],
    ) -> (Option<Vec<PublishedEntry>>, Option<Vec<PublishedEntry>>) {
        let path = dir.join("catalog.json");
        std::fs::write(&path, bytes).unwrap();
        let framed = entries_one_by_one(std::fs::File::open(&path).unwrap());
        (framed, entries_in_one_stream(&path).ok())
    }

    /// The catalog.json files of the committed site (the seed's, and its
    /// Chinese twin's when there is one).
    fn committed() -> Vec<Vec<u8>> {
        let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("site");
        let found: Vec<Vec<u8>> = walkdir::WalkDir::new(&site)
            .into_iter()
            .flatten()
            .filter(|e| e.file_name() == "catalog.json")
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect();
        assert!(!found.is_empty(), "the committed site has a catalog.json");
        found
    }

    #[test]
    fn errdocs_catalog_json_is_read_one_entry_at_a_time_as_the_stream_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let empty = crate::export::catalog_json(&Catalog::default());
        for bytes in committed().into_iter().chain([empty.into_bytes()]) {
            let (framed, stream) = both(dir.path(), &bytes);
            let framed = framed.expect("errdocs' own layout is read one entry at a time");
            assert_eq!(Some(framed), stream);
        }
    }

    /// Any other layout, and any damage, falls back to the stream: what
    /// the framed reading accepts, the stream reads the same.
    #[test]
    fn what_the_framed_reading_accepts_the_stream_reads_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = committed().remove(0);
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let compact = serde_json::to_vec(&value).unwrap();
        let (framed, stream) = both(dir.path(), &compact);
        assert_eq!(framed, None, "a compact file is not errdocs' layout");
        assert!(stream.is_some());
        // Cut short, one byte changed, or one byte left out, at many places.
        let (mut accepted, mut refused) = (0, 0);
        let step = bytes.len() / 400 + 1;
        for at in (0..bytes.len()).step_by(step) {
            let mut changed = bytes.clone();
            changed[at] = match changed[at] {
                b'"' => b'x',
                b'\n' => b' ',
                b'{' | b'}' | b'[' | b']' | b',' => b' ',
                _ => b'"',
            };
            let mut cut = bytes.clone();
            cut.remove(at);
            for damaged in [&bytes[..at], &changed[..], &cut[..]] {
                let (framed, stream) = both(dir.path(), damaged);
                match framed {
                    Some(f) => {
                        accepted += 1;
                        assert_eq!(Some(f), stream, "damage at byte {at}");
                    }
                    None => refused += 1,
                }
            }
        }
        // Both kinds happen: a changed letter of a message is still JSON.
        assert!(
            accepted > 0 && refused > 0,
            "{accepted} accepted, {refused} refused"
        );
    }
}
