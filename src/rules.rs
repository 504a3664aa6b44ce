//! Every rule errdocs can report, declared once: its stable id, default
//! severity (and a second case with its own severity, where a rule has one),
//! a one-line summary and the help printed with its findings. Config
//! validation, `[[ignore]]`, baselines, SARIF's rule list, the README's rule
//! reference and the fixture test all read [`RULES`].

pub use crate::diag::Rule;
use crate::diag::Severity;

const fn rule(
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    help: &'static str,
) -> Rule {
    Rule {
        id,
        severity,
        second: None,
        summary,
        help,
    }
}

const fn two_cases(
    id: &'static str,
    severity: Severity,
    second: (Severity, &'static str),
    summary: &'static str,
    help: &'static str,
) -> Rule {
    Rule {
        id,
        severity,
        second: Some(second),
        summary,
        help,
    }
}

use Severity::{Error, Note, Warning};

/// `duplicate-code`.
pub const DUPLICATE_CODE: Rule = rule(
    "duplicate-code",
    Error,
    "The same code is documented more than once.",
    "give each code one row; remove or renumber the others",
);
/// `invalid-code`.
pub const INVALID_CODE: Rule = rule(
    "invalid-code",
    Error,
    "A code does not match the catalog's code pattern (and could not be a safe file name).",
    "codes become page names (codes/<code>.html): use digits, or letters, digits, `-`, `_`, `.`",
);
/// `code-collides-with-anchor`.
pub const CODE_COLLIDES_WITH_ANCHOR: Rule = rule(
    "code-collides-with-anchor",
    Error,
    "A code equals a section id or label on its page, so `#code` would be ambiguous.",
    "rename the section or label, or the code",
);
/// `row-width`.
pub const ROW_WIDTH: Rule = two_cases(
    "row-width",
    Error,
    (Warning, "the row has fewer cells than the header"),
    "A row has more cells than the header (an unquoted comma?), or fewer (warning).",
    "give every row as many cells as the header has columns",
);
/// `empty-cell`.
pub const EMPTY_CELL: Rule = two_cases(
    "empty-cell",
    Error,
    (
        Warning,
        "the empty cell is neither the code nor the message",
    ),
    "A code or message cell is empty (other empty cells: warning).",
    "every code needs its code and its message; where another field does not apply, say so (`-`, `none`)",
);
/// `csv-syntax`.
pub const CSV_SYNTAX: Rule = rule(
    "csv-syntax",
    Error,
    "The CSV of a csv-table or .csv file cannot be read.",
    "quote a field that contains the delimiter, and double a quote inside quotes (\"\")",
);
/// `duplicate-label`.
pub const DUPLICATE_LABEL: Rule = rule(
    "duplicate-label",
    Error,
    "The same label is defined twice in the catalog.",
    "labels are global across the catalog: rename one",
);
/// `dangling-reference`.
pub const DANGLING_REFERENCE: Rule = rule(
    "dangling-reference",
    Error,
    "A {ref} role or #anchor link points at an id no page defines.",
    "define the label with `(name)=` before a heading, or fix the name",
);
/// `unsorted-codes`.
pub const UNSORTED_CODES: Rule = rule(
    "unsorted-codes",
    Warning,
    "Codes in a table are not in ascending order.",
    "sort the rows by code",
);
/// `empty-header-row`.
pub const EMPTY_HEADER_ROW: Rule = rule(
    "empty-header-row",
    Warning,
    "A header row is wholly empty (the `:header: >` trap).",
    "remove the empty row or lower :header-rows:",
);
/// `blank-row`.
pub const BLANK_ROW: Rule = rule(
    "blank-row",
    Warning,
    "A blank line inside a csv-table makes an empty row.",
    "remove the blank line",
);
/// `csv-comment`.
pub const CSV_COMMENT: Rule = rule(
    "csv-comment",
    Error,
    "An HTML comment inside csv-table data is a row of cells; one split at a comma never closes on the Sphinx page.",
    "move the comment above the directive: an HTML comment or a `%` line before the ```{csv-table} line",
);
/// `unknown-option`.
pub const UNKNOWN_OPTION: Rule = rule(
    "unknown-option",
    Warning,
    "A directive option Sphinx does not know is ignored.",
    "check the option's spelling; Sphinx ignores it",
);
/// `invalid-option`.
pub const INVALID_OPTION: Rule = two_cases(
    "invalid-option",
    Warning,
    (
        Error,
        "Sphinx crashes on the value, so the whole directive is lost",
    ),
    "A directive option has a value Sphinx rejects; it is ignored.",
    "give the option a value of the kind it takes, or remove it",
);
/// `option-syntax`.
pub const OPTION_SYNTAX: Rule = two_cases(
    "option-syntax",
    Warning,
    (
        Error,
        "the directive is a csv-table or list-table: it loses its header and so its codes",
    ),
    "A directive's option block cannot be read; all its options are ignored (a table's: error).",
    "one bad option line discards every option of the block; check quotes and the `:key: value` form",
);
/// `no-code-column`.
pub const NO_CODE_COLUMN: Rule = two_cases(
    "no-code-column",
    Warning,
    (
        Error,
        "a header is a near miss of a code-column name (`Eror Code`): the table's codes are lost",
    ),
    "A table has no code column, so it is not read as a catalog (a misspelt code column: error).",
    "name the code column `Error Code` or `Code`, or list your header in errdocs.toml: [catalog] extra-code-columns = [\"…\"]",
);
/// `empty-catalog`.
pub const EMPTY_CATALOG: Rule = rule(
    "empty-catalog",
    Error,
    "No file of the catalog folder holds a code table.",
    "head a table's code column `Error Code` or `Code`, or name your header in errdocs.toml: [catalog] extra-code-columns = [\"…\"]",
);
/// `invalid-lifecycle`.
pub const INVALID_LIFECYCLE: Rule = rule(
    "invalid-lifecycle",
    Error,
    "A code's lifecycle cannot be read: a lifecycle cell not in the form `removed in 3.0 -> 1004: reason`, or a [codes] record that keeps no page.",
    "write `active`, `deprecated` or `removed` (with `in VERSION`, `-> CODE`, `: reason` as needed); a code no table lists needs its `message` and `group` in errdocs.toml",
);
/// `invalid-replacement`.
pub const INVALID_REPLACEMENT: Rule = rule(
    "invalid-replacement",
    Error,
    "A code's replacement is no code of the catalog, is itself removed, or leads back to the code.",
    "name a documented, active code as the replacement",
);
/// `reused-code`.
pub const REUSED_CODE: Rule = rule(
    "reused-code",
    Error,
    "A removed code is documented again as a new code (links to its page in old logs would now lie).",
    "give the new error a new code; the removed code's page stays as it is",
);
/// `orphan-explanation`.
pub const ORPHAN_EXPLANATION: Rule = rule(
    "orphan-explanation",
    Error,
    "A long explanation (explanations/<code>.md) is for a code the catalog does not document.",
    "name the file after a documented code, or delete it",
);
/// `duplicate-message`.
pub const DUPLICATE_MESSAGE: Rule = rule(
    "duplicate-message",
    Warning,
    "Two codes share the same name or message.",
    "make the messages tell the codes apart",
);
/// `mixed-message-style`.
pub const MIXED_MESSAGE_STYLE: Rule = rule(
    "mixed-message-style",
    Note,
    "A message column mixes identifiers (FunctionNotFound) with sentences.",
    "write every message the same way; errdocs derives constant names from this column",
);
/// `unsafe-include`.
pub const UNSAFE_INCLUDE: Rule = rule(
    "unsafe-include",
    Error,
    "A `:file:` leaves the catalog folder, or `:url:` is used.",
    "copy the file into the catalog folder and use `:file:` with a path inside it",
);
/// `table-shape`.
pub const TABLE_SHAPE: Rule = rule(
    "table-shape",
    Error,
    "Sphinx refuses the table (header rows, stub columns or widths do not fit).",
    "make :header-rows:, :stub-columns: and :widths: fit the table's rows and columns",
);
/// `table-source`.
pub const TABLE_SOURCE: Rule = rule(
    "table-source",
    Error,
    "A csv-table has no data, or both data and a file, or a file that cannot be read.",
    "give the table rows below its options, or a :file: inside the catalog folder, not both",
);
/// `encoding`.
pub const ENCODING: Rule = rule(
    "encoding",
    Error,
    "A catalog file is not UTF-8.",
    "save the file as UTF-8",
);
/// `nesting-depth`.
pub const NESTING_DEPTH: Rule = rule(
    "nesting-depth",
    Error,
    "Directives are nested more than 50 deep.",
    "nest fences at most 50 deep",
);
/// `sphinx-warning`.
pub const SPHINX_WARNING: Rule = rule(
    "sphinx-warning",
    Warning,
    "Sphinx prints a warning for this page (an unknown directive, a skipped heading level, …).",
    "Sphinx builds the page anyway; fix what the message names so both builds are clean",
);
/// `eval-rst`.
pub const EVAL_RST: Rule = two_cases(
    "eval-rst",
    Warning,
    (Error, "the block holds a table: codes could hide there"),
    "errdocs does not read reStructuredText: an {eval-rst} block's content is not read or shown (one holding a table: error).",
    "write the content as MyST Markdown (a csv-table or list-table fence, a pipe table) so errdocs reads it",
);
/// `unknown-role`.
pub const UNKNOWN_ROLE: Rule = rule(
    "unknown-role",
    Warning,
    "A role Sphinx does not know shows nothing (one it cannot run shows its source).",
    "errdocs renders the roles of docutils, Sphinx and its standard domains as Sphinx does: abbr, any, code, command, confval, cve, cwe, dfn, doc, download, emphasis, envvar, eq, file, guilabel, index, kbd, keyword, literal, math, menuselection, numref, option, pep, ref, rfc, samp, strong, sub, sup, term, title-reference, the Python roles (func, class, …) and the prefixed c:, cpp:, js:, rst:, std: and math: ones; check the spelling, or, for a role from a Sphinx extension, set `unknown-role = \"off\"` in [rules]",
);
/// `undocumented-code`.
pub const UNDOCUMENTED_CODE: Rule = rule(
    "undocumented-code",
    Error,
    "A code defined in the scanned sources is not in the catalog.",
    "add a row for it to the catalog, or remove the definition",
);
/// `undefined-code`.
pub const UNDEFINED_CODE: Rule = rule(
    "undefined-code",
    Warning,
    "A documented code is defined in none of the sources of its scope.",
    "define it in the code, or mark it as retired in the catalog",
);
/// `missing-in-source`.
pub const MISSING_IN_SOURCE: Rule = rule(
    "missing-in-source",
    Warning,
    "A documented code is defined in some source sets of its scope and missing from others.",
    "define the code in every source set of the scope (errdocs codegen writes them all from the catalog)",
);
/// `name-mismatch` (was `conflicting-name`).
pub const NAME_MISMATCH: Rule = rule(
    "name-mismatch",
    Error,
    "A code's name in the source differs from the catalog's name column, or from its name in the other sources.",
    "use the catalog's name for the code in every language (errdocs codegen writes them all)",
);
/// `duplicate-value`.
pub const DUPLICATE_VALUE: Rule = rule(
    "duplicate-value",
    Warning,
    "Two names have the same value in one enum or class of codes.",
    "give each code one name; keep an old name only as a deliberate, documented alias",
);
/// `removed-code-in-source`.
pub const REMOVED_CODE_IN_SOURCE: Rule = rule(
    "removed-code-in-source",
    Error,
    "A code recorded as removed in the catalog is still defined in the source.",
    "delete the definition, or record the code as active or deprecated again",
);

/// `translation-drift`.
pub const TRANSLATION_DRIFT: Rule = rule(
    "translation-drift",
    Error,
    "The languages of the catalog disagree: a code, a label, a group or a lifecycle one language has and another lacks.",
    "add what is missing to the language that lacks it (or remove it from the other), so every language documents the same codes in the same groups",
);
/// `untranslated`.
pub const UNTRANSLATED: Rule = rule(
    "untranslated",
    Note,
    "A cell of a translation is still word for word the default language's text.",
    "translate it (cells that are identifiers, numbers or codes, and columns kept in the original throughout, are never reported)",
);
/// `outside-languages`.
pub const OUTSIDE_LANGUAGES: Rule = rule(
    "outside-languages",
    Warning,
    "A catalog file lies in no [[language]] folder, so no language reads it.",
    "move it into a language's folder, or delete it",
);

/// Every rule, in the order the README documents them.
pub const RULES: &[&Rule] = &[
    &DUPLICATE_CODE,
    &INVALID_CODE,
    &CODE_COLLIDES_WITH_ANCHOR,
    &ROW_WIDTH,
    &EMPTY_CELL,
    &CSV_SYNTAX,
    &DUPLICATE_LABEL,
    &DANGLING_REFERENCE,
    &UNSORTED_CODES,
    &EMPTY_HEADER_ROW,
    &BLANK_ROW,
    &CSV_COMMENT,
    &UNKNOWN_OPTION,
    &INVALID_OPTION,
    &OPTION_SYNTAX,
    &NO_CODE_COLUMN,
    &EMPTY_CATALOG,
    &INVALID_LIFECYCLE,
    &INVALID_REPLACEMENT,
    &REUSED_CODE,
    &ORPHAN_EXPLANATION,
    &TRANSLATION_DRIFT,
    &UNTRANSLATED,
    &OUTSIDE_LANGUAGES,
    &DUPLICATE_MESSAGE,
    &MIXED_MESSAGE_STYLE,
    &UNSAFE_INCLUDE,
    &TABLE_SHAPE,
    &TABLE_SOURCE,
    &ENCODING,
    &NESTING_DEPTH,
    &SPHINX_WARNING,
    &UNKNOWN_ROLE,
    &EVAL_RST,
    &UNDOCUMENTED_CODE,
    &UNDEFINED_CODE,
    &MISSING_IN_SOURCE,
    &NAME_MISMATCH,
    &DUPLICATE_VALUE,
    &REMOVED_CODE_IN_SOURCE,
];

/// Ids that rules had before, each with the rule that replaced it: they are
/// accepted wherever an id is (`[rules]`, `[[ignore]]`, baselines).
pub const ALIASES: &[(&str, &Rule)] = &[("conflicting-name", &NAME_MISMATCH)];

/// The rule with this id (or an old id of it, see [`ALIASES`]).
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id == id)
        .or_else(|| ALIASES.iter().find(|(old, _)| *old == id).map(|(_, r)| *r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(
                r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                r.id
            );
            assert!(!r.summary.is_empty() && !r.help.is_empty(), "{}", r.id);
            assert!(find(r.id).is_some());
        }
        for (old, new) in ALIASES {
            assert!(!seen.contains(old), "{old} is an alias and a rule");
            assert_eq!(find(old).map(|r| r.id), Some(new.id));
        }
    }

    #[test]
    fn unknown_role_help_lists_the_known_roles() {
        for role in crate::parse::roles::KNOWN_ROLES {
            assert!(
                UNKNOWN_ROLE.help.contains(&format!(" {role},")),
                "the help of unknown-role does not list {role}"
            );
        }
    }
}
