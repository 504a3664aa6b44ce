//! The reader on valid UTF-8 text (random bytes mostly stop at decoding).
#![no_main]
use errdocs::parse::{self, ParseConfig};
use errdocs::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = parse::parse(&SourceFile::new("fuzz.md", text), &ParseConfig::default());
    let _ = parse::nodes_html(&doc.children);
});
