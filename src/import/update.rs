//! `faircat import --update`: complete an existing entry from a row without touching what the
//! entry already says. The fields it lacks are appended after its own text, which is kept byte
//! for byte with its comments. `sources` is the one field that is also extended: a fact that
//! `--update` adds must name where it came from, so the row's sources that the entry does not
//! list yet are added to its list, in place.

use super::entry::{self, Entry};
use super::fields::Field;
use super::{ImportOptions, RowOutcome, display_relative};
use crate::yaml::write::{self, Style, Value as Written};
use crate::yaml::{self, Value};
use std::path::Path;

/// Append to the entry file at `path` the fields it lacks and extend its `sources`; nothing is
/// written unless the result parses.
pub(super) fn update_existing(
    path: &Path,
    entry: &Entry,
    origin: &str,
    opts: &ImportOptions,
) -> Result<RowOutcome, String> {
    let shown = display_relative(path, &opts.root);
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let Ok(root) = yaml::parse(&text) else {
        return Err(format!(
            "{} is not valid YAML: fix it (faircat check) before --update",
            shown.display()
        ));
    };
    let top: &[(yaml::Node, yaml::Node)] = match &root.value {
        Value::Map(m) => m,
        _ => &[],
    };
    let present: Vec<String> = top.iter().map(|(k, _)| k.key_text()).collect();
    let added = entry::fields_yaml(entry, |f| {
        !matches!(
            f,
            Field::Slug | Field::Draft | Field::Name | Field::Remarks | Field::Ignore
        ) && !present.iter().any(|p| p == entry::top_level_key(f))
    });
    let mut fields = added.fields;
    let mut new_text = match extend_sources(&text, top, entry, origin) {
        Some(extended) => {
            fields.push("sources (extended)");
            extended
        }
        None => text.clone(),
    };
    if fields.is_empty() {
        return Ok(RowOutcome::Unchanged(shown));
    }
    if !added.yaml.is_empty() {
        if !new_text.ends_with('\n') {
            new_text.push('\n');
        }
        new_text.push_str(&format!(
            "\n# Added by `faircat import --update` from {origin}, row {}.\n",
            entry.row
        ));
        new_text.push_str(&added.yaml);
    }
    if yaml::parse(&new_text).is_err() {
        return Err(format!(
            "{}: the added fields would not parse; nothing written",
            shown.display()
        ));
    }
    if !opts.dry_run {
        std::fs::write(path, &new_text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(RowOutcome::Updated {
        path: shown,
        fields,
        dry_run: opts.dry_run,
    })
}

/// The entry's text with the row's new sources added to its `sources` list, or `None` when
/// the row gives none the entry lacks or the entry has no `sources` list (then it is added
/// like any other missing field). A block list gets the new items after its last one, in its
/// own indentation, so its comments stay; a flow list (`[a, b]`) is written out as a block.
fn extend_sources(
    text: &str,
    top: &[(yaml::Node, yaml::Node)],
    entry: &Entry,
    origin: &str,
) -> Option<String> {
    let Some(Written::List(row_sources)) = entry.values.get(&Field::Sources) else {
        return None;
    };
    let index = top.iter().position(|(k, _)| k.key_text() == "sources")?;
    let Value::Seq(items) = &top[index].1.value else {
        return None;
    };
    let own: Vec<String> = items
        .iter()
        .map(|n| n.as_str().map(str::to_string))
        .collect::<Option<_>>()?;
    let new: Vec<&String> = row_sources
        .iter()
        .filter(|s| !own.iter().any(|o| o.trim() == s.trim()))
        .collect();
    if new.is_empty() {
        return None;
    }
    // The list's lines: from its key to the line before the next top-level key, without the
    // blank and comment lines that lead into that key.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key_line = top[index].0.span.line - 1;
    let mut end = top
        .get(index + 1)
        .map_or(lines.len(), |(k, _)| k.span.line - 1);
    while end > key_line + 1 && {
        let t = lines[end - 1].trim();
        t.is_empty() || t.starts_with('#')
    } {
        end -= 1;
    }
    let note = format!(
        "# `faircat import --update` added sources from {origin}, row {}.\n",
        entry.row
    );
    let item_indent = lines[key_line + 1..end]
        .iter()
        .find(|l| l.trim_start().starts_with("- ") || l.trim() == "-")
        .map(|l| &l[..l.len() - l.trim_start().len()]);
    let mut out: String = match item_indent {
        Some(pad) => {
            let mut out = lines[..end].concat();
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("{pad}{note}"));
            for s in new {
                out.push_str(&format!("{pad}- {}\n", write::scalar(s, false)));
            }
            out
        }
        None => {
            let mut out = lines[..key_line].concat();
            out.push_str(&note);
            let merged: Vec<String> = own.into_iter().chain(new.into_iter().cloned()).collect();
            write::field(
                &mut out,
                "sources",
                &Written::List(merged),
                Style::default(),
            );
            out
        }
    };
    out.push_str(&lines[end..].concat());
    Some(out)
}
