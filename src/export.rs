//! Machine-readable catalogs: the `errdocs.catalog/1` document (`export
//! --format json` and the site's `catalog.json`, one serialiser for both)
//! and RFC 9457 problem types (`export --format problem-types`).

use std::io::Write;

use anyhow::{Result, bail};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::{Value, json};

use crate::catalog::{Catalog, Entry, Field};
use crate::config::Config;
use crate::text::collapse;
use crate::urls;

/// The schema id of the catalog document.
pub const CATALOG_SCHEMA_ID: &str = "errdocs.catalog/1";

/// The schema id of a document of a catalog in several languages: each
/// entry has its `language` and its `translations`.
pub const CATALOG_SCHEMA_ID_LANGUAGES: &str = "errdocs.catalog/2";

/// What the site adds to the catalog document: each entry's page and row,
/// each group's page.
pub trait SiteLinks: Sync {
    /// The page of entry `i`, relative to the site root.
    fn url(&self, i: usize) -> &str;
    /// The row of entry `i` on its index page (`index.html#1001`).
    fn anchor(&self, i: usize) -> String;
    /// The index page (part) holding section `s`.
    fn section_page(&self, s: usize) -> &str;
    /// The catalog's language, when the site has several (`errdocs.catalog/2`).
    fn language(&self) -> Option<&str> {
        None
    }
    /// Entry `i`'s page in the other languages that document it: (tag, URL
    /// relative to the folder of this document).
    fn translations(&self, _i: usize) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// Writes the catalog document: every entry with its fields and source, and
/// every group (section). With `site`, each entry also gets its `url` and
/// `anchor` and each group its `page` (the site's `catalog.json`). Keys are
/// sorted, indented by two spaces.
pub fn write_catalog(
    w: &mut dyn Write,
    cat: &Catalog,
    site: Option<&dyn SiteLinks>,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let language = site.and_then(|s| s.language());
    // What serde writes for the document without its entries: `{`, then
    // the other keys (which sort after `entries`).
    let rest = CatalogRest {
        groups: Groups { cat, site },
        language,
        schema: if language.is_some() {
            CATALOG_SCHEMA_ID_LANGUAGES
        } else {
            CATALOG_SCHEMA_ID
        },
    };
    let rest = serde_json::to_vec_pretty(&rest).map_err(std::io::Error::other)?;
    // The entries, a chunk at a time, each serialised on its own in
    // parallel and indented as the array two levels down holds it: the
    // bytes are those serde writes for the whole document.
    w.write_all(b"{\n  \"entries\": [")?;
    let n = cat.entries.len();
    for start in (0..n).step_by(ENTRIES_AT_ONCE) {
        let end = (start + ENTRIES_AT_ONCE).min(n);
        let chunk: Vec<std::io::Result<Vec<u8>>> = (start..end)
            .into_par_iter()
            .map(|i| {
                let mut one = Vec::with_capacity(1024);
                serde_json::to_writer_pretty(&mut one, &entry_view(cat, site, i, &cat.entries[i]))
                    .map_err(std::io::Error::other)?;
                // JSON strings hold no raw newline: each is a line break.
                let mut indented = Vec::with_capacity(one.len() + one.len() / 8);
                for &b in &one {
                    indented.push(b);
                    if b == b'\n' {
                        indented.extend_from_slice(b"    ");
                    }
                }
                Ok(indented)
            })
            .collect();
        for (i, entry) in (start..end).zip(chunk) {
            w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            w.write_all(&entry?)?;
        }
    }
    w.write_all(if n == 0 { b"]" } else { b"\n  ]" })?;
    // `rest` is `{\n  "groups": …}`: its keys follow, after a comma.
    w.write_all(b",")?;
    w.write_all(rest.get(1..).unwrap_or_default())?;
    w.write_all(b"\n")
}

/// Entries of `catalog.json` serialised at once (in parallel).
const ENTRIES_AT_ONCE: usize = 1024;

/// The catalog document as a string (`export --format json`).
pub fn catalog_json(cat: &Catalog) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_catalog(&mut out, cat, None);
    String::from_utf8_lossy(&out).into_owned()
}

/// The catalog document but its entries ([`write_catalog`] writes those).
#[derive(Serialize)]
struct CatalogRest<'a> {
    groups: Groups<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    schema: &'static str,
}

#[derive(Serialize)]
struct EntryView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<String>,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<ExplanationView<'a>>,
    fields: Vec<FieldView<'a>>,
    group: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lifecycle: Option<&'a crate::catalog::Lifecycle>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    retryable: Option<bool>,
    source: SourceView,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<std::collections::BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ExplanationView<'a> {
    file: String,
    html: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct FieldView<'a> {
    html: &'a str,
    markdown: &'a str,
    name: &'a str,
    text: String,
}

#[derive(Serialize)]
struct SourceView {
    column: usize,
    file: String,
    line: usize,
}

fn entry_view<'a>(
    cat: &'a Catalog,
    site: Option<&'a dyn SiteLinks>,
    i: usize,
    e: &'a Entry,
) -> EntryView<'a> {
    let span = cat.span(e);
    EntryView {
        anchor: site.map(|s| s.anchor(i)),
        code: e.code.as_str(),
        explanation: e.explanation.map(|x| {
            let x = &cat.explanations[x];
            ExplanationView {
                file: cat.source_path(&x.file),
                html: &x.html,
                markdown: &x.markdown,
            }
        }),
        fields: cat.fields(e).map(field_view).collect(),
        group: cat.group(e),
        lifecycle: (!e.lifecycle.is_active()).then_some(&e.lifecycle),
        message: cat.message_text(e),
        retryable: e.retryable,
        status: cat
            .status(e)
            .map(|f| crate::text::collapse(&f.text()))
            .filter(|s| !s.is_empty()),
        source: SourceView {
            column: span.column,
            file: cat.source_path(span.file),
            line: span.line,
        },
        url: site.map(|s| s.url(i)),
        language: site.and_then(|s| s.language()),
        translations: site
            .filter(|s| s.language().is_some())
            .map(|s| s.translations(i).into_iter().collect()),
    }
}

fn field_view(f: Field<'_>) -> FieldView<'_> {
    FieldView {
        html: &f.cell.html,
        markdown: &f.cell.source,
        name: f.name,
        text: f.text(),
    }
}

struct Groups<'a> {
    cat: &'a Catalog,
    site: Option<&'a dyn SiteLinks>,
}

#[derive(Serialize)]
struct GroupView<'a> {
    id: &'a str,
    ids: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    title: &'a str,
}

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.cat.sections.len()))?;
        for (i, sec) in self.cat.sections.iter().enumerate() {
            seq.serialize_element(&GroupView {
                id: sec.id(),
                ids: &sec.ids,
                page: self.site.map(|s| s.section_page(i)),
                title: &sec.title,
            })?;
        }
        seq.end()
    }
}

/// RFC 9457 problem type objects for every code: `type` is the code's page
/// URL, `title` its name or message, `detail` its first other field (not the
/// status), `status` from `[catalog] status-column`.
pub fn problem_types(cat: &Catalog, config: &Config) -> Result<Value> {
    let status_col = config.catalog.status_column.as_deref();
    let mut types = Vec::new();
    for e in &cat.entries {
        let mut p = json!({
            "type": urls::entry_url(cat, config, e, None)?,
            "title": cat.message_text(e),
            "code": e.code.as_str(),
        });
        if let Some(d) = cat.description(e) {
            p["detail"] = json!(collapse(&d.text()));
        }
        if let (Some(col), Some(f)) = (status_col, cat.status(e)) {
            let text = collapse(&f.text());
            match text.parse::<u16>() {
                Ok(s) if (100..=599).contains(&s) => p["status"] = json!(s),
                _ => {
                    let span = cat.span(e);
                    bail!(
                        "code {} at {}:{}: {:?} in column {col:?} is not an HTTP status",
                        e.code,
                        span.file.display(),
                        span.line,
                        text
                    )
                }
            }
        }
        types.push(p);
    }
    Ok(json!({
        "schema": "errdocs.problem-types/1",
        "base_url": config.site.base_url,
        "problem_types": types,
    }))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::config::Config;

    /// `write_catalog` writes its entries in parallel pieces: the document
    /// must be exactly what serde writes for it whole (two-space indent,
    /// keys sorted), with entries and without.
    #[test]
    fn the_document_is_serde_s_pretty_json_of_itself() {
        let seed =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/error-codes.md"))
                .unwrap();
        for text in [seed, b"# No codes\n\nJust prose.\n".to_vec()] {
            let cat = crate::catalog::from_files(
                Path::new("c"),
                vec![(PathBuf::from("c/errors.md"), text)],
                &Config::default(),
            );
            let mut out = Vec::new();
            super::write_catalog(&mut out, &cat, None).unwrap();
            let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
            let whole = serde_json::to_string_pretty(&value).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }
}
