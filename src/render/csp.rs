//! The Content-Security-Policy every page carries: only this site's own scripts, styles, fonts
//! and images (plus `data:` images), no plugins, no `<base>`, forms only to this site.
//!
//! It is put into each page as a `<meta http-equiv>` right after `<meta charset>` (or `<head>`)
//! whatever the theme's templates say, so a theme cannot forget it. `frame-ancestors` is ignored
//! in a meta element, so the full policy also goes into `_headers` for hosts that read one.

use crate::output::Output;

/// The policy as written in the meta element (without `frame-ancestors`, which browsers ignore
/// there and warn about).
pub const META_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'";

/// The policy as an HTTP header: the meta policy plus `frame-ancestors 'none'`.
pub fn header_policy() -> String {
    format!("{META_POLICY}; frame-ancestors 'none'")
}

/// `html` with the policy's meta element inserted after `<meta charset…>`, or after `<head…>`.
/// `None` when the page has no `<head>`: such a page cannot carry the policy.
pub fn insert_meta(html: &str) -> Option<String> {
    // Pages open with `<head><meta charset…>`: look in a lowercased copy of the first 4 KB,
    // and lowercase the whole page only when they are not there.
    let mut prefix = html.len().min(4096);
    while !html.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let at = meta_position(&html[..prefix].to_ascii_lowercase(), true)
        .or_else(|| meta_position(&html.to_ascii_lowercase(), false))?;
    let meta = format!("\n<meta http-equiv=\"Content-Security-Policy\" content=\"{META_POLICY}\">");
    let mut page = String::with_capacity(html.len() + meta.len());
    page.push_str(&html[..at]);
    page.push_str(&meta);
    page.push_str(&html[at..]);
    Some(page)
}

/// Where the policy goes in a lowercased page: after `<meta charset…>` in `<head>`, else (unless
/// `need_charset`) after `<head…>`.
fn meta_position(lower: &str, need_charset: bool) -> Option<usize> {
    let head = lower.find("<head")?;
    let after = |from: usize| lower[from..].find('>').map(|i| from + i + 1);
    match lower[head..].find("<meta charset") {
        Some(i) => after(head + i),
        None if need_charset => None,
        None => after(head),
    }
}

/// The `_headers` block (Netlify / Cloudflare Pages format) for every path. Appended, so the
/// rules other stages write to `_headers` are kept.
pub fn write_headers(out: &mut Output) -> Result<(), crate::output::OutputError> {
    let block = format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
        header_policy()
    );
    out.append("_headers", block.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_goes_after_charset_or_head() {
        let page =
            insert_meta("<html><head><meta charset=\"utf-8\"><title>t</title></head>").unwrap();
        assert!(page.starts_with(
            "<html><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\""
        ));
        assert!(page.ends_with("<title>t</title></head>"));
        let page = insert_meta("<HTML><HEAD lang=x><title>t</title>").unwrap();
        assert!(page.starts_with("<HTML><HEAD lang=x>\n<meta http-equiv"));
        assert_eq!(insert_meta("<p>no head</p>"), None);
        // A charset beyond the first 4 KB is still found.
        let late = format!(
            "<head><title>{}</title><META CHARSET=utf-8><p>",
            "x".repeat(5000)
        );
        let page = insert_meta(&late).unwrap();
        assert!(
            page.contains("<META CHARSET=utf-8>\n<meta http-equiv"),
            "{}",
            &page[5000..]
        );
    }

    #[test]
    fn headers_are_appended_to_what_is_there() {
        let mut out = Output::new();
        out.append("_headers", b"/fdp/*\n  Content-Type: text/turtle\n")
            .unwrap();
        write_headers(&mut out).unwrap();
        let text = String::from_utf8(out.get("_headers").unwrap().to_vec()).unwrap();
        assert!(text.starts_with("/fdp/*\n  Content-Type: text/turtle\n"));
        assert!(text.contains("frame-ancestors 'none'"));
    }
}
