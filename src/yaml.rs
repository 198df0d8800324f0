//! A YAML document as a tree of values that remember where they stand in the file.
//!
//! Parsing is done by serde-saphyr (panic-free, with limits against alias bombs and deep nesting);
//! this module only keeps its line/column spans so that validation can point at any value.
//!
//! How: every child of a sequence or mapping is deserialized as `serde_saphyr::Spanned<Raw>`,
//! which hands us the location serde-saphyr recorded for that node; [`Raw`] is an untyped value
//! read with `deserialize_any`. The tree is then converted into [`Node`]s with our own [`Span`].

use crate::diagnostics::Span;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::DuplicateKeyPolicy;
use serde_saphyr::Spanned;
use std::fmt;

mod events;
pub mod write;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order (duplicate keys are a parse error).
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What kind of value this is, for "expected …, found a number" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The string, if this node is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Text of a scalar key (strings, numbers, booleans), for field names.
    pub fn key_text(&self) -> String {
        match &self.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".into(),
            Value::Seq(_) => "[…]".into(),
            Value::Map(_) => "{…}".into(),
        }
    }
}

/// A parse failure: where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

/// Nesting deeper than this is refused. Entries need four levels (entry → `downloads` → one
/// download → its fields); 16 leaves room while keeping the deserializer's recursion far below
/// the stack of any thread (each level costs tens of kilobytes in debug builds).
pub const MAX_DEPTH: usize = 16;

/// Larger entry files are refused before parsing: an entry is a few kilobytes.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Parse one YAML document. Never panics; hostile input (alias bombs, deep nesting, huge
/// documents) is refused with an error that has a line and column.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.len() > MAX_BYTES {
        return Err(ParseError {
            span: Span::file_start(),
            message: format!(
                "file is {} bytes; an entry may be at most {MAX_BYTES} bytes",
                text.len()
            ),
        });
    }
    if let Some(span) = first_tab_indent(text) {
        return Err(ParseError {
            span,
            message: "tab character in indentation; YAML indents with spaces only".into(),
        });
    }
    let lines = LineIndex::new(text);
    if let Some(root) = events::parse(text, &lines) {
        return Ok(root);
    }
    match serde_saphyr::from_str_with_options::<Option<Spanned<Raw>>>(text, options()) {
        Ok(Some(root)) => Ok(convert_with(root, &lines)),
        Ok(None) => Ok(Node {
            span: Span::file_start(),
            value: Value::Null,
        }),
        Err(e) => Err(parse_error(&e, text)),
    }
}

/// Whether a plain scalar could be read as something other than a string: the words YAML 1.1
/// or 1.2 reads as null, a boolean or a special float, and those Rust parses as a float (any
/// case). For [`events`], which resolves `true`, `false`, `null` and `~` itself and leaves the
/// rest to serde-saphyr, and for writers of YAML, which quote them.
pub fn is_reserved_word(text: &str) -> bool {
    text.len() <= 8
        && matches!(
            text.to_ascii_lowercase().as_str(),
            "null"
                | "~"
                | "true"
                | "false"
                | "yes"
                | "no"
                | "on"
                | "off"
                | "y"
                | "n"
                | ".inf"
                | "-.inf"
                | "+.inf"
                | ".nan"
                | "nan"
                | "inf"
                | "infinity"
        )
}

/// What each reader makes of `text` when the fast one ([`events`]) takes it: its tree, and
/// serde-saphyr's tree or error (trees as debug text: NaN is not equal to itself). `None` when
/// the fast reader leaves `text` to serde-saphyr. For tests and the `entry` fuzz target, which
/// check that the two agree.
#[doc(hidden)]
pub fn both_readers(text: &str) -> Option<(String, Result<String, String>)> {
    let lines = LineIndex::new(text);
    let fast = events::parse(text, &lines)?;
    let slow = match serde_saphyr::from_str_with_options::<Option<Spanned<Raw>>>(text, options()) {
        Ok(Some(root)) => Ok(format!("{:?}", convert_with(root, &lines))),
        Ok(None) => Err("an empty document".to_string()),
        Err(e) => Err(e.to_string()),
    };
    Some((format!("{fast:?}"), slow))
}

/// The text of a plain scalar read by serde-saphyr as the value of a one-line mapping (alone,
/// `...` would end the document): for the scalars [`events`] does not resolve itself. `None`
/// when it does not read back as one scalar.
fn scalar_alone(text: &str) -> Option<Value> {
    let doc = format!("v: {text}\n");
    let Some(Raw::Map(mut entries)) =
        serde_saphyr::from_str_with_options::<Option<Raw>>(&doc, options()).ok()?
    else {
        return None;
    };
    let (_, value) = entries.pop().filter(|_| entries.is_empty())?;
    match value.value {
        Raw::Null => Some(Value::Null),
        Raw::Bool(b) => Some(Value::Bool(b)),
        Raw::Int(i) => Some(Value::Int(i)),
        Raw::Float(f) => Some(Value::Float(f)),
        Raw::Str(s) => Some(string(s)),
        Raw::Seq(_) | Raw::Map(_) => None,
    }
}

/// The parser options serde-saphyr derives from [`budget`], so that both readers of a
/// document see the same events.
fn parser_options() -> serde_saphyr::granit_parser::Options {
    let budget = budget().unwrap_or_default();
    serde_saphyr::granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: serde_saphyr::granit_parser::Options::default()
            .block_nesting_limit
            .max(budget.max_depth.saturating_add(1)),
        emit_comments: false,
    }
}

fn budget() -> Option<serde_saphyr::Budget> {
    serde_saphyr::budget! {
        max_depth: MAX_DEPTH,
        flow_nesting_limit: MAX_DEPTH,
        max_documents: 1,
        max_events: 200_000,
        max_aliases: 1_000,
        max_anchors: 1_000,
        max_nodes: 100_000,
        max_total_scalar_bytes: 8 * 1024 * 1024,
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: budget(),
        duplicate_keys: DuplicateKeyPolicy::Error,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 100,
        },
        merge_keys: serde_saphyr::MergeKeyPolicy::Error,
        reject_unsupported_tags: true,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        emit_comments: false,
    }
}

/// A tab before the first non-blank character of a line (outside block scalars YAML forbids it,
/// and inside one it is almost always a mistake); reported at the tab itself.
fn first_tab_indent(text: &str) -> Option<Span> {
    for (i, line) in text.lines().enumerate() {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(col) = indent.chars().position(|c| c == '\t') {
            // A line of only blanks is harmless.
            if indent.len() < line.trim_end_matches('\r').len() {
                return Some(Span::new(i + 1, col + 1, 1));
            }
        }
    }
    None
}

fn parse_error(e: &serde_saphyr::Error, text: &str) -> ParseError {
    let inner = e.without_snippet();
    let mut span = inner
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Span::new(l.line() as usize, l.column().max(1) as usize, 1))
        .unwrap_or_else(Span::file_start);
    let raw = clean_message(&inner.to_string());
    let message = match raw.strip_prefix("duplicate mapping key: ") {
        Some(rest) => {
            let key = rest
                .split(", set DuplicateKeyPolicy")
                .next()
                .unwrap_or(rest);
            span.len = key.chars().count().max(1);
            match first_occurrence(text, key, span) {
                Some(line) => format!("duplicate key '{key}' (first written on line {line})"),
                None => format!("duplicate key '{key}'"),
            }
        }
        None => friendly(&raw),
    };
    ParseError { span, message }
}

/// The line where `key:` was first written at the same indentation as the duplicate.
fn first_occurrence(text: &str, key: &str, dup: Span) -> Option<usize> {
    let indent = dup.column.saturating_sub(1);
    text.lines()
        .take(dup.line.saturating_sub(1))
        .position(|l| {
            let (Some(lead), Some(rest)) = (l.get(..indent), l.get(indent..)) else {
                return false;
            };
            lead.chars().all(|c| c == ' ' || c == '-')
                && rest
                    .strip_prefix(key)
                    .is_some_and(|after| after.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// serde-saphyr's messages end in " at line L, column C"; the diagnostic already says where.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    let cut = cut.trim_start_matches("error: ").trim();
    if cut.is_empty() {
        "invalid YAML".into()
    } else {
        cut.to_string()
    }
}

/// Budget breaches speak of the parser's internals; say what they mean for an entry.
fn friendly(raw: &str) -> String {
    if raw.contains("Depth {") || raw.contains("recursion limit") {
        format!("nesting is deeper than {MAX_DEPTH} levels")
    } else if raw.contains("Documents {") {
        "a file holds one entry: '---' starts a second YAML document".into()
    } else if raw.contains("alias") && (raw.contains("limit") || raw.contains("budget")) {
        "too many alias expansions (`*name`); write the values out instead".into()
    } else if raw.starts_with("budget breached") {
        "the document is too large or too complex for an entry".into()
    } else {
        raw.to_string()
    }
}

/// An untyped YAML value whose children carry serde-saphyr's locations.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Raw>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

/// A string value. Bidirectional controls could reorder the page text around an entry's
/// words: they are dropped.
fn string(s: String) -> Value {
    let clean = match crate::markdown::strip_bidi_controls(&s) {
        std::borrow::Cow::Owned(clean) => Some(clean),
        std::borrow::Cow::Borrowed(_) => None,
    };
    Value::Str(clean.unwrap_or(s))
}

/// Turn serde-saphyr's tree into ours. Recursion depth is bounded by [`MAX_DEPTH`].
fn convert_with(raw: Spanned<Raw>, lines: &LineIndex) -> Node {
    let loc = &raw.referenced;
    let collection = matches!(raw.value, Raw::Seq(_) | Raw::Map(_));
    let span = lines.span(
        loc.line() as usize,
        loc.column() as usize,
        loc.span().len() as usize,
        collection,
    );
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => string(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| convert_with(n, lines)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert_with(k, lines), convert_with(v, lines)))
                .collect(),
        ),
    };
    Node { span, value }
}

/// Line lengths in characters, to keep an underline on the line it starts on.
struct LineIndex {
    line_chars: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex {
            line_chars: text
                .lines()
                .map(|l| l.trim_end_matches('\r').chars().count())
                .collect(),
        }
    }

    /// The span of a node at `line` and `column` (1-based), `chars` long: one character for
    /// a list or mapping, otherwise no further than the end of its first line.
    fn span(&self, line: usize, column: usize, chars: usize, collection: bool) -> Span {
        if line == 0 {
            return Span::file_start();
        }
        let column = column.max(1);
        let rest = self
            .line_chars
            .get(line - 1)
            .map_or(1, |n| n.saturating_sub(column - 1).max(1));
        let len = if collection { 1 } else { chars.clamp(1, rest) };
        Span::new(line, column, len)
    }
}

#[cfg(test)]
mod tests;
