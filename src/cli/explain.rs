//! `errdocs explain` and `errdocs url`: a code's page in the terminal, and
//! its URL.

use std::io::IsTerminal;

use anyhow::Result;

use super::{CatalogArgs, ColorChoice, write_stdout};
use crate::catalog::{Catalog, Entry};
use crate::check;
use crate::config::Config;
use crate::diag::{self, Diagnostic, Severity};
use crate::explain;
use crate::urls;

/// `errdocs explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code.
    #[arg(required_unless_present = "rule")]
    code: Option<String>,
    #[command(flatten)]
    catalog: CatalogArgs,
    /// The language (a `[[language]]` tag; default: the first).
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Explain one of errdocs' own rules instead (the id every finding
    /// names); without an id, list them all.
    #[arg(long, value_name = "RULE", num_args = 0..=1, default_missing_value = "", conflicts_with = "code")]
    rule: Option<String>,
}

/// `errdocs url`.
#[derive(Debug, clap::Args)]
pub struct UrlArgs {
    /// The code.
    code: String,
    #[command(flatten)]
    catalog: CatalogArgs,
    /// The site's URL (overrides `[site] base-url`).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The language (a `[[language]]` tag; default: the first).
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
}

/// Runs `explain`.
pub fn run_explain(args: ExplainArgs) -> Result<u8> {
    let (Some(code), None) = (&args.code, &args.rule) else {
        return explain_rule(args.rule.as_deref().unwrap_or_default());
    };
    let (cats, config) = super::load_all(&args.catalog)?;
    let cat = super::pick_language(cats, args.lang.as_deref())?;
    let Some(e) = cat.find(code) else {
        return Ok(unknown_code(&cat, code));
    };
    if !row_is_sound(&cat, &config, e) {
        return Ok(1);
    }
    let bold = ColorChoice::Auto.resolve(std::io::stdout().is_terminal());
    write_stdout(&explain::explain(&cat, &config, e, bold))?;
    Ok(0)
}

/// Runs `url`.
pub fn run_url(args: UrlArgs) -> Result<u8> {
    let (cats, config) = super::load_all(&args.catalog)?;
    let cat = super::pick_language(cats, args.lang.as_deref())?;
    let Some(e) = cat.find(&args.code) else {
        return Ok(unknown_code(&cat, &args.code));
    };
    if !row_is_sound(&cat, &config, e) {
        return Ok(1);
    }
    write_stdout(&(urls::entry_url(&cat, &config, e, args.base_url.as_deref())? + "\n"))?;
    Ok(0)
}

/// Whether the code's own row is free of errors. Its errors are printed;
/// errors elsewhere in the catalog are only counted, on standard error.
fn row_is_sound(cat: &Catalog, config: &Config, e: &Entry) -> bool {
    let mut found = check::check(cat, config);
    diag::sort(&mut found);
    let (diags, _) = check::apply_config(found, config, None);
    let span = cat.span(e);
    let file = span.file;
    let (first, last) = match cat.row(e) {
        Some(row) => (
            row.cells.iter().map(|c| c.line).min().unwrap_or(row.line),
            row.cells.iter().map(|c| c.line).max().unwrap_or(row.line),
        ),
        None => (span.line, span.line),
    };
    let (mine, others): (Vec<Diagnostic>, Vec<Diagnostic>) = diags
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .partition(|d| {
            d.code.as_deref() == Some(e.code.as_str())
                || (d.span.file == file && (first..=last).contains(&d.span.line))
        });
    if !mine.is_empty() {
        super::eprint_findings(&mine, &cat.files);
        eprintln!(
            "error: the row of {} has {} error{}; fix {} first (`errdocs check` lists every finding)",
            e.code,
            mine.len(),
            if mine.len() == 1 { "" } else { "s" },
            if mine.len() == 1 { "it" } else { "them" }
        );
        return false;
    }
    if !others.is_empty() {
        eprintln!(
            "note: the catalog has {} error{} elsewhere (`errdocs check` lists them); the row of {} has none",
            others.len(),
            if others.len() == 1 { "" } else { "s" },
            e.code
        );
    }
    true
}

/// `explain --rule RULE`: the rule's page from the rule catalog
/// ([`crate::rule_docs`]); `--rule` alone lists every rule.
fn explain_rule(id: &str) -> Result<u8> {
    let (cat, config) = crate::rule_docs::catalog()?;
    let bold = ColorChoice::Auto.resolve(std::io::stdout().is_terminal());
    if id.is_empty() {
        let mut list = String::new();
        for e in &cat.entries {
            list.push_str(&format!(
                "{:<27} {}\n",
                e.code.as_str(),
                cat.message_text(e)
            ));
        }
        list.push_str("\n`errdocs explain --rule RULE` explains one.\n");
        write_stdout(&list)?;
        return Ok(0);
    }
    let id = crate::rules::find(id).map_or(id, |r| r.id);
    let Some(e) = cat.find(id) else {
        eprintln!("error: errdocs has no rule `{id}`");
        let ids = crate::rules::RULES.iter().map(|r| r.id);
        match crate::text::did_you_mean(id, ids) {
            Some(near) => eprintln!("help: did you mean `{near}`?"),
            None => eprintln!("help: `errdocs explain --rule` lists every rule"),
        }
        return Ok(1);
    };
    let mut page = explain::explain(&cat, &config, e, bold);
    // A page address relative to nowhere would only puzzle.
    if config.site.base_url.is_none()
        && let Ok(url) = urls::entry_url(&cat, &config, e, None)
        && let Some(rest) = page.strip_suffix(&format!("\n{url}\n"))
    {
        page = rest.to_string();
    }
    write_stdout(&page)?;
    Ok(0)
}

fn unknown_code(cat: &Catalog, code: &str) -> u8 {
    let near = explain::nearest(cat, code);
    eprintln!("error: no code {code:?} in the catalog");
    if !near.is_empty() {
        eprintln!("help: the nearest known codes are {}", near.join(", "));
    }
    1
}
