//! The whole-document reader from raw bytes (decoding included).
#![no_main]
use errdocs::parse::{self, ParseConfig};
use errdocs::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = SourceFile::from_bytes("fuzz.md", data) {
        let doc = parse::parse(&src, &ParseConfig::default());
        let _ = errdocs::parse::inspect::to_json(&doc);
    }
});
