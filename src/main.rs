//! The `gloss` binary: parse the command line, run it, exit with its code.

use std::process::ExitCode;

use clap::Parser;
use gloss::cli::Command;
use libmimalloc_sys::mi_option_t;

/// mimalloc instead of the system allocator: a build makes millions of
/// short-lived allocations on every thread while it keeps many long-lived
/// ones, a mix in which glibc's malloc spent a fifth of the time searching
/// its free lists (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, by its place in the `mi_option_e`
/// enumeration of `mimalloc.h` (the same in mimalloc 2 and 3):
/// `libmimalloc-sys` names the options on either side of it (14 and 16)
/// but not this one. A test checks it against the option's default.
const MI_OPTION_PURGE_DELAY: mi_option_t = 15;

/// How long, in milliseconds, a command that builds once and exits lets
/// mimalloc keep freed memory before returning it to the kernel.
/// mimalloc's own delay, a second, keeps what each stage of a build frees
/// resident while the next allocates, and that set a build's peak: at
/// 10,000 articles 50 ms takes about 35 MB (a ninth) off it for about 2 %
/// more time (BENCHMARKS.md). `serve` keeps the default, so that an update
/// reuses what the last one freed.
const BUILD_PURGE_DELAY_MS: std::os::raw::c_long = 50;

fn main() -> ExitCode {
    let cli = match gloss::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if matches!(cli.command, Command::Build(_) | Command::Check(_)) {
        return_freed_memory_sooner();
    }
    ExitCode::from(gloss::cmd::run(cli))
}

/// Sets mimalloc's purge delay to [`BUILD_PURGE_DELAY_MS`].
fn return_freed_memory_sooner() {
    // SAFETY: `mi_option_set` is not thread-safe, and no other thread has
    // started yet: the thread pool is made on first use, after this. The
    // option only decides when memory already freed goes back to the
    // kernel.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, BUILD_PURGE_DELAY_MS) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_is_the_option_set() {
        // mimalloc 3 delays purging by 1,000 ms unless told otherwise, and
        // no other option defaults to 1,000: a different place would read
        // another value. (Fails if MIMALLOC_PURGE_DELAY is set.)
        // SAFETY: reading an option races with nothing that sets it here.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
