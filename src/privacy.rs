//! The privacy guard (Nghị định 13/2023/NĐ-CP): citizen ID numbers, phone numbers, e-mail
//! addresses and full birth dates must not be published. Any of them found in a record's
//! front matter or body is an error pointing at the exact span, unless the record lists
//! that kind in `allow = [...]` (for a public office's phone or e-mail, say).

use crate::error::{msg, Diagnostic};
use crate::source::SourceFile;
use regex::Regex;
use std::sync::OnceLock;

/// The kinds of personal data the guard looks for, as written in `allow`.
pub const KINDS: [&str; 4] = ["citizen_id", "phone", "email", "birth_date"];

struct Patterns {
    id: Regex,
    phone: Regex,
    email: Regex,
    birth: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // CCCD / số định danh: 12 digits; old CMND: 9 digits. Written without separators.
        // ASCII word boundaries (`(?-u:\b)`) keep the fast DFA engines usable; next to a
        // Vietnamese letter they also count as a boundary, which errs on the safe side.
        id: Regex::new(r"(?-u:\b)(\d{12}|\d{9})(?-u:\b)").expect("valid"),
        // Mobile and landline numbers: +84 or 0, then 9 to 11 digits, maybe grouped.
        phone: Regex::new(r"(?:\+84[ .-]?|(?-u:\b)0)(?:\d[ .-]?){8,10}\d(?-u:\b)").expect("valid"),
        email: Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").expect("valid"),
        birth: Regex::new(
            r"(?i)(?:sinh ngày|ngày sinh|ngày, tháng, năm sinh|sinh|born(?: on)?|date of birth|birth ?date)\s*[:=]?\s*(?:ngày\s*)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s*(?:,\s*)?năm\s+\d{4}|\d{4}-\d{2}-\d{2})",
        )
        .expect("valid"),
    })
}

/// Every piece of personal data in the record that `allow` does not permit.
pub fn scan(src: &SourceFile, allow: &[String]) -> Vec<Diagnostic> {
    let allowed = |k: &str| allow.iter().any(|a| a == k);
    let p = patterns();
    let mut out = Vec::new();
    for (i, line) in lines(&src.text).enumerate() {
        let line_no = i + 1;
        // Reward amounts are numbers too, and allowed to be long.
        if line.trim_start().starts_with("amount") {
            continue;
        }
        // Cheap tests first: most lines hold too few digits for a date, no run of nine
        // digits for an ID or phone number, and no `@`, so the patterns never run on them.
        // A plain count vectorises; the run is only worth measuring on lines with nine.
        let digits: usize = line
            .as_bytes()
            .iter()
            .map(|&b| usize::from(b.wrapping_sub(b'0') < 10))
            .sum();
        let run = if digits >= 9 {
            longest_number(line.as_bytes())
        } else {
            0
        };
        let may_birth = digits >= 4 && mentions_birth(line);
        let may_email = line.contains('@');
        let may_number = run >= 9;
        if !(may_birth || may_email || may_number) {
            continue;
        }
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        let mut report = |range: std::ops::Range<usize>, kind: &str, vi: &str, en: &str| {
            let column = line[..range.start].chars().count() + 1;
            let len = line[range.clone()].chars().count();
            out.push(
                Diagnostic::error("personal-data", &src.path, line_no, msg(format!("không được công bố {vi}"), format!("{en} must not be published")))
                    .at(column, len)
                    .with_hint(msg(
                        format!("xóa thông tin này; nếu đây là thông tin công khai của cơ quan, ghi allow = [\"{kind}\"] trong phần đầu tệp"),
                        format!("remove it; if it is a public office's contact, add allow = [\"{kind}\"] to the front matter"),
                    )),
            );
        };
        if may_birth && !allowed("birth_date") {
            for m in p.birth.find_iter(line) {
                report(
                    m.range(),
                    "birth_date",
                    "ngày sinh đầy đủ",
                    "a full birth date",
                );
                taken.push(m.range());
            }
        }
        if may_email && !allowed("email") {
            for m in p.email.find_iter(line) {
                report(
                    m.range(),
                    "email",
                    "địa chỉ thư điện tử",
                    "an e-mail address",
                );
                taken.push(m.range());
            }
        }
        if !may_number {
            continue;
        }
        for m in p.id.find_iter(line) {
            if overlaps(&taken, &m.range()) {
                continue;
            }
            taken.push(m.range());
            if !allowed("citizen_id") {
                report(
                    m.range(),
                    "citizen_id",
                    "số căn cước công dân, chứng minh nhân dân",
                    "a citizen ID number",
                );
            }
        }
        if !allowed("phone") {
            for m in p.phone.find_iter(line) {
                if overlaps(&taken, &m.range()) {
                    continue;
                }
                report(m.range(), "phone", "số điện thoại", "a phone number");
            }
        }
    }
    out
}

/// The lines of a text (LF line ends, as `source::decode` leaves them), found with a
/// vectorised search for line ends: `str::lines` costs a few hundred instructions a line.
fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(
        // A last line without a line end.
        (!text.is_empty() && !text.ends_with('\n')).then_some(text.len()),
    );
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// The longest run of ASCII digits in a line in which single spaces, dots or hyphens may
/// separate groups (`0912 345 678`, `0220.3745123`): every ID or phone number the patterns
/// find is such a run of at least nine digits.
fn longest_number(line: &[u8]) -> usize {
    let (mut run, mut longest) = (0, 0);
    let mut prev_digit = false;
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b.is_ascii_digit() {
            run += 1;
            longest = longest.max(run);
            prev_digit = true;
        } else {
            let joins = prev_digit
                && matches!(b, b' ' | b'.' | b'-')
                && line.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !joins {
                run = 0;
            }
            prev_digit = false;
        }
        i += 1;
    }
    longest
}

/// Whether a line holds one of the words every birth-date pattern starts with ("sinh",
/// "born", "birth"), in any ASCII case.
fn mentions_birth(line: &str) -> bool {
    line.as_bytes().windows(4).any(|w| {
        // Most windows fail on their first byte.
        if !matches!(w[0] | 0x20, b's' | b'b') {
            return false;
        }
        let w = [
            w[0].to_ascii_lowercase(),
            w[1].to_ascii_lowercase(),
            w[2].to_ascii_lowercase(),
            w[3].to_ascii_lowercase(),
        ];
        &w == b"sinh" || &w == b"born" || &w == b"birt"
    })
}

fn overlaps(taken: &[std::ops::Range<usize>], r: &std::ops::Range<usize>) -> bool {
    taken.iter().any(|t| t.start < r.end && r.start < t.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn found(text: &str, allow: &[&str]) -> Vec<(usize, usize, usize, String)> {
        let src = crate::source::split(Path::new("a.md"), text.to_string()).unwrap();
        let allow: Vec<String> = allow.iter().map(|s| s.to_string()).collect();
        scan(&src, &allow)
            .into_iter()
            .map(|d| (d.line, d.column, d.len, d.message.en))
            .collect()
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in ["", "a", "a\n", "a\nb", "\n\na\n\n", "đ\nư\n"] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn finds_each_kind_with_its_span() {
        let f = found("+++\ntitle = \"A\"\n+++\nCCCD 001099012345, CMND 142345678.\nĐiện thoại: 0912 345 678 hoặc +84912345678.\nThư: ong.an@gmail.com\nÔng sinh ngày 12/03/1980 tại thôn.\n", &[]);
        assert!(
            f.contains(&(4, 6, 12, "a citizen ID number must not be published".into())),
            "{f:?}"
        );
        assert!(
            f.contains(&(4, 25, 9, "a citizen ID number must not be published".into())),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == 5 && x.1 == 13 && x.2 == 12 && x.3.contains("phone")),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == 5 && x.3.contains("phone") && x.2 == 12 && x.1 > 20),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == 6 && x.1 == 6 && x.3.contains("e-mail")),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == 7 && x.1 == 5 && x.3.contains("birth")),
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
    fn digit_runs_allow_single_separators() {
        assert_eq!(longest_number(b"0912 345 678"), 10);
        assert_eq!(longest_number(b"+84 912.345-678"), 11);
        assert_eq!(longest_number(b"ngay 26 thang 11 nam 2003"), 4);
        assert_eq!(longest_number(b"1.080.000 dong"), 7);
        assert_eq!(longest_number(b"12  345678901"), 9);
        assert_eq!(longest_number(b"20/12/2024"), 4);
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
}
