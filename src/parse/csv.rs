//! The one CSV reader: csv-table bodies, `:header:` options, `:file:`
//! includes and standalone `.csv` files, all in the csv-table dialect
//! (Python's `csv` module as docutils configures it).
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
enum CsvState {
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
    let mut st = CsvState::StartRecord;
    let mut fields: Vec<CsvField> = Vec::new();
    let mut field = String::new();
    let mut field_start = (0usize, 0usize);
    let mut record_line = 0usize;
    let mut quote_pos = (0usize, 0usize);
    for (ln, line) in lines.iter().enumerate() {
        if st == CsvState::StartRecord {
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
                    CsvState::StartRecord => {
                        if c == '\n' {
                            st = CsvState::EatCrnl;
                            break;
                        }
                        field_start = (ln, col);
                        state = CsvState::StartField;
                        continue;
                    }
                    CsvState::StartField => {
                        if c == '\n' {
                            save(&mut fields, &mut field, field_start);
                            st = CsvState::EatCrnl;
                        } else if c == d.quote {
                            quote_pos = (ln, col);
                            st = CsvState::InQuoted;
                        } else if Some(c) == d.escape {
                            st = CsvState::Escaped;
                        } else if c == ' ' && d.skip_initial_space {
                            st = CsvState::StartField;
                            field_start = (ln, col + 1);
                        } else if c == d.delimiter {
                            save(&mut fields, &mut field, field_start);
                            field_start = (ln, col + 1);
                            st = CsvState::StartField;
                        } else {
                            field.push(c);
                            st = CsvState::InField;
                        }
                    }
                    CsvState::Escaped => {
                        field.push(c);
                        st = CsvState::InField;
                    }
                    CsvState::InField => {
                        if c == '\n' {
                            save(&mut fields, &mut field, field_start);
                            st = CsvState::EatCrnl;
                        } else if Some(c) == d.escape {
                            st = CsvState::Escaped;
                        } else if c == d.delimiter {
                            save(&mut fields, &mut field, field_start);
                            field_start = (ln, col + 1);
                            st = CsvState::StartField;
                        } else {
                            field.push(c);
                        }
                    }
                    CsvState::InQuoted => {
                        if Some(c) == d.escape {
                            st = CsvState::EscapeInQuoted;
                        } else if c == d.quote {
                            st = if d.escape.is_none() {
                                CsvState::QuoteInQuoted
                            } else {
                                CsvState::InField
                            };
                        } else {
                            field.push(c);
                        }
                    }
                    CsvState::EscapeInQuoted => {
                        field.push(c);
                        st = CsvState::InQuoted;
                    }
                    CsvState::QuoteInQuoted => {
                        if c == d.quote {
                            field.push(c);
                            st = CsvState::InQuoted;
                        } else if c == d.delimiter {
                            save(&mut fields, &mut field, field_start);
                            field_start = (ln, col + 1);
                            st = CsvState::StartField;
                        } else if c == '\n' {
                            save(&mut fields, &mut field, field_start);
                            st = CsvState::EatCrnl;
                        } else {
                            return Err(CsvError {
                                message: format!("'{}' expected after '{}'", d.delimiter, d.quote),
                                kind: CsvErrorKind::TextAfterQuote,
                                line: ln,
                                column: col,
                            });
                        }
                    }
                    CsvState::EatCrnl => {
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
            CsvState::EatCrnl => {
                let blank = fields.is_empty();
                records.push(CsvRecord {
                    fields: std::mem::take(&mut fields),
                    line: record_line,
                    blank,
                });
                st = CsvState::StartRecord;
            }
            CsvState::Escaped | CsvState::EscapeInQuoted => {
                // An escaped newline: the newline was taken into the field.
            }
            _ => {}
        }
    }
    if st != CsvState::StartRecord {
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

#[cfg(test)]
mod tests;
