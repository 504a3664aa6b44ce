//! Ids as docutils assigns them: section slugs and labels first, in
//! document order; then automatic ids for titled tables; a label's target
//! points at the id its label got on the node after it.

use super::{Kind, Node, ParseConfig};
use crate::anchors::{IdRegistry, make_id, normalize_name};

/// Assigns ids as docutils does: section slugs and labels first, in document
/// order; then automatic ids for titled tables; labels propagate to the node
/// after their target.
pub(super) fn resolve_ids(nodes: &mut [Node], config: &ParseConfig) {
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
