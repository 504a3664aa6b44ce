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
    /// Per-group settings, by section id or label.
    #[serde(default)]
    pub groups: BTreeMap<String, GroupConfig>,
    /// `[[language]]`: the catalog's languages, the first the default (at
    /// the site's root). None: one language, the catalog folder itself.
    #[serde(default, rename = "language")]
    pub languages: Vec<LanguageConfig>,
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

/// `[[language]]`: one language of the catalog.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageConfig {
    /// BCP 47 tag (`en`, `zh-CN`): `<html lang>`, `hreflang`, the folder of
    /// the site it gets (`zh-CN/`) unless it is the default.
    pub tag: String,
    /// Its catalog folder, relative to the catalog folder (`.` for the
    /// catalog folder itself; the other languages' folders are then left
    /// out of it).
    pub folder: PathBuf,
    /// Its name in the language switch (default: the name errdocs knows
    /// for the tag, else the tag).
    pub name: Option<String>,
    /// Sphinx's `language` for it (default: the tag with `_`: `zh_CN`).
    pub sphinx: Option<String>,
    /// The site's own words in it, over the built-in table (`copy_link =
    /// "…"`; keys as in `templates/i18n/en.toml`).
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
}

/// `[groups."GROUP"]`: settings for every code of a group.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GroupConfig {
    /// Whether the group's errors can be retried (a badge on their pages),
    /// unless a code's retryable cell says otherwise.
    pub retryable: Option<bool>,
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
    /// Per language (by tag): the message, group and reason in that
    /// language's catalog, where they differ from the ones above.
    #[serde(default)]
    pub translations: BTreeMap<String, RecordTranslation>,
}

/// `[codes."CODE".translations."TAG"]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RecordTranslation {
    /// The last message, in this language.
    pub message: Option<String>,
    /// The group, by an id of this language's catalog.
    pub group: Option<String>,
    /// Why, in this language.
    pub reason: Option<String>,
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

/// `[drift]`: how `check --sources` reads source code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DriftConfig {
    /// Extra regexes for definitions, with `name` and `code` groups.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Fewest digits a code in source must have (default 4).
    pub min_digits: Option<usize>,
    /// The catalog column holding each code's constant name (default: the
    /// message column of a table when most of its cells are identifiers).
    pub name_column: Option<String>,
    /// Globs of files never read (`**/test/**`), for `--sources` paths and
    /// every scope.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// `[[drift.scope]]`: catalog groups and the source sets that define
    /// their codes (used by `check --sources` without paths).
    #[serde(default)]
    pub scope: Vec<ScopeConfig>,
}

/// `[[drift.scope]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScopeConfig {
    /// Its name, in the summary and in messages.
    pub name: String,
    /// Section ids or labels whose codes it holds (their subsections too).
    pub groups: Vec<String>,
    /// Its source sets; each should define every code of the groups.
    #[serde(default)]
    pub source: Vec<SourceConfig>,
    /// Rule levels for this scope's findings (over `[rules]`).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

/// `[[drift.scope.source]]`: one source set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceConfig {
    /// Files or globs, relative to `errdocs.toml` (`proto/**/*.proto`).
    pub include: Vec<String>,
    /// Globs left out (`**/test/**`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Only the constants of these enums, classes or (Go) types.
    #[serde(default)]
    pub enums: Vec<String>,
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
    /// The column saying whether a code's error can be retried (`yes`/`no`,
    /// `true`/`false`). Default: a column headed `Retryable` whose every
    /// non-empty cell reads so.
    pub retryable_column: Option<String>,
    /// The folder (in the catalog folder) of long explanations, one
    /// `<code>.md` per code; never read as a page. Default `explanations`.
    #[serde(default = "default_explanations")]
    pub explanations: PathBuf,
}

fn default_explanations() -> PathBuf {
    PathBuf::from("explanations")
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
            retryable_column: None,
            explanations: default_explanations(),
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
        err_at(line, column, plain_serde_message(e.message().trim()))
    })?;
    // Rule ids are checked too: a misspelt rule would silently do nothing.
    let line_of = |needle: &str| {
        src.text
            .lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1)
    };
    // Each id is kept as the rule's own (an old id names its successor).
    config.rules = canonical_rules(&config.rules).map_err(|key| {
        err_at(
            line_of(&key),
            1,
            format!("unknown rule `{key}` in [rules]{}", rule_hint(&key)),
        )
    })?;
    for ig in &mut config.ignore {
        match crate::rules::find(&ig.rule) {
            Some(r) => ig.rule = r.id.to_string(),
            None => {
                return Err(err_at(
                    line_of(&ig.rule),
                    1,
                    format!(
                        "unknown rule `{}` in [[ignore]]{}",
                        ig.rule,
                        rule_hint(&ig.rule)
                    ),
                ));
            }
        }
    }
    validate_drift(&mut config.drift).map_err(|(needle, msg)| err_at(line_of(&needle), 1, msg))?;
    if let Some(p) = &config.catalog.code_pattern
        && let Err(e) = regex::Regex::new(p)
    {
        return Err(err_at(
            line_of("code-pattern"),
            1,
            format!("code-pattern is not a valid regular expression: {e}"),
        ));
    }
    validate_languages(&config.languages)
        .map_err(|(needle, msg)| err_at(line_of(&needle), 1, msg))?;
    config.source = Some(src);
    Ok(config)
}

/// `[[language]]`: tags that read as BCP 47 and differ, folders inside the
/// catalog folder that differ, only the first may be `.`.
fn validate_languages(langs: &[LanguageConfig]) -> Result<(), (String, String)> {
    let tag_ok = regex::Regex::new(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$").expect("regex");
    for (i, l) in langs.iter().enumerate() {
        let quoted = format!("{:?}", l.tag);
        if !tag_ok.is_match(&l.tag) {
            return Err((
                quoted,
                format!(
                    "[[language]] tag {:?} is not a BCP 47 language tag (like `en` or `zh-CN`)",
                    l.tag
                ),
            ));
        }
        if langs[..i]
            .iter()
            .any(|o| o.tag.eq_ignore_ascii_case(&l.tag))
        {
            return Err((
                quoted,
                format!("[[language]] tag {:?} is listed twice", l.tag),
            ));
        }
        let folder = l.folder.to_string_lossy();
        let parts: Vec<&str> = folder
            .split(['/', '\\'])
            .filter(|p| !p.is_empty())
            .collect();
        if l.folder.is_absolute() || parts.contains(&"..") {
            return Err((
                format!("{folder:?}"),
                format!(
                    "[[language]] {:?}: folder {folder:?} must be inside the catalog folder",
                    l.tag
                ),
            ));
        }
        if i > 0 && (parts.is_empty() || parts == ["."]) {
            return Err((
                format!("{folder:?}"),
                format!(
                    "[[language]] {:?}: only the first (default) language may use the catalog folder itself",
                    l.tag
                ),
            ));
        }
        if langs[..i].iter().any(|o| o.folder == l.folder) {
            return Err((
                format!("{folder:?}"),
                format!(
                    "[[language]] {:?}: folder {folder:?} is another language's",
                    l.tag
                ),
            ));
        }
    }
    Ok(())
}

/// `; did you mean `ID`?` for a misspelt rule id (or nothing), and where
/// the list of rules is.
fn rule_hint(typed: &str) -> String {
    let ids = crate::rules::RULES
        .iter()
        .map(|r| r.id)
        .chain(crate::rules::ALIASES.iter().map(|(old, _)| *old));
    match crate::text::did_you_mean(typed, ids) {
        Some(id) => format!("; did you mean `{id}`?"),
        None => "; `errdocs explain --rule` lists every rule".to_string(),
    }
}

/// serde's messages for an unknown key or value (``unknown field `titel`,
/// expected one of `title`, `base-url` ``) said plainly, with the nearest
/// name: ``unknown key `titel`; did you mean `title`? (expected one of:
/// title, base-url)``. Other messages are kept as they are.
fn plain_serde_message(message: &str) -> String {
    let (what, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("key", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        ("value", rest)
    } else {
        return message.to_string();
    };
    let Some((typed, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    // The backticked names of `, expected one of `a`, `b``, `expected `a`
    // or `b``, `expected `a``.
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let mut out = format!("unknown {what} `{typed}`");
    if let Some(near) = crate::text::did_you_mean(typed, names.iter().copied()) {
        out.push_str(&format!("; did you mean `{near}`?"));
    }
    match names.len() {
        0 => out.push_str(" (this table takes no keys)"),
        1 => out.push_str(&format!(" (expected: {})", names[0])),
        _ => out.push_str(&format!(
            " (expected one of: {})",
            crate::text::plain_list(names.iter().copied())
        )),
    }
    out
}

/// Rule levels with every id replaced by its rule's own; `Err(key)` for an
/// id that names no rule.
fn canonical_rules(
    levels: &BTreeMap<String, RuleLevel>,
) -> Result<BTreeMap<String, RuleLevel>, String> {
    levels
        .iter()
        .map(|(k, v)| match crate::rules::find(k) {
            Some(r) => Ok((r.id.to_string(), *v)),
            None => Err(k.clone()),
        })
        .collect()
}

/// `[drift]`: globs compile, scopes have unique names, groups and files,
/// rule ids exist. `Err((text to find the line by, message))`.
fn validate_drift(drift: &mut DriftConfig) -> Result<(), (String, String)> {
    let check_globs = |globs: &[String]| {
        for g in globs {
            if let Err(e) = crate::drift::scope::glob(g) {
                return Err((g.clone(), format!("{g:?} is not a valid glob: {e}")));
            }
        }
        Ok(())
    };
    check_globs(&drift.exclude)?;
    for p in &drift.patterns {
        if let Err(e) = regex::Regex::new(p) {
            return Err((
                p.clone(),
                format!("[drift] pattern is not a valid regular expression: {e}"),
            ));
        }
    }
    let mut names = std::collections::BTreeSet::new();
    for sc in &mut drift.scope {
        if !names.insert(sc.name.clone()) {
            return Err((
                format!("\"{}\"", sc.name),
                format!("[[drift.scope]] {:?} is defined twice", sc.name),
            ));
        }
        if sc.groups.is_empty() {
            return Err((
                format!("\"{}\"", sc.name),
                format!("[[drift.scope]] {:?} has no groups", sc.name),
            ));
        }
        if sc.source.is_empty() {
            return Err((
                format!("\"{}\"", sc.name),
                format!(
                    "[[drift.scope]] {:?} has no [[drift.scope.source]]",
                    sc.name
                ),
            ));
        }
        for src in &sc.source {
            if src.include.is_empty() {
                return Err((
                    "include".into(),
                    format!("a source of [[drift.scope]] {:?} includes nothing", sc.name),
                ));
            }
            check_globs(&src.include)?;
            check_globs(&src.exclude)?;
        }
        sc.rules = canonical_rules(&sc.rules).map_err(|key| {
            (
                key.clone(),
                format!(
                    "unknown rule `{key}` in the rules of [[drift.scope]] {:?}{}",
                    sc.name,
                    rule_hint(&key)
                ),
            )
        })?;
    }
    Ok(())
}

impl Config {
    /// This configuration with `levels` over its `[rules]` (a scope's).
    pub fn with_rules(&self, levels: &BTreeMap<String, RuleLevel>) -> Config {
        let mut c = self.clone();
        c.rules.extend(levels.iter().map(|(k, v)| (k.clone(), *v)));
        c
    }
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

    #[test]
    fn unknown_keys_values_and_rules_get_the_nearest_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for (toml, want) in [
            (
                "[site]\ntitel = \"x\"\n",
                "unknown key `titel`; did you mean `title`? (expected one of: title, base-url,",
            ),
            (
                "[rules]\nunsorted-codes = \"eror\"\n",
                "unknown value `eror`; did you mean `error`? (expected one of: error, warning, note, off)",
            ),
            (
                "[rules]\nunsorted-code = \"error\"\n",
                "unknown rule `unsorted-code` in [rules]; did you mean `unsorted-codes`?",
            ),
            (
                "[[ignore]]\nrule = \"duplicate-cod\"\n",
                "unknown rule `duplicate-cod` in [[ignore]]; did you mean `duplicate-code`?",
            ),
            (
                "[rules]\nzzz = \"off\"\n",
                "unknown rule `zzz` in [rules]; `errdocs explain --rule` lists every rule",
            ),
        ] {
            std::fs::write(dir.join("errdocs.toml"), toml).unwrap();
            let e = load(dir).unwrap_err();
            assert!(e.message.starts_with(want), "{toml}: {e}");
        }
    }
}
