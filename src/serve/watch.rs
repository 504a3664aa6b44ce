//! What `serve` watches: the catalog folder (its pages, `.csv` files,
//! `errdocs.toml` and explanations) and the templates folder, through
//! `notify` with a debouncer, so that one save (or an editor's
//! write-rename dance) is one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the files must be quiet before a rebuild.
pub const QUIET: Duration = Duration::from_millis(50);

/// Watches folders, calling back once per burst of changes.
pub struct Watch {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    watched: BTreeSet<PathBuf>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("watched", &self.watched)
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// Watches nothing yet; `changed` is called (on the watcher's thread)
    /// once per burst of changes under the folders [`Watch::set`] names.
    pub fn new(changed: impl Fn() + Send + 'static) -> Result<Watch> {
        let debouncer = new_debouncer(QUIET, None, move |events: DebounceEventResult| {
            // Reading a file is no change (a build opens every file it
            // reads); an error of the watcher (a folder gone) is one: the
            // rebuild says what is wrong.
            let changes = events.as_ref().map_or(true, |events| {
                events.iter().any(|e| {
                    matches!(
                        e.kind,
                        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                    )
                })
            });
            if changes {
                changed();
            }
        })
        .context("cannot watch the catalog for changes")?;
        Ok(Watch {
            debouncer,
            watched: BTreeSet::new(),
        })
    }

    /// Watches exactly the folders of `dirs` that exist (recursively),
    /// starting and stopping as needed.
    pub fn set(&mut self, dirs: &[&Path]) -> Result<()> {
        let wanted: BTreeSet<PathBuf> = dirs
            .iter()
            .filter(|d| d.is_dir())
            .map(|d| d.to_path_buf())
            .collect();
        for gone in self.watched.difference(&wanted) {
            let _ = self.debouncer.unwatch(gone);
        }
        for new in wanted.difference(&self.watched) {
            self.debouncer
                .watch(new, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", new.display()))?;
        }
        self.watched = wanted;
        Ok(())
    }
}
