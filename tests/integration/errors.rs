//! The messages contributors see, checked whole: `path:line:col: severity: message`, the
//! source line, the caret and the help, then the summary line (in the style of just's
//! tests/error_messages.rs).

use crate::common;

use common::TestCatalog;
use pretty_assertions::assert_eq;

fn entry_with(extra: &str) -> String {
    common::complete_entry(2020, extra)
}

use common::check_one;

#[test]
fn complete_entry_has_no_problems() {
    assert_eq!(check_one(&entry_with("")), "ok: no problems\n");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    assert_eq!(
        check_one(&entry_with("licence_url: https://example.org/l\n")),
        "content/datasets/x.yaml:12:1: error: unknown field 'licence_url' — did you mean 'license_url'?
   |
12 | licence_url: https://example.org/l
   | ^^^^^^^^^^^
  = help: the fields are listed in docs/entry-schema.md; `faircat new` writes them all

error: 1 error in 1 file
"
    );
}

#[test]
fn unknown_licence_suggests_the_spdx_id() {
    let yaml = entry_with("").replace("license: CC-BY-4.0", "license: CC BY 4.0");
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:9:10: error: unknown licence 'CC BY 4.0' — did you mean 'CC-BY-4.0'?
  |
9 | license: CC BY 4.0
  |          ^^^^^^^^^
  = help: use an SPDX licence id (https://spdx.org/licenses/), or LicenseRef-<name> with license_name and license_url for a custom licence

error: 1 error in 1 file
"
    );
}

#[test]
fn wrong_type_names_what_was_expected_and_found() {
    assert_eq!(
        check_one(&entry_with("keywords: 42\n")),
        "content/datasets/x.yaml:12:11: error: wrong type for 'keywords': expected a list of strings, found a number
   |
12 | keywords: 42
   |           ^^
  = help: write `[a, b]` or one `- item` per line; a single value is `[a]`

error: 1 error in 1 file
"
    );
}

#[test]
fn counts_written_as_text_get_the_number_to_write() {
    let yaml = entry_with("").replace("subjects: 10", "subjects: \"1,810\"");
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:7:11: error: wrong type for 'subjects': expected a whole number, found a string
  |
7 | subjects: \"1,810\"
  |           ^^^^^^^
  = help: write the number without quotes, separators or words: 1810; put anything else in `remarks`

error: 1 error in 1 file
"
    );
}

#[test]
fn javascript_urls_are_rejected() {
    let yaml = entry_with("").replace(
        "homepage: https://example.org/test/",
        "homepage: javascript:alert(1)",
    );
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:3:11: error: 'homepage' uses the scheme 'javascript:'; only http and https are allowed
  |
3 | homepage: javascript:alert(1)
  |           ^^^^^^^^^^^^^^^^^^^
  = help: write a full address starting with https:// (or http://)

error: 1 error in 1 file
"
    );
}

#[test]
fn other_dangerous_or_sloppy_urls_are_rejected() {
    for url in [
        "\"data:text/html,<script>alert(1)</script>\"",
        "vbscript:msgbox(1)",
        "JavaScript:alert(1)",
        "\" https://example.org/\"",
        "\"https://example.org/\\u0007\"",
        "HTTPS://EXAMPLE.ORG/",
        "example.org/data",
    ] {
        let out = check_one(&entry_with(&format!("access_url: {url}\n")));
        assert!(
            out.starts_with("content/datasets/x.yaml:12:13: error: 'access_url' "),
            "{url}: {out}"
        );
        assert!(out.ends_with("error: 1 error in 1 file\n"), "{url}: {out}");
    }
}

#[test]
fn duplicate_keys_point_at_the_second_one() {
    assert_eq!(
        check_one(&entry_with("year: 2021\n")),
        "content/datasets/x.yaml:12:1: error: duplicate key 'year' (first written on line 4)
   |
12 | year: 2021
   | ^^^^
  = help: each field may be written once; remove or merge the repeated one

error: 1 error in 1 file
"
    );
}

#[test]
fn syntax_errors_point_at_the_place_and_the_cause() {
    assert_eq!(
        check_one("name: Test\nmodalities: [CT, MR\nyear: 2020\n"),
        "content/datasets/x.yaml:3:5: error: illegal placement of ':' indicator
  |
3 | year: 2020
  |     ^
  = help: line 2 opens a '[' or '{' that is not closed

error: 1 error in 1 file
"
    );
}

#[test]
fn missing_required_field() {
    let yaml = entry_with("").replace("modalities: [CT]\n", "");
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:1:1: error: missing required field 'modalities'
  = help: add `modalities: [CT]` with the DICOM modality codes of the images

error: 1 error in 1 file
"
    );
}

#[test]
fn short_descriptions_are_errors() {
    let yaml = entry_with("").replace(
        "description: A synthetic chest CT collection used by faircat's tests; it exists only here.",
        "description: Chest CT scans.",
    );
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:2:14: error: 'description' is 15 characters long; at least 50 are needed
  |
2 | description: Chest CT scans.
  |              ^^^^^^^^^^^^^^^
  = help: describe what the dataset contains, how it was made and what it is for (search engines require 50 characters)

error: 1 error in 1 file
"
    );
}

#[test]
fn unknown_modality_with_the_dicom_code_to_use() {
    let yaml = entry_with("").replace("modalities: [CT]", "modalities: [PET-CT, MRI]");
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:5:14: error: unknown modality 'PET-CT' — list each modality on its own, e.g. PET-CT is [PT, CT]
  |
5 | modalities: [PET-CT, MRI]
  |              ^^^^^^
  = help: use DICOM modality codes (CID 29); `faircat vocab modalities` lists them

content/datasets/x.yaml:5:22: error: unknown modality 'MRI' — did you mean 'MR'?
  |
5 | modalities: [PET-CT, MRI]
  |                      ^^^
  = help: use DICOM modality codes (CID 29); `faircat vocab modalities` lists them

error: 2 errors in 1 file
"
    );
}

#[test]
fn licence_refs_need_a_name_and_url() {
    let yaml = entry_with("").replace("license: CC-BY-4.0", "license: LicenseRef-Custom-DUA");
    assert_eq!(
        check_one(&yaml),
        "content/datasets/x.yaml:9:10: error: 'LicenseRef-Custom-DUA' needs a 'license_name'
  |
9 | license: LicenseRef-Custom-DUA
  |          ^^^^^^^^^^^^^^^^^^^^^
  = help: add `license_name: <the licence's name>`

content/datasets/x.yaml:9:10: error: 'LicenseRef-Custom-DUA' needs a 'license_url'
  |
9 | license: LicenseRef-Custom-DUA
  |          ^^^^^^^^^^^^^^^^^^^^^
  = help: add `license_url: <where the licence text is>`

error: 2 errors in 1 file
"
    );
}

#[test]
fn dangling_derived_from_suggests_an_existing_slug() {
    let cat = TestCatalog::fixture("minimal");
    cat.entry("x", &entry_with("derived_from: [tiny-tc]\n"));
    assert_eq!(
        cat.check_output().split("\n\n").find(|m| m.contains("x.yaml")).unwrap(),
        "content/datasets/x.yaml:12:16: error: 'derived_from' refers to 'tiny-tc', which is not an entry — did you mean 'tiny-ct'?
   |
12 | derived_from: [tiny-tc]
   |                ^^^^^^^
  = help: use the slug (file name without .yaml) of an entry in content/datasets/"
    );
}

#[test]
fn an_entry_cannot_derive_from_itself() {
    let out = check_one(&entry_with("derived_from: [x]\n"));
    assert!(
        out.starts_with(
            "content/datasets/x.yaml:12:16: error: entry 'x' cannot derive from itself\n"
        ),
        "{out}"
    );
}

#[test]
fn duplicate_dois_are_reported_in_both_files() {
    let cat = TestCatalog::empty();
    cat.entry("a", &entry_with("doi: 10.1234/same\n"));
    cat.entry(
        "b",
        &entry_with("doi: https://doi.org/10.1234/SAME\n")
            .replace("example.org/test/", "example.org/b/"),
    );
    assert_eq!(
        cat.check_output(),
        "content/datasets/a.yaml:12:6: error: duplicate DOI: also used by content/datasets/b.yaml:12:6
   |
12 | doi: 10.1234/same
   |      ^^^^^^^^^^^^
  = help: a DOI names one dataset; merge the entries or correct one of them

content/datasets/b.yaml:12:6: error: duplicate DOI: also used by content/datasets/a.yaml:12:6
   |
12 | doi: https://doi.org/10.1234/SAME
   |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: a DOI names one dataset; merge the entries or correct one of them

error: 2 errors in 2 files
"
    );
}

#[test]
fn duplicate_homepages_are_errors_unless_the_entries_are_related() {
    let cat = TestCatalog::empty();
    cat.entry("a", &entry_with(""));
    cat.entry("b", &entry_with(""));
    let out = cat.check_output();
    assert!(out.contains("content/datasets/a.yaml:3:11: error: duplicate homepage: also used by content/datasets/b.yaml:3:11\n"), "{out}");
    assert!(out.ends_with("error: 2 errors in 2 files\n"), "{out}");
    cat.entry("b", &entry_with("related: [a]\n"));
    assert_eq!(cat.check_output(), "ok: no problems\n");
}

#[test]
fn bad_slugs_get_the_name_to_use() {
    let cat = TestCatalog::empty();
    cat.entry("LIDC_IDRI", &entry_with(""));
    assert_eq!(
        cat.check_output(),
        "content/datasets/LIDC_IDRI.yaml:1:1: error: 'LIDC_IDRI' is not a valid slug: the file name becomes the page's URL
  = help: rename the file to lidc-idri.yaml (lowercase letters, digits and single dashes)

error: 1 error in 1 file
"
    );
}

#[test]
fn slugs_that_differ_only_in_case_collide() {
    let cat = TestCatalog::empty();
    cat.entry("Abc", &entry_with(""));
    cat.entry(
        "abc",
        &entry_with("").replace("example.org/test/", "example.org/other/"),
    );
    let out = cat.check_output();
    assert!(out.contains("content/datasets/abc.yaml:1:1: error: slug 'abc' collides with content/datasets/Abc.yaml (file names differ only in case)\n"), "{out}");
}

#[test]
fn tabs_are_reported_at_the_tab() {
    assert_eq!(
        check_one("name: Test\n\tyear: 2020\n"),
        "content/datasets/x.yaml:2:1: error: tab character in indentation; YAML indents with spaces only
  |
2 |  year: 2020
  | ^
  = help: indent with spaces, not tabs

error: 1 error in 1 file
"
    );
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let cat = TestCatalog::empty();
    cat.write(
        "content/datasets/x.yaml",
        b"name: Test\ntopic: caf\xe9 au lait\n",
    );
    assert_eq!(
        cat.check_output(),
        "content/datasets/x.yaml:2:11: error: the file is not valid UTF-8
  |
2 | topic: caf\u{FFFD} au lait
  |           ^
  = help: save the file as UTF-8 (most editors offer this under \"encoding\")

error: 1 error in 1 file
"
    );
}

#[test]
fn empty_files_are_errors() {
    let cat = TestCatalog::empty();
    cat.write("content/datasets/x.yaml", "\n  \n");
    assert_eq!(
        cat.check_output(),
        "content/datasets/x.yaml:1:1: error: the entry file is empty
  = help: fill it in, or start from `faircat new <slug>`

error: 1 error in 1 file
"
    );
}

#[test]
fn yml_files_and_folders_named_like_entries() {
    let cat = TestCatalog::empty();
    cat.write("content/datasets/old.yml", entry_with(""));
    std::fs::create_dir_all(cat.root().join("content/datasets/dir.yaml")).unwrap();
    cat.write("content/datasets/sub/nested.yaml", entry_with(""));
    cat.write("content/datasets/bin.yaml", b"name: \0\x01\x02");
    assert_eq!(
        cat.check_output(),
        "content/datasets/bin.yaml:1:1: error: the file is binary (it contains NUL bytes), not YAML text
  = help: entries are UTF-8 text files

content/datasets/dir.yaml:1:1: error: a folder is named like an entry
  = help: an entry is one file, content/datasets/<slug>.yaml; rename or remove the folder

content/datasets/old.yml:1:1: error: entry files end in .yaml, not .yml
  = help: rename it: git mv content/datasets/old.yml content/datasets/old.yaml

content/datasets/sub/nested.yaml:1:1: error: entries in sub-folders are not read
  = help: move the file directly into content/datasets/

error: 4 errors in 4 files
"
    );
}

#[test]
fn one_file_with_several_problems_reports_all_of_them() {
    let yaml = entry_with("keywords: 42\nreleased: 2020-13-01\naccess_url: data:x\n")
        .replace("anatomy: [chest]", "anatomy: [thorax, chets]")
        .replace("access: public", "access: publik");
    let out = check_one(&yaml);
    let firsts: Vec<&str> = out
        .split("\n\n")
        .map(|m| m.lines().next().unwrap())
        .collect();
    assert_eq!(
        firsts,
        [
            "content/datasets/x.yaml:6:19: error: unknown body region 'chets' — did you mean 'chest'?",
            "content/datasets/x.yaml:10:9: error: unknown access 'publik' — did you mean 'public'?",
            "content/datasets/x.yaml:12:11: error: wrong type for 'keywords': expected a list of strings, found a number",
            "content/datasets/x.yaml:13:11: error: 'released' is not a valid date: '2020-13-01'",
            "content/datasets/x.yaml:14:13: error: 'access_url' uses the scheme 'data:'; only http and https are allowed",
            "error: 5 errors in 1 file",
        ]
    );
}

#[test]
fn every_file_is_reported_in_one_run() {
    let cat = TestCatalog::fixture("minimal");
    cat.entry(
        "a",
        &entry_with("keywords: 1\n").replace("example.org/test/", "example.org/a/"),
    );
    cat.entry("b", "name: [unclosed\n");
    cat.entry(
        "c",
        &entry_with("colour: red\n").replace("example.org/test/", "example.org/c/"),
    );
    let d = cat.check();
    let files: Vec<String> = d
        .sorted()
        .iter()
        .filter(|x| x.severity == faircat::diagnostics::Severity::Error)
        .map(|x| x.path.display().to_string())
        .collect();
    assert_eq!(
        files,
        [
            "content/datasets/a.yaml",
            "content/datasets/b.yaml",
            "content/datasets/c.yaml"
        ]
    );
}

#[test]
fn nested_maps_and_lists_of_maps_are_checked_too() {
    let cat = TestCatalog::empty();
    cat.entry("draft-one", "name: Draft\ndraft: true\n");
    cat.entry(
        "x",
        &entry_with(
            "contact:\n  mail: a@example.org\n  email: not-an-email\n\
             targets:\n  pixels: [x]\n\
             downloads:\n  - name: no url\n  - url: https://example.org/a.zip\n    sha256: abc\n    media_type: zip\n    size_bytes: -5\n\
             citations:\n  - text: First\n    preferred: true\n  - text: Second\n    preferred: true\n  - doi: 10.1234/x\n\
             related: [draft-one]\n",
        ),
    );
    let out = cat.check_output();
    let firsts: Vec<&str> = out
        .split("\n\n")
        .map(|m| m.lines().next().unwrap())
        .collect();
    assert_eq!(
        firsts,
        [
            "content/datasets/x.yaml:13:3: error: unknown key 'mail' in 'contact' — did you mean 'email'?",
            "content/datasets/x.yaml:14:10: error: 'contact.email' is not an email address: 'not-an-email'",
            "content/datasets/x.yaml:16:3: error: unknown key 'pixels' in 'targets' — did you mean 'pixel'?",
            "content/datasets/x.yaml:18:5: error: a download needs a 'url'",
            "content/datasets/x.yaml:20:13: error: 'sha256' must be 64 hexadecimal digits",
            "content/datasets/x.yaml:21:17: error: 'zip' is not a media type",
            "content/datasets/x.yaml:22:17: error: 'downloads.size_bytes' is negative (-5)",
            "content/datasets/x.yaml:26:5: error: more than one citation is marked 'preferred'",
            "content/datasets/x.yaml:28:5: error: a citation needs a 'text'",
            "content/datasets/x.yaml:29:11: warning: 'draft-one' in 'related' is a draft, so the link is not published",
            "error: 9 errors and 1 warning in 1 file",
        ]
    );
}

#[test]
fn licence_warnings_and_custom_licence_ids() {
    let yaml =
        entry_with("license_name: Ignored\n").replace("license: CC-BY-4.0", "license: GPL-2.0");
    let out = check_one(&yaml);
    assert!(out.contains("content/datasets/x.yaml:9:10: warning: licence 'GPL-2.0' is deprecated in the SPDX list\n"), "{out}");
    assert!(out.contains("warning: 'license_name' and 'license_url' are ignored with the SPDX licence 'GPL-2.0'\n"), "{out}");
    let yaml = entry_with("license_name: DUA\nlicense_url: https://example.org/dua\n")
        .replace("license: CC-BY-4.0", "license: LicenseRef-bad id");
    let out = check_one(&yaml);
    assert!(out.starts_with("content/datasets/x.yaml:9:10: error: 'LicenseRef-bad id' is not a valid LicenseRef id\n"), "{out}");
}

#[test]
fn unknown_data_use_code_suggests_the_duo_shorthand() {
    assert_eq!(
        check_one(&entry_with("data_use: [HMB, NCUU]\n")),
        "content/datasets/x.yaml:12:17: error: unknown Data Use Ontology code 'NCUU' — did you mean 'NCU'?
   |
12 | data_use: [HMB, NCUU]
   |                 ^^^^
  = help: use GA4GH DUO shorthands such as GRU, HMB, NCU, IRB, PUB, COL (`faircat vocab data-use` has the list)

error: 1 error in 1 file
"
    );
}

#[test]
fn data_use_takes_one_permission() {
    assert_eq!(
        check_one(&entry_with("data_use: [GRU, HMB, IRB]\n")),
        "content/datasets/x.yaml:12:17: error: 'data_use' names a second permission 'HMB' after 'GRU'; a dataset has one
   |
12 | data_use: [GRU, HMB, IRB]
   |                 ^^^
  = help: keep the one permission that applies (e.g. HMB) and list only modifiers besides it

error: 1 error in 1 file
"
    );
}

#[test]
fn values_written_as_people_write_them_get_the_importers_reading_as_hint() {
    // The validator's "did you mean" asks the same word table `faircat import` reads cells
    // with (vocab::words), so a value import would have understood is named exactly.
    let yaml = entry_with("platform: [HF]\n")
        .replace("modalities: [CT]", "modalities: [X-ray]")
        .replace("anatomy: [chest]", "anatomy: [cerebral]")
        .replace("label_types: [pixel-level]", "label_types: [segmentation]")
        .replace("access: public", "access: open")
        .replace("license: CC-BY-4.0", "license: cc0");
    let out = check_one(&yaml);
    for hint in [
        "unknown modality 'X-ray' — did you mean 'DX'?",
        "unknown body region 'cerebral' — did you mean 'brain'?",
        "unknown label type 'segmentation' — did you mean 'pixel-level'?",
        "unknown access 'open' — did you mean 'public'?",
        "unknown licence 'cc0' — did you mean 'CC0-1.0'?",
        "unknown platform 'HF' — did you mean 'Hugging Face'?",
    ] {
        assert!(out.contains(hint), "{hint}\n{out}");
    }
}
