//! GFM pipe tables: splitting a row into cells (markdown-it's rules, as MyST
//! uses them), and the table node, whether the table stands on its own
//! (found by the block scanner) or inside a list or quote (found by
//! pulldown-cmark).

use super::{Cell, Kind, Node, Reader, Row, Table, myst};

/// A pipe-table row split into cell sources, with each cell's 0-based
/// character column in the line. Cells beyond `cols` are dropped, missing
/// ones are padded with empty strings (column of the line end).
pub fn pipe_row(line: &str, cols: usize) -> (Vec<(String, usize)>, usize) {
    let trimmed_start = line.len() - line.trim_start().len();
    let t = line.trim();
    let parts = myst::escaped_split(t);
    // Columns: walk the raw text to find each part's start.
    let mut starts = Vec::with_capacity(parts.len());
    let mut col = line[..trimmed_start].chars().count();
    for p in &parts {
        starts.push(col);
        // The source length of a part: its text plus one char per escaped pipe.
        let escaped = p.matches('|').count();
        col += p.chars().count() + escaped + 1;
    }
    let mut raw: Vec<(String, usize)> = parts.into_iter().zip(starts).collect();
    if raw.first().is_some_and(|c| c.0.is_empty()) {
        raw.remove(0);
    }
    if raw.last().is_some_and(|c| c.0.is_empty()) {
        raw.pop();
    }
    let mut cells: Vec<(String, usize)> = raw
        .into_iter()
        .map(|(p, s)| {
            let lead = p.chars().take_while(|c| c.is_whitespace()).count();
            (p.trim().to_string(), s + lead)
        })
        .collect();
    let written = cells.len();
    let end = line.chars().count();
    cells.truncate(cols);
    while cells.len() < cols {
        cells.push((String::new(), end));
    }
    (cells, written)
}

impl Reader<'_> {
    /// A pipe table inside a list item or block quote (pulldown-cmark found
    /// it at `range` of `text`; its first line is file line `line`): its
    /// lines without the container's prefix, read like any other pipe table.
    pub(super) fn contained_table(
        &mut self,
        range: std::ops::Range<usize>,
        text: &str,
        line: usize,
    ) -> Node {
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..range.start].chars().count();
        let lines: Vec<&str> = text[line_start..range.end]
            .lines()
            .enumerate()
            .map(|(k, l)| {
                if k == 0 {
                    return &l[range.start - line_start..];
                }
                // The container's prefix: up to `indent` spaces, tabs and `>`.
                let cut = l
                    .char_indices()
                    .take(indent)
                    .take_while(|(_, c)| matches!(c, ' ' | '\t' | '>'))
                    .last()
                    .map_or(0, |(i, c)| i + c.len_utf8());
                &l[cut..]
            })
            .collect();
        self.pipe_table(&lines, line.saturating_sub(1), indent)
    }

    pub(super) fn pipe_table(&mut self, lines: &[&str], base: usize, col: usize) -> Node {
        let aligns = myst::delimiter_row(lines[1]).unwrap_or_default();
        let cols = aligns.len();
        let make_row = |line: &str, ln: usize| {
            self.cur_line.set(ln);
            let (cells, written) = pipe_row(line, cols);
            Row {
                cells: cells
                    .into_iter()
                    .enumerate()
                    .map(|(k, (src, c))| {
                        let r = self.inline(&src);
                        Cell {
                            padded: k >= written,
                            ..Cell::new(src, r, ln, col + c + 1)
                        }
                    })
                    .collect(),
                line: ln,
                written,
                blank: false,
            }
        };
        let header = vec![make_row(lines[0], base + 1)];
        let rows = lines[2..]
            .iter()
            .enumerate()
            .map(|(k, l)| make_row(l, base + 3 + k))
            .collect();
        pipe_table_node(aligns, header, rows, base + 1)
    }
}

/// A GFM pipe table (column widths are automatic).
pub(super) fn pipe_table_node(
    aligns: Vec<Option<&str>>,
    header: Vec<Row>,
    rows: Vec<Row>,
    line: usize,
) -> Node {
    let cols = aligns.len();
    Node::new(
        Kind::Table(Box::new(Table {
            align_cols: aligns.into_iter().map(|a| a.map(str::to_string)).collect(),
            widths: "auto",
            ..Table::new("pipe", cols, header, rows)
        })),
        line,
    )
}

#[cfg(test)]
mod tests;
