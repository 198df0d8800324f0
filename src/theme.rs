//! The theme: templates and static assets embedded in the binary (so `faircat` works from any
//! folder), each overridable by a file of the same name in the catalog's
//! `themes/<name>/templates/` or `themes/<name>/static/`. The catalog's own `static/` folder is
//! read here too: it is copied to the site as is.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Embeds the listed files of `themes/default/<dir>/` as `(name, contents)` pairs.
macro_rules! embed {
    ($dir:literal, $include:ident, $($name:literal),+ $(,)?) => {
        &[$(($name, $include!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $dir, "/", $name)))),+]
    };
}

/// The default theme's templates, by name.
const TEMPLATES: &[(&str, &str)] = embed!(
    "templates",
    include_str,
    "base.html",
    "index.html",
    "dataset.html",
    "facet_index.html",
    "facet.html",
    "search.html",
    "help_wanted.html",
    "404.html",
    "_dataset_table.html",
    "_facet_lists.html",
    "_pager.html",
);

/// The default theme's static assets, by path under `static/`.
const ASSETS: &[(&str, &[u8])] = embed!(
    "static",
    include_bytes,
    "style.css",
    "site.js",
    "search.js",
    "search.css",
    "favicon.svg",
);

#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Template name (e.g. `dataset.html`) → source.
    pub templates: BTreeMap<String, String>,
    /// Asset path under the theme's `static/` (e.g. `style.css`) → bytes. Written fingerprinted.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The catalog's `static/` folder: path relative to it → bytes, copied to the site root as is.
    pub copied: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme exactly as embedded in the binary, with no catalog files.
    pub fn embedded() -> Theme {
        Theme {
            templates: TEMPLATES
                .iter()
                .map(|(name, src)| (name.to_string(), src.to_string()))
                .collect(),
            assets: ASSETS
                .iter()
                .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
                .collect(),
            copied: BTreeMap::new(),
        }
    }

    /// The embedded theme with the catalog's overrides from `themes/<name>/` laid over it, plus
    /// the catalog's `static/` folder. Missing folders are fine; unreadable files are errors.
    pub fn load(root: &Path, name: &str) -> io::Result<Theme> {
        let mut theme = Theme::embedded();
        let dir = root.join("themes").join(name);
        for (rel, bytes) in read_tree(&dir.join("templates"))? {
            let text = String::from_utf8(bytes).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("template themes/{name}/templates/{rel} is not UTF-8"),
                )
            })?;
            theme.templates.insert(rel, text);
        }
        theme.assets.extend(read_tree(&dir.join("static"))?);
        theme.copied = read_tree(&root.join("static"))?;
        Ok(theme)
    }
}

/// Every file under `dir` by `/`-separated relative path, sorted. An absent folder is empty.
fn read_tree(dir: &Path) -> io::Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(io::Error::other)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(entry.path())
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", entry.path().display())))?;
        files.insert(rel, bytes);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_has_every_page_template_and_asset() {
        let theme = Theme::embedded();
        for t in [
            "base.html",
            "index.html",
            "dataset.html",
            "search.html",
            "help_wanted.html",
            "404.html",
        ] {
            assert!(theme.templates.contains_key(t), "{t}");
        }
        for a in ["style.css", "search.js", "search.css", "favicon.svg"] {
            assert!(theme.assets.contains_key(a), "{a}");
        }
        assert!(theme.copied.is_empty());
    }

    #[test]
    fn catalog_files_override_embedded_ones_and_static_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("themes/mine/templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(t.join("404.html"), "custom 404").unwrap();
        let s = dir.path().join("themes/mine/static");
        std::fs::create_dir_all(&s).unwrap();
        std::fs::write(s.join("style.css"), "body{}").unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("static/img/logo.png"), [1u8, 2]).unwrap();

        let theme = Theme::load(dir.path(), "mine").unwrap();
        assert_eq!(theme.templates["404.html"], "custom 404");
        assert_eq!(theme.assets["style.css"], b"body{}");
        assert_eq!(theme.copied["img/logo.png"], vec![1u8, 2]);
        assert!(
            theme.templates["index.html"].contains("{%"),
            "others stay embedded"
        );

        let plain = Theme::load(dir.path(), "default").unwrap();
        assert_ne!(plain.templates["404.html"], "custom 404");
    }
}
