//! Numbers: chains of digit groups, and which of them are phone numbers or ID numbers.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sep {
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
pub(super) struct Group {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) sep: Sep,
}

impl Group {
    pub(super) fn len(&self) -> usize {
        self.end - self.start
    }
}

pub(super) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Reads blanks from `i`: (end, newlines seen), at most 16 bytes.
pub(super) fn blanks(t: &[u8], mut i: usize) -> (usize, usize) {
    let (start, mut nl) = (i, 0);
    while i < t.len() && is_blank(t[i]) && i - start < 16 {
        nl += usize::from(t[i] == b'\n');
        i += 1;
    }
    (i, nl)
}

/// The separator after a digit group ending at `i`, and where the next group would start.
pub(super) fn separator(t: &[u8], i: usize) -> Option<(Sep, usize)> {
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
pub(super) fn numbers(t: &[u8], out: &mut Vec<(Range<usize>, Kind)>) {
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

pub(super) fn memchr_digit(t: &[u8], from: usize) -> Option<usize> {
    t[from..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| from + p)
}

pub(super) fn is_year(t: &[u8], g: &Group) -> bool {
    g.len() == 4 && matches!(&t[g.start..g.start + 2], b"19" | b"20")
}

pub(super) fn value(t: &[u8], g: &Group) -> u32 {
    t[g.start..g.end]
        .iter()
        .take(6)
        .fold(0, |v, &d| v * 10 + u32::from(d - b'0'))
}

/// Marks the groups that form a date: d/m/yyyy, d.m.yy, yyyy-mm-dd, m/yyyy.
pub(super) fn mark_dates(t: &[u8], g: &[Group], date: &mut [bool]) {
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
pub(super) fn followed_by_currency(t: &[u8], end: usize) -> bool {
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
pub(super) fn preceded_by_money(t: &[u8], start: usize) -> bool {
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
pub(super) fn judge_chain(
    t: &[u8],
    g: &[Group],
    prior: usize,
    out: &mut Vec<(Range<usize>, Kind)>,
) {
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
pub(super) fn classify(d: &[u8], plus: bool) -> Option<Kind> {
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
