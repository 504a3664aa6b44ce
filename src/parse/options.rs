//! The directive option block, tokenized the way MyST-Parser does it.
//!
//! MyST reads `:key: value` lines (with the leading `:` removed) and `---` YAML
//! blocks with a deliberately small YAML tokenizer: keys at column 0, values
//! plain, single- or double-quoted, literal `|` or folded `>` (chomping and
//! indentation indicators), `#` comments. This module reproduces its results,
//! its error messages and its error positions, so that `:header: >` keeps the
//! final newline exactly where Sphinx keeps it.

use std::fmt;

/// The quoting or block style a value was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A plain (unquoted) scalar.
    Plain,
    /// `'single quoted'`.
    Single,
    /// `"double quoted"`.
    Double,
    /// A literal block scalar, `|`.
    Literal,
    /// A folded block scalar, `>`.
    Folded,
}

impl Style {
    /// The style's marker as the conformance vectors spell it (`None` for plain).
    pub fn marker(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Single => Some("'"),
            Style::Double => Some("\""),
            Style::Literal => Some("|"),
            Style::Folded => Some(">"),
        }
    }
}

/// One `key: value` pair of an option block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOption {
    /// The key, unquoted.
    pub key: String,
    /// The value; `None` for a key with no value that is followed by another key.
    pub value: Option<String>,
    /// How the value was written.
    pub style: Style,
    /// 0-based line of the key inside the option block.
    pub line: usize,
}

/// A position inside the option block (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// 0-based line.
    pub line: usize,
    /// 0-based column (characters).
    pub column: usize,
}

/// Why an option block could not be tokenized. One bad line discards the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenizeError {
    /// What went wrong, in MyST's words.
    pub problem: String,
    /// Where.
    pub mark: Mark,
    /// What was being scanned, and where it started.
    pub context: Option<(String, Mark)>,
}

impl fmt::Display for TokenizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((reader, mark)) = &self.context {
            writeln!(f, "{reader}")?;
            if *mark != self.mark {
                writeln!(f, "at line {}, column {}", mark.line, mark.column)?;
            }
        }
        write!(
            f,
            "{}\nat line {}, column {}",
            self.problem, self.mark.line, self.mark.column
        )
    }
}

/// The result of tokenizing an option block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokenized {
    /// The options in source order.
    pub options: Vec<RawOption>,
    /// 0-based lines that carry `#` comments.
    pub comment_lines: Vec<usize>,
}

/// Tokenizes an option block (the YAML text, with any `:` prefixes removed).
pub fn tokenize(text: &str) -> Result<Tokenized, TokenizeError> {
    let mut s = Stream::new(text);
    let mut out = Tokenized::default();
    let mut pending: Option<(String, usize)> = None;
    loop {
        s.skip_to_next_token(&mut out.comment_lines);
        if s.peek(0) == END {
            break;
        }
        if s.column != 0 {
            return Err(s.error("expected key to start at column 0"));
        }
        let key_line = s.line;
        let key = match s.peek(0) {
            q @ ('\'' | '"') => s.flow_scalar(q)?,
            _ => s.plain_scalar(true, &mut out.comment_lines),
        };
        if let Some((k, line)) = pending.take() {
            out.options.push(RawOption {
                key: k,
                value: None,
                style: Style::Plain,
                line,
            });
        }
        s.skip_to_next_token(&mut out.comment_lines);
        if s.peek(0) != ':' {
            return Err(s.error("expected ':' after key"));
        }
        s.forward(1);
        s.skip_to_next_token(&mut out.comment_lines);
        let ch = s.peek(0);
        let value = if s.column == 0 {
            None
        } else if ch == '|' || ch == '>' {
            Some((
                s.block_scalar(ch == '>', &mut out.comment_lines)?,
                if ch == '>' {
                    Style::Folded
                } else {
                    Style::Literal
                },
            ))
        } else if ch == '\'' || ch == '"' {
            Some((
                s.flow_scalar(ch)?,
                if ch == '"' {
                    Style::Double
                } else {
                    Style::Single
                },
            ))
        } else {
            Some((s.plain_scalar(false, &mut out.comment_lines), Style::Plain))
        };
        match value {
            Some((v, style)) => out.options.push(RawOption {
                key,
                value: Some(v),
                style,
                line: key_line,
            }),
            None => pending = Some((key, key_line)),
        }
    }
    if let Some((k, line)) = pending {
        out.options.push(RawOption {
            key: k,
            value: None,
            style: Style::Plain,
            line,
        });
    }
    Ok(out)
}

const END: char = '\0';

fn is_newline(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}
fn is_end_newline(c: char) -> bool {
    c == END || is_newline(c)
}
fn is_end_space_tab_newline(c: char) -> bool {
    c == ' ' || c == '\t' || is_end_newline(c)
}

struct Stream {
    chars: Vec<char>,
    index: usize,
    line: usize,
    column: usize,
}

impl Stream {
    fn new(text: &str) -> Self {
        let mut chars: Vec<char> = text.chars().collect();
        chars.push(END);
        Stream {
            chars,
            index: 0,
            line: 0,
            column: 0,
        }
    }

    fn peek(&self, k: usize) -> char {
        self.chars.get(self.index + k).copied().unwrap_or(END)
    }

    fn prefix(&self, len: usize) -> String {
        self.chars[self.index..(self.index + len).min(self.chars.len())]
            .iter()
            .collect()
    }

    fn forward(&mut self, mut len: usize) {
        while len > 0 && self.index < self.chars.len() {
            let ch = self.chars[self.index];
            self.index += 1;
            if matches!(ch, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
                || (ch == '\r' && self.peek(0) != '\n')
            {
                self.line += 1;
                self.column = 0;
            } else if ch != '\u{feff}' {
                self.column += 1;
            }
            len -= 1;
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            line: self.line,
            column: self.column,
        }
    }

    fn error(&self, problem: &str) -> TokenizeError {
        TokenizeError {
            problem: problem.to_string(),
            mark: self.mark(),
            context: None,
        }
    }

    fn error_in(&self, problem: String, context: &str, start: Mark) -> TokenizeError {
        TokenizeError {
            problem,
            mark: self.mark(),
            context: Some((context.to_string(), start)),
        }
    }

    fn record_comment(&self, comments: &mut Vec<usize>) {
        if comments.last() != Some(&self.line) {
            comments.push(self.line);
        }
    }

    fn skip_to_next_token(&mut self, comments: &mut Vec<usize>) {
        if self.index == 0 && self.peek(0) == '\u{feff}' {
            self.forward(1);
        }
        loop {
            while self.peek(0) == ' ' {
                self.forward(1);
            }
            if self.peek(0) == '#' {
                self.record_comment(comments);
                while !is_end_newline(self.peek(0)) {
                    self.forward(1);
                }
            }
            if self.line_break().is_empty() {
                break;
            }
        }
    }

    fn line_break(&mut self) -> String {
        let ch = self.peek(0);
        if matches!(ch, '\r' | '\n' | '\u{85}') {
            if ch == '\r' && self.peek(1) == '\n' {
                self.forward(2);
            } else {
                self.forward(1);
            }
            "\n".to_string()
        } else if matches!(ch, '\u{2028}' | '\u{2029}') {
            self.forward(1);
            ch.to_string()
        } else {
            String::new()
        }
    }

    fn plain_scalar(&mut self, is_key: bool, comments: &mut Vec<usize>) -> String {
        let mut chunks = String::new();
        let indent = usize::from(!is_key);
        let mut spaces = String::new();
        loop {
            if self.peek(0) == '#' {
                self.record_comment(comments);
                break;
            }
            let mut len = 0;
            loop {
                let ch = self.peek(len);
                if is_end_space_tab_newline(ch)
                    || (is_key && ch == ':' && is_end_space_tab_newline(self.peek(len + 1)))
                {
                    break;
                }
                len += 1;
            }
            if len == 0 {
                break;
            }
            chunks.push_str(&spaces);
            chunks.push_str(&self.prefix(len));
            self.forward(len);
            spaces = self.plain_spaces(!is_key);
            if spaces.is_empty() || self.peek(0) == '#' || self.column < indent {
                if self.peek(0) == '#' {
                    self.record_comment(comments);
                }
                break;
            }
        }
        chunks
    }

    fn plain_spaces(&mut self, allow_newline: bool) -> String {
        let mut len = 0;
        while self.peek(len) == ' ' {
            len += 1;
        }
        let whitespace = self.prefix(len);
        self.forward(len);
        let mut chunks = String::new();
        if allow_newline && is_newline(self.peek(0)) {
            let line_break = self.line_break();
            let mut breaks = Vec::new();
            while self.peek(0) == ' ' || is_newline(self.peek(0)) {
                if self.peek(0) == ' ' {
                    self.forward(1);
                } else {
                    breaks.push(self.line_break());
                }
            }
            if line_break != "\n" {
                chunks.push_str(&line_break);
            } else if breaks.is_empty() {
                chunks.push(' ');
            }
            chunks.extend(breaks);
        } else {
            chunks.push_str(&whitespace);
        }
        chunks
    }

    fn flow_scalar(&mut self, quote: char) -> Result<String, TokenizeError> {
        let double = quote == '"';
        let start = self.mark();
        let mut chunks = String::new();
        self.forward(1);
        self.flow_non_spaces(double, start, &mut chunks)?;
        while self.peek(0) != quote {
            self.flow_spaces(start, &mut chunks)?;
            self.flow_non_spaces(double, start, &mut chunks)?;
        }
        self.forward(1);
        Ok(chunks)
    }

    fn flow_non_spaces(
        &mut self,
        double: bool,
        start: Mark,
        chunks: &mut String,
    ) -> Result<(), TokenizeError> {
        loop {
            let mut len = 0;
            while !matches!(self.peek(len), '\'' | '"' | '\\')
                && !is_end_space_tab_newline(self.peek(len))
            {
                len += 1;
            }
            if len > 0 {
                chunks.push_str(&self.prefix(len));
                self.forward(len);
            }
            let ch = self.peek(0);
            if !double && ch == '\'' && self.peek(1) == '\'' {
                chunks.push('\'');
                self.forward(2);
            } else if (double && ch == '\'') || (!double && (ch == '"' || ch == '\\')) {
                chunks.push(ch);
                self.forward(1);
            } else if double && ch == '\\' {
                self.forward(1);
                let ch = self.peek(0);
                if let Some(rep) = escape_replacement(ch) {
                    chunks.push(rep);
                    self.forward(1);
                } else if let Some(n) = escape_code_len(ch) {
                    self.forward(1);
                    for k in 0..n {
                        if !self.peek(k).is_ascii_hexdigit() {
                            return Err(self.error_in(
                                format!(
                                    "expected escape sequence of {n} hexadecimal numbers, but found {}",
                                    py_repr_char(self.peek(k))
                                ),
                                "while scanning a double-quoted scalar",
                                start,
                            ));
                        }
                    }
                    let code = u32::from_str_radix(&self.prefix(n), 16).unwrap_or(0xFFFD);
                    chunks.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    self.forward(n);
                } else if is_newline(ch) {
                    self.line_break();
                    chunks.push_str(&self.flow_breaks());
                } else {
                    return Err(self.error_in(
                        format!("found unknown escape character {}", py_repr_char(ch)),
                        "while scanning a double-quoted scalar",
                        start,
                    ));
                }
            } else {
                return Ok(());
            }
        }
    }

    fn flow_spaces(&mut self, start: Mark, chunks: &mut String) -> Result<(), TokenizeError> {
        let mut len = 0;
        while matches!(self.peek(len), ' ' | '\t') {
            len += 1;
        }
        let whitespace = self.prefix(len);
        self.forward(len);
        let ch = self.peek(0);
        if ch == END {
            return Err(self.error_in(
                "found unexpected end of stream".into(),
                "while scanning a quoted scalar",
                start,
            ));
        } else if is_newline(ch) {
            let line_break = self.line_break();
            let breaks = self.flow_breaks();
            if line_break != "\n" {
                chunks.push_str(&line_break);
            } else if breaks.is_empty() {
                chunks.push(' ');
            }
            chunks.push_str(&breaks);
        } else {
            chunks.push_str(&whitespace);
        }
        Ok(())
    }

    fn flow_breaks(&mut self) -> String {
        let mut chunks = String::new();
        loop {
            while matches!(self.peek(0), ' ' | '\t') {
                self.forward(1);
            }
            if is_newline(self.peek(0)) {
                chunks.push_str(&self.line_break());
            } else {
                return chunks;
            }
        }
    }

    fn block_scalar(
        &mut self,
        folded: bool,
        comments: &mut Vec<usize>,
    ) -> Result<String, TokenizeError> {
        let start = self.mark();
        self.forward(1);
        let (chomping, increment) = self.block_indicators(start)?;
        // The rest of the header line: spaces and an optional comment.
        while self.peek(0) == ' ' {
            self.forward(1);
        }
        if self.peek(0) == '#' {
            self.record_comment(comments);
            while !is_end_newline(self.peek(0)) {
                self.forward(1);
            }
        }
        let ch = self.peek(0);
        if !is_end_newline(ch) {
            return Err(self.error_in(
                format!(
                    "expected a comment or a line break, but found {}",
                    py_repr_char(ch)
                ),
                "while scanning a block scalar",
                start,
            ));
        }
        self.line_break();

        let min_indent = 1;
        let (mut breaks, indent) = match increment {
            None => {
                let (breaks, max_indent) = self.block_indentation();
                (breaks, max_indent.max(min_indent))
            }
            Some(inc) => {
                let indent = min_indent + inc - 1;
                (self.block_breaks(indent), indent)
            }
        };
        let mut chunks = String::new();
        let mut line_break = String::new();
        while self.column == indent && self.peek(0) != END {
            chunks.push_str(&breaks);
            let leading_non_space = !matches!(self.peek(0), ' ' | '\t');
            let mut len = 0;
            while !is_end_newline(self.peek(len)) {
                len += 1;
            }
            chunks.push_str(&self.prefix(len));
            self.forward(len);
            line_break = self.line_break();
            breaks = self.block_breaks(indent);
            if self.column == indent && self.peek(0) != END {
                if folded
                    && line_break == "\n"
                    && leading_non_space
                    && !matches!(self.peek(0), ' ' | '\t')
                {
                    if breaks.is_empty() {
                        chunks.push(' ');
                    }
                } else {
                    chunks.push_str(&line_break);
                }
            } else {
                break;
            }
        }
        if chomping != Some(false) {
            chunks.push_str(&line_break);
        }
        if chomping == Some(true) {
            chunks.push_str(&breaks);
        }
        Ok(chunks)
    }

    fn block_indicators(
        &mut self,
        start: Mark,
    ) -> Result<(Option<bool>, Option<usize>), TokenizeError> {
        let mut chomping = None;
        let mut increment = None;
        let zero = "expected indentation indicator in the range 1-9, but found 0";
        let reader = "while scanning a block scalar";
        let ch = self.peek(0);
        if ch == '+' || ch == '-' {
            chomping = Some(ch == '+');
            self.forward(1);
            if let Some(d) = self.peek(0).to_digit(10) {
                if d == 0 {
                    return Err(self.error_in(zero.into(), reader, start));
                }
                increment = Some(d as usize);
                self.forward(1);
            }
        } else if let Some(d) = ch.to_digit(10) {
            if d == 0 {
                return Err(self.error_in(zero.into(), reader, start));
            }
            increment = Some(d as usize);
            self.forward(1);
            let ch = self.peek(0);
            if ch == '+' || ch == '-' {
                chomping = Some(ch == '+');
                self.forward(1);
            }
        }
        let ch = self.peek(0);
        if !(ch == ' ' || is_end_newline(ch)) {
            return Err(self.error_in(
                format!(
                    "expected chomping or indentation indicators, but found {}",
                    py_repr_char(ch)
                ),
                reader,
                start,
            ));
        }
        Ok((chomping, increment))
    }

    fn block_indentation(&mut self) -> (String, usize) {
        let mut chunks = String::new();
        let mut max_indent = 0;
        while self.peek(0) == ' ' || is_newline(self.peek(0)) {
            if self.peek(0) != ' ' {
                chunks.push_str(&self.line_break());
            } else {
                self.forward(1);
                max_indent = max_indent.max(self.column);
            }
        }
        (chunks, max_indent)
    }

    fn block_breaks(&mut self, indent: usize) -> String {
        let mut chunks = String::new();
        while self.column < indent && self.peek(0) == ' ' {
            self.forward(1);
        }
        while is_newline(self.peek(0)) {
            chunks.push_str(&self.line_break());
            while self.column < indent && self.peek(0) == ' ' {
                self.forward(1);
            }
        }
        chunks
    }
}

fn escape_replacement(c: char) -> Option<char> {
    Some(match c {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\x0b',
        'f' => '\x0c',
        'r' => '\r',
        'e' => '\x1b',
        ' ' => ' ',
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        _ => return None,
    })
}

fn escape_code_len(c: char) -> Option<usize> {
    match c {
        'x' => Some(2),
        'u' => Some(4),
        'U' => Some(8),
        _ => None,
    }
}

/// Python's `repr()` of a one-character string, as MyST puts it in messages.
fn py_repr_char(c: char) -> String {
    match c {
        '\0' => "'\\x00'".into(),
        '\n' => "'\\n'".into(),
        '\t' => "'\\t'".into(),
        '\r' => "'\\r'".into(),
        '\'' => "\"'\"".into(),
        '\\' => "'\\\\'".into(),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests;
