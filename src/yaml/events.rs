//! The common case, fast: an entry that is plain data (mappings of string keys, lists and
//! scalars; no anchors, aliases, tags or merge keys; far from every limit) becomes [`Node`]s
//! straight from the YAML parser's events.
//!
//! serde-saphyr reads the same events (it parses with `granit-parser`), but through serde, with
//! a span wrapper deserialized around every node: two thirds of the time it took to read an
//! entry. Whenever a document is anything but plain data, or the parser reports an error,
//! [`parse`] returns `None` and the caller parses it with serde-saphyr, which decides and words
//! every refusal. So this path only ever says yes, and only where serde-saphyr says the same
//! yes: the tests compare both trees, spans included, over every fixture, the bundled catalog,
//! a synthetic catalog and every short plain scalar.

use super::{LineIndex, MAX_DEPTH, Node, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span as EventSpan};

/// Below serde-saphyr's limits (see `super::options`) with room to spare: a document near
/// them goes the slow way and meets them there.
const MAX_EVENTS: usize = 100_000;
const MAX_NODES: usize = 50_000;
/// An entry has some forty fields. Keys are checked for duplicates one against another, which
/// is quadratic: a larger mapping goes the slow way.
const MAX_KEYS: usize = 64;

/// Collections open around the next node.
enum Open {
    Seq(EventSpan, Vec<Node>),
    /// Entries so far, the key read and waiting for its value, and the keys' source texts (for
    /// duplicates).
    Map(EventSpan, Vec<(Node, Node)>, Option<Node>, Vec<String>),
}

/// The document as nodes, or `None` when it is not plain data or does not parse.
pub(super) fn parse(text: &str, lines: &LineIndex) -> Option<Node> {
    let mut parser = Parser::new_from_str_with_options(text, super::parser_options());
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    let (mut events, mut nodes, mut documents) = (0, 0, 0);
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        events += 1;
        if events > MAX_EVENTS || nodes > MAX_NODES {
            return None;
        }
        // The node this event completes, and the source text of a scalar (for keys).
        let (node, key_text) = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let resolved = match style {
                    ScalarStyle::Plain => resolve_plain(&value)?,
                    _ => super::string(value.to_string()),
                };
                let node = Node {
                    span: lines.span(span.start.line(), span.start.col() + 1, span.len(), false),
                    value: resolved,
                };
                (node, Some(value))
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                // The root is one level; serde-saphyr counts its own way, so stay well inside.
                if anchor != 0 || tag.is_some() || stack.len() + 3 > MAX_DEPTH {
                    return None;
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(span, Vec::new())
                } else {
                    Open::Map(span, Vec::new(), None, Vec::new())
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match stack.pop()? {
                    Open::Seq(start, items) => (start, Value::Seq(items)),
                    Open::Map(start, entries, None, _) => (start, Value::Map(entries)),
                    Open::Map(_, _, Some(_), _) => return None,
                };
                let (start, value) = value;
                let span = lines.span(start.start.line(), start.start.col() + 1, 1, true);
                (Node { span, value }, None)
            }
            // Aliases, anchors, comments: serde-saphyr's business.
            _ => return None,
        };
        nodes += 1;
        match stack.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return None,
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending, keys)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    // Keys are strings, each written once, none a merge key; anything else
                    // (numbers, null, lists as keys) is left to serde-saphyr.
                    let text = key_text?;
                    if !matches!(node.value, Value::Str(_))
                        || text == "<<"
                        || keys.len() >= MAX_KEYS
                        || keys.iter().any(|k| *k == text)
                    {
                        return None;
                    }
                    keys.push(text.into_owned());
                    *pending = Some(node);
                }
            },
        }
    }
    // A document that is one scalar (or nothing) is no entry; serde-saphyr reads a null root
    // as no document at all.
    root.filter(|n| stack.is_empty() && matches!(n.value, Value::Map(_) | Value::Seq(_)))
}

/// The value of a plain scalar as serde-saphyr's resolution gives it. `true`, `false`, `null`
/// and `~` are what they say; other words starting with a letter are strings, except the few
/// YAML or float parsing could read as null, a boolean or a number; digits alone (no leading
/// zero) are integers. Anything else (signs, dots, leading zeros, those few words, the empty
/// scalar) is rare in an entry and resolved by serde-saphyr itself (`super::scalar_alone`).
fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        "null" | "~" => return Some(Value::Null),
        _ => {}
    }
    let bytes = text.as_bytes();
    let first = *bytes.first().unwrap_or(&b' ');
    if first.is_ascii_alphabetic() && !super::is_reserved_word(text) {
        return Some(super::string(text.to_string()));
    }
    if first.is_ascii_digit()
        && bytes.iter().all(u8::is_ascii_digit)
        && (first != b'0' || bytes.len() == 1)
        && let Ok(n) = text.parse::<i64>()
    {
        return Some(Value::Int(n));
    }
    super::scalar_alone(text)
}
