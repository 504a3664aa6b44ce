//! Rendered Markdown: pulldown-cmark's inline events, MyST roles, docutils'
//! smart quotes, and the text and sanitised HTML of a title or a cell.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::footnotes;
use super::links::{self, Targets};
use super::roles::{self, RoleFinding};
use super::{Cell, Kind, Node, Reader, Reference, Rendered, nodes_html, smartquotes};
use crate::html::{escape_text, sanitize};

impl Reader<'_> {
    /// Rendered-only rendering (titles, pipe-table cells).
    pub(super) fn inline(&self, source: &str) -> Rendered {
        if let Some(inline) = self.plain_text(source) {
            return inline;
        }
        // Raw HTML at the start must stay inline (markdown-it reads a cell's
        // inline content only), so it gets a letter before it that is taken
        // off again; any other block start is escaped.
        let raw_html_first = source.starts_with('<');
        let guarded = if raw_html_first {
            format!("{INLINE_GUARD}{source}")
        } else {
            escape_block_start(source)
        };
        let mut events: Vec<Event> = self
            .md_events(&guarded, false, false)
            .into_iter()
            .map(|(e, _)| e)
            .filter(|e| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            })
            .collect();
        if raw_html_first {
            unguard(&mut events);
        }
        self.inline_events(source, events)
    }

    /// A csv-table or list-table cell made from `source`, at `line` and
    /// column `col`: [`Reader::cell`]; plain text without the copies of
    /// its source a [`Rendered`] keeps.
    pub(super) fn table_cell(&mut self, source: String, line: usize, col: usize) -> Cell {
        self.cur_line.set(line);
        if let Some((text, html)) = plain_text_and_html(&source, self.config.quotes()) {
            let rendered = Rendered {
                text,
                html,
                ..Rendered::default()
            };
            return Cell::new(source, rendered, line, col);
        }
        let (rendered, nested) = self.cell(&source, line, col);
        Cell {
            nested,
            ..Cell::new(source, rendered, line, col)
        }
    }

    /// A csv-table or list-table cell: a small MyST document of its own;
    /// and its nodes, when they hold a table or an admonition.
    pub(super) fn cell(&mut self, source: &str, line: usize, col: usize) -> (Rendered, Vec<Node>) {
        self.cur_line.set(line);
        if let Some(inline) = self.plain_text(source) {
            return (inline, Vec::new());
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
        let mut footnotes = Vec::new();
        let mut auto_ids = 0;
        inline_content(&nodes, &mut footnotes, &mut auto_ids);
        let nested = if nodes.iter().any(holds_blocks) {
            // Its ids are taken where its nodes stand (see `ids`).
            auto_ids = 0;
            nodes
        } else {
            Vec::new()
        };
        let rendered = Rendered {
            source: source.to_string(),
            text,
            plain,
            html,
            footnotes,
            auto_ids,
        };
        (rendered, nested)
    }

    pub(super) fn note_references(&self, events: &[Event]) {
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
    pub(super) fn plain_text(&self, source: &str) -> Option<Rendered> {
        plain_inline(source, self.config.quotes())
    }

    /// Roles, smart quotes, text and sanitised HTML of inline events.
    pub(super) fn inline_events(&self, source: &str, events: Vec<Event>) -> Rendered {
        // Raw HTML the page holds is `InlineHtml` here; `Html` is the markup
        // errdocs writes for roles (see `roles`).
        let events = events
            .into_iter()
            .map(|e| match e {
                Event::Html(h) => Event::InlineHtml(h),
                e => e,
            })
            .collect();
        let events = merge_text(events);
        self.note_references(&events);
        let (events, footnotes) = self.footnote_references(events);
        let mut found = Vec::new();
        let events = apply_roles(
            events,
            &mut found,
            self.targets.as_ref(),
            &self.wants_targets,
        );
        // Each role Sphinx cannot run takes two ids (its error and the text).
        let auto_ids = footnotes.len() + 2 * found.iter().filter(|f| f.error).count();
        if !found.is_empty() {
            let line = self.cur_line.get();
            self.role_findings
                .borrow_mut()
                .extend(found.into_iter().map(|f| (line, f)));
        }
        let plain = inline_text(&events);
        let events = match self.config.quotes() {
            Some(q) => educate(events, q),
            None => events,
        };
        let events = links::fill(events, self.targets.as_ref(), &self.wants_targets);
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
        Rendered {
            source: source.to_string(),
            text: inline_text(&events),
            plain,
            html: if needs_sanitizer {
                sanitize(&html)
            } else {
                html
            },
            footnotes,
            auto_ids,
        }
    }

    /// Footnote references as Sphinx shows them: `[1]` linked to the
    /// footnote, or the reference as written when the page does not define
    /// it. Numbers and ids are the ones the first reading gave (see
    /// `links`); the first reading asks for them.
    fn footnote_references<'a>(&self, events: Vec<Event<'a>>) -> (Vec<Event<'a>>, Vec<String>) {
        let mut labels = Vec::new();
        if !events
            .iter()
            .any(|e| matches!(e, Event::FootnoteReference(_)))
        {
            return (events, labels);
        }
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            let Event::FootnoteReference(label) = e else {
                out.push(e);
                continue;
            };
            labels.push(label.to_string());
            if !footnotes::is_number(&label) {
                self.footnote_refs.borrow_mut().push(label.to_string());
            }
            if !self.footnote_labels.contains(label.as_ref()) {
                self.missing_footnotes
                    .borrow_mut()
                    .push((self.cur_line.get(), label.to_string()));
                out.push(Event::Text(format!("[^{label}]").into()));
                continue;
            }
            let (number, id) = match self.targets.as_ref().and_then(|t| t.footnote(&label)) {
                Some((number, id)) => (number.to_string(), id.to_string()),
                None => {
                    self.wants_targets.set(true);
                    (label.to_string(), crate::anchors::make_id(&label))
                }
            };
            out.push(Event::Html(
                format!(
                    "<a class=\"footnote-reference brackets\" href=\"#{}\"><span class=\"fn-bracket\">[</span>",
                    crate::html::escape(&id)
                )
                .into(),
            ));
            out.push(Event::Text(number.into()));
            out.push(Event::Html(
                "<span class=\"fn-bracket\">]</span></a>".into(),
            ));
        }
        (out, labels)
    }
}

/// The footnote labels and automatic ids of the inline content of `nodes`.
fn inline_content(nodes: &[Node], footnotes: &mut Vec<String>, auto_ids: &mut usize) {
    for n in nodes {
        let own: Vec<&Rendered> = match &n.kind {
            Kind::Paragraph(i) | Kind::Rubric(i) => vec![i],
            Kind::Admonition { title: Some(t), .. } => vec![t],
            Kind::Table(t) => t.title.iter().collect(),
            _ => Vec::new(),
        };
        for r in own {
            footnotes.extend(r.footnotes.iter().cloned());
            *auto_ids += r.auto_ids;
        }
        if let Kind::Table(t) = &n.kind {
            for c in t.header.iter().chain(&t.rows).flat_map(|r| &r.cells) {
                footnotes.extend(c.footnotes.iter().cloned());
                *auto_ids += c.auto_ids;
            }
        }
        for blocks in n.blocks() {
            inline_content(blocks, footnotes, auto_ids);
        }
    }
}

/// Does the node hold (or is it) a table or an admonition?
fn holds_blocks(n: &Node) -> bool {
    matches!(n.kind, Kind::Table(_) | Kind::Admonition { .. })
        || n.children.iter().any(holds_blocks)
}

/// Text with nothing Markdown would read as markup (most catalog cells):
/// rendered directly, as pulldown-cmark would render it, without parsing.
pub(crate) fn plain_inline(source: &str, quotes: Option<smartquotes::Quotes>) -> Option<Rendered> {
    let (text, html) = plain_text_and_html(source, quotes)?;
    Some(Rendered {
        source: source.to_string(),
        html,
        text,
        plain: source.to_string(),
        ..Rendered::default()
    })
}

/// [`plain_inline`]'s text and HTML.
fn plain_text_and_html(
    source: &str,
    quotes: Option<smartquotes::Quotes>,
) -> Option<(String, String)> {
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
    let text = match quotes {
        Some(q) => smartquotes::Educator::new(q).text(source),
        None => source.to_string(),
    };
    let html = escape_text(&text);
    Some((text, html))
}

/// Plain text of inline events, as a browser's innerText would show it.
pub(super) fn inline_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push('\n'),
            // docutils keeps raw HTML as text (a `raw` node's astext is its
            // source); `Html` is a role's markup, around its text.
            Event::InlineHtml(h) => s.push_str(h),
            _ => {}
        }
    }
    s
}

/// What [`Reader::inline`] puts before a cell that starts with raw HTML, so
/// pulldown-cmark does not read it as an HTML block.
const INLINE_GUARD: char = 'a';

/// Takes [`INLINE_GUARD`] off the first text event.
fn unguard(events: &mut Vec<Event>) {
    if let Some(Event::Text(t)) = events.first_mut()
        && let Some(rest) = t.strip_prefix(INLINE_GUARD)
    {
        if rest.is_empty() {
            events.remove(0);
        } else {
            *t = pulldown_cmark::CowStr::from(rest.to_string());
        }
    }
}

/// Escapes the first character of a line that would otherwise start a block
/// (a list, heading, quote, fence, thematic break, HTML block), so the text
/// is read as inline content only, as in a pipe-table cell.
pub(super) fn escape_block_start(s: &str) -> String {
    let t = s;
    let first = match t.chars().next() {
        Some(c) => c,
        None => return String::new(),
    };
    let rest = &t[first.len_utf8()..];
    let spaced = |r: &str| r.is_empty() || r.starts_with([' ', '\t']);
    let escape_first = match first {
        '#' | '>' => true,
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
pub(super) fn merge_text(events: Vec<Event>) -> Vec<Event> {
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

/// MyST roles: `` {name}`content` `` as Sphinx shows it (see [`roles`]);
/// what Sphinx reports for a role it does not know goes to `found`.
pub(super) fn apply_roles<'a>(
    events: Vec<Event<'a>>,
    found: &mut Vec<RoleFinding>,
    targets: Option<&Targets>,
    wants: &std::cell::Cell<bool>,
) -> Vec<Event<'a>> {
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
                let (shown, finding) = roles::render(name, &content, targets, wants);
                out.extend(shown);
                found.extend(finding);
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// docutils' smart quotes over a paragraph's text events (not in code
/// blocks, nor in the literal markup of a role).
pub(super) fn educate(events: Vec<Event>, quotes: smartquotes::Quotes) -> Vec<Event> {
    let mut ed = smartquotes::Educator::new(quotes);
    let mut in_code_block = false;
    let mut literal = 0usize;
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
            Event::Html(ref h) if roles::opens_literal(h) => {
                literal += 1;
                e
            }
            Event::Html(ref h) if roles::closes_literal(h) => {
                literal = literal.saturating_sub(1);
                e
            }
            Event::Text(ref t) if literal > 0 => {
                ed.literal(t);
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
