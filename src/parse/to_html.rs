//! The document tree as sanitised HTML (a cell's blocks, an admonition,
//! prose between tables).

use std::fmt::Write;

use super::{Footnote, Kind, Node};
use crate::html::{escape, sanitize};

/// The footnotes of a page (or those of a code) as Sphinx lists them: a
/// rule, then each with its number and its id.
pub fn footnotes_html<'a>(footnotes: impl IntoIterator<Item = &'a Footnote>) -> String {
    let mut out = String::from("<hr class=\"footnotes\"><aside class=\"footnote-list brackets\">");
    for f in footnotes {
        let _ = write!(
            out,
            "<aside class=\"footnote brackets\" id=\"{}\"><span class=\"label\"><span class=\"fn-bracket\">[</span>{}<span class=\"fn-bracket\">]</span></span>{}</aside>",
            escape(&f.id),
            escape(&f.number),
            f.html
        );
    }
    out.push_str("</aside>");
    out
}

/// HTML of a sequence of nodes (a cell, an admonition body, a section's prose).
pub fn nodes_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        node_html(n, &mut out);
    }
    out
}

fn node_html(n: &Node, out: &mut String) {
    let id_attr = |n: &Node| match n.ids.first() {
        Some(id) => format!(" id=\"{}\"", escape(id)),
        None => String::new(),
    };
    match &n.kind {
        Kind::Paragraph(i) => {
            let _ = write!(out, "<p{}>{}</p>", id_attr(n), i.html);
        }
        Kind::Rubric(i) => {
            let _ = write!(out, "<p class=\"rubric\"{}>{}</p>", id_attr(n), i.html);
        }
        Kind::LiteralBlock { language, text } => {
            let _ = write!(
                out,
                "<pre><code class=\"language-{}\">{}</code></pre>",
                escape(language),
                escape(text)
            );
        }
        Kind::List { ordered } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for item in &n.children {
                out.push_str("<li>");
                match item.children.as_slice() {
                    [only] if matches!(only.kind, Kind::Paragraph(_)) => {
                        if let Kind::Paragraph(i) = &only.kind {
                            out.push_str(&i.html);
                        }
                    }
                    children => out.push_str(&nodes_html(children)),
                }
                out.push_str("</li>");
            }
            let _ = write!(out, "</{tag}>");
        }
        Kind::ListItem => out.push_str(&nodes_html(&n.children)),
        Kind::BlockQuote => {
            let _ = write!(out, "<blockquote>{}</blockquote>", nodes_html(&n.children));
        }
        Kind::Transition => out.push_str("<hr>"),
        Kind::Html(raw) => out.push_str(&sanitize(raw)),
        // Listed at the end of the page (see `Document::footnotes`).
        Kind::Footnote { .. } => {}
        Kind::Target { .. } => {
            for id in &n.ids {
                let _ = write!(out, "<span id=\"{}\"></span>", escape(id));
            }
        }
        Kind::Admonition { name, title, label } => {
            let title_html = match title {
                Some(t) => t.html.clone(),
                None => escape(label),
            };
            let mut classes = vec!["admonition".to_string(), name.clone()];
            classes.extend(n.classes.iter().cloned());
            let _ = write!(
                out,
                "<div class=\"{}\"{}><p class=\"admonition-title\">{}</p>{}</div>",
                escape(&classes.join(" ")),
                id_attr(n),
                title_html,
                nodes_html(&n.children)
            );
        }
        Kind::Container => {
            let _ = write!(
                out,
                "<div class=\"{}\"{}>{}</div>",
                escape(&n.classes.join(" ")),
                id_attr(n),
                nodes_html(&n.children)
            );
        }
        Kind::Table(t) => {
            let _ = write!(out, "<table{}>", id_attr(n));
            if let Some(title) = &t.title {
                let _ = write!(out, "<caption>{}</caption>", title.html);
            }
            for (rows, cell_tag) in [(&t.header, "th"), (&t.rows, "td")] {
                for r in rows
                    .iter()
                    .filter(|r| r.cells.iter().any(|c| !c.text.is_empty()) || cell_tag == "td")
                {
                    out.push_str("<tr>");
                    for c in &r.cells {
                        let _ = write!(out, "<{cell_tag}>{}</{cell_tag}>", c.html);
                    }
                    out.push_str("</tr>");
                }
            }
            out.push_str("</table>");
        }
        Kind::Section { depth, title } => {
            let _ = write!(out, "<section{}>", id_attr(n));
            for id in n.ids.iter().skip(1) {
                let _ = write!(out, "<span id=\"{}\"></span>", escape(id));
            }
            let h = (*depth + 1).min(6);
            let _ = write!(out, "<h{h}>{}</h{h}>", title.html);
            out.push_str(&nodes_html(&n.children));
            out.push_str("</section>");
        }
    }
}
