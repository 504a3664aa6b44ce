//! Admonitions: `note`, `warning`, … and the titled `admonition`.

use super::options::Converter;
use super::{Invocation, Kind, Node, Reader, SphinxLevel};
use crate::anchors::make_id;

pub(super) const OPTIONS: &[(&str, Converter)] = &[
    ("class", Converter::Class),
    ("collapsible", Converter::Unchanged),
    ("name", Converter::Unchanged),
];

/// The admonition directives (all render as a titled box).
pub const ADMONITIONS: &[&str] = &[
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "seealso",
    "tip",
    "warning",
];

pub(super) fn admonition(reader: &mut Reader, d: &Invocation) -> Option<Node> {
    if d.body.is_empty() {
        reader.warn(
            d.line,
            SphinxLevel::Error,
            "docutils",
            format!(
                "Content block expected for the \"{}\" directive; none found.",
                d.name
            ),
        );
        return None;
    }
    let title = (d.name == "admonition")
        .then(|| reader.inline(d.arguments.first().map_or("", String::as_str)));
    let mut node = Node::new(
        Kind::Admonition {
            name: d.name.to_string(),
            title: title.clone().map(Box::new),
            label: crate::parse::admonition_title(d.name, reader.config.language.as_deref()),
        },
        d.line,
    );
    if let Some(t) = &title
        && d.option("class").is_none()
    {
        node.classes
            .push(format!("admonition-{}", make_id(&t.text)));
    }
    node.children = reader.parse_nested(d.body, d.body_line - 1, d.col, false);
    Some(node)
}
