//! The directive option block tokenizer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = errdocs::parse::options::tokenize(text);
    // And as a real directive, colon and dash forms.
    let md = format!("```{{csv-table}}\n{text}\n\n1, x\n```\n");
    let src = errdocs::source::SourceFile::new("fuzz.md", &md);
    let _ = errdocs::parse::parse(&src, &errdocs::parse::ParseConfig::default());
});
