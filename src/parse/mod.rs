//! MyST Markdown → a document tree shaped like the doctree Sphinx builds.
//!
//! [`parse`] is the entry point. The block scanner in [`myst`] finds MyST's
//! own constructs; the CommonMark between them goes to pulldown-cmark
//! (`blocks`; the only place its `Options` are chosen is
//! [`markdown_options`]); inline text, roles and smart quotes are
//! `inline`'s; each directive family has its file in [`directive`]; CSV is
//! read by [`csv`], pipe tables by [`pipe`]; sections and ids are resolved
//! as docutils resolves them (`ids`, [`crate::anchors`]). The tree is
//! written back as HTML by [`nodes_html`].

mod blocks;
pub mod csv;
pub mod directive;
pub mod footnotes;
mod ids;
mod inline;
pub mod inspect;
mod links;
pub mod myst;
pub mod options;
pub mod pipe;
pub mod roles;
pub mod smartquotes;
mod to_html;

use std::path::{Path, PathBuf};

use pulldown_cmark::Options;
use serde::Serialize;

use crate::diag::{DiagSpan, Diagnostic, SphinxLevel, SphinxWarning};
use crate::rules::Rule;
use crate::source::SourceFile;

pub use footnotes::Footnote;
pub use to_html::{footnotes_html, nodes_html};

use blocks::{Item, Reader, build_sections, trim_final_empty};
use ids::resolve_ids;

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
    /// Sphinx's `language` (`zh_CN`): admonition titles and smart quotes
    /// as Sphinx shows them in that language. `None`: English.
    pub language: Option<String>,
}

impl ParseConfig {
    /// The smart quotes to apply, if any (off by config, or by Sphinx for
    /// the language).
    pub fn quotes(&self) -> Option<smartquotes::Quotes> {
        if self.smartquotes {
            smartquotes::Quotes::for_language(self.language.as_deref())
        } else {
            None
        }
    }
}

impl Default for ParseConfig {
    fn default() -> Self {
        ParseConfig {
            colon_fences: true,
            smartquotes: true,
            heading_anchors: 0,
            root: None,
            language: None,
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
    /// The footnotes, in number order (as Sphinx lists them at the end of
    /// the page); cells name theirs in [`Cell::footnotes`].
    pub footnotes: Vec<Footnote>,
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
    /// The `(label)=` lines before the node (name, line), in source order:
    /// [`ids`] makes their ids and names the node's.
    #[serde(skip)]
    labels: Vec<(String, usize)>,
    /// The ids of its labels, nearest first, appended after the node's own
    /// (docutils' AutoNumbering runs before target propagation).
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
            labels: Vec::new(),
            pending_ids: Vec::new(),
            unattached: false,
        }
    }

    /// The node's content in document order: a table's cells' blocks (an
    /// inner table, an admonition in a cell), then its children.
    pub fn blocks(&self) -> impl Iterator<Item = &[Node]> {
        let cells = match &self.kind {
            Kind::Table(t) => Some(t.header.iter().chain(&t.rows).flat_map(|r| &r.cells)),
            _ => None,
        };
        cells
            .into_iter()
            .flatten()
            .map(|c| c.nested.as_slice())
            .filter(|n| !n.is_empty())
            .chain(std::iter::once(self.children.as_slice()))
    }

    /// [`Node::blocks`], mutably.
    pub(crate) fn blocks_mut(&mut self) -> Vec<&mut Vec<Node>> {
        let mut out = Vec::new();
        if let Kind::Table(t) = &mut self.kind {
            for c in t
                .header
                .iter_mut()
                .chain(t.rows.iter_mut())
                .flat_map(|r| r.cells.iter_mut())
            {
                if !c.nested.is_empty() {
                    out.push(&mut c.nested);
                }
            }
        }
        out.push(&mut self.children);
        out
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
            Kind::Footnote { .. } => "footnote",
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
            // A table's text is its cells', row by row.
            Kind::Table(t) => t
                .header
                .iter()
                .chain(&t.rows)
                .flat_map(|r| &r.cells)
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            // A nested admonition shows its title too.
            Kind::Admonition { title, label, .. } => {
                let title = title
                    .as_ref()
                    .map_or_else(|| label.clone(), |t| t.text.clone());
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
            Kind::LiteralBlock { .. }
            | Kind::Html(_)
            | Kind::Target { .. }
            | Kind::Transition
            | Kind::Table(_) => self.text(),
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
        title: Rendered,
    },
    /// A paragraph.
    Paragraph(Rendered),
    /// A heading inside a directive (docutils makes it a rubric).
    Rubric(Rendered),
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
        title: Option<Box<Rendered>>,
        /// The title Sphinx shows without one, in the page's language
        /// (`note` → "Note", "备注" under `zh_CN`).
        label: String,
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
    /// A footnote definition where it stands; [`parse`] moves every one to
    /// [`Document::footnotes`].
    Footnote {
        /// Its label.
        label: String,
    },
}

/// Rendered Markdown, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rendered {
    /// The Markdown as written.
    pub source: String,
    /// Plain text (smart quotes applied, markup removed, line breaks kept).
    pub text: String,
    /// Plain text before smart quotes (what docutils derives names and ids from).
    pub plain: String,
    /// Sanitised HTML.
    pub html: String,
    /// The labels of the footnotes it references, in order.
    pub footnotes: Vec<String>,
    /// How many automatic ids (`idN`) its inline content takes where it
    /// stands: one per footnote reference, two per role Sphinx cannot run.
    pub auto_ids: usize,
}

/// A table, whatever syntax it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// `csv-table`, `list-table` or `pipe`.
    pub syntax: &'static str,
    /// The caption.
    pub title: Option<Rendered>,
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
    /// Its option block could not be read, so MyST dropped all its options.
    pub options_lost: bool,
}

impl Table {
    /// A table of `syntax` with these rows, `cols` columns of equal width and
    /// no options.
    pub fn new(syntax: &'static str, cols: usize, header: Vec<Row>, rows: Vec<Row>) -> Table {
        Table {
            syntax,
            title: None,
            cols,
            header,
            header_option_rows: 0,
            rows,
            align_cols: Vec::new(),
            colwidths: vec![(100 / cols.max(1)) as u32; cols],
            widths: "default",
            stub_columns: 0,
            align: None,
            width: None,
            file: None,
            named: false,
            options_lost: false,
        }
    }
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
    /// The cell's blocks, when they hold a table or an admonition (an inner
    /// table is a table of the page too, as in Sphinx); else empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<Node>,
    /// The labels of the footnotes it references ([`Document::footnotes`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    /// Automatic ids its content takes (see [`Rendered::auto_ids`]).
    #[serde(skip)]
    pub auto_ids: usize,
}

impl Cell {
    /// A cell without blocks of its own.
    pub fn new(source: String, rendered: Rendered, line: usize, column: usize) -> Cell {
        Cell {
            source,
            text: rendered.text,
            html: rendered.html,
            line,
            column,
            padded: false,
            nested: Vec::new(),
            footnotes: rendered.footnotes,
            auto_ids: rendered.auto_ids,
        }
    }
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

/// Parses one page. A page with links whose text or target Sphinx fills in
/// once the page is read (`[](#codes)`, `` {ref}`codes` ``) is read twice:
/// the second time with the targets the first found (see `links`).
pub fn parse(src: &SourceFile, config: &ParseConfig) -> Document {
    let (doc, targets) = read_page(src, config, None);
    match targets {
        Some(targets) => read_page(src, config, Some(targets)).0,
        None => doc,
    }
}

/// One reading of a page, and its targets if a link wants them.
fn read_page(
    src: &SourceFile,
    config: &ParseConfig,
    targets: Option<links::Targets>,
) -> (Document, Option<links::Targets>) {
    let mut reader = Reader::new(config, &src.path);
    let second = targets.is_some();
    reader.targets = targets;
    let lines: Vec<&str> = src.text.split('\n').collect();
    let lines = trim_final_empty(&lines);
    reader.collect_link_definitions(lines);
    reader.footnote_labels = footnotes::defined_labels(lines);
    let flat = reader.parse_lines(lines, 0, 0);
    let mut doc_nodes = build_sections(&src.path, flat, &mut reader.doc.diagnostics);
    let explicit = resolve_ids(&mut doc_nodes, config);
    let mut names = std::collections::HashSet::new();
    all_names(&doc_nodes, &mut names);
    reader.doc.footnotes =
        footnotes::collect(&mut doc_nodes, &reader.footnote_refs.borrow(), &names);
    let targets = (!second && reader.wants_targets.get())
        .then(|| links::Targets::new(&doc_nodes, &explicit, &reader.doc.footnotes));
    reader.doc.children = doc_nodes;
    missing_footnotes(&mut reader);
    duplicate_labels(&mut reader.doc, &src.path);
    reader.doc.references = reader.found_refs.take();
    role_findings(&mut reader, &src.text);
    (reader.doc, targets)
}

/// What Sphinx reports for the roles of the page: each at its `{name}` on
/// the line of the block holding it.
fn role_findings(reader: &mut Reader, text: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    for (line, f) in reader.role_findings.take() {
        let shown = format!("{{{}}}", f.name);
        let column = lines
            .get(line.saturating_sub(1))
            .and_then(|l| {
                let lower = l.to_lowercase();
                lower.find(&shown).map(|b| lower[..b].chars().count() + 1)
            })
            .unwrap_or(1);
        let (level, kind, message) = if f.error {
            (
                SphinxLevel::Error,
                "docutils",
                format!("role {shown} is one Sphinx does not implement: the page shows its source"),
            )
        } else {
            (
                SphinxLevel::Warning,
                "myst.role_unknown",
                format!("unknown role {shown}: Sphinx shows nothing in its place"),
            )
        };
        let mut d = crate::rules::UNKNOWN_ROLE.at(
            DiagSpan::at(&reader.file, line, column, shown.chars().count()),
            message,
        );
        d.sphinx = Some(SphinxWarning {
            line,
            level,
            kind,
            message: f.message,
        });
        reader.doc.diagnostics.push(d);
    }
}

/// Every name of the nodes (footnote numbering skips the numbers among them).
fn all_names(nodes: &[Node], out: &mut std::collections::HashSet<String>) {
    for n in nodes {
        out.extend(n.names.iter().cloned());
        for blocks in n.blocks() {
            all_names(blocks, out);
        }
    }
}

/// A reference to a footnote the page does not define: Sphinx shows it as
/// written, with an error.
fn missing_footnotes(reader: &mut Reader) {
    for (line, label) in reader.missing_footnotes.take() {
        reader.push(finding(
            &reader.file,
            &crate::rules::SPHINX_WARNING,
            (line, 1),
            Some((line, SphinxLevel::Error, "docutils")),
            format!("Unknown target name: \"{}\".", label.to_lowercase()),
        ));
    }
}

/// A label given twice on the page: docutils warns and demotes both (see
/// `ids`). Labels are global, so `check` reports those on different pages.
fn duplicate_labels(doc: &mut Document, file: &Path) {
    let span = |l: &Label| DiagSpan::at(file, l.line, l.column, l.name.chars().count());
    for (again, first) in ids::repeated(doc.labels.iter().map(|l| l.name.as_str())) {
        let (l, f) = (&doc.labels[again], &doc.labels[first]);
        let d = crate::rules::DUPLICATE_LABEL
            .at(span(l), format!("label {:?} is defined twice", l.name))
            .with_related(span(f), "first defined here")
            .with_sphinx(SphinxWarning {
                line: l.line,
                level: SphinxLevel::Warning,
                kind: "docutils",
                message: format!("Duplicate explicit target name: \"{}\".", l.name),
            });
        doc.diagnostics.push(d);
    }
}

/// Reads a standalone `.csv` file as a page holding one table (first row the
/// header), cells rendered as csv-table cells are.
pub fn parse_csv_file(src: &SourceFile, config: &ParseConfig) -> Document {
    let mut reader = Reader::new(config, &src.path);
    if let Some(table) = directive::csv_file(&mut reader, &src.text) {
        reader.doc.children.push(table);
    }
    role_findings(&mut reader, &src.text);
    reader.doc
}

/// Renders inline Markdown (a title, a pipe-table cell) to text and sanitised HTML.
pub fn render_inline(source: &str, config: &ParseConfig) -> Rendered {
    Reader::new(config, Path::new("")).inline(source)
}

/// Renders block Markdown (a csv-table cell is a small MyST document) to text and HTML.
pub fn render_cell(source: &str, config: &ParseConfig) -> Rendered {
    Reader::new(config, Path::new("")).cell(source, 1, 1).0
}

/// The one place pulldown-cmark's options are chosen. (Smart quotes are
/// docutils' algorithm, applied to text events afterwards: see [`smartquotes`].)
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The title Sphinx shows on an admonition (`note` → "Note", `seealso` →
/// "See also"), in a Sphinx `language` (`zh_CN` → "备注"). Sphinx 9's
/// translations for the languages below (read off its builds); any other
/// language gets the English titles.
pub fn admonition_title(name: &str, language: Option<&str>) -> String {
    const KINDS: [&str; 10] = [
        "note",
        "warning",
        "tip",
        "important",
        "hint",
        "caution",
        "attention",
        "danger",
        "error",
        "seealso",
    ];
    let table: Option<[&str; 10]> = match language.map(|l| l.replace('-', "_")).as_deref() {
        Some("zh_CN" | "zh_Hans" | "zh") => Some([
            "备注",
            "警告",
            "小技巧",
            "重要",
            "提示",
            "小心",
            "注意",
            "危险",
            "错误",
            "参见",
        ]),
        Some("zh_TW" | "zh_Hant") => Some([
            "備註",
            "警告",
            "小訣竅",
            "重要",
            "提示",
            "警示",
            "注意",
            "危險",
            "錯誤",
            "請參閱",
        ]),
        Some("ja") => Some([
            "注釈",
            "警告",
            "Tip",
            "重要",
            "ヒント",
            "注意",
            "注意",
            "危険",
            "エラー",
            "参考",
        ]),
        Some("ko") => Some([
            "참고",
            "경고",
            "팁",
            "중요",
            "힌트",
            "조심",
            "주의",
            "위험",
            "오류",
            "더 보기",
        ]),
        Some("de") => Some([
            "Bemerkung",
            "Warnung",
            "Tipp",
            "Wichtig",
            "Hinweis",
            "Vorsicht",
            "Achtung",
            "Gefahr",
            "Fehler",
            "Siehe auch",
        ]),
        Some("fr") => Some([
            "Note",
            "Avertissement",
            "Astuce",
            "Important",
            "Indication",
            "Prudence",
            "Attention",
            "Danger",
            "Erreur",
            "Voir aussi",
        ]),
        Some("es") => Some([
            "Nota",
            "Advertencia",
            "Truco",
            "Importante",
            "Consejo",
            "Prudencia",
            "Atención",
            "Peligro",
            "Error",
            "Ver también",
        ]),
        _ => None,
    };
    if let (Some(t), Some(i)) = (table, KINDS.iter().position(|k| *k == name)) {
        return t[i].to_string();
    }
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

#[cfg(test)]
mod tests;
