//! Table bodies: the csv-table dialect (Python's `csv` module as docutils
//! configures it) and GFM pipe-table rows (markdown-it's splitting).
//!
//! The `csv` crate reads RFC 4180 files well, but it cannot reproduce
//! Python's strict mode (a character after a closing quote is an error, with
//! its position), `skipinitialspace`, or docutils' escape/doublequote
//! switches; Sphinx's cells depend on all of them, so the dialect is
//! implemented here as the small state machine CPython's `_csv.c` is.

/// The CSV dialect of one csv-table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// Field separator (`,` by default).
    pub delimiter: char,
    /// Quote character (`"` by default).
    pub quote: char,
    /// Escape character, if any (then doubled quotes are not an escape).
    pub escape: Option<char>,
    /// Skip spaces at the start of a field (docutils' default; `:keepspace:` turns it off).
    pub skip_initial_space: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: ',',
            quote: '"',
            escape: None,
            skip_initial_space: true,
        }
    }
}

/// One field as read: its text and where it starts (0-based line and column
/// in the lines given to [`read_csv`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvField {
    /// The field after unquoting.
    pub text: String,
    /// 0-based input line of the field's first character.
    pub line: usize,
    /// 0-based column (characters) of the field's first character.
    pub column: usize,
}

/// One record: its fields and the input line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// The fields (none for a blank line).
    pub fields: Vec<CsvField>,
    /// 0-based input line where the record starts.
    pub line: usize,
    /// The record is a blank line.
    pub blank: bool,
}

/// A CSV syntax error, with Python's message and the exact position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// Python's `csv.Error` text, e.g. `',' expected after '"'`.
    pub message: String,
    /// Short description of the kind of error.
    pub kind: CsvErrorKind,
    /// 0-based input line.
    pub line: usize,
    /// 0-based column (characters).
    pub column: usize,
}

/// The kinds of CSV error the dialect can raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvErrorKind {
    /// A quoted field runs to the end of the data.
    Unterminated,
    /// A character other than the delimiter follows a closing quote.
    TextAfterQuote,
    /// A NUL character.
    Nul,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum St {
    StartRecord,
    StartField,
    Escaped,
    InField,
    InQuoted,
    EscapeInQuoted,
    QuoteInQuoted,
    EatCrnl,
}

/// Reads `lines` (each without its newline) as docutils does: every line is
/// fed with a `\n` appended, a blank line is a record with no fields.
pub fn read_csv(lines: &[String], d: Dialect) -> Result<Vec<CsvRecord>, CsvError> {
    let mut records = Vec::new();
    let mut st = St::StartRecord;
    let mut fields: Vec<CsvField> = Vec::new();
    let mut field = String::new();
    let mut field_start = (0usize, 0usize);
    let mut record_line = 0usize;
    let mut quote_pos = (0usize, 0usize);
    for (ln, line) in lines.iter().enumerate() {
        if st == St::StartRecord {
            record_line = ln;
        }
        let mut col = 0usize;
        for c in line.chars().chain(std::iter::once('\n')) {
            if c == '\0' {
                return Err(CsvError {
                    message: "line contains NUL".into(),
                    kind: CsvErrorKind::Nul,
                    line: ln,
                    column: col,
                });
            }
            let save = |fields: &mut Vec<CsvField>, field: &mut String, start: (usize, usize)| {
                fields.push(CsvField {
                    text: std::mem::take(field),
                    line: start.0,
                    column: start.1,
                });
            };
            // One character through CPython's state machine.
            let mut state = st;
            loop {
                match state {
                    St::StartRecord => {
                        if c == '\n' {
                            st = St::EatCrnl;
                            break;
                        }
                        field_start = (ln, col);
                        state = St::StartField;
                        continue;
                    }
                    St::StartField => {
                        if c == '\n' {
                            save(&mut fields, &mut field, field_start);
                            st = St::EatCrnl;
                        } else if c == d.quote {
                            quote_pos = (ln, col);
                            st = St::InQuoted;
                        } else if Some(c) == d.escape {
                            st = St::Escaped;
                        } else if c == ' ' && d.skip_initial_space {
                            st = St::StartField;
                            field_start = (ln, col + 1);
                        } else if c == d.delimiter {
                            save(&mut fields, &mut field, field_start);
                            field_start = (ln, col + 1);
                            st = St::StartField;
                        } else {
                            field.push(c);
                            st = St::InField;
                        }
                    }
                    St::Escaped => {
                        field.push(c);
                        st = St::InField;
                    }
                    St::InField => {
                        if c == '\n' {
                            save(&mut fields, &mut field, field_start);
                            st = St::EatCrnl;
                        } else if Some(c) == d.escape {
                            st = St::Escaped;
                        } else if c == d.delimiter {
                            save(&mut fields, &mut field, field_start);
                            field_start = (ln, col + 1);
                            st = St::StartField;
                        } else {
                            field.push(c);
                        }
                    }
                    St::InQuoted => {
                        if Some(c) == d.escape {
                            st = St::EscapeInQuoted;
                        } else if c == d.quote {
                            st = if d.escape.is_none() {
                                St::QuoteInQuoted
                            } else {
                                St::InField
                            };
                        } else {
                            field.push(c);
                        }
                    }
                    St::EscapeInQuoted => {
                        field.push(c);
                        st = St::InQuoted;
                    }
                    St::QuoteInQuoted => {
                        if c == d.quote {
                            field.push(c);
                            st = St::InQuoted;
                        } else if c == d.delimiter {
                            save(&mut fields, &mut field, field_start);
                            field_start = (ln, col + 1);
                            st = St::StartField;
                        } else if c == '\n' {
                            save(&mut fields, &mut field, field_start);
                            st = St::EatCrnl;
                        } else {
                            return Err(CsvError {
                                message: format!("'{}' expected after '{}'", d.delimiter, d.quote),
                                kind: CsvErrorKind::TextAfterQuote,
                                line: ln,
                                column: col,
                            });
                        }
                    }
                    St::EatCrnl => {
                        // Only reachable for '\n' handled above; anything else
                        // cannot follow a newline inside one fed line.
                    }
                }
                break;
            }
            col += 1;
        }
        // End of the fed line (CPython's EOL marker).
        match st {
            St::EatCrnl => {
                let blank = fields.is_empty();
                records.push(CsvRecord {
                    fields: std::mem::take(&mut fields),
                    line: record_line,
                    blank,
                });
                st = St::StartRecord;
            }
            St::Escaped | St::EscapeInQuoted => {
                // An escaped newline: the newline was taken into the field.
            }
            _ => {}
        }
    }
    if st != St::StartRecord {
        // Python reports this at the end of the data; the useful place to
        // point at is the quote that was never closed.
        return Err(CsvError {
            message: "unexpected end of data".into(),
            kind: CsvErrorKind::Unterminated,
            line: quote_pos.0,
            column: quote_pos.1,
        });
    }
    Ok(records)
}

/// A pipe-table row split into cell sources, with each cell's 0-based
/// character column in the line. Cells beyond `cols` are dropped, missing
/// ones are padded with empty strings (column of the line end).
pub fn pipe_row(line: &str, cols: usize) -> (Vec<(String, usize)>, usize) {
    let trimmed_start = line.len() - line.trim_start().len();
    let t = line.trim();
    let parts = super::myst::escaped_split(t);
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

#[cfg(test)]
mod tests;
