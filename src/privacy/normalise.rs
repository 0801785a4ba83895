//! Normalisation: entities, escapes and Unicode forms decoded, with a map back to the original text.

/// A unit's text as it reads once decoded, with the way back to the original bytes.
pub(super) struct Norm<'a> {
    pub(super) text: std::borrow::Cow<'a, str>,
    /// For each byte of `text`, the offset in the unit of the character it came from,
    /// and one more for the end. Empty when `text` is the unit itself.
    pub(super) map: Vec<u32>,
}

impl<'a> Norm<'a> {
    pub(super) fn new(s: &'a str) -> Norm<'a> {
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
    pub(super) fn orig(&self, i: usize) -> usize {
        if self.map.is_empty() {
            i
        } else {
            self.map[i.min(self.map.len() - 1)] as usize
        }
    }
}

/// A normalised text being built.
pub(super) struct NormBuf {
    pub(super) text: String,
    pub(super) map: Vec<u32>,
}

impl NormBuf {
    pub(super) fn push_one(&mut self, c: char, at: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.map.push(at as u32);
        }
    }

    /// Adds one decoded character: invisible ones dropped, spaces and dashes made ASCII,
    /// compatibility forms (full-width digits, ＠, superscripts) folded by NFKC.
    pub(super) fn push(&mut self, c: char, at: usize) {
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
pub(super) fn plain(c: char) -> bool {
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

pub(super) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}' | '\u{34f}'
    )
}

pub(super) fn dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' | '\u{2043}'
    )
}

pub(super) fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// An HTML character reference at the start of `b`: (character, bytes used).
pub(super) fn entity(b: &[u8]) -> Option<(char, usize)> {
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
pub(super) fn escape(b: &[u8]) -> Option<(Option<char>, usize)> {
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
