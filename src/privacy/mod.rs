//! The privacy guard (Nghị định 13/2023/NĐ-CP): citizen ID numbers, phone numbers, e-mail
//! addresses and full birth dates must not be published. Any of them found in text that
//! reaches the output — a record's front matter and body, `site.toml`, a record's file name
//! (which becomes its URL) — is an error pointing at the exact span, unless the record (or
//! `site.toml`) lists that kind in `allow = [...]` (for a public office's phone or e-mail).
//! Sensitive personal data (ethnicity, religion, health, criminal record…) in a person's
//! record without recorded consent is a warning.
//!
//! How the text is read:
//!
//! - **Units.** The text is cut into the pieces a reader sees as one run of words: a line of
//!   TOML or YAML front matter, a TOML multi-line string (`"""`, `'''`), a YAML block scalar
//!   (`|`, `>`), quoted or plain scalar continued over lines, a Markdown paragraph (its soft
//!   line breaks joined), a list item, a table row, a line of code. A number split over two
//!   lines of one paragraph is one number.
//! - **Cheap tests first.** A unit is only looked at when it holds enough digits (or
//!   characters that may stand for digits: entities, escapes, full-width forms), an `@` (or
//!   what may stand for one), or a birth word.
//! - **Normalisation, only where needed.** A unit holding `&`, `\`, `%` or non-plain
//!   Unicode is normalised: HTML entities (`&#48;`, `&#x30;`, `&commat;`…), TOML/YAML and
//!   Markdown escapes (`\u0030`, `\x40`, `\.`) and `%XX` escapes (`mailto:` links) decoded,
//!   NFKC applied (full-width digits `０９１２`), zero-width characters removed, Unicode
//!   spaces made spaces and dashes made `-`. A map from each normalised byte back to the
//!   original keeps every message at the line and column of the original text.
//! - **Numbers** are chains of digit groups joined by what people type between them
//!   (spaces, `.`, `-`, `/`, brackets): `0912 - 345 - 678`, `(0912) 345 678`,
//!   `+84 912 345 678`, `142.345.678`. Within a chain, runs of groups holding 9 to 12 digits
//!   are judged: a phone number (10–11 digits from `0`, 11–12 from `84`, or after `+`), a
//!   12-digit CCCD, a 9-digit CMND. Dates (`16/12/2024`), years (`2019 2020 2021`), amounts
//!   (`234.000.000 đồng`, `amount = …`) and the tail of a larger dotted number are not.

use crate::error::{msg, Diagnostic};
use crate::source::{Format, SourceFile};
use regex::Regex;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// The kinds of personal data the guard looks for, as written in `allow`.
pub(crate) const KINDS: [&str; 4] = ["citizen_id", "phone", "email", "birth_date"];

/// At most this many personal-data errors are listed per file; one more says how many
/// were left out.
const MAX_REPORTED: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    BirthDate,
    Email,
    CitizenId,
    Phone,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::CitizenId => "citizen_id",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::BirthDate => "birth_date",
        }
    }
    fn vi(self) -> &'static str {
        match self {
            Kind::CitizenId => "số căn cước công dân, chứng minh nhân dân",
            Kind::Phone => "số điện thoại",
            Kind::Email => "địa chỉ thư điện tử",
            Kind::BirthDate => "ngày sinh đầy đủ",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Kind::CitizenId => "a citizen ID number",
            Kind::Phone => "a phone number",
            Kind::Email => "an e-mail address",
            Kind::BirthDate => "a full birth date",
        }
    }
}

/// Where the text comes from, for the hint.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Record,
    Config,
}

/// A piece of text read as one run of words; `birth_column` marks a cell of a table
/// column headed "Ngày sinh", in which any full date is a birth date.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Unit {
    range: Range<usize>,
    birth_column: bool,
}

/// One piece of personal data: byte range in the file's text and kind.
#[derive(Clone, Debug)]
struct Hit {
    range: Range<usize>,
    kind: Kind,
}

struct Patterns {
    birth: Regex,
    date: Regex,
    email: Regex,
    email_words: Regex,
    header: Regex,
    sensitive: Regex,
}

/// A full date as people write it (day, month and year).
const DATE: &str = r"(?:[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*(?:[0-9]{4}|[0-9]{2})(?-u:\b)|[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s*,?\s*năm\s+[0-9]{2,4}|[0-9]{4}\s*-\s*[0-9]{1,2}\s*-\s*[0-9]{1,2}(?-u:\b)|[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+[0-9]{4}|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4})";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // The word that introduces a birth date, then what may stand between it and the
        // date ("SN: ", "sinh vào ngày ", "ngày sinh (dd/mm/yyyy): ").
        let birth = format!(
            r"(?i)(?P<kw>(?-i:SN)(?-u:\b)|(?-i:DOB)|d\.o\.b\.?|ngày\s*[,/-]?\s*tháng\s*[,/-]?\s*năm\s+sinh|ngày\s+sinh|năm\s+sinh|sinh(?:\s+ra)?(?:\s+vào)?(?:\s+(?:ngày|hôm|năm))?|born(?:\s+on)?|date\s+of\s+birth|birth\s*date|birthday)\s*(?:\([^)\n]{{0,24}}\))?\s*[:=–-]?\s*(?:là\s+)?(?:vào\s+)?(?:ngày\s+)?(?P<date>{DATE})"
        );
        // Local part, an `@` (or `[at]`, `(at)`, ` @ `), a domain with `.` (or `[dot]`…).
        let at = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|@|a\s*còng)\s*[\])}>]\s*)";
        let dot = r"(?:\s*\.\s*|\s*[\[({<]\s*(?:dot|chấm|\.)\s*[\])}>]\s*|\s+(?:dot|chấm)\s+)";
        let email = format!(
            r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+-]*{at}[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:{dot}[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*{dot}[a-z]{{2,24}}(?-u:\b)"
        );
        // `abc at gmail dot com`: the words alone only count with a spelled-out dot.
        let word_dot = r"(?:\s+(?:dot|chấm)\s+|\s*[\[({<]\s*(?:dot|chấm|\.)\s*[\])}>]\s*)";
        let email_words = format!(
            r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+-]*\s+(?:at|a\s*còng)\s+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:{word_dot}[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*{word_dot}[a-z]{{2,24}}(?-u:\b)"
        );
        Patterns {
            birth: Regex::new(&birth).expect("valid"),
            date: Regex::new(&format!("(?i){DATE}")).expect("valid"),
            email: Regex::new(&email).expect("valid"),
            email_words: Regex::new(&email_words).expect("valid"),
            header: Regex::new(
                r"(?i)ngày\s*[,/-]?\s*(?:tháng\s*[,/-]?\s*năm\s*)?sinh|năm\s+sinh|sinh\s+ngày|^\s*(?-i:SN)\s*$|date\s+of\s+birth|birth|(?-i:DOB)|born",
            )
            .expect("valid"),
            sensitive: Regex::new(SENSITIVE).expect("valid"),
        }
    })
}

/// Sensitive personal data (Nghị định 13/2023/NĐ-CP, Điều 2 khoản 4): phrases that state a
/// person's ethnicity, religion, health or disability, criminal record or sexual life.
/// Written narrowly, so that "Toàn dân đoàn kết…" or "khám bệnh cho bà con" do not match.
const SENSITIVE: &str = r"(?x)
  (?P<ethnic>
      (?i:dân\s+tộc)\s*:
    | (?i:dân\s+tộc)\s+(?:Kinh|Tày|Thái|Mường|Khmer|Khơ\s*-?\s*me|Hoa|Nùng|H['’]?\s*Mông|Hmông|Mông|Dao|Gia\s*-?\s*Rai|Jrai|Ê\s*-?\s*Đê|Ba\s*-?\s*Na|Sán\s+Chay|Sán\s+Chỉ|Chăm|Cơ\s*-?\s*Ho|Xơ\s*-?\s*Đăng|Sán\s+Dìu|Hrê|Ra\s*-?\s*Glai|Mnông|M['’]\s*Nông|Thổ|Xtiêng|Stiêng|Khơ\s*-?\s*mú|Bru|Vân\s+Kiều|Cơ\s*-?\s*Tu|Giáy|Tà\s*-?\s*Ôi|Mạ|Giẻ\s*-?\s*Triêng|Co|Chơ\s*-?\s*Ro|Xinh\s*-?\s*Mun|Hà\s*-?\s*Nhì|Chu\s*-?\s*Ru|Lào|La\s+Chí|Kháng|Phù\s+Lá|La\s+Hủ|La\s+Ha|Pà\s+Thẻn|Lự|Ngái|Chứt|Lô\s*-?\s*Lô|Mảng|Cờ\s+Lao|Cơ\s+Lao|Bố\s+Y|Cống|Si\s*-?\s*La|Pu\s*-?\s*Péo|Rơ\s*-?\s*Măm|Brâu|Ơ\s*-?\s*Đu|thiểu\s+số)
    | (?i:là\s+người\s+dân\s+tộc|thuộc\s+dân\s+tộc|thành\s+phần\s+dân\s+tộc|người\s+dân\s+tộc\s+thiểu\s+số)
    | (?i:người|đồng\s+bào)\s+(?:Tày|Mường|Khmer|Nùng|H['’]?\s*Mông|Hmông|Mông|Dao|Ê\s*-?\s*Đê|Gia\s*-?\s*Rai|Ba\s*-?\s*Na|Chăm|Xơ\s*-?\s*Đăng|Sán\s+Dìu|Sán\s+Chay|Cơ\s*-?\s*Tu|Khơ\s*-?\s*mú)
  )
  | (?P<religion>(?i:
      tôn\s+giáo\s*:
    | theo\s+(?:đạo|tôn\s+giáo)
    | đạo\s+(?:thiên\s+chúa|phật|tin\s+lành|cao\s+đài|hòa\s+hảo|hồi|công\s+giáo)
    | thiên\s+chúa\s+giáo|công\s+giáo|phật\s+giáo|hồi\s+giáo|tin\s+lành|cao\s+đài|hòa\s+hảo
    | phật\s+tử|tín\s+đồ|giáo\s+dân|quy\s+y
  ))
  | (?P<health>(?i:
      bị\s+bệnh|mắc\s+bệnh|căn\s+bệnh|bệnh\s+hiểm\s+nghèo|bệnh\s+nan\s+y|bệnh\s+tật|bệnh\s+án
    | khuyết\s+tật|tàn\s+tật|ung\s+thư|tâm\s+thần|trầm\s+cảm|khiếm\s+thị|khiếm\s+thính
    | bại\s+liệt|liệt\s+nửa\s+người|di\s+chứng|chất\s+độc\s+da\s+cam|đột\s+quỵ|tai\s+biến
    | suy\s+thận|chạy\s+thận|sức\s+khỏe\s*:|tình\s+trạng\s+sức\s+khỏe|nhiễm\s+(?:HIV|chất\s+độc)
  )|(?-u:\b)(?:HIV|AIDS)(?-u:\b))
  | (?P<crime>(?i:
      tiền\s+án|tiền\s+sự|án\s+tích|phạm\s+tội|phạm\s+nhân|can\s+phạm|mãn\s+hạn\s+tù|ra\s+tù
    | đi\s+tù|ngồi\s+tù|án\s+tù|trại\s+giam|trại\s+cải\s+tạo|bị\s+kết\s+án|án\s+treo
    | cai\s+nghiện|nghiện\s+ma\s+túy|hoàn\s+lương|xóa\s+án
  ))
  | (?P<sexual>(?i:đồng\s+tính|chuyển\s+giới|song\s+tính)|(?-u:\b)LGBT)
";

// ---------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------

/// Every piece of personal data in the record (front matter and body) that `allow` does
/// not permit.
pub(crate) fn scan(src: &SourceFile, allow: &[String]) -> Vec<Diagnostic> {
    let text = src.text.as_str();
    let mut units = Vec::new();
    let front = src.front.start.min(text.len())..src.front.end.min(text.len());
    match src.format {
        Format::Toml => toml_units(text, front, &mut units),
        Format::Yaml => yaml_units(text, front, &mut units),
    }
    let body = src.body_start.min(text.len())..text.len();
    markdown_units(text, body, &mut units);
    let hits = find(text, &units, allow);
    report(text, &src.path, hits, Origin::Record)
}

/// Every piece of personal data in `site.toml`'s strings (its title, description, labels
/// are published); `allow` is the list at the top of `site.toml`.
pub(crate) fn scan_config(text: &str, path: &Path, allow: &[String]) -> Vec<Diagnostic> {
    let mut units = Vec::new();
    toml_units(text, 0..text.len(), &mut units);
    let hits = find(text, &units, allow);
    report(text, path, hits, Origin::Config)
}

/// Whether free text published outside any record (a commit message in a record's
/// revision history) holds personal data of any kind; such text is not published.
pub(crate) fn holds_personal_data(text: &str) -> bool {
    let mut units = Vec::new();
    markdown_units(text, 0..text.len(), &mut units);
    !find(text, &units, &[]).is_empty()
}

/// Whether free text published from outside a record's own file (a cell of its list of
/// recipients) holds personal data that `allow` does not let it publish.
pub(crate) fn holds_unallowed(text: &str, allow: &[String]) -> bool {
    let mut units = Vec::new();
    markdown_units(text, 0..text.len(), &mut units);
    !find(text, &units, allow).is_empty()
}

/// The values of `site.toml`'s `allow` that name no kind of personal data.
pub(crate) fn check_allow(allow: &[String], path: &Path, text: &str) -> Vec<Diagnostic> {
    allow
        .iter()
        .filter(|v| !KINDS.contains(&v.as_str()))
        .map(|value| {
            let quoted = format!("\"{value}\"");
            let (line, column) = text
                .lines()
                .enumerate()
                .find_map(|(i, l)| l.find(&quoted).map(|c| (i + 1, l[..c].chars().count() + 2)))
                .unwrap_or((0, 0));
            Diagnostic::error(
                "unknown-value",
                path,
                line,
                msg(
                    format!("giá trị “{value}” không dùng được trong allow"),
                    format!("unknown value \"{value}\" in allow"),
                ),
            )
            .at(column, value.chars().count())
            .with_hint(crate::text::did_you_mean(value, KINDS))
        })
        .collect()
}

/// Personal data in a record's file name, which becomes its address (`0912345678.md` →
/// `/guong-dien-hinh/0912345678/`). Reported at line 1 of the file.
pub(crate) fn scan_file_name(path: &Path, allow: &[String]) -> Vec<Diagnostic> {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return Vec::new();
    };
    // Most names hold too few digits, no `@` and nothing to decode.
    let digits = stem.bytes().filter(u8::is_ascii_digit).count();
    if digits < 9 && stem.is_ascii() && !stem.contains(['@', '%', '&', '\\']) {
        return Vec::new();
    }
    // Underscores separate words in file names as dashes do.
    let name = stem.replace('_', "-");
    let units = [Unit {
        range: 0..name.len(),
        birth_column: false,
    }];
    let mut hits = find(&name, &units, allow);
    hits.sort_by_key(|h| (h.range.start, h.kind));
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(stem)
        .to_string();
    hits.into_iter()
        .take(MAX_REPORTED)
        .map(|h| {
            let found = &stem[h.range.start.min(stem.len())..h.range.end.min(stem.len())];
            Diagnostic::error(
                "personal-data",
                path,
                1,
                msg(
                    format!("tên tệp “{file_name}” trở thành đường dẫn trên trang nhưng chứa {} (“{found}”)", h.kind.vi()),
                    format!("the file name \"{file_name}\" becomes a web address but holds {} (\"{found}\")", h.kind.en()),
                ),
            )
            .with_hint(msg(
                format!("đổi tên tệp (ví dụ theo họ tên: nguyen-van-an.md), hoặc ghi slug = \"...\" trong phần đầu tệp; nếu đây là thông tin công khai của cơ quan, ghi allow = [\"{}\"]", h.kind.key()),
                format!("rename the file (after the name, e.g. nguyen-van-an.md) or set slug = \"...\" in the front matter; if it is a public office's contact, add allow = [\"{}\"]", h.kind.key()),
            ))
        })
        .collect()
}

/// Sensitive personal data in a person's record published without consent: a warning at
/// each phrase (its ethnicity, religion, health, criminal record, sexual life).
pub(crate) fn scan_sensitive(src: &SourceFile) -> Vec<Diagnostic> {
    let text = src.text.as_str();
    let p = patterns();
    let mut out = Vec::new();
    let mut cursor = Cursor::default();
    for caps in p.sensitive.captures_iter(text) {
        if out.len() >= MAX_REPORTED {
            break;
        }
        let m = caps.get(0).expect("whole match");
        // Only whole words: "Co" must not match the start of "Công".
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || text[m.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let (vi, en) = if caps.name("ethnic").is_some() {
            ("nguồn gốc dân tộc", "ethnic origin")
        } else if caps.name("religion").is_some() {
            ("tôn giáo", "religion")
        } else if caps.name("health").is_some() {
            ("tình trạng sức khỏe", "health")
        } else if caps.name("crime").is_some() {
            ("tiền án, tiền sự, hành vi phạm tội", "a criminal record")
        } else {
            (
                "đời sống tình dục, xu hướng tính dục",
                "sexual life or orientation",
            )
        };
        let (line, column, len) = cursor.locate(text, m.range());
        out.push(
            Diagnostic::warning(
                "sensitive-data",
                &src.path,
                line,
                msg(
                    format!("“{}” là dữ liệu cá nhân nhạy cảm ({vi}), không được công bố khi chưa có sự đồng ý (consent)", m.as_str()),
                    format!("\"{}\" is sensitive personal data ({en}) and cannot be published without recorded consent", m.as_str()),
                ),
            )
            .at(column, len)
            .with_hint(msg(
                "Nghị định 13/2023/NĐ-CP (Điều 2) coi dân tộc, tôn giáo, sức khỏe, tiền án, tiền sự là dữ liệu nhạy cảm: bỏ chi tiết này, hoặc chỉ ghi consent = true khi người được nêu gương (hoặc gia đình) đã đồng ý bằng văn bản",
                "Decree 13/2023 (art. 2) counts ethnicity, religion, health and criminal records as sensitive data: remove the detail, or set consent = true only once the person (or family) has agreed in writing",
            )),
        );
    }
    out
}

// ---------------------------------------------------------------------------------------
// Finding
// ---------------------------------------------------------------------------------------

/// Cheap facts about a unit's bytes, to skip the ones that cannot hold personal data.
struct Features {
    digits: usize,
    /// Bytes that may stand for a digit or an `@` once decoded: `&`, `\`, `%`, the lead
    /// bytes of full-width and mathematical forms, superscripts and enclosed digits.
    coded: usize,
    at: bool,
}

fn features(b: &[u8]) -> Features {
    // Branch-free passes over chunks with byte counters, which the compiler vectorises.
    let (mut digits, mut coded) = (0usize, 0usize);
    for chunk in b.chunks(255) {
        let (mut d, mut c) = (0u8, 0u8);
        for &x in chunk {
            d += u8::from(x.wrapping_sub(b'0') < 10);
            c += u8::from((x == b'&') | (x == b'\\') | (x == b'%') | (x.wrapping_sub(0xEF) < 2));
        }
        digits += usize::from(d);
        coded += usize::from(c);
    }
    // U+2070..U+24FF (superscripts, subscripts, enclosed digits) and ², ³, ¹.
    for i in memchr::memchr2_iter(0xE2, 0xC2, b) {
        let next = b.get(i + 1).copied().unwrap_or(0);
        coded += usize::from(
            (b[i] == 0xE2 && (0x81..=0x93).contains(&next))
                || (b[i] == 0xC2 && matches!(next, 0xB2 | 0xB3 | 0xB9)),
        );
    }
    Features {
        digits,
        coded,
        at: memchr::memchr(b'@', b).is_some(),
    }
}

/// Where the words that birth-date patterns start with ("sinh", "born", "birth", "DOB",
/// "SN") and the words that may stand for an `@` ("at", "còng") are, found in a few
/// vectorised passes over the whole text: offsets, in increasing order.
fn keywords(text: &str) -> (Vec<usize>, Vec<usize>) {
    use memchr::memmem::Finder;
    static BIRTH: OnceLock<regex::bytes::Regex> = OnceLock::new();
    static AT: OnceLock<[Finder<'static>; 3]> = OnceLock::new();
    let b = text.as_bytes();
    let re = BIRTH.get_or_init(|| {
        regex::bytes::Regex::new(r"(?-u:sinh|Sinh|SINH|SN|born|Born|BORN|birth|Birth|BIRTH|DOB)")
            .expect("valid")
    });
    let birth = re.find_iter(b).map(|m| m.start()).collect();
    let at = AT.get_or_init(|| [Finder::new("at"), Finder::new("AT"), Finder::new("còng")]);
    let mut ats: Vec<usize> = Vec::new();
    for f in at {
        ats.extend(f.find_iter(b));
    }
    ats.sort_unstable();
    (birth, ats)
}

/// Whether one of the sorted offsets lies in `r`.
fn any_in(offsets: &[usize], r: &Range<usize>) -> bool {
    let i = offsets.partition_point(|&o| o < r.start);
    offsets.get(i).is_some_and(|&o| o < r.end)
}

fn find(text: &str, units: &[Unit], allow: &[String]) -> Vec<Hit> {
    let allowed = |k: Kind| allow.iter().any(|a| a == k.key());
    let p = patterns();
    let mut hits = Vec::new();
    let mut local: Vec<(Range<usize>, Kind)> = Vec::new();
    let (birth_words, at_words) = keywords(text);
    for u in units {
        let s = &text[u.range.clone()];
        let b = s.as_bytes();
        let f = features(b);
        let may_number = f.digits >= 9 || (f.coded > 0 && f.digits + f.coded >= 9);
        let may_email = f.at || f.coded > 0 || any_in(&at_words, &u.range);
        let may_birth =
            u.birth_column || (f.digits + f.coded >= 4 && any_in(&birth_words, &u.range));
        if !(may_number || may_email || may_birth) {
            continue;
        }
        let norm = Norm::new(s);
        let t: &str = &norm.text;
        local.clear();
        if u.birth_column {
            for m in p.date.find_iter(t) {
                local.push((m.range(), Kind::BirthDate));
            }
        }
        if may_birth {
            for c in p.birth.captures_iter(t) {
                let kw = c.name("kw").expect("group");
                if !is_birth_keyword(t, kw.start(), kw.as_str()) {
                    continue;
                }
                let whole = c.get(0).expect("whole");
                local.push((whole.range(), Kind::BirthDate));
            }
        }
        if may_email {
            for re in [&p.email, &p.email_words] {
                local.sort_by_key(|x| x.0.start);
                let before = local.len();
                for m in re.find_iter(t) {
                    if !overlaps(&local[..before], &m.range()) {
                        local.push((m.range(), Kind::Email));
                    }
                }
            }
        }
        if may_number {
            local.sort_by_key(|x| x.0.start);
            numbers(t.as_bytes(), &mut local);
        }
        for (r, kind) in local.drain(..) {
            if allowed(kind) {
                continue;
            }
            let start = u.range.start + norm.orig(r.start);
            let end = u.range.start + norm.orig(r.end);
            hits.push(Hit {
                range: start..end.max(start + 1).min(u.range.end),
                kind,
            });
        }
    }
    hits
}

/// Words that end in "sinh" without meaning birth: học sinh (pupil), hy sinh (died as a
/// martyr), sinh hoạt, vệ sinh…
fn is_birth_keyword(t: &str, start: usize, kw: &str) -> bool {
    let before = &t[..start];
    if before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    if !kw.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("sinh")) {
        return true;
    }
    let word: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    !matches!(
        word.as_str(),
        "học"
            | "thí"
            | "giáo"
            | "nghiên"
            | "hy"
            | "hi"
            | "vệ"
            | "phát"
            | "nảy"
            | "sản"
            | "tái"
            | "hồi"
            | "sơ"
            | "lưu"
            | "nữ"
            | "nam"
            | "tân"
            | "mưu"
            | "dân"
            | "an"
            | "cộng"
            | "kế"
            | "sát"
            | "phóng"
            | "trường"
            | "khai"
            | "hậu"
            | "ký"
            | "kí"
            | "môn"
            | "phục"
            | "nhân"
            | "chúng"
            | "quyên"
            | "cứu"
            | "đẻ"
    )
}

/// Whether `r` overlaps one of `taken`, sorted ranges that do not overlap each other.
fn overlaps(taken: &[(Range<usize>, Kind)], r: &Range<usize>) -> bool {
    let i = taken.partition_point(|(t, _)| t.end <= r.start);
    taken.get(i).is_some_and(|(t, _)| t.start < r.end)
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

mod digits;
/// What stands between two digit groups of a chain.
mod normalise;
mod position;
mod units;

use digits::*;
use normalise::*;
use position::*;
use units::*;

#[cfg(test)]
mod tests;
