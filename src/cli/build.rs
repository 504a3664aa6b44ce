//! `errdocs build`: the site, written only when `check` finds no errors.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{CatalogDirArgs, DenyArgs};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::contract::{self, Break};
use crate::output::{self, Sink};
use crate::render;

/// `errdocs build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    catalog: CatalogDirArgs,
    /// The output folder.
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// A folder of templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Write nothing; exit 1 when the output folder differs from a fresh build.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    deny: DenyArgs,
    /// Build even when codes that the site in the output folder published
    /// are gone or their pages moved without a redirect: their pages are
    /// deleted (`errdocs diff` still reports them).
    #[arg(long)]
    allow_removal: bool,
}

/// Runs `build`.
pub fn run(args: Args) -> Result<u8> {
    let start = Instant::now();
    let mut lap = crate::timings::Lap::new("build");
    let catalog = args.catalog.clone().resolve();
    let dir = &catalog.catalog;
    let out = &args.out;
    // Beside the reading of the catalog: the built-in templates compiled,
    // and what the site in the output folder published read (each
    // language's catalog.json).
    let check_only = args.check;
    let (cats, config, mut published) = super::load_all_beside(&catalog, |config| {
        render::warm_up();
        if check_only {
            return Vec::new();
        }
        let prefixes: Vec<String> = if config.languages.is_empty() {
            vec![String::new()]
        } else {
            config
                .languages
                .iter()
                .enumerate()
                .map(|(i, l)| crate::catalog::Language::from_config(l, i).prefix)
                .collect()
        };
        prefixes
            .into_iter()
            .map(|p| {
                let mut lap = crate::timings::Lap::new("build");
                let read = contract::published(&out.join(&p));
                lap.lap("what the output folder published (read beside the catalog)");
                (p, read)
            })
            .collect()
    })?;
    lap.lap("load and parse");
    output::refuse_out(out, dir)?;
    if args.check {
        let gate = super::gate_all(&cats, &config, &args.deny);
        if !gate.passes {
            return Ok(refused(&gate, out));
        }
        let templates = templates(args.templates, &config, dir)?;
        let mut diff = output::Diff::new(out);
        render::render_site(&cats, &config, templates.as_deref(), &mut diff)?;
        let files = diff.files();
        let diffs = diff.finish();
        if diffs.is_empty() {
            eprintln!("{} is up to date ({files} files)", out.display());
            return Ok(0);
        }
        for d in diffs.iter().take(20) {
            eprintln!("{}: {d}", out.display());
        }
        if diffs.len() > 20 {
            eprintln!("… and {} more", diffs.len() - 20);
        }
        eprintln!(
            "{} is not what `errdocs build` would write: run it and commit",
            out.display()
        );
        return Ok(1);
    }
    let templates = templates(args.templates, &config, dir);
    // The site is rendered into the staging folder while the catalog is
    // checked and the published URLs compared (the staging folder is
    // beside the output, and goes when the build stops: nothing is
    // written unless both pass). Not when the output's parent folder is
    // yet to be made: a failing check leaves nothing behind.
    let beside = out
        .parent()
        .is_none_or(|p| p.as_os_str().is_empty() || p.is_dir())
        && templates.is_ok();
    let abandon = std::sync::atomic::AtomicBool::new(false);
    let render_site = |templates: Option<&Path>| -> Result<output::Staging> {
        let mut lap = crate::timings::Lap::new("build");
        let mut staging = output::Staging::begin(out)?;
        lap.lap("staging");
        // About one file per code and per catalog page, and a few more.
        let expected = cats
            .iter()
            .map(|c| c.entries.len() + c.pages.len() + 12)
            .sum();
        let mut progress = Progress::new(&mut staging, expected, start);
        progress.abandon = Some(&abandon);
        render::render_site(&cats, &config, templates, &mut progress)?;
        progress.finish();
        lap.lap("render and write");
        Ok(staging)
    };
    let (gate, staging) = std::thread::scope(|scope| -> Result<_> {
        let rendering = beside.then(|| {
            let templates = templates.as_ref().ok().and_then(|t| t.as_deref());
            scope.spawn(move || render_site(templates))
        });
        // The rules one after the other: the rendering beside keeps the
        // cores busy, and in its pool they would wait behind it.
        let gate = super::gate_all_with(&cats, &config, &args.deny, !beside);
        lap.lap("check");
        let mut keeps = || -> Result<bool> {
            let mut keeps = gate.passes;
            for cat in cats.iter().filter(|_| gate.passes) {
                let prefix = &cat.language.prefix;
                let read = match published.iter().position(|(p, _)| p == prefix) {
                    Some(k) => published.swap_remove(k).1,
                    None => contract::published(&out.join(prefix)),
                };
                keeps &=
                    keeps_published_urls(out, read?.as_ref(), cat, &config, args.allow_removal)?;
            }
            Ok(keeps)
        };
        let keeps = keeps();
        lap.lap("published URLs compared");
        if !matches!(keeps, Ok(true)) {
            abandon.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let staging = rendering.map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        Ok((gate, keeps?.then_some(staging)))
    })?;
    lap.lap("the rest of rendering");
    if !gate.passes {
        return Ok(refused(&gate, out));
    }
    // The contract said what breaks.
    let Some(staging) = staging else {
        return Ok(1);
    };
    let staging = match staging {
        Some(staging) => staging?,
        None => render_site(templates?.as_deref())?,
    };
    let stats = staging.commit()?;
    lap.lap("commit");
    let (codes, languages) = (cats[0].entries.len(), cats.len());
    // As in `check`: the process ends next, freeing node by node only costs time.
    std::mem::forget(cats);
    if gate.summary != crate::diag::Summary::default() {
        eprintln!("{}", gate.summary.line());
    }
    eprintln!(
        "{}",
        summary_line(codes, languages, &stats, start.elapsed())
    );
    Ok(0)
}

/// Says that the check failed and nothing was written; the exit code.
fn refused(gate: &super::Gate, out: &Path) -> u8 {
    eprintln!(
        "{}; nothing written, {} is unchanged",
        gate.summary.line(),
        out.display()
    );
    1
}

/// The templates folder: `--templates`, else `[site] templates` (relative
/// to the catalog folder), if either is given; it must be a folder.
pub(super) fn templates(
    flag: Option<PathBuf>,
    config: &Config,
    dir: &Path,
) -> Result<Option<PathBuf>> {
    let templates = flag.or_else(|| config.site.templates.as_ref().map(|t| dir.join(t)));
    if let Some(t) = &templates {
        super::require_folder(t, "templates folder")?;
    }
    Ok(templates)
}

/// `built 109 codes, 118 files (3 written) in 14 ms`: the last line of
/// every build (with the files removed, and those whose inputs had not
/// changed so that they were not rendered again, when there are any; `in 2
/// languages` after the codes when there are several).
pub fn summary_line(
    codes: usize,
    languages: usize,
    stats: &output::WriteStats,
    took: Duration,
) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut changed = format!("{} written", stats.written);
    if stats.removed > 0 {
        changed.push_str(&format!(", {} removed", stats.removed));
    }
    if stats.reused > 0 {
        changed.push_str(&format!(", {} not rendered again", stats.reused));
    }
    let took = if took < Duration::from_secs(1) {
        format!("{} ms", took.as_millis())
    } else {
        format!("{:.1} s", took.as_secs_f64())
    };
    let languages = if languages > 1 {
        format!(" in {languages} languages")
    } else {
        String::new()
    };
    format!(
        "built {}{languages}, {} ({changed}) in {took}",
        plural(codes, "code"),
        plural(stats.written + stats.unchanged, "file"),
    )
}

/// A progress bar over the files a build writes: drawn on a terminal once
/// the build has taken a second, never when standard error is piped or
/// under CI (`CI` set).
struct Progress<'a> {
    sink: &'a mut dyn Sink,
    bar: ProgressBar,
    start: Instant,
    /// Whether the bar may be drawn at all.
    allowed: bool,
    shown: bool,
    /// Set when the build will not be committed: the next file fails.
    abandon: Option<&'a std::sync::atomic::AtomicBool>,
}

impl<'a> Progress<'a> {
    fn new(sink: &'a mut dyn Sink, expected: usize, start: Instant) -> Self {
        let ci = std::env::var_os("CI").is_some_and(|v| v != "false" && v != "0");
        let bar =
            ProgressBar::with_draw_target(Some(expected as u64), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("building {bar:30} {pos}/{len} files, {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress {
            sink,
            bar,
            start,
            allowed: !ci && std::io::stderr().is_terminal(),
            shown: false,
            abandon: None,
        }
    }

    /// An error once the build is abandoned (nothing is lost: the staging
    /// folder goes).
    fn go_on(&self) -> Result<()> {
        if self
            .abandon
            .is_some_and(|a| a.load(std::sync::atomic::Ordering::Relaxed))
        {
            anyhow::bail!("the build was abandoned");
        }
        Ok(())
    }

    fn tick(&mut self) {
        self.bar.inc(1);
        // The count of files is a guess (search shards, index parts).
        if self
            .bar
            .length()
            .is_some_and(|len| self.bar.position() >= len)
        {
            self.bar.set_length(self.bar.position() + 1);
        }
        if self.allowed && !self.shown && self.start.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Sink for Progress<'_> {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.go_on()?;
        self.sink.file(rel, bytes)?;
        self.tick();
        Ok(())
    }

    fn stream(
        &mut self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.go_on()?;
        self.sink.stream(rel, fill)?;
        self.tick();
        Ok(())
    }

    fn reuse(&mut self, rel: &str, fp: output::Fingerprint) -> Result<bool> {
        let kept = self.sink.reuse(rel, fp)?;
        if kept {
            self.tick();
        }
        Ok(kept)
    }

    fn reuse_many(&mut self, files: &[(&str, output::Fingerprint)]) -> Result<Vec<bool>> {
        let kept = self.sink.reuse_many(files)?;
        for _ in kept.iter().filter(|&&k| k) {
            self.tick();
        }
        Ok(kept)
    }

    fn has_previous(&self) -> bool {
        self.sink.has_previous()
    }

    fn reuse_all(&mut self, dir: &str, fp: output::Fingerprint) -> Result<bool> {
        self.sink.reuse_all(dir, fp)
    }

    fn reuse_site(&mut self, fp: output::Fingerprint) -> Result<bool> {
        self.sink.reuse_site(fp)
    }

    fn mark(&mut self, rel: &str, fp: output::Fingerprint) {
        self.sink.mark(rel, fp);
    }
}

/// Whether building into `out` keeps every code URL the errdocs site there
/// published (or `--allow-removal` accepts losing some). Says what breaks
/// and how to keep it.
fn keeps_published_urls(
    out: &Path,
    published: Option<&contract::Published>,
    cat: &Catalog,
    config: &Config,
    allow_removal: bool,
) -> Result<bool> {
    let Some(published) = published else {
        return Ok(true);
    };
    let breaks = contract::broken(published, cat, config)?;
    if breaks.is_empty() {
        return Ok(true);
    }
    let level = if allow_removal { "warning" } else { "error" };
    for b in &breaks {
        match b {
            Break::Lost {
                code,
                path,
                message,
                group,
            } => {
                eprintln!(
                    "{level}: code {code} has a page in {} ({path}) that links in old logs lead to, but the catalog no longer lists it",
                    out.display()
                );
                eprintln!(
                    "  = help: to keep its page as a tombstone, record the removal in errdocs.toml:\n          [codes.{code:?}]\n          lifecycle = \"removed\"\n          message = {message:?}\n          group = {group:?}"
                );
            }
            Break::Moved { code, from, to } => {
                eprintln!(
                    "{level}: the page of code {code} moved from {from} to {to}, and nothing redirects from {from}"
                );
                eprintln!(
                    "  = help: list the old url-pattern in [site] previous-url-patterns (or add {from:?} = {to:?} to [redirects]) so the old URL redirects"
                );
            }
        }
    }
    if allow_removal {
        eprintln!(
            "warning: --allow-removal: {} published page{} of {} will no longer be served",
            breaks.len(),
            if breaks.len() == 1 { "" } else { "s" },
            out.display()
        );
        return Ok(true);
    }
    eprintln!(
        "error: {} published page{} would break; nothing written, {} is unchanged (pass --allow-removal to accept it on purpose)",
        breaks.len(),
        if breaks.len() == 1 { "" } else { "s" },
        out.display()
    );
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_names_codes_languages_and_files() {
        let stats = output::WriteStats {
            written: 3,
            unchanged: 115,
            ..Default::default()
        };
        let ms = Duration::from_millis(14);
        assert_eq!(
            summary_line(109, 1, &stats, ms),
            "built 109 codes, 118 files (3 written) in 14 ms"
        );
        assert_eq!(
            summary_line(1, 2, &stats, ms),
            "built 1 code in 2 languages, 118 files (3 written) in 14 ms"
        );
        let stats = output::WriteStats {
            written: 1,
            unchanged: 117,
            reused: 110,
            removed: 2,
            ..Default::default()
        };
        assert_eq!(
            summary_line(109, 1, &stats, ms),
            "built 109 codes, 118 files (1 written, 2 removed, 110 not rendered again) in 14 ms"
        );
    }
}
