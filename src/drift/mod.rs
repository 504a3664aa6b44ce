//! Drift between the catalog and the code that raises the errors
//! (`check --sources`).
//!
//! - [`lex`]: a file's language, its comments and strings blanked, tokens,
//!   integer literals (hex, octal, `0640`, separators, suffixes).
//! - [`read`]: constants in their context — enum members (counted where
//!   the language counts them), constants of classes, structs, namespaces,
//!   objects and Go types, `#define`, Go `iota` blocks; Python by
//!   indentation. Never assignments in function bodies or to fields.
//! - [`names`]: which names mark error codes, and names without their dress.
//! - this module: one file's [`Definition`]s, chosen from what was read: by
//!   default only constants of containers whose name marks error codes
//!   (`ErrorCode`, `Errors`, `Status`, Go's `Code` type) or of which at least
//!   half the values (and two or more) are catalog codes, and constants whose
//!   own name marks one (`ERR_…`, `…ErrCode`); with `enums = […]`, only those
//!   containers; plus `[drift] patterns`.
//! - [`scope`]: source sets and scopes, from `[[drift.scope]]` or from the
//!   `--sources` paths (each tied to the catalog groups it defines at least
//!   half the codes of).
//! - [`compare`]: the rules, one diagnostic per code.
//! - [`summary`]: what was read, per scope, set, file and enum.

pub mod compare;
pub mod lex;
pub mod names;
pub mod read;
pub mod scope;
pub mod summary;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::diag::DiagSpan;
pub use compare::check;
pub use lex::Lang;
pub use read::ContainerKind;
pub use scope::{Run, Scope, SourceSet, run};

/// One error-code definition found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The code, in decimal (`0x3E9` reads `1001`).
    pub code: String,
    /// The identifier, whole.
    pub name: String,
    /// Where.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the name (Unicode scalar values).
    pub column: usize,
    /// The file's language.
    pub lang: Lang,
    /// The enum, class, namespace, object or Go type it belongs to.
    pub container: Option<Container>,
}

impl Definition {
    /// The span of its name.
    pub fn span(&self) -> DiagSpan {
        DiagSpan::at(
            &self.file,
            self.line,
            self.column,
            self.name.chars().count(),
        )
    }

    /// The container's name, if it has one.
    pub fn container_name(&self) -> Option<&str> {
        self.container.as_ref().and_then(|c| c.name.as_deref())
    }
}

/// A definition's container, where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Container {
    /// Its name.
    pub name: Option<String>,
    /// 1-based line of its name.
    pub line: usize,
    /// 1-based column of its name.
    pub column: usize,
    /// An enum (not a class of constants or a Go type).
    pub is_enum: bool,
    /// Two names for one value are allowed on purpose (protobuf `allow_alias`).
    pub aliases_allowed: bool,
}

/// One file as scanned.
#[derive(Debug, Clone)]
pub struct FileScan {
    /// The path, as shown.
    pub path: PathBuf,
    /// Its definitions, in file order.
    pub definitions: Vec<Definition>,
    /// Why it was not read (not UTF-8, unreadable).
    pub skipped: Option<String>,
}

/// How definitions are chosen.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Fewest digits a code must have (after its literal is read).
    pub min_digits: usize,
    /// `[drift] patterns`.
    pub patterns: &'a [Regex],
    /// The catalog's codes, in decimal where they are numbers.
    pub known: &'a BTreeSet<String>,
}

/// A catalog code as drift compares it: digits without leading zeros.
pub fn code_key(code: &str) -> String {
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
        let t = code.trim_start_matches('0');
        if t.is_empty() { "0" } else { t }.to_string()
    } else {
        code.to_string()
    }
}

/// The definitions of one file (`enums`: only these containers or types).
pub fn scan_file(path: &Path, bytes: &[u8], enums: &[String], opts: &Options<'_>) -> FileScan {
    let mut out = FileScan {
        path: path.to_path_buf(),
        definitions: Vec::new(),
        skipped: None,
    };
    let Some(lang) = Lang::of(path) else {
        return out;
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.skipped = Some(format!("not UTF-8 (byte {})", e.valid_up_to()));
            return out;
        }
    };
    let lines = LineIndex::new(text);
    let read = read::read(bytes, lang);
    let containers: Vec<Container> = read
        .containers
        .iter()
        .map(|c| {
            let (line, column) = lines.line_col(text, c.start);
            Container {
                name: c.name.clone(),
                line,
                column,
                is_enum: c.kind == ContainerKind::Enum,
                aliases_allowed: c.aliases_allowed,
            }
        })
        .collect();
    let digits_ok = |v: u64| v.to_string().len() >= opts.min_digits;
    // Per container: (candidates, of which catalog codes).
    let mut counts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for f in read.found.iter().filter(|f| digits_ok(f.value)) {
        if let Some(c) = f.container {
            let e = counts.entry(c).or_default();
            e.0 += 1;
            e.1 += usize::from(opts.known.contains(&f.value.to_string()));
        }
    }
    let mostly_codes = |c: usize| counts.get(&c).is_some_and(|&(n, k)| k >= 2 && 2 * k >= n);
    let listed = |s: Option<&str>| s.is_some_and(|s| enums.iter().any(|e| e == s));
    for f in read.found.iter().filter(|f| digits_ok(f.value)) {
        let cname = f.container.and_then(|c| read.containers[c].name.as_deref());
        let keep = if enums.is_empty() {
            cname.is_some_and(names::is_error_container)
                || f.ty.as_deref().is_some_and(names::is_error_container)
                || names::is_error_name(&f.name)
                || f.container.is_some_and(mostly_codes)
        } else {
            listed(cname) || listed(f.ty.as_deref())
        };
        if keep {
            let (line, column) = lines.line_col(text, f.start);
            out.definitions.push(Definition {
                code: f.value.to_string(),
                name: f.name.clone(),
                file: path.to_path_buf(),
                line,
                column,
                lang,
                container: f.container.map(|c| containers[c].clone()),
            });
        }
    }
    patterns(text, lang, path, opts.patterns, &mut out.definitions);
    out
}

/// Definitions by `[drift] patterns` (regexes with `name` and `code`
/// groups), on lines where the reader found none.
fn patterns(text: &str, lang: Lang, path: &Path, res: &[Regex], defs: &mut Vec<Definition>) {
    if res.is_empty() {
        return;
    }
    let read_lines: BTreeSet<usize> = defs.iter().map(|d| d.line).collect();
    for (ln, line) in text.lines().enumerate() {
        if read_lines.contains(&(ln + 1)) {
            continue;
        }
        for re in res {
            let Some(c) = re.captures(line) else { continue };
            let (Some(name), Some(code)) = (c.name("name"), c.name("code")) else {
                continue;
            };
            let Some(value) = lex::integer(code.as_str(), lang) else {
                continue;
            };
            defs.push(Definition {
                code: value.to_string(),
                name: name.as_str().to_string(),
                file: path.to_path_buf(),
                line: ln + 1,
                column: line[..name.start()].chars().count() + 1,
                lang,
                container: None,
            });
            break;
        }
    }
    defs.sort_by_key(|d| (d.line, d.column));
}

/// Byte offset → 1-based line and column.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex(starts)
    }

    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.0.get(line).copied().unwrap_or(0);
        let col = text.get(start..offset).map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests;
