//! Rebuilding while serving: watch `content/`, `themes/`, `static/` and `faircat.toml`
//! (notify, debounced), rebuild, and hand the result to the [`SiteStore`].

use super::served_site::ServedSite;
use super::site_store::{BuildResult, SiteStore};
use crate::config::Config;
use crate::load::{self, Sources};
use crate::theme::Theme;
use crate::validate::{EntryCache, validate_with};
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// Folders of a catalog whose changes need a rebuild.
pub const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];

/// How long the watcher waits for a burst of file events to end (an editor's save is often
/// several events). notify-debouncer-mini is not used: it cannot tell reading a file from
/// writing it, and the rebuild reads every file.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Builds the site of one catalog into memory, again and again, re-reading only the entries
/// whose text changed.
pub struct Builder {
    root: PathBuf,
    base_url: String,
    /// The catalog's files as last read, brought up to date file by file.
    sources: Option<Sources>,
    entries: EntryCache,
}

impl Builder {
    pub fn new(root: PathBuf, base_url: String) -> Self {
        Builder {
            // Canonical, as the watcher's paths are.
            root: root.canonicalize().unwrap_or(root),
            base_url,
            sources: None,
            entries: EntryCache::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Load and validate the catalog and load the theme; pages are rendered when asked for.
    /// When only entry files changed (`changed`), only they are read and validated again.
    /// Errors are rendered as `faircat check` does.
    pub fn build(&mut self, changed: &[PathBuf]) -> BuildResult {
        let changed: Vec<PathBuf> = changed
            .iter()
            .map(|p| p.strip_prefix(&self.root).unwrap_or(p).to_path_buf())
            .collect();
        let fail = |d| crate::site::single(d).render();
        let config = Config::load(&self.root).map_err(fail)?;
        let config = config.with_base_url(&self.base_url).map_err(fail)?;
        let sources = match self.sources.take() {
            Some(mut sources) if !changed.is_empty() => {
                if load::reread(&self.root, &mut sources, &changed) {
                    sources
                } else {
                    load::read_catalog(&self.root)
                }
            }
            _ => load::read_catalog(&self.root),
        };
        self.sources = Some(sources.clone());
        let theme = Theme::load(&self.root, &config.theme)
            .map_err(|e| format!("error: cannot load the theme: {e}"))?;
        let fingerprint = fingerprint(&self.root, &sources, &theme);
        let (catalog, _warnings) =
            validate_with(config, sources, &mut self.entries).map_err(|d| d.render())?;
        ServedSite::new(catalog, &theme, fingerprint)
    }
}

/// A hash of everything a site is made from: the config file, every entry, the about text
/// and the theme with the catalog's static files.
fn fingerprint(root: &Path, sources: &Sources, theme: &Theme) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    std::fs::read(root.join(Config::FILE_NAME))
        .unwrap_or_default()
        .hash(&mut h);
    sources.about.hash(&mut h);
    for file in &sources.entries {
        file.path.hash(&mut h);
        file.text_hash.hash(&mut h);
    }
    for d in sources.diagnostics.iter() {
        d.render().hash(&mut h);
    }
    theme.templates.hash(&mut h);
    theme.assets.hash(&mut h);
    theme.copied.hash(&mut h);
    h.finish()
}

/// Whether a changed path can affect the site: inside a watched folder or the config file,
/// and not an editor's temporary file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
    {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    rel == Path::new(Config::FILE_NAME) || WATCHED_DIRS.contains(&first.as_str())
}

/// Keeps the watcher alive; dropping it stops watching.
pub struct WatchGuard {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Whether a file-system event is a change (reading a file, which the rebuild itself does, is
/// not; finishing a write is).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Watch the catalog and rebuild on every change, in a thread of its own. Events are
/// collected until the file system has been quiet for [`DEBOUNCE`].
pub fn watch(mut builder: Builder, store: Arc<SiteStore>) -> Result<WatchGuard, String> {
    let root = builder
        .root()
        .canonicalize()
        .map_err(|e| format!("cannot watch {}: {e}", builder.root().display()))?;
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let watcher = notify::recommended_watcher(tx)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let watcher = Arc::new(Mutex::new(watcher));
    {
        let mut w = watcher.lock().map_err(|_| "watcher lock poisoned")?;
        w.watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                w.watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
            }
        }
    }
    let watched = Arc::clone(&watcher);
    let relevant = move |event: notify::Result<notify::Event>, root: &Path| -> Vec<PathBuf> {
        match event {
            Ok(e) if is_change(&e.kind) => e
                .paths
                .into_iter()
                .filter(|p| is_relevant(root, p))
                .collect(),
            _ => Vec::new(),
        }
    };
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut changed = relevant(first, &root);
            if changed.is_empty() {
                continue;
            }
            while let Ok(next) = rx.recv_timeout(DEBOUNCE) {
                changed.extend(relevant(next, &root));
            }
            changed.sort();
            changed.dedup();
            // A watched folder that did not exist at start: watch it from now on.
            for dir in WATCHED_DIRS {
                let path = root.join(dir);
                if changed.contains(&path)
                    && path.is_dir()
                    && let Ok(mut w) = watched.lock()
                {
                    let _ = w.watch(&path, RecursiveMode::Recursive);
                }
            }
            let started = Instant::now();
            let result = builder.build(&changed);
            let summary = store.apply(result);
            eprintln!(
                "{} changed: {summary} ({} ms)",
                describe(&root, &changed),
                started.elapsed().as_millis()
            );
        }
    });
    Ok(WatchGuard { _watcher: watcher })
}

fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let first = changed
        .first()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .unwrap_or_default();
    match changed.len() {
        1 => first,
        n => format!("{first} and {} more", n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalog_sources_are_relevant() {
        let root = Path::new("/cat");
        assert!(is_relevant(root, Path::new("/cat/content/datasets/x.yaml")));
        assert!(is_relevant(root, Path::new("/cat/faircat.toml")));
        assert!(is_relevant(
            root,
            Path::new("/cat/themes/default/templates/base.html")
        ));
        assert!(is_relevant(root, Path::new("/cat/static/logo.svg")));
        assert!(!is_relevant(root, Path::new("/cat/public/index.html")));
        assert!(!is_relevant(
            root,
            Path::new("/cat/content/datasets/.x.yaml.swp")
        ));
        assert!(!is_relevant(root, Path::new("/cat/README.md")));
        assert!(!is_relevant(root, Path::new("/elsewhere/content/x.yaml")));
    }
}
