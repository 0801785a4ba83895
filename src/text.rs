//! Vietnamese text helpers: NFC normalisation, ASCII slugs, diacritic folding and
//! "did you mean" suggestions.

use crate::error::{msg, Msg};
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `s` in Unicode NFC, borrowing when it already is (the common case).
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    if plainly_nfc(s) {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let n: String = s.nfc().collect();
            if n == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(n)
            }
        }
    }
}

/// Whether every character of `s` is a starter that is always NFC: ASCII, Latin-1 to
/// Latin Extended-B and the spacing modifiers (below U+0300), Latin Extended Additional
/// (U+1E00–U+1EFF: the precomposed Vietnamese vowels) and the common punctuation
/// U+2010–U+2027 (dashes, curly quotes). Vietnamese typed in NFC passes without a table
/// lookup; anything else (combining marks, other scripts) goes to the full quick check.
fn plainly_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
        } else if c < 0xCC {
            // Two bytes, U+0080–U+02FF.
            i += 2;
        } else if c == 0xE1 && b.get(i + 1).is_some_and(|&n| (0xB8..=0xBB).contains(&n)) {
            // U+1E00–U+1EFF.
            i += 3;
        } else if c == 0xE2
            && b.get(i + 1) == Some(&0x80)
            && b.get(i + 2).is_some_and(|&n| (0x90..=0xA7).contains(&n))
        {
            // U+2010–U+2027.
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// Lowercase ASCII slug: `Nguyễn Văn Đức` → `nguyen-van-duc` (đ → d).
pub fn slugify(s: &str) -> String {
    slug::slugify(nfc(s))
}

/// The longest slug that becomes a folder name of the output, in bytes. File systems allow
/// 255 bytes a name; a shorter limit leaves room and keeps addresses readable.
pub(crate) const MAX_SLUG: usize = 120;

/// A slug for an address made from free text (a unit's name, say): [`slugify`], and when
/// that is longer than [`MAX_SLUG`], cut at a hyphen and ended with a hash of the whole
/// slug, so that the folder name is allowed and still the same on every build.
pub(crate) fn path_slug(s: &str) -> String {
    let full = slugify(s);
    if full.len() <= MAX_SLUG {
        return full;
    }
    let hash = xxhash_rust::xxh3::xxh3_64(full.as_bytes());
    // Slugs are ASCII: any byte offset is a character boundary.
    let head = &full[..MAX_SLUG - 17];
    let head = head
        .rfind('-')
        .filter(|&i| i > 0)
        .map_or(head, |i| &head[..i]);
    format!("{head}-{hash:016x}")
}

/// Folds case and diacritics for matching: `Đặng Thị Ưng` → `dang thi ung`.
/// The characters of a line of TOML front matter that are outside quoted values ("…" with
/// its escapes, '…'), with their byte offsets, up to and with a comment's `#`. The quotes
/// themselves are yielded; what is between them is not.
pub(crate) fn outside_quotes(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let (mut basic, mut literal, mut escaped, mut done) = (false, false, false, false);
    line.char_indices().filter(move |&(_, c)| {
        if done {
            return false;
        }
        if basic {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    basic = false;
                    return true;
                }
                _ => {}
            }
            return false;
        }
        if literal {
            literal = c != '\'';
            return !literal;
        }
        match c {
            '"' => basic = true,
            '\'' => literal = true,
            '#' => done = true,
            _ => {}
        }
        true
    })
}

/// Positions of workers directly in production, study or daily life (the 2024 plan's
/// "người trực tiếp lao động, sản xuất, công tác"): farmers, workers, fishers, pupils and
/// students, members of cooperatives, residents. Matched on the folded position's words.
pub(crate) const DIRECT_POSITIONS: [&str; 12] = [
    "nong dan",
    "cong nhan",
    "ngu dan",
    "hoc sinh",
    "sinh vien",
    "xa vien",
    "nguoi lao dong",
    "lao dong tu do",
    "tieu thuong",
    "nguoi dan",
    "nhan dan",
    "tho thu cong",
];

/// Whether a recipient's position names a direct worker ([`DIRECT_POSITIONS`]): it begins
/// with one ("Nông dân", "Học sinh lớp 8", "Công nhân Công ty May"), so the head of an
/// association of farmers ("Chi hội trưởng Chi hội Nông dân") is not one.
pub(crate) fn direct_position(position: &str) -> bool {
    let folded = fold(position).replace([',', '.', ';', '-', '(', ')', '–'], " ");
    let folded = format!(
        "{} ",
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    DIRECT_POSITIONS
        .iter()
        .any(|p| folded.starts_with(&format!("{p} ")))
}

#[cfg(test)]
mod direct_tests {
    #[test]
    fn direct_positions_begin_the_position() {
        for p in [
            "Nông dân",
            "Học sinh lớp 8, Trường THCS Tân Việt",
            "Công nhân Công ty May 10",
            "xã viên HTX Tân Việt",
            "Người dân thôn Đông",
        ] {
            assert!(super::direct_position(p), "{p}");
        }
        for p in [
            "Chi hội trưởng Chi hội Nông dân",
            "Giáo viên",
            "Trưởng thôn",
            "Công chức Văn hóa – Xã hội",
            "Bí thư Đoàn",
        ] {
            assert!(!super::direct_position(p), "{p}");
        }
    }
}

pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Most characters are ASCII: no decomposition to look up.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Latin letters with marks (all of Vietnamese) fold to one ASCII letter: a table
        // built once from the slow path below.
        if let Some(&b) = fold_table().get(c as usize) {
            if b != 0 {
                out.push(char::from(b));
                continue;
            }
        }
        fold_char(c, &mut out);
    }
    out
}

/// Folds one non-ASCII character the slow way: decomposed, marks dropped, lowercased.
fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' => out.push('d'),
        // Marks are dropped, so decomposing each character alone gives what the
        // canonical order of a whole-string NFD would.
        c => unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// For each character below U+1F00, the single ASCII byte it folds to, or 0 when it
/// folds to something else (nothing, several characters, or non-ASCII).
fn fold_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x1F00u32)
            .map(|n| {
                let Some(c) = char::from_u32(n) else {
                    return 0;
                };
                if c.is_ascii() {
                    return 0;
                }
                let mut s = String::new();
                fold_char(c, &mut s);
                match s.as_bytes() {
                    [b] if b.is_ascii() => *b,
                    _ => 0,
                }
            })
            .collect()
    })
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The given name (tên) used for sorting: the last word of a full name.
pub(crate) fn default_given_name(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// Everything but the given name (họ và tên đệm), for the secondary sort key.
pub(crate) fn family_and_middle<'a>(name: &'a str, given: &str) -> &'a str {
    let trimmed = name.trim_end();
    match trimmed.strip_suffix(given) {
        Some(rest) => rest.trim_end(),
        None => trimmed,
    }
}

/// How alike two values are, 0 to 1: one minus their edit distance (letters inserted,
/// removed, changed or two neighbours swapped: `giay-kehn`) over the longer one's length.
/// The optimal-string-alignment distance, not strsim's unrestricted Damerau–Levenshtein:
/// that one keeps a map of the alphabet per call and was four fifths of the time of a file
/// with twenty thousand mistakes.
pub(crate) fn alike(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / longest as f64
}

/// How alike `wanted` and a candidate are, 0 to 1, and whether one holds the other.
fn closeness(wanted: &str, candidate: &str) -> (f64, bool) {
    let score = alike(wanted, candidate);
    let holds = !wanted.is_empty()
        && !candidate.is_empty()
        && (candidate.contains(wanted) || wanted.contains(candidate));
    (score, holds)
}

/// The closest candidates to `wanted` (at most three), for "did you mean" hints.
pub(crate) fn suggest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (closeness(wanted, c), c))
        .filter(|((score, holds), _)| *score >= 0.5 || *holds)
        .map(|((score, _), c)| (score, c))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// The key a label is matched by: folded (no case, no diacritics, đ → d) and without
/// spaces or punctuation, so "Giấy khen", "giay  khen" and "giay-khen" are one key.
pub(crate) fn loose_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Vocabulary entries (slug, label) ranked by closeness to `wanted`, by slug or by label,
/// without regard to case or diacritics: `Bang khen cua tinh` and `bang-khen-tin` find
/// `bang-khen-tinh`. Entries that hold what was written, or are held in it, come first
/// (`huan-chuong-lao-dong` → its three classes), then the alike ones. Each with whether it
/// is close at all.
fn rank_labelled<'a>(
    wanted: &str,
    entries: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(f64, bool, (&'a str, &'a str))> {
    let w = slugify(wanted);
    let mut scored: Vec<(u8, f64, (&str, &str))> = entries
        .into_iter()
        .map(|(slug, label)| {
            let (s1, h1) = closeness(&w, slug);
            let (s2, h2) = closeness(&w, &slugify(label));
            let score = s1.max(s2);
            let tier = if h1 || h2 { 2 } else { u8::from(score >= 0.5) };
            (tier, score, (slug, label))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2 .0.cmp(b.2 .0))
    });
    scored
        .into_iter()
        .map(|(tier, score, e)| (score, tier > 0, e))
        .collect()
}

/// A hint listing the closest values, or all allowed values when they are few, or else the
/// three nearest ones.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Msg {
    let close = suggest(wanted, candidates.clone());
    if !close.is_empty() {
        let list = quote_list(&close);
        return msg(
            format!("có phải ý bạn là {list}?"),
            format!("did you mean {list}?"),
        );
    }
    let mut all: Vec<&str> = candidates.into_iter().collect();
    all.sort_unstable();
    if all.is_empty() {
        msg("chưa có giá trị nào được khai báo", "none is declared yet")
    } else if all.len() <= 12 {
        let list = quote_list(&all);
        msg(
            format!("các giá trị dùng được: {list}"),
            format!("allowed values: {list}"),
        )
    } else {
        let mut by_score: Vec<(f64, &str)> = all.iter().map(|c| (alike(wanted, c), *c)).collect();
        by_score.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let near: Vec<&str> = by_score.into_iter().take(3).map(|(_, c)| c).collect();
        let list = quote_list(&near);
        msg(
            format!("không có giá trị nào gần giống; gần nhất là {list}; hãy kiểm tra chính tả"),
            format!("nothing is close; the nearest are {list}; check the spelling"),
        )
    }
}

/// A hint for an unknown vocabulary value: the closest entries with their labels
/// (`có phải ý bạn là "giay-khen" (Giấy khen)?`), all of them when they are few, or else
/// the three nearest.
pub(crate) fn did_you_mean_labelled<'a>(
    wanted: &str,
    entries: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Msg {
    let ranked = rank_labelled(wanted, entries);
    let close: Vec<(&str, &str)> = ranked
        .iter()
        .filter(|(_, close, _)| *close)
        .take(3)
        .map(|(_, _, e)| *e)
        .collect();
    if !close.is_empty() {
        let list = labelled_list(&close);
        return msg(
            format!("có phải ý bạn là {list}?"),
            format!("did you mean {list}?"),
        );
    }
    if ranked.is_empty() {
        return msg("chưa có giá trị nào được khai báo", "none is declared yet");
    }
    if ranked.len() <= 12 {
        let mut all: Vec<(&str, &str)> = ranked.iter().map(|(_, _, e)| *e).collect();
        all.sort_unstable();
        let list = labelled_list(&all);
        return msg(
            format!("các giá trị dùng được: {list}"),
            format!("allowed values: {list}"),
        );
    }
    let near: Vec<(&str, &str)> = ranked.iter().take(3).map(|(_, _, e)| *e).collect();
    let list = labelled_list(&near);
    msg(
        format!("không có giá trị nào gần giống; gần nhất là {list}; ghi slug hoặc đúng tên (nhãn) trong danh mục"),
        format!("nothing is close; the nearest are {list}; write a slug or an exact label from the list"),
    )
}

fn labelled_list(items: &[(&str, &str)]) -> String {
    items
        .iter()
        .map(|(s, l)| format!("\"{s}\" ({l})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How to write a slug, with an example.
pub fn slug_hint(example: &str) -> Msg {
    msg(
        format!("dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ \"{example}\""),
        format!("use lowercase ASCII letters, digits and hyphens, e.g. \"{example}\""),
    )
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_outside_quoted_values() {
        let outside =
            |line: &str| -> String { super::outside_quotes(line).map(|(_, c)| c).collect() };
        assert_eq!(outside(r#"a = "x # y" # z"#), r#"a = "" #"#);
        assert_eq!(outside(r#"b = 'it' c"#), "b = '' c");
        assert_eq!(outside(r#"c = "say \"hi\"" d"#), r#"c = "" d"#);
        assert_eq!(outside("d = “x”"), "d = “x”");
    }

    #[test]
    fn long_path_slugs_are_cut_with_a_stable_hash() {
        let long = "Thôn Đông ".repeat(60);
        let a = super::path_slug(&long);
        assert!(a.len() <= super::MAX_SLUG, "{}", a.len());
        assert_eq!(a, super::path_slug(&long));
        assert!(a.starts_with("thon-dong-thon-dong"));
        assert_ne!(a, super::path_slug(&format!("{long} x")));
        assert_eq!(super::path_slug("Thôn Đông"), "thon-dong");
    }

    use super::*;

    #[test]
    fn slugs_from_vietnamese() {
        assert_eq!(slugify("Nguyễn Văn Đức"), "nguyen-van-duc");
        assert_eq!(slugify("Đặng Thị Ưng"), "dang-thi-ung");
        assert_eq!(
            slugify("Giáo dục – đào tạo, khuyến học"),
            "giao-duc-dao-tao-khuyen-hoc"
        );
        assert_eq!(slugify("45/QĐ-UBND"), "45-qd-ubnd");
    }

    #[test]
    fn slugs_equal_for_nfc_and_nfd() {
        let nfd: String = "Nguyễn Văn Đức".nfd().collect();
        assert_ne!(nfd, "Nguyễn Văn Đức");
        assert_eq!(slugify(&nfd), "nguyen-van-duc");
    }

    #[test]
    fn nfc_normalises_combining_marks() {
        let nfd: String = "Trường Tiểu học".nfd().collect();
        assert_eq!(nfc(&nfd), "Trường Tiểu học");
        assert!(matches!(nfc("đã chuẩn"), Cow::Borrowed(_)));
        assert!(plainly_nfc("Nguyễn Văn Đức – “Dạy tốt” ơ ư đ ñ ǜ"));
        // Combining marks and other scripts take the full check.
        assert!(!plainly_nfc("Nguye\u{302}\u{303}n"));
        assert!(!plainly_nfc("Ω \u{2000}"));
        assert_eq!(nfc("Nguye\u{302}\u{303}n – “x”"), "Nguyễn – “x”");
    }

    #[test]
    fn folding_drops_marks_and_maps_d() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("ĐẶNG"), "dang");
        assert_eq!(fold("dương đường"), "duong duong");
        // Runs of ASCII, letters with marks and other scripts mixed.
        assert_eq!(
            fold("QĐ-UBND, Ấp ABC; 日本 Ω x"),
            "qd-ubnd, ap abc; 日本 ω x"
        );
        assert_eq!(fold(""), "");
        // The table gives what the slow path gives, for every character it covers.
        for n in 0x80..0x1F00u32 {
            if let Some(c) = char::from_u32(n) {
                let mut slow = String::new();
                fold_char(c, &mut slow);
                assert_eq!(fold(&c.to_string()), slow, "U+{n:04X}");
            }
        }
    }

    #[test]
    fn given_names() {
        assert_eq!(default_given_name("Nguyễn Văn Đức"), "Đức");
        assert_eq!(family_and_middle("Nguyễn Văn Đức", "Đức"), "Nguyễn Văn");
        assert_eq!(family_and_middle("Trần Bình Minh", "Bình Minh"), "Trần");
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("giao-duk", ["giao-duc", "y-te", "kinh-te"]),
            vec!["giao-duc"]
        );
        assert!(suggest("zzzz", ["giao-duc"]).is_empty());
        assert!(did_you_mean("zz", ["b", "a"]).en.contains("\"a\", \"b\""));
        assert!(did_you_mean("giao-duk", ["giao-duc"])
            .vi
            .contains("có phải ý bạn là \"giao-duc\""));
        // Many values and nothing close: the nearest ones, not a count.
        let many: Vec<String> = (0..20).map(|i| format!("muc-{i}")).collect();
        let hint = did_you_mean("zzzz", many.iter().map(String::as_str));
        assert!(hint.vi.contains("gần nhất là \"muc-"), "{}", hint.vi);
    }

    #[test]
    fn labelled_suggestions_match_slugs_and_labels_without_marks() {
        let entries = [
            ("giay-khen", "Giấy khen"),
            ("bang-khen-tinh", "Bằng khen của Chủ tịch UBND tỉnh"),
            ("chuyen-doi-so", "Chuyển đổi số"),
        ];
        assert_eq!(
            did_you_mean_labelled("giay-khenn", entries).vi,
            "có phải ý bạn là \"giay-khen\" (Giấy khen)?"
        );
        assert!(did_you_mean_labelled("Chuyen doi so hoa", entries)
            .vi
            .contains("\"chuyen-doi-so\" (Chuyển đổi số)"));
        assert!(did_you_mean_labelled("bằng khen chủ tịch tỉnh", entries)
            .en
            .contains("\"bang-khen-tinh\" (Bằng khen của Chủ tịch UBND tỉnh)"));
        // Few values and nothing close: all of them, with labels.
        assert!(did_you_mean_labelled("qqqq", entries)
            .vi
            .starts_with("các giá trị dùng được: \"bang-khen-tinh\" (Bằng khen"));
        assert_eq!(loose_key("Giấy  khen"), loose_key("giay-khen"));
        assert_eq!(loose_key("Đảng, chính quyền"), "dangchinhquyen");
    }
}
