//! The `vinhdanh` command: parses arguments, runs one command, prints errors, sets the
//! exit code (0 success, 1 content errors, 2 usage or I/O errors).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use vinhdanh::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "vinhdanh",
    version,
    about = "Publish a commune's emulation and commendation work as a static website"
)]
struct Cli {
    /// The site folder (holding site.toml and content/).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// Output folder.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Include records marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Replace a non-empty output folder that vinhdanh did not create.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            drafts,
            force,
        } => {
            let started = Instant::now();
            let opts = BuildOptions {
                root: cli.root,
                output,
                drafts,
                force,
            };
            match vinhdanh::build(&opts) {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("{w}");
                    }
                    println!(
                        "built {} records into {} files ({:.1} MB) in {} in {:.2} s",
                        report.records,
                        report.files,
                        report.bytes as f64 / 1e6,
                        report.output.display(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(&e),
            }
        }
    }
}

fn report(e: &Error) -> ExitCode {
    eprintln!("{e}");
    match e {
        Error::Content(_) | Error::Template { .. } => ExitCode::from(1),
        _ => ExitCode::from(2),
    }
}
