//! One entry: its fields, each read by a small handler. Which fields there are, their order
//! and which are required or recommended is the entry's field table
//! ([`crate::entry::fields`]); [`handler`] gives each [`Key`] its handler (an exhaustive
//! `match`, so a new row cannot lack one). Handlers of controlled values live in `controlled`,
//! of nested maps in `nested`, and the licence is resolved in `license` once all fields are
//! read.

use super::check::{self, Problem};
use super::controlled::{
    access, anatomy, data_use, file_formats, label_types, modalities, platforms,
};
use super::draft::{Draft, spanned_strings, strings, unknown_key};
use super::license::resolve_license;
use super::nested::{citations, contact, creators, downloads, publisher, targets, version};
use super::{Ctx, Places};
use crate::diagnostics::Span;
use crate::entry::fields::{Key, Need, entry_names, entry_rows};
use crate::model::Dataset;
use crate::yaml::{Node, Value};

type Handler = fn(&mut Ctx, &'static str, &Node, &mut Draft);

/// The handler that reads a field; `None` for the slug, which is the file's name.
pub fn handler(key: Key) -> Option<Handler> {
    let read: Handler = match key {
        Key::Slug => return None,
        Key::Draft => |c, f, n, d| d.dataset.draft = c.take(check::boolean(n, f)).unwrap_or(false),
        Key::Name => |c, f, n, d| {
            d.dataset.name = c.take(check::text(n, f)).unwrap_or_default();
            if d.dataset.name.starts_with("TODO") {
                d.unless_draft.push(placeholder(f, n.span));
            }
        },
        Key::Acronym => |c, f, n, d| d.dataset.acronym = c.take(check::text(n, f)),
        Key::AlternateNames => |c, f, n, d| d.dataset.alternate_names = strings(c, f, n),
        Key::Description => description,
        Key::Homepage => |c, f, n, d| {
            d.dataset.homepage = c.take(check::url(n, f));
            d.places.homepage = Some(n.span);
        },
        Key::Doi => |c, f, n, d| {
            d.dataset.doi = c.take(check::doi(n, f));
            d.places.doi = Some(n.span);
        },
        Key::Creators => creators,
        Key::Publisher => publisher,
        Key::Version => version,
        Key::Year => |c, f, n, d| d.dataset.year = c.take(check::year(n, f)),
        Key::Released => |c, f, n, d| d.dataset.released = c.take(check::date(n, f)),
        Key::Updated => |c, f, n, d| d.dataset.updated = c.take(check::date(n, f)),
        Key::Added => |c, f, n, d| d.dataset.added = c.take(check::date(n, f)),
        Key::Keywords => |c, f, n, d| d.dataset.keywords = strings(c, f, n),
        Key::Topic => |c, f, n, d| d.dataset.topic = c.take(check::text(n, f)),
        Key::Modalities => modalities,
        Key::Anatomy => anatomy,
        Key::Subjects => |c, f, n, d| d.dataset.subjects = c.take(check::count(n, f)),
        Key::Scans => |c, f, n, d| d.dataset.scans = c.take(check::count(n, f)),
        Key::Studies => |c, f, n, d| d.dataset.studies = c.take(check::count(n, f)),
        Key::Series => |c, f, n, d| d.dataset.series = c.take(check::count(n, f)),
        Key::Sequences => |c, f, n, d| d.dataset.sequences = strings(c, f, n),
        Key::FileFormats => file_formats,
        Key::Scanners => |c, f, n, d| d.dataset.scanners = strings(c, f, n),
        Key::Geography => |c, f, n, d| d.dataset.geography = strings(c, f, n),
        Key::Pathologies => |c, f, n, d| d.dataset.pathologies = strings(c, f, n),
        Key::Targets => targets,
        Key::LabelTypes => label_types,
        Key::Complete => |c, f, n, d| d.dataset.complete = c.take(check::boolean(n, f)),
        Key::PathologyAnnotated => {
            |c, f, n, d| d.dataset.pathology_annotated = c.take(check::boolean(n, f))
        }
        Key::NormalAnatomyAnnotated => {
            |c, f, n, d| d.dataset.normal_anatomy_annotated = c.take(check::boolean(n, f))
        }
        Key::AnnotationProtocol => {
            |c, f, n, d| d.dataset.annotation_protocol = c.take(check::markdown(n, f))
        }
        Key::License => |c, f, n, d| d.license = c.take(check::text(n, f)).map(|s| (s, n.span)),
        Key::LicenseName => |c, f, n, d| d.license_name = c.take(check::text(n, f)),
        Key::LicenseUrl => {
            |c, f, n, d| d.license_url = c.take(check::url(n, f)).map(|u| (u, n.span))
        }
        Key::DataUse => data_use,
        Key::Access => access,
        Key::AccessUrl => |c, f, n, d| d.dataset.access_url = c.take(check::url(n, f)),
        Key::Platform => platforms,
        Key::Publishable => |c, f, n, d| d.dataset.publishable = c.take(check::boolean(n, f)),
        Key::Phantom => |c, f, n, d| d.dataset.phantom = c.take(check::boolean(n, f)),
        Key::Provision => |c, f, n, d| d.dataset.provision = c.take(check::text(n, f)),
        Key::Contact => contact,
        Key::Downloads => downloads,
        Key::Citations => citations,
        Key::DerivedFrom => |c, f, n, d| {
            (d.dataset.derived_from, d.places.derived_from) =
                spanned_strings(c, f, n).into_iter().unzip();
        },
        Key::Related => |c, f, n, d| {
            (d.dataset.related, d.places.related) = spanned_strings(c, f, n).into_iter().unzip();
        },
        Key::Sources => |c, f, n, d| d.dataset.sources = strings(c, f, n),
        Key::Remarks => |c, f, n, d| d.dataset.remarks = c.take(check::markdown(n, f)),
    };
    Some(read)
}

/// Field names, in schema order.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    entry_names()
}

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
    let Some((field, read)) = Key::from_name(&name).and_then(|k| Some((k, handler(k)?))) else {
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
    read(ctx, field.name(), value, draft);
}

/// Required fields, recommended fields, licence resolution.
fn finish(ctx: &mut Ctx, d: &mut Draft) {
    let draft = d.dataset.draft;
    for row in entry_rows().filter(|r| r.need == Need::Required) {
        let needed = row.key == Key::Name || !draft;
        if needed && !d.seen.contains(&row.key) {
            ctx.report(Problem::new(
                Span::file_start(),
                format!("missing required field '{}'", row.name),
                required_help(row.key),
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

fn required_help(key: Key) -> &'static str {
    match key {
        Key::Name => "add `name: <full name of the dataset>`",
        Key::Description => {
            "add `description: <what the dataset is, at least 50 characters of Markdown>`"
        }
        _ => "add `modalities: [CT]` with the DICOM modality codes of the images",
    }
}

fn recommend(ctx: &mut Ctx, d: &Draft) {
    // In schema order; the fields of which any one will do ("subjects or scans") are named
    // together where the first of them is.
    let mut missing: Vec<String> = Vec::new();
    let any_seen = entry_rows()
        .filter(|r| r.need == Need::RecommendedAny)
        .any(|r| d.seen.contains(&r.key));
    let mut any_named = false;
    for row in entry_rows() {
        match row.need {
            Need::Recommended if row.key == Key::Anatomy && !d.dataset.expects_anatomy() => {}
            Need::Recommended if !d.seen.contains(&row.key) => missing.push(row.name.to_string()),
            Need::RecommendedAny if !any_seen && !any_named => {
                any_named = true;
                let names: Vec<&str> = entry_rows()
                    .filter(|r| r.need == Need::RecommendedAny)
                    .map(|r| r.name)
                    .collect();
                missing.push(names.join(" or "));
            }
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;
    use serde_json::Value as Json;

    /// A field as `faircat new` writes it, uncommented; an empty list placeholder (`[]`)
    /// becomes the JSON Schema's first allowed item.
    fn example(row: &crate::entry::Row) -> String {
        let mut example = row.example.replace("\n# ", "\n");
        if example.trim() == "[]" {
            let schema = crate::metadata::schema::dataset_schema(None);
            let first = &schema["properties"][row.name]["items"]["enum"][0];
            example = format!(" [{}]", first.as_str().expect("an enum of strings"));
        }
        format!("{}:{example}\n", row.name)
    }

    fn members(d: &Dataset) -> serde_json::Map<String, Json> {
        match serde_json::to_value(d).unwrap() {
            Json::Object(m) => m,
            _ => panic!("a dataset serialises as an object"),
        }
    }

    /// Null, false, empty, or an object of such (a model member no field has set yet).
    fn is_empty(v: &Json) -> bool {
        match v {
            Json::Null | Json::Bool(false) => true,
            Json::String(s) => s.is_empty(),
            Json::Array(a) => a.is_empty(),
            Json::Object(o) => o.values().all(is_empty),
            Json::Number(_) | Json::Bool(true) => false,
        }
    }

    #[test]
    fn every_row_is_read_into_the_model_and_every_member_has_a_row() {
        let file = SourceFile::new("content/datasets/x.yaml", "x", String::new());
        let empty = crate::validate::empty_dataset(&file);
        let before = members(&empty);
        let mut covered: Vec<String> = Vec::new();
        for row in entry_rows() {
            let text = example(row);
            let root = crate::yaml::parse(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let mut ctx = Ctx::new(std::path::Path::new("x.yaml"));
            let draft = read_entry(&mut ctx, &root, empty.clone()).unwrap();
            assert!(
                !ctx.problems
                    .iter()
                    .any(|p| p.message.starts_with("unknown field")),
                "{text}"
            );
            let changed: Vec<String> = members(&draft.dataset)
                .into_iter()
                .filter(|(k, v)| before.get(k) != Some(v))
                .map(|(k, _)| k)
                .collect();
            // `license_name` and `license_url` only reach the model with a `LicenseRef-…`
            // licence; alone they stay in the draft.
            let kept = draft.license_name.is_some() || draft.license_url.is_some();
            assert!(
                !changed.is_empty() || kept,
                "{}: its handler put the example into no member of the model\n{text}",
                row.name
            );
            covered.extend(changed);
        }
        for (member, value) in before {
            assert!(
                !is_empty(&value) || covered.contains(&member),
                "the model's '{member}' is read from no row of the field table"
            );
        }
    }
}
