//! The catalog gate: one function per rule of [`crate::rules`]. Pure: the
//! resolved [`Catalog`] in, [`Diagnostic`]s out; configuration (severities,
//! ignores, baselines) is applied afterwards by [`apply_config`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Cell, Entry, Table};
use crate::config::{Config, RuleLevel};
use crate::diag::{DiagSpan, Diagnostic, Severity};
use crate::html::html_to_text;
use crate::rules;
use crate::text::{collapse, is_identifier};

/// The default code pattern: digits, or letters/digits/`-`/`_`/`.` without a
/// leading dot, at most 64 characters.
pub const DEFAULT_CODE_PATTERN: &str = r"[0-9]{1,64}|[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}";

/// [`check`] for every language's catalog, and the translations compared
/// with the default language ([`crate::translation::check`]).
pub fn check_all(cats: &[Catalog], config: &Config) -> Vec<Diagnostic> {
    check_all_with(cats, config, true)
}

/// [`check_all`], the rules run in parallel or (`parallel` false: beside
/// other parallel work, which they would only queue behind) one after the
/// other. The findings are the same.
pub fn check_all_with(cats: &[Catalog], config: &Config, parallel: bool) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = cats
        .iter()
        .flat_map(|c| check_with(c, config, parallel))
        .collect();
    out.extend(crate::translation::check(cats));
    out
}

/// What the reader found, then every rule over the catalog (default
/// severities, nothing suppressed). The rules run in parallel, each on its
/// own; their findings come in this order whatever ran first.
pub fn check(cat: &Catalog, config: &Config) -> Vec<Diagnostic> {
    check_with(cat, config, true)
}

/// [`check`], the rules run in parallel or one after the other.
fn check_with(cat: &Catalog, config: &Config, parallel: bool) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    type Rule<'a> = Box<dyn Fn(&mut Vec<Diagnostic>) + Send + Sync + 'a>;
    let mut rules: Vec<Rule<'_>> = vec![
        Box::new(|o| duplicate_code(cat, o)),
        Box::new(|o| reused_code(cat, o)),
        Box::new(|o| invalid_replacement(cat, o)),
        Box::new(|o| invalid_code(cat, config, o)),
        Box::new(|o| code_collides_with_anchor(cat, o)),
    ];
    for (ti, t) in cat.tables.iter().enumerate() {
        rules.push(Box::new(move |o| {
            row_width(cat, ti, o);
            empty_cell(cat, ti, o);
            unsorted_codes(cat, t, o);
            empty_header_row(cat, t, o);
            blank_row(t, o);
            csv_comment(cat, t, o);
            no_code_column(cat, t, o);
        }));
        rules.push(Box::new(move |o| mixed_message_style(cat, t, o)));
    }
    rules.push(Box::new(|o| empty_catalog(cat, o)));
    rules.push(Box::new(|o| duplicate_message(cat, o)));
    rules.push(Box::new(|o| duplicate_label(cat, o)));
    rules.push(Box::new(|o| dangling_reference(cat, o)));
    let run = |rule: &Rule<'_>| {
        let mut o = Vec::new();
        rule(&mut o);
        o
    };
    let found: Vec<Vec<Diagnostic>> = if parallel {
        rules.par_iter().map(run).collect()
    } else {
        rules.iter().map(run).collect()
    };
    let mut out = cat.diagnostics.clone();
    out.extend(found.into_iter().flatten());
    out
}

/// The span of a cell as written (quotes included).
fn cell_span(cat: &Catalog, table: &Table, cell: &Cell) -> DiagSpan {
    let text_len = cell.source.lines().next().unwrap_or("").chars().count();
    // Cells of a `:file:` CSV are not in the page's text; their length is enough.
    if table.included {
        return DiagSpan::at(&table.file, cell.line, cell.column, text_len);
    }
    let src = cat.source(&cat.pages[table.page]);
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
    DiagSpan::at(&table.file, cell.line, cell.column, len)
}

/// The span of an entry's code: its cell as written, or its record.
fn entry_span(cat: &Catalog, e: &Entry) -> DiagSpan {
    match (cat.table_of(e), cat.code_cell(e)) {
        (Some(t), Some(c)) => cell_span(cat, t, c),
        _ => cat.code_span(e),
    }
}

/// The span of one of an entry's cells (a record's: the record).
fn field_span(cat: &Catalog, e: &Entry, cell: &Cell) -> DiagSpan {
    match cat.table_of(e) {
        Some(t) => cell_span(cat, t, cell),
        None => cat.code_span(e),
    }
}

/// The code of body row `row` of table `t`, if the row is an entry.
fn row_code(cat: &Catalog, table: usize, row: usize) -> Option<&str> {
    cat.entry_of_row(table, row)
        .map(|e| cat.entries[e].code.as_str())
}

fn duplicate_code(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in cat.entries.iter().enumerate() {
        if !e.code.as_str().is_empty() {
            seen.entry(e.code.as_str()).or_default().push(i);
        }
    }
    for (code, entries) in seen {
        if entries.len() < 2 || mixes_removed(cat, &entries) {
            continue;
        }
        let span = |i: usize| cat.code_span(&cat.entries[i]);
        let mut d = rules::DUPLICATE_CODE
            .at(
                span(entries[1]),
                format!("code {code} is documented {} times", entries.len()),
            )
            .with_related(span(entries[0]), "first documented here");
        for &e in &entries[2..] {
            d = d.with_related(span(e), "and here");
        }
        out.push(d.with_code(code));
    }
}

/// Some of these entries are removed and some are not: a reused code.
fn mixes_removed(cat: &Catalog, entries: &[usize]) -> bool {
    let removed = entries
        .iter()
        .filter(|&&i| cat.entries[i].lifecycle.is_removed())
        .count();
    removed > 0 && removed < entries.len()
}

/// A removed code documented again as a code in use.
fn reused_code(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in cat.entries.iter().enumerate() {
        by_code.entry(e.code.as_str()).or_default().push(i);
    }
    for (code, entries) in by_code {
        if entries.len() < 2 || !mixes_removed(cat, &entries) {
            continue;
        }
        let Some(&removed) = entries
            .iter()
            .find(|&&i| cat.entries[i].lifecycle.is_removed())
        else {
            continue;
        };
        for &i in entries
            .iter()
            .filter(|&&i| !cat.entries[i].lifecycle.is_removed())
        {
            out.push(
                rules::REUSED_CODE
                    .at(
                        cat.code_span(&cat.entries[i]),
                        format!(
                            "code {code} was removed and is documented again: its page, linked from old logs, would now describe another error"
                        ),
                    )
                    .with_related(cat.code_span(&cat.entries[removed]), "removed here")
                    .with_code(code),
            );
        }
    }
}

/// `replaced-by` must name a documented code that is not removed, and
/// following replacements must not lead back.
fn invalid_replacement(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let find = |code: &str| cat.entries.iter().find(|e| e.code.as_str() == code.trim());
    for e in &cat.entries {
        let Some(target) = e.lifecycle.replaced_by.as_deref() else {
            continue;
        };
        let why = match find(target) {
            None => Some(format!("no code {target} is documented")),
            Some(t) if t.lifecycle.is_removed() => Some(format!("{target} is removed too")),
            Some(_) => {
                // Follow the chain; coming back to this code is a cycle.
                let mut seen = vec![e.code.as_str()];
                let mut next = Some(target.trim());
                let mut cycle = None;
                while let Some(c) = next {
                    if seen.contains(&c) {
                        // A circle through this code (one it only leads
                        // into is reported by the codes on it).
                        if c == e.code.as_str() {
                            seen.push(c);
                            cycle = Some(seen.join(" -> "));
                        }
                        break;
                    }
                    seen.push(c);
                    next = find(c).and_then(|t| t.lifecycle.replaced_by.as_deref().map(str::trim));
                }
                cycle.map(|c| format!("the replacements go round in a circle: {c}"))
            }
        };
        if let Some(why) = why {
            out.push(
                rules::INVALID_REPLACEMENT
                    .at(
                        cat.code_span(e),
                        format!("code {} is replaced by {target}, but {why}", e.code),
                    )
                    .with_code(e.code.as_str()),
            );
        }
    }
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
        let why = e.code.path_segment().err().map(str::to_string).or_else(|| {
            re.as_ref()
                .filter(|re| !re.is_match(code))
                .map(|_| format!("it does not match the code pattern `{pattern}`"))
        });
        if let Some(why) = why {
            out.push(
                rules::INVALID_CODE
                    .at(
                        cat.code_span(e),
                        format!("code {code:?} is not a valid code: {why}"),
                    )
                    .with_code(code),
            );
        }
    }
}

fn code_collides_with_anchor(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    for e in &cat.entries {
        if cat.pages[e.page].ids.contains(e.code.as_str()) {
            out.push(
                rules::CODE_COLLIDES_WITH_ANCHOR
                    .at(
                        cat.code_span(e),
                        format!(
                            "code {} is also a section id or label on this page, so `#{}` is ambiguous",
                            e.code, e.code
                        ),
                    )
                    .with_help("rename the label or the section")
                    .with_code(e.code.as_str()),
            );
        }
    }
}

fn row_width(cat: &Catalog, index: usize, out: &mut Vec<Diagnostic>) {
    let t = &cat.tables[index];
    let width = t.header.iter().map(|r| r.written).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    for (ri, row) in t.rows.iter().enumerate().filter(|(_, r)| !r.blank) {
        let code = row_code(cat, index, ri);
        if row.written > width {
            let span = match row.cells.get(width) {
                Some(c) if !c.padded => cell_span(cat, t, c),
                _ => DiagSpan::at(&t.file, row.line, 1, 1),
            };
            let mut d = rules::ROW_WIDTH
                .at(
                    span,
                    format!(
                        "row has {} cells but the header has {width}{}",
                        row.written,
                        if t.syntax == "pipe" {
                            "; the extra cells are dropped"
                        } else {
                            "; Sphinx widens the table"
                        }
                    ),
                )
                .with_help(if t.syntax == "pipe" {
                    "escape a `|` inside a cell as `\\|`"
                } else {
                    "an unquoted comma splits a cell: put the cell in double quotes"
                });
            d.code = code.map(str::to_string);
            out.push(d);
        } else if row.written < width {
            let mut d = rules::ROW_WIDTH
                .second_at(
                    DiagSpan::at(&t.file, row.line, 1, 1),
                    format!(
                        "row has {} cells but the header has {width}; Sphinx pads it with empty cells",
                        row.written
                    ),
                )
                .with_help("add the missing cells (an empty cell is `\"\"`)");
            d.code = code.map(str::to_string);
            out.push(d);
        }
    }
}

fn empty_cell(cat: &Catalog, index: usize, out: &mut Vec<Diagnostic>) {
    let t = &cat.tables[index];
    let Some(ci) = t.code_column else { return };
    for (ri, row) in t.rows.iter().enumerate().filter(|(_, r)| !r.blank) {
        for (i, cell) in row.cells.iter().enumerate() {
            if cell.padded
                || !cell.text.trim().is_empty()
                || !html_to_text(&cell.html).trim().is_empty()
            {
                continue;
            }
            let code = row_code(cat, index, ri).unwrap_or_default();
            let column = t.columns.get(i).cloned().unwrap_or_default();
            let message = if i == ci {
                "the code cell is empty".to_string()
            } else {
                format!("code {code} has an empty {column:?} cell")
            };
            let span = cell_span(cat, t, cell);
            let mut d = if i == ci || Some(i) == t.message_column {
                rules::EMPTY_CELL.at(span, message)
            } else {
                rules::EMPTY_CELL.second_at(span, message)
            };
            if !code.is_empty() {
                d = d.with_code(code);
            }
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

fn unsorted_codes(cat: &Catalog, t: &Table, out: &mut Vec<Diagnostic>) {
    let entries = &cat.entries[t.entries.clone()];
    for w in entries.windows(2) {
        let (prev, e) = (&w[0], &w[1]);
        let (prev_code, code) = (prev.code.as_str(), e.code.as_str());
        if code.is_empty() || prev_code.is_empty() {
            continue;
        }
        if code_order(code, prev_code) == std::cmp::Ordering::Less {
            out.push(
                rules::UNSORTED_CODES
                    .at(
                        entry_span(cat, e),
                        format!(
                            "code {code} comes after {prev_code}: the codes of this table are not in ascending order"
                        ),
                    )
                    .with_related(entry_span(cat, prev), format!("{prev_code} is here"))
                    .with_help(format!("move {code} before {prev_code}"))
                    .with_code(code),
            );
            return;
        }
    }
}

fn empty_header_row(cat: &Catalog, t: &Table, out: &mut Vec<Diagnostic>) {
    for (k, row) in t.header.iter().enumerate() {
        if row.cells.iter().all(|c| c.source.trim().is_empty()) {
            let from_option = k < t.header_option_rows;
            let line_len = cat
                .source(&cat.pages[t.page])
                .text
                .lines()
                .nth(row.line.saturating_sub(1))
                .map_or(1, |l| l.trim_end().chars().count());
            let d = rules::EMPTY_HEADER_ROW.at(
                DiagSpan::at(&t.file, row.line, 1, line_len),
                format!("header row {} of this table is empty", k + 1),
            );
            out.push(if from_option {
                d.with_help("`:header: >` keeps a final newline, which Sphinx reads as a second, empty header row: write `:header: >-` or put the header on one line")
            } else {
                d
            });
        }
    }
}

fn blank_row(t: &Table, out: &mut Vec<Diagnostic>) {
    for row in t.rows.iter().filter(|r| r.blank) {
        out.push(rules::BLANK_ROW.at(
            DiagSpan::at(&t.file, row.line, 1, 1),
            "a blank line in the CSV data makes an empty row",
        ));
    }
}

/// An HTML comment in csv-table data: docutils reads its line as a row, and
/// a comma in it splits it into cells; the cell that closes it is text, whose
/// `-->` smart quotes turn into `–>`, so the comment opened in the cell
/// before never closes and the page after it can vanish.
fn csv_comment(cat: &Catalog, t: &Table, out: &mut Vec<Diagnostic>) {
    if t.syntax != "csv-table" {
        return;
    }
    let data = t.header.iter().skip(t.header_option_rows).chain(&t.rows);
    for row in data {
        let Some(cell) = row.cells.iter().find(|c| c.source.contains("<!--")) else {
            continue;
        };
        let open = cell.source.find("<!--").unwrap_or(0);
        let message = if !cell.source[open..].contains("-->") {
            "this HTML comment is split into cells at a comma: on the Sphinx page it never closes (smart quotes turn its `-->` into `–>`), and the rest of the page can disappear"
        } else if row
            .cells
            .first()
            .is_some_and(|c| c.source.trim_start().starts_with("<!--"))
        {
            "an HTML comment in the CSV data is a row of its own in Sphinx, an empty one"
        } else {
            continue;
        };
        out.push(rules::CSV_COMMENT.at(cell_span(cat, t, cell), message));
    }
}

fn no_code_column(cat: &Catalog, t: &Table, out: &mut Vec<Diagnostic>) {
    // A table whose options were dropped has its own error (option-syntax).
    if t.code_column.is_some() || t.options_lost {
        return;
    }
    let span = DiagSpan::at(&cat.pages[t.page].path, t.line, 1, 1);
    if let Some((i, name)) = &t.near_code_column {
        let header = &t.columns[*i];
        // The header cell itself, when it is in the page.
        let cell = t
            .header
            .iter()
            .rev()
            .find(|r| r.cells.iter().any(|c| !c.text.trim().is_empty()))
            .and_then(|r| r.cells.get(*i));
        let span = match cell {
            Some(c) if !t.included => cell_span(cat, t, c),
            _ => span,
        };
        out.push(
            rules::NO_CODE_COLUMN
                .second_at(
                    span,
                    format!(
                        "the column {header:?} is not a code column, so this table's {} rows are not read as codes; did you mean {:?}?",
                        t.rows.iter().filter(|r| !r.blank).count(),
                        display_name(name)
                    ),
                )
                .with_help(format!(
                    "rename the header to {:?} (or add {header:?} to [catalog] extra-code-columns in errdocs.toml)",
                    display_name(name)
                )),
        );
        return;
    }
    out.push(rules::NO_CODE_COLUMN.at(
        span,
        if t.columns.iter().all(String::is_empty) {
            "this table has no header, so it has no code column and is not read as a catalog".into()
        } else {
            format!(
                "no column of this table is a code column ({}), so it is not read as a catalog",
                t.columns
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    ));
}

/// A code-column name as a header would show it (`error code` → `Error Code`).
fn display_name(name: &str) -> String {
    if name.chars().any(|c| c.is_uppercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// No code table anywhere: the folder was read, but nothing in it is a catalog.
fn empty_catalog(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    // Nothing to add when an error already says why a table was lost.
    let explained = cat
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
        || cat
            .tables
            .iter()
            .any(|t| t.options_lost || t.near_code_column.is_some());
    if explained || cat.tables.iter().any(|t| t.code_column.is_some()) {
        return;
    }
    let tables = cat.tables.len();
    let file = cat
        .files
        .first()
        .map_or_else(|| cat.root.clone(), |f| f.path.clone());
    out.push(rules::EMPTY_CATALOG.at(
        DiagSpan::at(&file, 1, 1, 1),
        format!(
            "no code table in {}: {} file{} read, {}",
            cat.root.display(),
            cat.files.len(),
            if cat.files.len() == 1 { "" } else { "s" },
            match tables {
                0 => "and no table in them".to_string(),
                1 => "holding 1 table, without a code column".to_string(),
                n => format!("holding {n} tables, none with a code column"),
            }
        ),
    ));
}

fn duplicate_message(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    // Spans are only worked out for the (few) duplicates.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, e) in cat.entries.iter().enumerate() {
        // A removed code often shares its message with its replacement.
        if e.lifecycle.is_removed() {
            continue;
        }
        let Some(msg_field) = cat.message(e) else {
            continue;
        };
        let msg = collapse(&msg_field.text());
        if msg.is_empty() {
            continue;
        }
        let key = msg.to_lowercase();
        match seen.get(&key) {
            Some(&first) => {
                let f = &cat.entries[first];
                let mut d = rules::DUPLICATE_MESSAGE.at(
                    field_span(cat, e, msg_field.cell),
                    format!(
                        "codes {} and {} have the same message {msg:?}",
                        f.code, e.code
                    ),
                );
                if let Some(m) = cat.message(f) {
                    d = d
                        .with_related(field_span(cat, f, m.cell), format!("{} has it too", f.code));
                }
                out.push(d.with_code(e.code.as_str()));
            }
            None => {
                seen.insert(key, i);
            }
        }
    }
}

fn mixed_message_style(cat: &Catalog, t: &Table, out: &mut Vec<Diagnostic>) {
    let Some(mi) = t.message_column else { return };
    let mut idents = Vec::new();
    let mut sentences = Vec::new();
    for row in t.rows.iter().filter(|r| !r.blank) {
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
    let column = t.columns.get(mi).cloned().unwrap_or_default();
    let (first, first_text) = &minority[0];
    let mut d = rules::MIXED_MESSAGE_STYLE.at(
        cell_span(cat, t, first),
        format!(
            "the {column:?} column mixes {majority_kind} {example:?} with {} {}, e.g. {first_text:?}",
            minority.len(),
            if minority.len() == 1 {
                minority_kind.trim_end_matches('s')
            } else {
                minority_kind
            }
        ),
    );
    for (cell, text) in minority.iter().skip(1) {
        d = d.with_related(cell_span(cat, t, cell), format!("also {text:?}"));
    }
    out.push(d.with_help(format!(
        "write every {column:?} the same way; errdocs derives constant names from this column"
    )));
}

/// Labels defined on two pages (the reader reports a label given twice on
/// one page, with docutils' warning).
fn duplicate_label(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, (usize, DiagSpan)> = HashMap::new();
    for l in &cat.labels {
        let span = DiagSpan::at(
            &cat.pages[l.page].path,
            l.line,
            l.column,
            l.name.chars().count(),
        );
        match seen.get(l.name.as_str()) {
            Some((page, _)) if *page == l.page => {}
            Some((_, first)) => out.push(
                rules::DUPLICATE_LABEL
                    .at(span, format!("label {:?} is defined twice", l.name))
                    .with_related(first.clone(), "first defined here"),
            ),
            None => {
                seen.insert(&l.name, (l.page, span));
            }
        }
    }
}

fn dangling_reference(cat: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for page in &cat.pages {
        ids.extend(page.ids.iter().map(String::as_str));
    }
    ids.extend(cat.entries.iter().map(|e| e.code.as_str()));
    let labels: BTreeSet<&str> = cat.labels.iter().map(|l| l.name.as_str()).collect();
    for r in &cat.references {
        let known = if r.role {
            labels.contains(crate::anchors::normalize_name(&r.target).as_str())
        } else {
            ids.contains(r.target.as_str())
        };
        if known {
            continue;
        }
        let page = &cat.pages[r.page];
        let src = cat.source(page);
        let start = src.line_start(r.line.saturating_sub(1));
        let line_text = src.text[start..].lines().next().unwrap_or("");
        let column = line_text
            .find(&r.target)
            .map_or(1, |b| line_text[..b].chars().count() + 1);
        out.push(rules::DANGLING_REFERENCE.at(
            DiagSpan::at(&page.path, r.line, column, r.target.chars().count()),
            if r.role {
                format!("{{ref}} to {:?}, but no label has that name", r.target)
            } else {
                format!("link to #{}, but no page defines that id", r.target)
            },
        ));
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
    let findings = baseline.map_or(&[][..], |b| b.findings.as_slice());
    let accepted: BTreeSet<&BaselineEntry> = findings.iter().collect();
    let legacy = legacy_entries(findings);
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
        if ignored || accepted.contains(&baseline_entry(&d)) || accepts_legacy(&legacy, &d) {
            suppressed += 1;
            continue;
        }
        kept.push(d);
    }
    (kept, suppressed)
}

/// Baseline entries under an old rule id (`conflicting-name`): their
/// messages are not the new rule's, so each accepts the new rule's finding
/// about the same code in the same file. (rule, file, code).
fn legacy_entries(findings: &[BaselineEntry]) -> Vec<(&'static str, &str, &str)> {
    findings
        .iter()
        .filter_map(|f| {
            let rule = rules::find(&f.rule).filter(|r| r.id != f.rule)?;
            let code = f.message.split_once("code ")?.1.split_whitespace().next()?;
            Some((rule.id, f.file.as_str(), code))
        })
        .collect()
}

fn accepts_legacy(legacy: &[(&str, &str, &str)], d: &Diagnostic) -> bool {
    let file = |s: &DiagSpan| s.file.to_string_lossy().replace('\\', "/");
    legacy.iter().any(|&(rule, f, code)| {
        rule == d.rule
            && d.code.as_deref() == Some(code)
            && (file(&d.span) == f || d.related.iter().any(|r| file(&r.span) == f))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// The rules find the same, in the same order, run in parallel or in
    /// turn: on the bundled catalog and on a synthetic one with findings
    /// of several rules (a duplicate code, codes out of order).
    #[test]
    fn the_rules_find_the_same_in_parallel_and_in_turn() {
        let dir = tempfile::tempdir().unwrap();
        let synth = crate::synth::catalog(600)
            .replacen("100002,", "100001,", 1)
            .replacen("100005, \"", "100004, \"", 1)
            .replacen("100009, \"", "100400, \"", 1);
        std::fs::write(dir.path().join("errors.md"), synth).unwrap();
        let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        for root in [bundled.as_path(), dir.path()] {
            let config = crate::config::load(root).unwrap();
            let cats = crate::catalog::load_languages(root, &config).unwrap();
            let parallel = check_all_with(&cats, &config, true);
            let in_turn = check_all_with(&cats, &config, false);
            assert!(!in_turn.is_empty(), "{}", root.display());
            assert_eq!(format!("{parallel:?}"), format!("{in_turn:?}"));
            let rules: BTreeSet<&str> = in_turn.iter().map(|d| d.rule).collect();
            if root == dir.path() {
                assert!(rules.len() >= 3, "{rules:?}");
            }
        }
    }
}
