//! Catalog sources: discovery, decoding and byte offset → line:column.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// One catalog file, decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to users (relative to the working directory or as given).
    pub path: PathBuf,
    /// The text, BOM removed, CRLF turned into LF.
    pub text: String,
    line_starts: Vec<usize>,
}

/// A file whose bytes are not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first bad byte in the file.
    pub byte_offset: usize,
    /// 1-based line of that byte.
    pub line: usize,
    /// 1-based column (Unicode scalars before it on its line, plus one).
    pub column: usize,
}

impl SourceFile {
    /// Decodes a file's bytes: UTF-8 with or without BOM, LF or CRLF.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: &[u8]) -> Result<Self, DecodeError> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let bom = bytes.len() - body.len();
        match std::str::from_utf8(body) {
            Ok(text) => Ok(Self::new(path, text)),
            Err(e) => {
                let good = &body[..e.valid_up_to()];
                // `good` is valid UTF-8 by construction.
                let good = std::str::from_utf8(good).unwrap_or_default();
                let line = good.matches('\n').count() + 1;
                let line_start = good.rfind('\n').map_or(0, |i| i + 1);
                let column = good[line_start..].trim_end_matches('\r').chars().count() + 1;
                Err(DecodeError {
                    byte_offset: bom + e.valid_up_to(),
                    line,
                    column,
                })
            }
        }
    }

    /// A source from text (CRLF is normalised to LF, a leading BOM removed).
    pub fn new(path: impl Into<PathBuf>, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// Every `.md` and `.csv` file under `dir`, sorted by path. Symbolic links are
/// not followed, so nothing outside the folder is read through one.
pub fn discover(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry =
            entry.with_context(|| format!("cannot read catalog folder {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if let Some("md" | "csv") = path.extension().and_then(|e| e.to_str()) {
            out.push(path.to_path_buf());
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests;
