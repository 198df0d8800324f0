//! Turtle and JSON-LD text for a [`Graph`], written straight into a byte buffer.
//!
//! The exports write the whole catalog as RDF, and the general serialisers of oxttl and
//! oxjsonld format every character through `core::fmt` and JSON events (what that cost is in
//! docs/performance.md). A [`Graph`] only ever holds the few kinds of terms faircat
//! makes, grouped by subject, so its text is written here with the same layout those crates
//! use (tests check that both parse to the same triples, and that the text is the same
//! but for the order of the `@prefix` lines).
//!
//! Terms come from `oxrdf`, which has already checked every IRI and language tag; literals
//! are escaped here.

use super::{Graph, PREFIXES};
use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term};

/// `rdf:type`, which Turtle writes as `a`.
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

impl Graph {
    /// The graph as Turtle, `@prefix` lines first (none for an empty graph) when `prefixes`.
    pub(super) fn write_turtle(&self, out: &mut Vec<u8>, prefixes: bool) {
        if prefixes && !self.is_empty() {
            for (name, iri) in PREFIXES {
                for part in ["@prefix ", name, ": <", iri, "> .\n"] {
                    out.extend_from_slice(part.as_bytes());
                }
            }
        }
        for (subject, list) in &self.subjects {
            let mut previous: Option<&NamedNode> = None;
            for (predicate, object) in list {
                match previous {
                    None => {
                        turtle_subject(subject, out);
                        out.push(b' ');
                        turtle_predicate(predicate, out);
                    }
                    Some(p) if p == predicate => out.extend_from_slice(b" ,"),
                    Some(_) => {
                        out.extend_from_slice(b" ;\n\t");
                        turtle_predicate(predicate, out);
                    }
                }
                out.push(b' ');
                turtle_object(object, out);
                previous = Some(predicate);
            }
            out.extend_from_slice(b" .\n");
        }
    }

    /// The graph's node objects, comma-separated: the items of a JSON-LD `@graph` array. A
    /// subject's triples make one node object, and a second one when a predicate comes back
    /// after another (so that no object has the same key twice).
    pub(super) fn write_jsonld_nodes(&self, out: &mut Vec<u8>) {
        let mut first_node = true;
        for (subject, list) in &self.subjects {
            // The keys of the node object being written; the array of the last one is open.
            let mut keys: Vec<&NamedNode> = Vec::new();
            for (predicate, object) in list {
                if keys.last() == Some(&predicate) {
                    out.push(b',');
                } else {
                    let repeated = keys.contains(&predicate);
                    if !keys.is_empty() {
                        out.extend_from_slice(if repeated { b"]}" } else { b"]" });
                    }
                    if keys.is_empty() || repeated {
                        if !first_node {
                            out.push(b',');
                        }
                        first_node = false;
                        keys.clear();
                        out.extend_from_slice(b"{\"@id\":");
                        json_id(subject, out);
                    }
                    out.push(b',');
                    json_string(predicate.as_str(), out);
                    out.extend_from_slice(b":[");
                    keys.push(predicate);
                }
                json_object(object, out);
            }
            if !keys.is_empty() {
                out.extend_from_slice(b"]}");
            }
        }
    }

    /// The opening of a JSON-LD document up to its `@graph` array: the prefixes, sorted, as
    /// its context.
    pub(super) fn jsonld_head(out: &mut Vec<u8>) {
        let mut prefixes = PREFIXES.to_vec();
        prefixes.sort_unstable();
        out.extend_from_slice(b"{\"@context\":{");
        for (i, (name, iri)) in prefixes.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_string(name, out);
            out.push(b':');
            json_string(iri, out);
        }
        out.extend_from_slice(b"},\"@graph\":[");
    }
}

fn turtle_subject(subject: &NamedOrBlankNode, out: &mut Vec<u8>) {
    match subject {
        NamedOrBlankNode::NamedNode(n) => turtle_iri(n.as_str(), out),
        NamedOrBlankNode::BlankNode(b) => blank_label(b.as_str(), out),
    }
}

fn turtle_predicate(predicate: &NamedNode, out: &mut Vec<u8>) {
    if predicate.as_str() == RDF_TYPE {
        out.push(b'a');
    } else {
        turtle_iri(predicate.as_str(), out);
    }
}

fn turtle_object(object: &Term, out: &mut Vec<u8>) {
    match object {
        Term::NamedNode(n) => turtle_iri(n.as_str(), out),
        Term::BlankNode(b) => blank_label(b.as_str(), out),
        Term::Literal(l) => turtle_literal(l, out),
    }
}

fn blank_label(label: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(b"_:");
    out.extend_from_slice(label.as_bytes());
}

/// A prefixed name when one of [`PREFIXES`] starts the IRI and the rest is a plain local
/// name, else the whole IRI in angle brackets (oxrdf has checked it holds nothing to escape).
fn turtle_iri(iri: &str, out: &mut Vec<u8>) {
    let prefixed = PREFIXES.iter().find_map(|(name, ns)| {
        let local = iri.strip_prefix(ns)?;
        is_plain_local_name(local).then_some((name, local))
    });
    match prefixed {
        Some((name, local)) => {
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            out.extend_from_slice(local.as_bytes());
        }
        None => {
            out.push(b'<');
            out.extend_from_slice(iri.as_bytes());
            out.push(b'>');
        }
    }
}

/// A local name that needs no escape in Turtle: empty, or ASCII letters, digits, `_` and `-`,
/// not starting with `-`. (Turtle allows more; an IRI with anything else is written whole.)
fn is_plain_local_name(local: &str) -> bool {
    !local.starts_with('-')
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `"text"`, `"text"@lang` or `"text"^^datatype`.
fn turtle_literal(literal: &Literal, out: &mut Vec<u8>) {
    turtle_string(literal.value(), out);
    if let Some(language) = literal.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if literal.datatype().as_str() != XSD_STRING {
        out.extend_from_slice(b"^^");
        turtle_iri(literal.datatype().as_str(), out);
    }
}

/// A Turtle string in double quotes: `"` and `\` escaped, control characters (and the
/// noncharacters U+FFFE, U+FFFF) as escapes, everything else as it is.
fn turtle_string(text: &str, out: &mut Vec<u8>) {
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    const SPECIAL: [bool; 256] = special_bytes(&[b'"', b'\\', 0x7F, 0xEF]);
    push_quoted(text, out, &SPECIAL, Hex::Upper, |rest| {
        let b = rest.as_bytes()[0];
        named_escape(b).or(match b {
            0x00..=0x1F | 0x7F => Some(b""),
            _ if rest.starts_with(['\u{FFFE}', '\u{FFFF}']) => Some(b""),
            _ => None,
        })
    });
}

/// The escapes Turtle and JSON strings share: quote, backslash and the control characters
/// both name.
fn named_escape(byte: u8) -> Option<&'static [u8]> {
    Some(match byte {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x08 => b"\\b",
        0x0C => b"\\f",
        _ => return None,
    })
}

/// The bytes `listed` and the ASCII control characters: where [`push_quoted`] looks closer.
const fn special_bytes(listed: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let mut i = 0;
    while i < listed.len() {
        table[listed[i] as usize] = true;
        i += 1;
    }
    table
}

/// The case of the hex digits of `\uXXXX` escapes: Turtle's as oxrdf writes them, JSON's as
/// serde_json does.
#[derive(Clone, Copy)]
enum Hex {
    Upper,
    Lower,
}

/// `text` in double quotes. Runs of bytes that are not `special` are copied whole; where a
/// special byte starts the rest of the text, `escape` gives the escape to write (empty: the
/// `\uXXXX` of the character there) or `None` to keep the character. Special bytes are ASCII
/// or the first byte of a character, so the rest always starts a character.
fn push_quoted(
    text: &str,
    out: &mut Vec<u8>,
    special: &[bool; 256],
    hex: Hex,
    escape: impl Fn(&str) -> Option<&'static [u8]>,
) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut copied, mut at) = (0, 0);
    while let Some(offset) = bytes[at..].iter().position(|&b| special[usize::from(b)]) {
        at += offset;
        match escape(&text[at..]) {
            None => at += 1,
            Some(replacement) => {
                out.extend_from_slice(&bytes[copied..at]);
                if replacement.is_empty() {
                    let c = text[at..].chars().next().expect("a character starts here");
                    push_hex_escape(c, hex, out);
                    at += c.len_utf8();
                } else {
                    out.extend_from_slice(replacement);
                    at += 1;
                }
                copied = at;
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// `\uXXXX` for a character of the Basic Multilingual Plane.
fn push_hex_escape(c: char, hex: Hex, out: &mut Vec<u8>) {
    let digits = match hex {
        Hex::Upper => b"0123456789ABCDEF",
        Hex::Lower => b"0123456789abcdef",
    };
    let code = c as u32;
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(digits[((code >> shift) & 0xF) as usize]);
    }
}

fn json_id(node: &NamedOrBlankNode, out: &mut Vec<u8>) {
    match node {
        NamedOrBlankNode::NamedNode(n) => json_string(n.as_str(), out),
        NamedOrBlankNode::BlankNode(b) => json_blank(b.as_str(), out),
    }
}

fn json_blank(label: &str, out: &mut Vec<u8>) {
    json_string(&format!("_:{label}"), out);
}

/// `{"@id":…}` or a value object: `@language` or `@type` (when not `xsd:string`), then
/// `@value`.
fn json_object(object: &Term, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{");
    match object {
        Term::NamedNode(n) => {
            out.extend_from_slice(b"\"@id\":");
            json_string(n.as_str(), out);
        }
        Term::BlankNode(b) => {
            out.extend_from_slice(b"\"@id\":");
            json_blank(b.as_str(), out);
        }
        Term::Literal(l) => {
            if let Some(language) = l.language() {
                out.extend_from_slice(b"\"@language\":");
                json_string(language, out);
                out.push(b',');
            } else if l.datatype().as_str() != XSD_STRING {
                out.extend_from_slice(b"\"@type\":");
                json_string(l.datatype().as_str(), out);
                out.push(b',');
            }
            out.extend_from_slice(b"\"@value\":");
            json_string(l.value(), out);
        }
    }
    out.push(b'}');
}

/// A JSON string that is also safe inside an HTML `<script>` element, escaped as
/// `serde_json` and then [`crate::escape::push_script_safe`] would: `"`, `\` and control
/// characters as JSON requires, and `<`, `>`, `&`, U+2028, U+2029 and the bidirectional
/// controls as `\uXXXX`.
pub(super) fn json_string(text: &str, out: &mut Vec<u8>) {
    // The bidirectional controls and U+2028, U+2029 start with 0xD8 or 0xE2.
    const SPECIAL: [bool; 256] = special_bytes(&[b'"', b'\\', b'<', b'>', b'&', 0xD8, 0xE2]);
    push_quoted(text, out, &SPECIAL, Hex::Lower, |rest| {
        let b = rest.as_bytes()[0];
        named_escape(b).or(match b {
            0x00..=0x1F | b'<' | b'>' | b'&' => Some(b""),
            0x00..=0x7F => None,
            _ => {
                let c = rest.chars().next().expect("a character starts here");
                let unsafe_in_html =
                    matches!(c, '\u{2028}' | '\u{2029}') || crate::escape::is_bidi_control(c);
                unsafe_in_html.then_some(b"")
            }
        })
    });
}

#[cfg(test)]
mod tests {
    use super::super::{Graph, blank, iri, n, text, text_lang, typed};
    use super::*;

    /// Every kind of term the exporters make, hostile text, a repeated predicate after another
    /// one, and blank nodes as subjects and objects; with `odd_names`, IRIs under a prefix
    /// whose local part Turtle could only write with escapes.
    fn sample(odd_names: bool) -> Graph {
        let mut g = Graph::new();
        let d = iri("https://example.org/datasets/a/#dataset").unwrap();
        let hostile = "</script><!-- \"q\" \\ & > \u{202E}rtl\u{2066} \u{2028}\u{2029} \
                       \u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f} \u{fffe}\u{ffff} é 中 😀\r\n\t";
        g.typed(d.clone(), "dcat:Dataset");
        g.add(d.clone(), "dct:title", text_lang(hostile, "EN"));
        g.add(d.clone(), "dct:description", text(hostile));
        g.add(d.clone(), "dcat:keyword", text("a"));
        g.add(d.clone(), "dcat:keyword", text("b"));
        g.add(d.clone(), "dct:issued", typed("2024", "xsd:gYear"));
        g.add(d.clone(), "dcat:theme", n("dcat:"));
        g.add(
            d.clone(),
            "dcat:landingPage",
            iri("https://x.org/?a=1&b=2").unwrap(),
        );
        let kind = blank("contact-a");
        g.add(d.clone(), "dcat:contactPoint", kind.clone());
        g.typed(kind.clone(), "vcard:Kind");
        g.add(kind, "vcard:fn", text("Name"));
        g.add(d.clone(), "dcat:keyword", text("c"));
        if odd_names {
            let odd = iri("http://purl.org/dc/terms/odd/local.name").unwrap();
            g.add(d.clone(), "dct:conformsTo", odd);
            g.add(d, "dct:type", n("dct:-dash"));
        }
        g
    }

    fn oxttl_turtle(g: &Graph) -> Vec<u8> {
        let mut ser = oxttl::TurtleSerializer::new();
        for (p, ns) in PREFIXES {
            ser = ser.with_prefix(*p, *ns).unwrap();
        }
        let mut w = ser.for_writer(Vec::new());
        for t in g.triples() {
            w.serialize_triple(t).unwrap();
        }
        w.finish().unwrap()
    }

    fn oxjsonld_jsonld(g: &Graph) -> Vec<u8> {
        let mut ser = oxjsonld::JsonLdSerializer::new();
        for (p, ns) in PREFIXES {
            ser = ser.with_prefix(*p, *ns).unwrap();
        }
        let mut w = ser.for_writer(Vec::new());
        for t in g.triples() {
            w.serialize_quad(t.in_graph(oxrdf::GraphNameRef::DefaultGraph))
                .unwrap();
        }
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        crate::metadata::html_safe_json(&text).into_bytes()
    }

    fn without_prefix_lines(turtle: &[u8]) -> String {
        String::from_utf8(turtle.to_vec())
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("@prefix "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn parsed_turtle(text: &[u8]) -> Vec<oxrdf::Triple> {
        let mut triples: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
            .for_slice(text)
            .collect::<Result<_, _>>()
            .unwrap();
        triples.sort_by_key(|t| t.to_string());
        triples
    }

    #[test]
    fn turtle_parses_to_the_graph_and_reads_as_oxttl_writes_it() {
        let g = sample(false);
        // Same statements as oxttl's writer; only the order of the prefixes differs.
        assert_eq!(
            without_prefix_lines(&g.to_turtle()),
            without_prefix_lines(&oxttl_turtle(&g))
        );
        let g = sample(true);
        let ours = g.to_turtle();
        let mut want: Vec<oxrdf::Triple> = g.triples().map(|t| t.into_owned()).collect();
        want.sort_by_key(|t| t.to_string());
        assert_eq!(parsed_turtle(&ours), want);
        let text = String::from_utf8(ours).unwrap();
        assert!(text.starts_with("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"));
        assert!(text.contains("\n\tdcat:theme dcat: ;\n"), "{text}");
        assert!(text.contains(" a dcat:Dataset ;\n"), "{text}");
        assert!(text.contains("dcat:keyword \"a\" , \"b\" ;"), "{text}");
        assert!(
            text.contains("<http://purl.org/dc/terms/odd/local.name>"),
            "{text}"
        );
        assert!(text.contains("<http://purl.org/dc/terms/-dash>"), "{text}");
    }

    #[test]
    fn jsonld_is_what_oxjsonld_writes_made_script_safe() {
        let g = sample(true);
        let ours = g.to_jsonld();
        assert_eq!(
            String::from_utf8(ours.clone()).unwrap(),
            String::from_utf8(oxjsonld_jsonld(&g)).unwrap()
        );
        let mut quads: Vec<oxrdf::Triple> = oxjsonld::JsonLdParser::new()
            .for_slice(&ours)
            .map(|q| q.map(oxrdf::Triple::from))
            .collect::<Result<_, _>>()
            .unwrap();
        quads.sort_by_key(|t| t.to_string());
        let mut want: Vec<oxrdf::Triple> = g.triples().map(|t| t.into_owned()).collect();
        want.sort_by_key(|t| t.to_string());
        // Blank node labels are renamed by the JSON-LD parser; compare everything else.
        let strip = |ts: Vec<oxrdf::Triple>| -> Vec<String> {
            let mut v: Vec<String> = ts
                .iter()
                .map(|t| {
                    let s = t.to_string();
                    s.split_whitespace()
                        .map(|w| if w.starts_with("_:") { "_:" } else { w })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(strip(quads), strip(want));
        let text = String::from_utf8(ours).unwrap();
        for unsafe_text in ["<", ">", "&", "\u{2028}", "\u{202E}"] {
            assert!(!text.contains(unsafe_text), "{unsafe_text:?} in {text}");
        }
    }

    #[test]
    fn an_empty_graph_writes_no_turtle_and_no_nodes() {
        let g = Graph::new();
        assert!(g.to_turtle().is_empty());
        assert_eq!(g.to_jsonld(), oxjsonld_jsonld(&g));
    }

    fn every_character_in_chunks() -> impl Iterator<Item = String> {
        let all: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        all.chunks(1024)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_and_script_safe_for_every_character() {
        for chunk in every_character_in_chunks() {
            let mut ours = Vec::new();
            json_string(&chunk, &mut ours);
            let mut want = String::new();
            crate::escape::push_script_safe(&serde_json::to_string(&*chunk).unwrap(), &mut want);
            assert_eq!(String::from_utf8(ours).unwrap(), want);
        }
    }

    #[test]
    fn turtle_strings_are_escaped_as_oxrdf_prints_them_for_every_character() {
        for chunk in every_character_in_chunks() {
            let mut ours = Vec::new();
            turtle_string(&chunk, &mut ours);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                oxrdf::LiteralRef::new_simple_literal(&chunk).to_string()
            );
        }
    }
}
