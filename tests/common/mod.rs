//! The one helper every integration test uses: a catalog in a temporary folder, made from a
//! fixture under `tests/fixtures/catalogs/` and/or entries given inline, then checked or built
//! through the library.
#![allow(dead_code)]

use faircat::diagnostics::Diagnostics;
use faircat::site::{self, BuildError, BuildOptions, BuildReport};
use std::path::{Path, PathBuf};

/// A catalog folder that lives as long as the value.
pub struct TestCatalog {
    dir: tempfile::TempDir,
}

/// `faircat.toml` for test catalogs.
pub const CONFIG: &str = faircat::fixture::CONFIG;

impl TestCatalog {
    /// An empty catalog: config and about text, no entries.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let cat = TestCatalog { dir };
        cat.write("faircat.toml", CONFIG);
        cat.write("content/_index.md", "About this *test* catalog.\n");
        std::fs::create_dir_all(cat.root().join("content/datasets")).unwrap();
        cat
    }

    /// A generated catalog of `n` datasets (`faircat::synth`, as the benchmarks use).
    pub fn synthetic(n: usize, seed: u64) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let cat = TestCatalog { dir };
        faircat::synth::write_catalog(cat.root(), &faircat::synth::datasets(n, seed))
            .expect("write the generated catalog");
        cat
    }

    /// A copy of `tests/fixtures/catalogs/<name>/` (`minimal`, `full`, `invalid`, …).
    pub fn fixture(name: &str) -> Self {
        let cat = TestCatalog::empty();
        let src = fixtures_dir().join("catalogs").join(name);
        assert!(src.is_dir(), "no fixture catalog {}", src.display());
        copy_tree(&src, cat.root());
        cat
    }

    /// A copy of the catalog at `dir` (its `faircat.toml` and `content/`, nothing else).
    pub fn copy_of(dir: &Path) -> Self {
        let dir_config = dir.join("faircat.toml");
        assert!(dir_config.is_file(), "no catalog at {}", dir.display());
        let cat = TestCatalog::empty();
        std::fs::copy(&dir_config, cat.root().join("faircat.toml")).unwrap();
        copy_tree(&dir.join("content"), &cat.root().join("content"));
        cat
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Write (or overwrite) a file relative to the catalog root.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Write `content/datasets/<slug>.yaml`.
    pub fn entry(&self, slug: &str, yaml: &str) -> &Self {
        self.write(&format!("content/datasets/{slug}.yaml"), yaml)
    }

    pub fn check(&self) -> Diagnostics {
        site::check(self.root())
    }

    /// `check`, rendered as the user sees it, with the temp dir's path removed.
    pub fn check_output(&self) -> String {
        self.check().render()
    }

    /// Where `build` writes: `<root>/public`.
    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn try_build(&self) -> Result<BuildReport, BuildError> {
        site::build(&BuildOptions {
            root: self.root().to_path_buf(),
            out: self.out(),
            base_url: None,
            deny_warnings: false,
            progress: false,
        })
    }

    /// Build, panicking with the rendered diagnostics if it fails.
    pub fn build(&self) -> BuildReport {
        match self.try_build() {
            Ok(r) => r,
            Err(BuildError::Invalid(d)) => panic!("build failed:\n{}", d.render()),
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// A file of the built site as text.
    pub fn read_out(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// Every file of the built site, relative path → bytes, sorted.
    pub fn out_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(self.out())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(self.out())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// The repository's own catalog root (with the bundled `content/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Generate and write the site of an in-memory catalog with the embedded theme, as `build`
/// does after validation; returns the folder holding `public/`.
pub fn write_site(catalog: &faircat::model::Catalog) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let theme = faircat::theme::Theme::embedded();
    let (output, _) = site::generate(catalog, &theme, faircat::output::Output::new())
        .unwrap_or_else(|e| panic!("generate failed: {e}"));
    output.commit(&dir.path().join("public")).expect("commit");
    dir
}

/// Run the `faircat` binary with `args` in `dir`; returns (exit code, stdout, stderr).
pub fn faircat(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_faircat"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run faircat");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `faircat export --format <format> --out <file>` of the catalog at `root`; panics unless it
/// succeeds.
pub fn export_to(root: &Path, format: &str, file: &Path) {
    let (code, _, err) = faircat(
        root,
        &[
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
}

/// An entry with every required and recommended field (year `year`), so that only the
/// problems a test adds are reported, with `extra` appended.
pub fn complete_entry(year: i32, extra: &str) -> String {
    format!(
        "name: Test Entry\n\
         description: A synthetic chest CT collection used by faircat's tests; it exists only here.\n\
         homepage: https://example.org/test/\n\
         year: {year}\n\
         modalities: [CT]\n\
         anatomy: [chest]\n\
         subjects: 10\n\
         label_types: [pixel-level]\n\
         license: CC-BY-4.0\n\
         access: public\n\
         sources: [Test fixture]\n\
         {extra}"
    )
}

/// `check` on a catalog holding one entry, `x.yaml`.
pub fn check_one(yaml: &str) -> String {
    let cat = TestCatalog::empty();
    cat.entry("x", yaml);
    cat.check_output()
}
