//! The `vinhdanh` command: parses arguments, runs one command, prints diagnostics, sets the
//! exit code (0 success, 1 content errors, 2 usage or I/O errors).

use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use vinhdanh::error::{Diagnostic, Lang};
use vinhdanh::report::{self, Format};
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
    /// How to print problems: human (source snippets) or json.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The build date, YYYY-MM-DD: what notices' status ("open", "closed") and scheduled
    /// records are judged against. Wins over VINHDANH_TODAY; default: today in Vietnam.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<vinhdanh::date::Date>,
    #[command(subcommand)]
    command: Command,
}

/// A whole day for `--today`.
fn parse_today(s: &str) -> Result<vinhdanh::date::Date, String> {
    let d = vinhdanh::date::Date::parse(s).map_err(|e| e.en)?;
    if d.precision() != vinhdanh::date::Precision::Day {
        return Err(format!("\"{s}\" is not a whole day; write YYYY-MM-DD"));
    }
    Ok(d)
}

#[derive(Subcommand)]
enum Command {
    /// Check the whole site and build it into the output folder (public/ by default).
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
    /// Preview the site: build it in memory, serve it, rebuild and reload on every edit.
    #[cfg(feature = "serve")]
    Serve {
        /// Port to listen on (0: any free port).
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Anything but 127.0.0.1 shows the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Show drafts and scheduled records, marked as such.
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the web browser.
        #[arg(long)]
        open: bool,
    },
    /// Check the whole site without writing anything.
    Check {
        /// Also check records marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(d) = cli.today {
        vinhdanh::date::Date::set_today(d);
    }
    let lang = vinhdanh::site::language_of(&cli.root);
    let started = Instant::now();
    match cli.command {
        Command::Build {
            output,
            drafts,
            force,
        } => {
            // A build runs once and exits: memory it frees is better kept for what it
            // allocates next than handed back to the system and faulted in again (at
            // 100,000 records that refaulting was a tenth of the build's time).
            keep_freed_memory();
            let opts = BuildOptions {
                root: cli.root.clone(),
                output,
                drafts,
                force,
            };
            match vinhdanh::build(&opts) {
                Ok(report) => {
                    print_diagnostics(&report.warnings, &cli.root, lang, cli.format);
                    if cli.format == Format::Human {
                        let secs = started.elapsed().as_secs_f64();
                        let mb = report.bytes as f64 / 1e6;
                        let out = report.output.display();
                        match lang {
                            Lang::Vi => println!("đã tạo {} hồ sơ thành {} tệp ({mb:.1} MB) trong {out}, hết {secs:.2} giây; ghi {} tệp mới hoặc thay đổi, giữ nguyên {} tệp", report.records, report.files, report.written, report.files - report.written),
                            Lang::En => println!("built {} records into {} files ({mb:.1} MB) in {out} in {secs:.2} s; wrote {} new or changed files, kept {} unchanged", report.records, report.files, report.written, report.files - report.written),
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, &cli.root, lang, cli.format),
            }
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            port,
            bind,
            drafts,
            open,
        } => {
            let opts = vinhdanh::serve::ServeOptions {
                root: cli.root.clone(),
                bind,
                port,
                drafts,
                open,
                lang,
            };
            match vinhdanh::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, &cli.root, lang, cli.format),
            }
        }
        Command::Check { drafts } => match vinhdanh::site::check(&cli.root, drafts) {
            Ok(warnings) => {
                print_diagnostics(&warnings, &cli.root, lang, cli.format);
                if cli.format == Format::Human {
                    match lang {
                        Lang::Vi => println!("không có lỗi ({} cảnh báo)", warnings.len()),
                        Lang::En => println!("no errors ({} warnings)", warnings.len()),
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e, &cli.root, lang, cli.format),
        },
    }
}

fn print_diagnostics(diags: &[Diagnostic], root: &Path, lang: Lang, format: Format) {
    match format {
        Format::Json => println!("{}", report::json(diags, lang)),
        Format::Human if diags.is_empty() => {}
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let _ = std::io::stderr().write_all(&report::human(diags, root, lang, color));
        }
    }
}

fn fail(e: &Error, root: &Path, lang: Lang, format: Format) -> ExitCode {
    match e {
        Error::Content(diags) => {
            print_diagnostics(diags, root, lang, format);
            if format == Format::Human {
                match lang {
                    Lang::Vi => eprintln!("chưa tạo trang vì nội dung còn lỗi; thư mục kết quả cũ được giữ nguyên"),
                    Lang::En => eprintln!("nothing was built because of the errors above; the previous output is untouched"),
                }
            }
            ExitCode::from(1)
        }
        Error::Template { .. } => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        _ => {
            let message = e.message(lang);
            if format == Format::Json {
                println!(
                    "{}",
                    serde_json::json!({ "errors": 1, "warnings": 0, "fatal": message })
                );
            } else {
                eprintln!("vinhdanh: {message}");
            }
            ExitCode::from(2)
        }
    }
}

/// Tells mimalloc not to return freed memory to the system (`purge_delay = -1`).
fn keep_freed_memory() {
    // `mi_option_purge_delay` in the mimalloc 3 sources that libmimalloc-sys builds
    // (include/mimalloc.h); the crate's Rust declarations predate it, the C function is
    // linked all the same.
    const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    }
    // The layout of the option table is that of the pinned sources: option 18 (`os_tag`)
    // is 100 by default there. A user's own MIMALLOC_PURGE_DELAY is left alone.
    const MI_OPTION_OS_TAG: std::ffi::c_int = 18;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: plain calls into the allocator's option table.
    unsafe {
        if mi_option_get(MI_OPTION_OS_TAG) == 100 && mi_option_get(MI_OPTION_PURGE_DELAY) >= 0 {
            mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        }
    }
}

/// mimalloc: the build allocates many short strings on every thread; glibc's allocator
/// spent a fifth of a 10,000-record build in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
