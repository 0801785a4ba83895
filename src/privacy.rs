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
pub const KINDS: [&str; 4] = ["citizen_id", "phone", "email", "birth_date"];

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
pub fn scan(src: &SourceFile, allow: &[String]) -> Vec<Diagnostic> {
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
pub fn scan_config(text: &str, path: &Path, allow: &[String]) -> Vec<Diagnostic> {
    let mut units = Vec::new();
    toml_units(text, 0..text.len(), &mut units);
    let hits = find(text, &units, allow);
    report(text, path, hits, Origin::Config)
}

/// The values of `site.toml`'s `allow` that name no kind of personal data.
pub fn check_allow(allow: &[String], path: &Path, text: &str) -> Vec<Diagnostic> {
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
pub fn scan_file_name(path: &Path, allow: &[String]) -> Vec<Diagnostic> {
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
pub fn scan_sensitive(src: &SourceFile) -> Vec<Diagnostic> {
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

/// What stands between two digit groups of a chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    /// The first group of a chain.
    Start,
    /// Only blanks.
    Space,
    /// One `.`, `-` or `/` with nothing around it: `0912.345.678`, `16/12/2024`.
    Tight(u8),
    /// One `.`, `-` or `/` with blanks around it: `0912 - 345`.
    Spaced(u8),
    /// Brackets: `(0912) 345`, `+84 (0) 912`.
    Bracket,
}

#[derive(Clone, Copy, Debug)]
struct Group {
    start: usize,
    end: usize,
    sep: Sep,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Reads blanks from `i`: (end, newlines seen), at most 16 bytes.
fn blanks(t: &[u8], mut i: usize) -> (usize, usize) {
    let (start, mut nl) = (i, 0);
    while i < t.len() && is_blank(t[i]) && i - start < 16 {
        nl += usize::from(t[i] == b'\n');
        i += 1;
    }
    (i, nl)
}

/// The separator after a digit group ending at `i`, and where the next group would start.
fn separator(t: &[u8], i: usize) -> Option<(Sep, usize)> {
    let (mut j, mut nl) = blanks(t, i);
    let spaced_before = j > i;
    let sep = match t.get(j) {
        Some(&c @ (b'.' | b'-' | b'/')) => {
            j += 1;
            let (k, n) = blanks(t, j);
            nl += n;
            // `1. 2. 3.` — a dot right after a group and a blank after it is the end of a
            // sentence or a list number, not a separator typed inside a number.
            if c == b'.' && !spaced_before && k > j {
                return None;
            }
            let spaced = spaced_before || k > j;
            j = k;
            if spaced {
                Sep::Spaced(c)
            } else {
                Sep::Tight(c)
            }
        }
        Some(b')' | b']') => {
            let (k, n) = blanks(t, j + 1);
            nl += n;
            j = k;
            if matches!(t.get(j), Some(b'(' | b'[')) {
                let (k, n) = blanks(t, j + 1);
                nl += n;
                j = k;
            }
            Sep::Bracket
        }
        Some(b'(' | b'[') => {
            let (k, n) = blanks(t, j + 1);
            nl += n;
            j = k;
            Sep::Bracket
        }
        _ if spaced_before => Sep::Space,
        _ => return None,
    };
    (nl <= 1 && t.get(j).is_some_and(u8::is_ascii_digit)).then_some((sep, j))
}

/// Finds the ID and phone numbers in a (normalised) unit, skipping what is already taken.
fn numbers(t: &[u8], out: &mut Vec<(Range<usize>, Kind)>) {
    let prior = out.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match memchr_digit(t, i) {
            Some(s) => i = s,
            None => break,
        }
        groups.clear();
        let mut sep = Sep::Start;
        loop {
            let s = i;
            while i < t.len() && t[i].is_ascii_digit() {
                i += 1;
            }
            groups.push(Group {
                start: s,
                end: i,
                sep,
            });
            match separator(t, i) {
                Some((next, j)) => {
                    sep = next;
                    i = j;
                }
                None => break,
            }
        }
        judge_chain(t, &groups, prior, out);
    }
}

fn memchr_digit(t: &[u8], from: usize) -> Option<usize> {
    t[from..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| from + p)
}

fn is_year(t: &[u8], g: &Group) -> bool {
    g.len() == 4 && matches!(&t[g.start..g.start + 2], b"19" | b"20")
}

fn value(t: &[u8], g: &Group) -> u32 {
    t[g.start..g.end]
        .iter()
        .take(6)
        .fold(0, |v, &d| v * 10 + u32::from(d - b'0'))
}

/// Marks the groups that form a date: d/m/yyyy, d.m.yy, yyyy-mm-dd, m/yyyy.
fn mark_dates(t: &[u8], g: &[Group], date: &mut [bool]) {
    let day = |x: &Group| (1..=2).contains(&x.len()) && (1..=31).contains(&value(t, x));
    let month = |x: &Group| (1..=2).contains(&x.len()) && (1..=12).contains(&value(t, x));
    let tight = |x: &Group| match x.sep {
        Sep::Tight(c) => Some(c),
        _ => None,
    };
    for i in 0..g.len() {
        // d/m/y (same separator twice), y 4 digits or 2 digits after a slash.
        if i + 2 < g.len()
            && day(&g[i])
            && month(&g[i + 1])
            && tight(&g[i + 1]).is_some()
            && tight(&g[i + 1]) == tight(&g[i + 2])
            && (is_year(t, &g[i + 2]) || (g[i + 2].len() == 2 && tight(&g[i + 2]) == Some(b'/')))
        {
            date[i..=i + 2].fill(true);
        }
        // y-m-d.
        if i + 2 < g.len()
            && is_year(t, &g[i])
            && month(&g[i + 1])
            && day(&g[i + 2])
            && tight(&g[i + 1]).is_some()
            && tight(&g[i + 1]) == tight(&g[i + 2])
        {
            date[i..=i + 2].fill(true);
        }
        // m/yyyy.
        if i + 1 < g.len()
            && month(&g[i])
            && is_year(t, &g[i + 1])
            && matches!(tight(&g[i + 1]), Some(b'/' | b'-' | b'.'))
        {
            date[i..=i + 1].fill(true);
        }
    }
}

/// Words after a number that make it an amount of money (a currency, as a whole word).
fn followed_by_currency(t: &[u8], end: usize) -> bool {
    let (j, _) = blanks(t, end);
    let rest = &t[j..t.len().min(j + 24)];
    let rest = match std::str::from_utf8(rest) {
        Ok(r) => r,
        Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
    };
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || matches!(c, '₫' | '$'))
        .take(8)
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        word.as_str(),
        "đồng"
            | "đ"
            | "₫"
            | "vnđ"
            | "vnd"
            | "triệu"
            | "tỷ"
            | "tỉ"
            | "nghìn"
            | "ngàn"
            | "usd"
            | "$"
            | "đ/người"
            | "đ/năm"
    )
}

/// Words before a number that make it an amount of money (`amount = 234000000`,
/// "số tiền thưởng: 142.345.678").
fn preceded_by_money(t: &[u8], start: usize) -> bool {
    let from = start.saturating_sub(48);
    let before = String::from_utf8_lossy(&t[from..start]).to_lowercase();
    let key = before.trim_end().trim_end_matches(['"', '\'']).trim_end();
    if key.ends_with("amount =") || key.ends_with("amount:") || key.ends_with("amount=") {
        return true;
    }
    [
        "tiền",
        "mức thưởng",
        "kinh phí",
        "trị giá",
        "giá trị",
        "quỹ",
        "ngân sách",
        "vốn",
        "doanh thu",
        "thu nhập",
        "amount",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// Judges the runs of groups of one chain, longest first from each group.
fn judge_chain(t: &[u8], g: &[Group], prior: usize, out: &mut Vec<(Range<usize>, Kind)>) {
    let total: usize = g.iter().map(Group::len).sum();
    if total < 9 {
        return;
    }
    let mut date = vec![false; g.len()];
    mark_dates(t, g, &mut date);
    let plus = {
        let mut k = g[0].start;
        while k > 0 && matches!(t[k - 1], b'(' | b'[' | b' ') && g[0].start - k < 3 {
            k -= 1;
        }
        k > 0 && t[k - 1] == b'+'
    };
    let last = g.len() - 1;
    let money_after = followed_by_currency(t, g[last].end);
    let money_before = preceded_by_money(t, g[0].start);
    // The amount-shaped tail (thousands grouped) that a currency word after it covers.
    let mut tail = last;
    while tail > 0 && g[tail].len() == 3 && matches!(g[tail].sep, Sep::Tight(b'.') | Sep::Space) {
        tail -= 1;
    }
    let mut digits = Vec::with_capacity(16);
    let mut s = 0;
    while s < g.len() {
        let mut found = None;
        if !date[s] {
            // Candidate ends, shortest first, then judged longest first.
            let mut n = 0;
            let mut ends = [0usize; 12];
            let mut count = 0;
            let mut e = s;
            while e < g.len() && !date[e] {
                n += g[e].len();
                if n > 12 {
                    break;
                }
                if n >= 9 {
                    ends[count] = e;
                    count += 1;
                }
                e += 1;
            }
            // A group that is a whole number by itself is not glued to the next one.
            let alone = (count > 0 && ends[0] == s).then_some(s);
            for e in alone.into_iter().chain(ends[..count].iter().rev().copied()) {
                let run = &g[s..=e];
                // A year first ("2019 142 345 678"), or two years: a list of years.
                let years = run.iter().filter(|x| is_year(t, x)).count();
                if run.len() > 1 && (is_year(t, &run[0]) || years >= 2) {
                    continue;
                }
                // The tail of a larger dotted number: 1.234.567.890.
                if s > 0 && g[s].sep == Sep::Tight(b'.') && g[s].len() == 3 && g[s - 1].len() <= 3 {
                    continue;
                }
                if e == last && (money_after && e >= tail) {
                    continue;
                }
                digits.clear();
                for x in run {
                    digits.extend_from_slice(&t[x.start..x.end]);
                }
                if money_before && e == last && digits[0] != b'0' {
                    continue;
                }
                if let Some(kind) = classify(&digits, plus && s == 0) {
                    found = Some((e, kind));
                    break;
                }
            }
        }
        match found {
            Some((e, kind)) => {
                let start = if kind == Kind::Phone && plus && s == 0 {
                    // Include the `+` (and a bracket before the group) in the span.
                    t[..g[0].start]
                        .iter()
                        .rposition(|&b| b == b'+')
                        .unwrap_or(g[0].start)
                } else {
                    g[s].start
                };
                let r = start..g[e].end;
                if !overlaps(&out[..prior], &r) {
                    out.push((r, kind));
                }
                s = e + 1;
            }
            None => s += 1,
        }
    }
}

/// The kind of a run of 9 to 12 digits, if it is one.
fn classify(d: &[u8], plus: bool) -> Option<Kind> {
    let l = d.len();
    if plus {
        return Some(Kind::Phone);
    }
    if d.starts_with(b"84") && (l == 11 || l == 12) && d[2] != b'0' {
        return Some(Kind::Phone);
    }
    if d[0] == b'0' && d[1] != b'0' && (l == 10 || l == 11) {
        return Some(Kind::Phone);
    }
    if l == 12 || l == 9 {
        return Some(Kind::CitizenId);
    }
    None
}

// ---------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------

/// A unit's text as it reads once decoded, with the way back to the original bytes.
struct Norm<'a> {
    text: std::borrow::Cow<'a, str>,
    /// For each byte of `text`, the offset in the unit of the character it came from,
    /// and one more for the end. Empty when `text` is the unit itself.
    map: Vec<u32>,
}

impl<'a> Norm<'a> {
    fn new(s: &'a str) -> Norm<'a> {
        let b = s.as_bytes();
        let needs = b.iter().any(|&c| matches!(c, b'&' | b'\\' | b'%'))
            || s.chars().any(|c| !c.is_ascii() && !plain(c));
        if !needs {
            return Norm {
                text: std::borrow::Cow::Borrowed(s),
                map: Vec::new(),
            };
        }
        let mut n = NormBuf {
            text: String::with_capacity(s.len()),
            map: Vec::with_capacity(s.len() + 1),
        };
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'&' {
                if let Some((ch, len)) = entity(&b[i..]) {
                    n.push(ch, i);
                    i += len;
                    continue;
                }
            } else if c == b'\\' {
                if let Some((ch, len)) = escape(&b[i..]) {
                    if let Some(ch) = ch {
                        n.push(ch, i);
                    }
                    i += len;
                    continue;
                }
            } else if c == b'%' {
                let prev_digit = n.text.as_bytes().last().is_some_and(u8::is_ascii_digit);
                if let (false, Some(h), Some(l)) = (
                    prev_digit,
                    b.get(i + 1).and_then(|&x| hex(x)),
                    b.get(i + 2).and_then(|&x| hex(x)),
                ) {
                    let v = h * 16 + l;
                    if (0x20..0x7f).contains(&v) {
                        n.push(char::from(v as u8), i);
                        i += 3;
                        continue;
                    }
                }
            }
            let ch = s[i..].chars().next().expect("char boundary");
            n.push(ch, i);
            i += ch.len_utf8();
        }
        n.map.push(s.len() as u32);
        Norm {
            text: std::borrow::Cow::Owned(n.text),
            map: n.map,
        }
    }

    /// The unit offset of a normalised offset.
    fn orig(&self, i: usize) -> usize {
        if self.map.is_empty() {
            i
        } else {
            self.map[i.min(self.map.len() - 1)] as usize
        }
    }
}

/// A normalised text being built.
struct NormBuf {
    text: String,
    map: Vec<u32>,
}

impl NormBuf {
    fn push_one(&mut self, c: char, at: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.map.push(at as u32);
        }
    }

    /// Adds one decoded character: invisible ones dropped, spaces and dashes made ASCII,
    /// compatibility forms (full-width digits, ＠, superscripts) folded by NFKC.
    fn push(&mut self, c: char, at: usize) {
        if c.is_ascii() {
            let c = if c.is_ascii_whitespace() { ' ' } else { c };
            self.push_one(c, at);
        } else if invisible(c) {
        } else if c.is_whitespace() {
            self.push_one(' ', at);
        } else if dash(c) {
            self.push_one('-', at);
        } else if plain(c) {
            self.push_one(c, at);
        } else {
            use unicode_normalization::UnicodeNormalization;
            for d in std::iter::once(c).nfkc() {
                if invisible(d) {
                } else if d.is_whitespace() {
                    self.push_one(' ', at);
                } else if dash(d) {
                    self.push_one('-', at);
                } else {
                    self.push_one(d, at);
                }
            }
        }
    }
}

/// Characters that are already what NFKC and the other steps would leave.
fn plain(c: char) -> bool {
    if invisible(c) || c.is_whitespace() || dash(c) {
        return false;
    }
    // Vietnamese letters and the usual punctuation, without a table lookup.
    if matches!(c, '\u{c0}'..='\u{24f}' | '\u{1ea0}'..='\u{1ef9}' | '\u{2018}'..='\u{201f}' | '\u{2026}')
    {
        return true;
    }
    unicode_normalization::is_nfkc_quick(std::iter::once(c))
        == unicode_normalization::IsNormalized::Yes
}

fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}' | '\u{34f}'
    )
}

fn dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' | '\u{2043}'
    )
}

fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// An HTML character reference at the start of `b`: (character, bytes used).
fn entity(b: &[u8]) -> Option<(char, usize)> {
    if b.get(1) == Some(&b'#') {
        let (radix, start) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let mut v: u32 = 0;
        let mut i = start;
        while i < b.len() && i - start < 8 {
            match (b[i] as char).to_digit(radix) {
                Some(d) => v = v * radix + d,
                None => break,
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        // The `;` may be left out, as browsers allow.
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return char::from_u32(v).map(|c| (c, i));
    }
    let end = b.iter().take(34).position(|&c| c == b';')?;
    let name = std::str::from_utf8(&b[1..end]).ok()?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "NonBreakingSpace" => '\u{a0}',
        "commat" => '@',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semi" => ';',
        "sol" => '/',
        "bsol" => '\\',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "plus" => '+',
        "minus" => '\u{2212}',
        "hyphen" | "dash" => '\u{2010}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "num" => '#',
        "percnt" => '%',
        "lowbar" | "UnderBar" => '_',
        "ensp" | "emsp" | "emsp13" | "emsp14" | "numsp" | "puncsp" | "thinsp" | "hairsp"
        | "ThinSpace" | "MediumSpace" | "VeryThinSpace" | "Tab" | "NewLine" => ' ',
        "ZeroWidthSpace"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace"
        | "NegativeVeryThinSpace"
        | "zwj"
        | "zwnj"
        | "NoBreak"
        | "shy"
        | "ic"
        | "InvisibleTimes"
        | "af" => '\u{200b}',
        "middot" | "centerdot" | "CenterDot" => '\u{b7}',
        "excl" => '!',
        "quest" => '?',
        "equals" => '=',
        "ast" | "midast" => '*',
        "verbar" | "vert" => '|',
        _ => return None,
    };
    Some((c, end + 1))
}

/// A backslash escape at the start of `b` (TOML, YAML, Markdown): (character or nothing,
/// bytes used).
fn escape(b: &[u8]) -> Option<(Option<char>, usize)> {
    let code = |len: usize| -> Option<(Option<char>, usize)> {
        let digits = b.get(2..2 + len)?;
        let mut v = 0u32;
        for &d in digits {
            v = v * 16 + hex(d)?;
        }
        char::from_u32(v).map(|c| (Some(c), 2 + len))
    };
    match *b.get(1)? {
        b'u' => code(4),
        b'U' => code(8),
        b'x' => code(2),
        b'n' | b't' | b'r' | b'b' | b'f' => Some((Some(' '), 2)),
        // A TOML line-ending backslash joins the lines.
        b'\n' => Some((None, 2)),
        c if c.is_ascii_punctuation() => Some((Some(char::from(c)), 2)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------

/// The lines of `range` in `text` (LF line ends): (start, end without the `\n`).
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = range.start;
    let end = range.end;
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let e = memchr::memchr(b'\n', &text.as_bytes()[start..end])
            .map(|i| start + i)
            .unwrap_or(end);
        let line = (start, e);
        start = e + 1;
        Some(line)
    })
}

fn unit(range: Range<usize>) -> Unit {
    Unit {
        range,
        birth_column: false,
    }
}

/// TOML: one unit per line, comments left out, a multi-line string with the lines it
/// spans.
fn toml_units(text: &str, range: Range<usize>, out: &mut Vec<Unit>) {
    #[derive(PartialEq)]
    enum State {
        Normal,
        MlBasic,
        MlLiteral,
    }
    let b = text.as_bytes();
    let mut state = State::Normal;
    let mut open: Option<usize> = None;
    let range_end = range.end;
    // Most front matter holds no comment, no literal string and no triple quote: then
    // each line is a unit, and no line needs to be read byte by byte.
    let simple = |r: Range<usize>| {
        memchr::memchr2(b'#', b'\'', &b[r.clone()]).is_none()
            && !memchr::memchr_iter(b'"', &b[r.clone()])
                .any(|i| b[r.start + i..r.end].starts_with(b"\"\"\""))
    };
    let all_simple = simple(range.clone());
    for (start, end) in lines(text, range) {
        if state == State::Normal && open.is_none() && (all_simple || simple(start..end)) {
            if end > start {
                out.push(unit(start..end));
            }
            continue;
        }
        let mut i = start;
        let mut cut = end;
        while i < end {
            match state {
                State::MlBasic => {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i..end].starts_with(b"\"\"\"") {
                        state = State::Normal;
                        i += 3;
                        continue;
                    }
                    i += 1;
                }
                State::MlLiteral => {
                    if b[i..end].starts_with(b"'''") {
                        state = State::Normal;
                        i += 3;
                        continue;
                    }
                    i += 1;
                }
                State::Normal => match b[i] {
                    b'#' => {
                        cut = i;
                        break;
                    }
                    b'"' if b[i..end].starts_with(b"\"\"\"") => {
                        state = State::MlBasic;
                        i += 3;
                    }
                    b'\'' if b[i..end].starts_with(b"'''") => {
                        state = State::MlLiteral;
                        i += 3;
                    }
                    b'"' => {
                        i += 1;
                        while i < end && b[i] != b'"' {
                            i += if b[i] == b'\\' { 2 } else { 1 };
                        }
                        i += 1;
                    }
                    b'\'' => {
                        i += 1;
                        while i < end && b[i] != b'\'' {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
        let from = open.take().unwrap_or(start);
        if state == State::Normal {
            if cut > from {
                out.push(unit(from..cut.min(end)));
            }
        } else {
            open = Some(from);
        }
    }
    if let Some(from) = open {
        out.push(unit(from..range_end));
    }
}

/// YAML: one unit per entry, with the lines it continues over (block scalars `|` and `>`,
/// quoted and plain scalars that go on to more indented lines).
fn yaml_units(text: &str, range: Range<usize>, out: &mut Vec<Unit>) {
    let b = text.as_bytes();
    let mut cur: Option<(usize, usize)> = None; // (start, end) of the open unit
    let mut key_indent = 0usize;
    let mut block: Option<usize> = None; // indentation of the key of a block scalar
    let mut quote: Option<u8> = None;
    let close = |cur: &mut Option<(usize, usize)>, out: &mut Vec<Unit>| {
        if let Some((s, e)) = cur.take() {
            out.push(unit(s..e));
        }
    };
    for (start, end) in lines(text, range) {
        let line = &b[start..end];
        let indent = line.iter().take_while(|&&c| c == b' ').count();
        let blank = line.iter().all(|&c| is_blank(c));
        if let Some(k) = block {
            if blank || indent > k {
                if let Some(c) = cur.as_mut() {
                    c.1 = end;
                }
                continue;
            }
            block = None;
        }
        if let Some(q) = quote {
            if let Some(c) = cur.as_mut() {
                c.1 = end;
            }
            if closes_quote(line, q) {
                quote = None;
            }
            continue;
        }
        if blank {
            close(&mut cur, out);
            continue;
        }
        let trimmed = &line[indent..];
        if trimmed.starts_with(b"#") {
            close(&mut cur, out);
            continue;
        }
        let item = trimmed.starts_with(b"- ") || trimmed == b"-";
        let key = key_like(trimmed);
        if cur.is_some() && indent > key_indent && !item && !key {
            if let Some(c) = cur.as_mut() {
                c.1 = end;
            }
            continue;
        }
        close(&mut cur, out);
        cur = Some((start, end));
        key_indent = indent + if item { 2 } else { 0 };
        // The value after `key:` (or after `- `).
        let value = match memchr::memmem::find(trimmed, b": ") {
            Some(p) if key => &trimmed[p + 2..],
            _ if trimmed.ends_with(b":") => &[][..],
            _ if item => &trimmed[2.min(trimmed.len())..],
            _ => trimmed,
        };
        let value = trim_ascii(value);
        if let Some(&first) = value.first() {
            if matches!(first, b'|' | b'>')
                && value[1..]
                    .iter()
                    .take_while(|&&c| c != b'#')
                    .all(|&c| matches!(c, b'+' | b'-' | b'0'..=b'9' | b' '))
            {
                block = Some(indent);
            } else if matches!(first, b'"' | b'\'') && !closes_quote(&value[1..], first) {
                quote = Some(first);
            }
        }
    }
    close(&mut cur, out);
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let s = b.iter().position(|c| !is_blank(*c)).unwrap_or(b.len());
    let e = b.iter().rposition(|c| !is_blank(*c)).map_or(s, |e| e + 1);
    &b[s..e.max(s)]
}

/// Whether a line closes a YAML string opened with `q` (`\"` and `''` do not).
fn closes_quote(line: &[u8], q: u8) -> bool {
    let mut i = 0;
    while i < line.len() {
        if q == b'"' && line[i] == b'\\' {
            i += 2;
            continue;
        }
        if line[i] == q {
            if q == b'\'' && line.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return true;
        }
        i += 1;
    }
    false
}

/// `key:` or `key: value` (after an optional `- `).
fn key_like(t: &[u8]) -> bool {
    let t = t.strip_prefix(b"- ").unwrap_or(t);
    let n = t
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        .count();
    n > 0 && t.get(n) == Some(&b':') && t.get(n + 1).is_none_or(|&c| c == b' ')
}

/// Markdown: a paragraph (lines joined across soft breaks), a list item or quote with its
/// continuation lines, a heading, a table row (a cell under a "Ngày sinh" heading apart),
/// a line of code.
fn markdown_units(text: &str, range: Range<usize>, out: &mut Vec<Unit>) {
    let b = text.as_bytes();
    let all: Vec<(usize, usize)> = lines(text, range).collect();
    let mut cur: Option<(usize, usize, bool)> = None; // (start, end, is a quote)
    let mut fence: Option<(u8, usize)> = None;
    let mut table: Option<Vec<bool>> = None; // birth columns of the table we are in
    let close = |cur: &mut Option<(usize, usize, bool)>, out: &mut Vec<Unit>| {
        if let Some((s, e, _)) = cur.take() {
            out.push(unit(s..e));
        }
    };
    let mut k = 0;
    while k < all.len() {
        let (start, end) = all[k];
        k += 1;
        let line = &b[start..end];
        let indent = line.iter().take_while(|&&c| c == b' ').count();
        let t = &line[indent..];
        if let Some((c, n)) = fence {
            let run = t.iter().take_while(|&&x| x == c).count();
            if run >= n && trim_ascii(&t[run..]).is_empty() {
                fence = None;
            } else {
                out.push(unit(start..end));
            }
            continue;
        }
        let blank = t.iter().all(|&c| is_blank(c));
        if blank {
            close(&mut cur, out);
            table = None;
            continue;
        }
        if indent < 4 && (t.starts_with(b"```") || t.starts_with(b"~~~")) {
            close(&mut cur, out);
            table = None;
            let c = t[0];
            fence = Some((c, t.iter().take_while(|&&x| x == c).count()));
            out.push(unit(start..end));
            continue;
        }
        if let Some(birth) = &table {
            if memchr::memchr(b'|', line).is_some() {
                table_row(text, start, end, birth, out);
                continue;
            }
            table = None;
        }
        if memchr::memchr(b'|', line).is_some() {
            if let Some(&(ds, de)) = all.get(k) {
                if is_delimiter_row(&b[ds..de]) {
                    close(&mut cur, out);
                    let birth: Vec<bool> = cells(text, start, end)
                        .into_iter()
                        .map(|r| patterns().header.is_match(&text[r]))
                        .collect();
                    out.push(unit(start..end));
                    k += 1;
                    table = Some(birth);
                    continue;
                }
            }
        }
        let quote = t.starts_with(b">");
        let heading = t.starts_with(b"#");
        let starts_block = heading
            || quote
            || list_marker(t)
            || t.starts_with(b"<")
            || (indent >= 4 && cur.is_none());
        match cur.as_mut() {
            Some(c) if !starts_block || (quote && c.2) => c.1 = end,
            _ => {
                close(&mut cur, out);
                cur = Some((start, end, quote));
            }
        }
        if heading {
            close(&mut cur, out);
        }
    }
    close(&mut cur, out);
}

fn list_marker(t: &[u8]) -> bool {
    if matches!(t.first(), Some(b'-' | b'*' | b'+')) && t.get(1).is_none_or(|&c| c == b' ') {
        return true;
    }
    let n = t.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=9).contains(&n)
        && matches!(t.get(n), Some(b'.' | b')'))
        && t.get(n + 1).is_none_or(|&c| c == b' ')
}

fn is_delimiter_row(line: &[u8]) -> bool {
    let t = trim_ascii(line);
    t.contains(&b'-')
        && t.contains(&b'|')
        && t.iter()
            .all(|&c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// The byte ranges of a table row's cells.
fn cells(text: &str, start: usize, end: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut s = start;
    let lead = b[start..end].iter().take_while(|&&c| c == b' ').count();
    if b.get(start + lead) == Some(&b'|') {
        s = start + lead + 1;
    }
    let mut i = s;
    while i < end {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'|' {
            out.push(s..i);
            s = i + 1;
        }
        i += 1;
    }
    if !trim_ascii(&b[s.min(end)..end]).is_empty() {
        out.push(s..end);
    }
    out
}

fn table_row(text: &str, start: usize, end: usize, birth: &[bool], out: &mut Vec<Unit>) {
    out.push(unit(start..end));
    if birth.iter().any(|&x| x) {
        for (i, r) in cells(text, start, end).into_iter().enumerate() {
            if birth.get(i) == Some(&true) {
                out.push(Unit {
                    range: r,
                    birth_column: true,
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

/// Walks a text forward to give line and column of offsets met in increasing order, in
/// time linear in the text.
#[derive(Default)]
struct Cursor {
    pos: usize,
    line: usize,
    /// 0-based column (characters) of `pos`.
    col: usize,
}

impl Cursor {
    /// (1-based line, 1-based column, length in characters up to the line's end).
    fn locate(&mut self, text: &str, r: Range<usize>) -> (usize, usize, usize) {
        let start = r.start.min(text.len());
        if start < self.pos {
            *self = Cursor::default();
        }
        let seg = &text.as_bytes()[self.pos..start];
        match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', seg).count();
                self.col = chars(&seg[last + 1..]);
            }
            None => self.col += chars(seg),
        }
        self.pos = start;
        let end = r.end.min(text.len()).max(start);
        let first_line = memchr::memchr(b'\n', &text.as_bytes()[start..end])
            .map(|i| start + i)
            .unwrap_or(end);
        (
            self.line + 1,
            self.col + 1,
            chars(&text.as_bytes()[start..first_line]).max(1),
        )
    }
}

fn chars(b: &[u8]) -> usize {
    b.iter().filter(|&&c| (c & 0xC0) != 0x80).count()
}

fn report(text: &str, path: &Path, mut hits: Vec<Hit>, origin: Origin) -> Vec<Diagnostic> {
    hits.sort_by_key(|h| (h.range.start, h.kind));
    // The same span found twice (a table cell and its row) is reported once.
    hits.dedup_by(|b, a| a.range.start < b.range.end && b.range.start < a.range.end);
    let mut out = Vec::new();
    let mut cursor = Cursor::default();
    for h in hits.iter().take(MAX_REPORTED) {
        let (line, column, len) = cursor.locate(text, h.range.clone());
        let kind = h.kind.key();
        let hint = match origin {
            Origin::Record => msg(
                format!("xóa thông tin này; nếu đây là thông tin công khai của cơ quan, ghi allow = [\"{kind}\"] trong phần đầu tệp"),
                format!("remove it; if it is a public office's contact, add allow = [\"{kind}\"] to the front matter"),
            ),
            Origin::Config => msg(
                format!("xóa thông tin này; nếu đây là thông tin công khai của cơ quan, ghi allow = [\"{kind}\"] ở đầu site.toml (trước mục [[...]] đầu tiên)"),
                format!("remove it; if it is a public office's contact, add allow = [\"{kind}\"] at the top of site.toml (before the first [[...]] section)"),
            ),
        };
        out.push(
            Diagnostic::error(
                "personal-data",
                path,
                line,
                msg(
                    format!("không được công bố {}", h.kind.vi()),
                    format!("{} must not be published", h.kind.en()),
                ),
            )
            .at(column, len)
            .with_hint(hint),
        );
    }
    if hits.len() > MAX_REPORTED {
        let rest = hits.len() - MAX_REPORTED;
        let (line, column, len) = cursor.locate(text, hits[MAX_REPORTED].range.clone());
        out.push(
            Diagnostic::error(
                "personal-data",
                path,
                line,
                msg(
                    format!("còn {rest} chỗ khác có dữ liệu cá nhân trong tệp này, từ đây trở đi"),
                    format!("{rest} more pieces of personal data in this file, from here on"),
                ),
            )
            .at(column, len),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column, length, kind) of each error in a record's text.
    fn found(text: &str, allow: &[&str]) -> Vec<(usize, usize, usize, &'static str)> {
        let src = crate::source::split(Path::new("a.md"), text.to_string()).unwrap();
        let allow: Vec<String> = allow.iter().map(|s| s.to_string()).collect();
        scan(&src, &allow)
            .into_iter()
            .map(|d| (d.line, d.column, d.len, kind_of(&d.message.en)))
            .collect()
    }

    fn kind_of(en: &str) -> &'static str {
        for k in [Kind::CitizenId, Kind::Phone, Kind::Email, Kind::BirthDate] {
            if en.starts_with(k.en()) {
                return k.key();
            }
        }
        "?"
    }

    /// The kinds found in a body text (TOML front matter, then `body`).
    fn kinds_in_body(body: &str) -> Vec<&'static str> {
        found(&format!("+++\ntitle = \"A\"\n+++\n{body}\n"), &[])
            .into_iter()
            .map(|f| f.3)
            .collect()
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in ["", "a", "a\n", "a\nb", "\n\na\n\n", "đ\nư\n"] {
            let got: Vec<&str> = lines(text, 0..text.len())
                .map(|(s, e)| &text[s..e])
                .collect();
            assert_eq!(got, text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn finds_each_kind_with_its_span() {
        let f = found("+++\ntitle = \"A\"\n+++\nCCCD 001099012345, CMND 142345678.\nĐiện thoại: 0912 345 678 hoặc +84912345678.\n\nThư: ong.an@gmail.com\n\nÔng sinh ngày 12/03/1980 tại thôn.\n", &[]);
        assert!(f.contains(&(4, 6, 12, "citizen_id")), "{f:?}");
        assert!(f.contains(&(4, 25, 9, "citizen_id")), "{f:?}");
        assert!(f.contains(&(5, 13, 12, "phone")), "{f:?}");
        assert!(f.contains(&(5, 31, 12, "phone")), "{f:?}");
        assert!(f.contains(&(7, 6, 16, "email")), "{f:?}");
        assert!(
            f.iter()
                .any(|x| x.0 == 9 && x.1 == 5 && x.3 == "birth_date"),
            "{f:?}"
        );
        assert_eq!(f.len(), 6, "{f:?}");
    }

    #[test]
    fn allow_list_and_ordinary_numbers() {
        let text = "+++\ncontact = \"Văn phòng UBND xã, 0220.3745123, ubnd@tanviet.gov.vn\"\namount = 234000000\n+++\nNăm 2024, 45/QĐ-UBND ngày 20/12/2024, 1.080.000 đồng, sinh năm 1980.\n";
        let f = found(text, &[]);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(found(text, &["phone", "email"]).is_empty());
    }

    #[test]
    fn numbers_next_to_vietnamese_letters_are_found() {
        let f = found("+++\n+++\nSố định danh:001099012345 của ông.\n", &[]);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn long_form_birth_dates() {
        let f = found("+++\n+++\nBà sinh ngày 5 tháng 7 năm 1950.\n", &[]);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0, f[0].1), (3, 4));
    }

    /// Numbers as people type them: each must be found, as the kind given.
    #[test]
    fn separators_people_type() {
        let cases = [
            ("ĐT 0912345678", "phone"),
            ("ĐT 0912 345 678", "phone"),
            ("ĐT 0912 - 345 - 678", "phone"),
            ("ĐT 0912-345-678", "phone"),
            ("ĐT (0912) 345 678", "phone"),
            ("ĐT 0912.345.678", "phone"),
            ("ĐT 0912/345/678", "phone"),
            ("ĐT 091 234 5678", "phone"),
            ("ĐT 09 12 34 56 78", "phone"),
            ("ĐT +84 912 345 678", "phone"),
            ("ĐT +84912345678", "phone"),
            ("ĐT 84912345678", "phone"),
            ("ĐT (+84) 912-345-678", "phone"),
            ("ĐT +84 (0) 912 345 678", "phone"),
            ("ĐT [0912] 345 678", "phone"),
            ("ĐT 0220 3745 123", "phone"),
            ("ĐT (0220) 3745.123", "phone"),
            ("ĐT 0220.3745123", "phone"),
            ("CMND 142345678", "citizen_id"),
            ("CMND 142.345.678", "citizen_id"),
            ("CMND 142 345 678", "citizen_id"),
            ("CMND số 142-345-678", "citizen_id"),
            ("CCCD 001203004567", "citizen_id"),
            ("CCCD 001 203 004 567", "citizen_id"),
            ("CCCD 001.203.004.567", "citizen_id"),
            ("CCCD 001-203-004-567", "citizen_id"),
            ("Gọi 0912345678 để hỏi", "phone"),
            ("Số 0912345678 đến nay", "phone"),
            ("tel:0912345678", "phone"),
            ("Năm 2019 142 345 678", "citizen_id"),
            ("ngày 16/12/2024 0912 345 678", "phone"),
        ];
        for (text, kind) in cases {
            assert_eq!(kinds_in_body(text), vec![kind], "{text:?}");
        }
    }

    /// Numbers that are not personal data: none may be reported.
    #[test]
    fn ordinary_numbers_are_not_reported() {
        let cases = [
            "Số tiền 14.150.000 đồng.",
            "1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. x",
            "Các mục 1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11. 12. đã xong.",
            "Tổng 234.000.000 đồng.",
            "Tổng 234.000.000đ.",
            "Tổng 142 345 678 VNĐ.",
            "Số tiền thưởng: 142.345.678 (bằng chữ…)",
            "Quỹ khuyến học 1.234.567.890 đồng.",
            "Tổng 1.234.567.890",
            "Quyết định số 215/BTĐKT-NV ngày 16/12/2024.",
            "Quyết định 168/QĐ-UBND ngày 16/12/2024 của Chủ tịch UBND xã.",
            "Nghị định 152/2025/NĐ-CP, Luật 06/2022/QH15.",
            "Từ ngày 25/11/2024 đến hết ngày 05/12/2024.",
            "16/12/2024 - 20/12/2024",
            "2024-12-20 đến 2025-01-05",
            "Giai đoạn 2021–2025, 2023 – 2030.",
            "Các năm 2019 2020 2021 2022.",
            "Các năm 2019 - 2020 - 2021",
            "Trang 12 - 15, mục 3.2.1.",
            "Dân số 12.345 người, 3.456 hộ.",
            "Từ 7 giờ 30 đến 11 giờ 00.",
            "Năm học 2022 - 2023.",
            "Tập thể lao động tiên tiến năm học 2022 - 2023, 2023 - 2024.",
            "sinh năm 1980",
            "Ông sinh năm 1980 tại thôn Văn Xá.",
            "Tuyên dương học sinh ngày 20/11/2024.",
            "Học sinh ngày 05/09/2024 khai giảng.",
            "Liệt sĩ hy sinh ngày 12/03/1968.",
            "Buổi sinh hoạt ngày 12/03/2024.",
            "Vệ sinh ngày 12/03/2024.",
            "Trụ sở: số 12 đường 390, thôn Văn Xá.",
            "Hotline 1900 1234.",
            "mức lương cơ sở 2.340.000 đồng",
            "hệ số 1,5 × 2.340.000 = 3.510.000 đồng",
            "ông.an tại thôn, không có thư",
            "He worked at google.com for years.",
        ];
        for text in cases {
            assert_eq!(kinds_in_body(text), Vec::<&str>::new(), "{text:?}");
        }
    }

    #[test]
    fn amounts_in_front_matter_are_not_reported() {
        for fm in [
            "amount = 234000000",
            "amount = 142345678",
            "[[recipients]]\nname = \"A\"\namount = 1420000000",
            "recipients = [{ name = \"A\", amount = 142345678 }]",
        ] {
            let f = found(&format!("+++\n{fm}\n+++\n"), &[]);
            assert!(f.is_empty(), "{fm:?}: {f:?}");
        }
        let f = found("---\namount: 142345678\n---\n", &[]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn normalised_forms_are_found() {
        let cases = [
            ("ĐT ０９１２３４５６７８", "phone"),
            ("ĐT ０９１２ ３４５ ６７８", "phone"),
            ("ĐT 0912\u{200b}345\u{200b}678", "phone"),
            ("ĐT 0912\u{feff}345678", "phone"),
            ("ĐT 0912\u{2060}345\u{200d}678", "phone"),
            ("ĐT 0912\u{a0}345\u{a0}678", "phone"),
            ("ĐT 0912\u{202f}345\u{2009}678", "phone"),
            ("ĐT 0912\u{2013}345\u{2013}678", "phone"),
            ("ĐT &#48;912345678", "phone"),
            ("ĐT &#x30;&#x39;12345678", "phone"),
            ("ĐT &#48&#57;12345678", "phone"),
            ("ĐT 0912&nbsp;345&nbsp;678", "phone"),
            ("ĐT 0912&ZeroWidthSpace;345678", "phone"),
            ("ĐT \\u0030912345678", "phone"),
            ("CCCD ⁰⁰¹²⁰³⁰⁰⁴⁵⁶⁷", "citizen_id"),
            ("Thư: abc&#64;gmail.com", "email"),
            ("Thư: abc&commat;gmail&period;com", "email"),
            ("Thư: abc＠gmail．com", "email"),
            ("Thư: [viết thư](mailto:abc%40gmail.com)", "email"),
            ("Thư: abc\\@gmail\\.com", "email"),
            ("Thư: abc\\u0040gmail.com", "email"),
        ];
        for (text, kind) in cases {
            assert_eq!(kinds_in_body(text), vec![kind], "{text:?}");
        }
    }

    #[test]
    fn email_obfuscations_are_found() {
        let cases = [
            "Thư: abc@gmail.com",
            "Thư: abc [at] gmail [dot] com",
            "Thư: abc(at)gmail.com",
            "Thư: abc (at) gmail (dot) com",
            "Thư: abc{at}gmail{dot}com",
            "Thư: abc @ gmail . com",
            "Thư: abc at gmail dot com",
            "Thư: abc [a còng] gmail chấm com",
            "Thư: abc a còng gmail chấm com",
            "Thư: le.van.an [@] gmail [.] com",
            "Thư: ABC@GMAIL.COM",
            "Thư: an.le+tin@mail.tanviet.gov.vn",
        ];
        for text in cases {
            assert_eq!(kinds_in_body(text), vec!["email"], "{text:?}");
        }
    }

    #[test]
    fn birth_dates_in_their_usual_forms() {
        let cases = [
            "SN: 12/03/1980",
            "SN 12/03/1980",
            "sinh ngày 12/03/80",
            "Sinh ngày 12/03/1980",
            "sinh vào ngày 12-3-1980",
            "sinh ra vào ngày 12.3.1980",
            "ngày sinh: 12.03.1980",
            "Ngày sinh 12/3/1980",
            "Ngày/tháng/năm sinh: 12/03/1980",
            "Ngày, tháng, năm sinh: 12/03/1980",
            "Ngày tháng năm sinh 12/03/1980",
            "năm sinh: 12/03/1980",
            "sinh ngày 12 tháng 3 năm 1980",
            "Ông sinh ngày 05 tháng 02, năm 1950 tại thôn.",
            "born on 12 March 1980",
            "Born March 12, 1980",
            "date of birth: 1980-03-12",
            "DOB: 12/03/1980",
            "Ông (sinh 12/03/1980) là nông dân.",
            "sinh ngày 12 / 03 / 1980",
        ];
        for text in cases {
            assert_eq!(kinds_in_body(text), vec!["birth_date"], "{text:?}");
        }
    }

    #[test]
    fn split_across_lines() {
        // A paragraph's soft line break.
        assert_eq!(
            kinds_in_body("Điện thoại 0912\n345 678 của ông."),
            vec!["phone"]
        );
        assert_eq!(
            kinds_in_body("Ông sinh ngày\n12/03/1980 tại thôn."),
            vec!["birth_date"]
        );
        assert_eq!(kinds_in_body("Thư: abc\n@gmail.com"), vec!["email"]);
        // A list item continued on the next line.
        assert_eq!(kinds_in_body("- Điện thoại 0912\n  345 678"), vec!["phone"]);
        // Two paragraphs are not joined, nor two list items.
        assert!(kinds_in_body("Năm 0912\n\n345 678").is_empty());
        assert!(kinds_in_body("- 2019: 0912\n- 345 678").is_empty());
        // TOML multi-line strings.
        let f = found(
            "+++\ntitle = \"A\"\nsummary = \"\"\"\nĐiện thoại 0912\n345 678\n\"\"\"\n+++\n",
            &[],
        );
        assert_eq!(f, vec![(4, 12, 4, "phone")]);
        let f = found("+++\nsummary = '''Sinh ngày\n12/03/1980'''\n+++\n", &[]);
        assert_eq!(
            f.iter().map(|x| x.3).collect::<Vec<_>>(),
            vec!["birth_date"]
        );
        let f = found("+++\nsummary = \"Số 0912\\n345 678\"\n+++\n", &[]);
        assert_eq!(f.iter().map(|x| x.3).collect::<Vec<_>>(), vec!["phone"]);
        // YAML folded, literal, quoted and plain scalars over several lines.
        for (fm, at) in [
            ("summary: >\n  Điện thoại 0912\n  345 678\n", (3, 14)),
            (
                "summary: |-\n  Điện thoại 0912\n  345 678\nyear: 2024\n",
                (3, 14),
            ),
            ("summary: \"Điện thoại 0912\n  345 678\"\n", (2, 22)),
            ("summary: Điện thoại 0912\n  345 678\n", (2, 21)),
            ("- name: A\n  role: Điện thoại 0912\n    345 678\n", (3, 20)),
        ] {
            let f = found(&format!("---\n{fm}---\n"), &[]);
            assert_eq!(
                f.iter().map(|x| x.3).collect::<Vec<_>>(),
                vec!["phone"],
                "{fm:?}"
            );
            assert_eq!((f[0].0, f[0].1), at, "{fm:?}");
        }
        // Separate front-matter lines are separate.
        let f = found(
            "+++\nyear = 2024\nnumber = \"12\"\ntitle = \"345 678\"\n+++\n",
            &[],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn positions_are_those_of_the_original_text() {
        // Full-width digits are three bytes each; the column counts characters.
        let f = found("+++\n+++\nĐT: ０９１２３４５６７８ nhé\n", &[]);
        assert_eq!(f, vec![(3, 5, 10, "phone")]);
        // Entities: the span covers the entity as written.
        let f = found("+++\n+++\nĐT: &#48;912345678 nhé\n", &[]);
        assert_eq!(f, vec![(3, 5, 14, "phone")]);
        let f = found("+++\n+++\nThư: abc&#64;gmail.com\n", &[]);
        assert_eq!(f, vec![(3, 6, 17, "email")]);
    }

    #[test]
    fn birth_date_table_column() {
        let body = "| Họ và tên | Ngày sinh | Năm sinh | Ngày khen |\n|---|---|:-:|---|\n| Lê Văn An | 12/03/1980 | 1980 | 20/12/2024 |\n| Lê Thị Bình | 1975 | 05/06/1975 | 20/12/2024 |\n";
        let f = found(&format!("+++\n+++\n{body}"), &[]);
        assert_eq!(
            f,
            vec![(5, 15, 10, "birth_date"), (6, 24, 10, "birth_date")],
            "{f:?}"
        );
        // A table without a birth column: dates are dates of decisions.
        let body = "| Họ và tên | Ngày khen |\n|---|---|\n| Lê Văn An | 20/12/2024 |\n";
        assert!(found(&format!("+++\n+++\n{body}"), &[]).is_empty());
    }

    #[test]
    fn allow_still_works_for_every_form() {
        let text = "+++\nallow = [\"phone\", \"email\"]\n+++\nĐT ０９１２ ３４５ ６７８, thư abc [at] gmail [dot] com\n";
        assert!(found(text, &["phone", "email"]).is_empty());
        assert_eq!(found(text, &["phone"]).len(), 1);
    }

    #[test]
    fn config_is_scanned_without_comments() {
        let text = "title = \"Xã A\"\n# Liên hệ riêng: 0912 345 678 (không đăng)\ndescription = \"\"\"Liên hệ\n0912 345 678\"\"\"\n[[bodies]]\nlabel = \"UBND, thư ubnd@xa.gov.vn\"\n";
        let d = scan_config(text, Path::new("site.toml"), &[]);
        let got: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(got, vec![(4, 1), (6, 20)], "{d:?}");
        assert!(d[0].hint.as_ref().unwrap().vi.contains("site.toml"));
        assert!(scan_config(
            text,
            Path::new("site.toml"),
            &["phone".into(), "email".into()]
        )
        .is_empty());
    }

    #[test]
    fn file_names() {
        let kinds = |name: &str| -> Vec<String> {
            scan_file_name(Path::new(name), &[])
                .into_iter()
                .map(|d| kind_of(&d.message.en.replace("the file name ", "")).to_string())
                .collect()
        };
        for (name, n) in [
            ("content/people/0912345678.md", 1),
            ("content/people/nguyen-van-an-0912-345-678.md", 1),
            ("content/people/nguyen_van_an_001203004567.md", 1),
            ("content/people/nguyen-van-an.md", 0),
            ("content/awards/2024-168-qd-ubnd.md", 0),
            ("content/awards/2024-2105-qd-ubnd.md", 0),
            ("content/notices/cong-khai-2024-12.md", 0),
            ("content/people/nguyen-van-a-12345.md", 0),
        ] {
            let d = scan_file_name(Path::new(name), &[]);
            assert_eq!(d.len(), n, "{name}: {d:?}");
            if n == 1 {
                assert_eq!(d[0].line, 1);
                assert!(d[0].message.vi.contains("tên tệp"), "{d:?}");
            }
        }
        let _ = kinds;
        assert!(
            scan_file_name(Path::new("content/people/0912345678.md"), &["phone".into()]).is_empty()
        );
    }

    #[test]
    fn sensitive_data_in_a_persons_text() {
        let warn = |body: &str| -> Vec<String> {
            let src = crate::source::split(
                Path::new("a.md"),
                format!("+++\nname = \"A\"\n+++\n{body}\n"),
            )
            .unwrap();
            scan_sensitive(&src)
                .into_iter()
                .map(|d| format!("{}:{}:{}", d.code, d.line, d.column))
                .collect()
        };
        for body in [
            "Bà là người dân tộc Tày.",
            "Dân tộc: Kinh",
            "Ông theo đạo Thiên Chúa.",
            "Tôn giáo: Phật giáo",
            "Ông bị bệnh tim nhiều năm.",
            "Anh là người khuyết tật.",
            "Anh từng có tiền án, đã hoàn lương.",
            "Chị nhiễm HIV.",
            "Ông là người H'Mông.",
            "Gia đình có hai tiền sự.",
        ] {
            let w = warn(body);
            assert!(!w.is_empty(), "{body:?}");
            assert!(w[0].starts_with("sensitive-data:4:"), "{w:?}");
        }
        for body in [
            "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
            "Khối đại đoàn kết toàn dân tộc, kinh tế phát triển.",
            "Cộng tác viên dân số – y tế, khám bệnh cho bà con.",
            "Ông làm việc tại bệnh viện huyện.",
            "Học sinh dũng cảm cứu một em nhỏ bị đuối nước.",
            "Cải tạo vườn tạp, trồng vải thiều VietGAP.",
            "Công chức tận tình hướng dẫn người dân.",
            "Hội Cựu chiến binh, Hội Nông dân, Hội Liên hiệp Phụ nữ.",
            "Công an xã giữ gìn an ninh, trật tự.",
            "Văn hóa công sở",
        ] {
            assert!(warn(body).is_empty(), "{body:?}: {:?}", warn(body));
        }
    }

    #[test]
    fn big_inputs_are_linear() {
        for unit in [
            "0",
            "1 ",
            "&#48;",
            "0912 345 678 ",
            "a@b.co ",
            "sinh ngày 1/1/1980 ",
            "&",
            "\\u0030",
            "０",
            "| a | b |\n",
            "ab\n",
            "- \"x\n",
        ] {
            let body = unit.repeat(2_000_000 / unit.len());
            let text = format!("+++\ntitle = \"A\"\n+++\n{body}\n");
            let started = std::time::Instant::now();
            let f = found(&text, &[]);
            let spent = started.elapsed();
            assert!(f.len() <= MAX_REPORTED + 1);
            // Debug builds are slow; the release figure is far lower.
            assert!(
                spent < std::time::Duration::from_secs(20),
                "{unit:?}: {spent:?}"
            );
        }
    }
}
