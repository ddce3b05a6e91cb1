//! The `ippscan` binary: parse, run, and turn the outcome into an exit code (0 done,
//! 1 done with rejections, 2 could not run).

mod cli;

use std::process::ExitCode;

use clap::Parser;

// The detectors allocate small strings per word and per flag on every core, and the
// writer frees on its own thread what the workers allocated; the system allocator spends
// a fifth of a two-core text scan there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(cli::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(cli::Outcome::Rejections) => ExitCode::from(1),
        // A reader that stopped reading (`ippscan queue list | head`) is not an error.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || e.downcast_ref::<ippscan::Error>()
                        .is_some_and(ippscan::Error::is_broken_pipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
            eprintln!("ippscan: error: {}", chain.join(": "));
            ExitCode::from(2)
        }
    }
}
