//! MyST roles (`` {name}`content` ``): what Sphinx shows for each role it
//! knows without extensions (docutils' and Sphinx's own roles and those of
//! its standard domains), as pulldown-cmark events. A role Sphinx does not
//! know shows nothing, with a warning; one it knows but cannot run (`{raw}`
//! without a format, `{url}`) shows its source, with an error.
//!
//! Markup pulldown-cmark has no event for (`<abbr>`, `<kbd>`, math, …) is
//! written as `Event::Html` around `Event::Text`, so the text stays text
//! (escaped, and part of the node's text as docutils' `astext` gives it);
//! user-written raw HTML comes as `Event::InlineHtml`. Text inside the
//! literal ones (`<kbd>`, `<code>`, math) is not educated, as docutils does not
//! educate literals.

use std::cell::Cell;

use pulldown_cmark::{CowStr, Event, Tag};

use super::links::Targets;
use crate::anchors::normalize_name;
use crate::html::escape;

/// A role Sphinx reports: its name, Sphinx's message, and whether Sphinx
/// reports it as an error (an unimplemented role) or a warning (unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RoleFinding {
    pub name: String,
    pub message: String,
    pub error: bool,
}

/// The roles errdocs renders as Sphinx does (besides the prefixed domain
/// roles, `py:func`, `c:macro`, `std:ref`, …). Listed in `unknown-role`'s help.
pub const KNOWN_ROLES: &[&str] = &[
    "abbr",
    "any",
    "code",
    "command",
    "confval",
    "cve",
    "cwe",
    "dfn",
    "doc",
    "download",
    "emphasis",
    "envvar",
    "eq",
    "file",
    "guilabel",
    "index",
    "kbd",
    "keyword",
    "literal",
    "math",
    "menuselection",
    "numref",
    "option",
    "pep",
    "ref",
    "rfc",
    "samp",
    "strong",
    "sub",
    "sup",
    "term",
    "title-reference",
];

/// Opening markup of the literal roles (their text is not educated).
pub(super) const LITERAL_OPEN: &[&str] = &["<kbd>", "<code>", MATH_OPEN];
/// Closing markup of the literal roles.
pub(super) const LITERAL_CLOSE: &[&str] = &["</kbd>", "</code>", MATH_CLOSE];
const MATH_OPEN: &str = "<span class=\"math notranslate nohighlight\">\\(";
const MATH_CLOSE: &str = "\\)</span>";

/// Roles docutils registers but does not implement (and `{raw}`, which needs
/// a format): Sphinx shows the role's source.
const UNIMPLEMENTED: &[&str] = &[
    "anonymous-reference",
    "citation-reference",
    "footnote-reference",
    "i",
    "named-reference",
    "raw",
    "restructuredtext-unimplemented-role",
    "substitution-reference",
    "target",
    "uri",
    "uri-reference",
    "url",
];

/// Python-domain roles (also without the `py:` prefix: Python is Sphinx's
/// default domain); `true`: a function, shown with `()`.
const PY_ROLES: &[(&str, bool)] = &[
    ("attr", false),
    ("class", false),
    ("const", false),
    ("data", false),
    ("deco", false),
    ("exc", false),
    ("func", true),
    ("meth", true),
    ("mod", false),
    ("obj", false),
    ("type", false),
];

/// The other standard domains' roles: (domain, role, shown with `()`).
const DOMAIN_ROLES: &[(&str, &str, bool)] = &[
    ("c", "data", false),
    ("c", "enum", false),
    ("c", "enumerator", false),
    ("c", "expr", false),
    ("c", "func", true),
    ("c", "macro", false),
    ("c", "member", false),
    ("c", "struct", false),
    ("c", "texpr", false),
    ("c", "type", false),
    ("c", "union", false),
    ("c", "var", false),
    ("cpp", "any", false),
    ("cpp", "class", false),
    ("cpp", "concept", false),
    ("cpp", "enum", false),
    ("cpp", "enumerator", false),
    ("cpp", "expr", false),
    ("cpp", "func", true),
    ("cpp", "member", false),
    ("cpp", "struct", false),
    ("cpp", "texpr", false),
    ("cpp", "type", false),
    ("cpp", "union", false),
    ("cpp", "var", false),
    ("js", "attr", false),
    ("js", "class", false),
    ("js", "data", false),
    ("js", "func", true),
    ("js", "meth", true),
    ("js", "mod", false),
    ("math", "numref", false),
    ("rst", "dir", false),
    ("rst", "role", false),
];

/// What a role is shown as.
enum Show {
    /// `<em>`, `<strong>`, `<sub>`, `<sup>`.
    Tag(Tag<'static>),
    /// `<cite>` (a title reference).
    Cite,
    /// Inline code.
    Code,
    /// Cross-reference to code (unresolved: code), `()` added to functions,
    /// `@` before a Python decorator.
    XrefCode {
        parens: bool,
        py: bool,
    },
    /// `{deco}`: a Python decorator.
    Deco,
    /// Cross-reference shown as text (`{ref}`, `{doc}`, `{term}`).
    XrefText,
    /// `{abbr}`: an `<abbr>`, its explanation in parentheses the title.
    Abbr {
        explained: bool,
    },
    Kbd,
    Math,
    /// `{guilabel}`, `{menuselection}`: `&` marks an accelerator.
    Label {
        menu: bool,
    },
    /// `{samp}`, `{file}`: code with `{variable}` parts in italics.
    Samp,
    /// `{pep}`, `{rfc}`, `{cve}`, `{cwe}`: a link in bold.
    External(&'static str),
    /// `{index}`: its text.
    Index,
}

fn show(name: &str) -> Option<Show> {
    let (domain, role) = match name.split_once(':') {
        Some((d, r)) => (Some(d), r),
        None => (None, name),
    };
    Some(match (domain, role) {
        (None, "emphasis" | "dfn" | "mailheader" | "manpage" | "mimetype" | "newsgroup") => {
            Show::Tag(Tag::Emphasis)
        }
        (None, "strong" | "command" | "makevar" | "program") => Show::Tag(Tag::Strong),
        (None, "sub" | "subscript") => Show::Tag(Tag::Subscript),
        (None, "sup" | "superscript") => Show::Tag(Tag::Superscript),
        (None, "t" | "title" | "title-reference") => Show::Cite,
        (None, "code" | "literal" | "regexp") => Show::Code,
        (None, "abbr") => Show::Abbr { explained: true },
        (None, "ab" | "abbreviation" | "ac" | "acronym") => Show::Abbr { explained: false },
        (None, "kbd") => Show::Kbd,
        (None, "math") => Show::Math,
        (None, "guilabel") => Show::Label { menu: false },
        (None, "menuselection") => Show::Label { menu: true },
        (None, "samp" | "file") => Show::Samp,
        (None, "pep" | "pep-reference") => Show::External("pep"),
        (None, "rfc" | "rfc-reference") => Show::External("rfc"),
        (None, "cve") => Show::External("cve"),
        (None, "cwe") => Show::External("cwe"),
        (None, "index") => Show::Index,
        (None | Some("std"), "doc" | "ref" | "term") => Show::XrefText,
        (
            None | Some("std"),
            "any" | "download" | "eq" | "numref" | "keyword" | "option" | "confval" | "token"
            | "envvar",
        ) => Show::XrefCode {
            parens: false,
            py: false,
        },
        (None | Some("py"), "deco") => Show::Deco,
        (None | Some("py"), r) => {
            let &(_, parens) = PY_ROLES.iter().find(|(n, _)| *n == r)?;
            Show::XrefCode { parens, py: true }
        }
        (Some(d), r) => {
            let &(_, _, parens) = DOMAIN_ROLES.iter().find(|(dd, n, _)| *dd == d && *n == r)?;
            Show::XrefCode { parens, py: false }
        }
    })
}

/// Whether `name` (lower case) is a role Sphinx knows.
pub fn is_known(name: &str) -> bool {
    show(name).is_some() || UNIMPLEMENTED.contains(&name) || name == "sub-ref"
}

/// The events Sphinx's rendering of `` {name}`content` `` comes to, and
/// what Sphinx reports for it. A `{ref}` links to its label with `targets`
/// (the page read once), and sets `wants` without.
pub(super) fn render(
    name: &str,
    content: &str,
    targets: Option<&Targets>,
    wants: &Cell<bool>,
) -> (Vec<Event<'static>>, Option<RoleFinding>) {
    let name = name.to_lowercase();
    if matches!(name.as_str(), "ref" | "std:ref") {
        return (reference(content, targets, wants), None);
    }
    if UNIMPLEMENTED.contains(&name.as_str()) {
        let message = if name == "raw" {
            "No format (Writer name) is associated with this role: \"raw\".\nThe \"raw\" role cannot be used directly.\nInstead, use the \"role\" directive to create a new role with an associated format.".to_string()
        } else {
            format!("Interpreted text role \"{name}\" not implemented.")
        };
        let finding = RoleFinding {
            name: name.clone(),
            message,
            error: true,
        };
        return (vec![text(format!(":{name}:`{content}`"))], Some(finding));
    }
    if name == "sub-ref" {
        return (vec![text(content.to_string())], None);
    }
    let Some(how) = show(&name) else {
        let finding = RoleFinding {
            message: format!("Unknown interpreted text role \"{name}\"."),
            name,
            error: false,
        };
        return (Vec::new(), Some(finding));
    };
    (events(how, content), None)
}

fn events(how: Show, content: &str) -> Vec<Event<'static>> {
    match how {
        Show::Tag(tag) => {
            let end = tag.to_end();
            vec![
                Event::Start(tag),
                text(content.to_string()),
                Event::End(end),
            ]
        }
        Show::Cite => wrap("<cite>", vec![text(content.to_string())], "</cite>"),
        Show::Code => vec![code(content.to_string())],
        Show::XrefCode { parens, py } => vec![code(xref_code(content, parens, py))],
        Show::Deco => vec![code(format!("@{}", xref_code(content, false, true)))],
        Show::XrefText => vec![text(explicit_title(content).0.to_string())],
        Show::Index => {
            let (title, explicit) = explicit_title(content);
            let title = if explicit {
                title
            } else {
                title.strip_prefix('!').unwrap_or(title)
            };
            vec![text(title.to_string())]
        }
        Show::Abbr { explained } => abbr(content, explained),
        Show::Kbd => kbd(content),
        Show::Math => wrap(MATH_OPEN, vec![text(content.to_string())], MATH_CLOSE),
        Show::Label { menu } => label(content, menu),
        Show::Samp => samp(content),
        Show::External(kind) => external(kind, content),
    }
}

fn text(s: String) -> Event<'static> {
    Event::Text(CowStr::from(s))
}

fn code(s: String) -> Event<'static> {
    Event::Code(CowStr::from(s))
}

fn html(s: impl Into<String>) -> Event<'static> {
    Event::Html(CowStr::from(s.into()))
}

fn wrap(open: &str, inner: Vec<Event<'static>>, close: &str) -> Vec<Event<'static>> {
    let mut out = vec![html(open)];
    out.extend(inner);
    out.push(html(close));
    out
}

/// `` {ref}`label` `` (or `` {ref}`text <label>` ``): the label's title (or
/// the text), linked to the label when it is on the page; else its text.
fn reference(content: &str, targets: Option<&Targets>, wants: &Cell<bool>) -> Vec<Event<'static>> {
    let (title, target) = split_title(content);
    let (label, explicit) = (target.unwrap_or(content), target.is_some());
    let Some(targets) = targets else {
        wants.set(true);
        return vec![text(title.to_string())];
    };
    match targets.reference(&normalize_name(label)) {
        Some((id, found)) if explicit || found.is_some() => {
            let shown = if explicit {
                title
            } else {
                found.unwrap_or(title)
            };
            wrap(
                &format!("<a href=\"#{}\">", escape(id)),
                vec![text(shown.to_string())],
                "</a>",
            )
        }
        _ => vec![text(title.to_string())],
    }
}

/// docutils' `split_explicit_title`: `title <target>` → (title, true), else
/// (content, false).
fn explicit_title(content: &str) -> (&str, bool) {
    let (title, target) = split_title(content);
    (title, target.is_some())
}

/// `title <target>` → (title, Some(target)), else (content, None).
fn split_title(content: &str) -> (&str, Option<&str>) {
    if content.ends_with('>')
        && let Some((first, _)) = content.char_indices().nth(1)
        && let Some(p) = content[first..].find('<')
    {
        let title = content[..first + p].trim_end();
        if !title.is_empty() {
            return (title, Some(&content[first + p + 1..content.len() - 1]));
        }
    }
    (content, None)
}

/// The text of an unresolved code cross-reference: its explicit title, else
/// the target (without a leading `!`; for Python, without leading dots and
/// only its last part after `~`), with `()` after a function.
fn xref_code(content: &str, parens: bool, py: bool) -> String {
    let (title, explicit) = explicit_title(content);
    if explicit {
        return title.to_string();
    }
    let mut t = title.strip_prefix('!').unwrap_or(title);
    if py {
        t = t.trim_start_matches('.');
        if let Some(rest) = t.strip_prefix('~') {
            t = rest.rsplit('.').next().unwrap_or(rest);
        }
    }
    let mut t = t.to_string();
    if parens && !t.ends_with("()") {
        t.push_str("()");
    }
    t
}

/// Sphinx's `{abbr}`: `LIFO (last-in, first-out)` shows `LIFO` with the
/// explanation as its title; docutils' `{abbreviation}` takes no explanation.
fn abbr(content: &str, explained: bool) -> Vec<Event<'static>> {
    if explained
        && content.ends_with(')')
        && let Some(open) = content.find('(')
    {
        let short = content[..open].trim();
        let title = &content[open + 1..content.len() - 1];
        return wrap(
            &format!("<abbr title=\"{}\">", escape(title)),
            vec![text(short.to_string())],
            "</abbr>",
        );
    }
    wrap("<abbr>", vec![text(content.to_string())], "</abbr>")
}

/// Sphinx's `{kbd}`: each key of `Ctrl+C` (split at `-`, `+`, `^` and
/// spaces between keys) in a `<kbd>` of its own.
fn kbd(content: &str) -> Vec<Event<'static>> {
    let chars: Vec<char> = content.chars().collect();
    let mut parts: Vec<(bool, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let sep_start = i > 0 && i + 1 < chars.len();
        if sep_start && matches!(c, '-' | '+' | '^') {
            parts.push((false, c.to_string()));
            i += 1;
            continue;
        }
        if sep_start && c.is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            if i < chars.len() {
                parts.push((false, chars[start..i].iter().collect()));
                continue;
            }
            i = start;
        }
        match parts.last_mut() {
            Some((true, key)) => key.push(c),
            _ => parts.push((true, c.to_string())),
        }
        i += 1;
    }
    if parts.iter().filter(|(key, _)| *key).count() <= 1 {
        return wrap("<kbd>", vec![text(content.to_string())], "</kbd>");
    }
    let mut out = Vec::new();
    for (key, s) in parts {
        if key {
            out.extend(wrap("<kbd>", vec![text(s)], "</kbd>"));
        } else {
            out.push(text(s));
        }
    }
    out
}

/// `{guilabel}` and `{menuselection}`: `&x` underlines `x`, `&&` is an `&`,
/// `-->` between menu items is a triangular bullet.
fn label(content: &str, menu: bool) -> Vec<Event<'static>> {
    let content = if menu {
        content.replace("-->", "\u{2023}")
    } else {
        content.to_string()
    };
    let class = if menu { "menuselection" } else { "guilabel" };
    let mut inner = Vec::new();
    let mut run = String::new();
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('&', Some('&')) => {
                chars.next();
                run.push('&');
            }
            ('&', Some(next)) if !next.is_whitespace() => {
                chars.next();
                if !run.is_empty() {
                    inner.push(text(std::mem::take(&mut run)));
                }
                inner.extend(wrap(
                    "<span class=\"accelerator\">",
                    vec![text(next.to_string())],
                    "</span>",
                ));
            }
            _ => run.push(c),
        }
    }
    if !run.is_empty() {
        inner.push(text(run));
    }
    wrap(&format!("<span class=\"{class}\">"), inner, "</span>")
}

/// `{samp}`: code whose `{variable}` parts are in italics (`\{` is a brace).
fn samp(content: &str) -> Vec<Event<'static>> {
    let mut inner = Vec::new();
    let mut run = String::new();
    let mut var: Option<String> = None;
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, &mut var) {
            ('\\', _) if matches!(chars.peek(), Some('{' | '}' | '\\')) => {
                let next = chars.next().unwrap_or(c);
                match &mut var {
                    Some(v) => v.push(next),
                    None => run.push(next),
                }
            }
            ('{', None) => {
                if !run.is_empty() {
                    inner.push(text(std::mem::take(&mut run)));
                }
                var = Some(String::new());
            }
            ('}', Some(v)) => {
                let v = std::mem::take(v);
                inner.extend(wrap("<em>", vec![text(v)], "</em>"));
                var = None;
            }
            (c, Some(v)) => v.push(c),
            (c, None) => run.push(c),
        }
    }
    if let Some(v) = var {
        run.push('{');
        run.push_str(&v);
    }
    if !run.is_empty() {
        inner.push(text(run));
    }
    wrap("<code>", inner, "</code>")
}

/// `{pep}`, `{rfc}`, `{cve}`, `{cwe}`: a link to the document, in bold.
fn external(kind: &str, content: &str) -> Vec<Event<'static>> {
    let (title, target) = split_title(content);
    let (target, explicit) = (target.unwrap_or(content), target.is_some());
    let (id, anchor) = match target.split_once('#') {
        Some((id, a)) => (id, format!("#{a}")),
        None => (target, String::new()),
    };
    let number: Option<u32> = id.trim().parse().ok();
    let (url, shown) = match (kind, number) {
        ("pep", Some(n)) => (
            format!("https://peps.python.org/pep-{n:04}/{anchor}"),
            format!("PEP {n}"),
        ),
        ("rfc", Some(n)) => (
            format!("https://datatracker.ietf.org/doc/html/rfc{n}.html{anchor}"),
            format!("RFC {n}"),
        ),
        ("cwe", Some(n)) => (
            format!("https://cwe.mitre.org/data/definitions/{n}.html"),
            format!("CWE {n}"),
        ),
        ("cve", _) => (
            format!("https://www.cve.org/CVERecord?id=CVE-{}", id.trim()),
            format!("CVE {}", id.trim()),
        ),
        _ => return vec![text(content.to_string())],
    };
    let shown = if explicit { title.to_string() } else { shown };
    let mut out = vec![html(format!("<a href=\"{}\"><strong>", escape(&url)))];
    out.push(text(shown));
    out.push(html("</strong></a>"));
    out
}

/// Is this generated markup the start of a literal (not educated)?
pub(super) fn opens_literal(html: &str) -> bool {
    LITERAL_OPEN.contains(&html)
}

/// Is this generated markup the end of a literal?
pub(super) fn closes_literal(html: &str) -> bool {
    LITERAL_CLOSE.contains(&html)
}
