//! Usable by everyone: the bundled catalog, built and served on 127.0.0.1, passes the Nu HTML
//! Checker with zero errors on every page, axe-core finds no serious or critical violation on
//! the home, a dataset, a facet and a search-with-results page, and search and facets work with
//! the keyboard alone. The checkers are the pinned npm packages in the repository's
//! `package.json` (`npm ci` at the repository root). Fails, never skips, without Java, the
//! checkers or Debian's `chromium`.

use crate::{common, support};

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use support::{Page, site};

fn node_module(rel: &str) -> PathBuf {
    let path = common::repo_root().join("node_modules").join(rel);
    assert!(
        path.is_file(),
        "{} is missing: run `npm ci` at the repository root (pinned in package.json)",
        path.display()
    );
    path
}

#[test]
fn every_generated_page_passes_the_nu_html_checker() {
    let _turn = support::one_at_a_time();
    let jar = node_module("vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&site().out)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run java ({e}): install a JRE (apt-get install default-jre-headless)")
        });
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "the Nu HTML Checker found errors ({}):\n{report}",
        out.status
    );
    let pages = walk_html(&site().out);
    assert!(pages > 50, "only {pages} HTML pages were checked");
}

fn walk_html(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .expect("read output dir")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            if p.is_dir() {
                walk_html(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "html"))
            }
        })
        .sum()
}

/// Run axe-core on the open page; return the serious and critical violations.
fn serious_violations(page: &Page) -> Vec<Value> {
    let source = std::fs::read_to_string(node_module("axe-core/axe.min.js")).expect("axe.min.js");
    // Evaluated through the DevTools protocol, so the page's own CSP does not apply to it.
    page.tab.evaluate(&source, false).expect("inject axe-core");
    let result = page.eval(
        "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations\
           .filter(v => v.impact === 'serious' || v.impact === 'critical')\
           .map(v => ({ id: v.id, impact: v.impact, help: v.help,\
                        nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })))",
    );
    result
        .as_array()
        .unwrap_or_else(|| panic!("axe-core gave no result: {result}"))
        .clone()
}

fn first_dir(rel: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(site().out.join(rel))
        .expect("output folder")
        .map(|e| e.expect("entry"))
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().next().expect("at least one page")
}

#[test]
fn axe_core_finds_no_serious_or_critical_violation() {
    let _turn = support::one_at_a_time();
    let dataset = format!("datasets/{}/", first_dir("datasets"));
    let facet = format!("modality/{}/", first_dir("modality"));
    let page = Page::open();
    let mut failures = Vec::new();
    for rel in [
        "",
        dataset.as_str(),
        facet.as_str(),
        "search/?q=segmentation",
    ] {
        page.goto(rel);
        if rel.starts_with("search/") {
            page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
        }
        let violations = serious_violations(&page);
        if !violations.is_empty() {
            failures.push(format!(
                "/{rel}:\n{}",
                serde_json::to_string_pretty(&violations).expect("json")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "axe-core violations:\n{}",
        failures.join("\n")
    );
    page.assert_clean();
}

/// Press Tab until `js` is true of the focused element; panic after `max` presses.
fn tab_until(page: &Page, js: &str, max: usize) -> usize {
    for presses in 1..=max {
        page.press("Tab");
        if page.eval(js).as_bool() == Some(true) {
            return presses;
        }
    }
    panic!("{js} never became true in {max} Tab presses");
}

#[test]
fn search_and_facets_work_with_the_keyboard_alone() {
    let _turn = support::one_at_a_time();
    let page = Page::open();
    page.goto("");
    // From the page start, Tab reaches the search box; typing, arrows and Enter open a dataset.
    tab_until(&page, "document.activeElement.id === 'search-input'", 6);
    page.tab.type_str("kidney").expect("type");
    page.wait_for("document.querySelectorAll('#search-results [role=option]').length >= 2");
    page.press("ArrowDown");
    page.press("ArrowDown");
    assert_eq!(
        page.eval("document.getElementById('search-input').getAttribute('aria-activedescendant')"),
        "search-option-1"
    );
    let href = page.eval("document.querySelector('#search-option-1 a').href");
    let href = href
        .as_str()
        .expect("href of the second option")
        .to_string();
    page.press("Enter");
    page.wait_for(&format!(
        "location.href === {}",
        serde_json::to_string(&href).expect("json")
    ));

    // On the search page, Tab reaches a facet checkbox and Space applies it.
    page.goto("search/?q=segmentation");
    page.wait_for("document.querySelectorAll('#search-page-results li').length > 0");
    let before = page.settled("document.querySelectorAll('#search-page-results li').length");
    tab_until(
        &page,
        "document.activeElement.matches('input[type=checkbox][data-facet]')",
        60,
    );
    let facet =
        page.eval("document.activeElement.dataset.facet + '=' + document.activeElement.value");
    page.press(" ");
    assert_eq!(page.eval("document.activeElement.checked"), true);
    page.wait_for(&format!(
        "decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes({})",
        serde_json::to_string(facet.as_str().expect("facet")).expect("json")
    ));
    let after = page.settled("document.querySelectorAll('#search-page-results li').length");
    assert!(
        after.as_u64() <= before.as_u64() && after.as_u64() > Some(0),
        "{before} -> {after}"
    );

    // On a facet page, each value is a link reached by Tab and followed by Enter.
    page.goto("modality/");
    let presses = tab_until(
        &page,
        "!!document.activeElement.closest('main') && document.activeElement.matches('a[href]')",
        40,
    );
    assert!(presses > 0);
    let target = page.eval("document.activeElement.href");
    page.press("Enter");
    page.wait_for(&format!(
        "location.href === {}",
        serde_json::to_string(&target).expect("json")
    ));
    page.assert_clean();
}
