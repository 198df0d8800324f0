//! Escaping, in one place: text made safe for the context it is written into.
//!
//! | function | context |
//! |---|---|
//! | [`html`], [`html_string`] | HTML text and attribute values (every template's autoescape) |
//! | [`xml`] | XML text and attribute values (sitemaps, the Atom feed, SVG badges) |
//! | [`script_json`], [`push_script_safe`] | JSON inside an HTML `<script>` element, and every JSON file |
//! | [`one_line`] | one line of plain text (BibTeX fields, summaries) |
//! | [`latex`] | BibTeX field text |
//! | [`strip_bidi_controls`] | any text: bidirectional controls removed |
//!
//! Every escape here except [`one_line`] and [`latex`] also removes or escapes the Unicode
//! bidirectional controls, so no entry text can reorder the text around it.
//!
//! Formats with a writer of their own escape by construction and are not here: JSON
//! (serde_json; made script-safe with [`push_script_safe`]), CSV (the csv crate, with the
//! formula guard of `metadata::csv`), YAML (serde-saphyr), and Turtle and JSON-LD literals
//! (`metadata::rdf`'s writer, tested against oxrdf).

use std::borrow::Cow;
use std::io::{self, Write};

/// HTML escaping (`&`, `<`, `>`, `"`, `'`) that also drops bidirectional control characters:
/// the escape function of the templates.
///
/// The same escapes as `tera::escape_html`, but each run of text between two escaped bytes is
/// written at once: tera writes byte by byte through `dyn Write`.
pub fn html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let text = strip_bidi_controls(input);
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[copied..at])?;
        out.write_all(escaped)?;
        copied = at + 1;
    }
    out.write_all(&bytes[copied..])
}

/// [`html`] as a string, for HTML written without a template.
pub fn html_string(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len());
    html(input, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8 text UTF-8")
}

/// XML escaping for text and attribute values: the five predefined entities, with
/// bidirectional controls and the control characters XML 1.0 forbids removed.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_bidi_control(c) => {}
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Compact JSON text safe to place inside `<script type="application/ld+json">`: see
/// [`push_script_safe`]. The result parses to the same value.
pub fn script_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).expect("a JSON value always serialises");
    let mut out = String::with_capacity(text.len() + 16);
    push_script_safe(&text, &mut out);
    out
}

/// Append JSON `text` to `out` with `<`, `>`, `&`, U+2028, U+2029 and the bidirectional
/// controls written as `\uXXXX` escapes, so no string can end a `<script>` element
/// (`</script>`) or open a comment (`<!--`). Those characters only occur inside JSON strings,
/// where the escapes mean the same characters, so the text parses to the same value.
///
/// Only the bytes that can start such a character (`<`, `>`, `&`, and the lead bytes 0xD8 and
/// 0xE2) are looked at, found with memchr; the runs between them are copied whole.
pub fn push_script_safe(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let find_ascii =
        |from: usize| memchr::memchr3(b'<', b'>', b'&', &bytes[from..]).map(|i| i + from);
    let find_lead = |from: usize| memchr::memchr2(0xD8, 0xE2, &bytes[from..]).map(|i| i + from);
    let (mut next_ascii, mut next_lead) = (find_ascii(0), find_lead(0));
    let mut copied = 0;
    loop {
        let at = match (next_ascii, next_lead) {
            (Some(a), Some(l)) => a.min(l),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => break,
        };
        let c = text[at..].chars().next().expect("a character starts here");
        let after = at + c.len_utf8();
        if is_script_escaped(c) {
            out.push_str(&text[copied..at]);
            out.push_str(&format!("\\u{:04x}", c as u32));
            copied = after;
        }
        if next_ascii == Some(at) {
            next_ascii = find_ascii(after);
        } else {
            next_lead = find_lead(after);
        }
    }
    out.push_str(&text[copied..]);
}

/// The characters [`push_script_safe`] writes as `\uXXXX` escapes.
pub fn is_script_escaped(c: char) -> bool {
    matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

/// `text` with each run of whitespace made one space and none at either end: what
/// `text.split_whitespace().collect::<Vec<_>>().join(" ")` gives, in one pass that copies the
/// words whole.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let bytes = text.as_bytes();
    let mut word_start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b @ 0..=0x7F => (matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '), 1),
            _ => {
                let c = text[i..]
                    .chars()
                    .next()
                    .expect("i is at a character boundary");
                (c.is_whitespace(), c.len_utf8())
            }
        };
        match (space, word_start) {
            (true, Some(start)) => {
                push_word(&text[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        push_word(&text[start..]);
    }
    out
}

/// LaTeX's special characters escaped, for BibTeX field text.
pub fn latex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// Characters that change the direction of the text around them (Unicode bidi embeddings,
/// overrides, isolates and marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` holds a bidirectional control character. Every one of them is encoded
/// starting with byte 0xD8 (U+061C) or 0xE2 (the others), so only those bytes, found with
/// memchr, are looked at: this runs on every piece of text a page escapes.
pub fn has_bidi_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xD8, 0xE2, bytes).any(|at| {
        matches!(
            (bytes[at], bytes.get(at + 1), bytes.get(at + 2)),
            (0xD8, Some(0x9C), _)
                | (0xE2, Some(0x80), Some(0x8E | 0x8F | 0xAA..=0xAE))
                | (0xE2, Some(0x81), Some(0xA6..=0xA9))
        )
    })
}

/// `text` without bidirectional control characters (borrowed when there are none).
pub fn strip_bidi_controls(text: &str) -> Cow<'_, str> {
    if has_bidi_control(text) {
        Cow::Owned(text.chars().filter(|c| !is_bidi_control(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_matches_tera_and_drops_bidi_controls() {
        for text in [
            "",
            "plain words",
            "<script>alert('x')</script> & \"quoted\"",
            "é — … ends with &",
            "<<>>&&\"\"''",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(teras).unwrap()
            );
        }
        let mut out = Vec::new();
        html("a\u{202E}b<", &mut out).unwrap();
        assert_eq!(out, b"ab&lt;");
        assert_eq!(
            html_string("<a href='x'>\u{2066}"),
            "&lt;a href=&#39;x&#39;&gt;"
        );
    }

    #[test]
    fn xml_escapes_the_five_entities_and_drops_what_xml_forbids() {
        assert_eq!(
            xml("a<b>&\"c\" 'd'\u{202E}\u{1}\t\n"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;\t\n"
        );
    }

    #[test]
    fn script_safe_text_is_the_character_by_character_escape() {
        let reference = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                let escaped =
                    matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') || is_bidi_control(c);
                if escaped {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push(c);
                }
            }
            out
        };
        let pieces = [
            "<",
            ">",
            "&",
            "a",
            "é",
            "—",
            "…",
            "\u{2028}",
            "\u{2029}",
            "\u{202E}",
            "\u{061C}",
            "\u{2066}",
            "\u{200F}",
            "ؘ",
            "€",
            "😀",
            "</script>",
        ];
        for n in 0..2000usize {
            let text: String = (0..(n % 23))
                .map(|k| pieces[(n * 7 + k * k * 13 + k) % pieces.len()])
                .collect();
            let mut out = String::new();
            push_script_safe(&text, &mut out);
            assert_eq!(out, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn script_json_cannot_close_the_element_and_round_trips() {
        let v =
            serde_json::json!({"name": "</script><script>alert(1)</script> <!-- & --> \u{202E}x"});
        let s = script_json(&v);
        assert!(!s.contains(['<', '>', '&', '\u{202E}']), "{s}");
        assert!(s.contains("\\u202e"), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn has_bidi_control_agrees_with_the_character_test_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_bidi_control(&text),
                is_bidi_control(c),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(has_bidi_control(&c.to_string()), is_bidi_control(c));
        }
        assert!(!has_bidi_control("dashes — and ellipses … only"));
        assert_eq!(strip_bidi_controls("plain"), Cow::Borrowed("plain"));
        assert_eq!(strip_bidi_controls("a\u{202E}b"), "ab");
    }

    #[test]
    fn one_line_agrees_with_split_whitespace_on_every_character() {
        let reference = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [format!("a{c}b"), format!("{c}{c}x{c}"), c.to_string()] {
                assert_eq!(one_line(&text), reference(&text), "U+{:04X}", c as u32);
            }
        }
        for text in [
            "",
            "   ",
            " one  two\t\n three\r\n",
            "é\u{2003}ü\u{3000} \u{85}ñ ",
            "word",
        ] {
            assert_eq!(one_line(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn latex_specials_are_escaped() {
        assert_eq!(
            latex("100% {a_b} \\ ~ ^ & $ #"),
            "100\\% \\{a\\_b\\} \\textbackslash{} \\textasciitilde{} \\textasciicircum{} \\& \\$ \\#"
        );
    }
}
