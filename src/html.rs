//! HTML text utilities: escaping, the allow-list sanitiser, and HTML back to
//! the text a browser shows. Used by the reader, the catalog and the site.

/// The text a browser shows for a fragment of (sanitised) HTML: tags
/// dropped, `<br>` and block ends as line breaks, entities decoded.
pub fn html_to_text(html: &str) -> String {
    // Two searches for one byte each (a word at a time) are faster than
    // one look at every byte for either.
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_entities_into(&mut out, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            decode_entities_into(&mut out, &rest[lt..]);
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim_start_matches('/');
        let len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &tag[..len];
        let breaks = [
            "br",
            "p",
            "li",
            "pre",
            "div",
            "tr",
            "td",
            "th",
            "blockquote",
            "ul",
            "ol",
            "table",
        ]
        .iter()
        .any(|b| b.eq_ignore_ascii_case(name));
        if breaks && !out.ends_with('\n') {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    decode_entities_into(&mut out, rest);
    // Trimmed in place.
    out.truncate(out.trim_end().len());
    let lead = out.len() - out.trim_start().len();
    out.drain(..lead);
    out
}

/// `s` with its character references decoded, appended to `out`.
fn decode_entities_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &tail[1..e];
            match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Escapes text for an HTML text node: `& < > "` as entities, the runs
/// between them copied whole.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_runs(&mut out, s, false);
    out
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`] into `out`: `& < > " '` as entities, the runs between them
/// copied whole.
pub fn escape_into(out: &mut String, s: &str) {
    escape_runs(out, s, true);
}

/// `& < > "` (and with `apostrophe`, `'`) of `s` as entities into `out`,
/// the runs between them copied whole.
fn escape_runs(out: &mut String, s: &str, apostrophe: bool) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if apostrophe => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// The tags [`sanitize`] keeps (with their safe attributes); every other
/// tag is dropped and its text kept, as a browser shows an element it does
/// not know.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "del",
    "em",
    "i",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "ul",
];

/// Elements a browser does not show, text and all.
pub const HIDDEN_TAGS: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "script", "style", "template", "title",
];

/// Keeps a small allow-list of tags and safe link targets; escapes the rest.
/// A tag that is neither allowed nor hidden is dropped before the HTML is
/// parsed, so its text stays (`?path=<abs>&type=file`: a browser shows
/// `?path=&type=file`; ammonia alone would drop the text of elements named
/// like SVG or MathML ones, `<path>`, `<abs>`, `<text>`).
pub fn sanitize(html: &str) -> String {
    use std::collections::{HashMap, HashSet};
    let classes: HashMap<&str, HashSet<&str>> = [
        ("a", ["footnote-reference", "brackets"].as_slice()),
        (
            "span",
            [
                "math",
                "notranslate",
                "nohighlight",
                "fn-bracket",
                "guilabel",
                "menuselection",
                "accelerator",
            ]
            .as_slice(),
        ),
    ]
    .into_iter()
    .map(|(tag, cs)| (tag, cs.iter().copied().collect()))
    .collect();
    ammonia::Builder::default()
        .tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(HIDDEN_TAGS.iter().copied().collect())
        .allowed_classes(classes)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&drop_unknown_tags(html))
        .to_string()
}

/// `html` without the tags [`sanitize`] neither keeps nor hides (their text
/// stays). Comments, declarations and anything that is not a tag pass
/// through for ammonia.
fn drop_unknown_tags(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains('<') {
        return std::borrow::Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    let mut copied = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        if html[lt..].starts_with("<!--") {
            // Up to the end of the comment (ammonia removes it).
            i = html[lt + 4..]
                .find("-->")
                .map_or(html.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let name_start = lt + 1 + usize::from(bytes.get(lt + 1) == Some(&b'/'));
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(html, name_start + name_len);
        if !ALLOWED_TAGS.contains(&name.as_str()) && !HIDDEN_TAGS.contains(&name.as_str()) {
            out.push_str(&html[copied..lt]);
            copied = end;
        }
        i = end;
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The index after the `>` that ends a tag whose attributes start at `at`
/// (quoted values may hold `>`), or the end of the text.
fn tag_end(html: &str, at: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, b) in html.as_bytes()[at..].iter().enumerate() {
        match (quote, b) {
            (Some(q), c) if *c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return at + k + 1,
            _ => {}
        }
    }
    html.len()
}

#[cfg(test)]
mod tests;
