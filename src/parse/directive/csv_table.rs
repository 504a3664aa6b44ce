//! `{csv-table}`: the CSV body, `:header:`, `:file:` (confined to the
//! catalog folder, in the encodings docutils reads), and standalone `.csv`
//! files read the same way.

use std::path::{Path, PathBuf};

use super::options::{Converter, OptValue};
use super::{Invocation, Kind, Node, Reader, SphinxLevel, column_widths, finding, table_error};
use crate::diag::DiagSpan;
use crate::parse::csv::{self, Dialect};
use crate::parse::{Cell, Row, Table};
use crate::rules;

pub(super) const OPTIONS: &[(&str, Converter)] = &[
    ("align", Converter::Align),
    ("class", Converter::Class),
    ("delim", Converter::Char { whitespace: true }),
    ("encoding", Converter::Required),
    ("escape", Converter::Char { whitespace: false }),
    ("file", Converter::Required),
    ("header", Converter::Unchanged),
    ("header-rows", Converter::NonNegInt),
    ("keepspace", Converter::Flag),
    ("name", Converter::Unchanged),
    ("quote", Converter::Char { whitespace: false }),
    ("stub-columns", Converter::NonNegInt),
    ("url", Converter::Required),
    ("width", Converter::Length),
    ("widths", Converter::Widths),
];

pub(super) fn csv_table(reader: &mut Reader, d: &Invocation) -> Option<Node> {
    let dq = format!("\"{}\"", d.name);
    let src = csv_source(reader, d, &dq)?;
    let title = d.arguments.first().map(|a| reader.inline(a));
    let dialect = dialect(d);
    // Header rows from the `:header:` option.
    let mut header: Vec<Row> = Vec::new();
    if let Some(OptValue::Text(Some(h))) = d.option("header") {
        let hl = d.option_line("header");
        let hlines: Vec<String> = h.split('\n').map(str::to_string).collect();
        header = read_rows(reader, d, &dq, &hlines, dialect, (hl, d.col + 1), true)?;
    }
    let header_option_rows = header.len();
    let mut rows = read_rows(
        reader,
        d,
        &dq,
        &src.lines,
        dialect,
        (src.first_line, src.col),
        false,
    )?;
    let max_cols = rows
        .iter()
        .chain(header.iter())
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    let header_rows = d.int("header-rows");
    let stub_columns = d.int("stub-columns");
    wider_than_widths(reader, d, &header, &rows, max_cols);
    check_shape(reader, d, &dq, &rows, header_rows, stub_columns)?;
    let body = rows.split_off(header_rows);
    header.extend(rows);
    let (colwidths, widths) = column_widths(reader, d, max_cols)?;
    let mut table = Table {
        title,
        header_option_rows,
        colwidths,
        widths,
        stub_columns,
        align: match d.option("align") {
            Some(OptValue::Text(a)) => a.clone(),
            _ => None,
        },
        width: match d.option("width") {
            Some(OptValue::Text(w)) => w.clone(),
            _ => None,
        },
        file: src.file,
        options_lost: d.options_lost,
        ..Table::new("csv-table", max_cols, header, body)
    };
    pad_rows(&mut table);
    Some(Node::new(Kind::Table(Box::new(table)), d.line))
}

/// The CSV lines of a table and where they are.
struct CsvSource {
    lines: Vec<String>,
    /// The file line of the first CSV line.
    first_line: usize,
    /// The indent of the lines in the file (0-based columns).
    col: usize,
    /// The `:file:` the lines come from.
    file: Option<PathBuf>,
}

/// The table's body or its `:file:`, or docutils' error for neither, both,
/// or a `:url:` (refused: errdocs never fetches).
fn csv_source(reader: &mut Reader, d: &Invocation, dq: &str) -> Option<CsvSource> {
    let has_file = d.option("file").is_some();
    let has_url = d.option("url").is_some();
    let refuse = |reader: &mut Reader, level, message: String| {
        table_error(reader, d, level, message, &rules::TABLE_SOURCE);
        None
    };
    if !d.body.is_empty() {
        if has_file || has_url {
            return refuse(
                reader,
                SphinxLevel::Error,
                format!("{dq} directive may not both specify an external file and have content."),
            );
        }
        return Some(CsvSource {
            lines: d.body.to_vec(),
            first_line: d.body_line,
            col: d.col,
            file: None,
        });
    }
    if has_file {
        if has_url {
            return refuse(
                reader,
                SphinxLevel::Error,
                format!(
                    "The \"file\" and \"url\" options may not be simultaneously specified for the {dq} directive."
                ),
            );
        }
        let Some(OptValue::Text(Some(rel))) = d.option("file") else {
            return None;
        };
        let encoding = match d.option("encoding") {
            Some(OptValue::Text(Some(e))) => e.clone(),
            _ => "utf-8".into(),
        };
        let (lines, path) = read_included(reader, d, rel, &encoding)?;
        return Some(CsvSource {
            lines,
            first_line: 1,
            col: 0,
            file: Some(path),
        });
    }
    if has_url {
        reader.push(finding(
            &reader.file,
            &rules::UNSAFE_INCLUDE,
            (d.option_line("url"), d.col + 2),
            Some((d.line, SphinxLevel::Error, "docutils")),
            format!(
                "{dq} directive :url: option refused: errdocs never fetches from the network; copy the file into the catalog and use :file:."
            ),
        ));
        return None;
    }
    refuse(
        reader,
        SphinxLevel::Warning,
        format!("The {dq} directive requires content; none supplied."),
    )
}

/// The dialect the options ask for.
fn dialect(d: &Invocation) -> Dialect {
    let mut dialect = Dialect::default();
    if let Some(OptValue::Char(c)) = d.option("delim") {
        dialect.delimiter = *c;
    }
    if let Some(OptValue::Char(c)) = d.option("quote") {
        dialect.quote = *c;
    }
    if let Some(OptValue::Char(c)) = d.option("escape") {
        dialect.escape = Some(*c);
    }
    if d.option("keepspace").is_some() {
        dialect.skip_initial_space = false;
    }
    dialect
}

/// Reads CSV lines into rows; `at` is the file line and 0-based column of
/// the first line; `from_option`: the lines are the `:header:` value (all
/// its cells are on the option's line).
fn read_rows(
    reader: &mut Reader,
    d: &Invocation,
    dq: &str,
    lines: &[String],
    dialect: Dialect,
    at: (usize, usize),
    from_option: bool,
) -> Option<Vec<Row>> {
    match csv::read_csv(lines, dialect) {
        Ok(recs) => Some(records_to_rows(reader, recs, at.0, at.1, from_option)),
        Err(e) => {
            reader.push(finding(
                &reader.file,
                &rules::CSV_SYNTAX,
                (at.0 + e.line, at.1 + e.column + 1),
                Some((d.line, SphinxLevel::Error, "docutils")),
                format!("Error with CSV data in {dq} directive:\n{}", e.message),
            ));
            None
        }
    }
}

/// With `:widths:`, a row with too many cells (an unquoted comma) makes
/// Sphinx refuse the whole table with a message about the widths; name the
/// rows themselves too.
fn wider_than_widths(
    reader: &mut Reader,
    d: &Invocation,
    header: &[Row],
    rows: &[Row],
    max_cols: usize,
) {
    let Some(OptValue::Widths(w)) = d.option("widths") else {
        return;
    };
    if w.len() >= max_cols {
        return;
    }
    let width = header
        .iter()
        .map(|r| r.written)
        .max()
        .filter(|&n| n > 0)
        .unwrap_or(w.len());
    for r in rows.iter().filter(|r| r.written > width) {
        let Some(extra) = r.cells.get(width) else {
            continue;
        };
        let span = DiagSpan::at(
            &reader.file,
            extra.line,
            extra.column,
            extra.source.chars().count(),
        );
        reader.push(
            rules::ROW_WIDTH
                .at(
                    span,
                    format!(
                        "row has {} cells but the header has {width}; with :widths: set, Sphinx refuses the whole table",
                        r.written
                    ),
                )
                .with_help("an unquoted comma splits a cell: put the cell in double quotes"),
        );
    }
}

/// docutils' checks of `:header-rows:` and `:stub-columns:` against the data.
fn check_shape(
    reader: &mut Reader,
    d: &Invocation,
    dq: &str,
    rows: &[Row],
    header_rows: usize,
    stub_columns: usize,
) -> Option<()> {
    let mut refuse = |message: String| {
        table_error(reader, d, SphinxLevel::Error, message, &rules::TABLE_SHAPE);
        None
    };
    if rows.len() < header_rows {
        return refuse(format!(
            "{header_rows} header row(s) specified but only {} row(s) of data supplied ({dq} directive).",
            rows.len()
        ));
    }
    if rows.len() == header_rows && header_rows > 0 {
        return refuse(format!(
            "Insufficient data supplied ({} row(s)); no data remaining for table body, required by {dq} directive.",
            rows.len()
        ));
    }
    for r in rows {
        if r.cells.len() < stub_columns {
            return refuse(format!(
                "{stub_columns} stub column(s) specified but only {} columns(s) of data supplied ({dq} directive).",
                r.cells.len()
            ));
        }
        if r.cells.len() == stub_columns && stub_columns > 0 {
            return refuse(format!(
                "Insufficient data supplied ({} columns(s)); no data remaining for table body, required by {dq} directive.",
                r.cells.len()
            ));
        }
    }
    Some(())
}

pub(super) fn default_widths(cols: usize) -> Vec<u32> {
    vec![(100 / cols.max(1)) as u32; cols]
}

fn pad_rows(table: &mut Table) {
    let cols = table.cols;
    for r in table.header.iter_mut().chain(table.rows.iter_mut()) {
        let (line, column) = r.cells.last().map_or((r.line, 1), |c| {
            (c.line, c.column + c.source.chars().count())
        });
        while r.cells.len() < cols {
            r.cells.push(Cell {
                padded: true,
                ..Cell::new(String::new(), Default::default(), line, column)
            });
        }
    }
}

fn records_to_rows(
    reader: &mut Reader,
    recs: Vec<csv::CsvRecord>,
    first_line: usize,
    col: usize,
    from_option: bool,
) -> Vec<Row> {
    recs.into_iter()
        .map(|r| {
            let written = r.fields.len();
            Row {
                line: if from_option {
                    first_line
                } else {
                    first_line + r.line
                },
                written,
                blank: r.blank,
                cells: r
                    .fields
                    .into_iter()
                    .map(|f| {
                        let line = if from_option {
                            first_line
                        } else {
                            first_line + f.line
                        };
                        let column = col + f.column + 1;
                        reader.table_cell(f.text, line, column)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Reads a `:file:` CSV, confined to the catalog folder.
fn read_included(
    reader: &mut Reader,
    d: &Invocation,
    rel: &str,
    encoding: &str,
) -> Option<(Vec<String>, PathBuf)> {
    let dq = format!("\"{}\"", d.name);
    let root = reader
        .config
        .root
        .clone()
        .unwrap_or_else(|| reader.doc_dir.clone());
    let path = reader.doc_dir.join(rel);
    let file_line = d.option_line("file");
    let refuse = |reader: &mut Reader, why: &str| {
        reader.push(finding(
            &reader.file,
            &rules::UNSAFE_INCLUDE,
            (file_line, d.col + 2),
            Some((d.line, SphinxLevel::Error, "docutils")),
            format!("{dq} directive :file: {rel:?} refused: {why}"),
        ));
    };
    if Path::new(rel).is_absolute() {
        refuse(reader, "an absolute path");
        return None;
    }
    let canon_root = root.canonicalize().unwrap_or(root.clone());
    let canon = match path.canonicalize() {
        Ok(p) => p,
        Err(_) => {
            let shown = path.strip_prefix(&root).unwrap_or(&path);
            table_error(
                reader,
                d,
                SphinxLevel::Critical,
                format!(
                    "Problems with {dq} directive path:\n[Errno 2] No such file or directory: '<srcdir>/{}'.",
                    shown.display()
                ),
                &rules::TABLE_SOURCE,
            );
            return None;
        }
    };
    if !canon.starts_with(&canon_root) {
        refuse(reader, "it resolves outside the catalog folder");
        return None;
    }
    let bytes = match std::fs::read(&canon) {
        Ok(b) => b,
        Err(e) => {
            refuse(reader, &e.to_string());
            return None;
        }
    };
    let text = match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" | "utf-8-sig" => {
            match crate::source::SourceFile::from_bytes(&canon, &bytes) {
                Ok(s) => s.text,
                Err(e) => {
                    refuse(
                        reader,
                        &format!(
                            "not valid UTF-8 at byte {} (line {}, column {})",
                            e.byte_offset, e.line, e.column
                        ),
                    );
                    return None;
                }
            }
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => bytes
            .iter()
            .map(|&b| b as char)
            .collect::<String>()
            .replace("\r\n", "\n"),
        "ascii" | "us-ascii" => match bytes.iter().position(|b| !b.is_ascii()) {
            Some(p) => {
                refuse(reader, &format!("not ASCII at byte {p}"));
                return None;
            }
            None => String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
        },
        other => {
            refuse(reader, &format!("unsupported :encoding: {other}"));
            return None;
        }
    };
    reader.doc.includes.push(canon.clone());
    let lines = text.lines().map(str::to_string).collect();
    Some((lines, path))
}

/// A standalone `.csv` file: read with the csv-table dialect (so a file reads
/// the same on its own as through `:file:`), first row the header.
pub(in crate::parse) fn csv_file(reader: &mut Reader, text: &str) -> Option<Node> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let recs = match csv::read_csv(&lines, Dialect::default()) {
        Ok(recs) => recs,
        Err(e) => {
            let at = (e.line + 1, e.column + 1);
            reader.push(finding(
                &reader.file,
                &rules::CSV_SYNTAX,
                at,
                None,
                format!("CSV syntax error: {}", e.message),
            ));
            return None;
        }
    };
    let mut rows: Vec<Row> = records_to_rows(reader, recs, 1, 0, false)
        .into_iter()
        .filter(|r| !r.blank)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let header = vec![rows.remove(0)];
    let mut table = Table::new("csv", cols, header, rows);
    pad_rows(&mut table);
    Some(Node::new(Kind::Table(Box::new(table)), 1))
}
