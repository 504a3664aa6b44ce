//! The reader never panics: arbitrary text, and mutations of the seed page
//! and of every conformance input, go through the whole reader (parse,
//! inspect, entry extraction). No `catch_unwind`: a panic fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::root;
use errdocs::parse::{self, ParseConfig};
use errdocs::source::SourceFile;
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let mut out = vec![std::fs::read_to_string(root().join("catalog/error-codes.md")).unwrap()];
    for f in ["csv-table", "options", "pipe-table", "targets-and-fences"] {
        let text = std::fs::read_to_string(root().join(format!("tests/conformance/{f}.jsonl")))
            .expect("conformance vectors");
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            out.push(v["input"].as_str().unwrap().to_string());
        }
    }
    out
}

/// Pieces of MyST that make interesting mutations.
const TOKENS: &[&str] = &[
    "```",
    "````",
    "~~~",
    ":::",
    "::::",
    "{csv-table}",
    "{list-table}",
    "{note}",
    "{admonition}",
    "{table}",
    ":header: >\n",
    ":header-rows: 1\n",
    ":widths: 1, 2\n",
    ":delim: |\n",
    ":file: x.csv\n",
    ":url: http://x\n",
    "---\n",
    "|",
    "\\|",
    "| --- |",
    "\"",
    "\"\"",
    ",",
    "\n",
    "\n\n",
    "\t",
    "(label)=\n",
    "# ",
    "## ",
    "* - ",
    "  - ",
    "> ",
    "- ",
    "1. ",
    "%",
    "`",
    "**",
    "_",
    "<br>",
    "<script>",
    "{ref}`x`",
    "\u{feff}",
    "é",
    "中",
    "\r\n",
    "    ",
    "[x]: http://y\n",
    "[x][]",
    "&#x41;",
    "\\",
];

fn parse_everything(text: &str) {
    let src = SourceFile::new("fuzz/page.md", text);
    let doc = parse::parse(&src, &ParseConfig::default());
    let _ = errdocs::parse::inspect::to_json(&doc);
    let _ = parse::nodes_html(&doc.children);
}

fn mutate(base: &str, ops: &[(u8, usize, usize)]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for &(op, a, b) in ops {
        let len = chars.len().max(1);
        let (i, j) = (a % len, b % len);
        let (lo, hi) = (i.min(j), i.max(j));
        match op % 4 {
            0 => {
                let t: Vec<char> = TOKENS[b % TOKENS.len()].chars().collect();
                let at = i.min(chars.len());
                chars.splice(at..at, t);
            }
            1 if hi <= chars.len() => {
                chars.drain(lo..hi.min(lo + 40));
            }
            2 if hi <= chars.len() => {
                let piece: Vec<char> = chars[lo..hi.min(lo + 60)].to_vec();
                chars.splice(hi..hi, piece);
            }
            _ => {
                if let Some(c) = chars.get_mut(i) {
                    *c = ['\n', ' ', '|', ',', '"', ':', '`', '\t'][b % 8];
                }
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        parse_everything(&text);
    }

    #[test]
    fn myst_shaped_text_never_panics(parts in proptest::collection::vec(0usize..TOKENS.len(), 0..60),
                                     words in proptest::collection::vec("[a-z0-9 ,\"]{0,8}", 0..60)) {
        let mut text = String::new();
        for (p, w) in parts.iter().zip(words.iter().chain(std::iter::repeat(&String::new()))) {
            text.push_str(TOKENS[*p]);
            text.push_str(w);
        }
        parse_everything(&text);
    }

    #[test]
    fn mutations_of_real_inputs_never_panic(pick in any::<usize>(),
                                            ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..12)) {
        thread_local!(static CORPUS: Vec<String> = corpus());
        let base = CORPUS.with(|c| c[pick % c.len()].clone());
        parse_everything(&mutate(&base, &ops));
    }
}

#[test]
fn deeply_nested_fences_do_not_overflow_the_stack() {
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&":".repeat(3 + (10_000 - i) % 50));
        text.push_str("{note}\n");
    }
    parse_everything(&text);
    let mut text = String::new();
    for i in (3..2000).rev() {
        text.push_str(&"`".repeat(i));
        text.push_str("{note}\n");
    }
    parse_everything(&text);
}

/// Found by `mutations_of_real_inputs_never_panic`: a heading inside a list
/// item (a rubric without names) next to a label indexed names[1..] of an
/// empty list.
#[test]
fn regression_rubric_without_names() {
    parse_everything("- item\n\n  # Heading in a list\n\n(label)=\n> # quoted heading\n");
    parse_everything(":::{note}\n- a\n\n  ## h\n:::\n");
}
