//! `errdocs codegen`: a constants module per language, one constant per
//! code, named from the code's name/message column in that language's
//! convention, with the description as its doc comment and lookups from a
//! code to its doc URL and message. The output is laid out the way each
//! language's standard formatter lays it out (rustfmt, gofmt, black,
//! clang-format, prettier), so formatting it changes nothing.

use std::collections::HashMap;
use std::fmt::Write;

use anyhow::{Result, bail};
use clap::ValueEnum;

use crate::catalog::{Catalog, Lifecycle, Status};
use crate::config::Config;
use crate::text::{collapse, words};
use crate::urls;

/// The languages errdocs writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// A `#[repr(u32)]` enum with `from_code`, `message`, `doc_url`.
    Rust,
    /// A `Code` type with constants and `Message`, `DocURL`, `Lookup`.
    Go,
    /// An `IntEnum` with `message` and `doc_url` properties.
    Python,
    /// An enum with `code()`, `message()`, `docUrl()`, `fromCode()`.
    Java,
    /// A header: an enum and `errdocs_message`, `errdocs_doc_url`.
    C,
    /// An enum with `message` and `docUrl` functions.
    Typescript,
}

struct Item {
    words: Vec<String>,
    code: u64,
    message: String,
    doc: String,
    url: String,
    place: String,
    /// For a deprecated code: the deprecation note ("Deprecated in 2.3. Use
    /// code 5004 instead. …").
    deprecated: Option<String>,
    /// The same as a Go/C paragraph ("Deprecated: use code 5004 instead
    /// (since 2.3). …").
    deprecated_paragraph: Option<String>,
    /// A removed code: no constant, but its URL stays resolvable.
    removed: bool,
}

/// Generates the module for `lang`. Removed codes get no constant but stay
/// resolvable by number to their page (`doc_url_of`); deprecated ones are
/// marked the language's way.
pub fn generate(cat: &Catalog, config: &Config, lang: Lang) -> Result<String> {
    let all = items(cat, config)?;
    let (items, removed): (Vec<Item>, Vec<Item>) = all.into_iter().partition(|i| !i.removed);
    let names: Vec<String> = items.iter().map(|i| name(lang, &i.words)).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, n) in names.iter().enumerate() {
        if !is_identifier(n) || is_keyword(lang, n) {
            bail!(
                "{}: code {}: {n:?} is not a legal {lang:?} identifier (derived from {:?})",
                items[k].place,
                items[k].code,
                items[k].message
            );
        }
        if let Some(&first) = seen.get(n.as_str()) {
            bail!(
                "{}: code {} and {}: code {} both become {n} in {lang:?}; make their names differ",
                items[first].place,
                items[first].code,
                items[k].place,
                items[k].code
            );
        }
        seen.insert(n, k);
    }
    let mut urls: Vec<(u64, &str)> = items
        .iter()
        .chain(&removed)
        .map(|i| (i.code, i.url.as_str()))
        .collect();
    urls.sort();
    let max = urls.last().map_or(0, |u| u.0);
    let g = Gen {
        items: &items,
        names: &names,
        urls: &urls,
    };
    Ok(match lang {
        Lang::Rust => rust(&g, max),
        Lang::Go => go(&g),
        Lang::Python => python(&g),
        Lang::Java => java(&g),
        Lang::C => c(&g),
        Lang::Typescript => typescript(&g),
    })
}

/// What every language's module is made of.
struct Gen<'a> {
    /// The codes in use (deprecated ones included), in catalog order.
    items: &'a [Item],
    /// Their constant names.
    names: &'a [String],
    /// Every code's URL, removed codes included, by code.
    urls: &'a [(u64, &'a str)],
}

impl Gen<'_> {
    fn each(&self) -> impl Iterator<Item = (&Item, &String)> {
        self.items.iter().zip(self.names)
    }
}

/// The reason of a lifecycle as a sentence (capitalised, with a full stop).
fn reason_sentence(l: &Lifecycle) -> Option<String> {
    let reason = collapse(l.reason.as_deref()?);
    let mut chars = reason.chars();
    let first = chars.next()?;
    let mut s: String = first.to_uppercase().collect();
    s.push_str(chars.as_str());
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    Some(s)
}

/// A deprecation as Go's and C's `Deprecated:` paragraph.
fn deprecation_paragraph(l: &Lifecycle) -> String {
    let mut s = match &l.replaced_by {
        Some(r) => format!("Deprecated: use code {r} instead"),
        None => "Deprecated: do not use it in new code".to_string(),
    };
    if let Some(v) = &l.since {
        s.push_str(&format!(" (since {v})"));
    }
    s.push('.');
    if let Some(r) = reason_sentence(l) {
        s.push(' ');
        s.push_str(&r);
    }
    s
}

/// The deprecation note of a deprecated code.
fn deprecation_note(l: &Lifecycle) -> String {
    let mut note = String::from("Deprecated");
    if let Some(v) = &l.since {
        note.push_str(&format!(" in {v}"));
    }
    note.push('.');
    if let Some(r) = &l.replaced_by {
        note.push_str(&format!(" Use code {r} instead."));
    }
    if let Some(r) = reason_sentence(l) {
        note.push(' ');
        note.push_str(&r);
    }
    note
}

fn items(cat: &Catalog, config: &Config) -> Result<Vec<Item>> {
    let mut out = Vec::new();
    for e in &cat.entries {
        let span = cat.span(e);
        let place = format!("{}:{}", span.file.display(), span.line);
        let Ok(code) = e.code.as_str().parse::<u64>() else {
            bail!(
                "{place}: code {:?} is not a number; codegen writes numeric codes only",
                e.code.as_str()
            );
        };
        let message = cat.message_text(e);
        let words = words(&message);
        if words.is_empty() {
            bail!("{place}: code {code}: no name can be derived from {message:?}");
        }
        let doc = cat
            .description(e)
            .map_or_else(|| message.clone(), |f| collapse(&f.text()));
        out.push(Item {
            words,
            code,
            message,
            doc,
            url: urls::entry_url(cat, config, e, None)?,
            place,
            deprecated: (e.lifecycle.status == Status::Deprecated)
                .then(|| deprecation_note(&e.lifecycle)),
            deprecated_paragraph: (e.lifecycle.status == Status::Deprecated)
                .then(|| deprecation_paragraph(&e.lifecycle)),
            removed: e.lifecycle.is_removed(),
        });
    }
    Ok(out)
}

fn upper_camel(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn upper_snake(words: &[String]) -> String {
    words
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

fn name(lang: Lang, words: &[String]) -> String {
    match lang {
        Lang::Rust | Lang::Go | Lang::Typescript => upper_camel(words),
        Lang::Python | Lang::Java => upper_snake(words),
        Lang::C => format!("ERR_{}", upper_snake(words)),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_keyword(lang: Lang, s: &str) -> bool {
    let kw: &[&str] = match lang {
        Lang::Rust => &["Self"],
        Lang::Go => &[],
        Lang::Python => &["None", "True", "False"],
        Lang::Java => &[],
        Lang::C => &[],
        Lang::Typescript => &[],
    };
    kw.contains(&s)
}

/// A double-quoted string literal (JSON escaping is valid in all six languages).
fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Greedy word wrap of `text` to lines of at most `width` characters after `prefix`.
fn wrap(text: &str, prefix: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        if !cur.is_empty() && prefix.len() + cur.len() + 1 + w.len() > width {
            lines.push(format!("{prefix}{cur}"));
            cur.clear();
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(format!("{prefix}{cur}").trim_end().to_string());
    }
    lines
}

fn rust(g: &Gen<'_>, max: u64) -> String {
    let ty = if max <= u32::MAX as u64 { "u32" } else { "u64" };
    let mut s = String::new();
    s.push_str("//! Error codes of the catalog, generated by `errdocs codegen --lang rust`. Do not edit.\n\n");
    s.push_str("/// An error code documented in the catalog.\n");
    s.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n");
    let _ = writeln!(s, "#[repr({ty})]");
    s.push_str("pub enum ErrorCode {\n");
    for (i, n) in g.each() {
        let _ = writeln!(s, "    /// {}", i.doc);
        if let Some(note) = &i.deprecated {
            let _ = writeln!(s, "    #[deprecated(note = {})]", lit(note));
        }
        let _ = writeln!(s, "    {n} = {},", i.code);
    }
    s.push_str("}\n\n#[allow(deprecated)]\nimpl ErrorCode {\n");
    let _ = writeln!(
        s,
        "    /// The numeric code.\n    pub const fn code(self) -> {ty} {{\n        self as {ty}\n    }}\n"
    );
    let _ = writeln!(
        s,
        "    /// The code for a number, if the catalog documents it (and it is not removed).\n    pub const fn from_code(code: {ty}) -> Option<Self> {{\n        match code {{"
    );
    for (i, n) in g.each() {
        rust_arm(&mut s, 12, &i.code.to_string(), &format!("Some(Self::{n})"));
    }
    s.push_str("            _ => None,\n        }\n    }\n\n");
    for (doc, fname, field) in [
        ("The code's name or message in the catalog.", "message", 0),
        ("The URL of the code's page.", "doc_url", 1),
    ] {
        let _ = writeln!(
            s,
            "    /// {doc}\n    pub const fn {fname}(self) -> &'static str {{\n        match self {{"
        );
        for (i, n) in g.each() {
            let v = if field == 0 { &i.message } else { &i.url };
            rust_arm(&mut s, 12, &format!("Self::{n}"), &lit(v));
        }
        s.push_str("        }\n    }\n");
        if field == 0 {
            s.push('\n');
        }
    }
    s.push_str("}\n\n");
    let _ = writeln!(
        s,
        "/// The URL of a code's page, removed codes included.\npub const fn doc_url_of(code: {ty}) -> Option<&'static str> {{\n    match code {{"
    );
    for (code, url) in g.urls {
        rust_arm(&mut s, 8, &code.to_string(), &format!("Some({})", lit(url)));
    }
    s.push_str("        _ => None,\n    }\n}\n");
    s
}

/// A match arm indented by `indent` as rustfmt writes it: one line if it
/// fits in 100 columns, else the value in a block.
fn rust_arm(s: &mut String, indent: usize, pat: &str, value: &str) {
    let pad = " ".repeat(indent);
    let line = format!("{pad}{pat} => {value},");
    if line.chars().count() <= 100 {
        s.push_str(&line);
        s.push('\n');
    } else {
        let _ = writeln!(s, "{pad}{pat} => {{\n{pad}    {value}\n{pad}}}");
    }
}

fn go(g: &Gen<'_>) -> String {
    let mut s = String::new();
    s.push_str("// Package errorcodes holds the error codes of the catalog, generated by\n// `errdocs codegen --lang go`. Do not edit.\npackage errorcodes\n\n");
    s.push_str("// Code is an error code documented in the catalog.\ntype Code int\n\n");
    s.push_str("// The documented codes.\nconst (\n");
    for (i, n) in g.each() {
        let _ = writeln!(s, "\t// {n}: {}", i.doc);
        if let Some(p) = &i.deprecated_paragraph {
            let _ = writeln!(s, "\t//\n\t// {p}");
        }
        let _ = writeln!(s, "\t{n} Code = {}", i.code);
    }
    s.push_str(")\n\n");
    s.push_str("// Lookup returns the documented code for a number.\nfunc Lookup(n int) (Code, bool) {\n\tswitch n {\n");
    for (i, n) in g.each() {
        let _ = writeln!(s, "\tcase {}:\n\t\treturn {n}, true", i.code);
    }
    s.push_str("\t}\n\treturn 0, false\n}\n");
    for (doc, fname, field) in [
        (
            "Message returns the code's name or message in the catalog.",
            "Message",
            0,
        ),
        ("DocURL returns the URL of the code's page.", "DocURL", 1),
    ] {
        let _ = writeln!(
            s,
            "\n// {doc}\nfunc (c Code) {fname}() string {{\n\tswitch c {{"
        );
        for (i, n) in g.each() {
            let v = if field == 0 { &i.message } else { &i.url };
            let _ = writeln!(s, "\tcase {n}:\n\t\treturn {}", lit(v));
        }
        s.push_str("\t}\n\treturn \"\"\n}\n");
    }
    s.push_str("\n// DocURLOf returns the URL of a code's page, removed codes included.\nfunc DocURLOf(n int) (string, bool) {\n\tswitch n {\n");
    for (code, url) in g.urls {
        let _ = writeln!(s, "\tcase {code}:\n\t\treturn {}, true", lit(url));
    }
    s.push_str("\t}\n\treturn \"\", false\n}\n");
    s
}

fn python(g: &Gen<'_>) -> String {
    let mut s = String::new();
    s.push_str("\"\"\"Error codes of the catalog, generated by `errdocs codegen --lang python`. Do not edit.\"\"\"\n\n");
    s.push_str("from enum import IntEnum\n\n\n");
    s.push_str(
        "class ErrorCode(IntEnum):\n    \"\"\"An error code documented in the catalog.\"\"\"\n\n",
    );
    let py_doc = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    for (i, n) in g.each() {
        let _ = writeln!(s, "    {n} = {}", i.code);
        let doc = py_doc(&i.doc);
        match &i.deprecated {
            // A note in the docstring: two names for one value would be an alias.
            Some(note) => {
                let _ = writeln!(s, "    \"\"\"{doc}\n\n    {}\n    \"\"\"\n", py_doc(note));
            }
            None => {
                let _ = writeln!(s, "    \"\"\"{doc}\"\"\"\n");
            }
        }
    }
    s.push_str("    @property\n    def message(self) -> str:\n        \"\"\"The code's name or message in the catalog.\"\"\"\n        return _MESSAGES[self]\n\n");
    s.push_str("    @property\n    def doc_url(self) -> str:\n        \"\"\"The URL of the code's page.\"\"\"\n        return _DOC_URLS[self]\n");
    for (var, field) in [("_MESSAGES", 0), ("_DOC_URLS", 1)] {
        let _ = write!(s, "\n\n{var} = {{\n");
        for (i, n) in g.each() {
            let v = if field == 0 { &i.message } else { &i.url };
            let line = format!("    ErrorCode.{n}: {},", lit(v));
            if line.chars().count() <= 88 {
                let _ = writeln!(s, "{line}");
            } else {
                let _ = writeln!(s, "    ErrorCode.{n}: (\n        {}\n    ),", lit(v));
            }
        }
        s.push('}');
        s.push('\n');
    }
    s.push_str("_ALL_DOC_URLS = {\n");
    for (code, url) in g.urls {
        let line = format!("    {code}: {},", lit(url));
        if line.chars().count() <= 88 {
            let _ = writeln!(s, "{line}");
        } else {
            let _ = writeln!(s, "    {code}: (\n        {}\n    ),", lit(url));
        }
    }
    s.push_str("}\n\n\ndef doc_url_of(code: int) -> \"str | None\":\n    \"\"\"The URL of a code's page, removed codes included.\"\"\"\n    return _ALL_DOC_URLS.get(code)\n");
    s
}

fn javadoc(text: &str) -> String {
    text.replace("*/", "*&#47;")
        .replace('&', "&amp;")
        .replace("&amp;#47;", "&#47;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('@', "&#64;")
}

fn java(g: &Gen<'_>) -> String {
    let mut s = String::new();
    s.push_str("// Error codes of the catalog, generated by `errdocs codegen --lang java`. Do not edit.\n\n");
    s.push_str("/** An error code documented in the catalog. */\npublic enum ErrorCode {\n");
    for (k, (i, n)) in g.each().enumerate() {
        match &i.deprecated {
            Some(note) => {
                let _ = writeln!(
                    s,
                    "  /**\n   * {}\n   *\n   * @deprecated {}\n   */\n  @Deprecated",
                    javadoc(&i.doc),
                    javadoc(note)
                );
            }
            None => {
                let _ = writeln!(s, "  /** {} */", javadoc(&i.doc));
            }
        }
        let end = if k + 1 == g.items.len() { ";" } else { "," };
        let _ = writeln!(
            s,
            "  {n}({}, {}, {}){end}",
            i.code,
            lit(&i.message),
            lit(&i.url)
        );
    }
    s.push_str(
        "\n  private final int code;\n  private final String message;\n  private final String docUrl;\n\n  ErrorCode(int code, String message, String docUrl) {\n    this.code = code;\n    this.message = message;\n    this.docUrl = docUrl;\n  }\n\n  /** The numeric code. */\n  public int code() {\n    return code;\n  }\n\n  /** The code's name or message in the catalog. */\n  public String message() {\n    return message;\n  }\n\n  /** The URL of the code's page. */\n  public String docUrl() {\n    return docUrl;\n  }\n\n  /** The documented code for a number, or null. */\n  public static ErrorCode fromCode(int code) {\n    for (ErrorCode c : values()) {\n      if (c.code == code) {\n        return c;\n      }\n    }\n    return null;\n  }\n",
    );
    s.push_str("\n  /** The URL of a code's page, removed codes included, or null. */\n  public static String docUrlOf(int code) {\n    switch (code) {\n");
    for (code, url) in g.urls {
        let _ = writeln!(s, "      case {code}:\n        return {};", lit(url));
    }
    s.push_str("      default:\n        return null;\n    }\n  }\n}\n");
    s
}

fn c(g: &Gen<'_>) -> String {
    let mut s = String::new();
    s.push_str("// Error codes of the catalog, generated by `errdocs codegen --lang c`.\n// Do not edit.\n");
    s.push_str("#ifndef ERRDOCS_ERROR_CODES_H\n#define ERRDOCS_ERROR_CODES_H\n\n");
    s.push_str("// An error code documented in the catalog.\nenum errdocs_error_code {\n");
    for (i, n) in g.each() {
        for l in wrap(&i.doc, "  // ", 80) {
            let _ = writeln!(s, "{l}");
        }
        if let Some(p) = &i.deprecated_paragraph {
            for l in wrap(p, "  // ", 80) {
                let _ = writeln!(s, "{l}");
            }
        }
        let _ = writeln!(s, "  {n} = {},", i.code);
    }
    s.push_str("};\n");
    let long = g.items.iter().any(|i| 13 + lit(&i.message).len() > 80)
        || g.urls.iter().any(|(_, u)| 13 + lit(u).len() > 80);
    if long {
        s.push_str("\n// clang-format off\n");
    }
    for (doc, fname, field) in [
        (
            "The code's name or message in the catalog, or 0 for an unknown code.",
            "errdocs_message",
            0,
        ),
        (
            "The URL of the code's page, or 0 for an unknown code.",
            "errdocs_doc_url",
            1,
        ),
    ] {
        let _ = writeln!(
            s,
            "\n// {doc}\nstatic inline const char *{fname}(int code) {{\n  switch (code) {{"
        );
        for (i, n) in g.each() {
            let v = if field == 0 { &i.message } else { &i.url };
            let _ = writeln!(s, "  case {n}:\n    return {};", lit(v));
        }
        s.push_str("  default:\n    return 0;\n  }\n}\n");
    }
    s.push_str("\n// The URL of a code's page (removed codes included), or 0 for an unknown\n// code.\nstatic inline const char *errdocs_doc_url_of(int code) {\n  switch (code) {\n");
    for (code, url) in g.urls {
        let _ = writeln!(s, "  case {code}:\n    return {};", lit(url));
    }
    s.push_str("  default:\n    return 0;\n  }\n}\n");
    if long {
        s.push_str("// clang-format on\n");
    }
    s.push_str("\n#endif // ERRDOCS_ERROR_CODES_H\n");
    s
}

fn typescript(g: &Gen<'_>) -> String {
    let mut s = String::new();
    s.push_str("// Error codes of the catalog, generated by `errdocs codegen --lang typescript`.\n// Do not edit.\n\n");
    s.push_str("/** An error code documented in the catalog. */\nexport enum ErrorCode {\n");
    let ts_doc = |t: &str| t.replace("*/", "*\\/");
    for (i, n) in g.each() {
        match &i.deprecated {
            Some(note) => {
                let _ = writeln!(
                    s,
                    "  /**\n   * {}\n   *\n   * @deprecated {}\n   */",
                    ts_doc(&i.doc),
                    ts_doc(note)
                );
            }
            None => {
                let _ = writeln!(s, "  /** {} */", ts_doc(&i.doc));
            }
        }
        let _ = writeln!(s, "  {n} = {},", i.code);
    }
    s.push_str("}\n");
    for (doc, fname, field) in [
        ("The code's name or message in the catalog.", "message", 0),
        ("The URL of the code's page.", "docUrl", 1),
    ] {
        let _ = writeln!(
            s,
            "\n/** {doc} */\nexport function {fname}(code: ErrorCode): string {{\n  switch (code) {{"
        );
        for (i, n) in g.each() {
            let v = if field == 0 { &i.message } else { &i.url };
            let _ = writeln!(s, "    case ErrorCode.{n}:\n      return {};", lit(v));
        }
        s.push_str("  }\n  return \"\";\n}\n");
    }
    s.push_str("\n/** The documented code for a number, if any. */\nexport function fromCode(code: number): ErrorCode | undefined {\n  return code in ErrorCode ? (code as ErrorCode) : undefined;\n}\n");
    s.push_str("\n/** The URL of a code's page, removed codes included. */\nexport function docUrlOf(code: number): string | undefined {\n  switch (code) {\n");
    for (code, url) in g.urls {
        let _ = writeln!(s, "    case {code}:\n      return {};", lit(url));
    }
    s.push_str("  }\n  return undefined;\n}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_each_convention() {
        assert_eq!(upper_snake(&words("K8S unreachable.")), "K8S_UNREACHABLE");
        assert_eq!(
            upper_camel(&words("etcd access exception.")),
            "EtcdAccessException"
        );
        assert_eq!(
            name(Lang::C, &words("FunctionNotFound")),
            "ERR_FUNCTION_NOT_FOUND"
        );
    }
}
