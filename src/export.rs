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
    let language = site.and_then(|s| s.language());
    let doc = CatalogDoc {
        entries: Entries { cat, site },
        groups: Groups { cat, site },
        language,
        schema: if language.is_some() {
            CATALOG_SCHEMA_ID_LANGUAGES
        } else {
            CATALOG_SCHEMA_ID
        },
    };
    let mut ser = serde_json::Serializer::pretty(&mut *w);
    doc.serialize(&mut ser).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

/// The catalog document as a string (`export --format json`).
pub fn catalog_json(cat: &Catalog) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_catalog(&mut out, cat, None);
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Serialize)]
struct CatalogDoc<'a> {
    entries: Entries<'a>,
    groups: Groups<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    schema: &'static str,
}

struct Entries<'a> {
    cat: &'a Catalog,
    site: Option<&'a dyn SiteLinks>,
}

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.cat.entries.len()))?;
        for (i, e) in self.cat.entries.iter().enumerate() {
            seq.serialize_element(&entry_view(self.cat, self.site, i, e))?;
        }
        seq.end()
    }
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
