//! Plain-text utilities shared by every stage: whitespace collapsing, the
//! words of an identifier, edit distance and "did you mean", and
//! percent-encoding.

/// Whitespace runs collapsed to one space, trimmed.
pub fn collapse(s: &str) -> String {
    // Most text is already one line of ASCII words with single spaces.
    let b = s.as_bytes();
    let single_spaced = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter()
            .zip(b.iter().skip(1).chain([&b'x']))
            .all(|(&c, &next)| c > b' ' && c < 0x80 || c == b' ' && next != b' ');
    if single_spaced {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Words of a name or message: `FunctionNotFound` → Function Not Found,
/// `InvalidJSONBody` → Invalid JSON Body, `session config invalid` → session
/// config invalid. Only ASCII letters and digits make words.
pub fn words(text: &str) -> Vec<String> {
    word_slices(text).map(str::to_string).collect()
}

/// [`words`] as slices of `text`, in order.
pub fn word_slices(text: &str) -> impl Iterator<Item = &str> {
    // Tokens are ASCII (runs of ASCII letters and digits): bytes are chars.
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|token| {
            let b = token.as_bytes();
            let mut start = 0;
            let mut i = 1;
            std::iter::from_fn(move || {
                while i < b.len() {
                    let (prev, c, next) = (b[i - 1], b[i], b.get(i + 1));
                    i += 1;
                    let boundary = c.is_ascii_uppercase()
                        && (prev.is_ascii_lowercase()
                            || (prev.is_ascii_uppercase()
                                && next.is_some_and(|n| n.is_ascii_lowercase())));
                    if boundary {
                        let word = &token[start..i - 1];
                        start = i - 1;
                        return Some(word);
                    }
                }
                if start < b.len() {
                    let word = &token[start..];
                    start = b.len();
                    return Some(word);
                }
                None
            })
        })
}

/// An identifier: an ASCII letter, then letters, digits and `_`
/// (`FunctionNotFound`, `ERR_QUOTA`; not `session config invalid`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Levenshtein distance in Unicode scalar values.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment: `4151` is one edit from `4115`, `titel` from `title`).
pub fn typo_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate nearest to `typed` by [`typo_distance`] (case-insensitive),
/// if it is near enough to be what was meant: one edit for a word of up to
/// three letters, else two or a third of its length (at most four). Ties go
/// to the first candidate.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    let len = typed.chars().count();
    let limit = if len <= 3 { 1 } else { (len / 3).clamp(2, 4) };
    candidates
        .into_iter()
        .filter(|c| *c != typed)
        .map(|c| (typo_distance(&typed_lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Items as a plain list for a message: `a, b, c`.
pub fn plain_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

/// Percent-encodes every byte of `s` except ASCII letters, digits and `keep`.
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    percent_encode_into(&mut out, s, keep);
    out
}

/// [`percent_encode`], appended to `out`.
pub fn percent_encode_into(out: &mut String, s: &str, keep: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Decodes `%XX` escapes (invalid UTF-8 is replaced).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every string of up to `max` characters of `alphabet`, shortest first
/// (for tests that compare two readings on all of them).
#[cfg(test)]
pub(crate) fn every_string(alphabet: &[char], max: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..max {
        last = last
            .iter()
            .flat_map(|t| alphabet.iter().map(move |&c| format!("{t}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_agrees_with_split_and_join() {
        for s in [
            "",
            " ",
            "a",
            "  a  b\t\tc\n",
            "\u{3000}全角\u{a0}space\u{2028}x ",
            "one two",
        ] {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(s), joined, "{s:?}");
        }
        for s in every_string(
            &[' ', 'a', '\t', '\n', '\u{3000}', 'é', '\u{85}', '\x0b'],
            5,
        ) {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(&s), joined, "{s:?}");
        }
    }

    #[test]
    fn words_agree_with_the_char_by_char_reading() {
        // The reading `words` replaced (a `Vec<char>` per token).
        fn reference(text: &str) -> Vec<String> {
            let mut out = Vec::new();
            for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                let chars: Vec<char> = token.chars().collect();
                let mut cur = String::new();
                for (i, &c) in chars.iter().enumerate() {
                    let prev = i.checked_sub(1).map(|p| chars[p]);
                    let next = chars.get(i + 1).copied();
                    let boundary = c.is_ascii_uppercase()
                        && prev.is_some_and(|p| {
                            p.is_ascii_lowercase()
                                || (p.is_ascii_uppercase()
                                    && next.is_some_and(|n| n.is_ascii_lowercase()))
                        });
                    if boundary && !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.push(c);
                }
                if !cur.is_empty() {
                    out.push(cur);
                }
            }
            out
        }
        let alphabet: Vec<char> = "aZbY9 _-Äé中AB".chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let len = (seed % 12) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(words(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn words_split_camel_case_and_sentences() {
        assert_eq!(words("FunctionNotFound"), ["Function", "Not", "Found"]);
        assert_eq!(words("InvalidJSONBody"), ["Invalid", "JSON", "Body"]);
        assert_eq!(
            words("session config invalid"),
            ["session", "config", "invalid"]
        );
        assert_eq!(
            words("Instance exited after executing exit or kill 15."),
            [
                "Instance",
                "exited",
                "after",
                "executing",
                "exit",
                "or",
                "kill",
                "15"
            ]
        );
        assert_eq!(words("ERR_PARAM_INVALID"), ["ERR", "PARAM", "INVALID"]);
    }

    #[test]
    fn percent_round_trip() {
        let s = "a b/ü#%";
        let e = percent_encode(s, b"-._~/");
        assert_eq!(e, "a%20b/%C3%BC%23%25");
        assert_eq!(percent_decode(&e), s);
    }

    #[test]
    fn suggestions_are_near_or_none() {
        let keys = ["title", "base-url", "url-pattern", "templates"];
        for (typed, want) in [
            ("titel", Some("title")),
            ("base_url", Some("base-url")),
            ("Templates", Some("templates")),
            ("url-patern", Some("url-pattern")),
            ("colour", None),
            ("x", None),
            ("title", None),
        ] {
            assert_eq!(did_you_mean(typed, keys), want, "{typed}");
        }
        assert_eq!(plain_list(["a", "b"]), "a, b");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("Eror Code", "Error Code"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
