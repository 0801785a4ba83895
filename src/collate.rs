//! Vietnamese alphabetical order (a ă â b c d đ e ê …, tones secondary) from ICU's
//! collation data for the `vi` locale, as precomputed sort keys.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use std::sync::OnceLock;

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        Collator::try_new(locale!("vi").into(), CollatorOptions::default())
            .expect("compiled collation data for vi is built into the binary")
    })
}

/// A byte string whose byte order is Vietnamese order.
pub(crate) fn sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(s.len() * 3);
    let Ok(()) = collator().write_sort_key_to(s, &mut key);
    key
}

/// Sort key of a name: the given name, then family and middle names.
pub(crate) type NameKey = (Vec<u8>, Vec<u8>);

/// Sort key of a person's name: given name first, then family and middle names.
pub(crate) fn name_key(full_name: &str, given_name: &str) -> NameKey {
    (
        name_part_key(given_name),
        name_part_key(crate::text::family_and_middle(full_name, given_name)),
    )
}

/// The sort key of a part of a name, from a cache kept per thread: given names ("Đức",
/// "Lan") and family and middle names ("Nguyễn Văn") repeat across thousands of
/// recipients, and a key costs the collator about 5,000 instructions.
fn name_part_key(part: &str) -> Vec<u8> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Cache = HashMap<Box<str>, Vec<u8>, std::hash::BuildHasherDefault<crate::hash::FastHasher>>;
    thread_local! {
        static KEYS: RefCell<Cache> = RefCell::new(Cache::default());
    }
    /// Bounds the cache of a long preview session that sees many names.
    const MAX: usize = 50_000;
    KEYS.with_borrow_mut(|keys| {
        if let Some(k) = keys.get(part) {
            return k.clone();
        }
        if keys.len() >= MAX {
            keys.clear();
        }
        let k = sort_key(part);
        keys.insert(part.into(), k.clone());
        k
    })
}

/// The part of a name it is filed under: the stated given name, else the last word of a
/// person's or household's name; an organisation or village ("Sở Nội vụ thành phố Đà
/// Nẵng", "Ban nhân dân khối 9") is filed under its whole name, never its last word.
pub(crate) fn filed_under<'a>(
    name: &'a str,
    given: Option<&'a str>,
    subject: crate::model::Subject,
) -> &'a str {
    match given.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => g,
        None if subject.is_organisation() => name.trim(),
        None => crate::text::default_given_name(name),
    }
}

/// Compares two strings the Vietnamese way.
pub(crate) fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    collator().compare(a, b)
}

/// The Vietnamese letter a name is filed under in an A–Z list (`Ắm` → `Ă`, `Đức` → `Đ`).
pub(crate) fn initial(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let Some(first) = name.trim().chars().next() else {
        return String::from("#");
    };
    // Strip tone marks but keep the letter's own marks (ă â ê ô ơ ư đ).
    let mut base = String::new();
    for c in first.to_uppercase().collect::<String>().nfd() {
        match c as u32 {
            // breve, circumflex and horn belong to the letter
            0x0306 | 0x0302 | 0x031B => base.push(c),
            0x0300..=0x036F => {}
            _ => base.push(c),
        }
    }
    let letter: String = base.nfc().collect();
    if letter.chars().all(char::is_alphabetic) {
        letter
    } else {
        String::from("#")
    }
}

/// ASCII URL segment for a Vietnamese letter, in Telex spelling: Ă → `aw`, Â → `aa`, Đ → `dd`.
pub(crate) fn letter_slug(letter: &str) -> String {
    match letter {
        "Ă" => "aw".into(),
        "Â" => "aa".into(),
        "Đ" => "dd".into(),
        "Ê" => "ee".into(),
        "Ô" => "oo".into(),
        "Ơ" => "ow".into(),
        "Ư" => "uw".into(),
        "#" => "khac".into(),
        other => crate::text::slugify(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = words.to_vec();
        v.sort_by_key(|w| sort_key(w));
        v.into_iter().map(String::from).collect()
    }

    #[test]
    fn vietnamese_alphabet_order() {
        assert_eq!(
            sorted(&[
                "Đức", "Dũng", "Ân", "Ắm", "An", "Ơn", "Ông", "Oanh", "Ưng", "Uyên", "Ê", "Em"
            ]),
            vec![
                "An", "Ắm", "Ân", "Dũng", "Đức", "Em", "Ê", "Oanh", "Ông", "Ơn", "Uyên", "Ưng"
            ]
        );
    }

    #[test]
    fn tones_are_secondary() {
        // Tone differences only decide among otherwise equal words.
        assert_eq!(
            sorted(&["Bà", "Bả", "Ba", "Bạ", "Bá", "Bã"]),
            vec!["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
        );
        assert_eq!(sorted(&["Hà", "Hai"]), vec!["Hà", "Hai"]);
    }

    #[test]
    fn byte_order_would_be_wrong() {
        // Byte order puts "Đ" after "Z"; the collation puts it right after "D".
        let mut bytes = vec!["Đức", "Yến", "Dũng"];
        bytes.sort();
        assert_eq!(bytes, vec!["Dũng", "Yến", "Đức"]);
        assert_eq!(sorted(&["Đức", "Yến", "Dũng"]), vec!["Dũng", "Đức", "Yến"]);
    }

    #[test]
    fn names_sort_by_given_name_first() {
        let mut people = [
            ("Nguyễn Văn Đức", "Đức"),
            ("Trần Thị An", "An"),
            ("Lê Văn An", "An"),
        ];
        people.sort_by_key(|(n, g)| name_key(n, g));
        assert_eq!(
            people.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec!["Lê Văn An", "Trần Thị An", "Nguyễn Văn Đức"]
        );
    }

    #[test]
    fn cached_name_keys_are_the_collator_keys() {
        for _ in 0..2 {
            let (given, rest) = name_key("Nguyễn Văn Đức", "Đức");
            assert_eq!(given, sort_key("Đức"));
            assert_eq!(rest, sort_key("Nguyễn Văn"));
        }
    }

    #[test]
    fn initials_keep_letter_marks() {
        assert_eq!(initial("Ắm"), "Ă");
        assert_eq!(initial("đức"), "Đ");
        assert_eq!(initial("Ổn"), "Ô");
        assert_eq!(initial("Ánh"), "A");
        assert_eq!(letter_slug("Ơ"), "ow");
        assert_eq!(initial("1 tháng 5"), "#");
    }
}
