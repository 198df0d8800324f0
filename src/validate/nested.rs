//! Fields that are maps or lists of maps: `targets`, `contact`, `downloads`, `citations`,
//! `creators`, `publisher` (and `version`, a string that may be written as a number).

use super::Ctx;
use super::check::{self, Checked, Problem};
use super::draft::{Draft, list, strings, unknown_key};
use crate::diagnostics::Span;
use crate::model::{Agent, AgentKind, Citation, Contact, Download, Targets};
use crate::vocab;
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

/// `creators`: a list of people or organisations, each a mapping (`name`, `type`, `orcid`,
/// `ror`) or a plain string (a person's name).
pub(super) fn creators(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    for item in list(ctx, field, node, "creators") {
        let agent = match &item.value {
            Value::Str(_) => ctx.take(check::text(item, "creators")).map(|name| Agent {
                name,
                ..Agent::default()
            }),
            Value::Map(_) => agent(ctx, field, item, &["name", "type", "orcid", "ror"]),
            _ => {
                ctx.report(check::wrong_type(
                    item,
                    field,
                    "a name or a mapping with name, type, orcid, ror",
                    "write `- name: Family, Given` (with `orcid:` when known), or `- name: <organisation>` with `type: organization`",
                ));
                None
            }
        };
        let Some(agent) = agent else { continue };
        if agent.is_person() && agent.family_given().is_none() {
            ctx.warn(Problem::new(
                item.span,
                format!(
                    "creator '{}' is a person without a comma in the name",
                    agent.name
                ),
                "write a person as 'Family, Given' (it is split at the first comma); add `type: organization` for an organisation",
            ));
        }
        d.dataset.creators.push(agent);
    }
}

/// `publisher`: the dataset's own publisher, a mapping (`name`, `url`, `ror`) or an
/// organisation's name.
pub(super) fn publisher(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    let agent = match &node.value {
        Value::Str(_) => ctx.take(check::text(node, field)).map(|name| Agent {
            name,
            kind: AgentKind::Organization,
            ..Agent::default()
        }),
        _ => agent(ctx, field, node, &["name", "url", "ror"]).map(|a| Agent {
            kind: AgentKind::Organization,
            ..a
        }),
    };
    d.dataset.publisher = agent;
}

/// One agent mapping with the given keys. `None` after reporting when it has no usable name.
fn agent(ctx: &mut Ctx, field: &'static str, node: &Node, keys: &[&'static str]) -> Option<Agent> {
    let mut a = Agent::default();
    let mut name = None;
    let mut kind: Option<(AgentKind, Span)> = None;
    let mut orcid_span = None;
    let mut ror_span = None;
    for (key, value) in sub_map(ctx, field, node, keys) {
        let path = format!("{field}.{key}");
        match key {
            "name" => name = ctx.take(check::text(value, &path)),
            "type" => kind = ctx.take(agent_kind(value, &path)).map(|k| (k, value.span)),
            "orcid" => {
                a.orcid = ctx.take(identifier(value, &path, vocab::orcid_iri, ORCID_HELP));
                orcid_span = Some(value.span);
            }
            "ror" => {
                a.ror = ctx.take(identifier(value, &path, vocab::ror_iri, ROR_HELP));
                ror_span = Some(value.span);
            }
            _ => a.url = ctx.take(check::url(value, &path)),
        }
    }
    if !matches!(node.value, Value::Map(_)) {
        return None;
    }
    a.kind = match kind {
        Some((k, _)) => k,
        None if a.ror.is_some() => AgentKind::Organization,
        None => AgentKind::Person,
    };
    if let (Some((AgentKind::Person, _)), Some(span)) = (kind, ror_span.filter(|_| a.ror.is_some()))
    {
        ctx.report(Problem::new(
            span,
            format!("'{field}.ror' identifies an organisation, but 'type' is person"),
            "remove `type: person` (a ROR id implies an organisation), or move the id to the organisation",
        ));
    }
    if let (AgentKind::Organization, Some(span)) =
        (a.kind, orcid_span.filter(|_| a.orcid.is_some()))
    {
        ctx.report(Problem::new(
            span,
            format!("'{field}.orcid' identifies a person, but this {field} entry is an organisation"),
            "ORCID iDs belong to people: remove it or `type: organization`; organisations take a `ror:` id",
        ));
    }
    match name {
        Some(n) => {
            a.name = n;
            Some(a)
        }
        None => {
            if !has_key(node, "name") {
                ctx.report(Problem::new(
                    node.span,
                    format!("'{field}' needs a 'name'"),
                    "add `name: Family, Given` for a person, or the organisation's name",
                ));
            }
            None
        }
    }
}

const ORCID_HELP: &str = "write the ORCID iD as https://orcid.org/0000-0002-1825-0097 (four groups of four digits; the last character is a check digit, so a typo is caught)";
const ROR_HELP: &str =
    "write the ROR id as https://ror.org/05gs8cd61 (0, six letters or digits, two digits)";

fn agent_kind(node: &Node, field: &str) -> Checked<AgentKind> {
    let s = check::text(node, field)?;
    match s.to_ascii_lowercase().as_str() {
        "person" => Ok(AgentKind::Person),
        "organization" | "organisation" => Ok(AgentKind::Organization),
        _ => {
            let hint = crate::diagnostics::did_you_mean(&s, ["person", "organization"])
                .map(|m| format!(" — did you mean '{m}'?"))
                .unwrap_or_default();
            Err(Problem::new(
                node.span,
                format!("'{field}' is '{s}', not person or organization{hint}"),
                "write `type: person` (the default) or `type: organization`",
            ))
        }
    }
}

fn identifier(
    node: &Node,
    field: &str,
    parse: fn(&str) -> Option<String>,
    help: &str,
) -> Checked<String> {
    let s = check::text(node, field)?;
    parse(&s).ok_or_else(|| {
        Problem::new(
            node.span,
            format!(
                "'{field}' is not a valid id: '{}'",
                s.chars().take(60).collect::<String>()
            ),
            help,
        )
    })
}

/// `version`: text, or a whole number (`version: 2`).
pub(super) fn version(ctx: &mut Ctx, field: &'static str, node: &Node, d: &mut Draft) {
    d.dataset.version = match &node.value {
        Value::Int(i) => Some(i.to_string()),
        Value::Str(_) => ctx.take(check::text(node, field)),
        _ => {
            ctx.report(check::wrong_type(
                node,
                field,
                "a string",
                "write the version in quotes, as its publisher writes it: version: \"1.1\"",
            ));
            None
        }
    };
}
