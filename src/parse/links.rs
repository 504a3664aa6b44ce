//! Links Sphinx fills in once the page is read: an empty-text link shows its
//! target's title (`[](#codes)` → "Codes"), or the target as code when it
//! cannot be resolved (`[](other.md#x)`); a link to a label by name
//! (`[see](codes)`) goes to the label's id; `` {ref}`codes` `` shows the
//! title too and links to it. [`Targets`] is what the first reading of the
//! page found; the page is then read again with it (see `parse`).

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Footnote, Kind, Node};

/// The schemes MyST reads as external links (`myst_url_schemes`).
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp"];

/// The page's link targets.
#[derive(Debug, Default, Clone)]
pub(super) struct Targets {
    /// Explicit names (labels, `:name:`s not given twice) → their id and the
    /// title of the node they name (a section's, a table's caption, a rubric).
    explicit: HashMap<String, (String, Option<String>)>,
    /// Every id and name on the page → the title of its node.
    local: HashMap<String, Option<String>>,
    /// Footnote labels → their number and id.
    footnotes: HashMap<String, (String, String)>,
}

/// What an empty-text link shows.
pub(super) enum Shown {
    /// Nothing (an external link).
    Nothing,
    /// The target's title.
    Title(String),
    /// The target, as code (it cannot be resolved).
    Code(String),
}

impl Targets {
    /// The targets of a page read once: `explicit` maps each explicit name
    /// that kept its node to that node's id.
    /// The footnotes (taken out of `nodes`) are no link targets, as in MyST.
    pub(super) fn new(
        nodes: &[Node],
        explicit: &HashMap<String, String>,
        footnotes: &[Footnote],
    ) -> Targets {
        let mut out = Targets {
            footnotes: super::footnotes::by_label(footnotes),
            ..Targets::default()
        };
        let mut titles: HashMap<String, Option<String>> = HashMap::new();
        collect(nodes, &mut out.local, &mut titles);
        for (name, id) in explicit {
            if out.footnotes.contains_key(name) {
                continue;
            }
            let title = titles.get(id).cloned().flatten();
            out.explicit.insert(name.clone(), (id.clone(), title));
        }
        out
    }

    /// A footnote's number and id.
    pub(super) fn footnote(&self, label: &str) -> Option<(&str, &str)> {
        self.footnotes
            .get(label)
            .map(|(n, id)| (n.as_str(), id.as_str()))
    }

    /// Where `[](dest)` goes (a new destination, when it names a label) and
    /// what it shows, as MyST and Sphinx resolve it.
    pub(super) fn link(&self, dest: &str) -> (Option<String>, Shown) {
        if has_scheme(dest) {
            return (None, Shown::Nothing);
        }
        if let Some(target) = dest.strip_prefix('#') {
            // MyST's ResolveAnchorIds: explicit names first, then any id or
            // name of the page (Sphinx's local fallback).
            return match (self.explicit.get(target), self.local.get(target)) {
                (Some((_, Some(title))), _) | (None, Some(Some(title))) => {
                    (None, Shown::Title(title.clone()))
                }
                (Some((_, None)), _) => (None, Shown::Title(dest.to_string())),
                _ => (None, Shown::Code(target.to_string())),
            };
        }
        // A `myst` cross-reference: a label with a title (Sphinx's std:ref).
        match self.explicit.get(dest) {
            Some((id, Some(title))) => (Some(format!("#{id}")), Shown::Title(title.clone())),
            _ => (None, Shown::Code(dest.to_string())),
        }
    }

    /// A link to a label by name (`[text](codes)`): the label's id.
    pub(super) fn label_link(&self, dest: &str) -> Option<String> {
        if has_scheme(dest) || dest.starts_with('#') {
            return None;
        }
        match self.explicit.get(dest) {
            Some((id, Some(_))) => Some(format!("#{id}")),
            _ => None,
        }
    }

    /// `` {ref}`name` ``: the label's id and the title of what it names.
    pub(super) fn reference(&self, name: &str) -> Option<(&str, Option<&str>)> {
        self.explicit
            .get(name)
            .map(|(id, title)| (id.as_str(), title.as_deref()))
    }
}

/// Does `dest` start with a scheme MyST reads as an external link?
pub(super) fn has_scheme(dest: &str) -> bool {
    dest.split_once(':')
        .is_some_and(|(scheme, _)| URL_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)))
}

/// Could `[text](dest)` name a label (a bare name: no scheme, path, file
/// extension or fragment)? Other links with text are kept as they are.
fn may_name_label(dest: &str) -> bool {
    !dest.is_empty() && !has_scheme(dest) && !dest.contains(['/', '.', '#', '?', ':'])
}

fn title_of(n: &Node) -> Option<String> {
    match &n.kind {
        Kind::Section { title, .. } | Kind::Rubric(title) => Some(title.text.clone()),
        Kind::Table(t) => t.title.as_ref().map(|c| c.text.clone()),
        _ => None,
    }
}

fn collect(
    nodes: &[Node],
    local: &mut HashMap<String, Option<String>>,
    titles: &mut HashMap<String, Option<String>>,
) {
    for n in nodes {
        let title = title_of(n);
        for key in n.ids.iter() {
            titles.insert(key.clone(), title.clone());
            local.entry(key.clone()).or_insert_with(|| title.clone());
        }
        for key in n.names.iter() {
            local.entry(key.clone()).or_insert_with(|| title.clone());
        }
        for blocks in n.blocks() {
            collect(blocks, local, titles);
        }
    }
}

/// Fills in the links of rendered inline events: with `targets`, an empty
/// link gets its text and a link to a label by name the label's id;
/// without, `wants` is set when there is such a link.
pub(super) fn fill<'a>(
    events: Vec<Event<'a>>,
    targets: Option<&Targets>,
    wants: &std::cell::Cell<bool>,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some(e) = iter.next() {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) = e
        else {
            out.push(e);
            continue;
        };
        let empty = matches!(iter.peek(), Some(Event::End(TagEnd::Link)));
        let (dest, shown) = match targets {
            _ if !empty && !may_name_label(&dest_url) => (None, Shown::Nothing),
            None => {
                wants.set(true);
                (None, Shown::Nothing)
            }
            Some(t) if empty => t.link(&dest_url),
            Some(t) => (t.label_link(&dest_url), Shown::Nothing),
        };
        out.push(Event::Start(Tag::Link {
            link_type,
            dest_url: dest.map_or(dest_url, CowStr::from),
            title,
            id,
        }));
        match shown {
            Shown::Nothing => {}
            Shown::Title(t) => out.push(Event::Text(CowStr::from(t))),
            Shown::Code(c) => out.push(Event::Code(CowStr::from(c))),
        }
    }
    out
}
