//! MyST's `{table}`: a caption around one pipe table.

use super::options::Converter;
use super::{Invocation, Kind, Node, Reader};

/// The options of `{table}`.
pub(super) const OPTIONS: &[(&str, Converter)] = &[
    ("align", Converter::Align),
    ("class", Converter::Class),
    ("name", Converter::Unchanged),
    ("width", Converter::Length),
    ("widths", Converter::Widths),
];

/// MyST's `{table}`: a caption around one pipe table.
pub(super) fn titled_table(reader: &mut Reader, d: &Invocation) -> Option<Node> {
    let nodes = reader.parse_nested(d.body, d.body_line - 1, d.col, false);
    let mut table = nodes
        .into_iter()
        .find(|n| matches!(n.kind, Kind::Table(_)))?;
    if let Kind::Table(t) = &mut table.kind {
        t.title = d.arguments.first().map(|a| reader.inline(a));
    }
    table.line = d.line;
    Some(table)
}
