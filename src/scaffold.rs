//! Starting points for the clerk, outside the build pipeline: `vinhdanh init` writes a new
//! site (its `site.toml`, one commented example of every kind of record, a `.gitignore`),
//! and `vinhdanh new KIND [TITLE]` writes one new record from the same commented text.
//! Every record written here is a draft (`draft = true`): it is checked by
//! `check --drafts` and shown by `serve --drafts`, never published half-written.
//!
//! Nothing is overwritten: `init` refuses a folder that holds anything but hidden files
//! (unless `--force`, which still never replaces an existing file), `new` a file that exists.

use crate::date::Date;
use crate::error::{Error, Result};
use crate::model::Kind;
use std::path::{Path, PathBuf};

/// What `init` writes into `site.toml`.
#[derive(Debug, Clone)]
pub struct SiteAnswers {
    /// The commune's name without "Xã" ("Tân Việt").
    pub commune: String,
    /// The province ("Hải Phòng"); empty when not given.
    pub province: String,
    /// The official address of the site.
    pub base_url: String,
    /// `vi` or `en`.
    pub language: String,
}

/// A TOML string literal of `s` (quoted and escaped).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The commune's name without "Xã" in front ("xã Tân Việt" → "Tân Việt").
fn bare_name(commune: &str) -> &str {
    let c = commune.trim();
    if crate::text::fold(c).starts_with("xa ") {
        c.split_once(' ').map_or(c, |(_, r)| r.trim())
    } else {
        c
    }
}

/// The commune's name with "Xã" in front, once.
fn commune_name(commune: &str) -> String {
    format!("Xã {}", bare_name(commune))
}

/// Lines of `key = value   # comment` with their comments in one column (the width of the
/// longest such line's value, at most 40 characters).
fn align(text: &str) -> String {
    let split = |line: &str| -> Option<(String, String)> {
        // A commented-out key (`# signer = "…"   # người ký`) is aligned too.
        if line.trim_start().starts_with('#') && !line.contains(" = ") {
            return None;
        }
        let at = comment_at(line)?;
        Some((
            line[..at].trim_end().to_string(),
            line[at..].trim_start().to_string(),
        ))
    };
    let width = text
        .lines()
        .filter_map(split)
        .map(|(v, _)| v.chars().count())
        .filter(|&n| n <= 40)
        .max()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.lines() {
        match split(line) {
            Some((value, comment)) => {
                let pad = (width + 2).saturating_sub(value.chars().count()).max(2);
                out.push_str(&value);
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&comment);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Where a line's trailing comment starts (two spaces before its `#`), outside any TOML
/// string (`"A  # B"` and `'A  # B'` are values, not comments); a line that is itself a
/// comment is looked at after its first `#`.
fn comment_at(line: &str) -> Option<usize> {
    let start = usize::from(line.starts_with('#'));
    crate::text::outside_quotes(&line[start..])
        .map(|(at, c)| (at + start, c))
        .find(|&(at, c)| c == ' ' && line[at..].starts_with("  # "))
        .map(|(at, _)| at)
}

/// `site.toml` of a new site.
pub fn site_toml(a: &SiteAnswers) -> String {
    align(&site_toml_text(a))
}

fn site_toml_text(a: &SiteAnswers) -> String {
    let commune = commune_name(&a.commune);
    let location = if a.province.trim().is_empty() {
        "# location = \"tỉnh …\"                   # địa danh (không bắt buộc)\n".to_string()
    } else {
        format!(
            "location = {}            # địa danh (không bắt buộc)\n",
            quoted(&format!("tỉnh {}", a.province.trim()))
        )
    };
    format!(
        "# Cấu hình trang. Hướng dẫn đầy đủ: sách hướng dẫn, chương “Viết hồ sơ”.\n\
title = {title}                  # tên trang\n\
commune = {commune_q}                   # tên xã\n\
{location}\
description = {description}\n\
base_url = {base_url}           # địa chỉ chính thức của trang\n\
language = {language}                          # \"vi\": giao diện tiếng Việt; \"en\": tiếng Anh\n\
\n\
# Cơ quan, người có thẩm quyền khen thưởng. `issuer` của quyết định ghi slug ở đây.\n\
[[bodies]]\n\
slug = \"ubnd-xa\"\n\
label = {body}\n\
level = \"xa\"\n",
        title = quoted(&format!("Vinh danh – {commune}")),
        commune_q = quoted(&commune),
        description = quoted(&format!(
            "Trang công khai công tác thi đua, khen thưởng của xã {}: kịp thời, chính xác, công khai, công bằng.",
            bare_name(&a.commune)
        )),
        base_url = quoted(a.base_url.trim()),
        language = quoted(&a.language),
        body = quoted(&format!("Chủ tịch UBND xã {}", bare_name(&a.commune))),
    )
}

/// The kinds `new` writes, by the names a clerk may type.
pub fn kind_of(name: &str) -> Option<Kind> {
    match crate::text::fold(name.trim()).as_str() {
        "award" | "quyet-dinh" | "quyet dinh" | "khen-thuong" => Some(Kind::Award),
        "person" | "guong" | "nguoi" | "guong-dien-hinh" => Some(Kind::Person),
        "movement" | "phong-trao" | "phong trao" => Some(Kind::Movement),
        "notice" | "cong-khai" | "cong khai" => Some(Kind::Notice),
        "plan" | "ke-hoach" | "ke hoach" => Some(Kind::Plan),
        "page" | "trang" => Some(Kind::Page),
        _ => None,
    }
}

/// What a new record is filled with.
#[derive(Debug, Clone)]
pub struct Fill {
    pub title: String,
    pub date: Date,
    /// The issuing body's slug (the site's first `[[bodies]]`).
    pub issuer: String,
    /// The suggested decision number ("12/QĐ-UBND").
    pub number: String,
    /// A movement to link, when the site has one.
    pub movement: Option<String>,
    /// A decision to link from a notice, when known.
    pub decision: Option<String>,
}

/// The text of a new record of `kind`: front matter with a Vietnamese comment on each key,
/// then an example body. Always a draft.
pub fn record_text(kind: Kind, f: &Fill) -> String {
    align(&record_text_unaligned(kind, f))
}

fn record_text_unaligned(kind: Kind, f: &Fill) -> String {
    let date = f.date.iso_day();
    let year = f.date.year;
    let title = quoted(&f.title);
    let issuer = quoted(&f.issuer);
    let movement_line = match &f.movement {
        Some(m) => format!("movement = {}                 # phong trào (tên tệp trong content/movements, bỏ .md); không có thì xóa dòng\n", quoted(m)),
        None => "# movement = \"ten-phong-trao\"           # phong trào (tên tệp trong content/movements, bỏ .md)\n".to_string(),
    };
    match kind {
        Kind::Award => format!(
            "+++\n\
# Quyết định khen thưởng. Sửa xong, kiểm tra bằng `vinhdanh check --drafts`, rồi xóa dòng draft.\n\
draft = true                       # bản nháp: chưa đăng lên trang\n\
number = {number}                # số quyết định (gợi ý: số tiếp theo của năm); chưa rõ số thì xóa dòng\n\
title = {title}\n\
date = {date}                  # ngày ký: {date} hoặc \"{vn}\"\n\
issuer = {issuer}                 # cơ quan ban hành (slug trong [[bodies]] của site.toml)\n\
# signer = \"Họ và tên\"              # người ký\n\
# signer_position = \"Chủ tịch\"\n\
type = \"cong-trang\"                # cong-trang, dot-xuat, theo-dot-chuyen-de, qua-trinh-cong-hien, nien-han\n\
{movement_line}\
fields = [\"van-hoa\"]                # lĩnh vực (xem chương Danh mục)\n\
# Danh sách đã có trong Excel? Đặt tệp .xlsx (hoặc .ods, .csv) cạnh tệp này, bỏ dấu # ở dòng\n\
# dưới, ghi đúng tên tệp và xóa các khối [[recipients]]. Dòng tiêu đề của bảng ghi tên cột:\n\
# STT, Họ và tên, Chức vụ, Đơn vị (Thôn), Đối tượng, Hình thức, Thành tích, Số tiền, Truy tặng.\n\
# recipients_file = \"danh-sach.xlsx\"\n\
# Khi mọi người được khen cùng đối tượng, thôn, hình thức, thành tích: ghi một lần ở đây\n\
# (form = \"giay-khen\", subject = \"ca-nhan\", unit = …, achievement = …) và bỏ ở các khối.\n\
\n\
# Mỗi người hoặc tập thể được khen là một khối [[recipients]].\n\
[[recipients]]\n\
name = \"Nguyễn Văn A\"              # họ và tên, hoặc tên tập thể, hộ gia đình\n\
subject = \"ca-nhan\"                # ca-nhan, tap-the, ho-gia-dinh, thon\n\
unit = \"Thôn Đông\"                 # đơn vị, thôn (không bắt buộc)\n\
form = \"giay-khen\"                 # hình thức, danh hiệu: slug hoặc tên (“Giấy khen”)\n\
achievement = \"Có thành tích xuất sắc trong phong trào.\"\n\
# amount = 500000                  # tiền thưởng (đồng), viết liền không dấu chấm\n\
+++\n\
Nội dung quyết định (không bắt buộc), viết bằng Markdown.\n",
            number = quoted(&f.number),
            vn = f.date.vietnamese(),
        ),
        Kind::Person => format!(
            "+++\n\
# Gương điển hình tiên tiến; người tốt, việc tốt. Xóa dòng draft khi đã đúng.\n\
draft = true                       # bản nháp: chưa đăng lên trang\n\
name = {title}\n\
subject = \"ca-nhan\"                # ca-nhan, tap-the, ho-gia-dinh, thon\n\
# role = \"Chức vụ, nghề nghiệp\"\n\
unit = \"Thôn Đông\"                 # đơn vị, thôn\n\
fields = [\"kinh-te\"]               # lĩnh vực\n\
year = {year}                        # năm được nêu gương\n\
# good_deed = true                 # người tốt, việc tốt\n\
# Ảnh, câu chuyện và phần tóm tắt chỉ được đăng khi người đó (hoặc gia đình) đã đồng ý\n\
# bằng văn bản: khi đó ghi consent = true rồi viết câu chuyện bên dưới dấu +++.\n\
consent = false\n\
+++\n",
        ),
        Kind::Movement => format!(
            "+++\n\
# Phong trào thi đua. Xóa dòng draft khi đã đúng.\n\
draft = true                       # bản nháp: chưa đăng lên trang\n\
title = {title}\n\
kind = \"thuong-xuyen\"              # thuong-xuyen, theo-dot, chuyen-de\n\
level = \"xa\"                       # cấp phát động: trung-uong, tinh, xa\n\
# launched_by = \"Ủy ban nhân dân xã\"\n\
# document = \"01/KH-UBND\"           # văn bản phát động\n\
start = {date}                 # ngày bắt đầu\n\
# end = {year}-12-31                # ngày kết thúc (không bắt buộc)\n\
fields = [\"kinh-te\"]               # lĩnh vực\n\
+++\n\
Mục đích, nội dung và cách thực hiện phong trào.\n",
        ),
        Kind::Notice => {
            let decision = match &f.decision {
                Some(d) => format!("# decision = {}   # quyết định khen thưởng, khi đã có\n", quoted(d)),
                None => "# decision = \"ten-quyet-dinh\"           # quyết định khen thưởng, khi đã có\n".to_string(),
            };
            let deadline = Date::from_days(f.date.days() + 10).iso_day();
            format!(
                "+++\n\
# Công khai danh sách đề nghị khen thưởng để lấy ý kiến nhân dân. Xóa dòng draft khi đã đúng.\n\
draft = true                       # bản nháp: chưa đăng lên trang\n\
title = {title}\n\
posted = {date}                # ngày niêm yết\n\
deadline = {deadline}              # hạn góp ý\n\
place = \"Trụ sở UBND xã\"           # nơi niêm yết\n\
contact = \"Văn phòng UBND xã\"      # nơi nhận ý kiến\n\
{decision}\
fields = [\"van-hoa\"]                # lĩnh vực\n\
\n\
[[nominees]]\n\
name = \"Nguyễn Văn A\"\n\
subject = \"ca-nhan\"                # ca-nhan, tap-the, ho-gia-dinh, thon\n\
unit = \"Thôn Đông\"\n\
form = \"giay-khen\"                 # hình thức đề nghị\n\
achievement = \"Thành tích được đề nghị khen.\"\n\
+++\n\
Ý kiến xin gửi về nơi nhận ý kiến trước hạn góp ý.\n"
            )
        }
        Kind::Plan => format!(
            "+++\n\
# Kế hoạch công tác thi đua, khen thưởng của năm. Xóa dòng draft khi đã đúng.\n\
draft = true                       # bản nháp: chưa đăng lên trang\n\
title = {title}\n\
year = {year}\n\
# theme = \"Chủ đề thi đua của năm\"\n\
# number = \"01/KH-UBND\"             # số văn bản\n\
date = {date}                  # ngày ký\n\
issuer = {issuer}                 # cơ quan ban hành\n\
{movements}\
+++\n\
## I. Mục đích, yêu cầu\n\
\n\
## II. Nội dung\n\
\n\
## III. Tổ chức thực hiện\n",
            movements = match &f.movement {
                Some(m) => format!("movements = [{}]   # các phong trào trọng tâm\n", quoted(m)),
                None => "# movements = [\"ten-phong-trao\"]        # các phong trào trọng tâm\n".to_string(),
            },
        ),
        Kind::Page => format!(
            "+++\n\
# Trang tự do (giới thiệu, hướng dẫn). Xóa dòng draft khi đã đúng.\n\
draft = true                       # bản nháp: chưa đăng lên trang\n\
title = {title}\n\
menu = true                        # hiện trong thanh điều hướng\n\
weight = 10                        # thứ tự trong thanh điều hướng\n\
+++\n\
Nội dung trang, viết bằng Markdown.\n"
        ),
    }
}

/// The default title of a new record of `kind`.
fn default_title(kind: Kind, year: i32) -> String {
    match kind {
        Kind::Award => "Về việc khen thưởng".to_string(),
        Kind::Person => "Nguyễn Văn A".to_string(),
        Kind::Movement => format!("Phong trào thi đua năm {year}"),
        Kind::Notice => format!("Công khai danh sách đề nghị khen thưởng năm {year}"),
        Kind::Plan => format!("Kế hoạch công tác thi đua, khen thưởng năm {year}"),
        Kind::Page => "Giới thiệu".to_string(),
    }
}

/// What `init` wrote.
#[derive(Debug, Clone)]
pub struct Created {
    pub files: Vec<PathBuf>,
}

/// `vinhdanh init`: writes a new site into `dir`. A folder holding anything but hidden
/// files is refused unless `force` (which still never replaces a file that exists).
pub fn init(dir: &Path, answers: &SiteAnswers, today: Date, force: bool) -> Result<Created> {
    if dir.is_file() {
        return Err(Error::usage(
            format!("{} là một tệp, không phải thư mục", dir.display()),
            format!("{} is a file, not a folder", dir.display()),
        ));
    }
    let busy = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .any(|e| !e.file_name().to_string_lossy().starts_with('.'))
        })
        .unwrap_or(false);
    if busy && !force {
        return Err(Error::usage(
            format!("thư mục {} không trống; chọn một thư mục mới (vinhdanh init ten-thu-muc) hoặc thêm --force để chỉ thêm các tệp còn thiếu", dir.display()),
            format!("{} is not empty; choose a new folder (vinhdanh init NAME) or add --force to add only the missing files", dir.display()),
        ));
    }
    let year = today.year;
    let fill = |title: String| Fill {
        title,
        date: today,
        issuer: "ubnd-xa".into(),
        number: "1/QĐ-UBND".to_string(),
        movement: Some(format!("phong-trao-thi-dua-nam-{year}")),
        decision: None,
    };
    let mut files: Vec<(PathBuf, String)> = vec![
        ("site.toml".into(), site_toml(answers)),
        (
            ".gitignore".into(),
            "# Thư mục kết quả: dựng lại được bằng `vinhdanh build`.\n/public/\n# Ảnh đã thu nhỏ, làm lại được khi dựng trang.\n/.vinhdanh/\n".into(),
        ),
        (
            format!("content/plans/ke-hoach-{year}.md").into(),
            record_text(Kind::Plan, &fill(default_title(Kind::Plan, year))),
        ),
        (
            format!("content/movements/phong-trao-thi-dua-nam-{year}.md").into(),
            record_text(Kind::Movement, &fill(default_title(Kind::Movement, year))),
        ),
        (
            "content/people/nguyen-van-a.md".into(),
            record_text(Kind::Person, &fill(default_title(Kind::Person, year))),
        ),
        (
            format!("content/awards/{year}-1-qd-ubnd.md").into(),
            record_text(Kind::Award, &fill(default_title(Kind::Award, year))),
        ),
        (
            format!("content/notices/de-nghi-khen-thuong-{year}.md").into(),
            record_text(Kind::Notice, &fill(default_title(Kind::Notice, year))),
        ),
        (
            "content/pages/gioi-thieu.md".into(),
            record_text(Kind::Page, &fill(default_title(Kind::Page, year))),
        ),
    ];
    // Static files (photos, PDFs of decisions) go in static/.
    files.push(("static/.gitkeep".into(), String::new()));
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if path.exists() {
            continue;
        }
        write_new(&path, &text)?;
        created.push(rel);
    }
    Ok(Created { files: created })
}

/// Writes a file that must not exist yet, creating its folder.
fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| Error::io(path, e))
}

/// `vinhdanh new KIND [TITLE]`: writes a new draft record into the site at `root` and
/// returns its path (relative to `root`).
pub fn new_record(root: &Path, kind: Kind, title: Option<&str>, today: Date) -> Result<PathBuf> {
    if !root.join("site.toml").is_file() {
        return Err(Error::usage(
            format!("{} không có site.toml: chạy lệnh trong thư mục của trang, hoặc tạo trang bằng `vinhdanh init`", root.display()),
            format!("{} has no site.toml: run this in the site's folder, or make a site with `vinhdanh init`", root.display()),
        ));
    }
    let year = today.year;
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| default_title(kind, year));
    let issuer = first_body(root).unwrap_or_else(|| "ubnd-xa".into());
    let next = next_number(root, year);
    let number = format!("{next}/QĐ-UBND");
    let slug = match kind {
        Kind::Award => format!("{year}-{next}-qd-ubnd"),
        _ => crate::text::slugify(&title),
    };
    let slug = if slug.is_empty() {
        "moi".to_string()
    } else {
        slug
    };
    // A free name: `slug`, else `slug-2`, `slug-3`…
    let mut rel = PathBuf::from("content")
        .join(kind.folder())
        .join(format!("{slug}.md"));
    let mut n = 2;
    while root.join(&rel).exists() {
        rel = PathBuf::from("content")
            .join(kind.folder())
            .join(format!("{slug}-{n}.md"));
        n += 1;
    }
    let fill = Fill {
        title,
        date: today,
        issuer,
        number,
        movement: None,
        decision: None,
    };
    write_new(&root.join(&rel), &record_text(kind, &fill))?;
    Ok(rel)
}

/// The slug of the site's first `[[bodies]]`, read leniently from `site.toml`.
fn first_body(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table
        .get("bodies")?
        .as_array()?
        .first()?
        .get("slug")?
        .as_str()
        .map(str::to_string)
}

/// The next free decision number of `year`: one more than the largest `number = "N/…"` of
/// the decisions dated that year (read leniently: a file with mistakes still counts).
fn next_number(root: &Path, year: i32) -> u64 {
    let dir = root.join("content").join(Kind::Award.folder());
    let mut largest = 0;
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let mut number = None;
        let mut of_year = false;
        for line in text.lines().take(200) {
            let line = line.trim();
            if let Some(v) = value_of(line, "number") {
                number = v
                    .split('/')
                    .next()
                    .and_then(|n| n.trim().parse::<u64>().ok());
            } else if let Some(v) = value_of(line, "date") {
                of_year |= Date::parse(v).is_ok_and(|d| d.year == year);
            } else if line.starts_with("[[") {
                break;
            }
        }
        if of_year {
            largest = largest.max(number.unwrap_or(0));
        }
    }
    largest + 1
}

/// The value of `key = value` (quotes removed) on a line of front matter.
fn value_of<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let rest = line.strip_prefix(key)?.trim_start();
    let v = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':'))?;
    let v = v.split('#').next().unwrap_or("").trim();
    Some(v.trim_matches('"').trim_matches('\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_their_vietnamese_names() {
        assert_eq!(kind_of("quyet-dinh"), Some(Kind::Award));
        assert_eq!(kind_of("Quyết định"), Some(Kind::Award));
        assert_eq!(kind_of("guong"), Some(Kind::Person));
        assert_eq!(kind_of("phong-trao"), Some(Kind::Movement));
        assert_eq!(kind_of("cong-khai"), Some(Kind::Notice));
        assert_eq!(kind_of("ke-hoach"), Some(Kind::Plan));
        assert_eq!(kind_of("trang"), Some(Kind::Page));
        assert_eq!(kind_of("x"), None);
    }

    #[test]
    fn commune_names_get_one_xa() {
        assert_eq!(commune_name("Tân Việt"), "Xã Tân Việt");
        assert_eq!(commune_name("xã Tân Việt"), "Xã Tân Việt");
        assert_eq!(commune_name("Xã Tân Việt"), "Xã Tân Việt");
    }

    #[test]
    fn comments_are_aligned_but_values_never_changed() {
        let text =
            "a = 1  # một\nlonger = \"x  # y\"  # hai\n# note = 2  # ba\n# chỉ là chú thích\n";
        assert_eq!(
            align(text),
            "a = 1              # một\nlonger = \"x  # y\"  # hai\n# note = 2         # ba\n# chỉ là chú thích\n"
        );
        let f = Fill {
            title: "Tên  # có dấu thăng \" và ngoặc".into(),
            date: Date::new(2026, 3, 15).unwrap(),
            issuer: "ubnd-xa".into(),
            number: "5/QĐ-UBND".into(),
            movement: None,
            decision: None,
        };
        for kind in Kind::ALL {
            let text = record_text(kind, &f);
            assert!(text.contains("draft = true"), "{kind:?}");
            let front = text.split("+++").nth(1).unwrap();
            let table: toml::Table = toml::from_str(front).unwrap();
            let title = table.get("title").or_else(|| table.get("name")).unwrap();
            assert_eq!(title.as_str(), Some(f.title.as_str()), "{kind:?}");
        }
    }

    #[test]
    fn values_of_front_matter_lines() {
        assert_eq!(
            value_of("number = \"168/QĐ-UBND\"", "number"),
            Some("168/QĐ-UBND")
        );
        assert_eq!(
            value_of("date = 2024-12-16 # ngày", "date"),
            Some("2024-12-16")
        );
        assert_eq!(value_of("numbers = 1", "number"), None);
    }
}
