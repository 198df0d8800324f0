//! Fields that are maps or lists of maps: `targets`, `contact`, `downloads`, `citations`.

use super::Ctx;
use super::check::{self, Checked, Problem};
use super::fields::{Draft, list, strings, unknown_key};
use crate::model::{Citation, Contact, Download, Targets};
use crate::yaml::{Node, Value};

/// The entries of a nested mapping, with unknown keys reported.
pub(super) fn sub_map<'n>(
    ctx: &mut Ctx,
    field: &str,
    node: &'n Node,
    keys: &[&'static str],
) -> Vec<(&'static str, &'n Node)> {
    let Value::Map(entries) = &node.value else {
        ctx.report(check::wrong_type(
            node,
            field,
            &format!("a mapping with {}", keys.join(", ")),
            "write one `key: value` per line, indented under the field",
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        match keys.iter().find(|known| k.as_str() == Some(**known)) {
            Some(known) => {
                if !matches!(v.value, Value::Null) {
                    out.push((*known, v));
                }
            }
            None => ctx.report(unknown_key(
                k,
                &k.key_text(),
                keys.iter().copied(),
                &format!("key {{}} in '{field}'"),
                &format!("'{field}' has the keys {}", keys.join(", ")),
            )),
        }
    }
    out
}

pub(super) fn targets(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let mut t = Targets::default();
    for (key, value) in sub_map(ctx, field, node, &["pixel", "instance", "image"]) {
        let items = strings(ctx, "targets", value);
        match key {
            "pixel" => t.pixel = items,
            "instance" => t.instance = items,
            _ => t.image = items,
        }
    }
    d.dataset.targets = t;
}

pub(super) fn contact(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let mut c = Contact::default();
    for (key, value) in sub_map(ctx, field, node, &["name", "email", "url"]) {
        match key {
            "name" => c.name = ctx.take(check::text(value, "contact.name")),
            "email" => c.email = ctx.take(check::email(value, "contact.email")),
            _ => c.url = ctx.take(check::url(value, "contact.url")),
        }
    }
    d.dataset.contact = Some(c);
}

pub(super) fn downloads(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let keys = ["url", "name", "media_type", "size_bytes", "sha256"];
    for item in list(ctx, field, node, "downloads") {
        let mut url = None;
        let mut dl = Download {
            url: String::new(),
            name: None,
            media_type: None,
            size_bytes: None,
            sha256: None,
        };
        for (key, value) in sub_map(ctx, field, item, &keys) {
            match key {
                "url" => url = ctx.take(check::url(value, "downloads.url")),
                "name" => dl.name = ctx.take(check::text(value, "downloads.name")),
                "media_type" => dl.media_type = ctx.take(media_type(value)),
                "size_bytes" => {
                    dl.size_bytes = ctx.take(check::count(value, "downloads.size_bytes"))
                }
                _ => dl.sha256 = ctx.take(sha256(value)),
            }
        }
        if matches!(item.value, Value::Map(_)) && url.is_none() && !has_key(item, "url") {
            ctx.report(Problem::new(
                item.span,
                "a download needs a 'url'",
                "add `url: https://…` to the download",
            ));
        }
        if let Some(u) = url {
            dl.url = u;
            d.dataset.downloads.push(dl);
        }
    }
}

pub(super) fn has_key(node: &Node, key: &str) -> bool {
    matches!(&node.value, Value::Map(m) if m.iter().any(|(k, _)| k.as_str() == Some(key)))
}

pub(super) fn media_type(node: &Node) -> Checked<String> {
    let s = check::text(node, "downloads.media_type")?;
    let ok = s.split_once('/').is_some_and(|(a, b)| {
        let token = |t: &str| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
        };
        token(a) && token(b)
    });
    if ok {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(Problem::new(
            node.span,
            format!("'{s}' is not a media type"),
            "write an IANA media type such as application/zip",
        ))
    }
}

pub(super) fn sha256(node: &Node) -> Checked<String> {
    let s = check::text(node, "downloads.sha256")?;
    if s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(Problem::new(
            node.span,
            "'sha256' must be 64 hexadecimal digits",
            "paste the output of `sha256sum <file>`",
        ))
    }
}

pub(super) fn citations(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let keys = ["text", "doi", "url", "preferred"];
    let mut preferred_spans = Vec::new();
    for item in list(ctx, field, node, "citations") {
        let mut c = Citation {
            text: String::new(),
            doi: None,
            url: None,
            preferred: false,
        };
        for (key, value) in sub_map(ctx, field, item, &keys) {
            match key {
                "text" => {
                    c.text = ctx
                        .take(check::markdown(value, "citations.text"))
                        .unwrap_or_default()
                }
                "doi" => c.doi = ctx.take(check::doi(value, "citations.doi")),
                "url" => c.url = ctx.take(check::url(value, "citations.url")),
                _ => {
                    c.preferred = ctx
                        .take(check::boolean(value, "citations.preferred"))
                        .unwrap_or(false)
                }
            }
        }
        if !matches!(item.value, Value::Map(_)) {
            continue;
        }
        if c.text.is_empty() {
            if !has_key(item, "text") {
                ctx.report(Problem::new(
                    item.span,
                    "a citation needs a 'text'",
                    "add `text: <authors, title, venue, year>`",
                ));
            }
            continue;
        }
        if c.preferred {
            preferred_spans.push(item.span);
        }
        d.dataset.citations.push(c);
    }
    if preferred_spans.len() > 1 {
        ctx.report(Problem::new(
            preferred_spans[1],
            "more than one citation is marked 'preferred'",
            "mark only the one to cite with `preferred: true`",
        ));
    }
    if let Some(first) = d.dataset.citations.first_mut()
        && preferred_spans.is_empty()
    {
        first.preferred = true;
    }
}
