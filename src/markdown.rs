//! Contributors' Markdown → safe HTML: pulldown-cmark renders, ammonia sanitises.
//!
//! Raw HTML in the source is dropped before rendering, images become plain links (an image
//! would make the page load something from another host), headings move down two levels so an
//! entry's `# Heading` never competes with the page's own `<h1>`, and ammonia then allows only
//! harmless tags with `http`/`https`/`mailto`/relative links. Bidirectional control characters
//! are removed so entry text cannot reorder the page text around it.

use crate::escape::one_line;
/// Kept under their old names for `import` and `yaml`, which call them here; new code calls
/// [`crate::escape`].
pub use crate::escape::{one_line as collapse_whitespace, strip_bidi_controls};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Render Markdown from an entry to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let source = strip_bidi_controls(markdown);
    let parser = Parser::new_ext(
        &source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Some(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })),
        Event::End(TagEnd::Image) => Some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitizer().clean(&html).to_string()
}

/// The text of a Markdown source without any markup, whitespace collapsed: for meta
/// descriptions and JSON-LD.
pub fn to_plain_text(markdown: &str) -> String {
    plain_text_within(markdown, usize::MAX)
}

/// [`truncate`] of [`to_plain_text`], without turning more of the source into text than the
/// summary can show (a home page summarises a hundred descriptions in 300 characters each).
pub fn plain_summary(markdown: &str, max: usize) -> String {
    truncate(&plain_text_within(markdown, max), max)
}

/// The start of [`to_plain_text`]: all of it, or a start with more than `max` characters that
/// are not whitespace (so collapsing whitespace leaves more than `max` characters, the first
/// `max` of them those of the whole text).
pub fn plain_text_within(markdown: &str, max: usize) -> String {
    let source = strip_bidi_controls(markdown);
    let mut budget = TextBudget::new(&source, max);
    let mut text = String::with_capacity(source.len());
    for event in Parser::new_ext(&source, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                if budget.spend(&t) {
                    break;
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // The end of a block separates words; the end of emphasis or a link does not
            // ("[a link](…)." is "a link.").
            Event::End(end) if !is_inline(end) => text.push(' '),
            _ => {}
        }
    }
    one_line(&text)
}

fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// How much of a Markdown source's text a summary of `max` characters needs: reading can stop
/// once the text taken out holds more than `max` characters that are not whitespace.
pub struct TextBudget {
    /// `None` when the source has at most `max` bytes, so cannot give more: nothing to count.
    max: Option<usize>,
    taken: usize,
}

impl TextBudget {
    pub fn new(source: &str, max: usize) -> TextBudget {
        TextBudget {
            max: (source.len() > max).then_some(max),
            taken: 0,
        }
    }

    /// Count `text`, just taken out; whether the summary is now covered.
    pub fn spend(&mut self, text: &str) -> bool {
        let Some(max) = self.max else {
            return false;
        };
        self.taken += text.chars().filter(|c| !c.is_whitespace()).count();
        self.taken > max
    }
}

/// At most `max` characters of `text`, cut at a word boundary, with "…" when shortened.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.']))
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.rm_tags(["img", "map", "area"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("nofollow noopener noreferrer"))
            .strip_comments(true);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_summary_is_the_truncated_plain_text() {
        let long = "A **long** description with [a link](https://x.org/) and `code`. ".repeat(40);
        let sources = [
            String::new(),
            "short".into(),
            "# Heading\n\nParagraph one.\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |"
                .into(),
            "word ".repeat(300),
            "x".repeat(1000),
            format!("{}\n\n   \n\n{}", " ".repeat(500), "tail ".repeat(100)),
            "é\u{2003}ü ".repeat(200),
            long.clone(),
            format!("<b>raw</b> {long}"),
        ];
        for source in &sources {
            for max in [0, 1, 5, 50, 200, 299, 300, 301, 500, 4990] {
                assert_eq!(
                    plain_summary(source, max),
                    truncate(&to_plain_text(source), max),
                    "max {max}, source {source:?}"
                );
            }
        }
    }

    #[test]
    fn renders_markdown() {
        let html = to_html("Some **bold** text and a [link](https://example.org/).\n\n# Title");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains(r#"href="https://example.org/""#), "{html}");
        assert!(
            html.contains(r#"rel="nofollow noopener noreferrer""#),
            "{html}"
        );
        assert!(html.contains("<h3>Title</h3>"), "{html}");
    }

    #[test]
    fn hostile_markdown_is_inert() {
        let hostile = concat!(
            "<script>alert(1)</script>\n\n",
            "<iframe src=\"https://evil.example/\"></iframe>\n\n",
            "<svg onload=alert(1)><circle/></svg>\n\n",
            "<img src=x onerror=alert(1)>\n\n",
            "[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [vb](vbscript:msgbox)\n\n",
            "![tracker](https://evil.example/pixel.png)\n\n",
            "<p style=\"color:red\" onclick=\"alert(1)\">styled</p>\n\n",
            "<!-- comment --> text <a href=\"https://x.example\" onmouseover=\"alert(1)\">a</a>",
        );
        let html = to_html(hostile).to_lowercase();
        for bad in [
            "<script",
            "<iframe",
            "<svg",
            "<img",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "javascript:",
            "data:",
            "vbscript:",
            "style=",
            "<!--",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert!(
            html.contains(r#"href="https://evil.example/pixel.png""#),
            "image became a link"
        );
    }

    #[test]
    fn bidi_controls_are_removed() {
        let html = to_html("abc\u{202E}def\u{2066}ghi");
        assert!(html.contains("abcdefghi"), "{html}");
    }

    #[test]
    fn plain_text_and_truncation() {
        assert_eq!(
            to_plain_text("A **bold** [link](https://x.org)\nnext <b>line</b>"),
            "A bold link next line"
        );
        // Inline markup ends inside a word or before punctuation; blocks end between words.
        assert_eq!(
            to_plain_text("**Bold**, a [link](https://x.org). `code`!\n\n# Head\n\n- one\n- two"),
            "Bold, a link. code! Head one two"
        );
        assert_eq!(to_plain_text("| a | b |\n|---|---|\n| c | d |"), "a b c d");
        assert_eq!(truncate("one two three four", 9), "one two…");
        assert_eq!(truncate("short", 9), "short");
    }
}
