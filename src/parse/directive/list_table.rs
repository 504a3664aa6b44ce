//! `{list-table}`: a bullet list of bullet lists.

use super::options::{Converter, OptValue};
use super::{Invocation, Kind, Node, Reader, SphinxLevel, column_widths, myst, table_error};
use crate::parse::{Row, Table};
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
    // docutils counts the columns of row 1 and names the first row that differs.
    let cols = rows[0].cells.len();
    if let Some((k, r)) = rows.iter().enumerate().find(|(_, r)| r.cells.len() != cols) {
        table_error(
            reader,
            d,
            SphinxLevel::Error,
            format!(
                "Error parsing content block for the \"{}\" directive: uniform two-level bullet list expected, but row {} does not contain the same number of items as row 1 ({} vs {cols}).",
                d.name,
                k + 1,
                r.cells.len(),
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
/// second-level item a cell (rendered as a small document). A bullet starts
/// a row when it is left of the row's content, a cell when it is left of
/// the cell's content; deeper lines (a sub-list, an inner table) are the
/// cell's content.
fn bullet_rows(reader: &mut Reader, d: &Invocation) -> Option<Vec<Row>> {
    let mut rows: Vec<Row> = Vec::new();
    let mut cell: Option<OpenCell> = None;
    // The column where the content of the row being read starts.
    let mut row_content = 0usize;
    for (k, raw) in d.body.iter().enumerate() {
        let ln = d.body_line + k;
        let (indent, rest) = myst::split_indent(raw);
        if rest.is_empty() {
            if let Some(c) = &mut cell {
                c.lines.push(String::new());
            }
            continue;
        }
        match bullet(rest) {
            Some(after) if rows.is_empty() || indent < row_content => {
                flush_cell(reader, &mut rows, cell.take());
                rows.push(Row {
                    cells: Vec::new(),
                    line: ln,
                    written: 0,
                    blank: false,
                });
                row_content = indent + content_offset(rest, after);
                // A first cell on the row's line: `* - 5001`.
                let inner = rest[after..].trim_start();
                match bullet(inner) {
                    Some(cafter) => {
                        let at = indent + (rest.len() - inner.len());
                        cell = Some(OpenCell::new(inner, cafter, at, ln, d.col));
                    }
                    None if inner.is_empty() => {}
                    None => return second_level_expected(reader, d, rows.len()),
                }
            }
            Some(after) if cell.as_ref().is_none_or(|c| indent < c.content) => {
                if rows.is_empty() {
                    return one_list_expected(reader, d);
                }
                flush_cell(reader, &mut rows, cell.take());
                cell = Some(OpenCell::new(rest, after, indent, ln, d.col));
            }
            _ => match &mut cell {
                Some(c) => c.lines.push(myst::strip_columns(raw, c.content)),
                None if rows.is_empty() => return one_list_expected(reader, d),
                None => return second_level_expected(reader, d, rows.len()),
            },
        }
    }
    flush_cell(reader, &mut rows, cell.take());
    if let Some(k) = rows.iter().position(|r| r.cells.is_empty()) {
        return second_level_expected(reader, d, k + 1);
    }
    Some(rows)
}

/// A cell being read: its lines (the first after its bullet) and where its
/// content starts.
struct OpenCell {
    lines: Vec<String>,
    /// The column of its content (deeper lines belong to it).
    content: usize,
    /// 1-based line and column of its first character.
    at: (usize, usize),
}

impl OpenCell {
    /// A cell whose bullet is at column `indent` of `rest` (`after`: the
    /// byte after the bullet).
    fn new(rest: &str, after: usize, indent: usize, line: usize, col: usize) -> OpenCell {
        let content = indent + content_offset(rest, after);
        let first = rest[after..].trim_start();
        OpenCell {
            lines: vec![first.to_string()],
            content,
            at: (line, col + content + 1),
        }
    }
}

fn flush_cell(reader: &mut Reader, rows: &mut [Row], cell: Option<OpenCell>) {
    let (Some(c), Some(row)) = (cell, rows.last_mut()) else {
        return;
    };
    let mut lines = c.lines;
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let src = lines.join("\n");
    row.cells.push(reader.table_cell(src, c.at.0, c.at.1));
    row.written += 1;
}

/// The byte after a bullet (`*`, `-` or `+` followed by a space or nothing).
fn bullet(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let marker = chars.next()?;
    if !matches!(marker, '*' | '-' | '+') {
        return None;
    }
    match chars.next() {
        None => Some(1),
        Some(' ' | '\t') => Some(1),
        Some(_) => None,
    }
}

/// The columns from a bullet to its item's content: the marker and 1 to 4
/// spaces (CommonMark: 5 or more, or none, count as 1).
fn content_offset(rest: &str, after: usize) -> usize {
    let gap = &rest[after..];
    let spaces = gap.chars().take_while(|c| *c == ' ').count();
    if gap.trim().is_empty() || spaces == 0 || spaces > 4 {
        2
    } else {
        1 + spaces
    }
}

fn one_list_expected(reader: &mut Reader, d: &Invocation) -> Option<Vec<Row>> {
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
    None
}

fn second_level_expected(reader: &mut Reader, d: &Invocation, row: usize) -> Option<Vec<Row>> {
    table_error(
        reader,
        d,
        SphinxLevel::Error,
        format!(
            "Error parsing content block for the \"{}\" directive: two-level bullet list expected, but row {row} does not contain a second-level bullet list.",
            d.name
        ),
        &rules::TABLE_SHAPE,
    );
    None
}
