//! From catalog text to a whole site in memory: check, then render.
#![no_main]
use std::path::{Path, PathBuf};

use errdocs::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let root = Path::new("fuzz-catalog");
    let files = vec![(PathBuf::from("fuzz-catalog/errors.md"), text.as_bytes().to_vec())];
    let cat = errdocs::catalog::from_files(root, files, &Config::default());
    let config = Config::default();
    let diags = errdocs::check::check(&cat, &config);
    if diags.iter().any(|d| d.severity == errdocs::diag::Severity::Error) {
        return;
    }
    if let Ok(site) = errdocs::render::render_files(&cat, &config, None) {
        for (path, bytes) in &site {
            assert!(!path.starts_with('/') && !path.split('/').any(|c| c == ".."), "{path}");
            if path.ends_with(".html") {
                let html = String::from_utf8_lossy(bytes).to_ascii_lowercase();
                assert!(!html.contains("<script>alert"), "{path}");
            }
        }
    }
});
