//! The search index: built with the site, searched in the browser by a small script,
//! without diacritics ("nguyen van duc" finds "Nguyễn Văn Đức", "dang" finds "Đặng").
//!
//! Documents are the records and every honour (a recipient of a decision, or an honour a
//! person's record lists): a resident looks for a person, and "khanh" must find the row
//! "Hộ ông Nguyễn Văn Khánh — Gia đình văn hóa — 168/QĐ-UBND, 2024".
//!
//! Layout, so a first search downloads little even on a large site:
//! - `t/<xx>.json`: the inverted index, sharded by the first two letters of each folded
//!   token: `{"token": [v, v, …]}` where each `v` is `gap * 2 + in_title`: the document id
//!   is the previous one plus `gap`, and `in_title` says the token is in the document's
//!   title (a name matches above a word of the text). A query token fetches one shard and
//!   matches as a prefix (or, for a word of five letters or more that matches nothing, with
//!   one typing mistake).
//! - `d/<n>.json`: document summaries, [`DOCS_PER_SHARD`] per shard: `[title, url, kind,
//!   year, field, sub, text, form, level, subject, unit]` (`sub`: the line under the title;
//!   `text`: what a snippet is cut from; the last four, the facets of an honour).
//!
//! Documents are numbered in the order of their folded titles, so the documents of one
//! name are neighbours and a search for a person reads one or two summary shards.

use crate::config::Settings;
use crate::model::{FieldId, Records};
use crate::render::FastHasher;
use crate::render::OutputFile;
use crate::text::fold;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

/// Documents per summary shard.
pub(crate) const DOCS_PER_SHARD: usize = 200;
/// Characters of text kept for a document's snippet.
const SNIPPET_CHARS: usize = 220;
/// Body text indexed per record (characters).
const BODY_CHARS: usize = 1500;

/// Folded tokens of a text (letters and digits, two characters or more).
#[cfg(test)]
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(text);
    words(&folded)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The words of a folded text: runs of letters and digits of two characters or more.
/// Folded text is nearly all ASCII, so bytes are tested first and only the others decoded.
fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    // The length in bytes of the letter or digit at `i`, or 0 when it is neither.
    let word_char = move |i: usize| -> usize {
        let b = bytes[i];
        if b < 0x80 {
            usize::from(b.is_ascii_alphanumeric())
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                c.len_utf8()
            } else {
                0
            }
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            let mut chars = 0;
            loop {
                if i >= bytes.len() {
                    break;
                }
                let n = word_char(i);
                if n == 0 {
                    break;
                }
                i += n;
                chars += 1;
            }
            if chars >= 2 {
                return Some(&text[start..i]);
            }
            if i == start {
                // A separator: skip the whole character.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        None
    })
}

/// The shard a folded token lives in.
pub(crate) fn shard_of(token: &str) -> String {
    token.chars().take(2).collect()
}

#[derive(Default)]
struct Doc {
    title: String,
    url: String,
    kind: &'static str,
    year: i32,
    field: String,
    /// The line under the title ("Gia đình văn hóa · 168/QĐ-UBND").
    sub: String,
    /// What a snippet is cut from: the achievement of an honour, a record's summary or
    /// the start of its text.
    snippet: String,
    /// Every word the document is found by (the title's included).
    text: String,
    form: String,
    level: String,
    subject: &'static str,
    unit: String,
}

/// At most `SNIPPET_CHARS` characters of a text, spaces run together.
fn short(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(SNIPPET_CHARS * 3));
    let mut chars = 0;
    for w in text.split_whitespace() {
        let n = w.chars().count() + usize::from(chars > 0);
        if chars + n > SNIPPET_CHARS {
            out.push('…');
            break;
        }
        if chars > 0 {
            out.push(' ');
        }
        out.push_str(w);
        chars += n;
    }
    out
}

/// The words of a record's HTML body, tags out, at most `BODY_CHARS` characters.
fn plain_text(html: &str) -> String {
    // `<` and `>` are single bytes in UTF-8, so the text between them is cut on character
    // boundaries.
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
                break;
            }
        }
        if out.len() > BODY_CHARS * 4 {
            rest = "";
            break;
        }
    }
    out.push_str(rest);
    match out.char_indices().nth(BODY_CHARS) {
        Some((cut, _)) => out[..cut].to_string(),
        None => out,
    }
}

fn docs(settings: &Settings, r: &Records, ids: &crate::identity::Identities) -> Vec<Doc> {
    let field = |fields: &[FieldId]| {
        fields
            .first()
            .map(|&f| settings[f].label.clone())
            .unwrap_or_default()
    };
    let labels = |fields: &[FieldId]| {
        fields
            .iter()
            .map(|&f| settings[f].label.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let body = plain_text;
    let mut out = Vec::new();
    for a in r.ids::<crate::model::AwardId>() {
        let x = &r[a];
        let mut text = format!("{} {} {}", x.meta.title, x.number_text(), labels(&x.fields));
        for extra in [&x.campaign, &x.place].into_iter().flatten() {
            text.push(' ');
            text.push_str(extra);
        }
        for (k, rec) in x.recipients.iter().enumerate() {
            text.push(' ');
            text.push_str(&rec.name);
            // A corrected name finds the decision too.
            let now = r.name_now(a, k);
            if now != rec.name {
                text.push(' ');
                text.push_str(now);
            }
            if let Some(u) = &rec.unit {
                text.push(' ');
                text.push_str(u);
            }
            text.push(' ');
            text.push_str(&settings[rec.form].label);
        }
        out.push(Doc {
            title: x.meta.title.clone(),
            url: x.meta.url.clone(),
            kind: "award",
            year: x.date.year,
            field: field(&x.fields),
            sub: format!("{} · {}", x.number_text(), x.date.vietnamese()),
            snippet: short(x.meta.summary.as_deref().unwrap_or("")),
            text,
            ..Doc::default()
        });
        // Each honour in force: who, what, for what, by which decision.
        for (k, rec) in x.recipients.iter().enumerate() {
            if !r.standing(a, k).0.counts() {
                continue;
            }
            let form = &settings[r.form_now(a, k)].label;
            let name = r.name_now(a, k);
            let achievement = r.achievement_now(a, k);
            let unit = rec.unit.as_deref().unwrap_or("");
            let position = rec.position.as_deref().unwrap_or("");
            out.push(Doc {
                title: name.to_string(),
                url: ids.all[ids.of(a, k)].url.clone(),
                kind: "honour",
                year: x.date.year,
                field: field(&x.fields),
                sub: format!("{form} · {} · {}", x.number_text(), x.date.year),
                snippet: short(&format!("{achievement} {position}")),
                text: format!(
                    "{name} {form} {} {achievement} {position} {unit}",
                    x.number_text()
                ),
                form: form.clone(),
                level: settings[x.level].label.clone(),
                subject: rec.subject.key(),
                unit: unit.to_string(),
            });
        }
    }
    for x in &r.people {
        let mut text = format!(
            "{} {} {} {} {}",
            x.name,
            x.role.as_deref().unwrap_or(""),
            x.unit.as_deref().unwrap_or(""),
            labels(&x.fields),
            if x.consent {
                body(&x.meta.body_html)
            } else {
                String::new()
            }
        );
        // Honours recorded without their decision: what they were honoured with.
        for h in &x.honours {
            text.push(' ');
            text.push_str(&settings[h.form].label);
            if let Some(n) = &h.number {
                text.push(' ');
                text.push_str(n);
            }
            if let crate::model::Issuer::Named(name) = &h.issuer {
                text.push(' ');
                text.push_str(name);
            }
        }
        out.push(Doc {
            title: x.name.clone(),
            url: x.meta.url.clone(),
            kind: "person",
            year: x.year,
            field: field(&x.fields),
            sub: [x.role.as_deref(), x.unit.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            snippet: short(x.meta.summary.as_deref().unwrap_or("")),
            text,
            ..Doc::default()
        });
        for h in &x.honours {
            let form = &settings[h.form].label;
            let number = h.number.as_deref().unwrap_or(crate::model::UNKNOWN_NUMBER);
            let achievement = h.achievement.as_deref().unwrap_or("");
            let level = match &h.issuer {
                crate::model::Issuer::Body(b) => settings
                    .level(&settings[*b].level)
                    .map_or_else(String::new, |l| l.label.clone()),
                crate::model::Issuer::Named(_) => String::new(),
            };
            out.push(Doc {
                title: x.name.clone(),
                url: x.meta.url.clone(),
                kind: "honour",
                year: h.date.year,
                field: field(&x.fields),
                sub: format!("{form} · {number} · {}", h.date.year),
                snippet: short(achievement),
                text: format!("{} {form} {number} {achievement}", x.name),
                form: form.clone(),
                level,
                subject: x.subject.key(),
                unit: x.unit.clone().unwrap_or_default(),
            });
        }
    }
    for x in &r.movements {
        let text = format!(
            "{} {} {} {}",
            x.meta.title,
            x.document.as_deref().unwrap_or(""),
            labels(&x.fields),
            body(&x.meta.body_html)
        );
        out.push(Doc {
            title: x.meta.title.clone(),
            url: x.meta.url.clone(),
            kind: "movement",
            year: x.start.year,
            field: field(&x.fields),
            snippet: short(
                x.meta
                    .summary
                    .as_deref()
                    .or(x.slogan.as_deref())
                    .unwrap_or(""),
            ),
            text,
            ..Doc::default()
        });
    }
    for x in &r.notices {
        let mut text = format!("{} {} {}", x.meta.title, x.place, labels(&x.fields));
        for n in &x.nominees {
            text.push(' ');
            text.push_str(&n.name);
        }
        out.push(Doc {
            title: x.meta.title.clone(),
            url: x.meta.url.clone(),
            kind: "notice",
            year: x.year,
            field: field(&x.fields),
            snippet: short(x.meta.summary.as_deref().unwrap_or("")),
            text,
            ..Doc::default()
        });
    }
    for x in &r.plans {
        let text = format!(
            "{} {} {}",
            x.meta.title,
            x.theme.as_deref().unwrap_or(""),
            body(&x.meta.body_html)
        );
        out.push(Doc {
            title: x.meta.title.clone(),
            url: x.meta.url.clone(),
            kind: "plan",
            year: x.year,
            snippet: short(x.theme.as_deref().unwrap_or("")),
            text,
            ..Doc::default()
        });
    }
    out
}

/// A folded token and its postings (`id * 2 + in_title`), in id order.
type Posting<'a> = (&'a str, Vec<u32>);

/// The index files, under `dir` (e.g. `tim-kiem`).
pub(crate) fn build(
    dir: &str,
    settings: &Settings,
    r: &Records,
    ids: &crate::identity::Identities,
) -> Vec<OutputFile> {
    let docs = docs(settings, r, ids);
    // Folding is the costly part and independent per document.
    let folded: Vec<(String, String)> = docs
        .par_iter()
        .map(|d| (fold(&d.title), fold(&d.text)))
        .collect();
    // Numbered by folded title (then newest first), so one name's documents are together.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.par_sort_unstable_by(|&a, &b| {
        folded[a]
            .0
            .cmp(&folded[b].0)
            .then_with(|| docs[b].year.cmp(&docs[a].year))
            .then_with(|| docs[a].url.cmp(&docs[b].url))
    });
    // Postings in one pass: documents come in id order, so each list is sorted as it grows.
    // Tokens are short words: a fast hash, not SipHash, is what pays here.
    let mut postings: HashMap<&str, Vec<u32>, BuildHasherDefault<FastHasher>> =
        HashMap::with_capacity_and_hasher(docs.len(), Default::default());
    for (id, &d) in order.iter().enumerate() {
        let id = id as u32;
        let (title, text) = &folded[d];
        for (t, in_title) in words(title)
            .map(|t| (t, 1))
            .chain(words(text).map(|t| (t, 0)))
        {
            let ids = postings.entry(t).or_default();
            match ids.last_mut() {
                Some(last) if *last >> 1 == id => *last |= in_title,
                _ => ids.push(id << 1 | in_title),
            }
        }
    }
    let mut sorted: Vec<Posting<'_>> = postings.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Tokens sharing their first two letters are neighbours in byte order.
    let mut shards: Vec<(String, &[Posting<'_>])> = Vec::new();
    let mut start = 0;
    for i in 1..=sorted.len() {
        if i == sorted.len() || shard_of(sorted[i].0) != shard_of(sorted[start].0) {
            shards.push((shard_of(sorted[start].0), &sorted[start..i]));
            start = i;
        }
    }
    // Shard names are folded letters and digits: safe file names, but keep them ASCII.
    shards.retain(|(shard, _)| shard.chars().all(|c| c.is_ascii_alphanumeric()));
    let mut files: Vec<OutputFile> = shards
        .par_iter()
        .map(|(shard, entries)| {
            let map: BTreeMap<&str, Vec<u32>> =
                entries.iter().map(|(t, list)| (*t, gaps(list))).collect();
            OutputFile {
                path: format!("{dir}/t/{shard}.json"),
                bytes: serde_json::to_vec(&map).unwrap_or_default(),
            }
        })
        .collect();
    // The shard names, which a search for a word with a mistake in its first two letters
    // reads before it asks for a shard that may not exist.
    let names: Vec<&str> = shards.iter().map(|(s, _)| s.as_str()).collect();
    files.push(OutputFile {
        path: format!("{dir}/t/_.json"),
        bytes: serde_json::to_vec(&names).unwrap_or_default(),
    });
    let shards: Vec<OutputFile> = order
        .par_chunks(DOCS_PER_SHARD)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<_> = chunk
                .iter()
                .map(|&i| {
                    let d = &docs[i];
                    (
                        d.title.as_str(),
                        d.url.as_str(),
                        d.kind,
                        d.year,
                        d.field.as_str(),
                        d.sub.as_str(),
                        d.snippet.as_str(),
                        d.form.as_str(),
                        d.level.as_str(),
                        d.subject,
                        d.unit.as_str(),
                    )
                })
                .collect();
            OutputFile {
                path: format!("{dir}/d/{n}.json"),
                bytes: serde_json::to_vec(&rows).unwrap_or_default(),
            }
        })
        .collect();
    files.extend(shards);
    files
}

/// Postings `id * 2 + flag` as gaps: `(id - previous id) * 2 + flag`, small numbers.
fn gaps(list: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    list.iter()
        .map(|&v| {
            let id = v >> 1;
            let g = (id - previous) << 1 | (v & 1);
            previous = id;
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_stops_at_the_limit() {
        assert_eq!(
            plain_text("<p>Ông <strong>Đức</strong> giúp</p><p>xóm</p>"),
            " Ông  Đức  giúp  xóm "
        );
        assert_eq!(plain_text("a < b"), "a  ");
        let long = format!("<p>{}</p>", "ă".repeat(BODY_CHARS * 2));
        assert_eq!(plain_text(&long).chars().count(), BODY_CHARS);
    }

    #[test]
    fn postings_are_gaps_with_the_title_flag() {
        // Documents 3 (in the title), 4 and 10 (in the title).
        assert_eq!(gaps(&[3 << 1 | 1, 4 << 1, 10 << 1 | 1]), vec![7, 2, 13]);
        assert_eq!(short("  a   b  "), "a b");
        let long = "từ ".repeat(200);
        assert!(short(&long).chars().count() <= SNIPPET_CHARS + 1 && short(&long).ends_with('…'));
    }

    #[test]
    fn tokens_fold_diacritics_and_d() {
        let t: Vec<String> = tokens("Nguyễn Văn Đức, 45/QĐ-UBND; Đặng").collect();
        assert_eq!(t, vec!["nguyen", "van", "duc", "45", "qd", "ubnd", "dang"]);
        assert_eq!(shard_of("nguyen"), "ng");
        // The same words as splitting on every character that is not a letter or digit.
        for text in [
            "a bc, déf–ghi 1 23 x",
            "日本語 ab",
            "—ab—c—",
            "",
            "ab",
            "a",
            "ñandú z9",
        ] {
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| t.chars().count() >= 2)
                .collect();
            assert_eq!(words(text).collect::<Vec<_>>(), split, "{text}");
        }
        assert_eq!(shard_of("45"), "45");
    }
}
