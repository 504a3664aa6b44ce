//! The catalog model: pages, their tables, and the entries (one per code).

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::parse::{self, Document, Kind, Level, Node, ParseConfig, Table, Warning};
use crate::source::{self, SourceFile};

/// An error code as written in the catalog. One canonical rendering: the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Code(String);

impl Code {
    /// Wraps a code's text (trimmed).
    pub fn new(s: &str) -> Self {
        Code(s.trim().to_string())
    }
    /// The code's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A place in a catalog file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// The file, as shown to users.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalars.
    pub column: usize,
}

/// One catalog page: a Markdown file, or a standalone CSV file.
#[derive(Debug, Clone)]
pub struct Page {
    /// The decoded source.
    pub source: SourceFile,
    /// The parsed document (a CSV file becomes a document with one table).
    pub doc: Document,
    /// A standalone `.csv` file.
    pub is_csv: bool,
}

/// A field of an entry: one non-code cell, named by its column header.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The column's header text (last non-empty header row).
    pub name: String,
    /// The cell as written (after CSV unquoting).
    pub markdown: String,
    /// Rendered plain text.
    pub text: String,
    /// Rendered, sanitised HTML.
    pub html: String,
}

/// One code: a row of a table that has a code column.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The code.
    pub code: Code,
    /// The group: the id (label or slug) of the section the table is in.
    pub group: String,
    /// The other cells, in column order.
    pub fields: Vec<Field>,
    /// Where the code cell is.
    pub source: Span,
    /// Index of the page in [`Catalog::pages`].
    #[serde(skip)]
    pub page: usize,
}

/// The whole catalog folder.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The folder.
    pub root: PathBuf,
    /// Pages in path order.
    pub pages: Vec<Page>,
    /// Entries in page and table order.
    pub entries: Vec<Entry>,
    /// Files that could not be read as text, with the reason.
    pub load_errors: Vec<(PathBuf, Warning)>,
}

/// Column headers that mark a table's code column (compared case-insensitively).
pub const DEFAULT_CODE_COLUMNS: &[&str] =
    &["error code", "code", "status code", "errno", "error number"];

/// Reads every `.md` and `.csv` under `root`.
pub fn load(root: &Path, config: &ParseConfig, code_columns: &[String]) -> Result<Catalog> {
    let mut files = Vec::new();
    for path in source::discover(root)? {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        files.push((path, bytes));
    }
    Ok(from_files(root, files, config, code_columns))
}

/// A catalog from files already read (`.md` and `.csv`, paths under `root`).
pub fn from_files(
    root: &Path,
    files: Vec<(PathBuf, Vec<u8>)>,
    config: &ParseConfig,
    code_columns: &[String],
) -> Catalog {
    let mut cat = Catalog {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let config = ParseConfig {
        root: Some(root.to_path_buf()),
        ..config.clone()
    };
    let mut included: Vec<PathBuf> = Vec::new();
    let mut csvs: Vec<PathBuf> = Vec::new();
    for (path, bytes) in files {
        let src = match SourceFile::from_bytes(&path, &bytes) {
            Ok(s) => s,
            Err(e) => {
                cat.load_errors.push((
                    path.clone(),
                    Warning {
                        line: e.line,
                        pos: Some((e.line, e.column)),
                        level: Level::Error,
                        message: format!(
                            "{} is not valid UTF-8: invalid byte at offset {}",
                            path.display(),
                            e.byte_offset
                        ),
                        kind: "errdocs".into(),
                        rule: Some("encoding"),
                    },
                ));
                continue;
            }
        };
        if path.extension().is_some_and(|e| e == "csv") {
            csvs.push(path);
            cat.pages.push(Page {
                source: src,
                doc: Document::default(),
                is_csv: true,
            });
            continue;
        }
        let doc = parse::parse(&src, &config);
        included.extend(doc.includes.iter().cloned());
        cat.pages.push(Page {
            source: src,
            doc,
            is_csv: false,
        });
    }
    // A CSV that a `:file:` option includes is read only there.
    let included: Vec<PathBuf> = included
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    cat.pages.retain(|p| {
        !p.is_csv
            || !p
                .source
                .path
                .canonicalize()
                .is_ok_and(|c| included.contains(&c))
    });
    for page in cat.pages.iter_mut().filter(|p| p.is_csv) {
        page.doc = csv_document(&page.source, config.smartquotes);
    }
    let columns = code_column_names(code_columns);
    for (pi, page) in cat.pages.iter().enumerate() {
        let group_fallback = page
            .source
            .path
            .file_stem()
            .map(|s| crate::anchors::make_id(&s.to_string_lossy()))
            .unwrap_or_default();
        walk_tables(&page.doc.children, None, &mut |table, section| {
            let group = section.map_or(group_fallback.clone(), group_id);
            collect_entries(
                table,
                &group,
                pi,
                &page.source.path,
                &columns,
                &mut cat.entries,
            );
        });
    }
    cat
}

/// The headers that mark a code column: the configured ones, else the defaults.
pub fn code_column_names(configured: &[String]) -> Vec<String> {
    if configured.is_empty() {
        DEFAULT_CODE_COLUMNS.iter().map(|s| s.to_string()).collect()
    } else {
        configured.to_vec()
    }
}

/// The id a section is grouped under: its label if it has one, else its slug.
pub fn group_id(section: &Node) -> String {
    // ids[0] is the label when there is one (docutils puts it first).
    section.ids.first().cloned().unwrap_or_default()
}

/// The section whose first id is `id`, anywhere in `nodes`.
pub fn find_section<'a>(nodes: &'a [Node], id: &str) -> Option<&'a Node> {
    for n in nodes {
        if matches!(n.kind, Kind::Section { .. }) {
            if n.ids.first().map(String::as_str) == Some(id) {
                return Some(n);
            }
            if let Some(s) = find_section(&n.children, id) {
                return Some(s);
            }
        }
    }
    None
}

/// Calls `f` for every table with the innermost section that holds it.
pub fn walk_tables<'a>(
    nodes: &'a [Node],
    section: Option<&'a Node>,
    f: &mut impl FnMut(&'a Table, Option<&'a Node>),
) {
    for n in nodes {
        match &n.kind {
            Kind::Table(t) => f(t, section),
            Kind::Section { .. } => walk_tables(&n.children, Some(n), f),
            _ => walk_tables(&n.children, section, f),
        }
    }
}

/// The header texts of a table's columns (last header row with any text).
pub fn column_names(table: &Table) -> Vec<String> {
    let row = table
        .header
        .iter()
        .rev()
        .find(|r| r.cells.iter().any(|c| !c.text.trim().is_empty()));
    (0..table.cols)
        .map(|i| {
            row.and_then(|r| r.cells.get(i))
                .map(|c| collapse(&c.text))
                .unwrap_or_default()
        })
        .collect()
}

/// Which column holds the codes, if any.
pub fn code_column(table: &Table, columns: &[String]) -> Option<usize> {
    let names = column_names(table);
    names
        .iter()
        .position(|n| columns.iter().any(|c| c.eq_ignore_ascii_case(n.trim())))
}

fn collect_entries(
    table: &Table,
    group: &str,
    page: usize,
    file: &Path,
    columns: &[String],
    out: &mut Vec<Entry>,
) {
    let Some(ci) = code_column(table, columns) else {
        return;
    };
    let names = column_names(table);
    for row in &table.rows {
        let Some(code_cell) = row.cells.get(ci) else {
            continue;
        };
        if row.blank {
            continue;
        }
        let fields = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != ci)
            .map(|(i, c)| Field {
                name: names.get(i).cloned().unwrap_or_default(),
                markdown: c.source.clone(),
                text: parse::html_to_text(&c.html),
                html: c.html.clone(),
            })
            .collect();
        out.push(Entry {
            code: Code::new(&parse::html_to_text(&code_cell.html)),
            group: group.to_string(),
            fields,
            source: Span {
                file: table.file.clone().unwrap_or_else(|| file.to_path_buf()),
                line: code_cell.line,
                column: code_cell.column,
            },
            page,
        });
    }
}

/// Whitespace runs collapsed to one space, trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A standalone CSV file: first row is the header; one table grouped under the file name.
fn csv_document(src: &SourceFile, smart: bool) -> Document {
    use crate::parse::{Cell, Row};
    let mut doc = Document::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(src.text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let pos = r.position().cloned();
                let line = pos.as_ref().map_or(1, |p| p.line() as usize);
                let start = pos.map_or(0, |p| p.byte() as usize);
                let line_start = src.line_start(line - 1);
                let cells = r
                    .iter()
                    .enumerate()
                    .map(|(k, f)| {
                        let rendered = parse::render_blocks(f, smart);
                        // Column of the field: search from the record start.
                        let col = src.text[start.min(src.text.len())..]
                            .find(f)
                            .map_or(1, |o| src.line_col(start + o).1);
                        let _ = (k, line_start);
                        Cell {
                            source: f.to_string(),
                            text: rendered.text,
                            html: rendered.html,
                            line,
                            column: col,
                            padded: false,
                        }
                    })
                    .collect::<Vec<_>>();
                rows.push(Row {
                    written: cells.len(),
                    cells,
                    line,
                    blank: false,
                });
            }
            Err(e) => {
                let (line, col) = e
                    .position()
                    .map_or((1, 1), |p| src.line_col(p.byte() as usize));
                doc.warnings.push(Warning {
                    line,
                    pos: Some((line, col)),
                    level: Level::Error,
                    message: format!("CSV syntax error: {e}"),
                    kind: "errdocs".into(),
                    rule: Some("csv-syntax"),
                });
                return doc;
            }
        }
    }
    if rows.is_empty() {
        return doc;
    }
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let header = vec![rows.remove(0)];
    let mut table = Table {
        syntax: "csv",
        title: None,
        cols,
        header,
        header_option_rows: 0,
        rows,
        align_cols: Vec::new(),
        colwidths: vec![(100 / cols.max(1)) as u32; cols],
        widths: "default",
        stub_columns: 0,
        align: None,
        width: None,
        file: None,
        named: false,
    };
    for r in table.header.iter_mut().chain(table.rows.iter_mut()) {
        while r.cells.len() < cols {
            r.cells.push(Cell {
                source: String::new(),
                text: String::new(),
                html: String::new(),
                line: r.line,
                column: 1,
                padded: true,
            });
        }
    }
    doc.children
        .push(Node::new(Kind::Table(Box::new(table)), 1));
    doc
}
