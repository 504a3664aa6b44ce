//! `errdocs serve`: the site while you edit. Builds into a temporary folder
//! (never into `site/`), serves it on 127.0.0.1 ([`crate::serve`]),
//! rebuilds when a watched file changes ([`crate::serve::watch`]), and on
//! Ctrl-C removes the folder and exits 0.

use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};

use super::{CatalogArgs, CatalogDirArgs, DenyArgs};
use crate::diag::Severity;
use crate::output;
use crate::render;
use crate::serve::{self, Problem, State, watch::Watch};

/// `errdocs serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    catalog: CatalogDirArgs,
    /// The port on 127.0.0.1 (0 picks a free one, printed).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// A folder of templates overriding the built-in ones (else `[site]
    /// templates`); watched too.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// What happens next.
enum Event {
    Changed,
    Stop,
}

/// Runs `serve` until Ctrl-C.
pub fn run(args: Args) -> Result<u8> {
    let catalog = args.catalog.resolve();
    super::require_folder(&catalog.catalog, "catalog folder")?;
    let listener = bind(args.port)?;
    let url = format!("http://{}/", listener.local_addr()?);
    let tmp = tempfile::Builder::new()
        .prefix("errdocs-serve-")
        .tempdir()
        .context("cannot create a temporary folder to build into")?;
    let (events, next) = channel();
    let stop = events.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    })
    .context("cannot handle Ctrl-C")?;
    let mut watch = Watch::new(move || {
        let _ = events.send(Event::Changed);
    })?;
    let state = State::new(tmp.path().join("site"), first_generation());
    eprintln!("building into {}", state.site().display());
    let mut templates = rebuild(&catalog, args.templates.as_deref(), &state, None);
    watch_folders(&mut watch, &catalog.catalog, templates.as_deref())?;

    let server = Arc::new(
        tiny_http::Server::from_listener(listener, None)
            .map_err(|e| anyhow!("cannot serve on {url}: {e}"))?,
    );
    std::thread::spawn({
        let (server, state) = (Arc::clone(&server), Arc::clone(&state));
        move || serve::serve(server, state)
    });
    println!("serving {url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    if args.open
        && let Err(e) = opener::open(&url)
    {
        eprintln!("warning: cannot open a browser: {e}");
    }

    while let Ok(event) = next.recv() {
        let mut stop = matches!(event, Event::Stop);
        // One rebuild for everything that arrived meanwhile.
        while let Ok(more) = next.try_recv() {
            stop |= matches!(more, Event::Stop);
        }
        if stop {
            break;
        }
        templates = rebuild(&catalog, args.templates.as_deref(), &state, templates);
        watch_folders(&mut watch, &catalog.catalog, templates.as_deref())?;
    }
    state.stop();
    server.unblock();
    let folder = tmp.path().display().to_string();
    tmp.close()
        .with_context(|| format!("cannot remove {folder}"))?;
    eprintln!("stopped; removed {folder}");
    Ok(0)
}

/// The listener on 127.0.0.1:`port`; a port in use says what to do.
fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow!(
                "port {port} on 127.0.0.1 is in use: pass --port 0 to pick a free port (or --port N for another)"
            )
        } else {
            anyhow!(e).context(format!("cannot listen on 127.0.0.1:{port}"))
        }
    })
}

/// Where the page generations start: the time, so that pages still open
/// from an earlier server reload when this one starts.
fn first_generation() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn watch_folders(watch: &mut Watch, catalog: &Path, templates: Option<&Path>) -> Result<()> {
    let mut dirs = vec![catalog];
    dirs.extend(templates);
    watch.set(&dirs)
}

/// Builds the site into the state's folder and tells the state how it
/// went (printing the findings and the summary line, as `build` does).
/// Returns the templates folder to watch (the last one known when the
/// configuration cannot be read).
fn rebuild(
    catalog: &CatalogArgs,
    flag: Option<&Path>,
    state: &State,
    templates: Option<PathBuf>,
) -> Option<PathBuf> {
    let start = Instant::now();
    match build(catalog, flag, state.site()) {
        Ok(Built::Site {
            codes,
            languages,
            stats,
            templates,
        }) => {
            state.built(stats.written + stats.removed > 0);
            eprintln!(
                "{}",
                super::build::summary_line(codes, languages, &stats, start.elapsed())
            );
            templates
        }
        Ok(Built::Errors {
            problems,
            templates,
        }) => {
            eprintln!(
                "{} error{}: every page shows {} until {} fixed",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                if problems.len() == 1 { "it" } else { "them" },
                if problems.len() == 1 {
                    "it is"
                } else {
                    "they are"
                },
            );
            state.failed(&problems);
            templates
        }
        Err(e) => {
            let message = e
                .chain()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(": ");
            eprintln!("error: {message}");
            state.failed(&[Problem {
                title: "error".into(),
                place: None,
                message,
                help: None,
            }]);
            templates
        }
    }
}

/// How a build went.
enum Built {
    /// The site is in the folder.
    Site {
        codes: usize,
        /// How many languages.
        languages: usize,
        stats: output::WriteStats,
        templates: Option<PathBuf>,
    },
    /// The catalog has errors; the folder is as it was.
    Errors {
        problems: Vec<Problem>,
        templates: Option<PathBuf>,
    },
}

fn build(catalog: &CatalogArgs, flag: Option<&Path>, site: &Path) -> Result<Built> {
    let (cats, config) = super::load_all(catalog)?;
    let gate = super::gate_all(&cats, &config, &DenyArgs { deny: None });
    let templates =
        super::build::templates(flag.map(Path::to_path_buf), &config, &catalog.catalog)?;
    if !gate.passes {
        let problems = gate
            .diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(Problem::of)
            .collect();
        return Ok(Built::Errors {
            problems,
            templates,
        });
    }
    let mut staging = output::Staging::begin(site)?;
    render::render_site(&cats, &config, templates.as_deref(), &mut staging)?;
    let stats = staging.commit()?;
    Ok(Built::Site {
        codes: cats[0].entries.len(),
        languages: cats.len(),
        stats,
        templates,
    })
}
