//! The published limits of common static hosts, and which of them a built site exceeds.
//! `faircat build` warns (it does not fail) when the output is over one of them, and says
//! which `[output]` families of files (`faircat.toml`) can be left out.
//!
//! The figures, with where they were read and when (hosts change them; check before relying):
//!
//! | host | limit | figure | source, date read |
//! |---|---|---|---|
//! | GitHub Pages | published site size | 1 GB | docs.github.com, "GitHub Pages limits": "Published GitHub Pages sites may be no larger than 1 GB" (read 2026-12-06) |
//! | GitHub Pages | one file | 100 MiB | docs.github.com, "About large files on GitHub": files over 100 MiB are blocked (a site kept in a branch); figure as of 2026-12-06, not re-read |
//! | Cloudflare Pages | files per site | 20,000 | developers.cloudflare.com/pages/platform/limits: "up to 20,000 files on the Free plan" (paid plans more; read 2026-12-06) |
//! | Cloudflare Pages | one file | 25 MiB | the same page, "maximum file size for a single Cloudflare Pages site asset" (figure as of 2026-12-06; the copy read did not show that line) |
//! | Netlify | files in one directory | 54,000 | docs.netlify.com/site-deploys/overview: "a limit of 54,000 files per directory", no limit on files per deploy (read 2026-12-06) |
//!
//! Netlify publishes no per-deploy file count or size limit, so only its per-directory count is
//! checked. `1 GB` is read as 10^9 bytes, `MiB` as 2^20.

/// One published limit of one host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub host: &'static str,
    pub kind: LimitKind,
    pub max: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// Files in the whole site.
    Files,
    /// Bytes of the whole site.
    TotalBytes,
    /// Bytes of the largest file.
    FileBytes,
    /// Files directly in one directory.
    FilesPerDirectory,
}

const MIB: u64 = 1 << 20;

/// The limits checked, in the order they are reported (see the module docs for sources).
pub const LIMITS: &[Limit] = &[
    Limit {
        host: "GitHub Pages",
        kind: LimitKind::TotalBytes,
        max: 1_000_000_000,
    },
    Limit {
        host: "GitHub Pages",
        kind: LimitKind::FileBytes,
        max: 100 * MIB,
    },
    Limit {
        host: "Cloudflare Pages (Free plan)",
        kind: LimitKind::Files,
        max: 20_000,
    },
    Limit {
        host: "Cloudflare Pages",
        kind: LimitKind::FileBytes,
        max: 25 * MIB,
    },
    Limit {
        host: "Netlify",
        kind: LimitKind::FilesPerDirectory,
        max: 54_000,
    },
];

/// What a build wrote, as far as the hosts' limits go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteSize {
    pub files: u64,
    pub bytes: u64,
    /// The largest file: its path and size.
    pub largest_file: Option<(String, u64)>,
    /// The directory with the most files directly in it: its path (`""` for the root) and count.
    pub fullest_directory: Option<(String, u64)>,
}

/// Adds up [`SiteSize`] as files are written, one path and size at a time, in any order: ties
/// go to the path that sorts first, so the result does not depend on which thread wrote first.
#[derive(Debug, Default)]
pub struct Tally {
    largest_file: Option<(String, u64)>,
    /// Files per directory, by a hash of the directory's path.
    per_directory: std::collections::HashMap<u64, u64>,
    fullest_directory: Option<(String, u64)>,
}

impl Tally {
    pub fn add(&mut self, path: &str, size: u64) {
        if beats(&self.largest_file, path, size) {
            self.largest_file = Some((path.to_string(), size));
        }
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let count = self.per_directory.entry(dir_key(dir)).or_default();
        *count += 1;
        let count = *count;
        if beats(&self.fullest_directory, dir, count) {
            self.fullest_directory = Some((dir.to_string(), count));
        }
    }

    /// The size of a site of `files` files and `bytes` bytes whose files went through [`add`].
    ///
    /// [`add`]: Tally::add
    pub fn site_size(&self, files: u64, bytes: u64) -> SiteSize {
        SiteSize {
            files,
            bytes,
            largest_file: self.largest_file.clone(),
            fullest_directory: self.fullest_directory.clone(),
        }
    }
}

/// Whether `(path, n)` replaces `best`: a larger number, or the same number and a path that
/// sorts first.
fn beats(best: &Option<(String, u64)>, path: &str, n: u64) -> bool {
    match best {
        None => true,
        Some((best_path, best_n)) => n > *best_n || (n == *best_n && path < best_path.as_str()),
    }
}

fn dir_key(dir: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    dir.hash(&mut h);
    h.finish()
}

/// One limit the site is over, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub limit: Limit,
    pub actual: u64,
    /// The file or directory concerned, for per-file and per-directory limits.
    pub path: Option<String>,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Limit { host, kind, max } = self.limit;
        let path = self.path.as_deref().unwrap_or("");
        match kind {
            LimitKind::Files => write!(
                f,
                "{} files: over the limit of {} files per site on {host}",
                thousands(self.actual),
                thousands(max)
            ),
            LimitKind::TotalBytes => write!(
                f,
                "{} in all: over the limit of {} per site on {host}",
                bytes(self.actual),
                bytes(max)
            ),
            LimitKind::FileBytes => write!(
                f,
                "{path} is {}: over the limit of {} per file on {host}",
                bytes(self.actual),
                bytes(max)
            ),
            LimitKind::FilesPerDirectory => write!(
                f,
                "{}/ holds {} files: over the limit of {} files per directory on {host}",
                path,
                thousands(self.actual),
                thousands(max)
            ),
        }
    }
}

/// The limits of [`LIMITS`] that `size` exceeds, in that order.
pub fn exceeded(size: &SiteSize) -> Vec<Exceeded> {
    LIMITS
        .iter()
        .filter_map(|&limit| {
            let (actual, path) = match limit.kind {
                LimitKind::Files => (size.files, None),
                LimitKind::TotalBytes => (size.bytes, None),
                LimitKind::FileBytes => {
                    let (path, n) = size.largest_file.clone()?;
                    (n, Some(path))
                }
                LimitKind::FilesPerDirectory => {
                    let (path, n) = size.fullest_directory.clone()?;
                    (n, Some(path))
                }
            };
            (actual > limit.max).then_some(Exceeded {
                limit,
                actual,
                path,
            })
        })
        .collect()
}

/// `1234567` → `1,234,567`: the pages' own formatting of counts.
pub use crate::render::view::thousands;

/// A size as people read it: bytes under 1 KB, then kB/MB/GB (powers of 10) or KiB/MiB (powers
/// of 2) as the limit itself is stated.
pub fn bytes(n: u64) -> String {
    if n >= MIB && n.is_multiple_of(MIB) && n < 1_000 * MIB {
        format!("{} MiB", n / MIB)
    } else if n >= 1_000_000_000 {
        format!("{:.2} GB", n as f64 / 1e9)
    } else if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.1} kB", n as f64 / 1e3)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(files: u64, bytes: u64) -> SiteSize {
        SiteSize {
            files,
            bytes,
            largest_file: Some(("index.html".into(), 10_000)),
            fullest_directory: Some(("datasets".into(), 100)),
        }
    }

    #[test]
    fn a_small_site_is_within_every_limit() {
        assert_eq!(exceeded(&size(19_999, 999_999_999)), []);
        assert_eq!(exceeded(&SiteSize::default()), []);
    }

    #[test]
    fn each_limit_is_reported_just_past_it() {
        let e = exceeded(&size(20_001, 1_000_000_001));
        let text: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "1.00 GB in all: over the limit of 1.00 GB per site on GitHub Pages",
                "20,001 files: over the limit of 20,000 files per site on Cloudflare Pages (Free plan)",
            ]
        );
        // At the limit is within it.
        assert_eq!(exceeded(&size(20_000, 1_000_000_000)), []);
    }

    #[test]
    fn per_file_and_per_directory_limits_name_the_path() {
        let mut s = size(10, 10);
        s.largest_file = Some(("catalog.ttl".into(), 25 * MIB + 1));
        s.fullest_directory = Some(("fdp/distribution".into(), 54_001));
        let text: Vec<String> = exceeded(&s).iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "catalog.ttl is 26.2 MB: over the limit of 25 MiB per file on Cloudflare Pages",
                "fdp/distribution/ holds 54,001 files: over the limit of 54,000 files per directory on Netlify",
            ]
        );
        s.largest_file = Some(("catalog.ttl".into(), 100 * MIB + 1));
        assert_eq!(exceeded(&s).len(), 3, "over both per-file limits");
    }

    #[test]
    fn the_tally_finds_the_largest_file_and_fullest_directory_in_any_order() {
        let files = [
            ("index.html", 10),
            ("datasets/a/index.html", 30),
            ("datasets/b/index.html", 30),
            ("fdp/dataset/a", 5),
            ("fdp/dataset/b", 5),
            ("api/x.json", 1),
            ("api/y.json", 1),
        ];
        let mut forward = Tally::default();
        let mut backward = Tally::default();
        for (p, n) in files {
            forward.add(p, n);
        }
        for (p, n) in files.iter().rev() {
            backward.add(p, *n);
        }
        let size = forward.site_size(7, 82);
        assert_eq!(size, backward.site_size(7, 82));
        assert_eq!(
            size.largest_file,
            Some(("datasets/a/index.html".into(), 30))
        );
        // `api` and `fdp/dataset` both hold two files; `api` sorts first.
        assert_eq!(size.fullest_directory, Some(("api".into(), 2)));
        assert_eq!(Tally::default().site_size(0, 0), SiteSize::default());
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(bytes(1_500), "1.5 kB");
        assert_eq!(bytes(25 * MIB), "25 MiB");
        assert_eq!(bytes(1_000_000_000), "1.00 GB");
    }
}
