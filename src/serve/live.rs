//! What serve mode adds to pages, and only serve mode: a script that reloads the tab when the
//! site changes, and an overlay with the diagnostics while the catalog is broken. `build`
//! output never contains any of it.
//!
//! The script and its styles are separate files (not inline) so that a theme's
//! Content-Security-Policy of `script-src 'self'` still lets them run.

/// Reloads the tab when the server announces a version other than the page's own.
pub const SCRIPT: &[u8] = br#"(function () {
  "use strict";
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : "";
  function connect() {
    var source = new EventSource("/__faircat/events?since=" + encodeURIComponent(version));
    source.onmessage = function (event) {
      if (event.data !== version) { location.reload(); }
    };
    source.onerror = function () {
      source.close();
      setTimeout(connect, 1000);
    };
  }
  if (window.EventSource) { connect(); }
  var close = document.getElementById("faircat-overlay-close");
  if (close) {
    close.addEventListener("click", function () {
      var overlay = document.getElementById("faircat-overlay");
      if (overlay) { overlay.hidden = true; }
    });
  }
})();
"#;

pub const STYLE: &[u8] =
    br#"#faircat-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;
background:rgba(20,20,24,.94);color:#f4f4f5;font:15px/1.5 system-ui,sans-serif;padding:2rem}
#faircat-overlay h2{margin:0 0 .5rem;color:#fca5a5;font-size:1.3rem}
#faircat-overlay pre{white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace;background:#0b0b0d;
padding:1rem;border-radius:6px;border:1px solid #3f3f46}
#faircat-overlay button{font:inherit;margin-top:1rem;padding:.3rem .9rem}
"#;

/// The overlay that shows the diagnostics of a failed rebuild.
pub fn overlay(problems: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"/__faircat/overlay.css\">\
<div id=\"faircat-overlay\" role=\"alertdialog\" aria-labelledby=\"faircat-overlay-title\">\
<h2 id=\"faircat-overlay-title\">The catalog has errors</h2>\
<p>This is what <code>faircat check</code> reports. The page below is the last good build; \
fix the entry and save, and this tab reloads.</p>\
<pre>{}</pre><button type=\"button\" id=\"faircat-overlay-close\">Hide</button></div>",
        crate::escape::html_string(problems)
    )
}

fn script_tag(version: u64) -> String {
    format!("<script src=\"/__faircat/live.js\" data-version=\"{version}\"></script>")
}

/// The page with the overlay (if any) and the reload script added before `</body>`.
pub fn inject(html: &[u8], version: u64, problems: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(p) = problems {
        extra.push_str(&overlay(p));
    }
    extra.push_str(&script_tag(version));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// A page for a path the site does not have (or when no build has succeeded yet).
pub fn bare_page(version: u64, problems: Option<&str>, path: &str) -> Vec<u8> {
    let body = match problems {
        Some(_) => String::new(),
        None => format!(
            "<h1>Not found</h1><p>{} is not part of the site.</p>",
            crate::escape::html_string(path)
        ),
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>faircat serve</title></head><body>{body}</body></html>"
    );
    inject(html.as_bytes(), version, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_closing_body_tag_and_escapes_problems() {
        let page = inject(
            b"<html><body><p>x</p></BODY></html>",
            7,
            Some("bad <script>alert(1)</script> & 'q'"),
        );
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<html><body><p>x</p><link rel=\"stylesheet\""));
        assert!(page.ends_with("data-version=\"7\"></script></BODY></html>"));
        assert!(page.contains("bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;"));
        assert!(!page.contains("<script>alert"));
    }

    #[test]
    fn pages_without_body_get_the_script_at_the_end() {
        let page = String::from_utf8(inject(b"<p>x</p>", 1, None)).unwrap();
        assert_eq!(
            page,
            "<p>x</p><script src=\"/__faircat/live.js\" data-version=\"1\"></script>"
        );
    }
}
