//! The first pass over a source file: which language it is, its comments
//! and string literals blanked out (byte offsets and lines kept), and its
//! tokens. Works on bytes: any input, UTF-8 or not, gives tokens and never
//! a panic; identifiers and numbers are ASCII.

use std::path::Path;

/// The languages drift reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// C and C++ (`.c .h .cc .cpp .cxx .hpp .hh .hxx`).
    C,
    /// C# (`.cs`).
    CSharp,
    /// Go (`.go`).
    Go,
    /// Java (`.java`).
    Java,
    /// Kotlin (`.kt .kts`).
    Kotlin,
    /// Protocol buffers (`.proto`).
    Proto,
    /// Python (`.py .pyi`).
    Python,
    /// Rust (`.rs`).
    Rust,
    /// TypeScript and JavaScript (`.ts .tsx .mts .cts .js .jsx .mjs .cjs`).
    TypeScript,
}

impl Lang {
    /// The language of a file, by its extension.
    pub fn of(path: &Path) -> Option<Lang> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "c" | "h" | "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => Lang::C,
            "cs" => Lang::CSharp,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "kt" | "kts" => Lang::Kotlin,
            "proto" => Lang::Proto,
            "py" | "pyi" => Lang::Python,
            "rs" => Lang::Rust,
            "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" => Lang::TypeScript,
            _ => return None,
        })
    }

    /// The name used in the summary.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::C => "C/C++",
            Lang::CSharp => "C#",
            Lang::Go => "Go",
            Lang::Java => "Java",
            Lang::Kotlin => "Kotlin",
            Lang::Proto => "protobuf",
            Lang::Python => "Python",
            Lang::Rust => "Rust",
            Lang::TypeScript => "TypeScript",
        }
    }

    /// A literal with a leading zero (`0640`) is octal.
    pub fn leading_zero_is_octal(self) -> bool {
        !matches!(self, Lang::Rust | Lang::CSharp | Lang::Kotlin)
    }

    /// An enum member without a value is the one before it plus one.
    pub fn counts_enum_members(self) -> bool {
        matches!(self, Lang::C | Lang::CSharp | Lang::Rust | Lang::TypeScript)
    }

    /// Enum constants take constructor arguments: `NAME(1001, "…")`.
    pub fn enum_arguments(self) -> bool {
        matches!(self, Lang::Java | Lang::Kotlin)
    }

    /// What the language does with two names for one value in one enum.
    pub fn alias_note(self) -> &'static str {
        match self {
            Lang::Python => "Python makes the second name an alias of the first",
            Lang::Proto => "protoc refuses it unless the enum sets `option allow_alias = true`",
            Lang::Rust => "rustc refuses two variants with one discriminant",
            Lang::Java | Lang::Kotlin => "both constants carry the same number",
            _ => "both names compare equal",
        }
    }
}

/// Comments and string literals replaced by spaces, newlines kept: every
/// byte offset and line of `text` is where it was.
pub fn blank(text: &[u8], lang: Lang) -> Vec<u8> {
    let mut out = text.to_vec();
    let n = text.len();
    let mut i = 0;
    let at = |i: usize, s: &[u8]| text.get(i..i + s.len()) == Some(s);
    let wipe = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to.min(n)] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    while i < n {
        let b = text[i];
        let end = if lang == Lang::Python {
            match b {
                b'#' => Some(line_end(text, i)),
                b'"' | b'\'' if at(i, &[b, b, b]) => Some(find(text, i + 3, &[b, b, b], true)),
                b'"' | b'\'' => Some(quoted(text, i, b)),
                _ => None,
            }
        } else {
            match b {
                b'/' if at(i, b"//") => Some(line_end(text, i)),
                b'/' if at(i, b"/*") => Some(find(text, i + 2, b"*/", true)),
                b'"' if lang == Lang::Rust && i > 0 && text[i - 1] == b'r' => {
                    Some(find(text, i + 1, b"\"", true))
                }
                b'#' if lang == Lang::Rust && at(i, b"#\"") && i > 0 && text[i - 1] == b'r' => {
                    Some(find(text, i + 2, b"\"#", true))
                }
                b'"' if matches!(lang, Lang::Java | Lang::Kotlin) && at(i, b"\"\"\"") => {
                    Some(find(text, i + 3, b"\"\"\"", false))
                }
                b'"' => Some(quoted(text, i, b'"')),
                b'`' if matches!(lang, Lang::Go | Lang::TypeScript | Lang::Kotlin) => {
                    Some(find(text, i + 1, b"`", true))
                }
                b'\'' if lang == Lang::TypeScript => Some(quoted(text, i, b'\'')),
                // `1'000` is a C++ digit separator.
                b'\'' if i > 0 && text[i - 1].is_ascii_alphanumeric() => None,
                b'\'' => char_literal(text, i),
                _ => None,
            }
        };
        match end {
            Some(e) => {
                wipe(&mut out, i, e);
                i = e.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A char literal at `from` (`'a'`, `'\\n'`, `'é'`), or `None` (a Rust
/// lifetime, `'a`).
fn char_literal(text: &[u8], from: usize) -> Option<usize> {
    let rest = text.get(from + 1..)?;
    let len = if rest.first() == Some(&b'\\') {
        2 + rest.iter().skip(2).take(10).position(|&b| b == b'\'')?
    } else {
        let first = *rest.first()?;
        // The bytes of one UTF-8 character.
        match first {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        }
    };
    (rest.get(len) == Some(&b'\'') && rest[..len].iter().all(|&b| b != b'\n'))
        .then_some(from + len + 2)
}

fn line_end(text: &[u8], from: usize) -> usize {
    text[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |p| from + p)
}

/// The end (exclusive) of `pat` searched from `from`, or of the text.
fn find(text: &[u8], from: usize, pat: &[u8], escapes: bool) -> usize {
    let mut i = from;
    while i < text.len() {
        if escapes && text[i] == b'\\' && pat != b"*/" {
            i += 2;
            continue;
        }
        if text[i..].starts_with(pat) {
            return i + pat.len();
        }
        i += 1;
    }
    text.len()
}

/// The end (exclusive) of a one-line quoted literal starting at `from`.
fn quoted(text: &[u8], from: usize, q: u8) -> usize {
    let mut i = from + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b if b == q => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `[A-Za-z_$][A-Za-z0-9_$]*`.
    Ident,
    /// Starts with a digit: `1001`, `0x3E9`, `1_001u32`, `1.5`.
    Number,
    /// One byte of punctuation.
    Punct(u8),
    /// The end of a line.
    Newline,
}

/// A token of blanked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: Kind,
    /// Its text (ASCII).
    pub text: &'a str,
    /// Byte offset of its start.
    pub start: usize,
}

impl Token<'_> {
    /// Whether this is the identifier `s`.
    pub fn is(&self, s: &str) -> bool {
        self.kind == Kind::Ident && self.text == s
    }

    /// Whether this is the punctuation `c`.
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// The byte after it.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The tokens of blanked text (bytes that are not ASCII are skipped).
pub fn tokens(text: &[u8]) -> Vec<Token<'_>> {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut out = Vec::new();
    let mut i = 0;
    let ascii = |from: usize, to: usize| std::str::from_utf8(&text[from..to]).unwrap_or("");
    while i < text.len() {
        let b = text[i];
        let start = i;
        let kind = if b == b'\n' {
            i += 1;
            Kind::Newline
        } else if b.is_ascii_digit() {
            while i < text.len() && (ident(text[i]) || text[i] == b'.' || text[i] == b'\'') {
                i += 1;
            }
            Kind::Number
        } else if ident(b) {
            while i < text.len() && ident(text[i]) {
                i += 1;
            }
            Kind::Ident
        } else if b.is_ascii_punctuation() {
            i += 1;
            Kind::Punct(b)
        } else {
            i += 1;
            continue;
        };
        out.push(Token {
            kind,
            text: ascii(start, i),
            start,
        });
    }
    out
}

/// The value of an integer literal: decimal, `0x`, `0o`, `0b`, a leading
/// zero as octal where the language says so, `_` and `'` separators, type
/// suffixes (`u`, `L`, `ull`, `u32`). Floats and anything else: `None`.
pub fn integer(lit: &str, lang: Lang) -> Option<u64> {
    let s: String = lit.chars().filter(|&c| c != '_' && c != '\'').collect();
    let lower = s.to_ascii_lowercase();
    let (radix, digits) = if let Some(h) = lower.strip_prefix("0x") {
        (16, h)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (8, o)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b)
    } else {
        (10, lower.as_str())
    };
    let digits = strip_suffix(digits, radix);
    if digits.is_empty() {
        return None;
    }
    let radix = if radix == 10 && digits.len() > 1 && digits.starts_with('0') {
        if lang.leading_zero_is_octal() { 8 } else { 10 }
    } else {
        radix
    };
    u64::from_str_radix(digits, radix).ok()
}

fn strip_suffix(digits: &str, radix: u32) -> &str {
    for suffix in [
        "u128", "i128", "usize", "isize", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
    ] {
        if let Some(d) = digits.strip_suffix(suffix) {
            return d;
        }
    }
    let keep = |c: char| c.is_digit(radix);
    digits.trim_end_matches(|c: char| !keep(c) && matches!(c, 'u' | 'l' | 'n' | 'z'))
}
