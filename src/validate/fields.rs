//! One entry: its fields, each read by a small handler from a table in schema order.
//! Handlers of controlled values live in `controlled`, of nested maps in `nested`, and the
//! licence is resolved in `license` once all fields are read.

use super::check::{self, Problem};
use super::controlled::{
    access, anatomy, data_use, file_formats, label_types, modalities, platforms,
};
use super::license::resolve_license;
use super::nested::{citations, contact, creators, downloads, publisher, targets, version};
use super::{Ctx, Places};
use crate::diagnostics::{Span, did_you_mean};
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
    pub(super) seen: Vec<&'static str>,
    /// Problems only for published entries (empty `modalities`, `TODO` placeholders of
    /// `faircat new`): reported at the end, when it is known whether the entry is a draft.
    pub(super) unless_draft: Vec<Problem>,
}

type Handler = fn(&mut Ctx, &'static str, &Node, &mut Draft);

/// Every field of docs/entry-schema.md, in schema order, with the handler that reads it.
pub const FIELDS: &[(&str, Handler)] = &[
    ("draft", |c, f, n, d| {
        d.dataset.draft = c.take(check::boolean(n, f)).unwrap_or(false)
    }),
    ("name", |c, f, n, d| {
        d.dataset.name = c.take(check::text(n, f)).unwrap_or_default();
        if d.dataset.name.starts_with("TODO") {
            d.unless_draft.push(placeholder(f, n.span));
        }
    }),
    ("acronym", |c, f, n, d| {
        d.dataset.acronym = c.take(check::text(n, f))
    }),
    ("alternate_names", |c, f, n, d| {
        d.dataset.alternate_names = strings(c, f, n)
    }),
    ("description", description),
    ("homepage", |c, f, n, d| {
        d.dataset.homepage = c.take(check::url(n, f));
        d.places.homepage = Some(n.span);
    }),
    ("doi", |c, f, n, d| {
        d.dataset.doi = c.take(check::doi(n, f));
        d.places.doi = Some(n.span);
    }),
    ("creators", creators),
    ("publisher", publisher),
    ("version", version),
    ("year", |c, f, n, d| {
        d.dataset.year = c.take(check::year(n, f))
    }),
    ("released", |c, f, n, d| {
        d.dataset.released = c.take(check::date(n, f))
    }),
    ("updated", |c, f, n, d| {
        d.dataset.updated = c.take(check::date(n, f))
    }),
    ("added", |c, f, n, d| {
        d.dataset.added = c.take(check::date(n, f))
    }),
    ("keywords", |c, f, n, d| {
        d.dataset.keywords = strings(c, f, n)
    }),
    ("topic", |c, f, n, d| {
        d.dataset.topic = c.take(check::text(n, f))
    }),
    ("modalities", modalities),
    ("anatomy", anatomy),
    ("subjects", |c, f, n, d| {
        d.dataset.subjects = c.take(check::count(n, f))
    }),
    ("scans", |c, f, n, d| {
        d.dataset.scans = c.take(check::count(n, f))
    }),
    ("studies", |c, f, n, d| {
        d.dataset.studies = c.take(check::count(n, f))
    }),
    ("series", |c, f, n, d| {
        d.dataset.series = c.take(check::count(n, f))
    }),
    ("sequences", |c, f, n, d| {
        d.dataset.sequences = strings(c, f, n)
    }),
    ("file_formats", file_formats),
    ("scanners", |c, f, n, d| {
        d.dataset.scanners = strings(c, f, n)
    }),
    ("geography", |c, f, n, d| {
        d.dataset.geography = strings(c, f, n)
    }),
    ("pathologies", |c, f, n, d| {
        d.dataset.pathologies = strings(c, f, n)
    }),
    ("targets", targets),
    ("label_types", label_types),
    ("complete", |c, f, n, d| {
        d.dataset.complete = c.take(check::boolean(n, f))
    }),
    ("pathology_annotated", |c, f, n, d| {
        d.dataset.pathology_annotated = c.take(check::boolean(n, f))
    }),
    ("normal_anatomy_annotated", |c, f, n, d| {
        d.dataset.normal_anatomy_annotated = c.take(check::boolean(n, f))
    }),
    ("annotation_protocol", |c, f, n, d| {
        d.dataset.annotation_protocol = c.take(check::markdown(n, f))
    }),
    ("license", |c, f, n, d| {
        d.license = c.take(check::text(n, f)).map(|s| (s, n.span))
    }),
    ("license_name", |c, f, n, d| {
        d.license_name = c.take(check::text(n, f))
    }),
    ("license_url", |c, f, n, d| {
        d.license_url = c.take(check::url(n, f)).map(|u| (u, n.span))
    }),
    ("data_use", data_use),
    ("access", access),
    ("access_url", |c, f, n, d| {
        d.dataset.access_url = c.take(check::url(n, f))
    }),
    ("platform", platforms),
    ("publishable", |c, f, n, d| {
        d.dataset.publishable = c.take(check::boolean(n, f))
    }),
    ("provision", |c, f, n, d| {
        d.dataset.provision = c.take(check::text(n, f))
    }),
    ("contact", contact),
    ("downloads", downloads),
    ("citations", citations),
    ("derived_from", |c, f, n, d| {
        (d.dataset.derived_from, d.places.derived_from) =
            spanned_strings(c, f, n).into_iter().unzip();
    }),
    ("related", |c, f, n, d| {
        (d.dataset.related, d.places.related) = spanned_strings(c, f, n).into_iter().unzip();
    }),
    ("sources", |c, f, n, d| d.dataset.sources = strings(c, f, n)),
    ("remarks", |c, f, n, d| {
        d.dataset.remarks = c.take(check::markdown(n, f))
    }),
];

/// Field names, in schema order.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|(name, _)| *name)
}

/// Fields that must be present in a published entry.
pub const REQUIRED: &[&str] = &["name", "description", "modalities"];

/// Read one parsed entry. `None` when the document is not a mapping at all.
pub fn read_entry(ctx: &mut Ctx, root: &Node, dataset: Dataset) -> Option<Draft> {
    let Value::Map(entries) = &root.value else {
        ctx.report(Problem::new(
            root.span,
            format!(
                "an entry must be a mapping of fields, found {}",
                root.value.kind()
            ),
            "write one `field: value` per line, starting with `name:`",
        ));
        return None;
    };
    let mut draft = Draft {
        dataset,
        places: Places::default(),
        license: None,
        license_name: None,
        license_url: None,
        seen: Vec::new(),
        unless_draft: Vec::new(),
    };
    for (key, value) in entries {
        read_field(ctx, key, value, &mut draft);
    }
    finish(ctx, &mut draft);
    Some(draft)
}

fn read_field(ctx: &mut Ctx, key: &Node, value: &Node, draft: &mut Draft) {
    let name = key.key_text();
    let Some((field, handler)) = FIELDS.iter().find(|(f, _)| *f == name) else {
        ctx.report(unknown_key(
            key,
            &name,
            field_names(),
            "field",
            "the fields are listed in docs/entry-schema.md; `faircat new` writes them all",
        ));
        return;
    };
    if matches!(value.value, Value::Null) {
        return;
    }
    draft.seen.push(field);
    handler(ctx, field, value, draft);
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

/// Required fields, recommended fields, licence resolution.
fn finish(ctx: &mut Ctx, d: &mut Draft) {
    let draft = d.dataset.draft;
    for field in REQUIRED {
        let needed = *field == "name" || !draft;
        if needed && !d.seen.contains(field) {
            ctx.report(Problem::new(
                Span::file_start(),
                format!("missing required field '{field}'"),
                required_help(field),
            ));
        }
    }
    for problem in std::mem::take(&mut d.unless_draft) {
        if !draft {
            ctx.report(problem);
        }
    }
    resolve_license(ctx, d);
    if !draft {
        recommend(ctx, d);
    }
}

fn placeholder(field: &str, span: Span) -> Problem {
    Problem::new(
        span,
        format!("'{field}' still holds the placeholder of `faircat new`"),
        "replace the TODO text, or keep `draft: true` until the facts are known",
    )
}

fn required_help(field: &str) -> &'static str {
    match field {
        "name" => "add `name: <full name of the dataset>`",
        "description" => {
            "add `description: <what the dataset is, at least 50 characters of Markdown>`"
        }
        _ => "add `modalities: [CT]` with the DICOM modality codes of the images",
    }
}

fn recommend(ctx: &mut Ctx, d: &Draft) {
    let seen = |f: &str| d.seen.contains(&f);
    let mut missing: Vec<&str> = ["homepage", "license", "access", "anatomy", "year"]
        .into_iter()
        .filter(|f| !seen(f))
        .collect();
    if !seen("subjects") && !seen("scans") {
        missing.push("subjects or scans");
    }
    missing.extend(["label_types", "sources"].into_iter().filter(|f| !seen(f)));
    let message = match missing.as_slice() {
        [] => return,
        [one] => format!("recommended field missing: {one}"),
        many => format!("recommended fields missing: {}", many.join(", ")),
    };
    ctx.warn(Problem::new(
        Span::file_start(),
        message,
        "add them where the facts are known (docs/entry-schema.md); leave a field out rather than guess",
    ));
}

fn description(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let Some(text) = ctx.take(check::markdown(node, field)) else {
        return;
    };
    let chars = text.chars().count();
    if chars < 50 {
        ctx.report(Problem::new(
            node.span,
            format!("'description' is {chars} characters long; at least 50 are needed"),
            "describe what the dataset contains, how it was made and what it is for (search engines require 50 characters)",
        ));
    }
    if text.starts_with("TODO") {
        d.unless_draft.push(placeholder(field, node.span));
    }
    d.dataset.description = text;
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
