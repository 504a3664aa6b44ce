//! Cutting a long catalog page into parts (`index.html`, `index-2.html`, …)
//! at row boundaries, and knowing which part holds each id and each row.
//!
//! A page's outline is numbered in document order: a section, a table, each
//! of its body rows and each run of prose take one position. A part is a
//! range of positions; a section or table that spans a cut is shown on each
//! part it reaches (its heading repeated as "continued", without ids).

use std::collections::HashMap;

use crate::catalog::{Block, Catalog};

/// The most HTML a part may hold (rows are cut before it is exceeded).
pub const PART_BYTES: usize = 512 * 1024;

/// A block of a page's outline with its position.
pub(super) enum Placed<'a> {
    Section {
        /// Index in `Catalog::sections`.
        section: usize,
        pos: usize,
        /// The position after its last descendant.
        end: usize,
        children: Vec<Placed<'a>>,
    },
    Table {
        /// Index in `Catalog::tables`.
        table: usize,
        pos: usize,
        end: usize,
        /// (body row index, position) of each row shown (blank rows are not).
        rows: Vec<(usize, usize)>,
    },
    Prose {
        html: &'a str,
        ids: &'a [String],
        pos: usize,
    },
    /// A section's removed codes that no table lists: one position for the
    /// list, one per code.
    Removed {
        pos: usize,
        end: usize,
        /// (entry index, position).
        entries: Vec<(usize, usize)>,
    },
}

/// A catalog page and its parts.
pub(super) struct SplitPage<'a> {
    /// The outline, positioned.
    pub outline: Vec<Placed<'a>>,
    /// The first position of each part (the first is 0).
    pub part_starts: Vec<usize>,
    /// The site path of each part.
    pub parts: Vec<String>,
    /// Every id on the page → the part it is on.
    pub ids: HashMap<String, usize>,
}

impl SplitPage<'_> {
    /// The part holding position `pos`.
    pub fn part_of(&self, pos: usize) -> usize {
        self.part_starts
            .partition_point(|&c| c <= pos)
            .saturating_sub(1)
    }

    /// The positions of part `k`.
    pub fn range(&self, k: usize) -> std::ops::Range<usize> {
        self.part_starts[k]..self.part_starts.get(k + 1).copied().unwrap_or(usize::MAX)
    }
}

/// Places a page's blocks and cuts them into parts of at most `max_rows`
/// rows and [`PART_BYTES`] of HTML; `base` is the path of the first part.
pub(super) fn split<'a>(
    cat: &'a Catalog,
    blocks: &'a [Block],
    base: &str,
    max_rows: usize,
) -> SplitPage<'a> {
    let mut pos = 0;
    let outline = place(cat, blocks, &mut pos);
    // Cut before a row once the part is full; what stands between the
    // previous row and that one (a heading, prose) moves along with it.
    let mut part_starts = vec![0];
    let (mut rows, mut bytes, mut after_last_row) = (0usize, 0usize, 0usize);
    walk_rows(cat, &outline, &mut |pos, row_bytes| {
        if let Some(b) = row_bytes {
            if rows > 0 && (rows >= max_rows.max(1) || bytes + b > PART_BYTES) {
                part_starts.push(after_last_row);
                rows = 0;
                bytes = 0;
            }
            rows += 1;
            bytes += b;
            after_last_row = pos + 1;
        }
    });
    let stem = base.strip_suffix(".html").unwrap_or(base).to_string();
    let parts = (0..part_starts.len())
        .map(|k| {
            if k == 0 {
                base.to_string()
            } else {
                format!("{stem}-{}.html", k + 1)
            }
        })
        .collect();
    let mut page = SplitPage {
        outline,
        part_starts,
        parts,
        ids: HashMap::new(),
    };
    let mut ids = HashMap::new();
    collect_ids(cat, &page.outline, &page, &mut ids);
    page.ids = ids;
    page
}

fn place<'a>(cat: &'a Catalog, blocks: &'a [Block], pos: &mut usize) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    for b in blocks {
        let start = *pos;
        *pos += 1;
        match b {
            Block::Section { section, children } => {
                let children = place(cat, children, pos);
                out.push(Placed::Section {
                    section: *section,
                    pos: start,
                    end: *pos,
                    children,
                });
            }
            Block::Table(t) => {
                let rows = cat.tables[*t]
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !r.blank)
                    .map(|(i, _)| {
                        *pos += 1;
                        (i, *pos - 1)
                    })
                    .collect();
                out.push(Placed::Table {
                    table: *t,
                    pos: start,
                    end: *pos,
                    rows,
                });
            }
            Block::Prose { html, ids } => out.push(Placed::Prose {
                html,
                ids,
                pos: start,
            }),
            Block::Removed(entries) => {
                let entries = entries
                    .iter()
                    .map(|&e| {
                        *pos += 1;
                        (e, *pos - 1)
                    })
                    .collect();
                out.push(Placed::Removed {
                    pos: start,
                    end: *pos,
                    entries,
                });
            }
        }
    }
    out
}

/// Calls `f(position, Some(row bytes))` for each row and `f(position, None)`
/// for everything else, in document order.
fn walk_rows(cat: &Catalog, outline: &[Placed<'_>], f: &mut dyn FnMut(usize, Option<usize>)) {
    for p in outline {
        match p {
            Placed::Section { pos, children, .. } => {
                f(*pos, None);
                walk_rows(cat, children, f);
            }
            Placed::Table {
                table, pos, rows, ..
            } => {
                f(*pos, None);
                let t = &cat.tables[*table];
                for &(ri, p) in rows {
                    let bytes = t.rows[ri]
                        .cells
                        .iter()
                        .map(|c| c.html.len() + 64)
                        .sum::<usize>();
                    f(p, Some(bytes));
                }
            }
            Placed::Prose { pos, .. } => f(*pos, None),
            Placed::Removed { pos, entries, .. } => {
                f(*pos, None);
                for &(_, p) in entries {
                    f(p, Some(256));
                }
            }
        }
    }
}

/// Every id of the page → its part (the first place it appears).
fn collect_ids(
    cat: &Catalog,
    outline: &[Placed<'_>],
    page: &SplitPage<'_>,
    out: &mut HashMap<String, usize>,
) {
    for p in outline {
        let (ids, pos): (&[String], usize) = match p {
            Placed::Section {
                section,
                pos,
                children,
                ..
            } => {
                for id in &cat.sections[*section].ids {
                    out.entry(id.clone()).or_insert(page.part_of(*pos));
                }
                collect_ids(cat, children, page, out);
                continue;
            }
            Placed::Table { table, pos, .. } => (&cat.tables[*table].ids, *pos),
            Placed::Prose { ids, pos, .. } => (ids, *pos),
            Placed::Removed { entries, .. } => {
                for &(e, p) in entries {
                    out.entry(cat.entries[e].code.to_string())
                        .or_insert(page.part_of(p));
                }
                continue;
            }
        };
        for id in ids {
            out.entry(id.clone()).or_insert(page.part_of(pos));
        }
    }
}
