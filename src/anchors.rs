//! Section ids the way docutils makes them, and the per-page id registry.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// docutils' `make_id`: lower case, a few letters transliterated, everything
/// else folded to ASCII (non-ASCII dropped), runs of other characters turned
/// into `-`, leading digits and hyphens and trailing hyphens removed.
/// May return an empty string; [`IdRegistry::assign`] then picks `idN`.
pub fn make_id(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut translated = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            'ß' => translated.push_str("sz"),
            'æ' => translated.push_str("ae"),
            'œ' => translated.push_str("oe"),
            'ȸ' => translated.push_str("db"),
            'ȹ' => translated.push_str("qp"),
            c => translated.push(translate_letter(c).unwrap_or(c)),
        }
    }
    let ascii: String = translated.nfkd().filter(char::is_ascii).collect();
    let joined = ascii.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    let mut id = String::with_capacity(joined.len());
    let mut pending_dash = false;
    for c in joined.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash {
                id.push('-');
                pending_dash = false;
            }
            id.push(c);
        } else {
            pending_dash = true;
        }
    }
    if pending_dash {
        id.push('-');
    }
    let id = id.trim_start_matches(|c: char| c == '-' || c.is_ascii_digit());
    id.trim_end_matches('-').to_string()
}

fn translate_letter(c: char) -> Option<char> {
    Some(match c {
        'ø' => 'o',
        'đ' => 'd',
        'ħ' => 'h',
        'ı' => 'i',
        'ł' => 'l',
        'ŧ' => 't',
        'ƀ' => 'b',
        'ƃ' => 'b',
        'ƈ' => 'c',
        'ƌ' => 'd',
        'ƒ' => 'f',
        'ƙ' => 'k',
        'ƚ' => 'l',
        'ƞ' => 'n',
        'ƥ' => 'p',
        'ƫ' => 't',
        'ƭ' => 't',
        'ƴ' => 'y',
        'ƶ' => 'z',
        'ǥ' => 'g',
        'ȥ' => 'z',
        'ȴ' => 'l',
        'ȵ' => 'n',
        'ȶ' => 't',
        'ȷ' => 'j',
        'ȼ' => 'c',
        'ȿ' => 's',
        'ɀ' => 'z',
        'ɇ' => 'e',
        'ɉ' => 'j',
        'ɋ' => 'q',
        'ɍ' => 'r',
        'ɏ' => 'y',
        _ => return None,
    })
}

/// docutils' `fully_normalize_name`: lower case, whitespace runs collapsed.
pub fn normalize_name(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// All ids of one page, with docutils' shared `idN` counter.
#[derive(Debug, Default, Clone)]
pub struct IdRegistry {
    ids: HashSet<String>,
    counter: usize,
}

impl IdRegistry {
    /// Is this id taken on the page?
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Registers the first usable id among `make_id(name)` for `names`, else
    /// the next free `idN`. Never returns an empty id.
    pub fn assign<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) -> String {
        for name in names {
            let id = make_id(name);
            if !id.is_empty() && !self.ids.contains(&id) {
                self.ids.insert(id.clone());
                return id;
            }
        }
        self.auto()
    }

    /// The next free automatic id (`id1`, `id2`, …).
    pub fn auto(&mut self) -> String {
        loop {
            self.counter += 1;
            let id = format!("id{}", self.counter);
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// Registers an id that was chosen elsewhere (e.g. a `:name:`); false if taken.
    pub fn insert(&mut self, id: &str) -> bool {
        self.ids.insert(id.to_string())
    }
}

#[cfg(test)]
mod tests;
