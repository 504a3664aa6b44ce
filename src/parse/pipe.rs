//! GFM pipe tables: splitting a row into cells (markdown-it's rules, as MyST
//! uses them), and the table node, whether the table stands on its own
//! (found by the block scanner) or inside a list or quote (found by
//! pulldown-cmark).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::blocks::strip_offsets;
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
    pub(super) fn contained_table(
        &self,
        events: &[(Event, std::ops::Range<usize>)],
        aligns: &[pulldown_cmark::Alignment],
        text: &str,
        line_of: impl Fn(usize) -> usize,
    ) -> Node {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut in_head = false;
        let mut cur: Option<Row> = None;
        let mut k = 0;
        while k < events.len() {
            let (e, r) = &events[k];
            match e {
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    cur = Some(Row {
                        cells: Vec::new(),
                        line: line_of(r.start),
                        written: 0,
                        blank: false,
                    });
                }
                Event::Start(Tag::TableRow) => {
                    cur = Some(Row {
                        cells: Vec::new(),
                        line: line_of(r.start),
                        written: 0,
                        blank: false,
                    })
                }
                Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    if let Some(row) = cur.take() {
                        if in_head {
                            header.push(row);
                        } else {
                            rows.push(row);
                        }
                    }
                    in_head = false;
                }
                Event::Start(Tag::TableCell) => {
                    let mut depth = 0;
                    let mut end = k + 1;
                    while end < events.len() {
                        match &events[end].0 {
                            Event::Start(_) => depth += 1,
                            Event::End(_) if depth == 0 => break,
                            Event::End(_) => depth -= 1,
                            _ => {}
                        }
                        end += 1;
                    }
                    let src = text[r.clone()]
                        .trim()
                        .trim_matches('|')
                        .trim()
                        .replace("\\|", "|");
                    let inline = self.inline_events(&src, strip_offsets(&events[k + 1..end]));
                    if let Some(row) = cur.as_mut() {
                        row.written += 1;
                        row.cells.push(Cell {
                            source: src,
                            text: inline.text,
                            html: inline.html,
                            line: line_of(r.start),
                            column: 1,
                            padded: false,
                        });
                    }
                    k = end;
                }
                _ => {}
            }
            k += 1;
        }
        let aligns = aligns
            .iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::None => None,
                pulldown_cmark::Alignment::Left => Some("left"),
                pulldown_cmark::Alignment::Center => Some("center"),
                pulldown_cmark::Alignment::Right => Some("right"),
            })
            .collect();
        let line = line_of(events.first().map_or(0, |(_, r)| r.start)).max(1);
        pipe_table_node(aligns, header, rows, line)
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
                            text: r.text,
                            html: r.html,
                            source: src,
                            line: ln,
                            column: col + c + 1,
                            padded: k >= written,
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
            syntax: "pipe",
            title: None,
            cols,
            header,
            header_option_rows: 0,
            rows,
            align_cols: aligns.into_iter().map(|a| a.map(str::to_string)).collect(),
            colwidths: vec![(100 / cols.max(1)) as u32; cols],
            widths: "auto",
            stub_columns: 0,
            align: None,
            width: None,
            file: None,
            named: false,
        })),
        line,
    )
}

#[cfg(test)]
mod tests;
