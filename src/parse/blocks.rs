//! The block parser: MyST's own constructs found by [`super::myst::scan`],
//! the CommonMark between them read from pulldown-cmark's offset events, and
//! the section tree built from the headings (as MyST nests them).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::footnotes;
use super::links::Targets;
use super::{
    Document, FenceRecord, Kind, Label, Node, ParseConfig, Reference, Rendered, directive, finding,
    markdown_options, myst, roles::RoleFinding,
};
use crate::anchors::normalize_name;
use crate::diag::{Diagnostic, SphinxLevel};
use crate::rules;

pub(super) fn trim_final_empty<'a, 'b>(lines: &'b [&'a str]) -> &'b [&'a str] {
    match lines.split_last() {
        Some((&"", rest)) => rest,
        _ => lines,
    }
}

/// Items in document order before sections are built.
pub(super) enum Item {
    Heading {
        level: usize,
        title: Rendered,
        line: usize,
    },
    Node(Node),
    Target {
        label: String,
        line: usize,
    },
}

pub(super) struct Reader<'c> {
    pub(super) config: &'c ParseConfig,
    /// The page's file (diagnostics name it).
    pub(super) file: PathBuf,
    /// Its folder (`:file:` is relative to it).
    pub(super) doc_dir: PathBuf,
    pub(super) doc: Document,
    pub(super) depth: usize,
    /// Link reference definitions of the whole page (`[label]: url "title"`).
    pub(super) refs: HashMap<String, (String, String)>,
    /// The line of the block being rendered (for references found in it).
    pub(super) cur_line: std::cell::Cell<usize>,
    /// `{ref}` roles and `#anchor` links found while rendering.
    pub(super) found_refs: std::cell::RefCell<Vec<Reference>>,
    /// Roles Sphinx reports, with the line of the block holding them.
    pub(super) role_findings: std::cell::RefCell<Vec<(usize, RoleFinding)>>,
    /// The page's link targets, on the second reading (see [`Targets`]).
    pub(super) targets: Option<Targets>,
    /// A link or `{ref}` was found that needs them.
    pub(super) wants_targets: std::cell::Cell<bool>,
    /// The footnote labels the page defines.
    pub(super) footnote_labels: std::collections::HashSet<String>,
    /// The labels of references to labelled footnotes, in document order.
    pub(super) footnote_refs: std::cell::RefCell<Vec<String>>,
    /// References to footnotes the page does not define, with their line.
    pub(super) missing_footnotes: std::cell::RefCell<Vec<(usize, String)>>,
}

impl<'c> Reader<'c> {
    pub(super) fn new(config: &'c ParseConfig, file: &Path) -> Self {
        Reader {
            config,
            file: file.to_path_buf(),
            doc_dir: file.parent().map(Path::to_path_buf).unwrap_or_default(),
            doc: Document::default(),
            depth: 0,
            refs: HashMap::new(),
            cur_line: std::cell::Cell::new(1),
            found_refs: std::cell::RefCell::new(Vec::new()),
            role_findings: std::cell::RefCell::new(Vec::new()),
            targets: None,
            wants_targets: std::cell::Cell::new(false),
            footnote_labels: Default::default(),
            footnote_refs: Default::default(),
            missing_footnotes: Default::default(),
        }
    }

    /// `[label]: url` definitions anywhere in the page apply everywhere (tables too).
    pub(super) fn collect_link_definitions(&mut self, lines: &[&str]) {
        for block in myst::scan(lines, self.config.colon_fences) {
            if let myst::Block::Markdown { start, end } = block {
                let text = lines[start..end].join("\n");
                if !text.contains("]:") {
                    continue;
                }
                let mut parser = Parser::new_ext(&text, markdown_options());
                for _ in parser.by_ref() {}
                for (label, def) in parser.reference_definitions().iter() {
                    // `[^a]: …` is a footnote definition for MyST.
                    if label.starts_with('^') {
                        continue;
                    }
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
    /// `blocks`: `text` is a part of the page (footnote definitions are
    /// read), not a cell's inline content.
    pub(super) fn md_events<'t>(
        &self,
        text: &'t str,
        tables: bool,
        blocks: bool,
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
        options.set(Options::ENABLE_FOOTNOTES, blocks);
        let events = Parser::new_with_broken_link_callback(text, options, Some(&mut cb))
            .into_offset_iter()
            .collect();
        footnotes::find_references(events, text)
    }

    /// Parses lines whose first line is file line `base` (0-based), indented by `col` columns.
    pub(super) fn parse_lines(&mut self, lines: &[&str], base: usize, col: usize) -> Vec<Item> {
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
                    out.push(Item::Target {
                        label,
                        line: base + line + 1,
                    })
                }
                myst::Block::Comment { .. } => {}
                myst::Block::PipeTable { start, end } => {
                    let node = self.pipe_table(&lines[start..end], base + start, col);
                    out.push(Item::Node(node));
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
    pub(super) fn parse_nested(
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
                Item::Heading { title, line, .. } => {
                    let mut n = Node::new(Kind::Rubric(title.clone()), line);
                    n.names.push(normalize_name(&title.plain));
                    attach_labels(&mut n, &mut labels, &mut nodes);
                    nodes.push(n);
                }
                Item::Node(mut n) => {
                    attach_labels(&mut n, &mut labels, &mut nodes);
                    nodes.push(n);
                }
                Item::Target { label, line } => labels.push((label, line)),
            }
        }
        flush_labels(&mut labels, &mut nodes);
        nodes
    }

    pub(super) fn markdown_chunk(&mut self, lines: &[&str], base: usize, out: &mut Vec<Item>) {
        let mut original = lines.join("\n");
        original.push('\n');
        let mut line_starts = vec![0];
        line_starts.extend(original.match_indices('\n').map(|(i, _)| i + 1));
        let line_of = |off: usize| base + line_starts.partition_point(|&s| s <= off);
        // Colon fences in list items and quotes, as tilde fences (same length).
        let rewritten = self
            .config
            .colon_fences
            .then(|| self.contained_colon_fences(&original))
            .flatten();
        let colon_at: HashSet<usize> = rewritten
            .as_ref()
            .map(|(_, at)| at.clone())
            .unwrap_or_default();
        let text: &str = rewritten.as_ref().map_or(&original, |(t, _)| t);
        let mut events = self.md_events(text, true, true);
        // pulldown-cmark accepts delimiter rows markdown-it does not (`- | -`):
        // such a chunk is read again without tables.
        if events.iter().any(|(e, r)| {
            matches!(e, Event::Start(Tag::Table(_)))
                && text[r.clone()].lines().nth(1).is_none_or(|l| {
                    myst::delimiter_row(l.trim_start_matches(['>', ' ', '\t'])).is_none()
                })
        }) {
            events = self.md_events(text, false, true);
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
                    let title = Rendered {
                        source: heading_source(&text[range.clone()]),
                        ..title
                    };
                    let level = heading_level(*level);
                    if stack.is_empty() {
                        out.push(Item::Heading { level, title, line });
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
                    let colon = colon_at.contains(&range.start);
                    // In a list item or quote a fence may be a directive (MyST
                    // reads the item's content with its own block rules).
                    let directive = matches!(kind, CodeBlockKind::Fenced(info)
                        if !stack.is_empty() && directive::directive_name(info).is_some());
                    if colon || directive {
                        let content = &events[i + 1..end];
                        let fence = contained_fence(&original, text, range.clone(), content, colon);
                        self.doc.fences.push(FenceRecord {
                            kind: if colon { "colon_fence" } else { "fence" },
                            markup: fence.markup.clone(),
                            info: fence.info.clone(),
                            content: fence.content(),
                            depth: self.depth,
                        });
                        for item in directive::run(self, &fence, line, fence.indent) {
                            if let Item::Node(n) = item {
                                push_node(&mut stack, out, n);
                            }
                        }
                    } else {
                        let node =
                            self.code_block(kind, &events[i + 1..end], &text[range.clone()], line);
                        push_node(&mut stack, out, node);
                    }
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
                Event::Start(Tag::FootnoteDefinition(label)) => stack.push(Node::new(
                    Kind::Footnote {
                        label: label.to_string(),
                    },
                    line,
                )),
                Event::End(
                    TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition,
                ) => {
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
                Event::Start(Tag::Table(_)) => {
                    // A pipe table inside a list or quote (pulldown-cmark found it).
                    let end = find_end(&events, i);
                    let node = self.contained_table(range.clone(), text, line);
                    push_node(&mut stack, out, node);
                    i = end + 1;
                    continue;
                }
                // Tight list items carry inline content without a paragraph.
                Event::Text(_)
                | Event::Code(_)
                | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
                | Event::InlineHtml(_) => {
                    let end = inline_run_end(&events, i);
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

    /// `text` with the colon fences that pulldown-cmark finds inside a list
    /// item or block quote (and not in code) written as tilde fences of the
    /// same length, so it reads them as fences; and where each starts.
    fn contained_colon_fences(&self, text: &str) -> Option<(String, HashSet<usize>)> {
        let candidates: Vec<(usize, usize)> = text
            .split_inclusive('\n')
            .scan(0usize, |at, line| {
                let start = *at;
                *at += line.len();
                Some((start, line))
            })
            .filter_map(|(start, line)| {
                let p = line.find(|c: char| {
                    !matches!(c, ' ' | '\t' | '>' | '-' | '*' | '+' | '.' | ')')
                        && !c.is_ascii_digit()
                })?;
                let run = line[p..].bytes().take_while(|&b| b == b':').count();
                (p > 0 && run >= 3).then_some((start + p, run))
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let events = self.md_events(text, true, true);
        let ranges = |f: fn(&Event) -> bool| -> Vec<std::ops::Range<usize>> {
            events
                .iter()
                .filter(|(e, _)| f(e))
                .map(|(_, r)| r.clone())
                .collect()
        };
        let containers = ranges(|e| matches!(e, Event::Start(Tag::Item | Tag::BlockQuote(_))));
        let code = ranges(|e| matches!(e, Event::Start(Tag::CodeBlock(_))));
        let mut out = text.as_bytes().to_vec();
        let mut at = HashSet::new();
        for (p, run) in candidates {
            if containers.iter().any(|r| r.contains(&p)) && !code.iter().any(|r| r.contains(&p)) {
                out[p..p + run].fill(b'~');
                at.insert(p);
            }
        }
        if at.is_empty() {
            return None;
        }
        // Only ASCII colons became ASCII tildes: still UTF-8.
        String::from_utf8(out).ok().map(|t| (t, at))
    }

    /// A fenced or indented code block (recorded as a fence, as MyST does).
    fn code_block(
        &mut self,
        kind: &CodeBlockKind,
        events: &[(Event, std::ops::Range<usize>)],
        source: &str,
        line: usize,
    ) -> Node {
        let code: String = events
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
                let src = source.trim_start_matches([' ', '>']);
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
        Node::new(
            Kind::LiteralBlock {
                language,
                text: code,
            },
            line,
        )
    }

    pub(super) fn warn(
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

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.doc.diagnostics.push(d);
    }
}

/// The fence of a code block pulldown-cmark found in a list item or quote
/// (at `range` of the chunk), as the block scanner would have given it: its
/// markup and info as written in `original`, its content lines.
fn contained_fence(
    original: &str,
    parsed: &str,
    range: std::ops::Range<usize>,
    content: &[(Event, std::ops::Range<usize>)],
    colon: bool,
) -> myst::Fence {
    let line_start = original[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = original[line_start..range.start].chars().count();
    let opening = original[range.start..].lines().next().unwrap_or("");
    let ch = opening.chars().next().unwrap_or('`');
    let markup: String = opening.chars().take_while(|&c| c == ch).collect();
    let info = opening[markup.len()..].to_string();
    // The content as written (a rewritten inner colon fence is colons again).
    let text: String = content
        .iter()
        .filter_map(|(e, r)| match e {
            Event::Text(t) if parsed.get(r.clone()) == Some(t.as_ref()) => original.get(r.clone()),
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    myst::Fence {
        colon,
        markup,
        info,
        lines,
        open_line: 0,
        indent,
    }
}

pub(super) fn heading_level(l: HeadingLevel) -> usize {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

pub(super) fn heading_source(src: &str) -> String {
    let first = src.lines().next().unwrap_or("").trim();
    if first.starts_with('#') {
        let t = first.trim_start_matches('#').trim();
        let t = t.trim_end_matches('#');
        t.trim().to_string()
    } else {
        first.to_string()
    }
}

pub(super) fn push_node(stack: &mut [Node], out: &mut Vec<Item>, node: Node) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => out.push(Item::Node(node)),
    }
}

pub(super) fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
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

pub(super) fn strip_offsets<'a>(events: &[(Event<'a>, std::ops::Range<usize>)]) -> Vec<Event<'a>> {
    events.iter().map(|(e, _)| e.clone()).collect()
}

pub(super) fn attach_labels(
    node: &mut Node,
    labels: &mut Vec<(String, usize)>,
    nodes: &mut Vec<Node>,
) {
    // Labels go to the next node; their targets stay in place with a refid.
    for (label, line) in labels.drain(..) {
        let mut t = Node::new(Kind::Target { refid: None }, line);
        t.names.push(normalize_name(&label));
        nodes.push(t);
        node.labels.push((normalize_name(&label), line));
    }
}

pub(super) fn flush_labels(labels: &mut Vec<(String, usize)>, nodes: &mut Vec<Node>) {
    for (label, line) in labels.drain(..) {
        let mut t = Node::new(Kind::Target { refid: None }, line);
        t.names.push(normalize_name(&label));
        t.unattached = true;
        nodes.push(t);
    }
}

/// Builds the section tree from headings (MyST nests by heading level).
pub(super) fn build_sections(
    file: &Path,
    flat: Vec<Item>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Node> {
    let mut root: Vec<Node> = Vec::new();
    // Stack of (heading level, section node).
    let mut stack: Vec<(usize, Node)> = Vec::new();
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut prev_level = 0usize;

    pub(super) fn place(root: &mut Vec<Node>, stack: &mut [(usize, Node)], node: Node) {
        match stack.last_mut() {
            Some((_, s)) => s.children.push(node),
            None => root.push(node),
        }
    }
    pub(super) fn close_to(root: &mut Vec<Node>, stack: &mut Vec<(usize, Node)>, level: usize) {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            let Some((_, s)) = stack.pop() else { break };
            place(root, stack, s);
        }
    }

    for f in flat {
        match f {
            Item::Heading { level, title, line } => {
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
            Item::Node(mut n) => {
                let mut pending: Vec<Node> = Vec::new();
                attach_labels(&mut n, &mut labels, &mut pending);
                for t in pending {
                    place(&mut root, &mut stack, t);
                }
                place(&mut root, &mut stack, n);
            }
            Item::Target { label, line } => labels.push((label, line)),
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
pub(super) fn hoist_transitions(nodes: &mut Vec<Node>) {
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

/// The end of a run of inline events outside a paragraph (a tight list
/// item's text), starting at `i`.
fn inline_run_end(events: &[(Event, std::ops::Range<usize>)], i: usize) -> usize {
    let mut end = i;
    let mut depth = 0i32;
    while end < events.len() {
        match &events[end].0 {
            Event::Start(Tag::Paragraph | Tag::List(_) | Tag::CodeBlock(_)) => break,
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        end += 1;
    }
    end
}
