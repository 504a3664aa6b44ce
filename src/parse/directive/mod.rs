//! Directives: what a fence with `{name}` turns into, with docutils' and
//! Sphinx's option conversions and messages. One file per directive family
//! (`admonition`, `csv_table`, `list_table`, `table`, `code`);
//! the option block's values are converted by [`options`].

mod admonition;
mod code;
mod csv_table;
mod list_table;
pub mod options;
mod table;

use std::path::Path;

use super::myst::{self, Fence};
use super::{Item, Kind, Node, Reader, finding};
use crate::anchors::normalize_name;
use crate::diag::{DiagSpan, Diagnostic, SphinxLevel, SphinxWarning};
use crate::rules::{self, Rule};

pub use admonition::ADMONITIONS;
pub(super) use csv_table::csv_file;
pub use options::OptValue;
use options::{Converter, convert_options};

struct Spec {
    args: (usize, usize),
    final_ws: bool,
    options: &'static [(&'static str, Converter)],
    /// Takes any option key (MyST's test directive).
    any_option: bool,
}

/// Directives Sphinx (with MyST-Parser) knows that errdocs does not render:
/// no "unknown directive" warning, their content is not shown.
const IGNORED: &[&str] = &[
    "acks",
    "centered",
    "class",
    "codeauthor",
    "compound",
    "container",
    "contents",
    "cssclass",
    "date",
    "default-domain",
    "default-role",
    "deprecated",
    "describe",
    "epigraph",
    "figure",
    "figure-md",
    "footer",
    "header",
    "highlight",
    "highlights",
    "hlist",
    "image",
    "include",
    "index",
    "line-block",
    "literalinclude",
    "math",
    "meta",
    "moduleauthor",
    "object",
    "only",
    "parsed-literal",
    "pull-quote",
    "raw",
    "replace",
    "role",
    "rst-class",
    "rubric",
    "section-numbering",
    "sectionauthor",
    "sectnum",
    "sidebar",
    "tabularcolumns",
    "target-notes",
    "title",
    "toctree",
    "topic",
    "unicode",
    "version-added",
    "version-changed",
    "version-deprecated",
    "version-removed",
    "versionadded",
    "versionchanged",
    "versionremoved",
];

/// The directives of Sphinx's standard domains, by domain; those of `std`
/// and `py` (the default domain) also go without the prefix.
const DOMAIN_DIRECTIVES: &[(&str, &[&str])] = &[
    (
        "c",
        &[
            "alias",
            "enum",
            "enumerator",
            "function",
            "macro",
            "member",
            "namespace",
            "namespace-pop",
            "namespace-push",
            "struct",
            "type",
            "union",
            "var",
        ],
    ),
    (
        "cpp",
        &[
            "alias",
            "class",
            "concept",
            "enum",
            "enum-class",
            "enum-struct",
            "enumerator",
            "function",
            "member",
            "namespace",
            "namespace-pop",
            "namespace-push",
            "struct",
            "type",
            "union",
            "var",
        ],
    ),
    (
        "js",
        &["attribute", "class", "data", "function", "method", "module"],
    ),
    (
        "py",
        &[
            "attribute",
            "class",
            "classmethod",
            "currentmodule",
            "data",
            "decorator",
            "decoratormethod",
            "exception",
            "function",
            "method",
            "module",
            "property",
            "staticmethod",
            "type",
        ],
    ),
    ("rst", &["directive", "directive:option", "role"]),
    (
        "std",
        &[
            "cmdoption",
            "confval",
            "envvar",
            "glossary",
            "option",
            "productionlist",
            "program",
        ],
    ),
];

/// A directive Sphinx knows and errdocs does not render?
fn ignored(name: &str) -> bool {
    if IGNORED.contains(&name) {
        return true;
    }
    let in_domain = |domain: &str, d: &str| {
        DOMAIN_DIRECTIVES
            .iter()
            .any(|(dom, ds)| *dom == domain && ds.contains(&d))
    };
    match name.split_once(':') {
        Some((domain, d)) if in_domain(domain, d) => true,
        _ => in_domain("std", name) || in_domain("py", name),
    }
}

fn spec(name: &str) -> Option<Spec> {
    Some(match name {
        n if admonition::ADMONITIONS.contains(&n) => Spec {
            args: (0, 0),
            final_ws: false,
            options: admonition::OPTIONS,
            any_option: false,
        },
        "admonition" => Spec {
            args: (1, 0),
            final_ws: true,
            options: admonition::OPTIONS,
            any_option: false,
        },
        "csv-table" => Spec {
            args: (0, 1),
            final_ws: true,
            options: csv_table::OPTIONS,
            any_option: false,
        },
        "list-table" => Spec {
            args: (0, 1),
            final_ws: true,
            options: list_table::OPTIONS,
            any_option: false,
        },
        "table" => Spec {
            args: (0, 1),
            final_ws: true,
            options: table::OPTIONS,
            any_option: false,
        },
        "code-block" | "sourcecode" | "code" => Spec {
            args: (0, 1),
            final_ws: false,
            options: code::OPTIONS,
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

/// How deep directives may nest. Sphinx has no set limit but Python's
/// recursion limit stops it long before this would matter in a real page;
/// without a limit a hostile page of nested fences costs quadratic time.
pub const MAX_NESTING: usize = 50;

/// Runs a fence: a directive, a container or a code block.
pub(super) fn run(reader: &mut Reader, fence: &Fence, line: usize, col: usize) -> Vec<Item> {
    if reader.depth >= MAX_NESTING {
        reader.push(finding(&reader.file, &rules::NESTING_DEPTH, (line, col + 1), None, format!(
                "fences nested more than {MAX_NESTING} deep; the content of this one is shown as code"
            )));
        return vec![Item::Node(Node::new(
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
            node.children = reader.parse_nested(&fence.lines, line, col, true);
            return vec![Item::Node(node)];
        }
        let language = fence
            .info
            .split_whitespace()
            .next()
            .unwrap_or("default")
            .to_string();
        code::check_lexer(reader, &language, line);
        return vec![Item::Node(Node::new(
            Kind::LiteralBlock {
                language,
                text: fence.content(),
            },
            line,
        ))];
    };
    let name = raw_name.to_lowercase();
    let prepared = prepare(&reader.file, &raw_name, first_line, &fence.lines, line, col);
    for w in prepared.warnings {
        reader.push(w);
    }
    if let Some(msg) = prepared.fatal {
        let span = DiagSpan::at(&reader.file, line, col + 1, 1);
        reader.push(rules::INVALID_OPTION.second_at(span, msg));
        return Vec::new();
    }
    if name == "eval-rst" {
        eval_rst(reader, &fence.lines, line, col);
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
        options_lost: dt.tokenize_error.is_some(),
    };
    let node = match name.as_str() {
        "restructuredtext-test-directive" => None,
        "csv-table" => csv_table::csv_table(reader, &d),
        "list-table" => list_table::list_table(reader, &d),
        "table" => table::titled_table(reader, &d),
        "code-block" | "sourcecode" | "code" => code::code_block(reader, &d),
        _ => admonition::admonition(reader, &d),
    };
    node.map(|mut n| {
        if let Some(OptValue::Classes(c)) = d.option("class") {
            n.classes.extend(c.iter().cloned());
        }
        if let Some(OptValue::Text(Some(nm))) = d.option("name") {
            n.names.push(normalize_name(nm));
            reader.doc.labels.push(crate::parse::Label {
                name: normalize_name(nm),
                line: d.option_line("name"),
                column: d.col + 2,
            });
            if let Kind::Table(t) = &mut n.kind {
                t.named = true;
            }
        }
        Item::Node(n)
    })
    .into_iter()
    .collect()
}

/// `{eval-rst}`: Sphinx reads its content as reStructuredText, errdocs does
/// not read it (nor shows it). A table in it is an error: its codes are lost.
fn eval_rst(reader: &mut Reader, lines: &[String], line: usize, col: usize) {
    let span = DiagSpan::at(&reader.file, line, col + 1, 1);
    let table = lines.iter().position(|l| rst_table_line(l));
    let d = match table {
        Some(k) => rules::EVAL_RST.second_at(
            span,
            format!(
                "this eval-rst block holds a table (line {}): Sphinx reads the reStructuredText, errdocs does not, so its rows are no codes here and are not on the site",
                line + 1 + k
            ),
        ),
        None => rules::EVAL_RST.at(
            span,
            "errdocs does not read reStructuredText: the content of this eval-rst block is not read and not shown on the site",
        ),
    };
    reader.push(d);
}

/// Does this reStructuredText line start a table (a table directive, a grid
/// table's border, a simple table's column rule)?
fn rst_table_line(line: &str) -> bool {
    let t = line.trim();
    let directive = t.strip_prefix("..").map(str::trim_start).is_some_and(|d| {
        ["list-table::", "csv-table::", "table::", "flat-table::"]
            .iter()
            .any(|k| d.starts_with(k))
    });
    let grid = t.len() > 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'));
    let simple = t.contains(' ')
        && t.split_whitespace().count() > 1
        && t.split_whitespace()
            .all(|w| w.len() > 1 && w.chars().all(|c| c == '='));
    directive || grid || simple
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
        if !ignored(&name) && name != "eval-rst" {
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
        let at = (opt_base + err.mark.line, col + err.mark.column + 2);
        let sphinx = Some((at.0, SphinxLevel::Warning, "myst.directive_option"));
        let message = format!("'{name}': Invalid options format: {}", err.problem);
        let raw = lines
            .get(dt.options_first_line + err.mark.line)
            .map_or("", String::as_str);
        p.warnings
            .push(if matches!(name.as_str(), "csv-table" | "list-table") {
                lost_table_options(file, &name, at, raw, &err.problem, message)
            } else {
                finding(file, &rules::OPTION_SYNTAX, at, sphinx, message)
            });
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
                .any(|(k, c)| *k == o.key && matches!(c, Converter::Char { .. }));
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
    /// The option block could not be read, so MyST dropped all its options.
    options_lost: bool,
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

fn table_error(
    reader: &mut Reader,
    d: &Invocation,
    level: SphinxLevel,
    message: String,
    rule: &'static Rule,
) {
    reader.push(finding(
        &reader.file,
        rule,
        (d.line, d.col + 1),
        Some((d.line, level, "docutils")),
        message,
    ));
}

/// `:widths:` (docutils refuses a list that does not match the columns), or
/// equal widths; and which of `given`, `auto`, `default` they are.
fn column_widths(
    reader: &mut Reader,
    d: &Invocation,
    cols: usize,
) -> Option<(Vec<u32>, &'static str)> {
    match d.option("widths") {
        Some(OptValue::Widths(w)) if w.len() == cols => Some((w.clone(), "given")),
        Some(OptValue::Widths(_)) => {
            table_error(
                reader,
                d,
                SphinxLevel::Error,
                format!(
                    "\"{}\" widths do not match the number of columns in table ({cols}).",
                    d.name
                ),
                &rules::TABLE_SHAPE,
            );
            None
        }
        Some(OptValue::Auto) => Some((csv_table::default_widths(cols), "auto")),
        _ => Some((csv_table::default_widths(cols), "default")),
    }
}

/// A table directive whose option block MyST cannot read: it drops every
/// option, so the table has no header, and without a header no code column.
/// Sphinx only warns; for a catalog it is an error, explained in plain words.
fn lost_table_options(
    file: &Path,
    name: &str,
    at: (usize, usize),
    raw_line: &str,
    problem: &str,
    sphinx_message: String,
) -> Diagnostic {
    let value = raw_line
        .trim_start()
        .trim_start_matches(':')
        .split_once(':')
        .map_or("", |(_, v)| v.trim());
    let why = match value.chars().next() {
        Some(q @ ('"' | '\'')) if value[1..].find(q).is_some_and(|e| e + 2 < value.len()) => {
            format!(
                "a value that starts with a quote must end with it, and `{value}` goes on after the first closing quote"
            )
        }
        _ => format!("MyST's option YAML says: {problem}"),
    };
    let header = if name == "csv-table" {
        "its header"
    } else {
        "its :header-rows:"
    };
    let span = DiagSpan::at(file, at.0, at.1, 1);
    let mut d = rules::OPTION_SYNTAX
        .second_at(
            span,
            format!(
                "the options of this {name} cannot be read ({why}); MyST drops every option of the block, so the table loses {header} and its codes are lost"
            ),
        )
        .with_sphinx(SphinxWarning {
            line: at.0,
            level: SphinxLevel::Warning,
            kind: "myst.directive_option",
            message: sphinx_message,
        });
    if name == "csv-table" {
        d = d.with_help(
            "write the header without quotes, `:header: Error Code, Description`, or fold it: `:header: >-` with the header on the next line",
        );
    }
    d
}
