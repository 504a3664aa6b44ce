//! The csv-table body reader, with a fuzzed dialect.
#![no_main]
use errdocs::parse::csv::{Dialect, read_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, u8, Option<u8>, bool, &str)| {
    let (delim, quote, escape, skip, text) = input;
    let printable = |b: u8| char::from(b % 95 + 32);
    let dialect = Dialect {
        delimiter: printable(delim),
        quote: printable(quote),
        escape: escape.map(printable),
        skip_initial_space: skip,
    };
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let _ = read_csv(&lines, dialect);
});
