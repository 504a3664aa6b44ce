//! MyST Markdown → a document tree shaped like the doctree Sphinx builds.
//!
//! [`parse`] is the entry point. The block scanner in [`myst`] finds MyST's
//! own constructs; plain CommonMark between them is parsed by pulldown-cmark
//! (the only place its `Options` are chosen is [`markdown_options`]);
//! directives run here; sections and ids are resolved as docutils resolves
//! them (see [`crate::anchors`]).

pub mod directive;
pub mod inspect;
pub mod myst;
pub mod options;
pub mod smartquotes;
pub mod table;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::anchors::{IdRegistry, make_id, normalize_name};
use crate::diag::{DiagSpan, Diagnostic, SphinxLevel, SphinxWarning};
use crate::html::{escape, escape_text, sanitize};
use crate::rules::{self, Rule};
use crate::source::SourceFile;

/// What the reader is configured to do (Sphinx's settings that change parsing).
#[derive(Debug, Clone)]
pub struct ParseConfig {
    /// MyST's `colon_fence` extension (on by default, as in the seed's project).
    pub colon_fences: bool,
    /// docutils' smart quotes (Sphinx's default: on).
    pub smartquotes: bool,
    /// MyST's `myst_heading_anchors` (0: off).
    pub heading_anchors: usize,
    /// The catalog folder: `:file:` may not leave it.
    pub root: Option<PathBuf>,
}

impl Default for ParseConfig {
    fn default() -> Self {
        ParseConfig {
            colon_fences: true,
            smartquotes: true,
            heading_anchors: 0,
            root: None,
        }
    }
}

/// A parsed page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// Top-level nodes (sections nest their content).
    pub children: Vec<Node>,
    /// Every fence and code block, in render order.
    pub fences: Vec<FenceRecord>,
    /// What the reader found: what Sphinx would print for this page, plus
    /// errdocs' own refusals.
    pub diagnostics: Vec<Diagnostic>,
    /// Files read through `:file:` options (so they are not read again on their own).
    #[serde(skip)]
    pub includes: Vec<PathBuf>,
    /// Every `(label)=` and `:name:`, in source order.
    pub labels: Vec<Label>,
    /// Every `{ref}` role and `#anchor` link, in source order.
    pub references: Vec<Reference>,
}

/// A label: `(label)=` or a directive's `:name:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The reference name (normalised: lower case, single spaces).
    pub name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the label text.
    pub column: usize,
}

/// A cross-reference in inline text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The label a `{ref}` names, or the id after `#` in a link.
    pub target: String,
    /// `{ref}` role (true) or `#anchor` link (false).
    pub role: bool,
    /// 1-based line of the block that holds it.
    pub line: usize,
}

/// A node of the document tree.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// What the node is.
    pub kind: Kind,
    /// Its ids; the first is the HTML id.
    pub ids: Vec<String>,
    /// Its reference names.
    pub names: Vec<String>,
    /// Names dropped because another node had them too.
    pub dupnames: Vec<String>,
    /// Classes.
    pub classes: Vec<String>,
    /// 1-based line in the file where the node starts.
    pub line: usize,
    /// Child nodes.
    pub children: Vec<Node>,
    /// Ids of labels on a non-section node, registered before automatic ids
    /// and appended after them (docutils' AutoNumbering runs before target
    /// propagation).
    #[serde(skip)]
    pending_ids: Vec<String>,
    /// A `(label)=` with no node after it: it keeps its own id.
    #[serde(skip)]
    unattached: bool,
}

impl Node {
    pub(crate) fn new(kind: Kind, line: usize) -> Self {
        Node {
            kind,
            ids: Vec::new(),
            names: Vec::new(),
            dupnames: Vec::new(),
            classes: Vec::new(),
            line,
            children: Vec::new(),
            pending_ids: Vec::new(),
            unattached: false,
        }
    }

    /// docutils' tag name of the node (`section`, `paragraph`, `note`, …).
    pub fn tag(&self) -> &str {
        match &self.kind {
            Kind::Section { .. } => "section",
            Kind::Paragraph(_) => "paragraph",
            Kind::Rubric(_) => "rubric",
            Kind::LiteralBlock { .. } => "literal_block",
            Kind::Table(_) => "table",
            Kind::Admonition { name, .. } => name,
            Kind::Container => "container",
            Kind::Target { .. } => "target",
            Kind::List { ordered: false } => "bullet_list",
            Kind::List { ordered: true } => "enumerated_list",
            Kind::ListItem => "list_item",
            Kind::BlockQuote => "block_quote",
            Kind::Transition => "transition",
            Kind::Html(_) => "raw",
        }
    }

    /// The node's text as docutils' `astext()` gives it (blocks joined by blank lines).
    pub fn text(&self) -> String {
        match &self.kind {
            Kind::Paragraph(i) | Kind::Rubric(i) => i.text.clone(),
            Kind::Section { title, .. } => title.text.clone(),
            Kind::LiteralBlock { text, .. } => text.clone(),
            Kind::Html(raw) => raw.clone(),
            Kind::Target { .. } | Kind::Transition => String::new(),
            // A nested admonition shows its title too.
            Kind::Admonition { name, title } => {
                let title = title
                    .as_ref()
                    .map_or_else(|| admonition_title(name), |t| t.text.clone());
                std::iter::once(title)
                    .chain(self.children.iter().map(Node::text))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            }
            _ => self
                .children
                .iter()
                .map(Node::text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n"),
        }
    }

    /// Like [`Node::text`], before smart quotes.
    pub fn plain(&self) -> String {
        match &self.kind {
            Kind::Paragraph(i) | Kind::Rubric(i) => i.plain.clone(),
            Kind::Section { title, .. } => title.plain.clone(),
            Kind::LiteralBlock { .. } | Kind::Html(_) | Kind::Target { .. } | Kind::Transition => {
                self.text()
            }
            _ => self
                .children
                .iter()
                .map(Node::plain)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n"),
        }
    }
}

/// The kinds of node errdocs reads.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    /// A section; its title is the heading.
    Section {
        /// 1 = top level.
        depth: usize,
        /// The heading.
        title: Inline,
    },
    /// A paragraph.
    Paragraph(Inline),
    /// A heading inside a directive (docutils makes it a rubric).
    Rubric(Inline),
    /// A code block.
    LiteralBlock {
        /// The highlighting language (`default`, `none`, …).
        language: String,
        /// The code.
        text: String,
    },
    /// A table.
    Table(Box<Table>),
    /// An admonition: `note`, `warning`, …, or `admonition` with a title.
    Admonition {
        /// The directive name (lower case).
        name: String,
        /// The title of a generic admonition.
        title: Option<Inline>,
    },
    /// A colon fence without a directive name.
    Container,
    /// A `(label)=` target.
    Target {
        /// The id of the node the label went to.
        refid: Option<String>,
    },
    /// A bullet or numbered list; children are list items.
    List {
        /// Numbered.
        ordered: bool,
    },
    /// One list item.
    ListItem,
    /// A block quote.
    BlockQuote,
    /// A thematic break.
    Transition,
    /// A raw HTML block (kept as source; never rendered unescaped).
    Html(String),
}

/// Inline Markdown, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inline {
    /// The Markdown as written.
    pub source: String,
    /// Plain text (smart quotes applied, markup removed, line breaks kept).
    pub text: String,
    /// Plain text before smart quotes (what docutils derives names and ids from).
    pub plain: String,
    /// Sanitised HTML.
    pub html: String,
}

/// A table, whatever syntax it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// `csv-table`, `list-table` or `pipe`.
    pub syntax: &'static str,
    /// The caption.
    pub title: Option<Inline>,
    /// Number of columns.
    pub cols: usize,
    /// Header rows (`:header:` rows first, then `:header-rows:` rows).
    pub header: Vec<Row>,
    /// How many of the header rows came from the `:header:` option.
    pub header_option_rows: usize,
    /// Body rows.
    pub rows: Vec<Row>,
    /// Pipe tables: per column alignment.
    pub align_cols: Vec<Option<String>>,
    /// Relative column widths.
    pub colwidths: Vec<u32>,
    /// `given`, `auto` or `default`.
    pub widths: &'static str,
    /// `:stub-columns:`.
    pub stub_columns: usize,
    /// `:align:`.
    pub align: Option<String>,
    /// `:width:`.
    pub width: Option<String>,
    /// The file the rows came from, when `:file:` was used.
    pub file: Option<PathBuf>,
    /// The table has a `:name:` (so it gets no automatic id).
    pub named: bool,
}

/// One table row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The cells, padded to the table's width.
    pub cells: Vec<Cell>,
    /// 1-based line where the row starts.
    pub line: usize,
    /// How many cells the source row really had.
    pub written: usize,
    /// The row came from a blank line.
    pub blank: bool,
}

/// One table cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The cell's Markdown source (for CSV: the field after unquoting).
    pub source: String,
    /// Plain text.
    pub text: String,
    /// Sanitised HTML.
    pub html: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (Unicode scalars).
    pub column: usize,
    /// Added by padding, not in the source.
    pub padded: bool,
}

/// A fence or code block, as MyST rendered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FenceRecord {
    /// `fence`, `colon_fence` or `indented_code`.
    pub kind: &'static str,
    /// The fence characters.
    pub markup: String,
    /// The info string.
    pub info: String,
    /// Raw content.
    pub content: String,
    /// 0 at the top; +1 for each enclosing directive.
    pub depth: usize,
}

/// A finding of the reader: a finding of `rule` at `at` (line, column), and
/// `sphinx`, the warning Sphinx prints for the same construct (its line,
/// level and type), if it prints one.
pub(crate) fn finding(
    file: &Path,
    rule: &'static Rule,
    at: (usize, usize),
    sphinx: Option<(usize, SphinxLevel, &'static str)>,
    message: String,
) -> Diagnostic {
    let mut d = rule.at(
        DiagSpan::at(file, at.0, at.1, 1),
        message.replace('\n', " "),
    );
    if let Some((line, level, kind)) = sphinx {
        d.sphinx = Some(SphinxWarning {
            line,
            level,
            kind,
            message,
        });
    }
    d
}

/// Parses one page.
pub fn parse(src: &SourceFile, config: &ParseConfig) -> Document {
    let mut ctx = Ctx::new(config, &src.path);
    let lines: Vec<&str> = src.text.split('\n').collect();
    let lines = trim_final_empty(&lines);
    ctx.collect_link_definitions(lines);
    let flat = ctx.parse_lines(lines, 0, 0);
    let mut doc_nodes = build_sections(&src.path, flat, &mut ctx.doc.diagnostics);
    resolve_ids(&mut doc_nodes, config);
    ctx.doc.children = doc_nodes;
    ctx.doc.references = ctx.found_refs.take();
    ctx.doc
}

/// Reads a standalone `.csv` file as a page holding one table (first row the
/// header), cells rendered as csv-table cells are.
pub fn parse_csv_file(src: &SourceFile, config: &ParseConfig) -> Document {
    let mut ctx = Ctx::new(config, &src.path);
    if let Some(table) = directive::csv_file(&mut ctx, &src.text) {
        ctx.doc.children.push(table);
    }
    ctx.doc
}

/// Renders inline Markdown (a title, a pipe-table cell) to text and sanitised HTML.
pub fn render_inline(source: &str, smartquotes: bool) -> Inline {
    let config = ParseConfig {
        smartquotes,
        ..ParseConfig::default()
    };
    Ctx::new(&config, Path::new("")).inline(source)
}

/// Renders block Markdown (a csv-table cell is a small MyST document) to text and HTML.
pub fn render_blocks(source: &str, smartquotes: bool) -> Inline {
    let config = ParseConfig {
        smartquotes,
        ..ParseConfig::default()
    };
    Ctx::new(&config, Path::new("")).cell(source, 1, 1)
}

/// The one place pulldown-cmark's options are chosen. (Smart quotes are
/// docutils' algorithm, applied to text events afterwards: see [`smartquotes`].)
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// HTML of a sequence of nodes (a cell, an admonition body, a section's prose).
pub fn nodes_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        node_html(n, &mut out);
    }
    out
}

fn node_html(n: &Node, out: &mut String) {
    use std::fmt::Write;
    let id_attr = |n: &Node| match n.ids.first() {
        Some(id) => format!(" id=\"{}\"", escape(id)),
        None => String::new(),
    };
    match &n.kind {
        Kind::Paragraph(i) => {
            let _ = write!(out, "<p{}>{}</p>", id_attr(n), i.html);
        }
        Kind::Rubric(i) => {
            let _ = write!(out, "<p class=\"rubric\"{}>{}</p>", id_attr(n), i.html);
        }
        Kind::LiteralBlock { language, text } => {
            let _ = write!(
                out,
                "<pre><code class=\"language-{}\">{}</code></pre>",
                escape(language),
                escape(text)
            );
        }
        Kind::List { ordered } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for item in &n.children {
                out.push_str("<li>");
                match item.children.as_slice() {
                    [only] if matches!(only.kind, Kind::Paragraph(_)) => {
                        if let Kind::Paragraph(i) = &only.kind {
                            out.push_str(&i.html);
                        }
                    }
                    children => out.push_str(&nodes_html(children)),
                }
                out.push_str("</li>");
            }
            let _ = write!(out, "</{tag}>");
        }
        Kind::ListItem => out.push_str(&nodes_html(&n.children)),
        Kind::BlockQuote => {
            let _ = write!(out, "<blockquote>{}</blockquote>", nodes_html(&n.children));
        }
        Kind::Transition => out.push_str("<hr>"),
        Kind::Html(raw) => out.push_str(&sanitize(raw)),
        Kind::Target { .. } => {
            for id in &n.ids {
                let _ = write!(out, "<span id=\"{}\"></span>", escape(id));
            }
        }
        Kind::Admonition { name, title } => {
            let title_html = match title {
                Some(t) => t.html.clone(),
                None => escape(&admonition_title(name)),
            };
            let mut classes = vec!["admonition".to_string(), name.clone()];
            classes.extend(n.classes.iter().cloned());
            let _ = write!(
                out,
                "<div class=\"{}\"{}><p class=\"admonition-title\">{}</p>{}</div>",
                escape(&classes.join(" ")),
                id_attr(n),
                title_html,
                nodes_html(&n.children)
            );
        }
        Kind::Container => {
            let _ = write!(
                out,
                "<div class=\"{}\"{}>{}</div>",
                escape(&n.classes.join(" ")),
                id_attr(n),
                nodes_html(&n.children)
            );
        }
        Kind::Table(t) => {
            let _ = write!(out, "<table{}>", id_attr(n));
            if let Some(title) = &t.title {
                let _ = write!(out, "<caption>{}</caption>", title.html);
            }
            for (rows, cell_tag) in [(&t.header, "th"), (&t.rows, "td")] {
                for r in rows
                    .iter()
                    .filter(|r| r.cells.iter().any(|c| !c.text.is_empty()) || cell_tag == "td")
                {
                    out.push_str("<tr>");
                    for c in &r.cells {
                        let _ = write!(out, "<{cell_tag}>{}</{cell_tag}>", c.html);
                    }
                    out.push_str("</tr>");
                }
            }
            out.push_str("</table>");
        }
        Kind::Section { depth, title } => {
            let _ = write!(out, "<section{}>", id_attr(n));
            for id in n.ids.iter().skip(1) {
                let _ = write!(out, "<span id=\"{}\"></span>", escape(id));
            }
            let h = (*depth + 1).min(6);
            let _ = write!(out, "<h{h}>{}</h{h}>", title.html);
            out.push_str(&nodes_html(&n.children));
            out.push_str("</section>");
        }
    }
}

/// The title Sphinx shows on an admonition (`note` → "Note", `seealso` → "See also").
pub fn admonition_title(name: &str) -> String {
    match name {
        "seealso" => "See also".into(),
        n => {
            let mut c = n.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

fn trim_final_empty<'a, 'b>(lines: &'b [&'a str]) -> &'b [&'a str] {
    match lines.split_last() {
        Some((&"", rest)) => rest,
        _ => lines,
    }
}

/// Items in document order before sections are built.
enum Flat {
    Heading {
        level: usize,
        title: Inline,
        line: usize,
    },
    Node(Node),
    Target {
        label: String,
        line: usize,
    },
}

/// Text with nothing Markdown would read as markup (most catalog cells):
/// rendered directly, as pulldown-cmark would render it, without parsing.
pub(crate) fn plain_inline(source: &str, smartquotes: bool) -> Option<Inline> {
    let first = source.chars().next()?;
    let special = |c: char| {
        matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '&'
                | '!'
                | '~'
                | '{'
                | '}'
                | '|'
                | '$'
                | '\n'
                | '\r'
                | '\t'
                | '#'
        )
    };
    if !first.is_alphanumeric() || source.ends_with(' ') || source.chars().any(special) {
        return None;
    }
    // `1. x` / `1) x` would start a list.
    let digits = source.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(source[digits..].chars().next(), Some('.' | ')')) {
        return None;
    }
    let text = if smartquotes {
        smartquotes::Educator::default().text(source)
    } else {
        source.to_string()
    };
    Some(Inline {
        source: source.to_string(),
        html: escape_text(&text),
        text,
        plain: source.to_string(),
    })
}

struct Ctx<'c> {
    config: &'c ParseConfig,
    /// The page's file (diagnostics name it).
    file: PathBuf,
    /// Its folder (`:file:` is relative to it).
    doc_dir: PathBuf,
    doc: Document,
    depth: usize,
    /// Link reference definitions of the whole page (`[label]: url "title"`).
    refs: HashMap<String, (String, String)>,
    /// The line of the block being rendered (for references found in it).
    cur_line: std::cell::Cell<usize>,
    /// `{ref}` roles and `#anchor` links found while rendering.
    found_refs: std::cell::RefCell<Vec<Reference>>,
}

impl<'c> Ctx<'c> {
    fn new(config: &'c ParseConfig, file: &Path) -> Self {
        Ctx {
            config,
            file: file.to_path_buf(),
            doc_dir: file.parent().map(Path::to_path_buf).unwrap_or_default(),
            doc: Document::default(),
            depth: 0,
            refs: HashMap::new(),
            cur_line: std::cell::Cell::new(1),
            found_refs: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// `[label]: url` definitions anywhere in the page apply everywhere (tables too).
    fn collect_link_definitions(&mut self, lines: &[&str]) {
        for block in myst::scan(lines, self.config.colon_fences) {
            if let myst::Block::Markdown { start, end } = block {
                let text = lines[start..end].join("\n");
                if !text.contains("]:") {
                    continue;
                }
                let mut parser = Parser::new_ext(&text, markdown_options());
                for _ in parser.by_ref() {}
                for (label, def) in parser.reference_definitions().iter() {
                    self.refs.insert(
                        label.to_lowercase(),
                        (
                            def.dest.to_string(),
                            def.title
                                .as_ref()
                                .map(|t| t.to_string())
                                .unwrap_or_default(),
                        ),
                    );
                }
            }
        }
    }

    /// pulldown-cmark events of `text`, with the page's link definitions.
    fn md_events<'t>(
        &self,
        text: &'t str,
        tables: bool,
    ) -> Vec<(Event<'t>, std::ops::Range<usize>)> {
        let refs = &self.refs;
        let mut cb = |link: pulldown_cmark::BrokenLink<'_>| {
            refs.get(&link.reference.to_lowercase()).map(|(u, t)| {
                (
                    pulldown_cmark::CowStr::from(u.clone()),
                    pulldown_cmark::CowStr::from(t.clone()),
                )
            })
        };
        let mut options = markdown_options();
        options.set(Options::ENABLE_TABLES, tables);
        Parser::new_with_broken_link_callback(text, options, Some(&mut cb))
            .into_offset_iter()
            .collect()
    }

    /// Inline-only rendering (titles, pipe-table cells).
    fn inline(&self, source: &str) -> Inline {
        if let Some(inline) = self.plain_text(source) {
            return inline;
        }
        let guarded = escape_block_start(source);
        let events: Vec<Event> = self
            .md_events(&guarded, false)
            .into_iter()
            .map(|(e, _)| e)
            .filter(|e| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            })
            .collect();
        self.inline_events(source, events)
    }

    /// A csv-table cell: a small MyST document of its own.
    fn cell(&mut self, source: &str, line: usize, col: usize) -> Inline {
        self.cur_line.set(line);
        if let Some(inline) = self.plain_text(source) {
            return inline;
        }
        let lines: Vec<String> = source.split('\n').map(str::to_string).collect();
        let saved = std::mem::take(&mut self.doc.fences);
        let nodes = self.parse_nested(&lines, line.saturating_sub(1), col.saturating_sub(1), false);
        self.doc.fences = saved;
        let text = nodes
            .iter()
            .map(Node::text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let plain = nodes
            .iter()
            .map(Node::plain)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let html = match nodes.as_slice() {
            [only] => match &only.kind {
                Kind::Paragraph(i) => i.html.clone(),
                _ => nodes_html(&nodes),
            },
            _ => nodes_html(&nodes),
        };
        Inline {
            source: source.to_string(),
            text,
            plain,
            html,
        }
    }

    fn note_references(&self, events: &[Event]) {
        let line = self.cur_line.get();
        let mut found = self.found_refs.borrow_mut();
        for (k, e) in events.iter().enumerate() {
            match e {
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('#') => {
                    found.push(Reference {
                        target: dest_url[1..].to_string(),
                        role: false,
                        line,
                    });
                }
                Event::Text(t) if t.ends_with("{ref}") => {
                    if let Some(Event::Code(c)) = events.get(k + 1) {
                        let target = match (c.rfind('<'), c.ends_with('>')) {
                            (Some(p), true) => &c[p + 1..c.len() - 1],
                            _ => c.as_ref(),
                        };
                        found.push(Reference {
                            target: target.trim().to_string(),
                            role: true,
                            line,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    /// Text with nothing Markdown would read as markup: see [`plain_inline`].
    fn plain_text(&self, source: &str) -> Option<Inline> {
        plain_inline(source, self.config.smartquotes)
    }

    /// Roles, smart quotes, text and sanitised HTML of inline events.
    fn inline_events(&self, source: &str, events: Vec<Event>) -> Inline {
        let events = merge_text(events);
        self.note_references(&events);
        let events = apply_roles(events);
        let plain = inline_text(&events);
        let events = if self.config.smartquotes {
            educate(events)
        } else {
            events
        };
        // Raw HTML and link targets are the only way markup gets into the
        // output; without them pulldown-cmark's escaped HTML is safe as is.
        let needs_sanitizer = events.iter().any(|e| {
            matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::Link { .. } | Tag::Image { .. })
            )
        });
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
        Inline {
            source: source.to_string(),
            text: inline_text(&events),
            plain,
            html: if needs_sanitizer {
                sanitize(&html)
            } else {
                html
            },
        }
    }

    /// Parses lines whose first line is file line `base` (0-based), indented by `col` columns.
    fn parse_lines(&mut self, lines: &[&str], base: usize, col: usize) -> Vec<Flat> {
        let mut out = Vec::new();
        for block in myst::scan(lines, self.config.colon_fences) {
            match block {
                myst::Block::Markdown { start, end } => {
                    self.markdown_chunk(&lines[start..end], base + start, &mut out)
                }
                myst::Block::Target { line, label } => {
                    let indent = lines[line].len() - lines[line].trim_start().len();
                    self.doc.labels.push(Label {
                        name: normalize_name(&label),
                        line: base + line + 1,
                        column: col + indent + 2,
                    });
                    out.push(Flat::Target {
                        label,
                        line: base + line + 1,
                    })
                }
                myst::Block::Comment { .. } => {}
                myst::Block::PipeTable { start, end } => {
                    let node = self.pipe_table(&lines[start..end], base + start, col);
                    out.push(Flat::Node(node));
                }
                myst::Block::Fence(fence) => {
                    let line = base + fence.open_line + 1;
                    self.doc.fences.push(FenceRecord {
                        kind: if fence.colon { "colon_fence" } else { "fence" },
                        markup: fence.markup.clone(),
                        info: fence.info.clone(),
                        content: fence.content(),
                        depth: self.depth,
                    });
                    for node in directive::run(self, &fence, line, col + fence.indent) {
                        out.push(node);
                    }
                }
            }
        }
        out
    }

    /// Nested parse of directive content (headings become rubrics).
    /// `trailing_newline`: the content is handed over with a final newline (a
    /// plain colon container), so an unclosed fence in it runs over one more
    /// empty line; directive bodies are joined without one.
    fn parse_nested(
        &mut self,
        lines: &[String],
        base: usize,
        col: usize,
        trailing_newline: bool,
    ) -> Vec<Node> {
        self.depth += 1;
        let refs: Vec<&str> = lines
            .iter()
            .map(String::as_str)
            .chain(trailing_newline.then_some(""))
            .collect();
        let flat = self.parse_lines(&refs, base, col);
        self.depth -= 1;
        let mut nodes = Vec::new();
        let mut labels: Vec<(String, usize)> = Vec::new();
        for f in flat {
            match f {
                Flat::Heading { title, line, .. } => {
                    let mut n = Node::new(Kind::Rubric(title.clone()), line);
                    n.names.push(normalize_name(&title.plain));
                    attach_labels(&mut n, &mut labels, &mut nodes);
                    nodes.push(n);
                }
                Flat::Node(mut n) => {
                    attach_labels(&mut n, &mut labels, &mut nodes);
                    nodes.push(n);
                }
                Flat::Target { label, line } => labels.push((label, line)),
            }
        }
        flush_labels(&mut labels, &mut nodes);
        nodes
    }

    fn markdown_chunk(&mut self, lines: &[&str], base: usize, out: &mut Vec<Flat>) {
        let mut text = lines.join("\n");
        text.push('\n');
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let line_of = |off: usize| base + line_starts.partition_point(|&s| s <= off);
        let mut events = self.md_events(&text, true);
        // pulldown-cmark accepts delimiter rows markdown-it does not (`- | -`):
        // such a chunk is read again without tables.
        if events.iter().any(|(e, r)| {
            matches!(e, Event::Start(Tag::Table(_)))
                && text[r.clone()].lines().nth(1).is_none_or(|l| {
                    myst::delimiter_row(l.trim_start_matches(['>', ' ', '\t'])).is_none()
                })
        }) {
            events = self.md_events(&text, false);
        }
        let mut i = 0;
        let mut stack: Vec<Node> = Vec::new();
        while i < events.len() {
            let (ev, range) = &events[i];
            let line = line_of(range.start);
            match ev {
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = find_end(&events, i);
                    let title = self.inline_events(
                        text[range.clone()].trim(),
                        strip_offsets(&events[i + 1..end]),
                    );
                    let title = Inline {
                        source: heading_source(&text[range.clone()]),
                        ..title
                    };
                    let level = heading_level(*level);
                    if stack.is_empty() {
                        out.push(Flat::Heading { level, title, line });
                    } else {
                        push_node(&mut stack, out, Node::new(Kind::Rubric(title), line));
                    }
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = find_end(&events, i);
                    self.cur_line.set(line);
                    let inline = self
                        .inline_events(&text[range.clone()], strip_offsets(&events[i + 1..end]));
                    push_node(&mut stack, out, Node::new(Kind::Paragraph(inline), line));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = find_end(&events, i);
                    let code: String = events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let (language, rec) = match kind {
                        CodeBlockKind::Indented => (
                            "none".to_string(),
                            FenceRecord {
                                kind: "indented_code",
                                markup: String::new(),
                                info: String::new(),
                                content: code.clone(),
                                depth: self.depth,
                            },
                        ),
                        CodeBlockKind::Fenced(info) => {
                            let src = text[range.clone()].trim_start_matches([' ', '>']);
                            let ch = src.chars().next().unwrap_or('`');
                            let markup: String = src.chars().take_while(|&c| c == ch).collect();
                            let lang = info.split_whitespace().next().unwrap_or("default");
                            (
                                lang.to_string(),
                                FenceRecord {
                                    kind: "fence",
                                    markup,
                                    info: info.to_string(),
                                    content: code.clone(),
                                    depth: self.depth,
                                },
                            )
                        }
                    };
                    self.doc.fences.push(rec);
                    push_node(
                        &mut stack,
                        out,
                        Node::new(
                            Kind::LiteralBlock {
                                language,
                                text: code,
                            },
                            line,
                        ),
                    );
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::List(first)) => {
                    stack.push(Node::new(
                        Kind::List {
                            ordered: first.is_some(),
                        },
                        line,
                    ));
                }
                Event::Start(Tag::Item) => stack.push(Node::new(Kind::ListItem, line)),
                Event::Start(Tag::BlockQuote(_)) => stack.push(Node::new(Kind::BlockQuote, line)),
                Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                    if let Some(n) = stack.pop()
                        && !(matches!(n.kind, Kind::BlockQuote) && n.children.is_empty())
                    {
                        push_node(&mut stack, out, n);
                    }
                }
                Event::Rule => push_node(&mut stack, out, Node::new(Kind::Transition, line)),
                Event::Start(Tag::HtmlBlock) => {
                    let end = find_end(&events, i);
                    push_node(
                        &mut stack,
                        out,
                        Node::new(Kind::Html(text[range.clone()].to_string()), line),
                    );
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Table(aligns)) => {
                    // A pipe table inside a list or quote (pulldown-cmark found it).
                    let end = find_end(&events, i);
                    let node = self.contained_table(&events[i..=end], aligns, &text, line_of);
                    push_node(&mut stack, out, node);
                    i = end + 1;
                    continue;
                }
                // Tight list items carry inline content without a paragraph.
                Event::Text(_)
                | Event::Code(_)
                | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
                | Event::InlineHtml(_) => {
                    let mut end = i;
                    let mut depth = 0i32;
                    while end < events.len() {
                        match &events[end].0 {
                            Event::Start(Tag::Paragraph | Tag::List(_) | Tag::CodeBlock(_)) => {
                                break;
                            }
                            Event::Start(_) => depth += 1,
                            Event::End(_) if depth == 0 => break,
                            Event::End(_) => depth -= 1,
                            _ => {}
                        }
                        end += 1;
                    }
                    let src_end = events
                        .get(end.saturating_sub(1))
                        .map_or(range.end, |(_, r)| r.end);
                    let inline = self.inline_events(
                        &text[range.start..src_end.max(range.start)],
                        strip_offsets(&events[i..end]),
                    );
                    push_node(&mut stack, out, Node::new(Kind::Paragraph(inline), line));
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        while let Some(n) = stack.pop() {
            push_node(&mut stack, out, n);
        }
    }

    fn contained_table(
        &self,
        events: &[(Event, std::ops::Range<usize>)],
        aligns: &[pulldown_cmark::Alignment],
        text: &str,
        line_of: impl Fn(usize) -> usize,
    ) -> Node {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut in_head = false;
        let mut cur: Option<Row> = None;
        let mut k = 0;
        while k < events.len() {
            let (e, r) = &events[k];
            match e {
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    cur = Some(Row {
                        cells: Vec::new(),
                        line: line_of(r.start),
                        written: 0,
                        blank: false,
                    });
                }
                Event::Start(Tag::TableRow) => {
                    cur = Some(Row {
                        cells: Vec::new(),
                        line: line_of(r.start),
                        written: 0,
                        blank: false,
                    })
                }
                Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    if let Some(row) = cur.take() {
                        if in_head {
                            header.push(row);
                        } else {
                            rows.push(row);
                        }
                    }
                    in_head = false;
                }
                Event::Start(Tag::TableCell) => {
                    let mut depth = 0;
                    let mut end = k + 1;
                    while end < events.len() {
                        match &events[end].0 {
                            Event::Start(_) => depth += 1,
                            Event::End(_) if depth == 0 => break,
                            Event::End(_) => depth -= 1,
                            _ => {}
                        }
                        end += 1;
                    }
                    let src = text[r.clone()]
                        .trim()
                        .trim_matches('|')
                        .trim()
                        .replace("\\|", "|");
                    let inline = self.inline_events(&src, strip_offsets(&events[k + 1..end]));
                    if let Some(row) = cur.as_mut() {
                        row.written += 1;
                        row.cells.push(Cell {
                            source: src,
                            text: inline.text,
                            html: inline.html,
                            line: line_of(r.start),
                            column: 1,
                            padded: false,
                        });
                    }
                    k = end;
                }
                _ => {}
            }
            k += 1;
        }
        let aligns = aligns
            .iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::None => None,
                pulldown_cmark::Alignment::Left => Some("left"),
                pulldown_cmark::Alignment::Center => Some("center"),
                pulldown_cmark::Alignment::Right => Some("right"),
            })
            .collect();
        let line = line_of(events.first().map_or(0, |(_, r)| r.start)).max(1);
        pipe_table_node(aligns, header, rows, line)
    }

    fn pipe_table(&mut self, lines: &[&str], base: usize, col: usize) -> Node {
        let aligns = myst::delimiter_row(lines[1]).unwrap_or_default();
        let cols = aligns.len();
        let make_row = |line: &str, ln: usize| {
            self.cur_line.set(ln);
            let (cells, written) = table::pipe_row(line, cols);
            Row {
                cells: cells
                    .into_iter()
                    .enumerate()
                    .map(|(k, (src, c))| {
                        let r = self.inline(&src);
                        Cell {
                            text: r.text,
                            html: r.html,
                            source: src,
                            line: ln,
                            column: col + c + 1,
                            padded: k >= written,
                        }
                    })
                    .collect(),
                line: ln,
                written,
                blank: false,
            }
        };
        let header = vec![make_row(lines[0], base + 1)];
        let rows = lines[2..]
            .iter()
            .enumerate()
            .map(|(k, l)| make_row(l, base + 3 + k))
            .collect();
        pipe_table_node(aligns, header, rows, base + 1)
    }

    fn warn(
        &mut self,
        line: usize,
        level: SphinxLevel,
        kind: &'static str,
        message: impl Into<String>,
    ) {
        self.push(finding(
            &self.file,
            &rules::SPHINX_WARNING,
            (line, 1),
            Some((line, level, kind)),
            message.into(),
        ));
    }

    fn push(&mut self, d: Diagnostic) {
        self.doc.diagnostics.push(d);
    }
}

/// A GFM pipe table (column widths are automatic).
fn pipe_table_node(
    aligns: Vec<Option<&str>>,
    header: Vec<Row>,
    rows: Vec<Row>,
    line: usize,
) -> Node {
    let cols = aligns.len();
    Node::new(
        Kind::Table(Box::new(Table {
            syntax: "pipe",
            title: None,
            cols,
            header,
            header_option_rows: 0,
            rows,
            align_cols: aligns.into_iter().map(|a| a.map(str::to_string)).collect(),
            colwidths: vec![(100 / cols.max(1)) as u32; cols],
            widths: "auto",
            stub_columns: 0,
            align: None,
            width: None,
            file: None,
            named: false,
        })),
        line,
    )
}

fn heading_level(l: HeadingLevel) -> usize {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn heading_source(src: &str) -> String {
    let first = src.lines().next().unwrap_or("").trim();
    if first.starts_with('#') {
        let t = first.trim_start_matches('#').trim();
        let t = t.trim_end_matches('#');
        t.trim().to_string()
    } else {
        first.to_string()
    }
}

fn push_node(stack: &mut [Node], out: &mut Vec<Flat>, node: Node) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => out.push(Flat::Node(node)),
    }
}

fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0;
    for (k, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1).max(start)
}

fn strip_offsets<'a>(events: &[(Event<'a>, std::ops::Range<usize>)]) -> Vec<Event<'a>> {
    events.iter().map(|(e, _)| e.clone()).collect()
}

/// Plain text of inline events, as a browser's innerText would show it.
fn inline_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push('\n'),
            // docutils keeps raw HTML as text (a `raw` node's astext is its source).
            Event::InlineHtml(h) | Event::Html(h) => s.push_str(h),
            _ => {}
        }
    }
    s
}

/// Escapes the first character of a line that would otherwise start a block
/// (a list, heading, quote, fence, thematic break, HTML block), so the text
/// is read as inline content only, as in a pipe-table cell.
fn escape_block_start(s: &str) -> String {
    let t = s;
    let first = match t.chars().next() {
        Some(c) => c,
        None => return String::new(),
    };
    let rest = &t[first.len_utf8()..];
    let spaced = |r: &str| r.is_empty() || r.starts_with([' ', '\t']);
    let escape_first = match first {
        '#' | '>' | '<' => true,
        '-' | '+' | '*' | '_' | '=' => {
            spaced(rest) || t.chars().filter(|c| !c.is_whitespace()).all(|c| c == first)
        }
        '`' | '~' => {
            let n = t.chars().take_while(|&c| c == first).count();
            n >= 3 && !(first == '`' && t[n..].contains('`'))
        }
        _ => false,
    };
    if escape_first {
        return format!("\\{t}");
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &t[digits..];
        if (after.starts_with('.') || after.starts_with(')')) && spaced(&after[1..]) {
            return format!("{}\\{}", &t[..digits], after);
        }
    }
    t.to_string()
}

/// Adjacent text events as one (docutils sees one text node).
fn merge_text(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for e in events {
        if let (Event::Text(t), Some(Event::Text(prev))) = (&e, out.last_mut()) {
            *prev = pulldown_cmark::CowStr::from(format!("{prev}{t}"));
            continue;
        }
        out.push(e);
    }
    out
}

/// MyST roles: `` {name}`content` `` shows its content (`{sub}`, `{sup}`,
/// `{kbd}` keep their tag; `{ref}`/`{doc}` show their title text).
fn apply_roles(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some(e) = iter.next() {
        if let Event::Text(t) = &e
            && t.ends_with('}')
            && matches!(iter.peek(), Some(Event::Code(_)))
            && let Some(open) = t.rfind('{')
        {
            let name = &t[open + 1..t.len() - 1];
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '+' | '.'))
            {
                let before = t[..open].to_string();
                let Some(Event::Code(content)) = iter.next() else {
                    continue;
                };
                if !before.is_empty() {
                    out.push(Event::Text(before.into()));
                }
                let shown = match content.rfind('<') {
                    Some(p) if content.ends_with('>') && p > 0 => {
                        content[..p].trim_end().to_string()
                    }
                    _ => content.to_string(),
                };
                match name {
                    "sub" | "subscript" => {
                        out.push(Event::Start(Tag::Subscript));
                        out.push(Event::Text(shown.into()));
                        out.push(Event::End(TagEnd::Subscript));
                    }
                    "sup" | "superscript" => {
                        out.push(Event::Start(Tag::Superscript));
                        out.push(Event::Text(shown.into()));
                        out.push(Event::End(TagEnd::Superscript));
                    }
                    "code" | "literal" | "samp" | "file" | "command" | "envvar" | "kbd" => {
                        out.push(Event::Code(shown.into()))
                    }
                    _ => out.push(Event::Text(shown.into())),
                }
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// docutils' smart quotes over a paragraph's text events.
fn educate(events: Vec<Event>) -> Vec<Event> {
    let mut ed = smartquotes::Educator::default();
    let mut in_code_block = false;
    events
        .into_iter()
        .map(|e| match e {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                e
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                e
            }
            Event::Text(t) if !in_code_block => Event::Text(ed.text(&t).into()),
            Event::Code(ref t) => {
                ed.literal(t);
                e
            }
            e => e,
        })
        .collect()
}

fn attach_labels(node: &mut Node, labels: &mut Vec<(String, usize)>, nodes: &mut Vec<Node>) {
    // Labels go to the next node; their targets stay in place with a refid.
    for (label, line) in labels.drain(..) {
        let mut t = Node::new(Kind::Target { refid: None }, line);
        t.names.push(normalize_name(&label));
        nodes.push(t);
        node.names.push(normalize_name(&label));
    }
}

fn flush_labels(labels: &mut Vec<(String, usize)>, nodes: &mut Vec<Node>) {
    for (label, line) in labels.drain(..) {
        let mut t = Node::new(Kind::Target { refid: None }, line);
        t.names.push(normalize_name(&label));
        t.unattached = true;
        nodes.push(t);
    }
}

/// Builds the section tree from headings (MyST nests by heading level).
fn build_sections(file: &Path, flat: Vec<Flat>, warnings: &mut Vec<Diagnostic>) -> Vec<Node> {
    let mut root: Vec<Node> = Vec::new();
    // Stack of (heading level, section node).
    let mut stack: Vec<(usize, Node)> = Vec::new();
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut prev_level = 0usize;

    fn place(root: &mut Vec<Node>, stack: &mut [(usize, Node)], node: Node) {
        match stack.last_mut() {
            Some((_, s)) => s.children.push(node),
            None => root.push(node),
        }
    }
    fn close_to(root: &mut Vec<Node>, stack: &mut Vec<(usize, Node)>, level: usize) {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            let Some((_, s)) = stack.pop() else { break };
            place(root, stack, s);
        }
    }

    for f in flat {
        match f {
            Flat::Heading { level, title, line } => {
                if level > prev_level + 1 && prev_level > 0 {
                    warnings.push(finding(
                        file,
                        &rules::SPHINX_WARNING,
                        (line, 1),
                        Some((line, SphinxLevel::Warning, "myst.header")),
                        format!("Non-consecutive header level increase; H{prev_level} to H{level}"),
                    ));
                }
                if prev_level == 0 && level > 1 {
                    warnings.push(finding(
                        file,
                        &rules::SPHINX_WARNING,
                        (line, 1),
                        Some((line, SphinxLevel::Warning, "myst.header")),
                        format!("Document headings start at H{level}, not H1"),
                    ));
                }
                prev_level = level;
                let mut section = Node::new(
                    Kind::Section {
                        depth: 0,
                        title: title.clone(),
                    },
                    line,
                );
                section.names.push(normalize_name(&title.plain));
                // Targets before the heading stay where they are (with a refid),
                // at the end of the section that is still open.
                let mut pending: Vec<Node> = Vec::new();
                attach_labels(&mut section, &mut labels, &mut pending);
                for t in pending {
                    place(&mut root, &mut stack, t);
                }
                close_to(&mut root, &mut stack, level);
                if let Kind::Section { depth, .. } = &mut section.kind {
                    *depth = stack.len() + 1;
                }
                stack.push((level, section));
            }
            Flat::Node(mut n) => {
                let mut pending: Vec<Node> = Vec::new();
                attach_labels(&mut n, &mut labels, &mut pending);
                for t in pending {
                    place(&mut root, &mut stack, t);
                }
                place(&mut root, &mut stack, n);
            }
            Flat::Target { label, line } => labels.push((label, line)),
        }
    }
    let mut pending = Vec::new();
    flush_labels(&mut labels, &mut pending);
    for t in pending {
        place(&mut root, &mut stack, t);
    }
    close_to(&mut root, &mut stack, 0);
    hoist_transitions(&mut root);
    root
}

/// docutils moves a transition that ends a section to after the section.
fn hoist_transitions(nodes: &mut Vec<Node>) {
    let mut i = 0;
    while i < nodes.len() {
        if matches!(nodes[i].kind, Kind::Section { .. }) {
            hoist_transitions(&mut nodes[i].children);
            let mut moved = Vec::new();
            while nodes[i]
                .children
                .last()
                .is_some_and(|c| matches!(c.kind, Kind::Transition))
            {
                if let Some(t) = nodes[i].children.pop() {
                    moved.push(t);
                }
            }
            for (k, t) in moved.into_iter().enumerate() {
                nodes.insert(i + 1 + k, t);
            }
        }
        i += 1;
    }
}

/// Assigns ids as docutils does: section slugs and labels first, in document
/// order; then automatic ids for titled tables; labels propagate to the node
/// after their target.
fn resolve_ids(nodes: &mut [Node], config: &ParseConfig) {
    let mut reg = IdRegistry::default();
    let mut seen_names: std::collections::HashMap<String, Vec<usize>> = Default::default();
    let mut counter = 0usize;
    first_pass(nodes, &mut reg, &mut seen_names, &mut counter, config);
    // Implicit (title) names used twice are dropped from every holder.
    let dup: std::collections::HashSet<usize> = seen_names
        .values()
        .filter(|v| v.len() > 1)
        .flatten()
        .copied()
        .collect();
    second_pass(nodes, &mut reg);
    refids_in(nodes);
    let mut k = 0usize;
    mark_dupnames(nodes, &dup, &mut k);
}

fn first_pass(
    nodes: &mut [Node],
    reg: &mut IdRegistry,
    seen: &mut std::collections::HashMap<String, Vec<usize>>,
    counter: &mut usize,
    config: &ParseConfig,
) {
    for n in nodes.iter_mut() {
        if let Kind::Section { depth, title } = &n.kind {
            *counter += 1;
            let title_name = n.names.first().cloned().unwrap_or_default();
            seen.entry(title_name.clone()).or_default().push(*counter);
            let slug = reg.assign([title_name.as_str()]);
            let labels: Vec<String> = n.names.get(1..).unwrap_or_default().to_vec();
            let label_ids: Vec<String> = labels.iter().map(|l| label_id(reg, l)).collect();
            let mut ids = Vec::new();
            if let Some(last) = label_ids.last() {
                ids.push(last.clone());
                ids.push(slug);
                ids.extend(label_ids[..label_ids.len() - 1].iter().cloned());
            } else {
                ids.push(slug);
            }
            if config.heading_anchors >= *depth {
                let gh = github_slug(&title.text);
                if !gh.is_empty() && !ids.contains(&gh) && reg.insert(&gh) {
                    ids.push(gh);
                }
            }
            n.ids = ids;
            // Names: the title, then labels nearest first.
            let mut names = vec![title_name];
            names.extend(labels.into_iter().rev());
            n.names = names;
        } else if matches!(n.kind, Kind::Target { .. }) {
            // A target with a node after it is resolved with that node.
            if n.unattached
                && let Some(name) = n.names.first().cloned()
            {
                n.ids = vec![label_id(reg, &name)];
            }
        } else if !n.names.is_empty() && !matches!(n.kind, Kind::Rubric(_)) {
            // Labels on other nodes: their ids are registered now (explicit targets),
            // placed after any automatic id (AutoNumbering runs before propagation).
            n.pending_ids = n.names.clone().iter().map(|l| label_id(reg, l)).collect();
        } else if let Kind::Rubric(title) = &n.kind {
            let name = normalize_name(&title.plain);
            let extra: Vec<String> = n.names.get(1..).unwrap_or_default().to_vec();
            let mut ids = vec![reg.assign([name.as_str()])];
            ids.extend(extra.iter().map(|l| label_id(reg, l)));
            n.ids = ids;
        }
        first_pass(&mut n.children, reg, seen, counter, config);
    }
}

fn label_id(reg: &mut IdRegistry, name: &str) -> String {
    let id = make_id(name);
    if !id.is_empty() && reg.insert(&id) {
        id
    } else {
        reg.auto()
    }
}

fn mark_dupnames(nodes: &mut [Node], dup: &std::collections::HashSet<usize>, k: &mut usize) {
    for n in nodes.iter_mut() {
        if matches!(n.kind, Kind::Section { .. }) {
            *k += 1;
            if dup.contains(k) {
                let title = n.names.remove(0);
                n.dupnames.push(title);
            }
        }
        mark_dupnames(&mut n.children, dup, k);
    }
}

fn second_pass(nodes: &mut [Node], reg: &mut IdRegistry) {
    for n in nodes.iter_mut() {
        let label_ids = std::mem::take(&mut n.pending_ids);
        if let Kind::Table(t) = &n.kind
            && t.title.is_some()
            && !t.named
            && n.ids.is_empty()
        {
            n.ids.push(reg.auto());
        }
        n.ids.extend(label_ids);
        second_pass(&mut n.children, reg);
    }
}

/// Targets that precede a node take the id their label got there as `refid`;
/// a target with no following node keeps its own id.
fn refids_in(nodes: &mut [Node]) {
    // Find targets and the next non-target node in document order (flattened).
    let mut order: Vec<Vec<usize>> = Vec::new();
    fn paths(nodes: &[Node], prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        for (i, n) in nodes.iter().enumerate() {
            prefix.push(i);
            out.push(prefix.clone());
            paths(&n.children, prefix, out);
            prefix.pop();
        }
    }
    paths(nodes, &mut Vec::new(), &mut order);
    fn get<'a>(nodes: &'a [Node], p: &[usize]) -> &'a Node {
        let mut cur = &nodes[p[0]];
        for &i in &p[1..] {
            cur = &cur.children[i];
        }
        cur
    }
    fn get_mut<'a>(nodes: &'a mut [Node], p: &[usize]) -> &'a mut Node {
        let mut cur = &mut nodes[p[0]];
        for &i in &p[1..] {
            cur = &mut cur.children[i];
        }
        cur
    }
    for (k, p) in order.iter().enumerate() {
        let n = get(nodes, p);
        let Kind::Target { .. } = n.kind else {
            continue;
        };
        let Some(name) = n.names.first().cloned() else {
            continue;
        };
        if n.unattached {
            continue;
        }
        // The next node that carries this name.
        let target_node = order[k + 1..]
            .iter()
            .map(|q| get(nodes, q))
            .find(|m| !matches!(m.kind, Kind::Target { .. }) && m.names.contains(&name));
        if let Some(m) = target_node {
            let pos = m.names.iter().position(|x| *x == name).unwrap_or(0);
            let refid = label_refid(m, pos);
            let t = get_mut(nodes, p);
            t.names.clear();
            t.kind = Kind::Target { refid };
        }
    }
}

/// The id that a label got on its node (names and ids are kept in matching orders).
fn label_refid(m: &Node, name_pos: usize) -> Option<String> {
    match m.kind {
        Kind::Section { .. } => {
            // names: [title, labels nearest-first]; ids: [nearest, slug, others in order].
            let labels = m.names.len() - 1;
            if name_pos == 0 {
                return m.ids.get(1).cloned();
            }
            // nearest-first index among labels: 0 = nearest (ids[0])
            let nearest_idx = name_pos - 1;
            if nearest_idx == 0 {
                m.ids.first().cloned()
            } else {
                // Labels in source order are names[labels..1]; ids[2..] are the
                // non-nearest labels in source order.
                let source_idx = labels - 1 - nearest_idx;
                m.ids.get(2 + source_idx).cloned()
            }
        }
        _ => {
            let auto =
                usize::from(matches!(&m.kind, Kind::Table(t) if t.title.is_some() && !t.named));
            m.ids.get(auto + name_pos).cloned()
        }
    }
}

/// GitHub-style slug (MyST's `myst_heading_anchors`).
fn github_slug(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[cfg(test)]
mod tests;
