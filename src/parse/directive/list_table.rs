//! `{list-table}`: a bullet list of bullet lists.

use super::options::{Converter, OptValue};
use super::{Invocation, Kind, Node, Reader, SphinxLevel, column_widths, myst, table_error};
use crate::parse::{Cell, Row, Table};
use crate::rules;

pub(super) const OPTIONS: &[(&str, Converter)] = &[
    ("align", Converter::Align),
    ("class", Converter::Class),
    ("header-rows", Converter::NonNegInt),
    ("name", Converter::Unchanged),
    ("stub-columns", Converter::NonNegInt),
    ("width", Converter::Length),
    ("widths", Converter::Widths),
];

/// `{list-table}`: a bullet list of bullet lists.
pub(super) fn list_table(reader: &mut Reader, d: &Invocation) -> Option<Node> {
    let mut rows = bullet_rows(reader, d)?;
    if rows.is_empty() {
        table_error(
            reader,
            d,
            SphinxLevel::Error,
            format!("The \"{}\" directive is empty; content required.", d.name),
            &rules::TABLE_SHAPE,
        );
        return None;
    }
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if rows.iter().any(|r| r.cells.len() != cols) {
        table_error(
            reader,
            d,
            SphinxLevel::Error,
            format!(
                "Error parsing content block for the \"{}\" directive: uniform two-level bullet list expected, but row {} does not contain the same number of items as row 1 ({} vs {cols}).",
                d.name,
                rows.iter().position(|r| r.cells.len() != cols).unwrap_or(0) + 1,
                rows.iter()
                    .find(|r| r.cells.len() != cols)
                    .map_or(0, |r| r.cells.len()),
            ),
            &rules::ROW_WIDTH,
        );
        return None;
    }
    let header_rows = d.int("header-rows");
    if header_rows > rows.len() {
        table_error(
            reader,
            d,
            SphinxLevel::Error,
            format!(
                "{header_rows} header row(s) specified but only {} row(s) of data supplied (\"{}\" directive).",
                rows.len(),
                d.name
            ),
            &rules::TABLE_SHAPE,
        );
        return None;
    }
    let body = rows.split_off(header_rows);
    let (colwidths, widths) = column_widths(reader, d, cols)?;
    let table = Table {
        title: d.arguments.first().map(|a| reader.inline(a)),
        colwidths,
        widths,
        stub_columns: d.int("stub-columns"),
        align: match d.option("align") {
            Some(OptValue::Text(a)) => a.clone(),
            _ => None,
        },
        options_lost: d.options_lost,
        ..Table::new("list-table", cols, rows, body)
    };
    Some(Node::new(Kind::Table(Box::new(table)), d.line))
}

/// The rows of the two-level bullet list: each first-level item a row, each
/// second-level item a cell (rendered as a small document).
fn bullet_rows(reader: &mut Reader, d: &Invocation) -> Option<Vec<Row>> {
    let mut rows: Vec<Row> = Vec::new();
    let mut cell_lines: Vec<String> = Vec::new();
    let mut cell_pos = (0usize, 0usize);
    let mut row_indent = None;
    let flush_cell = |reader: &mut Reader,
                      rows: &mut Vec<Row>,
                      cell_lines: &mut Vec<String>,
                      pos: (usize, usize)| {
        if let Some(row) = rows.last_mut()
            && (!cell_lines.is_empty() || pos.0 != 0)
        {
            let src = dedent_lines(cell_lines);
            let r = reader.cell(&src, pos.0, pos.1);
            row.cells.push(Cell {
                source: src,
                text: r.text,
                html: r.html,
                line: pos.0,
                column: pos.1,
                padded: false,
            });
            row.written += 1;
        }
        cell_lines.clear();
    };
    let bad = |reader: &mut Reader| {
        table_error(
            reader,
            d,
            SphinxLevel::Error,
            format!(
                "Error parsing content block for the \"{}\" directive: exactly one bullet list expected.",
                d.name
            ),
            &rules::TABLE_SHAPE,
        );
    };
    for (k, raw) in d.body.iter().enumerate() {
        let ln = d.body_line + k;
        let (indent, rest) = myst::split_indent(raw);
        if rest.is_empty() {
            if !cell_lines.is_empty() {
                cell_lines.push(String::new());
            }
            continue;
        }
        let is_bullet =
            |r: &str| r.starts_with("* ") || r.starts_with("- ") || r == "*" || r == "-";
        if is_bullet(rest) && row_indent.is_none_or(|ri| indent <= ri) {
            flush_cell(reader, &mut rows, &mut cell_lines, cell_pos);
            cell_pos = (0, 0);
            row_indent = Some(indent);
            rows.push(Row {
                cells: Vec::new(),
                line: ln,
                written: 0,
                blank: false,
            });
            let inner = rest[1..].trim_start();
            let off = indent + (rest.len() - inner.len());
            if let Some((ci, cr)) = Some(myst::split_indent(inner))
                && is_bullet(cr)
            {
                let content = cr[1..].trim_start();
                cell_pos = (ln, d.col + off + ci + (cr.len() - content.len()) + 1);
                cell_lines.push(content.to_string());
            } else if !inner.is_empty() {
                bad(reader);
                return None;
            }
            continue;
        }
        if is_bullet(rest) {
            flush_cell(reader, &mut rows, &mut cell_lines, cell_pos);
            let content = rest[1..].trim_start();
            cell_pos = (ln, d.col + indent + (rest.len() - content.len()) + 1);
            cell_lines.push(content.to_string());
            continue;
        }
        if rows.is_empty() {
            bad(reader);
            return None;
        }
        cell_lines.push(raw.clone());
    }
    flush_cell(reader, &mut rows, &mut cell_lines, cell_pos);
    Some(rows)
}

fn dedent_lines(lines: &[String]) -> String {
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| myst::split_indent(l).0)
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push(l.clone());
        } else {
            out.push(l.chars().skip(margin).collect());
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}
