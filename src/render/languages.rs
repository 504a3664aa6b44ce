//! What a page knows of the other languages: where the same code, page or
//! group is in each (the language switch, `hreflang` links), and the site
//! path prefix of its own language.

use super::Layout;
use super::view::AlternateView;
use crate::translation::Matching;
use crate::urls::{self, relative};

/// Which page of a language a page is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind<'p> {
    /// Entry `i`'s page.
    Code(usize),
    /// A part of catalog page `page`.
    Part { page: usize },
    /// A page every language has at the same path (`index.html` of a
    /// multi-page catalog, `search.html`).
    Same(&'p str),
}

/// Every language's layout, and how each matches the default's.
pub(super) struct Languages<'a> {
    pub layouts: &'a [Layout<'a>],
    /// Per language (the default's is trivial).
    pub matchings: Vec<Matching>,
}

impl<'a> Languages<'a> {
    pub fn new(layouts: &'a [Layout<'a>]) -> Self {
        let base = layouts[0].cat;
        let matchings = layouts.iter().map(|l| Matching::new(base, l.cat)).collect();
        Languages { layouts, matchings }
    }

    /// The site path prefix of language `l` (`""`, `"zh-CN/"`).
    pub fn prefix(&self, l: usize) -> &str {
        &self.layouts[l].cat.language.prefix
    }

    /// The relative path from page `path` of language `l` to the site root
    /// (where the stylesheet and scripts are).
    pub fn assets(&self, l: usize, path: &str) -> String {
        urls::root_of(&format!("{}{path}", self.prefix(l)))
    }

    /// The default page that page `p` of language `l` translates.
    fn default_page(&self, l: usize, p: usize) -> Option<usize> {
        if l == 0 {
            return Some(p);
        }
        self.matchings[l].pages.iter().position(|&m| m == Some(p))
    }

    /// The section of language `m` that section `s` of language `l` corresponds to.
    fn section_in(&self, l: usize, s: usize, m: usize) -> Option<usize> {
        let d = if l == 0 {
            s
        } else {
            *self.matchings[l]
                .groups
                .iter()
                .find(|(_, o)| **o == s)
                .map(|(d, _)| d)?
        };
        if m == 0 {
            Some(d)
        } else {
            self.matchings[m].groups.get(&d).copied()
        }
    }

    /// The links to page `kind` (at `path`) in every language, this one
    /// marked current; empty with one language.
    pub fn alternates(&self, l: usize, kind: Kind<'_>, path: &str) -> Vec<AlternateView> {
        if self.layouts.len() < 2 {
            return Vec::new();
        }
        let from = format!("{}{path}", self.prefix(l));
        let here = self.layouts[l].cat;
        (0..self.layouts.len())
            .map(|m| {
                let lay = &self.layouts[m];
                let lang = &lay.cat.language;
                let (target, missing, anchors) = match kind {
                    Kind::Code(i) => {
                        let code = here.entries[i].code.as_str();
                        match lay.by_code.get(code) {
                            Some(&j) => (lay.code_paths[j].clone(), false, String::new()),
                            None => ("index.html".to_string(), true, String::new()),
                        }
                    }
                    Kind::Part { page, .. } => {
                        let theirs = self.default_page(l, page).and_then(|d| {
                            if m == 0 {
                                Some(d)
                            } else {
                                self.matchings[m].pages[d]
                            }
                        });
                        match theirs {
                            Some(tp) => (
                                lay.pages[tp].parts[0].clone(),
                                false,
                                self.anchor_map(l, page, m),
                            ),
                            None => ("index.html".to_string(), true, String::new()),
                        }
                    }
                    Kind::Same(p) => (p.to_string(), false, String::new()),
                };
                let to = format!("{}{target}", lang.prefix);
                let mut href = relative(&from, &to);
                // The code this language lacks: its index says so.
                if let (Kind::Code(i), true) = (kind, missing) {
                    href.push_str("?untranslated=");
                    href.push_str(&crate::text::percent_encode(
                        here.entries[i].code.as_str(),
                        b"-._~",
                    ));
                }
                AlternateView {
                    tag: lang.tag.clone(),
                    name: lang.name.clone(),
                    url: match &lay.config.site.base_url {
                        Some(b) => urls::absolute(&urls::base_dir(b), &to),
                        None => href.clone(),
                    },
                    href,
                    current: m == l,
                    missing,
                    anchors,
                }
            })
            .collect()
    }

    /// For the index page `page` of language `l`: its group ids that are
    /// other ids in language `m` (the switch keeps `#id` working), as JSON.
    fn anchor_map(&self, l: usize, page: usize, m: usize) -> String {
        if l == m {
            return String::new();
        }
        let (here, there) = (self.layouts[l].cat, self.layouts[m].cat);
        let mut map = serde_json::Map::new();
        for (s, sec) in here.sections.iter().enumerate() {
            if sec.page != page || !sec.has_table {
                continue;
            }
            let Some(t) = self.section_in(l, s, m) else {
                continue;
            };
            let theirs = &there.sections[t];
            for id in &sec.ids {
                if !theirs.ids.contains(id) {
                    map.insert(id.clone(), serde_json::Value::from(theirs.id()));
                }
            }
        }
        if map.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(map).to_string()
        }
    }
}
