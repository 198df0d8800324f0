//! One entry: its fields, each read by a small handler from a table in schema order.

use super::check::{self, Checked, Problem};
use super::{Ctx, Places};
use crate::diagnostics::{Span, did_you_mean};
use crate::model::{Citation, Contact, Dataset, Download, Targets};
use crate::vocab::{self, Access, LabelType, License, LicenseCategory};
use crate::yaml::{Node, Value};

/// An entry while its fields are read; licence fields are resolved at the end because
/// `license_name`/`license_url` may come in any order.
pub struct Draft {
    pub dataset: Dataset,
    pub places: Places,
    license: Option<(String, Span)>,
    license_name: Option<String>,
    license_url: Option<(String, Span)>,
    seen: Vec<&'static str>,
    /// Values still holding the `TODO` placeholder of `faircat new`.
    placeholders: Vec<(&'static str, Span)>,
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
            d.placeholders.push((f, n.span));
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
        placeholders: Vec::new(),
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

/// `unknown field 'licence' — did you mean 'license'?`
pub fn unknown_key<'a>(
    key: &Node,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
    what: &str,
    help: &str,
) -> Problem {
    let message = match did_you_mean(name, known) {
        Some(s) => format!("unknown {what} '{name}' — did you mean '{s}'?"),
        None => format!("unknown {what} '{name}'"),
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
    if !draft {
        for (field, span) in &d.placeholders {
            ctx.report(Problem::new(
                *span,
                format!("'{field}' still holds the placeholder of `faircat new`"),
                "replace the TODO text, or keep `draft: true` until the facts are known",
            ));
        }
    }
    resolve_license(ctx, d);
    if !draft {
        recommend(ctx, d);
    }
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

fn resolve_license(ctx: &mut Ctx, d: &mut Draft) {
    let Some((id, span)) = d.license.take() else {
        if d.license_name.is_some() || d.license_url.is_some() {
            ctx.report(Problem::new(
                d.license_url
                    .as_ref()
                    .map_or(Span::file_start(), |(_, s)| *s),
                "'license_name' and 'license_url' need a 'license: LicenseRef-…'",
                "add `license: LicenseRef-<short-name>` for a custom licence",
            ));
        }
        return;
    };
    if let Some(rest) = id.strip_prefix("LicenseRef-") {
        d.dataset.license = license_ref(ctx, &id, rest, span, d);
        return;
    }
    match vocab::spdx_license(&id) {
        Some(lic) => {
            if vocab::spdx_deprecated(&id) {
                ctx.warn(Problem::new(
                    span,
                    format!("licence '{id}' is deprecated in the SPDX list"),
                    "use its current SPDX id, e.g. GPL-2.0-only instead of GPL-2.0",
                ));
            }
            if d.license_name.is_some() || d.license_url.is_some() {
                ctx.warn(Problem::new(
                    span,
                    format!(
                        "'license_name' and 'license_url' are ignored with the SPDX licence '{id}'"
                    ),
                    "remove them; they are only used with LicenseRef-… licences",
                ));
            }
            d.dataset.license = Some(lic);
        }
        None => ctx.report(unknown_license(&id, span)),
    }
}

fn unknown_license(id: &str, span: Span) -> Problem {
    let message = match did_you_mean(id, vocab::spdx_ids()) {
        Some(s) => format!("unknown licence '{id}' — did you mean '{s}'?"),
        None => format!("unknown licence '{id}'"),
    };
    Problem::new(
        span,
        message,
        "use an SPDX licence id (https://spdx.org/licenses/), or LicenseRef-<name> with license_name and license_url for a custom licence",
    )
}

fn license_ref(ctx: &mut Ctx, id: &str, rest: &str, span: Span, d: &Draft) -> Option<License> {
    let valid = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !valid {
        ctx.report(Problem::new(span, format!("'{id}' is not a valid LicenseRef id"), "use letters, digits, dots and dashes after LicenseRef-, e.g. LicenseRef-TCIA-Restricted"));
        return None;
    }
    let mut ok = true;
    if d.license_name.is_none() {
        ctx.report(Problem::new(
            span,
            format!("'{id}' needs a 'license_name'"),
            "add `license_name: <the licence's name>`",
        ));
        ok = false;
    }
    if d.license_url.is_none() {
        ctx.report(Problem::new(
            span,
            format!("'{id}' needs a 'license_url'"),
            "add `license_url: <where the licence text is>`",
        ));
        ok = false;
    }
    ok.then(|| License {
        id: id.to_string(),
        name: d.license_name.clone().unwrap_or_default(),
        url: d.license_url.as_ref().map(|(u, _)| u.clone()),
        category: LicenseCategory::Restricted,
    })
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
        d.placeholders.push((field, node.span));
    }
    d.dataset.description = text;
}

/// The items of a list (each one a node), or a problem when the value is not a list.
fn list<'n>(ctx: &mut Ctx, field: &str, node: &'n Node, of: &str) -> &'n [Node] {
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
fn strings(ctx: &mut Ctx, field: &str, node: &Node) -> Vec<String> {
    spanned_strings(ctx, field, node)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// A list of one-line strings with the place of each (for cross-entry checks).
fn spanned_strings(ctx: &mut Ctx, field: &str, node: &Node) -> Vec<(String, Span)> {
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

/// A list whose items are looked up in a vocabulary; unknown items get "did you mean".
fn lookup_list<T>(
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
    let of = match field {
        "modalities" => "DICOM modality codes",
        "anatomy" => "body regions",
        "file_formats" => "file formats",
        "label_types" => "label types",
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

fn not_in_list<'a>(
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

fn modalities(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    if matches!(&node.value, Value::Seq(items) if items.is_empty()) && !d.dataset.draft {
        ctx.report(Problem::new(
            node.span,
            "'modalities' is empty",
            "list at least one DICOM modality code, e.g. [CT]",
        ));
    }
    d.dataset.modalities = lookup_list(ctx, field, node, vocab::modality, |s, span| {
        let alias = vocab::MODALITY_ALIASES
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(s))
            .map(|(_, code)| *code);
        let combined = s
            .split(['-', '/', '+'])
            .filter(|p| {
                vocab::modality(p).is_some()
                    || vocab::MODALITY_ALIASES
                        .iter()
                        .any(|(a, _)| a.eq_ignore_ascii_case(p))
            })
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

fn anatomy(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
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
        // A synonym was suggested: name the canonical id instead.
        if let Some(a) = did_you_mean(
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

fn file_formats(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
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

fn label_types(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.label_types = lookup_list(ctx, field, node, LabelType::from_slug, |s, span| {
        not_in_list(
            "label type",
            s,
            span,
            vocab::label_type_slugs(),
            "use pixel-level, bounding-box, point, weak, image-level or none",
        )
    });
}

fn platforms(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.platforms = lookup_list(ctx, field, node, vocab::platform, |s, span| {
        let mut p = not_in_list(
            "platform",
            s,
            span,
            vocab::platform_spellings(),
            "use a platform from `faircat vocab platforms`, or 'Own website'",
        );
        if let Some(found) = did_you_mean(s, vocab::platform_spellings()).and_then(vocab::platform)
        {
            p.message = format!("unknown platform '{s}' — did you mean '{}'?", found.name);
        }
        p
    });
}

fn access(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let Some(s) = ctx.take(check::text(node, field)) else {
        return;
    };
    d.dataset.access = Access::from_slug(&s);
    if d.dataset.access.is_none() {
        ctx.report(not_in_list(
            "access",
            &s,
            node.span,
            vocab::access_slugs(),
            "use public, registration, application or private",
        ));
    }
}

/// The entries of a nested mapping, with unknown keys reported.
fn sub_map<'n>(
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
                &format!("key in '{field}'"),
                &format!("'{field}' has the keys {}", keys.join(", ")),
            )),
        }
    }
    out
}

fn targets(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
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

fn contact(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
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

fn downloads(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
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

fn has_key(node: &Node, key: &str) -> bool {
    matches!(&node.value, Value::Map(m) if m.iter().any(|(k, _)| k.as_str() == Some(key)))
}

fn media_type(node: &Node) -> Checked<String> {
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

fn sha256(node: &Node) -> Checked<String> {
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

fn citations(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
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
