//! The `faircat` binary: everything lives in the library; this only hands over the arguments.

/// mimalloc: a build makes and drops millions of small strings and JSON values; glibc's
/// allocator took about a fifth of a large build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    faircat::cli::main()
}
