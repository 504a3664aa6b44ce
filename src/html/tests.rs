use super::*;

#[test]
fn unknown_tags_keep_their_text() {
    for (html, want) in [
        (
            "GET ?path=<abs>&amp;type=file now",
            "GET ?path=&amp;type=file now",
        ),
        ("<path> not found", " not found"),
        ("x <svg><text>s</text></svg> z", "x s z"),
        ("a <foo title=\"b>c\">d</foo> e", "a d e"),
        ("a <unclosed title=\"x", "a "),
    ] {
        assert_eq!(sanitize(html), want, "{html}");
    }
}

#[test]
fn hidden_and_unsafe_markup_stays_out() {
    for (html, want) in [
        ("<script>alert(1)</script> after", " after"),
        ("a <title>t</title> b", "a  b"),
        (
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a rel=\"noopener noreferrer\">x</a>",
        ),
        (
            "<span class=\"x math\" onclick=\"y\">m</span>",
            "<span class=\"math\">m</span>",
        ),
        (
            "<abbr title=\"Right\">R</abbr>",
            "<abbr title=\"Right\">R</abbr>",
        ),
        ("a <!-- never closed", "a "),
    ] {
        assert_eq!(sanitize(html), want, "{html}");
    }
}

#[test]
fn html_to_text_agrees_with_the_reading_it_replaced() {
    // The reading before: a `String` per text run and per tag name.
    fn reference(html: &str) -> String {
        if !html.bytes().any(|b| b == b'<' || b == b'&') {
            return html.trim().to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            out.push_str(&reference_entities(&rest[..lt]));
            let Some(gt) = rest[lt..].find('>') else {
                out.push_str(&reference_entities(&rest[lt..]));
                rest = "";
                break;
            };
            let tag = rest[lt + 1..lt + gt]
                .trim_start_matches('/')
                .to_ascii_lowercase();
            let name: String = tag
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if matches!(
                name.as_str(),
                "br" | "p"
                    | "li"
                    | "pre"
                    | "div"
                    | "tr"
                    | "td"
                    | "th"
                    | "blockquote"
                    | "ul"
                    | "ol"
                    | "table"
            ) && !out.ends_with('\n')
            {
                out.push('\n');
            }
            rest = &rest[lt + gt + 1..];
        }
        out.push_str(&reference_entities(rest));
        out.trim().to_string()
    }

    fn reference_entities(s: &str) -> String {
        if !s.contains('&') {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
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
        out
    }

    // Every string of up to 5 of these (tags, breaks, references, case,
    // spaces, a non-ASCII letter), and some whole cells.
    const ALPHABET: [char; 12] = ['<', '>', '/', 'b', 'R', 'p', '&', ';', '#', '3', ' ', 'é'];
    let mut texts = crate::text::every_string(&ALPHABET, 5);
    texts.extend(
        [
            "<p>Quota &amp; <code>limit</code></p>\n<ul><li>one</li><LI>two</li></ul>",
            " <BR/>x&#x41;&#66;&nbsp;&bogus; &lt;tag&gt; <Table><tr><td>1</td></tr></table> ",
            "&#xZZ; &#1114112; &am; <div",
        ]
        .map(String::from),
    );
    for tag in [
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
        "b",
        "bro",
        "span",
        "code",
    ] {
        let upper = tag.to_ascii_uppercase();
        texts.push(format!(
            "<{tag}>x</{tag}><{upper} class=\"c\">y</{upper}><{tag}/>"
        ));
    }
    for t in &texts {
        // Also with text around it (so that trimming hides no line break).
        let wrapped = format!("x{t}y");
        assert_eq!(html_to_text(t), reference(t), "{t:?}");
        assert_eq!(html_to_text(&wrapped), reference(&wrapped), "{wrapped:?}");
    }
}

#[test]
fn escape_text_agrees_with_the_char_by_char_reading() {
    // The reading it replaced.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
        out
    }
    for s in crate::text::every_string(&['a', '&', '<', '>', '"', '\'', 'é', '全'], 5) {
        assert_eq!(escape_text(&s), reference(&s), "{s:?}");
    }
}
