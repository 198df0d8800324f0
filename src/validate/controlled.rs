//! Fields whose values come from a controlled list (modalities, anatomy, file formats, label
//! types, platforms, access): unknown values get a "did you mean …?".

use super::Ctx;
use super::check::{self, Problem};
use super::draft::{Draft, list};
use crate::diagnostics::{Span, did_you_mean};
use crate::entry::Key;
use crate::readiness::duo;
use crate::vocab::{self, Access, LabelType, words};
use crate::yaml::{Node, Value};

/// A list whose items are looked up in a vocabulary; unknown items get "did you mean".
pub(super) fn lookup_list<T>(
    ctx: &mut Ctx,
    field: &str,
    node: &Node,
    lookup: impl Fn(&str) -> Option<T>,
    unknown: impl Fn(&str, Span) -> Problem,
) -> Vec<T>
where
    T: PartialEq,
{
    let mut out: Vec<T> = Vec::new();
    let of = match Key::from_name(field) {
        Some(Key::Modalities) => "DICOM modality codes",
        Some(Key::Anatomy) => "body regions",
        Some(Key::FileFormats) => "file formats",
        Some(Key::LabelTypes) => "label types",
        Some(Key::DataUse) => "Data Use Ontology codes",
        _ => "platform names",
    };
    for item in list(ctx, field, node, of) {
        let Some(s) = ctx.take(check::text(item, field)) else {
            continue;
        };
        match lookup(&s) {
            Some(v) if out.contains(&v) => ctx.warn(Problem::new(
                item.span,
                format!("'{s}' is listed twice in '{field}'"),
                "remove the repeated value",
            )),
            Some(v) => out.push(v),
            None => ctx.report(unknown(&s, item.span)),
        }
    }
    out
}

pub(super) fn not_in_list<'a>(
    what: &str,
    value: &str,
    span: Span,
    candidates: impl IntoIterator<Item = &'a str>,
    help: &str,
) -> Problem {
    let message = match did_you_mean(value, candidates) {
        Some(s) => format!("unknown {what} '{value}' — did you mean '{s}'?"),
        None => format!("unknown {what} '{value}'"),
    };
    Problem::new(span, message, help)
}

pub(super) fn modalities(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    if matches!(&node.value, Value::Seq(items) if items.is_empty()) {
        d.unless_draft.push(Problem::new(
            node.span,
            "'modalities' is empty",
            "list at least one DICOM modality code, e.g. [CT]",
        ));
    }
    d.dataset.modalities = lookup_list(ctx, field, node, vocab::modality, |s, span| {
        // The words `faircat import` reads ("MRI", "PET-CT") say what was meant.
        let codes = words::modalities(s).unwrap_or_default();
        let alias = match codes.as_slice() {
            [code] => Some(code.clone()),
            _ => None,
        };
        let combined = codes.len() > 1
            || s.split(['-', '/', '+'])
                .filter(|p| words::modalities(p).is_some())
                .count()
                > 1;
        let help = "use DICOM modality codes (CID 29); `faircat vocab modalities` lists them";
        if combined {
            Problem::new(
                span,
                format!(
                    "unknown modality '{s}' — list each modality on its own, e.g. PET-CT is [PT, CT]"
                ),
                help,
            )
        } else if let Some(code) = alias {
            Problem::new(
                span,
                format!("unknown modality '{s}' — did you mean '{code}'?"),
                help,
            )
        } else {
            not_in_list(
                "modality",
                s,
                span,
                vocab::modalities().iter().map(|m| m.code),
                help,
            )
        }
    });
}

pub(super) fn anatomy(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.anatomy = lookup_list(ctx, field, node, vocab::anatomy, |s, span| {
        let names = vocab::anatomies()
            .iter()
            .flat_map(|a| std::iter::once(a.id).chain(a.synonyms.iter().copied()));
        let mut p = not_in_list(
            "body region",
            s,
            span,
            names,
            "use a body region from `faircat vocab anatomy`, e.g. chest, abdomen, brain, head-neck, whole-body",
        );
        // A word `faircat import` reads ("lungs", "abdominal"), or a synonym that was
        // suggested: name the canonical id instead.
        if let Some(id) = words::anatomy(s) {
            p.message = format!("unknown body region '{s}' — did you mean '{id}'?");
        } else if let Some(a) = did_you_mean(
            s,
            vocab::anatomies()
                .iter()
                .flat_map(|a| std::iter::once(a.id).chain(a.synonyms.iter().copied())),
        )
        .and_then(vocab::anatomy)
        {
            p.message = format!("unknown body region '{s}' — did you mean '{}'?", a.id);
        }
        p
    });
}

pub(super) fn file_formats(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.file_formats = lookup_list(
        ctx,
        field,
        node,
        |s| vocab::file_format(s).map(str::to_string),
        |s, span| {
            not_in_list(
                "file format",
                s,
                span,
                vocab::FILE_FORMATS.iter().copied(),
                "use one of: DICOM, NIfTI, NRRD, MHA, PNG, JPEG, HDF5, NumPy, TIFF, … (`faircat vocab` has the list)",
            )
        },
    );
}

pub(super) fn label_types(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.label_types = lookup_list(ctx, field, node, LabelType::from_slug, |s, span| {
        let mut p = not_in_list(
            "label type",
            s,
            span,
            vocab::label_type_slugs(),
            "use pixel-level, bounding-box, point, weak, image-level or none",
        );
        if let Some(l) = words::label_type(s) {
            p.message = format!("unknown label type '{s}' — did you mean '{}'?", l.slug());
        }
        p
    });
}

pub(super) fn platforms(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.platforms = lookup_list(ctx, field, node, vocab::platform, |s, span| {
        let mut p = not_in_list(
            "platform",
            s,
            span,
            vocab::platform_spellings(),
            "use a platform from `faircat vocab platforms`, or 'Own website'",
        );
        let meant = words::platform(s).or_else(|| {
            did_you_mean(s, vocab::platform_spellings())
                .and_then(vocab::platform)
                .map(|p| p.name)
        });
        if let Some(name) = meant {
            p.message = format!("unknown platform '{s}' — did you mean '{name}'?");
        }
        p
    });
}

pub(super) fn access(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let Some(s) = ctx.take(check::text(node, field)) else {
        return;
    };
    d.dataset.access = Access::from_slug(&s);
    if d.dataset.access.is_none() {
        let mut p = not_in_list(
            "access",
            &s,
            node.span,
            vocab::access_slugs(),
            "use public, registration, application or private",
        );
        if let Some(a) = words::access(&s) {
            p.message = format!("unknown access '{s}' — did you mean '{}'?", a.slug());
        }
        ctx.report(p);
    }
}

pub(super) fn data_use(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.data_use = lookup_list(ctx, field, node, duo::lookup, |s, span| {
        not_in_list(
            "Data Use Ontology code",
            s,
            span,
            duo::spellings(),
            "use GA4GH DUO shorthands such as GRU, HMB, NCU, IRB, PUB, COL (`faircat vocab data-use` has the list)",
        )
    });
    let Value::Seq(items) = &node.value else {
        return;
    };
    let permissions: Vec<(&str, Span)> = items
        .iter()
        .filter_map(|item| match &item.value {
            Value::Str(s) => duo::lookup(s)
                .filter(|t| t.role == duo::Role::Permission)
                .map(|t| (t.code, item.span)),
            _ => None,
        })
        .collect();
    if let [(first, _), (second, span), ..] = permissions[..] {
        ctx.report(Problem::new(
            span,
            format!(
                "'data_use' names a second permission '{second}' after '{first}'; a dataset has one"
            ),
            "keep the one permission that applies (e.g. HMB) and list only modifiers besides it",
        ));
    }
}
