//! Creators and publishers: JSON maps or names, with ORCID and ROR ids checked.

use super::*;

/// The keys a creator map may have, in the order they are written.
pub const CREATOR_KEYS: &[&str] = &["name", "type", "orcid", "ror"];
/// The keys a publisher map may have.
pub const PUBLISHER_KEYS: &[&str] = &["name", "url", "ror"];

/// Creators: a JSON array of maps (`name`, `type`, `orcid`, `ror`) or names, or `;`-separated
/// persons' names ("Family, Given; Other, Name"). ORCID and ROR ids are checked and written as
/// IRIs; a cell with anything that cannot be read is kept whole in remarks.
pub(super) fn creators(field: Field, cell: &str) -> Outcome {
    let items: Vec<serde_json::Value> = if cell.starts_with('[') {
        match serde_json::from_str(cell) {
            Ok(items) => items,
            Err(_) => return Outcome::failed(field, format!("'{cell}' is not a JSON list")),
        }
    } else {
        split_top(cell, &[';'])
            .into_iter()
            .map(serde_json::Value::String)
            .collect()
    };
    let mut maps = Vec::new();
    for item in items {
        let map = match item {
            serde_json::Value::String(name) => {
                let mut m = serde_json::Map::new();
                m.insert("name".into(), one_line(&name).into());
                m
            }
            serde_json::Value::Object(m) => m,
            _ => return Outcome::failed(field, "each creator must be a name or a JSON object"),
        };
        match agent_map(map, CREATOR_KEYS) {
            Ok(m) => maps.push(m),
            Err(problem) => return Outcome::failed(field, problem),
        }
    }
    if maps.is_empty() {
        return Outcome::failed(field, format!("'{cell}' names nobody"));
    }
    Outcome::clean(field, Value::Maps(maps))
}

/// A publisher: a JSON object (`name`, `url`, `ror`) or an organisation's name.
pub(super) fn publisher(field: Field, cell: &str) -> Outcome {
    let map = if cell.starts_with('{') {
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(cell) {
            Ok(m) => m,
            Err(_) => return Outcome::failed(field, format!("'{cell}' is not a JSON object")),
        }
    } else {
        let mut m = serde_json::Map::new();
        m.insert("name".into(), one_line(cell).into());
        m
    };
    match agent_map(map, PUBLISHER_KEYS) {
        Ok(m) => Outcome::clean(field, Value::Maps(vec![m])),
        Err(problem) => Outcome::failed(field, problem),
    }
}

/// Check a creator's or publisher's map: only `keys`, string values, a name; `type` is person
/// or organization; ORCID and ROR ids valid (written as IRIs); URLs http(s).
pub(super) fn agent_map(
    map: serde_json::Map<String, serde_json::Value>,
    keys: &[&str],
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let mut out = serde_json::Map::new();
    for (k, v) in map {
        if !keys.contains(&k.as_str()) {
            return Err(format!("unknown key '{k}' (keys: {})", keys.join(", ")));
        }
        let serde_json::Value::String(text) = v else {
            return Err(format!("'{k}' must be text"));
        };
        let text = one_line(&text);
        if text.is_empty() {
            continue;
        }
        let value = match k.as_str() {
            "type" => match alnum(&text).as_str() {
                "person" => "person".to_string(),
                "organization" | "organisation" => "organization".to_string(),
                _ => return Err(format!("type '{text}' is not person or organization")),
            },
            "orcid" => vocab::orcid_iri(&text)
                .ok_or_else(|| format!("'{text}' is not a valid ORCID iD"))?,
            "ror" => vocab::ror_iri(&text).ok_or_else(|| format!("'{text}' is not a ROR id"))?,
            "url" => url(&text).ok_or_else(|| format!("'{text}' is not an http(s) URL"))?,
            _ => text,
        };
        out.insert(k, value.into());
    }
    if !out.contains_key("name") {
        return Err("a creator or publisher needs a name".into());
    }
    let kind = out.get("type").and_then(|t| t.as_str());
    if kind == Some("organization") && out.contains_key("orcid") {
        return Err("an ORCID iD belongs to a person, not an organization".into());
    }
    if kind == Some("person") && out.contains_key("ror") {
        return Err("a ROR id belongs to an organization, not a person".into());
    }
    Ok(out)
}
