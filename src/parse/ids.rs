//! Ids and names as docutils, Sphinx and MyST assign them, step by step:
//!
//! 1. while parsing, in document order, each `(label)=` registers its id
//!    (`make_id` of the label, else `idN`), each heading its slug, each
//!    `:name:` its id, and each name is noted — a name given twice
//!    explicitly is demoted to a `dupname` on both holders (with docutils'
//!    warning), an implicit name (a heading's) loses to an explicit one and
//!    to another implicit one;
//! 2. Sphinx numbers captioned tables (`idN`) — `AutoNumbering`;
//! 3. labels move to the node after them, nearest label first, after the
//!    node's own ids — docutils' `PropagateTargets`;
//! 4. a section whose first id is `id…` moves it last — Sphinx's `SortIds`;
//! 5. a section's first id that is an explicit (not demoted) label's moves
//!    to the front — MyST's `PrioritiseExplicitIds`;
//! 6. with `myst_heading_anchors`, GitHub-style slugs are added last.

use std::collections::{HashMap, HashSet};

use super::{Kind, Node, ParseConfig};
use crate::anchors::{IdRegistry, make_id};

/// Who holds a name: a label's target (by its line) or a node (by its
/// position in document order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Holder {
    Target(usize),
    Node(usize),
}

/// docutils' `nameids` and `nametypes`, with the demotions they caused.
#[derive(Default)]
struct Names {
    ids: HashMap<String, Option<(Holder, String)>>,
    explicit: HashMap<String, bool>,
    demoted: HashSet<(Holder, String)>,
}

impl Names {
    /// docutils' `note_explicit_target` / `note_implicit_target` (through
    /// `set_duplicate_name_id`).
    fn note(&mut self, name: &str, holder: Holder, id: &str, explicit: bool) {
        let Some(old) = self.ids.get(name).cloned() else {
            self.ids
                .insert(name.to_string(), Some((holder, id.to_string())));
            self.explicit.insert(name.to_string(), explicit);
            return;
        };
        let old_explicit = self.explicit.get(name).copied().unwrap_or(false);
        self.explicit
            .insert(name.to_string(), old_explicit || explicit);
        let mut demote = |h: Holder| {
            self.demoted.insert((h, name.to_string()));
        };
        if explicit && old_explicit {
            demote(holder);
            if let Some((o, _)) = old {
                demote(o);
                self.ids.insert(name.to_string(), None);
            }
        } else if explicit {
            if let Some((o, _)) = old {
                demote(o);
            }
            self.ids
                .insert(name.to_string(), Some((holder, id.to_string())));
        } else {
            demote(holder);
            if let Some((o, _)) = old
                && !old_explicit
            {
                demote(o);
                self.ids.insert(name.to_string(), None);
            }
        }
    }

    fn is_demoted(&self, holder: Holder, name: &str) -> bool {
        self.demoted.contains(&(holder, name.to_string()))
    }

    /// Explicit names that kept their holder, with its id (MyST's
    /// `PrioritiseExplicitIds` moves these ids first).
    fn explicit_ids(&self) -> HashMap<String, String> {
        self.ids
            .iter()
            .filter(|(name, _)| self.explicit.get(*name).copied().unwrap_or(false))
            .filter_map(|(name, held)| held.as_ref().map(|(_, id)| (name.clone(), id.clone())))
            .collect()
    }
}

/// What the first pass learnt.
#[derive(Default)]
struct State {
    reg: IdRegistry,
    names: Names,
    /// Nodes in document order.
    counter: usize,
    /// The id each label got, by the line of its target.
    label_ids: HashMap<usize, String>,
    /// GitHub-style slugs to add at the end, by node.
    slugs: Vec<(usize, String)>,
}

/// Assigns ids and names as docutils, Sphinx and MyST do (see the module
/// docs); returns the explicit names (labels, `:name:`s) that kept their
/// node, with its id.
pub(super) fn resolve_ids(nodes: &mut [Node], config: &ParseConfig) -> HashMap<String, String> {
    let mut st = State::default();
    first_pass(nodes, &mut st, config);
    auto_number(nodes, &mut st.reg);
    let explicit = st.names.explicit_ids();
    let ids: HashSet<String> = explicit.values().cloned().collect();
    let mut k = 0usize;
    finish(nodes, &mut st, &ids, &mut k);
    explicit
}

/// Step 1: ids and names in document order.
fn first_pass(nodes: &mut [Node], st: &mut State, config: &ParseConfig) {
    for n in nodes.iter_mut() {
        st.counter += 1;
        let me = Holder::Node(st.counter);
        // The labels before the node were registered where they stand.
        let mut label_ids = Vec::new();
        for (name, line) in &n.labels {
            let id = label_id(&mut st.reg, name);
            st.names.note(name, Holder::Target(*line), &id, true);
            st.label_ids.insert(*line, id.clone());
            label_ids.push(id);
        }
        // Its inline content is read before it gets ids of its own: each
        // footnote reference there takes an `idN`.
        for _ in 0..inline_auto_ids(n) {
            st.reg.auto();
        }
        match &n.kind {
            Kind::Footnote { label } => {
                // MyST drops a footnote whose label is an explicit name already.
                if !st.names.explicit.get(label).copied().unwrap_or(false) {
                    let id = label_id(&mut st.reg, label);
                    st.names.note(label, me, &id, true);
                    n.ids = vec![id];
                }
            }
            Kind::Section { depth, title } => {
                let name = n.names.first().cloned().unwrap_or_default();
                let slug = st.reg.assign([name.as_str()]);
                st.names.note(&name, me, &slug, false);
                n.ids = vec![slug];
                if config.heading_anchors >= *depth {
                    st.slugs.push((st.counter, github_slug(&title.text)));
                }
            }
            Kind::Rubric(_) => {
                let name = n.names.first().cloned().unwrap_or_default();
                let id = st.reg.assign([name.as_str()]);
                st.names.note(&name, me, &id, false);
                n.ids = vec![id];
            }
            Kind::Target { .. } if n.unattached => {
                if let Some(name) = n.names.first().cloned() {
                    let id = label_id(&mut st.reg, &name);
                    st.names.note(&name, Holder::Target(n.line), &id, true);
                    n.ids = vec![id];
                }
            }
            Kind::Target { .. } => {}
            _ => {
                // A directive's `:name:`.
                for name in n.names.clone() {
                    let id = label_id(&mut st.reg, &name);
                    st.names.note(&name, me, &id, true);
                    n.ids.push(id);
                }
            }
        }
        // Propagated later: nearest label first.
        label_ids.reverse();
        n.pending_ids = label_ids;
        for blocks in n.blocks_mut() {
            first_pass(blocks, st, config);
        }
    }
}

/// How many automatic ids the node's own inline content takes (its title,
/// its text, a table's caption and cells).
fn inline_auto_ids(n: &Node) -> usize {
    match &n.kind {
        Kind::Section { title, .. } => title.auto_ids,
        Kind::Paragraph(i) | Kind::Rubric(i) => i.auto_ids,
        Kind::Admonition { title: Some(t), .. } => t.auto_ids,
        Kind::Table(t) => {
            t.title.as_ref().map_or(0, |c| c.auto_ids)
                + t.header
                    .iter()
                    .chain(&t.rows)
                    .flat_map(|r| &r.cells)
                    .map(|c| c.auto_ids)
                    .sum::<usize>()
        }
        _ => 0,
    }
}

/// Step 2: Sphinx's automatic ids for captioned tables without a `:name:`.
fn auto_number(nodes: &mut [Node], reg: &mut IdRegistry) {
    for n in nodes.iter_mut() {
        if let Kind::Table(t) = &n.kind
            && t.title.is_some()
            && n.ids.is_empty()
        {
            n.ids.push(reg.auto());
        }
        for blocks in n.blocks_mut() {
            auto_number(blocks, reg);
        }
    }
}

/// Steps 3 to 6, and the final names: a node's own names that were not
/// demoted, then its labels' (nearest first); each target points at the id
/// its label got.
fn finish(nodes: &mut [Node], st: &mut State, explicit: &HashSet<String>, k: &mut usize) {
    for n in nodes.iter_mut() {
        *k += 1;
        let me = Holder::Node(*k);
        let labels = std::mem::take(&mut n.labels);
        n.ids.extend(std::mem::take(&mut n.pending_ids));
        let mut names = Vec::new();
        for name in std::mem::take(&mut n.names) {
            let holder = match n.kind {
                Kind::Target { .. } => Holder::Target(n.line),
                _ => me,
            };
            if st.names.is_demoted(holder, &name) {
                n.dupnames.push(name);
            } else {
                names.push(name);
            }
        }
        names.extend(
            labels
                .iter()
                .rev()
                .filter(|(name, line)| !st.names.is_demoted(Holder::Target(*line), name))
                .map(|(name, _)| name.clone()),
        );
        n.names = names;
        if matches!(n.kind, Kind::Section { .. }) {
            if n.ids.len() > 1 && n.ids[0].starts_with("id") {
                n.ids.rotate_left(1);
            }
            if let Some(p) = n.ids.iter().position(|id| explicit.contains(id))
                && p > 0
            {
                let id = n.ids.remove(p);
                n.ids.insert(0, id);
            }
            if let Some(p) = st.slugs.iter().position(|(at, _)| *at == *k) {
                let (_, slug) = st.slugs.remove(p);
                if !slug.is_empty() && !n.ids.contains(&slug) && st.reg.insert(&slug) {
                    n.ids.push(slug);
                }
            }
        }
        if let Kind::Target { refid } = &mut n.kind
            && !n.unattached
        {
            // Its id and name went to the node after it (a demoted name stays).
            *refid = st.label_ids.get(&n.line).cloned();
            n.names.clear();
        }
        for blocks in n.blocks_mut() {
            finish(blocks, st, explicit, k);
        }
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

/// Labels given twice, for docutils' warning: the index of each repeat and
/// of the first.
pub(super) fn repeated<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, name) in labels.enumerate() {
        match first.get(name) {
            Some(&f) => out.push((i, f)),
            None => {
                first.insert(name, i);
            }
        }
    }
    out
}
