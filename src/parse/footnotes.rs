//! Footnotes as MyST reads them (`[^a]` references, `[^a]: …` definitions)
//! and Sphinx numbers and places them.
//!
//! - A reference is `[^label]` (no spaces) anywhere in inline text, defined
//!   or not (MyST's `always_match_refs`); it shows as `[1]`, linked to the
//!   footnote, or, with no definition, as `[^label]` (Sphinx's error).
//! - Labelled footnotes are numbered in the order they are first referenced
//!   (MyST's `SortFootnotes`; unreferenced ones after), skipping numbers the
//!   page uses as names; a numeric label (`[^7]`) keeps its number.
//! - Definitions leave the flow and are listed at the end of the page in
//!   number order (MyST's `CollectFootnotes`): [`super::Document::footnotes`].
//! - Ids: each reference takes an `idN` where it stands; a definition takes
//!   its label (`make_id`), or an `idN`, where it stands.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};
use serde::Serialize;

use super::{Kind, Node, nodes_html};

/// A footnote of the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Footnote {
    /// The label as written (`a` of `[^a]`).
    pub label: String,
    /// The number shown (`1`).
    pub number: String,
    /// Its HTML id (what references link to).
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its sanitised HTML (the content, without the number).
    pub html: String,
    /// 1-based line of the definition.
    pub line: usize,
}

/// The labels defined on a page (`[^label]:` at the start of a line).
pub(super) fn defined_labels(lines: &[&str]) -> HashSet<String> {
    lines
        .iter()
        .filter_map(|l| {
            let t = l.trim_start_matches(' ');
            if l.len() - t.len() > 3 {
                return None;
            }
            let rest = t.strip_prefix("[^")?;
            let end = rest.find(']')?;
            let label = &rest[..end];
            (!label.is_empty()
                && !label.contains(char::is_whitespace)
                && rest[end..].starts_with("]:"))
            .then(|| label.to_string())
        })
        .collect()
}

/// `[^label]` in text events becomes `Event::FootnoteReference` (not where
/// its `[` is escaped: a text event whose source differs from its text is
/// taken as escaped throughout).
pub(super) fn find_references<'t>(
    events: Vec<(Event<'t>, Range<usize>)>,
    text: &'t str,
) -> Vec<(Event<'t>, Range<usize>)> {
    if !text.contains("[^") {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<(Event<'t>, Range<usize>)> = Vec::new();
    for (e, r) in events {
        if matches!(e, Event::Text(_)) {
            run.push((e, r));
            continue;
        }
        flush_run(&mut run, text, &mut out);
        out.push((e, r));
    }
    flush_run(&mut run, text, &mut out);
    out
}

/// A run of adjacent text events, with its footnote references split out.
fn flush_run<'t>(
    run: &mut Vec<(Event<'t>, Range<usize>)>,
    text: &'t str,
    out: &mut Vec<(Event<'t>, Range<usize>)>,
) {
    if run.is_empty() {
        return;
    }
    let mut merged = String::new();
    let mut literal: Vec<bool> = Vec::new();
    for (e, r) in run.iter() {
        if let Event::Text(t) = e {
            let as_written = text.get(r.clone()) == Some(t.as_ref());
            merged.push_str(t);
            literal.extend(std::iter::repeat_n(as_written, t.len()));
        }
    }
    let start = run.first().map_or(0, |(_, r)| r.start);
    let end = run.last().map_or(0, |(_, r)| r.end);
    let found = references_in(&merged, &literal);
    if found.is_empty() {
        out.append(run);
        return;
    }
    run.clear();
    let mut at = 0;
    for (range, label) in found {
        if range.start > at {
            let piece = merged[at..range.start].to_string();
            out.push((Event::Text(CowStr::from(piece)), start..end));
        }
        out.push((
            Event::FootnoteReference(CowStr::from(label.to_string())),
            start..end,
        ));
        at = range.end;
    }
    if at < merged.len() {
        let piece = merged[at..].to_string();
        out.push((Event::Text(CowStr::from(piece)), start..end));
    }
}

/// `[^label]` in `s` where the `[` was written as such: ranges and labels.
fn references_in<'s>(s: &'s str, literal: &[bool]) -> Vec<(Range<usize>, &'s str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = s[from..].find("[^") {
        let open = from + p;
        from = open + 2;
        if !literal.get(open).copied().unwrap_or(false) {
            continue;
        }
        let rest = &s[open + 2..];
        let Some(end) = rest.find(|c: char| c == ']' || c.is_whitespace()) else {
            break;
        };
        if end == 0 || !rest[end..].starts_with(']') {
            continue;
        }
        out.push((open..open + 2 + end + 1, &rest[..end]));
        from = open + 2 + end + 1;
    }
    out
}

/// The page's footnotes, taken out of the tree (definitions given twice:
/// the first), numbered and in number order. `ref_order`: the labels of the
/// references to labelled footnotes, in document order; `names`: every name
/// of the page (numbers it uses as names are skipped).
pub(super) fn collect(
    nodes: &mut Vec<Node>,
    ref_order: &[String],
    names: &HashSet<String>,
) -> Vec<Footnote> {
    let mut defs: Vec<Footnote> = Vec::new();
    take(nodes, &mut defs);
    let mut seen = HashSet::new();
    defs.retain(|f| seen.insert(f.label.clone()));
    let first_ref = |label: &str| ref_order.iter().position(|l| l == label);
    let (mut auto, manual): (Vec<Footnote>, Vec<Footnote>) =
        defs.into_iter().partition(|f| !is_number(&f.label));
    auto.sort_by_key(|f| first_ref(&f.label).unwrap_or(usize::MAX));
    let mut taken: HashSet<String> = names.clone();
    taken.extend(manual.iter().map(|f| f.label.clone()));
    let mut next = 1usize;
    for f in &mut auto {
        while taken.contains(&next.to_string()) {
            next += 1;
        }
        f.number = next.to_string();
        next += 1;
    }
    let mut all: Vec<Footnote> = auto
        .into_iter()
        .chain(manual.into_iter().map(|f| Footnote {
            number: f.label.clone(),
            ..f
        }))
        .collect();
    all.sort_by_key(|f| f.number.parse::<u64>().unwrap_or(u64::MAX));
    all
}

/// Is this a manually numbered label (`[^7]`)?
pub(super) fn is_number(label: &str) -> bool {
    !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit())
}

fn take(nodes: &mut Vec<Node>, out: &mut Vec<Footnote>) {
    let mut i = 0;
    while i < nodes.len() {
        if let Kind::Footnote { label } = &nodes[i].kind {
            let label = label.clone();
            let n = nodes.remove(i);
            let text = n
                .children
                .iter()
                .map(Node::text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            out.push(Footnote {
                label,
                number: String::new(),
                id: n.ids.first().cloned().unwrap_or_default(),
                text,
                html: nodes_html(&n.children),
                line: n.line,
            });
            continue;
        }
        for blocks in nodes[i].blocks_mut() {
            take(blocks, out);
        }
        i += 1;
    }
}

/// The footnotes' numbers and ids by label (for the page's second reading).
pub(super) fn by_label(footnotes: &[Footnote]) -> HashMap<String, (String, String)> {
    footnotes
        .iter()
        .map(|f| (f.label.clone(), (f.number.clone(), f.id.clone())))
        .collect()
}
