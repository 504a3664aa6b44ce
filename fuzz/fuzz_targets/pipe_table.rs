//! GFM pipe tables: rows under a valid header and delimiter row.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let md = format!("| Code | Message |\n|:---|---:|\n{text}\n");
    let src = errdocs::source::SourceFile::new("fuzz.md", &md);
    let _ = errdocs::parse::parse(&src, &errdocs::parse::ParseConfig::default());
    for line in text.lines() {
        let _ = errdocs::parse::pipe::pipe_row(line, 2);
        let _ = errdocs::parse::myst::delimiter_row(line);
    }
});
