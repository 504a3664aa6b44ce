//! Translations kept in step. The catalogs of the `[[language]]`s are
//! compared with the default language's: the same pages, the same codes in
//! corresponding groups, the same labels, the same removals
//! (`translation-drift`), and cells still word for word the default's
//! (`untranslated`). [`Matching`] is also what the site's language switch
//! uses to find a group's id in another language.
//!
//! Groups (sections that hold a table) of two languages correspond by a
//! shared id first (a `(label)=` both pages carry, or the same slug), then
//! by position among the groups left on the same page, when as many are
//! left on both sides; otherwise the match is ambiguous and said so.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::catalog::{Catalog, Entry, Status};
use crate::diag::{DiagSpan, Diagnostic};
use crate::rules;
use crate::text::{collapse, is_identifier};

/// How the pages and groups of one language correspond to the default's.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// Default page index → this language's page index.
    pub pages: Vec<Option<usize>>,
    /// Default section index → this language's section index (groups only).
    pub groups: BTreeMap<usize, usize>,
    /// Pages (default index) whose groups could not all be matched.
    pub ambiguous: Vec<usize>,
}

impl Matching {
    /// Matches `other`'s pages and groups with `base`'s.
    pub fn new(base: &Catalog, other: &Catalog) -> Matching {
        let by_path: HashMap<String, usize> = other
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (other.relative_path(&p.path), i))
            .collect();
        let pages: Vec<Option<usize>> = base
            .pages
            .iter()
            .map(|p| by_path.get(&base.relative_path(&p.path)).copied())
            .collect();
        let mut groups = BTreeMap::new();
        let mut ambiguous = Vec::new();
        for (bp, op) in pages.iter().enumerate() {
            let Some(op) = *op else { continue };
            let bg: Vec<usize> = group_sections(base, bp);
            let og: Vec<usize> = group_sections(other, op);
            let mut taken = BTreeSet::new();
            let mut left = Vec::new();
            for &b in &bg {
                let shared = og.iter().copied().find(|o| {
                    !taken.contains(o)
                        && base.sections[b]
                            .ids
                            .iter()
                            .any(|id| other.sections[*o].ids.contains(id))
                });
                match shared {
                    Some(o) => {
                        taken.insert(o);
                        groups.insert(b, o);
                    }
                    None => left.push(b),
                }
            }
            let rest: Vec<usize> = og.iter().copied().filter(|o| !taken.contains(o)).collect();
            if left.len() == rest.len() {
                groups.extend(left.into_iter().zip(rest));
            } else {
                ambiguous.push(bp);
            }
        }
        Matching {
            pages,
            groups,
            ambiguous,
        }
    }

    /// The id in `other` of the group (or section) `id` of `base`'s page
    /// `page`, where the two differ.
    pub fn id_map<'a>(&self, base: &'a Catalog, other: &'a Catalog) -> Vec<(&'a str, &'a str)> {
        let mut out = Vec::new();
        for (&b, &o) in &self.groups {
            let (bs, os) = (&base.sections[b], &other.sections[o]);
            for id in &bs.ids {
                if !os.ids.contains(id) {
                    out.push((id.as_str(), os.id()));
                }
            }
        }
        out
    }
}

/// The sections of page `page` that hold a table, in document order.
fn group_sections(cat: &Catalog, page: usize) -> Vec<usize> {
    (0..cat.sections.len())
        .filter(|&s| cat.sections[s].page == page && cat.sections[s].has_table)
        .collect()
}

/// Every finding about the translations: each language after the first
/// compared with the first.
pub fn check(cats: &[Catalog]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some((base, others)) = cats.split_first() else {
        return out;
    };
    for other in others {
        let m = Matching::new(base, other);
        pages(base, other, &m, &mut out);
        codes(base, other, &m, &mut out);
        labels(base, other, &mut out);
        untranslated(base, other, &mut out);
    }
    out
}

fn span_of(cat: &Catalog, e: &Entry) -> DiagSpan {
    let s = cat.span(e);
    DiagSpan::at(s.file, s.line, s.column, e.code.as_str().chars().count())
}

fn tag(cat: &Catalog) -> &str {
    &cat.language.tag
}

/// Pages one language has and the other lacks, and pages whose groups do
/// not correspond.
fn pages(base: &Catalog, other: &Catalog, m: &Matching, out: &mut Vec<Diagnostic>) {
    for (bp, op) in m.pages.iter().enumerate() {
        let path = base.relative_path(&base.pages[bp].path);
        if op.is_none() && base.entries.iter().any(|e| e.page == bp) {
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        DiagSpan::at(&base.pages[bp].path, 1, 1, 1),
                        format!(
                            "{path} has no {} translation: {} has no page {path}",
                            tag(other),
                            other.root.display()
                        ),
                    )
                    .with_help(format!(
                        "translate it as {}",
                        other.root.join(&path).display()
                    )),
            );
        }
    }
    let matched: BTreeSet<usize> = m.pages.iter().flatten().copied().collect();
    for (op, p) in other.pages.iter().enumerate() {
        if !matched.contains(&op) && other.entries.iter().any(|e| e.page == op) {
            let path = other.relative_path(&p.path);
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        DiagSpan::at(&p.path, 1, 1, 1),
                        format!(
                            "{} has a page {path} that {} (the default language) does not have",
                            tag(other),
                            tag(base)
                        ),
                    )
                    .with_help(format!(
                        "name it as its original is named in {}, or add the original",
                        base.root.display()
                    )),
            );
        }
    }
    for &bp in &m.ambiguous {
        let op = m.pages[bp].unwrap_or(0);
        let count = |c: &Catalog, p| group_sections(c, p).len();
        out.push(
            rules::TRANSLATION_DRIFT
                .at(
                    DiagSpan::at(&other.pages[op].path, 1, 1, 1),
                    format!(
                        "the groups of {} cannot be matched with those of {}: {} has {} code groups, {} has {}, and not every group shares an id (a label) with one of the other",
                        other.relative_path(&other.pages[op].path),
                        base.relative_path(&base.pages[bp].path),
                        tag(base),
                        count(base, bp),
                        tag(other),
                        count(other, op)
                    ),
                )
                .with_help(
                    "give each group the same `(label)=` in every language, so groups match by label",
                ),
        );
    }
}

/// Codes one language has and the other lacks, codes in groups that do not
/// correspond, and removals one language records and the other does not.
fn codes(base: &Catalog, other: &Catalog, m: &Matching, out: &mut Vec<Diagnostic>) {
    let index = |c: &Catalog| -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, e) in c.entries.iter().enumerate() {
            map.entry(e.code.as_str().to_string()).or_insert(i);
        }
        map
    };
    let (bi, oi) = (index(base), index(other));
    for (i, e) in base.entries.iter().enumerate() {
        if bi.get(e.code.as_str()) != Some(&i) {
            continue;
        }
        let Some(&j) = oi.get(e.code.as_str()) else {
            let page = m.pages[e.page]
                .map(|p| other.pages[p].path.display().to_string())
                .unwrap_or_else(|| other.root.display().to_string());
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        span_of(base, e),
                        format!(
                            "code {} is documented in {} but not in {}",
                            e.code,
                            tag(base),
                            tag(other)
                        ),
                    )
                    .with_help(format!(
                        "add its row to {page} (in its group {:?}), or record its removal in every language",
                        base.group_title(e)
                    ))
                    .with_code(e.code.as_str()),
            );
            continue;
        };
        let f = &other.entries[j];
        if let (Some(bs), Some(os)) = (e.section, f.section)
            && m.groups.get(&bs).is_some_and(|&o| o != os)
        {
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        span_of(other, f),
                        format!(
                            "code {} is in group {:?} in {} but in {:?} in {}",
                            e.code,
                            other.group_title(f),
                            tag(other),
                            base.group_title(e),
                            tag(base)
                        ),
                    )
                    .with_related(span_of(base, e), format!("its row in {}", tag(base)))
                    .with_help("move the row to the group that corresponds")
                    .with_code(e.code.as_str()),
            );
        }
        let removed = |x: &Entry| x.lifecycle.status == Status::Removed;
        if removed(e) != removed(f) {
            let (kept, kept_entry, gone_tag, kept_tag) = if removed(e) {
                (other, f, tag(base), tag(other))
            } else {
                (base, e, tag(other), tag(base))
            };
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        span_of(kept, kept_entry),
                        format!(
                            "code {} is removed in {gone_tag} but still in use in {kept_tag}",
                            e.code
                        ),
                    )
                    .with_help(format!(
                        "a removal holds for every language: record it for {kept_tag} too (its page stays as a tombstone), or undo it"
                    ))
                    .with_code(e.code.as_str()),
            );
        }
    }
    for f in &other.entries {
        if !bi.contains_key(f.code.as_str()) {
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        span_of(other, f),
                        format!(
                            "code {} is documented in {} but not in {} (the default language)",
                            f.code,
                            tag(other),
                            tag(base)
                        ),
                    )
                    .with_help(format!(
                        "add it to {} first (translations follow the default language), or delete its row",
                        base.root.display()
                    ))
                    .with_code(f.code.as_str()),
            );
        }
    }
}

/// Labels one language defines and the other does not (`#label` links
/// would break in the other).
fn labels(base: &Catalog, other: &Catalog, out: &mut Vec<Diagnostic>) {
    let names =
        |c: &Catalog| -> BTreeSet<String> { c.labels.iter().map(|l| l.name.clone()).collect() };
    let (bn, on) = (names(base), names(other));
    for (from, to, missing) in [(base, other, &on), (other, base, &bn)] {
        for l in &from.labels {
            if missing.contains(&l.name) {
                continue;
            }
            out.push(
                rules::TRANSLATION_DRIFT
                    .at(
                        DiagSpan::at(
                            &from.pages[l.page].path,
                            l.line,
                            l.column,
                            l.name.chars().count(),
                        ),
                        format!(
                            "label `{}` is defined in {} but not in {}: `#{}` links work in one language only",
                            l.name,
                            tag(from),
                            tag(to),
                            l.name
                        ),
                    )
                    .with_help(format!(
                        "put `({})=` before the corresponding heading in {}",
                        l.name,
                        tag(to)
                    )),
            );
        }
    }
}

/// Cells of a translation still word for word the default's. Columns
/// correspond by position; a column kept in the original in most rows (an
/// error message string, a constant name) is by design and not reported.
fn untranslated(base: &Catalog, other: &Catalog, out: &mut Vec<Diagnostic>) {
    let by_code: HashMap<&str, &Entry> =
        other.entries.iter().map(|e| (e.code.as_str(), e)).collect();
    // (base table, other table) → matched rows.
    let mut pairs: BTreeMap<(usize, usize), Vec<(&Entry, &Entry)>> = BTreeMap::new();
    for e in &base.entries {
        let Some(f) = by_code.get(e.code.as_str()) else {
            continue;
        };
        if let (
            crate::catalog::Place::Row { table: bt, .. },
            crate::catalog::Place::Row { table: ot, .. },
        ) = (e.place, f.place)
        {
            pairs.entry((bt, ot)).or_default().push((e, f));
        }
    }
    for ((bt, ot), rows) in pairs {
        let (btab, otab) = (&base.tables[bt], &other.tables[ot]);
        let skip = [btab.code_column, otab.code_column];
        for col in 0..btab.columns.len().min(otab.columns.len()) {
            if skip.contains(&Some(col)) {
                continue;
            }
            let cell_pair = |(e, f): &(&Entry, &Entry)| {
                let a = base.row(e).and_then(|r| r.cells.get(col))?;
                let b = other.row(f).and_then(|r| r.cells.get(col))?;
                Some((a, b))
            };
            let same = |a: &crate::catalog::Cell, b: &crate::catalog::Cell| {
                collapse(&a.text) == collapse(&b.text)
            };
            let cells: Vec<_> = rows.iter().filter_map(cell_pair).collect();
            let identical = cells.iter().filter(|(a, b)| same(a, b)).count();
            if identical * 2 >= cells.len() {
                continue;
            }
            for (i, (a, b)) in cells.iter().enumerate() {
                let text = collapse(&a.text);
                if !same(a, b) || !needs_translation(&text) {
                    continue;
                }
                let f = rows[i].1;
                out.push(
                    rules::UNTRANSLATED
                        .at(
                            DiagSpan::at(&otab.file, b.line, b.column, b.source.chars().count()),
                            format!(
                                "the {:?} cell of code {} in {} is still the {} text: {:?}",
                                otab.columns[col],
                                f.code,
                                tag(other),
                                tag(base),
                                text
                            ),
                        )
                        .with_code(f.code.as_str()),
                );
            }
        }
    }
}

/// Whether a cell's text is words to translate (not empty, not a number,
/// an identifier or a code-like token).
fn needs_translation(text: &str) -> bool {
    let t = text.trim();
    // A name: CamelCase, snake_case, UPPER (a lone capitalised word is words).
    let name = is_identifier(t)
        && (t.contains('_')
            || t.chars().skip(1).any(|c| c.is_ascii_uppercase())
            || t.chars().all(|c| !c.is_ascii_lowercase()));
    !(t.is_empty()
        || name
        || t.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace())
        || !t.chars().any(char::is_alphabetic)
        || (!t.contains(' ') && t.chars().any(|c| c.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_needs_translating() {
        for keep in [
            "FunctionNotFound",
            "4115",
            "HTTP_404",
            "v2.1",
            "",
            "—",
            "E1001",
        ] {
            assert!(!needs_translation(keep), "{keep}");
        }
        for words in ["Contact us.", "session config invalid", "Retry"] {
            assert!(needs_translation(words), "{words}");
        }
    }
}
