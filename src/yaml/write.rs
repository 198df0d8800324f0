//! The one YAML writer: what `faircat import` writes for a row, what `faircat new` fills into
//! its template and what the synthetic catalogs (`synth`) write all go through [`field`] and
//! [`scalar`], so a value is quoted, listed and blocked the same way everywhere.

use std::fmt::Write as _;

/// A value, ready to be written as YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(u64),
    Bool(bool),
    List(Vec<String>),
    /// Downloads or citations: maps with string, number or boolean values.
    Maps(Vec<serde_json::Map<String, serde_json::Value>>),
}

/// How a value is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Spaces before the key (a key nested under `targets:` or `contact:`).
    pub indent: usize,
    /// A list on one line: `modalities: [PT, CT]`.
    pub flow: bool,
    /// A date, written plain (`2021-06-30`), as YAML reads it back as the same text.
    pub date: bool,
}

/// `key: value` and a line break, as YAML reads it back as the same value.
pub fn field(out: &mut String, key: &str, value: &Value, style: Style) {
    let Style { indent, flow, date } = style;
    let pad = " ".repeat(indent);
    match value {
        Value::Text(t) if date => {
            let _ = writeln!(out, "{pad}{key}: {t}");
        }
        Value::Text(t) if t.contains('\n') => {
            let _ = writeln!(out, "{pad}{key}: {}", block_or_quoted(t, indent + 2));
        }
        Value::Text(t) => {
            let _ = writeln!(out, "{pad}{key}: {}", scalar(t, false));
        }
        Value::Int(n) => {
            let _ = writeln!(out, "{pad}{key}: {n}");
        }
        Value::Bool(b) => {
            let _ = writeln!(out, "{pad}{key}: {b}");
        }
        Value::List(items) if flow => {
            let _ = writeln!(out, "{pad}{key}: {}", flow_list(items));
        }
        Value::List(items) => {
            let _ = writeln!(out, "{pad}{key}:");
            for item in items {
                let _ = writeln!(out, "{pad}  - {}", scalar(item, false));
            }
        }
        Value::Maps(maps) => list_of_maps(out, key, maps, MAP_KEY_ORDER, indent),
    }
}

/// `[a, b]`, each item a scalar that is safe in a flow list.
pub fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
    format!("[{}]", items.join(", "))
}

/// A list of maps, keys in `order`.
pub fn list_of_maps(
    out: &mut String,
    key: &str,
    maps: &[serde_json::Map<String, serde_json::Value>],
    order: &[&str],
    indent: usize,
) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}{key}:");
    for map in maps {
        for (i, (k, v)) in ordered(map, order).into_iter().enumerate() {
            let lead = if i == 0 { "  - " } else { "    " };
            let _ = writeln!(out, "{pad}{lead}{k}: {}", json_scalar(v));
        }
    }
}

/// One map (a publisher), keys in `order`.
pub fn map(
    out: &mut String,
    key: &str,
    map: &serde_json::Map<String, serde_json::Value>,
    order: &[&str],
) {
    let _ = writeln!(out, "{key}:");
    for (k, v) in ordered(map, order) {
        let _ = writeln!(out, "  {k}: {}", json_scalar(v));
    }
}

fn ordered<'m>(
    map: &'m serde_json::Map<String, serde_json::Value>,
    order: &[&str],
) -> Vec<(&'m String, &'m serde_json::Value)> {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k));
    keys.into_iter().map(|k| (k, &map[k])).collect()
}

fn json_scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => scalar(s, false),
        serde_json::Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// The order keys of downloads and citations are written in (the schema's).
const MAP_KEY_ORDER: &[&str] = &[
    "url",
    "text",
    "name",
    "doi",
    "media_type",
    "size_bytes",
    "sha256",
    "preferred",
];

/// A literal block (`|`) for multi-line text where YAML allows it, else a double-quoted string.
fn block_or_quoted(text: &str, indent: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let unsafe_block = text.starts_with([' ', '\t'])
        || text.contains('\r')
        || text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        || lines.iter().any(|l| !l.is_empty() && l.trim().is_empty());
    if unsafe_block {
        return quoted(text);
    }
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    let chomp = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let pad = " ".repeat(indent);
    let mut out = chomp.to_string();
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    out
}

/// A string as a YAML scalar: plain when that cannot be misread, double-quoted otherwise.
pub fn scalar(s: &str, in_flow: bool) -> String {
    if plain_is_safe(s, in_flow) {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn quoted(s: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn plain_is_safe(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control())
        || (in_flow && s.contains([',', '[', ']', '{', '}']))
    {
        return false;
    }
    let reserved = crate::yaml::is_reserved_word(s);
    let numeric = s.parse::<f64>().is_ok()
        || (first.is_ascii_digit()
            && s.chars()
                .all(|c| c.is_ascii_hexdigit() || "xo._:-+".contains(c)));
    !reserved && !numeric
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_when_yaml_would_misread_them() {
        assert_eq!(scalar("Tiny CT", false), "Tiny CT");
        assert_eq!(scalar("yes", false), "\"yes\"");
        assert_eq!(scalar("2020", false), "\"2020\"");
        assert_eq!(scalar("a: b", false), "\"a: b\"");
        assert_eq!(scalar("#1", false), "\"#1\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("(New) UPPEN GBM", false), "(New) UPPEN GBM");
        assert_eq!(scalar("x\ty", false), "\"x\\ty\"");
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_value() {
        let texts = [
            "plain",
            "yes",
            "a: b",
            "two\nlines\n",
            " lead",
            "x\ty",
            "- item",
            "[x]",
        ];
        for t in texts {
            let mut out = String::new();
            field(&mut out, "k", &Value::Text(t.into()), Style::default());
            let back: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
            assert_eq!(back["k"], t, "{out}");
        }
        let items = vec!["a, b".to_string(), "c".to_string()];
        let mut out = String::new();
        field(
            &mut out,
            "k",
            &Value::List(items.clone()),
            Style {
                flow: true,
                ..Style::default()
            },
        );
        let back: std::collections::BTreeMap<String, Vec<String>> =
            serde_saphyr::from_str(&out).unwrap();
        assert_eq!(back["k"], items, "{out}");
    }

    #[test]
    fn block_text_keeps_its_lines() {
        assert_eq!(block_or_quoted("a\nb", 2), "|-\n  a\n  b");
        assert_eq!(block_or_quoted("a\n\nb\n", 2), "|\n  a\n\n  b");
        assert_eq!(block_or_quoted(" a\nb", 2), "\" a\\nb\"");
    }
}
