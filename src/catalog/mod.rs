//! The resolved catalog: what every stage after the reader works from.
//!
//! [`load`] reads the catalog folder, parses each page, and resolves it once:
//! pages (their outline, for the index), sections (ids, titles, notes),
//! tables (columns, which one holds the codes and which the message) and
//! entries, one per code. `check`, drift, the site, search, `catalog.json`,
//! `explain`, `url`, codegen and problem types all read this model and never
//! the parse tree.
//!
//! An [`Entry`] holds its [`Code`], its [`Lifecycle`] and indices; its cells
//! are borrowed from its table through the accessors on [`Catalog`], so no
//! cell is copied. A code that no table lists any more but `errdocs.toml`
//! records (`[codes."1003"]`, with its last message and group) is an entry
//! too: its page stays, as a tombstone.

mod lifecycle;

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::anchors::make_id;
use crate::config::{CodeRecord, Config};
use crate::diag::{DiagSpan, Diagnostic};
use crate::html::html_to_text;
use crate::parse::{self, Document, Kind, Node, ParseConfig};
use crate::rules;
use crate::source::{self, SourceFile};
use crate::text::collapse;

pub use crate::parse::{Cell, Footnote, Row};
pub use lifecycle::{Lifecycle, Status, parse_cell as parse_lifecycle};

/// Column headers that mark a table's code column (compared
/// case-insensitively): English ones and their Chinese twins (`错误码`
/// "error code", `代码` "code").
pub const DEFAULT_CODE_COLUMNS: &[&str] = &[
    "error code",
    "code",
    "status code",
    "errno",
    "error number",
    "错误码",
    "代码",
];

/// The language a catalog is written in (`[[language]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 tag.
    pub tag: String,
    /// Its name in the language switch (in that language).
    pub name: String,
    /// Sphinx's `language` it is read with (`None`: English).
    pub sphinx: Option<String>,
    /// Where its site goes: `""` for the default language (the site root),
    /// else `"<tag>/"`.
    pub prefix: String,
    /// Its place in `[[language]]` (0: the default).
    pub index: usize,
}

impl Default for Language {
    fn default() -> Self {
        Language {
            tag: "en".into(),
            name: "English".into(),
            sphinx: None,
            prefix: String::new(),
            index: 0,
        }
    }
}

impl Language {
    /// The language `[[language]]` number `index` describes.
    pub fn from_config(l: &crate::config::LanguageConfig, index: usize) -> Language {
        Language {
            tag: l.tag.clone(),
            name: l
                .name
                .clone()
                .unwrap_or_else(|| language_name(&l.tag).unwrap_or(&l.tag).to_string()),
            sphinx: Some(l.sphinx.clone().unwrap_or_else(|| l.tag.replace('-', "_"))),
            prefix: if index == 0 {
                String::new()
            } else {
                format!("{}/", l.tag)
            },
            index,
        }
    }

    /// Whether this is the default language (the site root).
    pub fn is_default(&self) -> bool {
        self.index == 0
    }
}

/// A language's own name, for the tags errdocs knows.
fn language_name(tag: &str) -> Option<&'static str> {
    let t = tag.to_ascii_lowercase();
    Some(match t.as_str() {
        "zh-cn" | "zh-hans" | "zh" | "zh-sg" => "简体中文",
        "zh-tw" | "zh-hant" | "zh-hk" => "繁體中文",
        _ => match t.split('-').next().unwrap_or("") {
            "en" => "English",
            "ja" => "日本語",
            "ko" => "한국어",
            "de" => "Deutsch",
            "fr" => "Français",
            "es" => "Español",
            "it" => "Italiano",
            "pt" => "Português",
            "ru" => "Русский",
            "pl" => "Polski",
            "nl" => "Nederlands",
            "sv" => "Svenska",
            "tr" => "Türkçe",
            "uk" => "Українська",
            "vi" => "Tiếng Việt",
            _ => return None,
        },
    })
}

/// The whole catalog folder, resolved.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The language it is written in.
    pub language: Language,
    /// The folder: the catalog folder, or the language's folder in it.
    pub root: PathBuf,
    /// The catalog folder (errdocs.toml's), which `source` paths and
    /// repository links are relative to.
    pub folder: PathBuf,
    /// Every catalog file read as text, in path order.
    pub files: Vec<SourceFile>,
    /// Pages in path order (a `.csv` file that a `:file:` option includes is
    /// not a page of its own).
    pub pages: Vec<Page>,
    /// Every section of every page, in document order.
    pub sections: Vec<Section>,
    /// Every table of every page, in document order.
    pub tables: Vec<Table>,
    /// One per code row of a code table, in page and table order, then one
    /// per code that only `errdocs.toml` records.
    pub entries: Vec<Entry>,
    /// The codes only `errdocs.toml` records (removed codes no table lists).
    pub records: Vec<Record>,
    /// Every `(label)=` and `:name:`.
    pub labels: Vec<Label>,
    /// Every `{ref}` role and `#anchor` link.
    pub references: Vec<Reference>,
    /// Long explanations (`explanations/<code>.md`), in path order.
    pub explanations: Vec<Explanation>,
    /// What the reader found (encoding errors, Sphinx's warnings, refusals).
    pub diagnostics: Vec<Diagnostic>,
}

/// A code's long explanation: a Markdown file of its own, as rustc's
/// `EXXXX.md`, shown on the code's page and by `explain`.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The code it explains (its file name).
    pub code: String,
    /// The file.
    pub file: PathBuf,
    /// Its content as sanitised HTML.
    pub html: String,
    /// Its Markdown source, as `explain` prints it (as `rustc --explain`).
    pub markdown: String,
}

/// An error code as written in the catalog (trimmed). Its one rendering is
/// the text; whether it can be a page name is decided once, here.
#[derive(Debug, Clone)]
pub struct Code {
    text: String,
    unsafe_because: Option<&'static str>,
}

impl Code {
    /// Wraps a code's text (trimmed).
    pub fn new(s: &str) -> Self {
        let text = s.trim().to_string();
        let unsafe_because = path_unsafe(&text);
        Code {
            text,
            unsafe_because,
        }
    }

    /// The code's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The code as a path segment (its page name), or why it cannot be one.
    pub fn path_segment(&self) -> Result<&str, &'static str> {
        match self.unsafe_because {
            None => Ok(&self.text),
            Some(why) => Err(why),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Code {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Code::new(s))
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Code {}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// Why a code (or a group id) cannot be a file name or URL path segment, if
/// it cannot. Path-unsafe codes are refused whatever the configured pattern
/// says.
pub fn path_unsafe(code: &str) -> Option<&'static str> {
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if code.is_empty() {
        return Some("it is empty");
    }
    if code.chars().count() > 64 {
        return Some("it is longer than 64 characters");
    }
    if code.contains(['/', '\\', ':', '\0', '?', '#', '%', '<', '>', '"', '|', '*'])
        || code.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Some("it contains characters that cannot be in a file name or URL path");
    }
    if code.starts_with('.') || code == ".." {
        return Some("it starts with a dot");
    }
    let stem = code.split('.').next().unwrap_or("").to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Some("it is a reserved file name on Windows");
    }
    None
}

/// A place in a catalog file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span<'a> {
    /// The file, as shown to users.
    pub file: &'a Path,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalars.
    pub column: usize,
}

/// One catalog page: a Markdown file, or a standalone CSV file.
#[derive(Debug)]
pub struct Page {
    /// Index of its text in [`Catalog::files`].
    pub file: usize,
    /// Its path (as [`SourceFile::path`]).
    pub path: PathBuf,
    /// A standalone `.csv` file.
    pub is_csv: bool,
    /// The title of its first top-level section.
    pub title: Option<String>,
    /// Its content in document order.
    pub blocks: Vec<Block>,
    /// Every id on the page, and every label defined on it.
    pub ids: BTreeSet<String>,
    /// Its footnotes, in number order (also listed as the last block).
    pub footnotes: Vec<Footnote>,
}

/// A page's outline: sections, tables, and the prose between them.
#[derive(Debug)]
pub enum Block {
    /// A section and its content.
    Section {
        /// Index in [`Catalog::sections`].
        section: usize,
        /// Its content.
        children: Vec<Block>,
    },
    /// A table (index in [`Catalog::tables`]).
    Table(usize),
    /// The removed codes of the section that no table lists any more
    /// (indices in [`Catalog::entries`]): shown after its content, each with
    /// its code as id, so old `page.html#code` links still land.
    Removed(Vec<usize>),
    /// Anything else (paragraphs, lists, admonitions, code, tables nested in
    /// them), as sanitised HTML, with the ids it holds.
    Prose {
        /// Sanitised HTML.
        html: String,
        /// The ids inside it.
        ids: Vec<String>,
    },
}

/// A section (a heading and what follows it).
#[derive(Debug)]
pub struct Section {
    /// Index in [`Catalog::pages`].
    pub page: usize,
    /// Every id Sphinx gives it; the first is its HTML id (its label when it
    /// has one, else its slug).
    pub ids: Vec<String>,
    /// The heading as text.
    pub title: String,
    /// The heading as sanitised HTML.
    pub title_html: String,
    /// 1 = top level.
    pub depth: usize,
    /// The admonitions directly in the section: they apply to all its codes.
    pub notes: Vec<Note>,
    /// It holds a table directly (so the index lists it as a group).
    pub has_table: bool,
}

impl Section {
    /// Its first id.
    pub fn id(&self) -> &str {
        self.ids.first().map_or("", String::as_str)
    }
}

/// An admonition (`note`, `warning`, …) of a section.
#[derive(Debug)]
pub struct Note {
    /// Its title as shown ("Note", or a generic admonition's own title).
    pub title: String,
    /// The whole admonition as sanitised HTML (title included).
    pub html: String,
    /// Its body as sanitised HTML.
    pub body_html: String,
}

/// A table of any syntax, with what its header says about its columns.
#[derive(Debug)]
pub struct Table {
    /// Index in [`Catalog::pages`].
    pub page: usize,
    /// The innermost section holding it.
    pub section: Option<usize>,
    /// The id its entries are grouped under: the section's first id, else the
    /// page file's name.
    pub group: String,
    /// The file its cells are in: the page, or the `:file:` CSV.
    pub file: PathBuf,
    /// Its cells come from a `:file:` (their text is not in the page).
    pub included: bool,
    /// The line of the directive or of the table's first row.
    pub line: usize,
    /// Its ids (a caption's automatic id, a `:name:`).
    pub ids: Vec<String>,
    /// `csv-table`, `list-table`, `pipe` or `csv` (a standalone file).
    pub syntax: &'static str,
    /// The caption, sanitised HTML.
    pub caption_html: Option<String>,
    /// Header rows (`:header:` rows first).
    pub header: Vec<Row>,
    /// How many header rows came from the `:header:` option.
    pub header_option_rows: usize,
    /// Body rows.
    pub rows: Vec<Row>,
    /// The header text of each column (the last header row with any text).
    pub columns: Vec<String>,
    /// The column holding the codes: a catalog table has one.
    pub code_column: Option<usize>,
    /// The column holding each code's name or message: `[catalog]
    /// message-column` when the table has it, else the first other column.
    pub message_column: Option<usize>,
    /// The column holding each code's HTTP status (`[catalog] status-column`).
    pub status_column: Option<usize>,
    /// The column holding each code's lifecycle (`[catalog]
    /// lifecycle-column`, else a `Lifecycle` or `Status` column whose every
    /// non-empty cell reads as a lifecycle).
    pub lifecycle_column: Option<usize>,
    /// The column saying whether a code can be retried.
    pub retryable_column: Option<usize>,
    /// Relative column widths (`:widths:`, else equal).
    pub colwidths: Vec<u32>,
    /// `given`, `auto` or `default`.
    pub widths: &'static str,
    /// Nested in other content (a list, an admonition): shown inside prose.
    pub nested: bool,
    /// Its option block could not be read, so MyST dropped its header.
    pub options_lost: bool,
    /// No column is a code column, but this one's header is a near miss of
    /// one (`Eror Code`): the column and the name it resembles.
    pub near_code_column: Option<(usize, String)>,
    /// Its entries, as a range of [`Catalog::entries`].
    pub entries: Range<usize>,
}

/// One code: a body row of a code table, or a record of `errdocs.toml`.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The code.
    pub code: Code,
    /// Where it is documented.
    pub place: Place,
    /// Index in [`Catalog::pages`] (for a record: the page of its group).
    pub page: usize,
    /// The innermost section holding the table (for a record: its group).
    pub section: Option<usize>,
    /// Active, deprecated or removed (from its lifecycle cell, then its
    /// `[codes]` record).
    pub lifecycle: Lifecycle,
    /// Whether its error can be retried, where the catalog says (its
    /// retryable cell, else `[groups."…"] retryable`).
    pub retryable: Option<bool>,
    /// Its long explanation (index in [`Catalog::explanations`]).
    pub explanation: Option<usize>,
}

/// Where an entry is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Body row `row` of table `table` (indices in [`Catalog::tables`] and
    /// its rows).
    Row {
        /// Index in [`Catalog::tables`].
        table: usize,
        /// Index in that table's body rows.
        row: usize,
    },
    /// Only in `errdocs.toml` (index in [`Catalog::records`]).
    Record(usize),
}

/// A code that only `errdocs.toml` records: no table lists it any more.
#[derive(Debug, Clone)]
pub struct Record {
    /// `errdocs.toml`.
    pub file: PathBuf,
    /// The line of its `[codes."…"]` table.
    pub line: usize,
    /// Its last message, rendered as a cell is.
    pub message: Cell,
    /// The group id its page lists it under.
    pub group: String,
}

/// A non-code cell of an entry, with its column's header.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// The column's header text.
    pub name: &'a str,
    /// The column's index.
    pub column: usize,
    /// The cell.
    pub cell: &'a Cell,
}

impl Field<'_> {
    /// The text a browser shows for the cell.
    pub fn text(&self) -> String {
        html_to_text(&self.cell.html)
    }
}

/// A label: `(label)=` or a directive's `:name:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The reference name (normalised).
    pub name: String,
    /// Index in [`Catalog::pages`].
    pub page: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the label text.
    pub column: usize,
}

/// A cross-reference: a `{ref}` role or an `#anchor` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The label or id it names.
    pub target: String,
    /// A `{ref}` role (else an `#anchor` link).
    pub role: bool,
    /// Index in [`Catalog::pages`].
    pub page: usize,
    /// 1-based line of the block holding it.
    pub line: usize,
}

impl Catalog {
    /// The table an entry is a row of (none for a record).
    pub fn table_of(&self, e: &Entry) -> Option<&Table> {
        match e.place {
            Place::Row { table, .. } => Some(&self.tables[table]),
            Place::Record(_) => None,
        }
    }

    /// An entry's row (none for a record).
    pub fn row(&self, e: &Entry) -> Option<&Row> {
        match e.place {
            Place::Row { table, row } => Some(&self.tables[table].rows[row]),
            Place::Record(_) => None,
        }
    }

    /// An entry's code cell (none for a record).
    pub fn code_cell(&self, e: &Entry) -> Option<&Cell> {
        let Place::Row { table, row } = e.place else {
            return None;
        };
        let t = &self.tables[table];
        t.rows[row].cells.get(t.code_column.unwrap_or(0))
    }

    /// Where an entry is documented: its code cell, or its `[codes]` record.
    pub fn span(&self, e: &Entry) -> Span<'_> {
        match (e.place, self.code_cell(e)) {
            (Place::Row { table, .. }, Some(cell)) => Span {
                file: &self.tables[table].file,
                line: cell.line,
                column: cell.column,
            },
            (Place::Record(r), _) => Span {
                file: &self.records[r].file,
                line: self.records[r].line,
                column: 1,
            },
            (Place::Row { table, row }, None) => Span {
                file: &self.tables[table].file,
                line: self.tables[table].rows[row].line,
                column: 1,
            },
        }
    }

    /// A one-line diagnostic span on an entry's code.
    pub fn code_span(&self, e: &Entry) -> DiagSpan {
        let s = self.span(e);
        DiagSpan::at(s.file, s.line, s.column, e.code.as_str().chars().count())
    }

    /// The group an entry is listed under (a section id, or a file's name).
    pub fn group(&self, e: &Entry) -> &str {
        match e.place {
            Place::Row { table, .. } => &self.tables[table].group,
            Place::Record(r) => &self.records[r].group,
        }
    }

    /// The group's title: its section's heading, else the page's title, else
    /// the group id.
    pub fn group_title(&self, e: &Entry) -> &str {
        match e.section {
            Some(s) => &self.sections[s].title,
            None => self
                .pages
                .get(e.page)
                .and_then(|p| p.title.as_deref())
                .unwrap_or_else(|| self.group(e)),
        }
    }

    /// The admonitions of the entry's section (they apply to the whole group).
    pub fn notes(&self, e: &Entry) -> &[Note] {
        e.section.map_or(&[], |s| &self.sections[s].notes)
    }

    /// The footnotes an entry's cells reference, in the order of first
    /// reference (none for a record).
    pub fn footnotes(&self, e: &Entry) -> Vec<&Footnote> {
        let Some(row) = self.row(e) else {
            return Vec::new();
        };
        let page = &self.pages[e.page];
        let mut out: Vec<&Footnote> = Vec::new();
        for label in row.cells.iter().flat_map(|c| &c.footnotes) {
            if let Some(f) = page.footnotes.iter().find(|f| &f.label == label)
                && !out.iter().any(|o| o.label == f.label)
            {
                out.push(f);
            }
        }
        out
    }

    /// Every non-code cell of an entry, in column order (none for a record).
    pub fn fields<'a>(&'a self, e: &Entry) -> impl Iterator<Item = Field<'a>> + 'a {
        let row = match e.place {
            Place::Row { table, row } => Some((&self.tables[table], row)),
            Place::Record(_) => None,
        };
        row.into_iter().flat_map(|(t, row)| {
            t.rows[row]
                .cells
                .iter()
                .enumerate()
                .filter(move |(i, _)| Some(*i) != t.code_column)
                .map(move |(i, cell)| Field {
                    name: t.columns.get(i).map_or("", String::as_str),
                    column: i,
                    cell,
                })
        })
    }

    /// An entry's name or message cell (see [`Table::message_column`]; a
    /// record's last message).
    pub fn message(&self, e: &Entry) -> Option<Field<'_>> {
        match e.place {
            Place::Row { table, row } => {
                let t = &self.tables[table];
                let i = t.message_column?;
                Some(Field {
                    name: t.columns.get(i).map_or("", String::as_str),
                    column: i,
                    cell: t.rows[row].cells.get(i)?,
                })
            }
            Place::Record(r) => Some(Field {
                name: "Message",
                column: 0,
                cell: &self.records[r].message,
            }),
        }
    }

    /// An entry's message as one line of text ("" when it has none).
    pub fn message_text(&self, e: &Entry) -> String {
        self.message(e)
            .map(|f| collapse(&f.text()))
            .unwrap_or_default()
    }

    /// An entry's description: its first field other than the message, the
    /// status and the lifecycle.
    pub fn description(&self, e: &Entry) -> Option<Field<'_>> {
        let status = self.table_of(e).and_then(|t| t.status_column);
        self.details(e).find(|f| Some(f.column) != status)
    }

    /// An entry's HTTP status cell (`[catalog] status-column`).
    pub fn status(&self, e: &Entry) -> Option<Field<'_>> {
        let i = self.table_of(e)?.status_column?;
        self.fields(e).find(|f| f.column == i)
    }

    /// The fields other than the message, the lifecycle and the retryable
    /// flag (shown on their own), in column order.
    pub fn details<'a>(&'a self, e: &Entry) -> impl Iterator<Item = Field<'a>> + 'a {
        let hidden = self.table_of(e).map_or([None; 3], |t| {
            [t.message_column, t.lifecycle_column, t.retryable_column]
        });
        self.fields(e)
            .filter(move |f| !hidden.contains(&Some(f.column)))
    }

    /// The entry made from body row `row` of table `table`, if that row is a code.
    pub fn entry_of_row(&self, table: usize, row: usize) -> Option<usize> {
        let range = self.tables[table].entries.clone();
        let k = self.entries[range.clone()]
            .binary_search_by_key(&row, |e| match e.place {
                Place::Row { row, .. } => row,
                Place::Record(_) => usize::MAX,
            })
            .ok()?;
        Some(range.start + k)
    }

    /// The entry for a code (the first, if the code is documented twice).
    pub fn find(&self, code: &str) -> Option<&Entry> {
        let code = code.trim();
        self.entries.iter().find(|e| e.code.as_str() == code)
    }

    /// The text of a page's file.
    pub fn source(&self, page: &Page) -> &SourceFile {
        &self.files[page.file]
    }

    /// A file's path relative to the catalog folder, with `/`.
    pub fn relative_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// A file's path relative to the catalog folder (errdocs.toml's, above
    /// a language's folder), with `/`: what `source.file` and repository
    /// links name.
    pub fn source_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.folder)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// The headers that mark a code column: the configured ones, else the
/// defaults; and the extra ones.
pub fn code_column_names(configured: &[String], extra: &[String]) -> Vec<String> {
    let mut names: Vec<String> = if configured.is_empty() {
        DEFAULT_CODE_COLUMNS.iter().map(|s| s.to_string()).collect()
    } else {
        configured.to_vec()
    };
    names.extend(extra.iter().cloned());
    names
}

/// Reads every `.md` and `.csv` under `root` and resolves the catalog
/// (the default language's, when `[[language]]` lists several: see
/// [`load_languages`]).
pub fn load(root: &Path, config: &Config) -> Result<Catalog> {
    Ok(load_languages(root, config)?.swap_remove(0))
}

/// One catalog per `[[language]]` (the default first), each read from its
/// folder as a Sphinx project of its own; without a list, the one catalog
/// of `root`. A `.md` or `.csv` file in no language's folder is reported
/// (it is not read).
pub fn load_languages(root: &Path, config: &Config) -> Result<Vec<Catalog>> {
    let read = |paths: Vec<PathBuf>| -> Result<Vec<(PathBuf, Vec<u8>)>> {
        paths
            .into_iter()
            .map(|path| {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                Ok((path, bytes))
            })
            .collect()
    };
    let all = source::discover(root)?;
    if config.languages.is_empty() {
        return Ok(vec![from_files(root, read(all)?, config)]);
    }
    let folders: Vec<PathBuf> = config
        .languages
        .iter()
        .map(|l| {
            let f = l.folder.to_string_lossy();
            if f.is_empty() || f == "." {
                root.to_path_buf()
            } else {
                root.join(&l.folder)
            }
        })
        .collect();
    for (l, f) in config.languages.iter().zip(&folders) {
        if !f.is_dir() {
            anyhow::bail!(
                "[[language]] {:?}: its folder {} does not exist (folders are relative to the catalog folder)",
                l.tag,
                f.display()
            );
        }
    }
    // A file belongs to the deepest language folder that holds it.
    let owner = |p: &Path| -> Option<usize> {
        folders
            .iter()
            .enumerate()
            .filter(|(_, f)| p.starts_with(f))
            .max_by_key(|(_, f)| f.components().count())
            .map(|(i, _)| i)
    };
    let mut per: Vec<Vec<PathBuf>> = vec![Vec::new(); folders.len()];
    let mut stray = Vec::new();
    for p in all {
        match owner(&p) {
            Some(i) => per[i].push(p),
            None => stray.push(p),
        }
    }
    let mut out = Vec::with_capacity(folders.len());
    for (i, (paths, folder)) in per.into_iter().zip(&folders).enumerate() {
        let language = Language::from_config(&config.languages[i], i);
        let mut cat = from_files_in(folder, read(paths)?, config, language);
        cat.folder = root.to_path_buf();
        out.push(cat);
    }
    for p in stray {
        out[0].diagnostics.push(
            rules::OUTSIDE_LANGUAGES
                .at(
                    DiagSpan::at(&p, 1, 1, 1),
                    format!(
                        "{} is in no [[language]] folder of errdocs.toml, so it is not read",
                        p.display()
                    ),
                )
                .with_help("move it into a language's folder, or delete it"),
        );
    }
    Ok(out)
}

/// The catalog made of files already read (`.md` and `.csv`, paths under `root`).
pub fn from_files(root: &Path, files: Vec<(PathBuf, Vec<u8>)>, config: &Config) -> Catalog {
    from_files_in(root, files, config, Language::default())
}

/// [`from_files`] for a catalog in `language`.
pub fn from_files_in(
    root: &Path,
    files: Vec<(PathBuf, Vec<u8>)>,
    config: &Config,
    language: Language,
) -> Catalog {
    let parse_config = ParseConfig {
        smartquotes: config.catalog.smartquotes,
        root: Some(root.to_path_buf()),
        language: language.sphinx.clone(),
        ..ParseConfig::default()
    };
    let mut cat = Catalog {
        root: root.to_path_buf(),
        folder: root.to_path_buf(),
        language,
        ..Default::default()
    };
    let mut docs: Vec<(usize, Document, bool)> = Vec::new();
    let mut included: Vec<PathBuf> = Vec::new();
    let explanations_dir = root.join(&config.catalog.explanations);
    let (explained, files): (Vec<_>, Vec<_>) = files.into_iter().partition(|(p, _)| {
        p.starts_with(&explanations_dir) && p.extension().is_some_and(|e| e == "md")
    });
    for (path, bytes) in files {
        let Some(src) = decode(&mut cat, &path, &bytes) else {
            continue;
        };
        let is_csv = path.extension().is_some_and(|e| e == "csv");
        if !is_csv {
            let doc = parse::parse(&src, &parse_config);
            included.extend(doc.includes.iter().cloned());
            docs.push((cat.files.len(), doc, false));
        } else {
            docs.push((cat.files.len(), Document::default(), true));
        }
        cat.files.push(src);
    }
    // A CSV that a `:file:` option includes is read only there.
    let included: Vec<PathBuf> = included
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    docs.retain(|(f, _, is_csv)| {
        !is_csv
            || !cat.files[*f]
                .path
                .canonicalize()
                .is_ok_and(|c| included.contains(&c))
    });
    let columns = Columns {
        code: code_column_names(
            &config.catalog.code_columns,
            &config.catalog.extra_code_columns,
        ),
        message: config.catalog.message_column.clone(),
        status: config.catalog.status_column.clone(),
        lifecycle: config.catalog.lifecycle_column.clone(),
        retryable: config.catalog.retryable_column.clone(),
    };
    for (file, mut doc, is_csv) in docs {
        if is_csv {
            doc = parse::parse_csv_file(&cat.files[file], &parse_config);
        }
        resolve_page(&mut cat, file, doc, is_csv, &columns);
    }
    apply_records(&mut cat, config, &parse_config);
    apply_groups(&mut cat, config);
    read_explanations(&mut cat, explained, &parse_config);
    cat
}

/// `[groups."…"] retryable`: the default for a group's codes whose own cell
/// says nothing.
fn apply_groups(cat: &mut Catalog, config: &Config) {
    for e in cat.entries.iter_mut() {
        if e.retryable.is_some() {
            continue;
        }
        let Some(s) = e.section else { continue };
        e.retryable = cat.sections[s]
            .ids
            .iter()
            .find_map(|id| config.groups.get(id).and_then(|g| g.retryable));
    }
}

/// A catalog file's text; `None` (and an `encoding` finding) when it is not
/// UTF-8.
fn decode(cat: &mut Catalog, path: &Path, bytes: &[u8]) -> Option<SourceFile> {
    match SourceFile::from_bytes(path, bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            cat.diagnostics.push(rules::ENCODING.at(
                DiagSpan::at(path, e.line, e.column, 1),
                format!(
                    "{} is not valid UTF-8: invalid byte at offset {}",
                    path.display(),
                    e.byte_offset
                ),
            ));
            None
        }
    }
}

/// The long explanations: `<code>.md` each, read with the same reader (its
/// findings are the catalog's), attached to their code. A file for a code
/// the catalog does not document is an error.
fn read_explanations(cat: &mut Catalog, files: Vec<(PathBuf, Vec<u8>)>, config: &ParseConfig) {
    for (path, bytes) in files {
        let Some(src) = decode(cat, &path, &bytes) else {
            continue;
        };
        let code = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = parse::parse(&src, config);
        cat.diagnostics.extend(doc.diagnostics);
        let html = parse::nodes_html(&doc.children);
        let markdown = src.text.clone();
        let index = cat.explanations.len();
        let mut found = false;
        for e in cat.entries.iter_mut().filter(|e| e.code.as_str() == code) {
            e.explanation = Some(index);
            found = true;
        }
        if !found {
            cat.diagnostics.push(rules::ORPHAN_EXPLANATION.at(
                DiagSpan::at(&path, 1, 1, 1),
                format!(
                    "{} explains code {code:?}, but the catalog documents no such code",
                    path.display()
                ),
            ));
        }
        cat.files.push(src);
        cat.explanations.push(Explanation {
            code,
            file: path,
            html,
            markdown,
        });
    }
}

/// `[codes."CODE"]` of `errdocs.toml`: the lifecycle of a code a table
/// lists (it overrides the row's lifecycle cell, field by field), or a code
/// no table lists any more, which keeps its page (then its last `message`
/// and its `group` are needed).
fn apply_records(cat: &mut Catalog, config: &Config, parse_config: &ParseConfig) {
    let file = config
        .path()
        .map_or_else(|| cat.root.join("errdocs.toml"), Path::to_path_buf);
    for (code, spanned) in &config.codes {
        let line = config.line_of(spanned.span().start);
        let rec = spanned.get_ref();
        let at = DiagSpan::at(&file, line, 1, 1);
        let listed: Vec<usize> = (0..cat.entries.len())
            .filter(|&i| cat.entries[i].code.as_str() == code.trim())
            .collect();
        if !listed.is_empty() {
            for i in listed {
                annotate_row(cat, i, code, rec, &at);
            }
            continue;
        }
        // Another language's message, group and reason, where given.
        let tr = (!cat.language.is_default())
            .then(|| rec.translations.get(&cat.language.tag))
            .flatten();
        let message = tr.and_then(|t| t.message.as_ref()).or(rec.message.as_ref());
        let group = tr.and_then(|t| t.group.as_ref()).or(rec.group.as_ref());
        let reason = tr.and_then(|t| t.reason.as_ref()).or(rec.reason.as_ref());
        let (Some(message), Some(group)) = (message, group) else {
            cat.diagnostics.push(rules::INVALID_LIFECYCLE.at(
                at,
                format!(
                    "[codes.{code:?}]: no table lists code {code}, so errdocs.toml must give its last `message` and its `group` (the section id whose page lists it) to keep its page"
                ),
            ).with_help(format!(
                "add `message = \"…\"` (the message its row had) and `group = \"…\"` (a section id, e.g. {:?}) under [codes.{code:?}]",
                cat.sections.iter().find(|s| s.has_table).map_or("sdk-error-codes", |s| s.id())
            )).with_code(code.as_str()));
            continue;
        };
        let section = cat
            .sections
            .iter()
            .position(|s| s.ids.iter().any(|id| id == group));
        if section.is_none() {
            cat.diagnostics.push(
                rules::INVALID_LIFECYCLE
                    .at(
                        at.clone(),
                        format!(
                            "[codes.{code:?}]: group {group:?} is no section id or label of the catalog"
                        ),
                    )
                    .with_code(code.as_str()),
            );
        }
        let page = section.map_or(0, |s| cat.sections[s].page);
        let rendered = parse::render_cell(message, parse_config);
        let r = cat.records.len();
        cat.records.push(Record {
            file: file.clone(),
            line,
            message: Cell::new(message.clone(), rendered, line, 1),
            group: section.map_or_else(|| group.clone(), |s| cat.sections[s].id().to_string()),
        });
        let status = rec.lifecycle.unwrap_or(Status::Removed);
        cat.entries.push(Entry {
            code: Code::new(code),
            place: Place::Record(r),
            page,
            section,
            lifecycle: Lifecycle {
                status,
                since: rec.since.clone(),
                replaced_by: rec.replaced_by.clone(),
                reason: reason.cloned(),
            },
            retryable: None,
            explanation: None,
        });
        if status != Status::Removed {
            cat.diagnostics.push(
                rules::INVALID_LIFECYCLE
                    .at(
                        at,
                        format!(
                            "[codes.{code:?}] is {} but no table lists code {code}: only a removed code can live in errdocs.toml alone",
                            status.as_str()
                        ),
                    )
                    .with_help("list the code in a table again, or set lifecycle = \"removed\"")
                    .with_code(code.as_str()),
            );
        }
        if let Some(s) = section {
            let entry = cat.entries.len() - 1;
            let page = &mut cat.pages[page];
            add_removed(&mut page.blocks, s, entry);
        }
    }
}

/// A `[codes]` record for a code a table lists: its fields override the
/// row's lifecycle; a record of removal for a row that says it is in use is
/// a reused code.
fn annotate_row(cat: &mut Catalog, i: usize, code: &str, rec: &CodeRecord, at: &DiagSpan) {
    // A row that says it is in use, recorded as removed: reused.
    let explicit = cat.table_of(&cat.entries[i]).is_some_and(|t| {
        t.lifecycle_column.is_some_and(|c| {
            cat.row(&cat.entries[i])
                .and_then(|r| r.cells.get(c))
                .is_some_and(|cell| !cell.text.trim().is_empty())
        })
    });
    if rec.lifecycle == Some(Status::Removed) && explicit && !cat.entries[i].lifecycle.is_removed()
    {
        let span = cat.code_span(&cat.entries[i]);
        cat.diagnostics.push(
            rules::REUSED_CODE
                .at(
                    span,
                    format!(
                        "code {code} is recorded as removed in errdocs.toml, but its row says it is {}",
                        cat.entries[i].lifecycle.status.as_str()
                    ),
                )
                .with_related(at.clone(), "recorded as removed here")
                .with_code(code),
        );
        return;
    }
    let l = &mut cat.entries[i].lifecycle;
    if let Some(s) = rec.lifecycle {
        l.status = s;
    }
    for (to, from) in [
        (&mut l.since, &rec.since),
        (&mut l.replaced_by, &rec.replaced_by),
        (&mut l.reason, &rec.reason),
    ] {
        if from.is_some() {
            to.clone_from(from);
        }
    }
}

/// Lists a record's entry in its section's [`Block::Removed`] (made at the
/// end of the section's own content the first time).
fn add_removed(blocks: &mut [Block], section: usize, entry: usize) -> bool {
    for b in blocks.iter_mut() {
        if let Block::Section {
            section: s,
            children,
        } = b
        {
            if *s == section {
                // After the section's own content, before its subsections.
                let at = children
                    .iter()
                    .position(|c| matches!(c, Block::Section { .. }))
                    .unwrap_or(children.len());
                match at.checked_sub(1).map(|k| &mut children[k]) {
                    Some(Block::Removed(list)) => list.push(entry),
                    _ => children.insert(at, Block::Removed(vec![entry])),
                }
                return true;
            }
            if add_removed(children, section, entry) {
                return true;
            }
        }
    }
    false
}

/// Which headers name the code and message columns.
struct Columns {
    code: Vec<String>,
    message: Option<String>,
    status: Option<String>,
    lifecycle: Option<String>,
    retryable: Option<String>,
}

/// `yes`/`no`, `true`/`false`, `y`/`n` (any case), else `None`.
fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "y" => Some(true),
        "no" | "false" | "n" => Some(false),
        _ => None,
    }
}

fn resolve_page(cat: &mut Catalog, file: usize, doc: Document, is_csv: bool, columns: &Columns) {
    let page = cat.pages.len();
    let path = cat.files[file].path.clone();
    let fallback_group = path
        .file_stem()
        .map(|s| make_id(&s.to_string_lossy()))
        .unwrap_or_default();
    cat.diagnostics.extend(doc.diagnostics);
    cat.labels.extend(doc.labels.iter().map(|l| Label {
        name: l.name.clone(),
        page,
        line: l.line,
        column: l.column,
    }));
    cat.references
        .extend(doc.references.into_iter().map(|r| Reference {
            target: r.target,
            role: r.role,
            page,
            line: r.line,
        }));
    let mut ids: BTreeSet<String> = doc.labels.into_iter().map(|l| l.name).collect();
    collect_node_ids(&doc.children, &mut ids);
    ids.extend(doc.footnotes.iter().map(|f| f.id.clone()));
    let title = doc.children.iter().find_map(|n| match &n.kind {
        Kind::Section { title, .. } => Some(collapse(&title.text)),
        _ => None,
    });
    cat.pages.push(Page {
        file,
        path: path.clone(),
        is_csv,
        title,
        blocks: Vec::new(),
        ids,
        footnotes: Vec::new(),
    });
    let mut r = Resolver {
        cat,
        page,
        path: &path,
        fallback_group: &fallback_group,
        columns,
    };
    let mut blocks = r.blocks(doc.children, None);
    // Sphinx lists the footnotes at the end of the page.
    if !doc.footnotes.is_empty() {
        blocks.push(Block::Prose {
            html: parse::footnotes_html(&doc.footnotes),
            ids: doc.footnotes.iter().map(|f| f.id.clone()).collect(),
        });
    }
    cat.pages[page].blocks = blocks;
    cat.pages[page].footnotes = doc.footnotes;
}

fn collect_node_ids(nodes: &[Node], out: &mut BTreeSet<String>) {
    for n in nodes {
        out.extend(n.ids.iter().cloned());
        for blocks in n.blocks() {
            collect_node_ids(blocks, out);
        }
    }
}

struct Resolver<'a> {
    cat: &'a mut Catalog,
    page: usize,
    path: &'a Path,
    fallback_group: &'a str,
    columns: &'a Columns,
}

impl Resolver<'_> {
    /// A level of the page's tree as blocks: sections and tables stand on
    /// their own, everything between them is prose.
    fn blocks(&mut self, nodes: Vec<Node>, section: Option<usize>) -> Vec<Block> {
        let mut out = Vec::new();
        let mut prose: Vec<Node> = Vec::new();
        for n in nodes {
            match n.kind {
                Kind::Section { .. } => {
                    self.flush_prose(&mut prose, section, &mut out);
                    out.push(self.section(n));
                }
                Kind::Table(_) => {
                    self.flush_prose(&mut prose, section, &mut out);
                    out.push(Block::Table(self.table(n, section, false)));
                }
                _ => prose.push(n),
            }
        }
        self.flush_prose(&mut prose, section, &mut out);
        out
    }

    fn flush_prose(&mut self, prose: &mut Vec<Node>, section: Option<usize>, out: &mut Vec<Block>) {
        if prose.is_empty() {
            return;
        }
        let nodes = std::mem::take(prose);
        let html = parse::nodes_html(&nodes);
        let mut ids = BTreeSet::new();
        collect_node_ids(&nodes, &mut ids);
        // Tables inside prose (in a list, an admonition) are tables too.
        let mut nested = Vec::new();
        take_tables(nodes, &mut nested);
        for t in nested {
            self.table(t, section, true);
        }
        out.push(Block::Prose {
            html,
            ids: ids.into_iter().collect(),
        });
    }

    fn section(&mut self, n: Node) -> Block {
        let Kind::Section { depth, title } = n.kind else {
            return Block::Prose {
                html: String::new(),
                ids: Vec::new(),
            };
        };
        let notes = n
            .children
            .iter()
            .filter_map(|c| match &c.kind {
                Kind::Admonition { title, label, .. } => Some(Note {
                    title: title
                        .as_ref()
                        .map_or_else(|| label.clone(), |t| collapse(&t.text)),
                    html: parse::nodes_html(std::slice::from_ref(c)),
                    body_html: parse::nodes_html(&c.children),
                }),
                _ => None,
            })
            .collect();
        let index = self.cat.sections.len();
        self.cat.sections.push(Section {
            page: self.page,
            ids: n.ids,
            title: collapse(&title.text),
            title_html: title.html,
            depth,
            notes,
            has_table: n.children.iter().any(|c| matches!(c.kind, Kind::Table(_))),
        });
        let children = self.blocks(n.children, Some(index));
        Block::Section {
            section: index,
            children,
        }
    }

    /// Resolves a table node: its columns, and an entry per code row.
    fn table(&mut self, n: Node, section: Option<usize>, nested: bool) -> usize {
        let line = n.line;
        let ids = n.ids;
        let Kind::Table(t) = n.kind else {
            return usize::MAX;
        };
        let mut t = *t;
        // Tables in its cells are tables of the page too (after this one).
        let mut inner = Vec::new();
        for c in t
            .header
            .iter_mut()
            .chain(t.rows.iter_mut())
            .flat_map(|r| r.cells.iter_mut())
        {
            take_tables(std::mem::take(&mut c.nested), &mut inner);
        }
        let columns = column_names(&t.header, t.cols);
        let code_column = columns.iter().position(|n| {
            self.columns
                .code
                .iter()
                .any(|c| c.eq_ignore_ascii_case(n.trim()))
        });
        let message_column = code_column.and_then(|c| {
            self.columns
                .message
                .as_ref()
                .and_then(|m| columns.iter().position(|n| n.eq_ignore_ascii_case(m)))
                .filter(|&m| m != c)
                .or_else(|| (0..t.cols).find(|&i| i != c))
        });
        let status_column = code_column.and_then(|c| {
            let s = self.columns.status.as_ref()?;
            columns
                .iter()
                .position(|n| n.eq_ignore_ascii_case(s))
                .filter(|&i| i != c)
        });
        let lifecycle_column = code_column.and_then(|c| {
            lifecycle_column(&columns, &t.rows, c, self.columns.lifecycle.as_deref())
        });
        let retryable_column = code_column.and_then(|c| {
            let named = |name: &str| {
                columns
                    .iter()
                    .position(|n| n.eq_ignore_ascii_case(name))
                    .filter(|&i| i != c)
            };
            if let Some(i) = self.columns.retryable.as_deref().and_then(named) {
                return Some(i);
            }
            let i = named("retryable")?;
            let mut cells = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .filter(|c| !c.text.trim().is_empty())
                .peekable();
            let any = cells.peek().is_some();
            (any && cells.all(|c| parse_yes_no(&c.text).is_some())).then_some(i)
        });
        let group = section.map_or_else(
            || self.fallback_group.to_string(),
            |s| self.cat.sections[s].id().to_string(),
        );
        let index = self.cat.tables.len();
        let first = self.cat.entries.len();
        let file = t.file.clone().unwrap_or_else(|| self.path.to_path_buf());
        if let Some(ci) = code_column {
            for (ri, row) in t.rows.iter().enumerate() {
                if row.blank {
                    continue;
                }
                let Some(cell) = row.cells.get(ci) else {
                    continue;
                };
                let lifecycle = match lifecycle_column.and_then(|l| row.cells.get(l)) {
                    Some(c) if !c.text.trim().is_empty() => match parse_lifecycle(&c.text) {
                        Some(l) => l,
                        None => {
                            // Only a configured column can hold a cell that
                            // does not read: a detected one reads everywhere.
                            self.cat.diagnostics.push(rules::INVALID_LIFECYCLE.at(
                                DiagSpan::at(&file, c.line, c.column, c.source.chars().count()),
                                format!(
                                    "{:?} is not a lifecycle: write `active`, `deprecated` or `removed`, optionally with `in VERSION`, `-> CODE` and `: reason`",
                                    collapse(&c.text)
                                ),
                            ));
                            Lifecycle::default()
                        }
                    },
                    _ => Lifecycle::default(),
                };
                let retryable = retryable_column
                    .and_then(|r| row.cells.get(r))
                    .and_then(|c| parse_yes_no(&c.text));
                self.cat.entries.push(Entry {
                    code: Code::new(&html_to_text(&cell.html)),
                    place: Place::Row {
                        table: index,
                        row: ri,
                    },
                    page: self.page,
                    section,
                    lifecycle,
                    retryable,
                    explanation: None,
                });
            }
        }
        let included = t.file.is_some();
        let near_code_column = match code_column {
            Some(_) => None,
            None => near_code_column(&columns, &t.rows, &self.columns.code),
        };
        self.cat.tables.push(Table {
            page: self.page,
            section,
            group,
            file,
            included,
            line,
            ids,
            syntax: t.syntax,
            caption_html: t.title.map(|c| c.html),
            header: t.header,
            header_option_rows: t.header_option_rows,
            rows: t.rows,
            columns,
            code_column,
            message_column,
            status_column,
            lifecycle_column,
            retryable_column,
            colwidths: t.colwidths,
            widths: t.widths,
            nested,
            options_lost: t.options_lost,
            near_code_column,
            entries: first..self.cat.entries.len(),
        });
        for n in inner {
            self.table(n, section, true);
        }
        index
    }
}

/// The lifecycle column: the configured header (whatever its cells say:
/// cells that do not read are errors), else the first `Lifecycle` or
/// `Status` column whose every non-empty cell reads as a lifecycle.
fn lifecycle_column(
    columns: &[String],
    rows: &[Row],
    code: usize,
    configured: Option<&str>,
) -> Option<usize> {
    let named = |name: &str| {
        columns
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))
            .filter(|&i| i != code)
    };
    if let Some(c) = configured
        && let Some(i) = named(c)
    {
        return Some(i);
    }
    ["lifecycle", "status"].into_iter().find_map(|name| {
        let i = named(name)?;
        let mut cells = rows
            .iter()
            .filter_map(|r| r.cells.get(i))
            .filter(|c| !c.text.trim().is_empty())
            .peekable();
        let any = cells.peek().is_some();
        (any && cells.all(|c| parse_lifecycle(&c.text).is_some())).then_some(i)
    })
}

/// A header that looks like a misspelt code column: within edit distance 2
/// of a code-column name of 6 or more letters (`Eror Code`), or 1 of a
/// shorter one (`Cod`) when most of the column's cells are numbers.
fn near_code_column(columns: &[String], rows: &[Row], names: &[String]) -> Option<(usize, String)> {
    for (i, header) in columns.iter().enumerate() {
        let h = header.trim().to_lowercase();
        if h.is_empty() {
            continue;
        }
        let numeric = || {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| c.text.trim())
                .filter(|t| !t.is_empty())
                .collect();
            !cells.is_empty()
                && cells
                    .iter()
                    .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
                    .count()
                    * 2
                    >= cells.len()
        };
        for name in names {
            let n = name.to_lowercase();
            let d = crate::text::levenshtein(&h, &n);
            let near = if n.chars().count() >= 6 {
                d <= 2
            } else {
                d == 1 && numeric()
            };
            if d > 0 && near {
                return Some((i, name.clone()));
            }
        }
    }
    None
}

/// Moves every table node out of `nodes` (in document order).
fn take_tables(nodes: Vec<Node>, out: &mut Vec<Node>) {
    for mut n in nodes {
        if matches!(n.kind, Kind::Table(_)) {
            out.push(n);
        } else {
            take_tables(std::mem::take(&mut n.children), out);
        }
    }
}

/// The header texts of a table's columns (last header row with any text).
fn column_names(header: &[Row], cols: usize) -> Vec<String> {
    let row = header
        .iter()
        .rev()
        .find(|r| r.cells.iter().any(|c| !c.text.trim().is_empty()));
    (0..cols)
        .map(|i| {
            row.and_then(|r| r.cells.get(i))
                .map(|c| collapse(&c.text))
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests;
