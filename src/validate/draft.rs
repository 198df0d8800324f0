//! An entry while its fields are read, and the helpers every field handler uses (lists of
//! strings, unknown keys). The handlers (`fields`, `controlled`, `nested`, `license`) all
//! depend on this module and not on each other.

use super::check::{self, Problem};
use super::{Ctx, Places};
use crate::diagnostics::{Span, did_you_mean};
use crate::entry::Key;
use crate::model::Dataset;
use crate::yaml::{Node, Value};

/// An entry while its fields are read; licence fields are resolved at the end because
/// `license_name`/`license_url` may come in any order.
pub struct Draft {
    pub dataset: Dataset,
    pub places: Places,
    pub(super) license: Option<(String, Span)>,
    pub(super) license_name: Option<String>,
    pub(super) license_url: Option<(String, Span)>,
    pub(super) seen: Vec<Key>,
    /// Problems only for published entries (empty `modalities`, `TODO` placeholders of
    /// `faircat new`): reported at the end, when it is known whether the entry is a draft.
    pub(super) unless_draft: Vec<Problem>,
}

/// `unknown field 'licence' — did you mean 'license'?`; `what` may hold a `{}` for the name
/// (`key {} in 'contact'`).
pub fn unknown_key<'a>(
    key: &Node,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
    what: &str,
    help: &str,
) -> Problem {
    let quoted = format!("'{name}'");
    let subject = if what.contains("{}") {
        what.replace("{}", &quoted)
    } else {
        format!("{what} {quoted}")
    };
    let message = match did_you_mean(name, known) {
        Some(s) => format!("unknown {subject} — did you mean '{s}'?"),
        None => format!("unknown {subject}"),
    };
    Problem::new(key.span, message, help)
}

/// The items of a list (each one a node), or a problem when the value is not a list.
pub(super) fn list<'n>(ctx: &mut Ctx, field: &str, node: &'n Node, of: &str) -> &'n [Node] {
    match &node.value {
        Value::Seq(items) => items,
        _ => {
            ctx.report(check::wrong_type(
                node,
                field,
                &format!("a list of {of}"),
                "write `[a, b]` or one `- item` per line; a single value is `[a]`",
            ));
            &[]
        }
    }
}

/// A list of one-line strings. Bad items are reported and left out.
pub(super) fn strings(ctx: &mut Ctx, field: &str, node: &Node) -> Vec<String> {
    spanned_strings(ctx, field, node)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// A list of one-line strings with the place of each (for cross-entry checks).
pub(super) fn spanned_strings(ctx: &mut Ctx, field: &str, node: &Node) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for item in list(ctx, field, node, "strings") {
        let value = match &item.value {
            Value::Str(_) => check::text(item, field),
            _ => Err(check::wrong_type(
                item,
                field,
                "a list of strings",
                "write each item as text; quote it if it looks like a number",
            )),
        };
        if let Some(v) = ctx.take(value) {
            out.push((v, item.span));
        }
    }
    out
}
