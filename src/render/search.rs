//! The search index: built with the site, searched in the browser by a small script,
//! without diacritics ("nguyen van duc" finds "Nguyễn Văn Đức", "dang" finds "Đặng").
//!
//! Layout, so a first search downloads little even on a large site:
//! - `t/<xx>.json`: the inverted index, sharded by the first two letters of each folded
//!   token: `{"token": [doc ids]}`. A query token fetches one shard and matches as a prefix.
//! - `d/<n>.json`: document summaries, 500 per shard: `[title, url, kind, year, field]`.

use crate::config::Settings;
use crate::model::{FieldId, Records};
use crate::render::FastHasher;
use crate::render::OutputFile;
use crate::text::fold;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

/// Documents per summary shard.
pub(crate) const DOCS_PER_SHARD: usize = 500;
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

struct Doc {
    title: String,
    url: String,
    kind: &'static str,
    year: i32,
    field: String,
    text: String,
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

fn docs(settings: &Settings, r: &Records) -> Vec<Doc> {
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
            text,
        });
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
            text,
        });
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
            text,
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
            text,
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
            field: String::new(),
            text,
        });
    }
    out
}

/// A folded token and the documents holding it, in id order.
type Posting<'a> = (&'a str, Vec<usize>);

/// The index files, under `dir` (e.g. `tim-kiem`).
pub(crate) fn build(dir: &str, settings: &Settings, r: &Records) -> Vec<OutputFile> {
    let docs = docs(settings, r);
    // Folding is the costly part and independent per document.
    let folded: Vec<String> = docs.par_iter().map(|d| fold(&d.text)).collect();
    // Postings in one pass: documents come in id order, so each list is sorted as it grows.
    // Tokens are short words: a fast hash, not SipHash, is what pays here.
    let mut postings: HashMap<&str, Vec<usize>, BuildHasherDefault<FastHasher>> =
        HashMap::with_capacity_and_hasher(docs.len(), Default::default());
    for (id, text) in folded.iter().enumerate() {
        for t in words(text) {
            let ids = postings.entry(t).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
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
    let mut files: Vec<OutputFile> = shards
        .par_iter()
        // Shard names are folded letters and digits: safe file names, but keep them ASCII.
        .filter(|(shard, _)| shard.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|(shard, entries)| {
            let map: BTreeMap<&str, &Vec<usize>> =
                entries.iter().map(|(t, ids)| (*t, ids)).collect();
            OutputFile {
                path: format!("{dir}/t/{shard}.json"),
                bytes: serde_json::to_vec(&map).unwrap_or_default(),
            }
        })
        .collect();
    for (n, chunk) in docs.chunks(DOCS_PER_SHARD).enumerate() {
        let rows: Vec<(&str, &str, &str, i32, &str)> = chunk
            .iter()
            .map(|d| {
                (
                    d.title.as_str(),
                    d.url.as_str(),
                    d.kind,
                    d.year,
                    d.field.as_str(),
                )
            })
            .collect();
        files.push(OutputFile {
            path: format!("{dir}/d/{n}.json"),
            bytes: serde_json::to_vec(&rows).unwrap_or_default(),
        });
    }
    files
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
