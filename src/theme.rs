//! The theme: templates and static assets embedded in the binary, each overridable by a file of
//! the same name in the catalog's `themes/<name>/` folder.

use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Template name (e.g. `dataset.html`) → source.
    pub templates: BTreeMap<String, String>,
    /// Asset path under `static/` (e.g. `style.css`) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn load(_root: &Path, _name: &str) -> std::io::Result<Theme> {
        Ok(Theme::default())
    }
}
