//! Every rule errdocs can report, declared once: its stable id, default
//! severity (and a second case with its own severity, where a rule has one),
//! a one-line summary, the help printed with its findings, and its page's
//! prose (what it finds and why, a bad and a good example). Config
//! validation, `[[ignore]]`, baselines, SARIF's rule list, the rule pages
//! ([`crate::rule_docs`], `errdocs explain --rule`) and the fixture test all
//! read [`RULES`].

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
        details: "",
        bad: "",
        good: "",
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
        details: "",
        bad: "",
        good: "",
    }
}

use Severity::{Error, Note, Warning};

/// `duplicate-code`.
pub const DUPLICATE_CODE: Rule = rule(
    "duplicate-code",
    Error,
    "The same code is documented more than once.",
    "give each code one row; remove or renumber the others",
)
.doc(
    "Error. The same code appears twice anywhere in the catalog folder: in one table, \
        two tables or two files. Every place is named.",
    "`| 1001 | Parameter invalid |` … `| 1001 | Parameter missing |`.",
    "one row per code; give the second its own number.",
);
/// `invalid-code`.
pub const INVALID_CODE: Rule = rule(
    "invalid-code",
    Error,
    "A code does not match the catalog's code pattern (and could not be a safe file name).",
    "codes become page names (`codes/<code>.html`): use digits, or letters, digits, `-`, `_`, `.`",
)
.doc(
    "Error. A code does not match the code pattern, or could not be a safe page name \
        (codes become `codes/<code>.html`).",
    "`| ../x | … |`, `| CON | … |`, `| bad code | … |`.",
    "`| 1001 | … |`, `| E_QUOTA | … |`.",
);
/// `code-collides-with-anchor`.
pub const CODE_COLLIDES_WITH_ANCHOR: Rule = rule(
    "code-collides-with-anchor",
    Error,
    "A code equals a section id or label on its page, so `#code` would be ambiguous.",
    "rename the section or label, or the code",
)
.doc(
    "Error. A code equals a section id or label on its page, so `page.html#code` \
        could mean the row or the section.",
    "a section `## E100` (id `e100`) holding the code `e100`.",
    "rename the section (`## E1xx errors`) or the code.",
);
/// `row-width`.
pub const ROW_WIDTH: Rule = two_cases(
    "row-width",
    Error,
    (Warning, "the row has fewer cells than the header"),
    "A row has more cells than the header (an unquoted comma?), or fewer (warning).",
    "give every row as many cells as the header has columns",
)
.doc(
    "Error when a row has more cells than the header (Sphinx silently widens the \
        table; in a catalog it is nearly always an unquoted comma), warning when it has \
        fewer (Sphinx pads it).",
    "`1002, Retry later, then call us, Contact support` under a 3-column header.",
    "`1002, \"Retry later, then call us\", Contact support`.",
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
)
.doc(
    "Error for an empty code or message cell (the message is the first column after \
        the code, or `message-column`), warning for other empty cells.",
    "`, No code here, Add one` or `1002, \"\", Describe it`.",
    "every row has its code and message.",
);
/// `csv-syntax`.
pub const CSV_SYNTAX: Rule = rule(
    "csv-syntax",
    Error,
    "The CSV of a csv-table or .csv file cannot be read.",
    "quote a field that contains the delimiter, and double a quote inside quotes (\"\")",
)
.doc(
    "Error. The CSV cannot be read (Python's strict dialect, as docutils uses it): \
        text after a closing quote, a quote never closed. The caret is on the exact \
        character.",
    "`1001, \"Instance\" exited`.",
    "`1001, \"Instance exited\"` or `1001, \"Instance \"\"x\"\" exited\"`.",
);
/// `duplicate-label`.
pub const DUPLICATE_LABEL: Rule = rule(
    "duplicate-label",
    Error,
    "The same label is defined twice in the catalog.",
    "labels are global across the catalog: rename one",
)
.doc(
    "Error. A `(label)=` or `:name:` is defined twice; labels are global in Sphinx.",
    "`(errors)=` in `a.md` and in `b.md`.",
    "`(sdk-errors)=` and `(rest-errors)=`.",
);
/// `dangling-reference`.
pub const DANGLING_REFERENCE: Rule = rule(
    "dangling-reference",
    Error,
    "A {ref} role or #anchor link points at an id no page defines.",
    "define the label with `(name)=` before a heading, or fix the name",
)
.doc(
    "Error. A `{ref}` role names no label, or a `[text](#anchor)` link names an id no \
        page defines (section ids, labels and codes count).",
    "``{ref}`retry-policy` `` with no `(retry-policy)=` anywhere.",
    "add `(retry-policy)=` before the heading it means.",
);
/// `unsorted-codes`.
pub const UNSORTED_CODES: Rule = rule(
    "unsorted-codes",
    Warning,
    "Codes in a table are not in ascending order.",
    "sort the rows by code",
)
.doc(
    "Warning. Within a table, codes are not ascending (digit-only codes compare as \
        numbers, others as strings); points at the first code smaller than the one \
        before it.",
    "`150500` then `150444`.",
    "`150444` then `150500`.",
);
/// `empty-header-row`.
pub const EMPTY_HEADER_ROW: Rule = rule(
    "empty-header-row",
    Warning,
    "A header row is wholly empty (the `:header: >` trap).",
    "remove the empty row or lower :header-rows:",
)
.doc(
    "Warning. A header row is wholly empty. The usual cause is `:header: >` with the \
        header on the next option line: the folded YAML value keeps its final newline, \
        and Sphinx shows a second, empty header row.",
    "`:header: >` / `: \"Code\", \"Message\"` followed by another option.",
    "`:header: >-` (strip the newline), or `:header: \"Code\", \"Message\"` on one \
        line.",
);
/// `blank-row`.
pub const BLANK_ROW: Rule = rule(
    "blank-row",
    Warning,
    "A blank line inside a csv-table makes an empty row.",
    "remove the blank line",
)
.doc(
    "Warning. A blank line inside csv-table data is a row of empty cells in Sphinx.",
    "a blank line between `1001, …` and `1002, …`.",
    "no blank lines inside the data.",
);
/// `csv-comment`.
pub const CSV_COMMENT: Rule = rule(
    "csv-comment",
    Error,
    "An HTML comment inside csv-table data is a row of cells; one split at a comma never closes on the Sphinx page.",
    "move the comment above the directive: an HTML comment or a `%` line before the ```{csv-table} line",
)
.doc(
    "Error. An HTML comment inside csv-table data: docutils reads its line as a row (an empty one), and a comma in it splits it into cells. The cell that opens the comment is raw HTML, the one that closes it is text, whose `-->` smart quotes turn into `–>`: on the Sphinx page the comment never closes and the rest of the page can disappear.",
    "a line `<!-- 1002, retired -->` between the rows of a csv-table.",
    "the comment above the directive (`<!-- 1002 retired -->` or a `%` line before the ```` ```{csv-table} ```` line).",
);
/// `unknown-option`.
pub const UNKNOWN_OPTION: Rule = rule(
    "unknown-option",
    Warning,
    "A directive option Sphinx does not know is ignored.",
    "check the option's spelling; Sphinx ignores it",
)
.doc(
    "Warning. Sphinx ignores an option it does not know (with a warning that is easy \
        to miss).",
    "`:headers: Code, Text`.",
    "`:header: Code, Text`.",
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
)
.doc(
    "Warning. An option's value is rejected (Sphinx drops the option).",
    "`:widths: 20, wide`.",
    "`:widths: 20, 80`.",
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
)
.doc(
    "Warning, and an error on a csv-table or list-table. The option block is not \
        valid MyST option YAML; one bad line makes MyST drop every option of the block, \
        so a table loses its header (`:header:`, `:header-rows:`) and with it its code \
        column: all its codes are lost. The message says in plain words what MyST \
        wanted.",
    "`:header: \"Code\", \"Message\"` (a quoted value followed by more text).",
    "`:header: Code, Message`, or `:header: >-` with the header on the next line.",
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
)
.doc(
    "Warning: no header of a table names a code column, so its rows are not codes. \
        Error when a header is a near miss of a code-column name (within two edits of a \
        name of six or more letters, like `Eror Code`; one edit of a shorter name whose \
        column holds numbers): the table was surely meant as codes, and they are lost. \
        The message says which name was meant.",
    "`| Eror Code | Message |`.",
    "`| Error Code | Message |`; a table of settings (`| Name | Value |`) is only a \
        warning.",
);
/// `empty-catalog`.
pub const EMPTY_CATALOG: Rule = rule(
    "empty-catalog",
    Error,
    "No file of the catalog folder holds a code table.",
    "head a table's code column `Error Code` or `Code`, or name your header in errdocs.toml: [catalog] extra-code-columns = [\"…\"]",
)
.doc(
    "Error. No file of the catalog folder holds a code table; the message says how \
        many files and tables were read.",
    "a catalog folder whose only table is headed `| Name | Value |`.",
    "at least one table with an `Error Code` (or `Code`, …) column.",
);
/// `invalid-lifecycle`.
pub const INVALID_LIFECYCLE: Rule = rule(
    "invalid-lifecycle",
    Error,
    "A code's lifecycle cannot be read: a lifecycle cell not in the form `removed in 3.0 -> 1004: reason`, or a [codes] record that keeps no page.",
    "write `active`, `deprecated` or `removed` (with `in VERSION`, `-> CODE`, `: reason` as needed); a code no table lists needs its `message` and `group` in errdocs.toml",
)
.doc(
    "Error. A code's lifecycle cannot be read: a cell of the configured \
        `lifecycle-column` is not `active`, `deprecated` or `removed` (with optional `in \
        VERSION`, `-> CODE`, `: reason`); a `[codes.\"…\"]` record for a code no table \
        lists lacks its `message` or `group`, names an unknown group, or is not \
        `removed` (only a removed code lives in errdocs.toml alone).",
    "`| 5002 | Quota exceeded | going away soon |`; `[codes.\"5003\"]` with only \
        `lifecycle = \"removed\"`.",
    "`deprecated in 2.3 -> 5004: use the quota API`; `[codes.\"5003\"]` with \
        `lifecycle`, `message` and `group`.",
);
/// `invalid-replacement`.
pub const INVALID_REPLACEMENT: Rule = rule(
    "invalid-replacement",
    Error,
    "A code's replacement is no code of the catalog, is itself removed, or leads back to the code.",
    "name a documented, active code as the replacement",
)
.doc(
    "Error. A code's replacement (`-> CODE`, `replaced-by`) is no documented code, is \
        removed itself, or the replacements go round in a circle.",
    "`deprecated -> 5009` with no 5009; 5005 → 5006 → 5005.",
    "`deprecated -> 5004` where 5004 is an active code.",
);
/// `reused-code`.
pub const REUSED_CODE: Rule = rule(
    "reused-code",
    Error,
    "A removed code is documented again as a new code (links to its page in old logs would now lie).",
    "give the new error a new code; the removed code's page stays as it is",
)
.doc(
    "Error. A removed code is documented again as a code in use: its page, linked \
        from logs that name the old error, would now describe another one. The classic \
        breaking change of an error catalog.",
    "`[codes.\"5002\"] lifecycle = \"removed\"` and a row `| 5002 | Bucket not found \
        | active |`.",
    "give the new error a new code; 5002's tombstone stays.",
);
/// `orphan-explanation`.
pub const ORPHAN_EXPLANATION: Rule = rule(
    "orphan-explanation",
    Error,
    "A long explanation (`explanations/<code>.md`) is for a code the catalog does not document.",
    "name the file after a documented code, or delete it",
)
.doc(
    "Error. A long explanation (`explanations/CODE.md`, see `[catalog] explanations`) \
        is named after a code no table documents and no `[codes.\"…\"]` record keeps: no \
        page would show it (often a typo in the file name, or a code that was \
        renumbered).",
    "`explanations/5009.md` when the catalog documents 5001 to 5004.",
    "`explanations/5001.md`, or delete the file.",
);
/// `duplicate-message`.
pub const DUPLICATE_MESSAGE: Rule = rule(
    "duplicate-message",
    Warning,
    "Two codes share the same name or message.",
    "make the messages tell the codes apart",
)
.doc(
    "Warning. Two codes share a message (case-insensitive), so users cannot tell them \
        apart.",
    "`| 1001 | Disk full |` and `| 1002 | Disk full |`.",
    "`| 1002 | Disk quota full |`.",
);
/// `mixed-message-style`.
pub const MIXED_MESSAGE_STYLE: Rule = rule(
    "mixed-message-style",
    Note,
    "A message column mixes identifiers (FunctionNotFound) with sentences.",
    "write every message the same way; errdocs derives constant names from this column",
)
.doc(
    "Note. A message column mixes identifiers (`FunctionNotFound`) with sentences \
        (`function metadata not found`); constant names are derived from this column. \
        Points at the first cell of the less common style.",
    "`FunctionNameExist` next to `function metadata not found`.",
    "`FunctionMetadataNotFound`.",
);
/// `unsafe-include`.
pub const UNSAFE_INCLUDE: Rule = rule(
    "unsafe-include",
    Error,
    "A `:file:` leaves the catalog folder, or `:url:` is used.",
    "copy the file into the catalog folder and use `:file:` with a path inside it",
)
.doc(
    "Error. A csv-table `:file:` resolves outside the catalog folder (by `..` or a \
        symbolic link), or `:url:` is used: errdocs never reads outside the catalog and \
        never fetches.",
    "`:file: ../../secrets.csv`, `:url: https://example.com/codes.csv`.",
    "copy the file into the catalog folder and use `:file: codes.csv`.",
);
/// `table-shape`.
pub const TABLE_SHAPE: Rule = rule(
    "table-shape",
    Error,
    "Sphinx refuses the table (header rows, stub columns or widths do not fit).",
    "make :header-rows:, :stub-columns: and :widths: fit the table's rows and columns",
)
.doc(
    "Error. Sphinx refuses the table: more header rows than rows, stub columns that \
        leave no data, widths that do not match the columns.",
    "`:header-rows: 3` on a two-row table.",
    "`:header-rows: 1`.",
);
/// `table-source`.
pub const TABLE_SOURCE: Rule = rule(
    "table-source",
    Error,
    "A csv-table has no data, or both data and a file, or a file that cannot be read.",
    "give the table rows below its options, or a :file: inside the catalog folder, not both",
)
.doc(
    "Error. A csv-table has no data and no `:file:`, both, or a `:file:` that does \
        not exist.",
    "a `{csv-table}` with only `:header:`.",
    "rows below the options, or `:file: codes.csv`.",
);
/// `encoding`.
pub const ENCODING: Rule = rule(
    "encoding",
    Error,
    "A catalog file is not UTF-8.",
    "save the file as UTF-8",
)
.doc(
    "Error. A catalog file is not UTF-8 (with or without BOM); the byte offset and \
        line are named.",
    "a Latin-1 `é` in `errors.md`.",
    "save the file as UTF-8.",
);
/// `nesting-depth`.
pub const NESTING_DEPTH: Rule = rule(
    "nesting-depth",
    Error,
    "Directives are nested more than 50 deep.",
    "nest fences at most 50 deep",
)
.doc(
    "Error. Directives nested more than 50 deep; the deeper content is shown as code.",
    "52 colon fences each inside the last.",
    "at most a few levels (a note inside a tip).",
);
/// `sphinx-warning`.
pub const SPHINX_WARNING: Rule = rule(
    "sphinx-warning",
    Warning,
    "Sphinx prints a warning for this page (an unknown directive, a skipped heading level, …).",
    "Sphinx builds the page anyway; fix what the message names so both builds are clean",
)
.doc(
    "Warning. Sphinx prints a warning for the page and builds it anyway: an unknown \
        directive (its content is not shown), a heading level skipped, a page whose \
        first heading is not H1, a directive without its content, a code block in a \
        language Pygments does not know. errdocs reads the page as Sphinx does and \
        reports the warning with Sphinx's own message, so both builds can stay clean.",
    "`:::{notes}` (no such directive), `# Errors` followed by `### Codes`.",
    "`:::{note}`, `# Errors` then `## Codes`.",
);
/// `eval-rst`.
pub const EVAL_RST: Rule = two_cases(
    "eval-rst",
    Warning,
    (Error, "the block holds a table: codes could hide there"),
    "errdocs does not read reStructuredText: an {eval-rst} block's content is not read or shown (one holding a table: error).",
    "write the content as MyST Markdown (a csv-table or list-table fence, a pipe table) so errdocs reads it",
)
.doc(
    "Warning, and an error when the block holds a table. Sphinx reads an `{eval-rst}` block as reStructuredText; errdocs does not read reStructuredText, so the block's content is neither read nor shown on the site. A table there (a `list-table::`, `csv-table::` or `table::` directive, a grid or simple table) could hold codes that errdocs never sees.",
    "```` ```{eval-rst} ```` holding `.. list-table::` with an `Error Code` column.",
    "the table as a MyST `{list-table}` or pipe table.",
);
/// `unknown-role`.
pub const UNKNOWN_ROLE: Rule = rule(
    "unknown-role",
    Warning,
    "A role Sphinx does not know shows nothing (one it cannot run shows its source).",
    "errdocs renders the roles of docutils, Sphinx and its standard domains as Sphinx does: abbr, any, code, command, confval, cve, cwe, dfn, doc, download, emphasis, envvar, eq, file, guilabel, index, kbd, keyword, literal, math, menuselection, numref, option, pep, ref, rfc, samp, strong, sub, sup, term, title-reference, the Python roles (func, class, …) and the prefixed c:, cpp:, js:, rst:, std: and math: ones; check the spelling, or, for a role from a Sphinx extension, set `unknown-role = \"off\"` in [rules]",
)
.doc(
    "Warning. A role Sphinx does not know (a misspelt `{fulll}`) shows nothing in its place, with Sphinx's warning (`myst.role_unknown`); one it knows but cannot run (`{url}`, `{raw}` without a format) shows its source, with an error. errdocs renders the roles of docutils, Sphinx and its standard domains as Sphinx does (`{abbr}` an `<abbr>` with its expansion as title, `{math}` the TeX source for MathJax, `{kbd}` one `<kbd>` per key, `{func}` code with `()`, …); the help line lists them. A role from a Sphinx extension is unknown to errdocs: set `unknown-role = \"off\"`.",
    "the role `{fulll}` around the word quota; the role `{url}` around a link.",
    "the role `{abbr}` around `RTBF (Right to be Forgotten)`; the role `{kbd}` around `Ctrl+C`; a plain link.",
);
/// `undocumented-code`.
pub const UNDOCUMENTED_CODE: Rule = rule(
    "undocumented-code",
    Error,
    "A code defined in the scanned sources is not in the catalog.",
    "add a row for it to the catalog, or remove the definition",
)
.doc(
    "Error (with `--sources`). A code is defined in the scanned sources but the \
        catalog does not document it.",
    "`ERR_FUNCTION_VERSION_NOT_FOUND = 4116,` in `errors.hpp`, no row 4116.",
    "add the row to the catalog, or remove the dead definition.",
);
/// `undefined-code`.
pub const UNDEFINED_CODE: Rule = rule(
    "undefined-code",
    Warning,
    "A documented code is defined in none of the sources of its scope.",
    "define it in the code, or mark it as retired in the catalog",
)
.doc(
    "Warning (with `--sources`). A documented code is defined in none of the source \
        sets of its scope (retired, or never implemented). Codes of groups no scope \
        covers are not reported.",
    "row 1002 in the SDK table, `1002` in neither the header nor the proto.",
    "define it, or remove or mark the row (`removed in 3.0`).",
);
/// `missing-in-source`.
pub const MISSING_IN_SOURCE: Rule = rule(
    "missing-in-source",
    Warning,
    "A documented code is defined in some source sets of its scope and missing from others.",
    "define the code in every source set of the scope (errdocs codegen writes them all from the catalog)",
)
.doc(
    "Warning (with `--sources`). A documented code is defined in some source sets of \
        its scope and missing from others: the languages disagree about which codes \
        exist. Names the files that define it and the enum that lacks it.",
    "`INSUFFICIENT_RESOURCES = 1002;` in `errors.proto`, no 1002 in `enum ErrorCode` \
        of `err_type.h`.",
    "every source set of the scope defines every code of its groups.",
);
/// `name-mismatch` (was `conflicting-name`).
pub const NAME_MISMATCH: Rule = rule(
    "name-mismatch",
    Error,
    "A code's name in the source differs from the catalog's name column, or from its name in the other sources.",
    "use the catalog's name for the code in every language (errdocs codegen writes them all)",
)
.doc(
    "Error (with `--sources`; was `conflicting-name`, which `[rules]`, `[[ignore]]` \
        and baselines still accept). A code's name in the source is not the catalog's \
        name (where the catalog has a name column: `[drift] name-column`, by default the \
        message column when most of its cells are identifiers; never against sentences), \
        or, without one, differs from the name most of the other sources use. Names \
        compare case-insensitively across `snake_case` and `CamelCase`, without the \
        enum's own name as a prefix and without the affixes `k`, `E_`, `ERR_`, `ERROR_` \
        before and `Err`, `Error`, `Code`, `ErrCode` after, so \
        `ERR_FUNCTION_NAME_EXIST`, `FunctionNameExist` and `FunctionNameExistErrCode` \
        agree. One finding per code, listing every definition.",
    "`FunctionAlreadyExists = 4101` in Go, `FunctionNameExist` in the catalog.",
    "the catalog's name everywhere; `errdocs codegen` writes every language from the \
        catalog.",
);
/// `duplicate-value`.
pub const DUPLICATE_VALUE: Rule = rule(
    "duplicate-value",
    Warning,
    "Two names have the same value in one enum or class of codes.",
    "give each code one name; keep an old name only as a deliberate, documented alias",
)
.doc(
    "Warning (with `--sources`). Two names have one value in one enum or class of \
        codes (Python silently makes the second an alias; protoc refuses it unless the \
        enum sets `option allow_alias = true`, which turns the rule off for that enum).",
    "`FUNCTION_NOT_FOUND = 4115` and `FUNCTION_MISSING = 4115` in one `IntEnum`.",
    "one name per code.",
);
/// `removed-code-in-source`.
pub const REMOVED_CODE_IN_SOURCE: Rule = rule(
    "removed-code-in-source",
    Error,
    "A code recorded as removed in the catalog is still defined in the source.",
    "delete the definition, or record the code as active or deprecated again",
)
.doc(
    "Error (with `--sources`). A code the catalog records as removed (a `removed` \
        lifecycle) is still defined in the source, so it can still be raised and its \
        page is a tombstone.",
    "`AliasNameAlreadyExists Code = 4102` with `| 4102 | … | removed in 3.0 |`.",
    "delete the constant (codegen writes none for a removed code), or record the code \
        as deprecated.",
);

/// `translation-drift`.
pub const TRANSLATION_DRIFT: Rule = rule(
    "translation-drift",
    Error,
    "The languages of the catalog disagree: a code, a label, a group or a lifecycle one language has and another lacks.",
    "add what is missing to the language that lacks it (or remove it from the other), so every language documents the same codes in the same groups",
)
.doc(
    "Error. The languages of a catalog (`[[language]]`) disagree, compared with the default language: a code one documents and the other does not, a code in a group that does not correspond, a page or a `(label)=` only one has (`#label` links break in the other), a code removed in one and still in use in the other, or groups that cannot be matched (they share no label, and the page has more groups in one language than in the other).",
    "`| 5002 | Quota exceeded |` in `en/errors.md`, no 5002 in `zh/errors.md`.",
    "the row in both, or the removal recorded for both.",
);
/// `untranslated`.
pub const UNTRANSLATED: Rule = rule(
    "untranslated",
    Note,
    "A cell of a translation is still word for word the default language's text.",
    "translate it (cells that are identifiers, numbers or codes, and columns kept in the original throughout, are never reported)",
)
.doc(
    "Note. A cell of a translation is still word for word the default language's text. Cells that are identifiers (`FunctionNotFound`), numbers or codes, and columns kept in the original in most rows (the error message strings the software prints), are never reported.",
    "`| 5002 | 配额已用完 | Contact us. |`.",
    "`| 5002 | 配额已用完 | 请联系我们。 |`.",
);
/// `outside-languages`.
pub const OUTSIDE_LANGUAGES: Rule = rule(
    "outside-languages",
    Warning,
    "A catalog file lies in no [[language]] folder, so no language reads it.",
    "move it into a language's folder, or delete it",
)
.doc(
    "Warning. With `[[language]]` in errdocs.toml, a `.md` or `.csv` file in no language's folder is read by no language.",
    "`catalog/README.md` beside `catalog/en/` and `catalog/zh/`.",
    "the file inside a language's folder, or gone.",
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
            assert!(
                !r.details.is_empty() && !r.bad.is_empty() && !r.good.is_empty(),
                "{}: its page needs what it finds and why, a bad and a good example (.doc)",
                r.id
            );
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
