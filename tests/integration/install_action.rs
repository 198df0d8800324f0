//! scripts/install-action.sh, the GitHub Action's installer, end to end: a fake release (an
//! archive holding a fake `faircat` and its `.sha256` file, laid out as GitHub serves release
//! assets) is served from 127.0.0.1 by the library's static file server, and the script installs
//! from it, or refuses a tampered archive, or builds an unreleased version from source (with a
//! stand-in `cargo` that records what it was asked). Needs bash, curl, tar and sha256sum, which
//! any Linux or macOS machine with Rust has.

use crate::common;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Given to the script as FAIRCAT_TARGET, so the test does not depend on the machine.
const TARGET: &str = "x86_64-unknown-linux-musl";
const ARCHIVE: &str = "faircat-x86_64-unknown-linux-musl.tar.gz";

struct FakeRelease {
    dir: tempfile::TempDir,
    /// `http://127.0.0.1:<port>/releases`
    releases_url: String,
    _server: faircat::serve::http::Stopper,
}

impl FakeRelease {
    /// A release of `version` under `releases/download/v<version>/` and `releases/latest/download/`.
    fn new(version: &str) -> FakeRelease {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let exe = pkg.join("faircat");
        std::fs::write(&exe, format!("#!/bin/sh\necho \"faircat {version}\"\n")).unwrap();
        make_executable(&exe);
        let archive = dir.path().join(ARCHIVE);
        let tar = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(&pkg)
            .arg("faircat")
            .status()
            .expect("tar is installed");
        assert!(tar.success());
        let bytes = std::fs::read(&archive).unwrap();
        for tag_dir in [
            format!("download/v{version}"),
            "latest/download".to_string(),
        ] {
            let d = dir.path().join("releases").join(tag_dir);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(ARCHIVE), &bytes).unwrap();
            std::fs::write(
                d.join(format!("{ARCHIVE}.sha256")),
                format!("{}  {ARCHIVE}\n", hex_sha256(&bytes)),
            )
            .unwrap();
        }
        let (base, server) =
            faircat::serve::serve_directory(dir.path().to_path_buf(), "127.0.0.1").unwrap();
        FakeRelease {
            dir,
            releases_url: format!("{base}releases"),
            _server: server,
        }
    }

    fn asset(&self, version: &str, name: &str) -> PathBuf {
        self.dir
            .path()
            .join(format!("releases/download/v{version}/{name}"))
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Where one run of the script installs and what it tells GitHub Actions.
struct Run {
    dir: tempfile::TempDir,
    out: Output,
}

impl Run {
    fn install_dir(&self) -> PathBuf {
        self.dir.path().join("install")
    }
    fn github_file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
}

/// Run the script for `version` against `releases_url`, with `extra_path` first on PATH.
fn install(version: &str, releases_url: &str, extra_path: Option<&Path>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(extra) = extra_path {
        let mut paths = vec![extra.to_path_buf()];
        paths.extend(std::env::split_paths(&path));
        path = std::env::join_paths(paths).unwrap();
    }
    let out = Command::new("bash")
        .arg(common::repo_root().join("scripts/install-action.sh"))
        .env("PATH", path)
        .env("FAIRCAT_VERSION", version)
        .env("FAIRCAT_RELEASES_URL", releases_url)
        .env("FAIRCAT_TARGET", TARGET)
        .env("FAIRCAT_INSTALL_DIR", dir.path().join("install"))
        .env("GITHUB_PATH", dir.path().join("github_path"))
        .env("GITHUB_OUTPUT", dir.path().join("github_output"))
        .env_remove("FAIRCAT_REPOSITORY")
        .output()
        .expect("bash runs");
    Run { dir, out }
}

#[test]
fn installs_a_release_whose_checksum_matches_and_puts_it_on_the_path() {
    let release = FakeRelease::new("9.9.9");
    for version in ["9.9.9", "v9.9.9", "latest"] {
        let run = install(version, &release.releases_url, None);
        assert!(run.out.status.success(), "{version}: {}", run.stderr());
        assert!(
            run.stderr().contains("checksum verified"),
            "{}",
            run.stderr()
        );
        let exe = run.install_dir().join("bin/faircat");
        let reported = Command::new(&exe)
            .output()
            .expect("the installed faircat runs");
        assert_eq!(String::from_utf8_lossy(&reported.stdout), "faircat 9.9.9\n");
        assert_eq!(
            run.github_file("github_path").trim_end(),
            run.install_dir().join("bin").to_str().unwrap()
        );
        assert_eq!(run.github_file("github_output"), "version=9.9.9\n");
    }
}

#[test]
fn refuses_an_archive_whose_checksum_does_not_match() {
    let release = FakeRelease::new("9.9.9");
    let archive = release.asset("9.9.9", ARCHIVE);
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&archive, bytes).unwrap();

    let run = install("9.9.9", &release.releases_url, None);
    assert!(!run.out.status.success());
    assert!(
        run.stderr().contains("checksum mismatch") && run.stderr().contains("refusing to install"),
        "{}",
        run.stderr()
    );
    assert!(!run.install_dir().join("bin/faircat").exists());
    assert_eq!(run.github_file("github_path"), "");
}

#[test]
fn refuses_an_archive_without_a_checksum_file() {
    let release = FakeRelease::new("9.9.9");
    std::fs::remove_file(release.asset("9.9.9", &format!("{ARCHIVE}.sha256"))).unwrap();
    let run = install("9.9.9", &release.releases_url, None);
    assert!(!run.out.status.success());
    assert!(
        run.stderr().contains("cannot be verified"),
        "{}",
        run.stderr()
    );
    assert!(!run.install_dir().join("bin/faircat").exists());
}

/// An unreleased version (no archive: 404) or a branch is built from source with
/// `cargo install --locked --git`; a stand-in `cargo` records its arguments and "installs".
#[test]
fn builds_an_unreleased_version_or_a_branch_from_source() {
    let release = FakeRelease::new("9.9.9");
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("cargo-args");
    std::fs::write(
        bin.path().join("cargo"),
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" > '{}'\n\
             while [ \"$1\" != --root ]; do shift; done\n\
             mkdir -p \"$2/bin\" && printf '#!/bin/sh\\necho \"faircat 0.0.0-src\"\\n' > \"$2/bin/faircat\" && chmod +x \"$2/bin/faircat\"\n",
            log.display()
        ),
    )
    .unwrap();
    make_executable(&bin.path().join("cargo"));

    for (version, how) in [
        ("9.9.8", "--tag v9.9.8"),
        ("main", "--branch main"),
        ("0a1b2c3d", "--rev 0a1b2c3d"),
    ] {
        let run = install(version, &release.releases_url, Some(bin.path()));
        assert!(run.out.status.success(), "{version}: {}", run.stderr());
        let args = std::fs::read_to_string(&log).unwrap();
        let root = run.install_dir();
        assert_eq!(
            args.trim_end(),
            format!(
                "install --locked --git {} {how} --root {} faircat",
                faircat::workflow_files::REPOSITORY,
                root.display()
            ),
            "{version}"
        );
        assert_eq!(run.github_file("github_output"), "version=0.0.0-src\n");
    }
}
