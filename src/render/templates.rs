//! The template engine: the theme's templates, minified once, with faircat's HTML escape.

use super::{Error, Page};
use crate::model::FacetKind;
use crate::theme::Theme;

/// A tera engine with the theme's templates, autoescaping every `.html` template.
pub(super) fn engine(theme: &Theme) -> Result<tera::Tera, Error> {
    let mut engine = tera::Tera::new();
    engine.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    engine.set_escape_fn(crate::escape::html);
    let minified: Vec<(&String, String)> = theme
        .templates
        .iter()
        .map(|(name, source)| (name, minify_template(name, source)))
        .collect();
    engine
        .add_raw_templates(minified)
        .map_err(|e| template_error("theme", &e))?;
    for page in [
        Page::Home(0),
        Page::Dataset(0),
        Page::FacetIndex(FacetKind::Modality),
        Page::FacetValue(FacetKind::Modality, 0, 0),
        Page::Search,
        Page::HelpWanted,
        Page::NotFound,
    ] {
        if !engine.contains_template(page.template()) {
            return Err(format!("the theme has no template '{}'", page.template()).into());
        }
    }
    Ok(engine)
}

/// An HTML template minified once, when the engine is set up, with its `{{ }}`, `{% %}` and
/// `{# #}` kept as they are: every page it renders comes out minified without minifying each
/// page.
pub(super) fn minify_template(name: &str, source: &str) -> String {
    if !name.ends_with(".html") {
        return source.to_string();
    }
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        preserve_brace_template_syntax: true,
        ..minify_html::Cfg::default()
    };
    match String::from_utf8(minify_html::minify(source.as_bytes(), &cfg)) {
        // The minifier keeps template syntax in text and attribute values (it may reorder the
        // attributes of an element), not between attributes (`<a{% if x %} rel=…{% endif %}>`).
        // Nor does it know that `{% if %}<a …>{% else %}<a …>{% endif %}` opens one element:
        // it sees two, and drops the end tags it then finds unbalanced. A template whose
        // template tags or element tags come out changed is kept as it is.
        Ok(small) if same_tags(&small, source) && html_tags(&small) == html_tags(source) => small,
        _ => source.to_string(),
    }
}

/// The start and end tags of an HTML template, in order (`<a`, `</a`), outside comments and
/// the bodies of `<script>` and `<style>` elements.
pub(super) fn html_tags(source: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let slash = usize::from(rest[1..].starts_with('/'));
        let name_len = rest[1 + slash..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(rest.len() - 1 - slash, |n| n);
        let tag = &rest[..1 + slash + name_len];
        rest = &rest[1..];
        if tag.len() < 2 || tag == "</" {
            continue;
        }
        tags.push(tag);
        for raw in ["<script", "<style"] {
            if tag.eq_ignore_ascii_case(raw) {
                let close = format!("</{}", &raw[1..]);
                rest = rest.find(&close).map_or("", |end| &rest[end..]);
            }
        }
    }
    tags
}

/// Whether two templates have the same template tags, in any order.
fn same_tags(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (template_tags(a), template_tags(b));
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// The `{{ … }}`, `{% … %}` and `{# … #}` of a template, in order.
pub(super) fn template_tags(source: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        let tail = &rest[start..];
        let close = match tail.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = &tail[1..];
                continue;
            }
        };
        match tail[2..].find(close) {
            Some(end) => {
                tags.push(&tail[..end + 4]);
                rest = &tail[end + 4..];
            }
            None => {
                tags.push(tail);
                break;
            }
        }
    }
    tags
}

pub(super) fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut message = format!("template {name}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    message.into()
}
