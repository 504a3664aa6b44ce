//! The catalog gate: one function per rule, each with a stable id. Pure:
//! a [`Catalog`] in, [`Diagnostic`]s out; configuration (severities,
//! ignores, baselines) is applied afterwards by [`apply_config`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::catalog::{self, Catalog, Page, collapse};
use crate::config::{Config, RuleLevel};
use crate::diag::{DiagSpan, Diagnostic, Related, RuleInfo, Severity};
use crate::parse::{Cell, Kind, Level, Node, Table, html_to_text};

/// Every rule: id, default severity, one line.
pub const RULES: &[RuleInfo] = &[
    rule(
        "duplicate-code",
        Severity::Error,
        "The same code is documented more than once.",
    ),
    rule(
        "invalid-code",
        Severity::Error,
        "A code does not match the catalog's code pattern (and could not be a safe file name).",
    ),
    rule(
        "code-collides-with-anchor",
        Severity::Error,
        "A code equals a section id or label on its page, so `#code` would be ambiguous.",
    ),
    rule(
        "row-width",
        Severity::Error,
        "A row has more cells than the header (an unquoted comma?), or fewer (warning).",
    ),
    rule(
        "empty-cell",
        Severity::Error,
        "A code or message cell is empty (other empty cells: warning).",
    ),
    rule(
        "csv-syntax",
        Severity::Error,
        "The CSV of a csv-table or .csv file cannot be read.",
    ),
    rule(
        "duplicate-label",
        Severity::Error,
        "The same label is defined twice in the catalog.",
    ),
    rule(
        "dangling-reference",
        Severity::Error,
        "A {ref} role or #anchor link points at an id no page defines.",
    ),
    rule(
        "unsorted-codes",
        Severity::Warning,
        "Codes in a table are not in ascending order.",
    ),
    rule(
        "empty-header-row",
        Severity::Warning,
        "A header row is wholly empty (the `:header: >` trap).",
    ),
    rule(
        "blank-row",
        Severity::Warning,
        "A blank line inside a csv-table makes an empty row.",
    ),
    rule(
        "unknown-option",
        Severity::Warning,
        "A directive option Sphinx does not know is ignored.",
    ),
    rule(
        "invalid-option",
        Severity::Warning,
        "A directive option has a value Sphinx rejects; it is ignored.",
    ),
    rule(
        "option-syntax",
        Severity::Warning,
        "A directive's option block cannot be read; all its options are ignored.",
    ),
    rule(
        "no-code-column",
        Severity::Warning,
        "A table has no code column, so it is not read as a catalog.",
    ),
    rule(
        "duplicate-message",
        Severity::Warning,
        "Two codes share the same name or message.",
    ),
    rule(
        "mixed-message-style",
        Severity::Note,
        "A message column mixes identifiers (FunctionNotFound) with sentences.",
    ),
    rule(
        "unsafe-include",
        Severity::Error,
        "A `:file:` leaves the catalog folder, or `:url:` is used.",
    ),
    rule(
        "table-shape",
        Severity::Error,
        "Sphinx refuses the table (header rows, stub columns or widths do not fit).",
    ),
    rule(
        "table-source",
        Severity::Error,
        "A csv-table has no data, or both data and a file, or a file that cannot be read.",
    ),
    rule("encoding", Severity::Error, "A catalog file is not UTF-8."),
    rule(
        "nesting-depth",
        Severity::Error,
        "Directives are nested more than 50 deep.",
    ),
];

const fn rule(id: &'static str, severity: Severity, summary: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        severity,
        summary,
    }
}

/// The ids of all rules.
pub fn rule_ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id).collect()
}

fn default_severity(id: &str) -> Severity {
    RULES
        .iter()
        .find(|r| r.id == id)
        .map_or(Severity::Warning, |r| r.severity)
}

/// The default code pattern: digits, or letters/digits/`-`/`_`/`.` without a
/// leading dot, at most 64 characters.
pub const DEFAULT_CODE_PATTERN: &str = r"[0-9]{1,64}|[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}";

/// Runs every rule over the catalog (default severities, nothing suppressed).
pub fn check(cat: &Catalog, config: &Config) -> Vec<Diagnostic> {
    let tables = catalog_tables(cat, config);
    let mut out = Vec::new();
    reader_findings(cat, &mut out);
    duplicate_code(cat, &mut out);
    invalid_code(cat, config, &mut out);
    code_collides_with_anchor(cat, &mut out);
    for t in &tables {
        row_width(t, &mut out);
        empty_cell(t, &mut out);
        unsorted_codes(t, &mut out);
        empty_header_row(t, &mut out);
        blank_row(t, &mut out);
        no_code_column(t, &mut out);
        mixed_message_style(t, &mut out);
    }
    duplicate_message(&tables, &mut out);
    duplicate_label(cat, &mut out);
    dangling_reference(cat, &mut out);
    out
}

/// A table with what the rules need to know about it.
pub struct TableInfo<'a> {
    page: &'a Page,
    table: &'a Table,
    /// The file its cells are in (the page, or the `:file:` CSV).
    file: &'a Path,
    line: usize,
    code_col: Option<usize>,
    msg_col: Option<usize>,
    names: Vec<String>,
}

fn catalog_tables<'a>(cat: &'a Catalog, config: &Config) -> Vec<TableInfo<'a>> {
    let columns = catalog::code_column_names(&config.catalog.code_columns);
    let mut out = Vec::new();
    for page in &cat.pages {
        let mut tables = Vec::new();
        collect_tables(&page.doc.children, &mut tables);
        for (node, table) in tables {
            let names = catalog::column_names(table);
            let code_col = catalog::code_column(table, &columns);
            let msg_col = code_col.and_then(|c| match &config.catalog.message_column {
                Some(m) => names.iter().position(|n| n.eq_ignore_ascii_case(m)),
                None => (0..table.cols).find(|&i| i != c),
            });
            out.push(TableInfo {
                page,
                table,
                file: table.file.as_deref().unwrap_or(&page.source.path),
                line: node.line,
                code_col,
                msg_col,
                names,
            });
        }
    }
    out
}

fn collect_tables<'a>(nodes: &'a [Node], out: &mut Vec<(&'a Node, &'a Table)>) {
    for n in nodes {
        if let Kind::Table(t) = &n.kind {
            out.push((n, t));
        }
        collect_tables(&n.children, out);
    }
}

fn diag(rule: &'static str, message: String, span: DiagSpan) -> Diagnostic {
    Diagnostic {
        rule,
        severity: default_severity(rule),
        message,
        span,
        related: Vec::new(),
        help: None,
        code: None,
    }
}

/// The span of a cell as written (quotes included).
fn cell_span(file: &Path, page: &Page, table: &Table, cell: &Cell) -> DiagSpan {
    let text_len = cell.source.lines().next().unwrap_or("").chars().count();
    // Cells of a `:file:` CSV are not in the page's text; their length is enough.
    if table.file.is_some() {
        return DiagSpan::at(file, cell.line, cell.column, text_len);
    }
    let src = &page.source;
    let start = src.line_start(cell.line.saturating_sub(1));
    let line_text = src.text[start..].lines().next().unwrap_or("");
    let rest: Vec<char> = line_text
        .chars()
        .skip(cell.column.saturating_sub(1))
        .collect();
    let len = if rest.first() == Some(&'"') {
        let mut i = 1;
        loop {
            match rest.get(i) {
                None => break i,
                Some('"') if rest.get(i + 1) == Some(&'"') => i += 2,
                Some('"') => break i + 1,
                Some(_) => i += 1,
            }
        }
    } else {
        text_len
    };
    DiagSpan::at(file, cell.line, cell.column, len)
}

fn code_of(cell: &Cell) -> String {
    html_to_text(&cell.html)
}

fn reader_findings(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    for (path, w) in &cat.load_errors {
        let (line, col) = w.pos.unwrap_or((w.line, 1));
        let mut d = diag(
            "encoding",
            w.message.clone(),
            DiagSpan::at(path, line, col, 1),
        );
        d.help = Some("save the file as UTF-8".into());
        out.push(d);
    }
    for page in &cat.pages {
        for w in &page.doc.warnings {
            let Some(rule) = w.rule else { continue };
            let rule = match rule {
                "csv-table-source" => "table-source",
                r => r,
            };
            let Some(info) = RULES.iter().find(|r| r.id == rule) else {
                continue;
            };
            let (line, col) = w.pos.unwrap_or((w.line, 1));
            let mut d = diag(
                info.id,
                w.message.replace('\n', " "),
                DiagSpan::at(&page.source.path, line, col, 1),
            );
            if w.level == Level::Warning && info.id == "table-source" {
                d.severity = Severity::Error;
            }
            d.help = match info.id {
                "csv-syntax" => Some(
                    "quote a field that contains the delimiter, and double a quote inside quotes (\"\")"
                        .into(),
                ),
                "unknown-option" => Some("check the option's spelling; Sphinx ignores it".into()),
                "option-syntax" => Some(
                    "one bad option line discards every option of the block; check quotes and the `:key: value` form"
                        .into(),
                ),
                _ => None,
            };
            out.push(d);
        }
    }
}

/// The entries of every catalog table, in order, with their code cells.
fn code_cells<'a>(t: &TableInfo<'a>) -> Vec<(String, &'a Cell)> {
    let Some(ci) = t.code_col else {
        return Vec::new();
    };
    t.table
        .rows
        .iter()
        .filter(|r| !r.blank)
        .filter_map(|r| r.cells.get(ci))
        .map(|c| (code_of(c), c))
        .collect()
}

fn duplicate_code(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, Vec<&catalog::Entry>> = BTreeMap::new();
    for e in &cat.entries {
        if !e.code.as_str().is_empty() {
            seen.entry(e.code.as_str()).or_default().push(e);
        }
    }
    for (code, entries) in seen {
        if entries.len() < 2 {
            continue;
        }
        let span = |e: &catalog::Entry| {
            DiagSpan::at(
                &e.source.file,
                e.source.line,
                e.source.column,
                code.chars().count(),
            )
        };
        let mut d = diag(
            "duplicate-code",
            format!("code {code} is documented {} times", entries.len()),
            span(entries[1]),
        );
        d.related.push(Related {
            span: span(entries[0]),
            message: "first documented here".into(),
        });
        for e in &entries[2..] {
            d.related.push(Related {
                span: span(e),
                message: "and here".into(),
            });
        }
        d.help = Some("give each code one row; remove or renumber the others".into());
        d.code = Some(code.to_string());
        out.push(d);
    }
}

/// Why a code (or group) cannot be a file name, if it cannot. Path-unsafe
/// codes are refused whatever the configured pattern says.
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

fn invalid_code(cat: &Catalog, config: &Config, out: &mut Vec<Diagnostic>) {
    let pattern = config
        .catalog
        .code_pattern
        .clone()
        .unwrap_or_else(|| DEFAULT_CODE_PATTERN.to_string());
    let re = Regex::new(&format!("^(?:{pattern})$")).ok();
    for e in &cat.entries {
        let code = e.code.as_str();
        if code.is_empty() {
            continue; // empty-cell reports it
        }
        let why = path_unsafe(code).map(str::to_string).or_else(|| {
            re.as_ref()
                .filter(|re| !re.is_match(code))
                .map(|_| format!("it does not match the code pattern `{pattern}`"))
        });
        if let Some(why) = why {
            let mut d = diag(
                "invalid-code",
                format!("code {code:?} is not a valid code: {why}"),
                DiagSpan::at(
                    &e.source.file,
                    e.source.line,
                    e.source.column,
                    code.chars().count(),
                ),
            );
            d.help = Some(
                "codes become page names (codes/<code>.html): use digits, or letters, digits, `-`, `_`, `.`"
                    .into(),
            );
            d.code = Some(code.to_string());
            out.push(d);
        }
    }
}

fn page_ids(page: &Page) -> BTreeSet<String> {
    fn walk(nodes: &[Node], out: &mut BTreeSet<String>) {
        for n in nodes {
            out.extend(n.ids.iter().cloned());
            walk(&n.children, out);
        }
    }
    let mut ids = BTreeSet::new();
    walk(&page.doc.children, &mut ids);
    ids.extend(page.doc.labels.iter().map(|l| l.name.clone()));
    ids
}

fn code_collides_with_anchor(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    for (pi, page) in cat.pages.iter().enumerate() {
        let ids = page_ids(page);
        for e in cat.entries.iter().filter(|e| e.page == pi) {
            if ids.contains(e.code.as_str()) {
                let mut d = diag(
                    "code-collides-with-anchor",
                    format!(
                        "code {} is also a section id or label on this page, so `#{}` is ambiguous",
                        e.code, e.code
                    ),
                    DiagSpan::at(
                        &e.source.file,
                        e.source.line,
                        e.source.column,
                        e.code.as_str().chars().count(),
                    ),
                );
                d.help = Some("rename the label or the section".into());
                d.code = Some(e.code.to_string());
                out.push(d);
            }
        }
    }
}

fn header_width(t: &Table) -> usize {
    t.header.iter().map(|r| r.written).max().unwrap_or(0)
}

fn row_width(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    let width = header_width(t.table);
    if width == 0 {
        return;
    }
    for row in t.table.rows.iter().filter(|r| !r.blank) {
        if row.written > width {
            let span = match row.cells.get(width) {
                Some(c) if !c.padded => cell_span(t.file, t.page, t.table, c),
                _ => DiagSpan::at(t.file, row.line, 1, 1),
            };
            let mut d = diag(
                "row-width",
                format!(
                    "row has {} cells but the header has {width}{}",
                    row.written,
                    if t.table.syntax == "pipe" {
                        "; the extra cells are dropped"
                    } else {
                        "; Sphinx widens the table"
                    }
                ),
                span,
            );
            d.help = Some(if t.table.syntax == "pipe" {
                "escape a `|` inside a cell as `\\|`".into()
            } else {
                "an unquoted comma splits a cell: put the cell in double quotes".into()
            });
            d.code = t.code_col.and_then(|c| row.cells.get(c)).map(code_of);
            out.push(d);
        } else if row.written < width {
            let mut d = diag(
                "row-width",
                format!(
                    "row has {} cells but the header has {width}; Sphinx pads it with empty cells",
                    row.written
                ),
                DiagSpan::at(t.file, row.line, 1, 1),
            );
            d.severity = Severity::Warning;
            d.help = Some("add the missing cells (an empty cell is `\"\"`)".into());
            d.code = t.code_col.and_then(|c| row.cells.get(c)).map(code_of);
            out.push(d);
        }
    }
}

fn empty_cell(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    let Some(ci) = t.code_col else { return };
    for row in t.table.rows.iter().filter(|r| !r.blank) {
        for (i, cell) in row.cells.iter().enumerate() {
            if cell.padded
                || !cell.text.trim().is_empty()
                || !html_to_text(&cell.html).trim().is_empty()
            {
                continue;
            }
            let code = row.cells.get(ci).map(code_of).unwrap_or_default();
            let column = t.names.get(i).cloned().unwrap_or_default();
            let important = i == ci || Some(i) == t.msg_col;
            let mut d = diag(
                "empty-cell",
                if i == ci {
                    "the code cell is empty".to_string()
                } else {
                    format!("code {code} has an empty {column:?} cell")
                },
                cell_span(t.file, t.page, t.table, cell),
            );
            if !important {
                d.severity = Severity::Warning;
            }
            d.code = (!code.is_empty()).then_some(code.clone());
            out.push(d);
        }
    }
}

/// Codes made of digits compare as numbers, others as strings.
fn code_order(a: &str, b: &str) -> std::cmp::Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if digits(a) && digits(b) {
        let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    } else {
        a.cmp(b)
    }
}

fn unsorted_codes(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    let cells = code_cells(t);
    for w in cells.windows(2) {
        let ((prev, prev_cell), (code, cell)) = (&w[0], &w[1]);
        if code.is_empty() || prev.is_empty() {
            continue;
        }
        if code_order(code, prev) == std::cmp::Ordering::Less {
            let mut d = diag(
                "unsorted-codes",
                format!(
                    "code {code} comes after {prev}: the codes of this table are not in ascending order"
                ),
                cell_span(t.file, t.page, t.table, cell),
            );
            d.related.push(Related {
                span: cell_span(t.file, t.page, t.table, prev_cell),
                message: format!("{prev} is here"),
            });
            d.help = Some(format!("move {code} before {prev}"));
            d.code = Some(code.clone());
            out.push(d);
            return;
        }
    }
}

fn empty_header_row(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    for (k, row) in t.table.header.iter().enumerate() {
        if row.cells.iter().all(|c| c.source.trim().is_empty()) {
            let from_option = k < t.table.header_option_rows;
            let line_len = t
                .page
                .source
                .text
                .lines()
                .nth(row.line.saturating_sub(1))
                .map_or(1, |l| l.trim_end().chars().count());
            let mut d = diag(
                "empty-header-row",
                format!("header row {} of this table is empty", k + 1),
                DiagSpan::at(t.file, row.line, 1, line_len),
            );
            d.help = Some(if from_option {
                "`:header: >` keeps a final newline, which Sphinx reads as a second, empty header row: write `:header: >-` or put the header on one line".into()
            } else {
                "remove the empty row or lower :header-rows:".into()
            });
            out.push(d);
        }
    }
}

fn blank_row(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    for row in t.table.rows.iter().filter(|r| r.blank) {
        let mut d = diag(
            "blank-row",
            "a blank line in the CSV data makes an empty row".into(),
            DiagSpan::at(t.file, row.line, 1, 1),
        );
        d.help = Some("remove the blank line".into());
        out.push(d);
    }
}

fn no_code_column(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    if t.code_col.is_some() {
        return;
    }
    let mut d = diag(
        "no-code-column",
        if t.names.iter().all(String::is_empty) {
            "this table has no header, so it has no code column and is not read as a catalog".into()
        } else {
            format!(
                "no column of this table is a code column ({}), so it is not read as a catalog",
                t.names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        DiagSpan::at(&t.page.source.path, t.line, 1, 1),
    );
    d.help = Some(
        "name the code column `Error Code` or `Code`, or list your header in errdocs.toml: [catalog] code-columns = [\"…\"]"
            .into(),
    );
    out.push(d);
}

fn duplicate_message(tables: &[TableInfo], out: &mut Vec<Diagnostic>) {
    // Spans are only worked out for the (few) duplicates.
    let mut seen: HashMap<String, (&TableInfo, &Cell, String)> = HashMap::new();
    for t in tables {
        let (Some(ci), Some(mi)) = (t.code_col, t.msg_col) else {
            continue;
        };
        for row in t.table.rows.iter().filter(|r| !r.blank) {
            let (Some(code_cell), Some(msg_cell)) = (row.cells.get(ci), row.cells.get(mi)) else {
                continue;
            };
            let msg = collapse(&html_to_text(&msg_cell.html));
            if msg.is_empty() {
                continue;
            }
            let key = msg.to_lowercase();
            match seen.get(&key) {
                Some((ft, first, first_code)) => {
                    let code = code_of(code_cell);
                    let mut d = diag(
                        "duplicate-message",
                        format!("codes {first_code} and {code} have the same message {msg:?}"),
                        cell_span(t.file, t.page, t.table, msg_cell),
                    );
                    d.related.push(Related {
                        span: cell_span(ft.file, ft.page, ft.table, first),
                        message: format!("{first_code} has it too"),
                    });
                    d.help = Some("make the messages tell the codes apart".into());
                    d.code = Some(code);
                    out.push(d);
                }
                None => {
                    seen.insert(key, (t, msg_cell, code_of(code_cell)));
                }
            }
        }
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn mixed_message_style(t: &TableInfo, out: &mut Vec<Diagnostic>) {
    let Some(mi) = t.msg_col else { return };
    let mut idents = Vec::new();
    let mut sentences = Vec::new();
    for row in t.table.rows.iter().filter(|r| !r.blank) {
        let Some(cell) = row.cells.get(mi) else {
            continue;
        };
        let text = collapse(&html_to_text(&cell.html));
        if text.is_empty() {
            continue;
        }
        if is_identifier(&text) {
            idents.push((cell, text));
        } else if text.contains(' ') {
            sentences.push((cell, text));
        }
    }
    if idents.is_empty() || sentences.is_empty() {
        return;
    }
    let (minority, majority_kind, minority_kind) = if sentences.len() <= idents.len() {
        (&sentences, "identifiers like", "sentences")
    } else {
        (&idents, "sentences like", "identifiers")
    };
    let example = if sentences.len() <= idents.len() {
        &idents[0].1
    } else {
        &sentences[0].1
    };
    let column = t.names.get(mi).cloned().unwrap_or_default();
    let (first, first_text) = &minority[0];
    let mut d = diag(
        "mixed-message-style",
        format!(
            "the {column:?} column mixes {majority_kind} {example:?} with {} {minority_kind}, e.g. {first_text:?}",
            minority.len()
        ),
        cell_span(t.file, t.page, t.table, first),
    );
    for (cell, text) in minority.iter().skip(1) {
        d.related.push(Related {
            span: cell_span(t.file, t.page, t.table, cell),
            message: format!("also {text:?}"),
        });
    }
    d.help = Some(format!(
        "write every {column:?} the same way; errdocs derives constant names from this column"
    ));
    out.push(d);
}

fn duplicate_label(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, DiagSpan> = HashMap::new();
    for page in &cat.pages {
        for l in &page.doc.labels {
            let span = DiagSpan::at(&page.source.path, l.line, l.column, l.name.chars().count());
            match seen.get(l.name.as_str()) {
                Some(first) => {
                    let mut d = diag(
                        "duplicate-label",
                        format!("label {:?} is defined twice", l.name),
                        span,
                    );
                    d.related.push(Related {
                        span: first.clone(),
                        message: "first defined here".into(),
                    });
                    d.help = Some("labels are global across the catalog: rename one".into());
                    out.push(d);
                }
                None => {
                    seen.insert(&l.name, span);
                }
            }
        }
    }
}

fn dangling_reference(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut labels: BTreeSet<String> = BTreeSet::new();
    for page in &cat.pages {
        ids.extend(page_ids(page));
        labels.extend(page.doc.labels.iter().map(|l| l.name.clone()));
    }
    ids.extend(cat.entries.iter().map(|e| e.code.to_string()));
    for page in &cat.pages {
        for r in &page.doc.references {
            let known = if r.role {
                labels.contains(&crate::anchors::normalize_name(&r.target))
            } else {
                ids.contains(&r.target)
            };
            if known {
                continue;
            }
            let start = page.source.line_start(r.line.saturating_sub(1));
            let line_text = page.source.text[start..].lines().next().unwrap_or("");
            let column = line_text
                .find(&r.target)
                .map_or(1, |b| line_text[..b].chars().count() + 1);
            let mut d = diag(
                "dangling-reference",
                if r.role {
                    format!("{{ref}} to {:?}, but no label has that name", r.target)
                } else {
                    format!("link to #{}, but no page defines that id", r.target)
                },
                DiagSpan::at(&page.source.path, r.line, column, r.target.chars().count()),
            );
            d.help =
                Some("define the label with `(name)=` before a heading, or fix the name".into());
            out.push(d);
        }
    }
}

/// A finding recorded in a baseline file (line numbers left out, so edits
/// elsewhere do not invalidate it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// Rule id.
    pub rule: String,
    /// File.
    pub file: String,
    /// The message.
    pub message: String,
}

/// A baseline file (`--write-baseline`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Baseline {
    /// `errdocs.baseline/1`.
    pub schema: String,
    /// The findings it accepts.
    pub findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// A baseline accepting these findings.
    pub fn of(diags: &[Diagnostic]) -> Self {
        let mut findings: Vec<BaselineEntry> = diags.iter().map(baseline_entry).collect();
        findings.sort();
        findings.dedup();
        Baseline {
            schema: "errdocs.baseline/1".into(),
            findings,
        }
    }
}

fn baseline_entry(d: &Diagnostic) -> BaselineEntry {
    BaselineEntry {
        rule: d.rule.to_string(),
        file: d.span.file.to_string_lossy().replace('\\', "/"),
        message: d.message.clone(),
    }
}

/// Applies `[rules]` severities, `[[ignore]]` and a baseline. Returns the
/// findings that remain and how many were suppressed.
pub fn apply_config(
    diags: Vec<Diagnostic>,
    config: &Config,
    baseline: Option<&Baseline>,
) -> (Vec<Diagnostic>, usize) {
    let accepted: BTreeSet<BaselineEntry> = baseline
        .map(|b| b.findings.iter().cloned().collect())
        .unwrap_or_default();
    let mut kept = Vec::new();
    let mut suppressed = 0;
    for mut d in diags {
        match config.rules.get(d.rule) {
            Some(RuleLevel::Off) => continue,
            Some(RuleLevel::Error) => d.severity = Severity::Error,
            Some(RuleLevel::Warning) => d.severity = Severity::Warning,
            Some(RuleLevel::Note) => d.severity = Severity::Note,
            None => {}
        }
        let ignored = config.ignore.iter().any(|ig| {
            ig.rule == d.rule
                && ig
                    .code
                    .as_ref()
                    .is_none_or(|c| d.code.as_deref() == Some(c.as_str()))
                && ig.file.as_ref().is_none_or(|f| {
                    d.span
                        .file
                        .to_string_lossy()
                        .replace('\\', "/")
                        .ends_with(f.as_str())
                })
        });
        if ignored || accepted.contains(&baseline_entry(&d)) {
            suppressed += 1;
            continue;
        }
        kept.push(d);
    }
    (kept, suppressed)
}
