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
        /// First apply the fixes that cannot change meaning (curly quotes around values,
        /// non-breaking and zero-width spaces, NFC) and print each changed line.
        #[arg(long)]
        fix: bool,
    },
    /// Create a new site: site.toml, one commented example of every kind of record
    /// (drafts), a .gitignore. Asks for what the options do not give when run in a terminal.
    Init {
        /// The new site's folder (default: --root, the current folder).
        folder: Option<PathBuf>,
        /// The commune's name ("Tân Việt" or "xã Tân Việt").
        #[arg(long)]
        commune: Option<String>,
        /// The province ("Hải Phòng").
        #[arg(long)]
        province: Option<String>,
        /// The site's official address (https://…).
        #[arg(long)]
        base_url: Option<String>,
        /// Interface language: vi or en.
        #[arg(long)]
        language: Option<String>,
        /// Write into a folder that is not empty (existing files are never replaced).
        #[arg(long)]
        force: bool,
    },
    /// Write a new record from a commented template, as a draft: KIND is award
    /// (quyet-dinh), person (guong), movement (phong-trao), notice (cong-khai), plan
    /// (ke-hoach) or page (trang).
    New {
        kind: String,
        /// The title (a person's name for `guong`); the file is named after it.
        title: Vec<String>,
    },
    /// Write the rows of a spreadsheet (.xlsx, .ods, .csv) into a decision's front matter
    /// as [[recipients]] blocks (instead of naming it in recipients_file).
    Import {
        /// The list: a spreadsheet whose header row names the columns (STT, Họ và tên…).
        file: PathBuf,
        /// The decision's file (content/awards/….md).
        #[arg(long)]
        into: PathBuf,
        /// The sheet to read (the first when not given).
        #[arg(long)]
        sheet: Option<String>,
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
                Err(e) => fail(&e, &cli.root, lang, cli.format, true),
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
                Err(e) => fail(&e, &cli.root, lang, cli.format, false),
            }
        }
        Command::Init {
            folder,
            commune,
            province,
            base_url,
            language,
            force,
        } => {
            let dir = folder.unwrap_or_else(|| cli.root.clone());
            let answers = match ask_site(commune, province, base_url, language) {
                Ok(a) => a,
                Err(e) => return fail(&e, &cli.root, lang, cli.format, false),
            };
            let lang = vinhdanh::error::Lang::from_code(&answers.language);
            match vinhdanh::scaffold::init(&dir, &answers, vinhdanh::date::Date::today(), force) {
                Ok(created) => {
                    let shown = dir.display();
                    match lang {
                        Lang::Vi => {
                            println!("đã tạo trang mới trong {shown}:");
                            for f in &created.files {
                                println!("  {}", f.display());
                            }
                            println!("\nCác hồ sơ mẫu đều là bản nháp (draft = true), chưa được đăng. Bước tiếp theo:");
                            println!("  cd {shown}");
                            println!("  vinhdanh serve --drafts          xem trước, cả các bản nháp: http://127.0.0.1:1111/");
                            println!("  vinhdanh new quyet-dinh \"Về việc tặng Giấy khen …\"   thêm một quyết định");
                            println!("  vinhdanh check --drafts          kiểm tra mọi hồ sơ, kể cả bản nháp");
                            println!(
                                "  vinhdanh build                   dựng trang vào thư mục public/"
                            );
                            println!("Sửa site.toml cho đúng tên xã, địa chỉ trang và cơ quan khen thưởng.");
                        }
                        Lang::En => {
                            println!("created a new site in {shown}:");
                            for f in &created.files {
                                println!("  {}", f.display());
                            }
                            println!("\nThe example records are drafts (draft = true), not published. Next:");
                            println!("  cd {shown}");
                            println!("  vinhdanh serve --drafts          preview, drafts included: http://127.0.0.1:1111/");
                            println!("  vinhdanh new award \"…\"           add a decision");
                            println!("  vinhdanh check --drafts          check every record, drafts included");
                            println!(
                                "  vinhdanh build                   build the site into public/"
                            );
                            println!("Edit site.toml: the commune's name, the site's address, the awarding bodies.");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, &dir, lang, cli.format, false),
            }
        }
        Command::New { kind, title } => {
            let Some(k) = vinhdanh::scaffold::kind_of(&kind) else {
                let e = Error::usage(
                    format!("không có loại hồ sơ “{kind}”; dùng một trong: quyet-dinh (award), guong (person), phong-trao (movement), cong-khai (notice), ke-hoach (plan), trang (page)"),
                    format!("no kind of record \"{kind}\"; use one of: award (quyet-dinh), person (guong), movement (phong-trao), notice (cong-khai), plan (ke-hoach), page (trang)"),
                );
                return fail(&e, &cli.root, lang, cli.format, false);
            };
            let title = title.join(" ");
            let title = (!title.trim().is_empty()).then_some(title.as_str());
            match vinhdanh::scaffold::new_record(&cli.root, k, title, vinhdanh::date::Date::today())
            {
                Ok(rel) => {
                    match lang {
                        Lang::Vi => println!("đã tạo {} (bản nháp: xóa dòng draft = true khi hồ sơ đã đúng; kiểm tra bằng `vinhdanh check --drafts`)", rel.display()),
                        Lang::En => println!("created {} (a draft: remove the line draft = true when it is right; check it with `vinhdanh check --drafts`)", rel.display()),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, &cli.root, lang, cli.format, false),
            }
        }
        Command::Import { file, into, sheet } => {
            match vinhdanh::import::import(&cli.root, &file, &into, sheet.as_deref()) {
                Ok(done) => {
                    print_diagnostics(&done.warnings, &cli.root, lang, cli.format);
                    let from = match (&done.sheet, done.encoding) {
                        (Some(s), _) => match lang {
                            Lang::Vi => format!(" (trang “{s}”)"),
                            Lang::En => format!(" (sheet \"{s}\")"),
                        },
                        (None, Some(e)) => match lang {
                            Lang::Vi => format!(" (đọc theo bảng mã {e})"),
                            Lang::En => format!(" (read as {e})"),
                        },
                        _ => String::new(),
                    };
                    match lang {
                        Lang::Vi => {
                            println!(
                                "đã ghi {} người được khen từ {}{from} vào {}",
                                done.count,
                                file.display(),
                                done.into.display()
                            );
                            if done.unlinked {
                                println!("đã bỏ dòng recipients_file: danh sách nay nằm trong tệp quyết định");
                            }
                            println!("kiểm tra lại bằng `vinhdanh check --drafts`");
                        }
                        Lang::En => {
                            println!(
                                "wrote {} recipients from {}{from} into {}",
                                done.count,
                                file.display(),
                                done.into.display()
                            );
                            if done.unlinked {
                                println!("removed the recipients_file line: the list is now in the decision's file");
                            }
                            println!("check it with `vinhdanh check --drafts`");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, &cli.root, lang, cli.format, false),
            }
        }
        Command::Check { drafts, fix } => {
            if fix {
                match vinhdanh::fix::fix_site(&cli.root) {
                    Ok(fixed) if cli.format == Format::Human => print_fixed(&fixed, lang),
                    // The JSON document stays alone on standard output.
                    Ok(fixed) => {
                        for f in &fixed {
                            eprintln!("{}: {} dòng / lines", f.path.display(), f.lines.len());
                        }
                    }
                    Err(e) => return fail(&e, &cli.root, lang, cli.format, false),
                }
            }
            check(&cli, drafts, lang)
        }
    }
}

/// Prints what `check --fix` changed, file by file, line by line.
fn print_fixed(fixed: &[vinhdanh::fix::Fixed], lang: Lang) {
    for f in fixed {
        match (lang, &f.converted) {
            (Lang::Vi, Some((enc, kept))) => {
                println!(
                    "đã chuyển {} từ bảng mã {enc} sang UTF-8 (bản cũ giữ ở {}); đọc được:",
                    f.path.display(),
                    kept.display()
                );
                for (n, l) in &f.read {
                    println!("  dòng {n}: {l}");
                }
                println!("  (chữ sai thì chép bản cũ đè lên tệp và chuyển mã bằng Unikey)");
            }
            (Lang::En, Some((enc, kept))) => {
                println!(
                    "converted {} from {enc} to UTF-8 (the old file is kept as {}); it reads:",
                    f.path.display(),
                    kept.display()
                );
                for (n, l) in &f.read {
                    println!("  line {n}: {l}");
                }
                println!("  (if the letters are wrong, copy the old file back and convert it with Unikey)");
            }
            _ => {}
        }
        if f.lines.is_empty() {
            continue;
        }
        match lang {
            Lang::Vi => println!("đã sửa {}:", f.path.display()),
            Lang::En => println!("fixed {}:", f.path.display()),
        }
        for (n, before, after) in &f.lines {
            let shown = |s: &str| {
                s.replace(['\u{00A0}', '\u{2007}', '\u{202F}'], "⍽")
                    .replace(
                        ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'],
                        "⍽",
                    )
            };
            match lang {
                Lang::Vi => println!("  dòng {n}:\n  - {}\n  + {after}", shown(before)),
                Lang::En => println!("  line {n}:\n  - {}\n  + {after}", shown(before)),
            }
        }
    }
    if fixed.is_empty() {
        match lang {
            Lang::Vi => println!("không có gì cần sửa tự động"),
            Lang::En => println!("nothing to fix automatically"),
        }
    }
}

/// `vinhdanh check`.
fn check(cli: &Cli, drafts: bool, lang: Lang) -> ExitCode {
    match vinhdanh::site::check(&cli.root, drafts) {
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
        Err(e) => fail(&e, &cli.root, lang, cli.format, false),
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

/// Prints a failure and gives its exit code; `builds` says the command would have written
/// the output folder (which the errors left untouched).
fn fail(e: &Error, root: &Path, lang: Lang, format: Format, builds: bool) -> ExitCode {
    match e {
        Error::Content(diags) => {
            print_diagnostics(diags, root, lang, format);
            if format == Format::Human && builds {
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

/// The answers `init` needs: from the options, else asked in a terminal, else defaults
/// for all but the commune's name.
fn ask_site(
    commune: Option<String>,
    province: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
) -> Result<vinhdanh::scaffold::SiteAnswers, Error> {
    let interactive = std::io::stdin().is_terminal();
    let ask = |question: &str, default: &str| -> String {
        if !interactive {
            return default.to_string();
        }
        if default.is_empty() {
            print!("{question}: ");
        } else {
            print!("{question} [{default}]: ");
        }
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        let line = line.trim();
        if line.is_empty() {
            default.to_string()
        } else {
            line.to_string()
        }
    };
    let commune = match commune {
        Some(c) => c,
        None => ask("Tên xã (ví dụ: Tân Việt)", ""),
    };
    if commune.trim().is_empty() {
        return Err(Error::usage(
            "thiếu tên xã: chạy `vinhdanh init --commune \"Tân Việt\" ten-thu-muc` (hoặc chạy trong cửa sổ dòng lệnh để được hỏi)",
            "the commune's name is missing: run `vinhdanh init --commune \"Tân Việt\" FOLDER` (or run it in a terminal to be asked)",
        ));
    }
    let province = match province {
        Some(p) => p,
        None => ask(
            "Tỉnh, thành phố (ví dụ: Hải Phòng; để trống nếu chưa muốn ghi)",
            "",
        ),
    };
    let slug = vinhdanh::text::slugify(
        commune
            .trim()
            .trim_start_matches("xã ")
            .trim_start_matches("Xã "),
    );
    let default_url = format!("https://vinhdanh-{slug}.example");
    let base_url = match base_url {
        Some(u) => u,
        None => ask("Địa chỉ trang (sửa được sau trong site.toml)", &default_url),
    };
    let language = match language {
        Some(l) => l,
        None => ask("Ngôn ngữ giao diện: vi hoặc en", "vi"),
    };
    if language != "vi" && language != "en" {
        return Err(Error::usage(
            format!("ngôn ngữ “{language}” không có; dùng vi hoặc en"),
            format!("no language \"{language}\"; use vi or en"),
        ));
    }
    Ok(vinhdanh::scaffold::SiteAnswers {
        commune,
        province,
        base_url,
        language,
    })
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
