//! Directives: what a fence with `{name}` turns into, with docutils' and
//! Sphinx's option conversions and messages.

use std::path::{Path, PathBuf};

use super::myst::{self, Fence};
use super::table::{self, Dialect};
use super::{Cell, Ctx, Flat, Kind, Node, Row, Table, finding};
use crate::anchors::{make_id, normalize_name};
use crate::diag::{DiagSpan, Diagnostic, SphinxLevel};
use crate::rules::{self, Rule};

/// How an option's value is converted (docutils' converter functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conv {
    Flag,
    NonNegInt,
    Int,
    Widths,
    Class,
    Unchanged,
    Required,
    Align,
    Length,
    Char { whitespace: bool },
}

/// A converted option value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptValue {
    /// A flag, or a value kept as text.
    Text(Option<String>),
    /// An integer.
    Int(i64),
    /// Column widths.
    Widths(Vec<u32>),
    /// `:widths: auto`.
    Auto,
    /// Class names.
    Classes(Vec<String>),
    /// One character.
    Char(char),
}

struct Spec {
    args: (usize, usize),
    final_ws: bool,
    options: &'static [(&'static str, Conv)],
    /// Takes any option key (MyST's test directive).
    any_option: bool,
}

const ADMONITION_OPTIONS: &[(&str, Conv)] = &[
    ("class", Conv::Class),
    ("collapsible", Conv::Unchanged),
    ("name", Conv::Unchanged),
];
const CSV_OPTIONS: &[(&str, Conv)] = &[
    ("align", Conv::Align),
    ("class", Conv::Class),
    ("delim", Conv::Char { whitespace: true }),
    ("encoding", Conv::Required),
    ("escape", Conv::Char { whitespace: false }),
    ("file", Conv::Required),
    ("header", Conv::Unchanged),
    ("header-rows", Conv::NonNegInt),
    ("keepspace", Conv::Flag),
    ("name", Conv::Unchanged),
    ("quote", Conv::Char { whitespace: false }),
    ("stub-columns", Conv::NonNegInt),
    ("url", Conv::Required),
    ("width", Conv::Length),
    ("widths", Conv::Widths),
];
const LIST_TABLE_OPTIONS: &[(&str, Conv)] = &[
    ("align", Conv::Align),
    ("class", Conv::Class),
    ("header-rows", Conv::NonNegInt),
    ("name", Conv::Unchanged),
    ("stub-columns", Conv::NonNegInt),
    ("width", Conv::Length),
    ("widths", Conv::Widths),
];
const CODE_OPTIONS: &[(&str, Conv)] = &[
    ("caption", Conv::Required),
    ("class", Conv::Class),
    ("dedent", Conv::Unchanged),
    ("emphasize-lines", Conv::Required),
    ("force", Conv::Flag),
    ("lineno-start", Conv::Int),
    ("linenos", Conv::Flag),
    ("name", Conv::Unchanged),
];

/// The admonition directives (all render as a titled box).
pub const ADMONITIONS: &[&str] = &[
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "seealso",
    "tip",
    "warning",
];

/// Directives Sphinx knows that errdocs does not render (no "unknown" warning).
const IGNORED: &[&str] = &[
    "contents",
    "deprecated",
    "epigraph",
    "figure",
    "glossary",
    "highlights",
    "image",
    "include",
    "index",
    "literalinclude",
    "math",
    "only",
    "raw",
    "sidebar",
    "toctree",
    "topic",
    "versionadded",
    "versionchanged",
    "eval-rst",
    "rubric",
    "container",
    "compound",
    "pull-quote",
    "parsed-literal",
    "line-block",
    "highlight",
    "sectionauthor",
    "codeauthor",
    "centered",
    "hlist",
    "tabularcolumns",
    "productionlist",
    "default-role",
    "role",
    "title",
    "meta",
    "footnote",
    "citation",
    "class",
    "unicode",
    "replace",
    "date",
    "header",
    "footer",
];

fn spec(name: &str) -> Option<Spec> {
    Some(match name {
        n if ADMONITIONS.contains(&n) => Spec {
            args: (0, 0),
            final_ws: false,
            options: ADMONITION_OPTIONS,
            any_option: false,
        },
        "admonition" => Spec {
            args: (1, 0),
            final_ws: true,
            options: ADMONITION_OPTIONS,
            any_option: false,
        },
        "csv-table" => Spec {
            args: (0, 1),
            final_ws: true,
            options: CSV_OPTIONS,
            any_option: false,
        },
        "list-table" => Spec {
            args: (0, 1),
            final_ws: true,
            options: LIST_TABLE_OPTIONS,
            any_option: false,
        },
        "table" => Spec {
            args: (0, 1),
            final_ws: true,
            options: &[
                ("align", Conv::Align),
                ("class", Conv::Class),
                ("name", Conv::Unchanged),
                ("width", Conv::Length),
                ("widths", Conv::Widths),
            ],
            any_option: false,
        },
        "code-block" | "sourcecode" | "code" => Spec {
            args: (0, 1),
            final_ws: false,
            options: CODE_OPTIONS,
            any_option: false,
        },
        "restructuredtext-test-directive" => Spec {
            args: (0, 1),
            final_ws: true,
            options: &[],
            any_option: true,
        },
        _ => return None,
    })
}

/// The directive name of a fence's info string (`{note}` → `note`), and the rest.
pub fn directive_name(info: &str) -> Option<(String, &str)> {
    let t = info.trim();
    let rest = t.strip_prefix('{')?;
    let end = rest.find('}')?;
    let name = &rest[..end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | ':' | '.'))
    {
        return None;
    }
    Some((name.to_string(), rest[end + 1..].trim()))
}

/// Runs the fence: a directive, a container or a code block.
/// How deep directives may nest. Sphinx has no set limit but Python's
/// recursion limit stops it long before this would matter in a real page;
/// without a limit a hostile page of nested fences costs quadratic time.
pub const MAX_NESTING: usize = 50;

pub(super) fn run(ctx: &mut Ctx, fence: &Fence, line: usize, col: usize) -> Vec<Flat> {
    if ctx.depth >= MAX_NESTING {
        ctx.push(finding(&ctx.file, &rules::NESTING_DEPTH, (line, col + 1), None, format!(
                "fences nested more than {MAX_NESTING} deep; the content of this one is shown as code"
            )));
        return vec![Flat::Node(Node::new(
            Kind::LiteralBlock {
                language: "none".into(),
                text: fence.content(),
            },
            line,
        ))];
    }
    let Some((raw_name, first_line)) = directive_name(&fence.info) else {
        if fence.colon {
            let mut node = Node::new(Kind::Container, line);
            if let Some(class) = fence.info.split_whitespace().next() {
                node.classes.push(class.to_string());
            }
            node.children = ctx.parse_nested(&fence.lines, line, col, true);
            return vec![Flat::Node(node)];
        }
        let language = fence
            .info
            .split_whitespace()
            .next()
            .unwrap_or("default")
            .to_string();
        check_lexer(ctx, &language, line);
        return vec![Flat::Node(Node::new(
            Kind::LiteralBlock {
                language,
                text: fence.content(),
            },
            line,
        ))];
    };
    let name = raw_name.to_lowercase();
    let prepared = prepare(&ctx.file, &raw_name, first_line, &fence.lines, line, col);
    for w in prepared.warnings {
        ctx.push(w);
    }
    if let Some(msg) = prepared.fatal {
        let span = DiagSpan::at(&ctx.file, line, col + 1, 1);
        ctx.push(rules::INVALID_OPTION.second_at(span, msg));
        return Vec::new();
    }
    if prepared.unknown || prepared.parse_error.is_some() {
        return Vec::new();
    }
    let (dt, options) = (prepared.text, prepared.options);
    let body_line = (line as i64 + 1 + dt.body_offset).max(1) as usize;
    let d = Invocation {
        name: &name,
        line,
        col,
        arguments: &dt.arguments,
        options: &options,
        body: &dt.body,
        body_line,
    };
    let node = match name.as_str() {
        "restructuredtext-test-directive" => None,
        "csv-table" => csv_table(ctx, &d),
        "list-table" => list_table(ctx, &d),
        "table" => titled_table(ctx, &d),
        "code-block" | "sourcecode" | "code" => {
            if let Some(l) = d.arguments.first() {
                check_lexer(ctx, l, line);
            }
            Some(Node::new(
                Kind::LiteralBlock {
                    language: d.arguments.first().cloned().unwrap_or("default".into()),
                    text: d.body.join("\n"),
                },
                line,
            ))
        }
        _ => admonition(ctx, &d),
    };
    node.map(|mut n| {
        if let Some(OptValue::Classes(c)) = d.option("class") {
            n.classes.extend(c.iter().cloned());
        }
        if let Some(OptValue::Text(Some(nm))) = d.option("name") {
            n.names.push(normalize_name(nm));
            ctx.doc.labels.push(crate::parse::Label {
                name: normalize_name(nm),
                line: d.option_line("name"),
                column: d.col + 2,
            });
            if let Kind::Table(t) = &mut n.kind {
                t.named = true;
            }
        }
        Flat::Node(n)
    })
    .into_iter()
    .collect()
}

/// What a directive's text splits into, with converted options and the
/// warnings MyST and docutils print on the way.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The directive name as written, when the fence is a directive.
    pub directive: Option<String>,
    /// Not a directive Sphinx knows.
    pub unknown: bool,
    /// Arguments, raw options, body.
    pub text: myst::DirectiveText,
    /// Options after conversion (invalid ones dropped), with their file lines.
    pub options: Vec<(String, OptValue)>,
    /// Too few arguments.
    pub parse_error: Option<String>,
}

/// Splits a fence's directive text and converts its options (for inspection and tests).
pub fn report(fence: &Fence) -> Report {
    let Some((raw_name, first_line)) = directive_name(&fence.info) else {
        return Report::default();
    };
    let p = prepare(Path::new(""), &raw_name, first_line, &fence.lines, 1, 0);
    Report {
        directive: Some(raw_name),
        unknown: p.unknown,
        text: p.text,
        options: p.options.into_iter().map(|(k, v, _)| (k, v)).collect(),
        parse_error: p.parse_error,
    }
}

struct Prepared {
    /// An option value that makes Sphinx crash: reported as an error, no node.
    fatal: Option<String>,
    unknown: bool,
    text: myst::DirectiveText,
    options: Vec<(String, OptValue, usize)>,
    parse_error: Option<String>,
    warnings: Vec<Diagnostic>,
}

fn prepare(
    file: &Path,
    raw_name: &str,
    first_line: &str,
    lines: &[String],
    line: usize,
    col: usize,
) -> Prepared {
    let name = raw_name.to_lowercase();
    let mut p = Prepared {
        fatal: None,
        unknown: false,
        text: myst::DirectiveText::default(),
        options: Vec::new(),
        parse_error: None,
        warnings: Vec::new(),
    };
    let warn =
        |p: &mut Prepared, line: usize, level: SphinxLevel, kind: &'static str, message: String| {
            p.warnings.push(finding(
                file,
                &rules::SPHINX_WARNING,
                (line, 1),
                Some((line, level, kind)),
                message,
            ));
        };
    let Some(spec) = spec(&name) else {
        p.unknown = true;
        if !IGNORED.contains(&name.as_str()) {
            warn(
                &mut p,
                line,
                SphinxLevel::Warning,
                "myst.directive_unknown",
                format!("Unknown directive type: '{raw_name}'"),
            );
        }
        return p;
    };
    let dt = myst::split_directive(
        first_line,
        lines,
        spec.args,
        !spec.options.is_empty() || spec.any_option,
        spec.final_ws,
    );
    let opt_base = line + 1 + dt.options_first_line;
    if let Some(err) = &dt.tokenize_error {
        p.warnings.push(finding(
            file,
            &rules::OPTION_SYNTAX,
            (opt_base + err.mark.line, col + err.mark.column + 2),
            Some((
                opt_base + err.mark.line,
                SphinxLevel::Warning,
                "myst.directive_option",
            )),
            format!("'{name}': Invalid options format: {}", err.problem),
        ));
    }
    if let Some(&first) = dt.comment_lines.first()
        && !spec.any_option
    {
        warn(
            &mut p,
            opt_base + first,
            SphinxLevel::Warning,
            "myst.directive_comments",
            format!(
                "'{name}': Directive options has # comments, which may not be supported in future versions."
            ),
        );
    }
    if dt.split_warning {
        warn(
            &mut p,
            line,
            SphinxLevel::Warning,
            "myst.directive_parse",
            format!(
                "'{name}': Splitting content across first line and body, when an options block is present, is not recommended"
            ),
        );
    }
    p.options = convert_options(file, &mut p.warnings, &name, &spec, &dt, opt_base, col);
    if let Some(raw) = &dt.options {
        for o in raw {
            let empty = o.value.as_deref().is_none_or(str::is_empty);
            let is_char = spec
                .options
                .iter()
                .any(|(k, c)| *k == o.key && matches!(c, Conv::Char { .. }));
            if empty && is_char {
                p.fatal = Some(format!(
                    "'{name}': option :{}: needs a value (one character, `tab`, `space` or a Unicode code); Sphinx crashes on an empty one",
                    o.key
                ));
            }
        }
    }
    if dt.arguments.len() < spec.args.0 {
        let msg = format!(
            "{} argument(s) required, {} supplied",
            spec.args.0,
            dt.arguments.len()
        );
        warn(
            &mut p,
            line,
            SphinxLevel::Error,
            "docutils",
            format!("Directive '{name}': {msg}"),
        );
        p.parse_error = Some(msg);
    }
    p.text = dt;
    p
}

struct Invocation<'a> {
    name: &'a str,
    line: usize,
    col: usize,
    arguments: &'a [String],
    options: &'a [(String, OptValue, usize)],
    body: &'a [String],
    body_line: usize,
}

impl Invocation<'_> {
    fn option(&self, key: &str) -> Option<&OptValue> {
        self.options
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v)
    }
    fn option_line(&self, key: &str) -> usize {
        self.options
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or(self.line, |(_, _, l)| *l)
    }
    fn int(&self, key: &str) -> usize {
        match self.option(key) {
            Some(OptValue::Int(n)) => (*n).max(0) as usize,
            _ => 0,
        }
    }
}

fn convert_options(
    file: &Path,
    warnings: &mut Vec<Diagnostic>,
    name: &str,
    spec: &Spec,
    dt: &myst::DirectiveText,
    base: usize,
    col: usize,
) -> Vec<(String, OptValue, usize)> {
    let mut out = Vec::new();
    let Some(raw) = &dt.options else {
        return out;
    };
    for opt in raw {
        let line = base + opt.line;
        let conv = if spec.any_option {
            Some(Conv::Unchanged)
        } else {
            spec.options
                .iter()
                .find(|(k, _)| *k == opt.key)
                .map(|(_, c)| *c)
        };
        let Some(conv) = conv else {
            let allowed: Vec<String> = spec.options.iter().map(|(k, _)| format!("'{k}'")).collect();
            warnings.push(finding(
                file,
                &rules::UNKNOWN_OPTION,
                (line, col + 2),
                Some((line, SphinxLevel::Warning, "myst.directive_option")),
                format!(
                    "'{name}': Unknown option key: '{}' (allowed: [{}])",
                    opt.key,
                    allowed.join(", ")
                ),
            ));
            continue;
        };
        let value = opt.value.as_deref().filter(|v| !v.is_empty());
        match convert(conv, value) {
            Ok(v) => {
                out.retain(|(k, _, _)| *k != opt.key);
                out.push((opt.key.clone(), v, line));
            }
            Err(e) => warnings.push(finding(
                file,
                &rules::INVALID_OPTION,
                (line, col + 2),
                Some((line, SphinxLevel::Warning, "myst.directive_option")),
                format!(
                    "'{name}': Invalid option value for '{}': {}: {e}",
                    opt.key,
                    value.unwrap_or("None")
                ),
            )),
        }
    }
    out
}

fn convert(conv: Conv, value: Option<&str>) -> Result<OptValue, String> {
    let required = || value.ok_or_else(|| "argument required but none supplied".to_string());
    Ok(match conv {
        // MyST ignores a value given to a flag (docutils would reject it).
        Conv::Flag => OptValue::Text(None),
        Conv::Unchanged => OptValue::Text(Some(value.unwrap_or("").to_string())),
        Conv::Required => OptValue::Text(Some(required()?.to_string())),
        Conv::NonNegInt => {
            let n = py_int(value.ok_or(NONE_INT)?)?;
            if n < 0 {
                return Err("negative value; must be positive or zero".into());
            }
            OptValue::Int(n)
        }
        Conv::Int => OptValue::Int(py_int(value.ok_or(NONE_INT)?)?),
        Conv::Widths => {
            let v = value.ok_or("argument required but none supplied")?;
            if v.trim() == "auto" {
                OptValue::Auto
            } else {
                let parts: Vec<&str> = if v.contains(',') {
                    v.split(',').collect()
                } else {
                    v.split_whitespace().collect()
                };
                let mut ws = Vec::new();
                for p in parts {
                    let n = py_int(p)?;
                    if n < 1 {
                        return Err("negative or zero value; must be positive".into());
                    }
                    ws.push(u32::try_from(n).unwrap_or(u32::MAX));
                }
                OptValue::Widths(ws)
            }
        }
        Conv::Class => {
            let v = required()?;
            let mut names = Vec::new();
            for n in v.split_whitespace() {
                let id = make_id(n);
                if id.is_empty() {
                    return Err(format!("cannot make \"{n}\" into a class name"));
                }
                names.push(id);
            }
            OptValue::Classes(names)
        }
        Conv::Align => {
            let v = required()?;
            let l = v.to_lowercase();
            if !matches!(l.as_str(), "left" | "center" | "right") {
                return Err(format!(
                    "\"{l}\" unknown; choose from \"left\", \"center\", or \"right\"."
                ));
            }
            OptValue::Text(Some(l))
        }
        Conv::Length => {
            let v = required()?.trim();
            let num: String = v
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let unit = v[num.len()..].trim();
            const UNITS: &[&str] = &[
                "", "%", "em", "ex", "px", "in", "cm", "mm", "pt", "pc", "ch", "rem", "vw", "vh",
                "vmin", "vmax", "Q",
            ];
            if num.is_empty() || !UNITS.contains(&unit) {
                return Err(format!(
                    "\"{v}\" is not a valid length or percentage (a number with an optional unit)"
                ));
            }
            OptValue::Text(Some(format!("{num}{unit}")))
        }
        Conv::Char { whitespace } => {
            let v = value.ok_or_else(|| {
                "a value is required (Sphinx crashes on an empty one)".to_string()
            })?;
            if whitespace && v == "tab" {
                OptValue::Char('\t')
            } else if whitespace && v == "space" {
                OptValue::Char(' ')
            } else {
                OptValue::Char(unicode_char(v)?)
            }
        }
    })
}

const NONE_INT: &str =
    "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";

/// Python's `int()` of a string (surrounding whitespace, sign, underscores).
fn py_int(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let err = || format!("invalid literal for int() with base 10: '{s}'");
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return Err(err());
    }
    t.replace('_', "").parse::<i64>().map_err(|_| err())
}

/// docutils' `unicode_code` + `single_char_or_unicode`.
fn unicode_char(v: &str) -> Result<char, String> {
    let code = if v.chars().all(|c| c.is_ascii_digit()) && !v.is_empty() {
        Some((v, 10))
    } else {
        let lower = v.to_ascii_lowercase();
        let hex = ["0x", "x", "\\x", "u+", "u", "\\u"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            .or_else(|| {
                lower
                    .strip_prefix("&#x")
                    .and_then(|h| h.strip_suffix(';'))
                    .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            });
        hex.map(|h| {
            (
                &v[v.len() - h.len() - usize::from(lower.ends_with(';'))..][..h.len()],
                16,
            )
        })
    };
    if let Some((digits, radix)) = code {
        let n = u64::from_str_radix(digits, radix)
            .ok()
            .filter(|n| *n <= i32::MAX as u64)
            .ok_or("code too large (Python int too large to convert to C int)")?;
        return char::from_u32(n as u32).ok_or_else(|| "chr() arg not in range(0x110000)".into());
    }
    let mut chars = v.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!(
            "'{v}' invalid; must be a single character or a Unicode code"
        )),
    }
}

fn admonition(ctx: &mut Ctx, d: &Invocation) -> Option<Node> {
    if d.body.is_empty() {
        ctx.warn(
            d.line,
            SphinxLevel::Error,
            "docutils",
            format!(
                "Content block expected for the \"{}\" directive; none found.",
                d.name
            ),
        );
        return None;
    }
    let title = (d.name == "admonition")
        .then(|| ctx.inline(d.arguments.first().map_or("", String::as_str)));
    let mut node = Node::new(
        Kind::Admonition {
            name: d.name.to_string(),
            title: title.clone(),
        },
        d.line,
    );
    if let Some(t) = &title
        && d.option("class").is_none()
    {
        node.classes
            .push(format!("admonition-{}", make_id(&t.text)));
    }
    node.children = ctx.parse_nested(d.body, d.body_line - 1, d.col, false);
    Some(node)
}

fn table_error(
    ctx: &mut Ctx,
    d: &Invocation,
    level: SphinxLevel,
    message: String,
    rule: &'static Rule,
) {
    ctx.push(finding(
        &ctx.file,
        rule,
        (d.line, d.col + 1),
        Some((d.line, level, "docutils")),
        message,
    ));
}

fn csv_table(ctx: &mut Ctx, d: &Invocation) -> Option<Node> {
    let has_file = d.option("file").is_some();
    let has_url = d.option("url").is_some();
    let dq = format!("\"{}\"", d.name);
    // The CSV lines and where they are in the file.
    let (lines, first_line, col, file): (Vec<String>, usize, usize, Option<PathBuf>) = if !d
        .body
        .is_empty()
    {
        if has_file || has_url {
            table_error(
                ctx,
                d,
                SphinxLevel::Error,
                format!("{dq} directive may not both specify an external file and have content."),
                &rules::TABLE_SOURCE,
            );
            return None;
        }
        (d.body.to_vec(), d.body_line, d.col, None)
    } else if has_file {
        if has_url {
            table_error(
                ctx,
                d,
                SphinxLevel::Error,
                format!(
                    "The \"file\" and \"url\" options may not be simultaneously specified for the {dq} directive."
                ),
                &rules::TABLE_SOURCE,
            );
            return None;
        }
        let Some(OptValue::Text(Some(rel))) = d.option("file") else {
            return None;
        };
        let encoding = match d.option("encoding") {
            Some(OptValue::Text(Some(e))) => e.clone(),
            _ => "utf-8".into(),
        };
        let (lines, path) = read_included(ctx, d, rel, &encoding)?;
        (lines, 1, 0, Some(path))
    } else if has_url {
        ctx.push(finding(&ctx.file, &rules::UNSAFE_INCLUDE, (d.option_line("url"), d.col + 2), Some((d.line, SphinxLevel::Error, "docutils")), format!(
                "{dq} directive :url: option refused: errdocs never fetches from the network; copy the file into the catalog and use :file:."
            )));
        return None;
    } else {
        table_error(
            ctx,
            d,
            SphinxLevel::Warning,
            format!("The {dq} directive requires content; none supplied."),
            &rules::TABLE_SOURCE,
        );
        return None;
    };
    let title = d.arguments.first().map(|a| ctx.inline(a));
    let mut dialect = Dialect::default();
    if let Some(OptValue::Char(c)) = d.option("delim") {
        dialect.delimiter = *c;
    }
    if let Some(OptValue::Char(c)) = d.option("quote") {
        dialect.quote = *c;
    }
    if let Some(OptValue::Char(c)) = d.option("escape") {
        dialect.escape = Some(*c);
    }
    if d.option("keepspace").is_some() {
        dialect.skip_initial_space = false;
    }
    let csv_error = |ctx: &mut Ctx, e: table::CsvError, line: usize, col: usize| {
        ctx.push(finding(
            &ctx.file,
            &rules::CSV_SYNTAX,
            (line, col),
            Some((d.line, SphinxLevel::Error, "docutils")),
            format!("Error with CSV data in {dq} directive:\n{}", e.message),
        ));
    };
    // Header rows from the `:header:` option.
    let mut header: Vec<Row> = Vec::new();
    if let Some(OptValue::Text(Some(h))) = d.option("header") {
        let hl = d.option_line("header");
        let hlines: Vec<String> = h.split('\n').map(str::to_string).collect();
        match table::read_csv(&hlines, dialect) {
            Ok(recs) => header = records_to_rows(ctx, recs, hl, d.col + 2, true),
            Err(e) => {
                csv_error(ctx, e.clone(), hl + e.line, d.col + e.column + 2);
                return None;
            }
        }
    }
    let header_option_rows = header.len();
    let mut rows = match table::read_csv(&lines, dialect) {
        Ok(recs) => records_to_rows(ctx, recs, first_line, col, false),
        Err(e) => {
            csv_error(ctx, e.clone(), first_line + e.line, col + e.column + 1);
            return None;
        }
    };
    let max_cols = rows
        .iter()
        .chain(header.iter())
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    let header_rows = d.int("header-rows");
    let stub_columns = d.int("stub-columns");
    if rows.len() < header_rows {
        table_error(
            ctx,
            d,
            SphinxLevel::Error,
            format!(
                "{header_rows} header row(s) specified but only {} row(s) of data supplied ({dq} directive).",
                rows.len()
            ),
            &rules::TABLE_SHAPE,
        );
        return None;
    }
    if rows.len() == header_rows && header_rows > 0 {
        table_error(
            ctx,
            d,
            SphinxLevel::Error,
            format!(
                "Insufficient data supplied ({} row(s)); no data remaining for table body, required by {dq} directive.",
                rows.len()
            ),
            &rules::TABLE_SHAPE,
        );
        return None;
    }
    for r in &rows {
        if r.cells.len() < stub_columns {
            table_error(
                ctx,
                d,
                SphinxLevel::Error,
                format!(
                    "{stub_columns} stub column(s) specified but only {} columns(s) of data supplied ({dq} directive).",
                    r.cells.len()
                ),
                &rules::TABLE_SHAPE,
            );
            return None;
        }
        if r.cells.len() == stub_columns && stub_columns > 0 {
            table_error(
                ctx,
                d,
                SphinxLevel::Error,
                format!(
                    "Insufficient data supplied ({} columns(s)); no data remaining for table body, required by {dq} directive.",
                    r.cells.len()
                ),
                &rules::TABLE_SHAPE,
            );
            return None;
        }
    }
    let body = rows.split_off(header_rows);
    header.extend(rows);
    let (colwidths, widths) = match d.option("widths") {
        Some(OptValue::Widths(w)) => {
            if w.len() != max_cols {
                table_error(
                    ctx,
                    d,
                    SphinxLevel::Error,
                    format!(
                        "{dq} widths do not match the number of columns in table ({max_cols})."
                    ),
                    &rules::TABLE_SHAPE,
                );
                return None;
            }
            (w.clone(), "given")
        }
        Some(OptValue::Auto) => (default_widths(max_cols), "auto"),
        _ => (default_widths(max_cols), "default"),
    };
    let mut table = Table {
        syntax: "csv-table",
        title,
        cols: max_cols,
        header,
        header_option_rows,
        rows: body,
        align_cols: Vec::new(),
        colwidths,
        widths,
        stub_columns,
        align: match d.option("align") {
            Some(OptValue::Text(a)) => a.clone(),
            _ => None,
        },
        width: match d.option("width") {
            Some(OptValue::Text(w)) => w.clone(),
            _ => None,
        },
        file,
        named: false,
    };
    pad_rows(&mut table);
    Some(Node::new(Kind::Table(Box::new(table)), d.line))
}

fn default_widths(cols: usize) -> Vec<u32> {
    vec![(100 / cols.max(1)) as u32; cols]
}

fn pad_rows(table: &mut Table) {
    let cols = table.cols;
    for r in table.header.iter_mut().chain(table.rows.iter_mut()) {
        let (line, column) = r.cells.last().map_or((r.line, 1), |c| {
            (c.line, c.column + c.source.chars().count())
        });
        while r.cells.len() < cols {
            r.cells.push(Cell {
                source: String::new(),
                text: String::new(),
                html: String::new(),
                line,
                column,
                padded: true,
            });
        }
    }
}

fn records_to_rows(
    ctx: &mut Ctx,
    recs: Vec<table::CsvRecord>,
    first_line: usize,
    col: usize,
    from_option: bool,
) -> Vec<Row> {
    recs.into_iter()
        .map(|r| {
            let written = r.fields.len();
            Row {
                line: if from_option {
                    first_line
                } else {
                    first_line + r.line
                },
                written,
                blank: r.blank,
                cells: r
                    .fields
                    .into_iter()
                    .map(|f| {
                        let line = if from_option {
                            first_line
                        } else {
                            first_line + f.line
                        };
                        let rendered = ctx.cell(&f.text, line, col + f.column + 1);
                        Cell {
                            text: rendered.text,
                            html: rendered.html,
                            line,
                            column: col + f.column + 1,
                            source: f.text,
                            padded: false,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Reads a `:file:` CSV, confined to the catalog folder.
fn read_included(
    ctx: &mut Ctx,
    d: &Invocation,
    rel: &str,
    encoding: &str,
) -> Option<(Vec<String>, PathBuf)> {
    let dq = format!("\"{}\"", d.name);
    let root = ctx
        .config
        .root
        .clone()
        .unwrap_or_else(|| ctx.doc_dir.clone());
    let path = ctx.doc_dir.join(rel);
    let file_line = d.option_line("file");
    let refuse = |ctx: &mut Ctx, why: &str| {
        ctx.push(finding(
            &ctx.file,
            &rules::UNSAFE_INCLUDE,
            (file_line, d.col + 2),
            Some((d.line, SphinxLevel::Error, "docutils")),
            format!("{dq} directive :file: {rel:?} refused: {why}"),
        ));
    };
    if Path::new(rel).is_absolute() {
        refuse(ctx, "an absolute path");
        return None;
    }
    let canon_root = root.canonicalize().unwrap_or(root.clone());
    let canon = match path.canonicalize() {
        Ok(p) => p,
        Err(_) => {
            let shown = path.strip_prefix(&root).unwrap_or(&path);
            table_error(
                ctx,
                d,
                SphinxLevel::Critical,
                format!(
                    "Problems with {dq} directive path:\n[Errno 2] No such file or directory: '<srcdir>/{}'.",
                    shown.display()
                ),
                &rules::TABLE_SOURCE,
            );
            return None;
        }
    };
    if !canon.starts_with(&canon_root) {
        refuse(ctx, "it resolves outside the catalog folder");
        return None;
    }
    let bytes = match std::fs::read(&canon) {
        Ok(b) => b,
        Err(e) => {
            refuse(ctx, &e.to_string());
            return None;
        }
    };
    let text = match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" | "utf-8-sig" => {
            match crate::source::SourceFile::from_bytes(&canon, &bytes) {
                Ok(s) => s.text,
                Err(e) => {
                    refuse(
                        ctx,
                        &format!(
                            "not valid UTF-8 at byte {} (line {}, column {})",
                            e.byte_offset, e.line, e.column
                        ),
                    );
                    return None;
                }
            }
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => bytes
            .iter()
            .map(|&b| b as char)
            .collect::<String>()
            .replace("\r\n", "\n"),
        "ascii" | "us-ascii" => match bytes.iter().position(|b| !b.is_ascii()) {
            Some(p) => {
                refuse(ctx, &format!("not ASCII at byte {p}"));
                return None;
            }
            None => String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
        },
        other => {
            refuse(ctx, &format!("unsupported :encoding: {other}"));
            return None;
        }
    };
    ctx.doc.includes.push(canon.clone());
    let lines = text.lines().map(str::to_string).collect();
    Some((lines, path))
}

/// `{list-table}`: a bullet list of bullet lists.
fn list_table(ctx: &mut Ctx, d: &Invocation) -> Option<Node> {
    let mut rows: Vec<Row> = Vec::new();
    let mut cell_lines: Vec<String> = Vec::new();
    let mut cell_pos = (0usize, 0usize);
    let mut row_indent = None;
    let flush_cell =
        |ctx: &mut Ctx, rows: &mut Vec<Row>, cell_lines: &mut Vec<String>, pos: (usize, usize)| {
            if let Some(row) = rows.last_mut()
                && (!cell_lines.is_empty() || pos.0 != 0)
            {
                let src = dedent_lines(cell_lines);
                let r = ctx.cell(&src, pos.0, pos.1);
                row.cells.push(Cell {
                    source: src,
                    text: r.text,
                    html: r.html,
                    line: pos.0,
                    column: pos.1,
                    padded: false,
                });
                row.written += 1;
            }
            cell_lines.clear();
        };
    let bad = |ctx: &mut Ctx| {
        table_error(
            ctx,
            d,
            SphinxLevel::Error,
            format!(
                "Error parsing content block for the \"{}\" directive: exactly one bullet list expected.",
                d.name
            ),
            &rules::TABLE_SHAPE,
        );
    };
    for (k, raw) in d.body.iter().enumerate() {
        let ln = d.body_line + k;
        let (indent, rest) = myst::split_indent(raw);
        if rest.is_empty() {
            if !cell_lines.is_empty() {
                cell_lines.push(String::new());
            }
            continue;
        }
        let is_bullet =
            |r: &str| r.starts_with("* ") || r.starts_with("- ") || r == "*" || r == "-";
        if is_bullet(rest) && row_indent.is_none_or(|ri| indent <= ri) {
            flush_cell(ctx, &mut rows, &mut cell_lines, cell_pos);
            cell_pos = (0, 0);
            row_indent = Some(indent);
            rows.push(Row {
                cells: Vec::new(),
                line: ln,
                written: 0,
                blank: false,
            });
            let inner = rest[1..].trim_start();
            let off = indent + (rest.len() - inner.len());
            if let Some((ci, cr)) = Some(myst::split_indent(inner))
                && is_bullet(cr)
            {
                let content = cr[1..].trim_start();
                cell_pos = (ln, d.col + off + ci + (cr.len() - content.len()) + 1);
                cell_lines.push(content.to_string());
            } else if !inner.is_empty() {
                bad(ctx);
                return None;
            }
            continue;
        }
        if is_bullet(rest) {
            flush_cell(ctx, &mut rows, &mut cell_lines, cell_pos);
            let content = rest[1..].trim_start();
            cell_pos = (ln, d.col + indent + (rest.len() - content.len()) + 1);
            cell_lines.push(content.to_string());
            continue;
        }
        if rows.is_empty() {
            bad(ctx);
            return None;
        }
        cell_lines.push(raw.clone());
    }
    flush_cell(ctx, &mut rows, &mut cell_lines, cell_pos);
    if rows.is_empty() {
        table_error(
            ctx,
            d,
            SphinxLevel::Error,
            format!("The \"{}\" directive is empty; content required.", d.name),
            &rules::TABLE_SHAPE,
        );
        return None;
    }
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if rows.iter().any(|r| r.cells.len() != cols) {
        table_error(
            ctx,
            d,
            SphinxLevel::Error,
            format!(
                "Error parsing content block for the \"{}\" directive: uniform two-level bullet list expected, but row {} does not contain the same number of items as row 1 ({} vs {cols}).",
                d.name,
                rows.iter().position(|r| r.cells.len() != cols).unwrap_or(0) + 1,
                rows.iter()
                    .find(|r| r.cells.len() != cols)
                    .map_or(0, |r| r.cells.len()),
            ),
            &rules::ROW_WIDTH,
        );
        return None;
    }
    let header_rows = d.int("header-rows");
    if header_rows > rows.len() {
        table_error(
            ctx,
            d,
            SphinxLevel::Error,
            format!(
                "{header_rows} header row(s) specified but only {} row(s) of data supplied (\"{}\" directive).",
                rows.len(),
                d.name
            ),
            &rules::TABLE_SHAPE,
        );
        return None;
    }
    let body = rows.split_off(header_rows);
    let (colwidths, widths) = match d.option("widths") {
        Some(OptValue::Widths(w)) if w.len() == cols => (w.clone(), "given"),
        Some(OptValue::Widths(_)) => {
            table_error(
                ctx,
                d,
                SphinxLevel::Error,
                format!(
                    "\"{}\" widths do not match the number of columns in table ({cols}).",
                    d.name
                ),
                &rules::TABLE_SHAPE,
            );
            return None;
        }
        Some(OptValue::Auto) => (default_widths(cols), "auto"),
        _ => (default_widths(cols), "default"),
    };
    let table = Table {
        syntax: "list-table",
        title: d.arguments.first().map(|a| ctx.inline(a)),
        cols,
        header: rows,
        header_option_rows: 0,
        rows: body,
        align_cols: Vec::new(),
        colwidths,
        widths,
        stub_columns: d.int("stub-columns"),
        align: match d.option("align") {
            Some(OptValue::Text(a)) => a.clone(),
            _ => None,
        },
        width: None,
        file: None,
        named: false,
    };
    Some(Node::new(Kind::Table(Box::new(table)), d.line))
}

fn dedent_lines(lines: &[String]) -> String {
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| myst::split_indent(l).0)
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push(l.clone());
        } else {
            out.push(l.chars().skip(margin).collect());
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// MyST's `{table}`: a caption around one pipe table.
fn titled_table(ctx: &mut Ctx, d: &Invocation) -> Option<Node> {
    let nodes = ctx.parse_nested(d.body, d.body_line - 1, d.col, false);
    let mut table = nodes
        .into_iter()
        .find(|n| matches!(n.kind, Kind::Table(_)))?;
    if let Kind::Table(t) = &mut table.kind {
        t.title = d.arguments.first().map(|a| ctx.inline(a));
    }
    table.line = d.line;
    Some(table)
}

/// Sphinx warns when Pygments has no lexer of that name (at HTML time).
fn check_lexer(ctx: &mut Ctx, language: &str, line: usize) {
    if !known_lexer(language) {
        ctx.warn(
            line,
            SphinxLevel::Warning,
            "misc.highlighting_failure",
            format!("Pygments lexer name '{language}' is not known"),
        );
    }
}

/// Pygments lexer aliases commonly used in documentation (plus Sphinx's own names).
fn known_lexer(name: &str) -> bool {
    const KNOWN: &[&str] = &[
        "default",
        "none",
        "text",
        "txt",
        "plain",
        "output",
        "console",
        "shell-session",
        "bash",
        "sh",
        "shell",
        "zsh",
        "ksh",
        "fish",
        "powershell",
        "ps1",
        "pwsh",
        "bat",
        "batch",
        "doscon",
        "python",
        "py",
        "python3",
        "py3",
        "pycon",
        "ipython",
        "ipython3",
        "pytb",
        "python2",
        "py2",
        "cython",
        "c",
        "h",
        "cpp",
        "c++",
        "cxx",
        "hpp",
        "cc",
        "objective-c",
        "objc",
        "java",
        "kotlin",
        "kt",
        "scala",
        "groovy",
        "go",
        "golang",
        "rust",
        "rs",
        "swift",
        "csharp",
        "c#",
        "cs",
        "fsharp",
        "f#",
        "vb.net",
        "vbnet",
        "javascript",
        "js",
        "jsx",
        "typescript",
        "ts",
        "tsx",
        "json",
        "json5",
        "jsonc",
        "yaml",
        "yml",
        "toml",
        "ini",
        "cfg",
        "dosini",
        "properties",
        "xml",
        "html",
        "xhtml",
        "htm",
        "css",
        "scss",
        "sass",
        "less",
        "sql",
        "mysql",
        "postgresql",
        "psql",
        "plpgsql",
        "sqlite3",
        "tsql",
        "markdown",
        "md",
        "rst",
        "restructuredtext",
        "latex",
        "tex",
        "diff",
        "udiff",
        "patch",
        "make",
        "makefile",
        "cmake",
        "docker",
        "dockerfile",
        "nginx",
        "apache",
        "apacheconf",
        "http",
        "graphql",
        "protobuf",
        "proto",
        "thrift",
        "ruby",
        "rb",
        "php",
        "perl",
        "pl",
        "lua",
        "r",
        "julia",
        "jl",
        "matlab",
        "octave",
        "haskell",
        "hs",
        "elixir",
        "ex",
        "erlang",
        "erl",
        "clojure",
        "clj",
        "lisp",
        "scheme",
        "ocaml",
        "dart",
        "zig",
        "nim",
        "d",
        "fortran",
        "ada",
        "cobol",
        "pascal",
        "delphi",
        "asm",
        "nasm",
        "gas",
        "llvm",
        "wasm",
        "verilog",
        "vhdl",
        "systemverilog",
        "terraform",
        "hcl",
        "tf",
        "jinja",
        "django",
        "handlebars",
        "mustache",
        "twig",
        "vim",
        "emacs-lisp",
        "elisp",
        "awk",
        "sed",
        "tcl",
        "csv",
        "gdscript",
        "solidity",
        "kusto",
        "mermaid",
        "dot",
        "graphviz",
        "abnf",
        "bnf",
        "ebnf",
        "pycon3",
        "doscon",
        "postscript",
        "rest",
        "po",
        "pot",
        "openapi",
        "jsonld",
        "xslt",
        "svg",
        "coffeescript",
        "coffee",
        "elm",
        "purescript",
        "crystal",
        "v",
        "vala",
        "rexx",
        "prolog",
        "smalltalk",
        "coq",
        "idris",
        "agda",
        "lean",
        "isabelle",
        "sml",
        "racket",
        "rkt",
        "cuda",
        "glsl",
        "hlsl",
        "opencl",
        "arduino",
        "qml",
        "kql",
        "nix",
        "bicep",
        "ruby-console",
        "irb",
        "psysh",
        "mysql-console",
        "sqlite",
        "teraterm",
        "registry",
        "reg",
        "systemd",
        "cucumber",
        "gherkin",
        "robotframework",
        "apl",
        "j",
        "k",
        "q",
        "sas",
        "stata",
        "spss",
        "mathematica",
        "maple",
        "gap",
        "sage",
    ];
    KNOWN.contains(&name.to_ascii_lowercase().as_str())
}

/// A standalone `.csv` file: read with the csv-table dialect (so a file reads
/// the same on its own as through `:file:`), first row the header.
pub(super) fn csv_file(ctx: &mut Ctx, text: &str) -> Option<Node> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let recs = match table::read_csv(&lines, Dialect::default()) {
        Ok(recs) => recs,
        Err(e) => {
            let at = (e.line + 1, e.column + 1);
            ctx.push(finding(
                &ctx.file,
                &rules::CSV_SYNTAX,
                at,
                None,
                format!("CSV syntax error: {}", e.message),
            ));
            return None;
        }
    };
    let mut rows: Vec<Row> = records_to_rows(ctx, recs, 1, 0, false)
        .into_iter()
        .filter(|r| !r.blank)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let header = vec![rows.remove(0)];
    let mut table = Table {
        syntax: "csv",
        title: None,
        cols,
        header,
        header_option_rows: 0,
        rows,
        align_cols: Vec::new(),
        colwidths: default_widths(cols),
        widths: "default",
        stub_columns: 0,
        align: None,
        width: None,
        file: None,
        named: false,
    };
    pad_rows(&mut table);
    Some(Node::new(Kind::Table(Box::new(table)), 1))
}
