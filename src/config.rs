//! `errdocs.toml` (in the catalog folder, optional) → [`Config`].
//!
//! Unknown keys are an error naming the key and its line, so a typo never
//! silently turns a setting off.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::source::SourceFile;

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// How the catalog is read.
    #[serde(default)]
    pub catalog: CatalogConfig,
    /// Rule severities: `rule-id = "error" | "warning" | "note" | "off"`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Known findings to leave out.
    #[serde(default)]
    pub ignore: Vec<Ignore>,
    /// The generated site.
    #[serde(default)]
    pub site: SiteConfig,
    /// Source scanning for `check --sources`.
    #[serde(default)]
    pub drift: DriftConfig,
    /// Per-code records: lifecycle (`[codes."1003"] lifecycle = "removed"`),
    /// and for codes no table lists any more, their last message and group.
    #[serde(default)]
    pub codes: BTreeMap<String, toml::Spanned<CodeRecord>>,
    /// Extra redirects: old site path → new site path.
    #[serde(default)]
    pub redirects: BTreeMap<String, String>,
    /// The file this came from (for the lines of `[codes]` entries).
    #[serde(skip)]
    pub source: Option<SourceFile>,
}

impl Config {
    /// The 1-based line of a byte offset in `errdocs.toml`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.source.as_ref().map_or(1, |s| s.line_col(offset).0)
    }

    /// The path of `errdocs.toml`, if there is one.
    pub fn path(&self) -> Option<&Path> {
        self.source.as_ref().map(|s| s.path.as_path())
    }
}

/// `[codes."CODE"]`: what errdocs.toml records about one code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CodeRecord {
    /// `active`, `deprecated` or `removed`.
    pub lifecycle: Option<LifecycleStatus>,
    /// The code to use instead.
    pub replaced_by: Option<String>,
    /// The version that deprecated or removed it.
    pub since: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Its last message (for a code no table lists any more).
    pub message: Option<String>,
    /// The id (label or slug) of the section whose page lists it (for a code
    /// no table lists any more).
    pub group: Option<String>,
}

/// A code's lifecycle status.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum LifecycleStatus {
    /// In use (the default).
    #[default]
    Active,
    /// Still raised, to be replaced.
    Deprecated,
    /// No longer raised; its page stays, as a tombstone.
    Removed,
}

impl LifecycleStatus {
    /// The word used in catalogs and output.
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleStatus::Active => "active",
            LifecycleStatus::Deprecated => "deprecated",
            LifecycleStatus::Removed => "removed",
        }
    }
}

/// `[drift]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DriftConfig {
    /// Extra regexes for definitions, with `name` and `code` groups.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Fewest digits a code in source must have (default 4).
    pub min_digits: Option<usize>,
}

/// `[catalog]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CatalogConfig {
    /// A regular expression a code must match in full. Default: digits, or
    /// letters, digits, `-`, `_`, `.` (no leading dot), at most 64 characters.
    pub code_pattern: Option<String>,
    /// Column headers that mark the code column (case-insensitive), instead
    /// of the defaults ([`crate::catalog::DEFAULT_CODE_COLUMNS`]).
    #[serde(default)]
    pub code_columns: Vec<String>,
    /// More column headers that mark the code column, besides the defaults
    /// (or `code-columns`).
    #[serde(default)]
    pub extra_code_columns: Vec<String>,
    /// The column holding a code's name or message (default: the first column
    /// after the code column).
    pub message_column: Option<String>,
    /// docutils' smart quotes (Sphinx's default: on).
    #[serde(default = "yes")]
    pub smartquotes: bool,
    /// The column holding a code's HTTP status (for `export --format problem-types`).
    pub status_column: Option<String>,
    /// The column holding each code's lifecycle (`active`, `deprecated in
    /// 2.3 -> 1004`, `removed: reason`). Default: a column headed `Lifecycle`
    /// or `Status` whose every non-empty cell reads so.
    pub lifecycle_column: Option<String>,
}

impl Default for CatalogConfig {
    fn default() -> Self {
        CatalogConfig {
            code_pattern: None,
            code_columns: Vec::new(),
            extra_code_columns: Vec::new(),
            message_column: None,
            smartquotes: true,
            status_column: None,
            lifecycle_column: None,
        }
    }
}

fn yes() -> bool {
    true
}

/// A rule's configured severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Fails the check.
    Error,
    /// Reported; fails only with `--deny warnings`.
    Warning,
    /// Reported, never fails.
    Note,
    /// Not reported.
    Off,
}

/// `[[ignore]]`: leave out findings of `rule` (for one code, in one file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// The rule id.
    pub rule: String,
    /// Only findings about this code.
    pub code: Option<String>,
    /// Only findings in this file (a path ending).
    pub file: Option<String>,
    /// Why (for the reader of the config; not used).
    pub reason: Option<String>,
}

/// `[site]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    /// The site's title.
    pub title: Option<String>,
    /// Where the site is published (`https://docs.example.com/errors/`).
    pub base_url: Option<String>,
    /// Per-code page path, with `{code}` and `{group}`.
    #[serde(default = "default_url_pattern")]
    pub url_pattern: String,
    /// Repository URL for "edit this" links.
    pub repository: Option<String>,
    /// A folder of templates that override the built-in ones.
    pub templates: Option<PathBuf>,
    /// Table rows per index page; a longer page is split into parts
    /// (`index.html`, `index-2.html`, …).
    #[serde(default = "default_index_rows")]
    pub index_rows: usize,
    /// URL patterns used before `url-pattern`: every code's old URL gets a
    /// page that redirects to its page.
    #[serde(default)]
    pub previous_url_patterns: Vec<String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: None,
            base_url: None,
            url_pattern: default_url_pattern(),
            repository: None,
            templates: None,
            index_rows: default_index_rows(),
            previous_url_patterns: Vec::new(),
        }
    }
}

fn default_index_rows() -> usize {
    1000
}

fn default_url_pattern() -> String {
    "codes/{code}.html".into()
}

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line and column.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// Reads `errdocs.toml` from the catalog folder; the defaults when there is
/// none. Rule ids are checked against [`crate::rules::RULES`].
pub fn load(catalog: &Path) -> Result<Config, ConfigError> {
    let path = catalog.join("errdocs.toml");
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(Config::default());
    };
    let err_at = |line, column, message: String| ConfigError {
        file: path.clone(),
        line,
        column,
        message,
    };
    let src = SourceFile::from_bytes(&path, &bytes)
        .map_err(|e| err_at(e.line, e.column, "not valid UTF-8".into()))?;
    let mut config: Config = toml::from_str(&src.text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| src.line_col(s.start));
        err_at(line, column, e.message().trim().to_string())
    })?;
    // Rule ids are checked too: a misspelt rule would silently do nothing.
    let line_of = |needle: &str| {
        src.text
            .lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1)
    };
    for key in config.rules.keys() {
        if crate::rules::find(key).is_none() {
            return Err(err_at(
                line_of(key),
                1,
                format!("unknown rule `{key}` in [rules]"),
            ));
        }
    }
    for ig in &config.ignore {
        if crate::rules::find(&ig.rule).is_none() {
            return Err(err_at(
                line_of(&ig.rule),
                1,
                format!("unknown rule `{}` in [[ignore]]", ig.rule),
            ));
        }
    }
    if let Some(p) = &config.catalog.code_pattern
        && let Err(e) = regex::Regex::new(p)
    {
        return Err(err_at(
            line_of("code-pattern"),
            1,
            format!("code-pattern is not a valid regular expression: {e}"),
        ));
    }
    config.source = Some(src);
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(
            dir.join("errdocs.toml"),
            "[rules]\nunsorted-codes = \"error\"\n\n[site]\nbase-url = \"https://x/\"\ncolour = \"red\"\n",
        )
        .unwrap();
        let e = load(dir).unwrap_err();
        assert_eq!(e.line, 6, "{e}");
        assert!(e.message.contains("colour"), "{e}");
    }
}
