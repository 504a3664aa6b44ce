//! docutils' SmartQuotes transform (Sphinx's default `smartquotes_action =
//! "qDe"`: quotes, old-school dashes, ellipses), with the quote characters
//! of the page's language ([`Quotes::for_language`]); Sphinx leaves
//! Japanese and Chinese pages alone.
//!
//! docutils runs it over the text nodes of a paragraph in order, each
//! educated with the last character of the token before it as context, and
//! never inside literals. [`Educator`] keeps that context.

const OSQUOTE: char = '‘';
const CSQUOTE: char = '’';
const OPQUOTE: char = '“';
const CPQUOTE: char = '”';

/// The quote characters of a language: opening and closing double, opening
/// and closing single (an apostrophe inside a word stays `’`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotes {
    /// Opening and closing double quotes.
    pub double: (&'static str, &'static str),
    /// Opening and closing single quotes.
    pub single: (&'static str, &'static str),
}

impl Quotes {
    /// English, and docutils' default.
    pub const ENGLISH: Quotes = Quotes {
        double: ("“", "”"),
        single: ("‘", "’"),
    };

    /// The quotes docutils uses for a Sphinx `language` (`de`, `zh_CN`), as
    /// Sphinx 9 shows them; `None` where Sphinx turns smart quotes off
    /// (`smartquotes_excludes`: Japanese and Chinese). A language docutils
    /// has no table for gets English quotes, as there.
    pub fn for_language(language: Option<&str>) -> Option<Quotes> {
        let Some(lang) = language else {
            return Some(Quotes::ENGLISH);
        };
        let lang = lang.replace('-', "_").to_ascii_lowercase();
        let base = lang.split('_').next().unwrap_or("");
        let q = |d: (&'static str, &'static str), s: (&'static str, &'static str)| {
            Some(Quotes {
                double: d,
                single: s,
            })
        };
        match base {
            "ja" | "zh" => None,
            "de" => q(("„", "“"), ("‚", "‘")),
            "fr" => q(("« ", " »"), ("“", "”")),
            "es" | "it" => q(("«", "»"), ("“", "”")),
            "ru" => q(("«", "»"), ("„", "“")),
            "pl" => q(("„", "”"), ("«", "»")),
            "sv" => q(("”", "”"), ("’", "’")),
            _ => Some(Quotes::ENGLISH),
        }
    }
}

/// Educates a paragraph's text tokens in order.
#[derive(Debug, Clone)]
pub struct Educator {
    prev: char,
    quotes: Quotes,
}

impl Default for Educator {
    fn default() -> Self {
        Educator::new(Quotes::ENGLISH)
    }
}

impl Educator {
    /// An educator with a language's quotes.
    pub fn new(quotes: Quotes) -> Self {
        Educator { prev: ' ', quotes }
    }

    /// A literal (inline code) token: not educated, but it is context.
    pub fn literal(&mut self, text: &str) {
        if let Some(c) = text.chars().last() {
            self.prev = c;
        }
    }

    /// Educates one text token. As docutils does, backslash escapes of a
    /// backslash, quote, dot, dash or backtick are taken out first and put
    /// back as the bare character (after Markdown undid one level already:
    /// `\\\\` in a cell shows as one backslash).
    pub fn text(&mut self, text: &str) -> String {
        let Some(last) = text.chars().last() else {
            return String::new();
        };
        // Nothing to educate: most text has no quotes, dashes, dots or escapes.
        if !text
            .bytes()
            .any(|b| matches!(b, b'\'' | b'"' | b'\\' | b'&'))
        {
            self.prev = last;
            // No quotes and no escapes (nor references, which the escapes
            // become): only dashes and ellipses can change, and a dot or a
            // dash alone (a sentence's end) is neither.
            if !text.contains("--") && !text.contains("...") && !text.contains(". . .") {
                return text.to_string();
            }
            return educate_ellipses(&educate_dashes(text));
        }
        let escaped = process_escapes(text);
        let out = self.educate(&escaped);
        self.prev = last;
        restore_escapes(&out)
    }

    fn educate(&mut self, text: &str) -> String {
        let out = if !text.bytes().any(|b| b == b'\'' || b == b'"') {
            text.to_string()
        } else if text == "'" {
            if self.prev.is_whitespace() {
                OSQUOTE.to_string()
            } else {
                CSQUOTE.to_string()
            }
        } else if text == "\"" {
            if self.prev.is_whitespace() {
                OPQUOTE.to_string()
            } else {
                CPQUOTE.to_string()
            }
        } else {
            let mut chars: Vec<char> = std::iter::once(self.prev).chain(text.chars()).collect();
            educate_quotes(&mut chars);
            if self.quotes == Quotes::ENGLISH {
                chars[1..].iter().collect()
            } else {
                localise(&chars, self.quotes)
            }
        };
        educate_ellipses(&educate_dashes(&out))
    }
}

/// docutils' `processEscapes`: the escapes it knows, as character references.
const ESCAPES: &[(&str, &str)] = &[
    ("\\\\", "&#92;"),
    ("\\\"", "&#34;"),
    ("\\'", "&#39;"),
    ("\\.", "&#46;"),
    ("\\-", "&#45;"),
    ("\\`", "&#96;"),
];

fn process_escapes(text: &str) -> String {
    let mut t = text.to_string();
    for (escape, reference) in ESCAPES {
        if t.contains(escape) {
            t = t.replace(escape, reference);
        }
    }
    t
}

/// `processEscapes(restore=True)`: each reference back to its bare character.
fn restore_escapes(text: &str) -> String {
    let mut t = text.to_string();
    for (escape, reference) in ESCAPES {
        if t.contains(reference) {
            t = t.replace(reference, &escape[1..]);
        }
    }
    t
}

/// English quotes (after [`educate_quotes`], context character first) in
/// another language's characters; an apostrophe between letters stays.
fn localise(chars: &[char], q: Quotes) -> String {
    let mut out = String::with_capacity(chars.len() + 4);
    for i in 1..chars.len() {
        match chars[i] {
            OPQUOTE => out.push_str(q.double.0),
            CPQUOTE => out.push_str(q.double.1),
            OSQUOTE => out.push_str(q.single.0),
            CSQUOTE
                if !(chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())) =>
            {
                out.push_str(q.single.1)
            }
            c => out.push(c),
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_punct(c: char) -> bool {
    "-!\"#$%'()*+,./:;<=>?@[\\]^_`{|}~".contains(c)
}

fn is_sep(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{200C}'
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '[' | '{')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// docutils' `educateQuotes` (English), on characters.
fn educate_quotes(t: &mut [char]) {
    let n = t.len();
    let at = |t: &[char], i: usize| t.get(i).copied();
    // "' and '" before a word: a double set of quotes.
    let mut i = 0;
    while i + 2 < n + 1 && i + 1 < n {
        let follows_word = at(t, i + 2).is_some_and(is_word);
        if t[i] == '"' && t[i + 1] == '\'' && follows_word {
            t[i] = OPQUOTE;
            t[i + 1] = OSQUOTE;
            i += 2;
        } else if t[i] == '\'' && t[i + 1] == '"' && follows_word {
            t[i] = OSQUOTE;
            t[i + 1] = OPQUOTE;
            i += 2;
        } else {
            i += 1;
        }
    }
    // Decade abbreviations: '80s.
    for i in 0..n {
        if t[i] == '\''
            && at(t, i + 1).is_some_and(|c| c.is_ascii_digit())
            && at(t, i + 2).is_some_and(|c| c.is_ascii_digit())
            && at(t, i + 3) == Some('s')
        {
            t[i] = CSQUOTE;
        }
    }
    opening(t, '\'', OSQUOTE);
    // Closing single quotes: after any non-space character.
    let orig: Vec<char> = t.to_vec();
    for i in 1..n {
        if orig[i] == '\'' && !orig[i - 1].is_whitespace() {
            t[i] = CSQUOTE;
        }
    }
    for c in t.iter_mut() {
        if *c == '\'' {
            *c = OSQUOTE;
        }
    }
    opening(t, '"', OPQUOTE);
    let orig: Vec<char> = t.to_vec();
    for i in 0..n {
        if orig[i] == '"'
            && ((i > 0 && !orig[i - 1].is_whitespace()) || at(&orig, i + 1).is_some_and(is_sep))
        {
            t[i] = CPQUOTE;
        }
    }
    for c in t.iter_mut() {
        if *c == '"' {
            *c = OPQUOTE;
        }
    }
}

/// `(sep|open|dash)Q(?=\w|punct)` → opening quote (non-overlapping, left to right).
fn opening(t: &mut [char], q: char, open: char) {
    let n = t.len();
    let mut i = 0;
    while i + 1 < n {
        let c = t[i];
        if (is_sep(c) || is_open(c) || is_dash(c))
            && t[i + 1] == q
            && t.get(i + 2).is_some_and(|&c| is_word(c) || is_punct(c))
        {
            t[i + 1] = open;
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Old-school dashes: `---` → em dash, `--` → en dash.
fn educate_dashes(s: &str) -> String {
    if !s.contains("--") {
        return s.to_string();
    }
    s.replace("---", "—").replace("--", "–")
}

/// `...` and `. . .` → ellipsis.
fn educate_ellipses(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    s.replace("...", "…").replace(". . .", "…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(s: &str) -> String {
        Educator::default().text(s)
    }

    #[test]
    fn quotes_of_other_languages() {
        let de = Quotes::for_language(Some("de")).unwrap();
        assert_eq!(
            Educator::new(de).text("\"double\" and 'single' Don't"),
            "„double“ and ‚single‘ Don’t"
        );
        assert_eq!(Quotes::for_language(Some("zh_CN")), None);
        assert_eq!(Quotes::for_language(Some("ja")), None);
        assert_eq!(Quotes::for_language(Some("nl")), Some(Quotes::ENGLISH));
    }

    #[test]
    fn docutils_examples() {
        assert_eq!(ed("Don't retry"), "Don’t retry");
        assert_eq!(ed("\"Quoted\" words"), "“Quoted” words");
        assert_eq!(ed("'a, b'"), "‘a, b’");
        assert_eq!(ed("5\" disk"), "5” disk");
        assert_eq!(ed("say \"hi\"\"\""), "say “hi”””");
        assert_eq!(ed("a -- b --- c ..."), "a – b — c …");
        assert_eq!(ed("the '80s"), "the ’80s");
    }

    #[test]
    fn backslash_escapes_are_undone_as_docutils_does() {
        assert_eq!(ed("a \\\\ b"), "a \\ b");
        assert_eq!(ed("\\\"dumb\\\" quotes"), "\"dumb\" quotes");
        assert_eq!(ed("no \\-- dash"), "no -- dash");
        assert_eq!(ed("C:\\Users"), "C:\\Users");
    }

    #[test]
    fn context_from_previous_token() {
        let mut e = Educator::default();
        assert_eq!(e.text("x"), "x");
        assert_eq!(e.text("'s"), "’s");
    }

    #[test]
    fn the_shortcut_for_text_without_quotes_or_escapes_changes_nothing() {
        // The whole way (escapes out, educate, escapes back) against
        // `text`, on every string of up to 5 characters from an alphabet
        // of what matters, each after some previous text.
        fn whole_way(e: &mut Educator, text: &str) -> String {
            let Some(last) = text.chars().last() else {
                return String::new();
            };
            let out = e.educate(&process_escapes(text));
            e.prev = last;
            restore_escapes(&out)
        }
        let alphabet = ['a', ' ', '.', '-', '\'', '"', '\\', '&', '#'];
        let texts = crate::text::every_string(&alphabet, 5);
        assert!(texts.len() > 60_000);
        for q in [Quotes::ENGLISH, Quotes::for_language(Some("de")).unwrap()] {
            for before in ["", "x", " "] {
                for t in &texts {
                    let (mut a, mut b) = (Educator::new(q), Educator::new(q));
                    a.text(before);
                    whole_way(&mut b, before);
                    assert_eq!(a.text(t), whole_way(&mut b, t), "{before:?} then {t:?}");
                    assert_eq!(a.prev, b.prev, "{t:?}");
                }
            }
        }
    }
}
