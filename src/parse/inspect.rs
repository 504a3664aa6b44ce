//! A page as the reader read it, as JSON: `errdocs inspect` and the
//! differential tests against Sphinx compare this with what Sphinx built.

use serde::Serialize;

use super::directive::ADMONITIONS;
use super::{Cell, Document, Kind, Node, Row};
use crate::html::html_to_text;
use crate::text::collapse;

/// How an admonition shows: a titled `admonition` with the class of a known
/// kind (`:class: tip`) looks like that kind.
pub fn admonition_kind<'a>(name: &'a str, classes: &'a [String]) -> &'a str {
    if name == "admonition"
        && let Some(c) = classes
            .iter()
            .find(|c| ADMONITIONS.contains(&c.as_str()))
            .or_else(|| {
                classes
                    .iter()
                    .find(|c| !c.trim().is_empty() && *c != "admonition")
            })
    {
        return c;
    }
    name
}

#[derive(Debug, Serialize)]
struct InspectSection {
    title: String,
    level: usize,
    ids: Vec<String>,
}

#[derive(Debug, Serialize)]
struct InspectTable {
    section_id: Option<String>,
    header_rows: Vec<Vec<String>>,
    body_rows: Vec<Vec<String>>,
    header_html: Vec<Vec<String>>,
    body_html: Vec<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct InspectAdmonition {
    kind: String,
    title: Option<String>,
    text: String,
    section_id: Option<String>,
}

#[derive(Debug, Serialize)]
struct InspectFootnote {
    label: String,
    ids: Vec<String>,
    text: String,
}

#[derive(Debug, Default, Serialize)]
struct Inspect {
    sections: Vec<InspectSection>,
    tables: Vec<InspectTable>,
    admonitions: Vec<InspectAdmonition>,
    footnotes: Vec<InspectFootnote>,
}

/// `errdocs inspect FILE --format json`: the document as read.
pub fn to_json(doc: &Document) -> String {
    let mut out = Inspect::default();
    walk(&doc.children, None, &mut out);
    out.footnotes = doc
        .footnotes
        .iter()
        .map(|f| InspectFootnote {
            label: f.number.clone(),
            ids: vec![f.id.clone()],
            text: collapse(&f.text),
        })
        .collect();
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

fn walk(nodes: &[Node], section: Option<&str>, out: &mut Inspect) {
    for n in nodes {
        match &n.kind {
            Kind::Section { depth, title } => {
                out.sections.push(InspectSection {
                    title: collapse(&title.text),
                    level: *depth,
                    ids: n.ids.clone(),
                });
                walk(&n.children, n.ids.first().map(String::as_str), out);
                continue;
            }
            Kind::Table(t) => {
                let cells = |rs: &[Row], f: fn(&Cell) -> String| -> Vec<Vec<String>> {
                    rs.iter().map(|r| r.cells.iter().map(f).collect()).collect()
                };
                let text = |c: &Cell| collapse(&html_to_text(&c.html));
                let html = |c: &Cell| c.html.clone();
                out.tables.push(InspectTable {
                    section_id: section.map(str::to_string),
                    header_rows: cells(&t.header, text),
                    body_rows: cells(&t.rows, text),
                    header_html: cells(&t.header, html),
                    body_html: cells(&t.rows, html),
                });
            }
            Kind::Admonition { name, title, label } => out.admonitions.push(InspectAdmonition {
                kind: admonition_kind(name, &n.classes).to_string(),
                title: Some(
                    title
                        .as_ref()
                        .map_or_else(|| label.clone(), |t| collapse(&t.text)),
                ),
                text: collapse(
                    &n.children
                        .iter()
                        .map(Node::text)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                section_id: section.map(str::to_string),
            }),
            _ => {}
        }
        for blocks in n.blocks() {
            walk(blocks, section, out);
        }
    }
}
