//! The tests that need headless Chromium (Debian's `chromium`), a JRE and the pinned npm
//! checkers (`npm ci`: vnu-jar, axe-core), as one binary behind the `browser-tests` feature:
//! `cargo test --profile bench --locked --features browser-tests --test browser` (`.ci/run`
//! installs what they need first). They fail, never skip, when any of it is missing.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod a11y;
mod csp;
mod search;
