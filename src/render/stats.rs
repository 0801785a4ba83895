//! The statistics page: counts per year, field, form and unit, drawn as SVG bar charts at
//! build time (no script), each with its numbers in a table beside it.

use crate::config::Settings;
use crate::index::Indexes;
use crate::model::{FieldId, FormId, PerId, Records};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One chart: a title and labelled counts, largest first or in natural order.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chart {
    pub id: &'static str,
    /// (label, honours in all, of which recorded without their decision in this site).
    pub rows: Vec<(String, usize, usize)>,
    /// Some honour in the chart is recorded from another source.
    pub any_recorded: bool,
    /// The SVG markup (labels escaped).
    pub svg: String,
}

/// How many honours there are in all, and how many of them a person's record lists
/// without their decision (`[[honours]]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Count {
    pub all: usize,
    pub recorded: usize,
}

impl Count {
    /// `n` honours, all of them decided in this site.
    fn decided(n: usize) -> Count {
        Count {
            all: n,
            recorded: 0,
        }
    }

    fn add(&mut self, n: usize, recorded: bool) {
        self.all += n;
        if recorded {
            self.recorded += n;
        }
    }
}

/// The honours of the site: every recipient of a decision, and every honour recorded
/// from another source.
pub(crate) fn totals(r: &Records) -> Count {
    let decided: usize = r
        .ids::<crate::model::AwardId>()
        .map(|a| {
            (0..r[a].recipients.len())
                .filter(|&k| r.standing(a, k).0.counts())
                .count()
        })
        .sum();
    let recorded: usize = r.people.iter().map(|p| p.honours.len()).sum();
    Count {
        all: decided + recorded,
        recorded,
    }
}

/// Honours per year, per field, per form and per unit (the 15 largest); honours recorded
/// without their decision count too, and are told apart in the tables. Then what the
/// commune's plan asks about (more honours for small collectives and direct workers): per
/// kind of subject and per level, in all and year by year, and the share of individuals'
/// honours that went to direct workers each year. `subjects` labels the kinds of subject
/// (in [`Subject::ALL`](crate::model::Subject::ALL) order).
pub(crate) fn charts(
    settings: &Settings,
    r: &Records,
    ix: &Indexes,
    subjects: &[String],
) -> Vec<Chart> {
    let mut per_year: BTreeMap<i32, Count> = BTreeMap::new();
    let mut per_field: PerId<FieldId, Count> =
        PerId::filled(settings.fields.len(), Count::default());
    let mut per_form: PerId<FormId, Count> = PerId::filled(settings.forms.len(), Count::default());
    let subject_ix = |s: crate::model::Subject| {
        crate::model::Subject::ALL
            .iter()
            .position(|&x| x == s)
            .unwrap_or(0)
    };
    let mut per_subject = vec![Count::default(); crate::model::Subject::ALL.len()];
    let mut per_level = vec![0usize; settings.levels.len()];
    let mut year_subject: BTreeMap<(i32, usize), usize> = BTreeMap::new();
    let mut year_level: BTreeMap<(i32, usize), usize> = BTreeMap::new();
    // Per year: (honours of individuals, of which to direct workers).
    let mut year_direct: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for a in r.ids::<crate::model::AwardId>() {
        // Honours in force only: a cancelled or replaced one no longer counts.
        let now: Vec<usize> = (0..r[a].recipients.len())
            .filter(|&k| r.standing(a, k).0.counts())
            .collect();
        let n = now.len();
        let year = r[a].date.year;
        per_year.entry(year).or_default().add(n, false);
        for &f in &r[a].fields {
            per_field[f].add(n, false);
        }
        if let Some(l) = per_level.get_mut(r[a].level.index()) {
            *l += n;
        }
        if n > 0 {
            *year_level.entry((year, r[a].level.index())).or_default() += n;
        }
        for &k in &now {
            per_form[r.form_now(a, k)].add(1, false);
            let x = &r[a].recipients[k];
            per_subject[subject_ix(x.subject)].add(1, false);
            *year_subject
                .entry((year, subject_ix(x.subject)))
                .or_default() += 1;
            if x.subject == crate::model::Subject::Individual {
                let e = year_direct.entry(year).or_default();
                e.0 += 1;
                e.1 += usize::from(x.direct_worker);
            }
        }
    }
    let mut per_unit: HashMap<&str, Count> = HashMap::new();
    for p in &r.people {
        let n = p.honours.len();
        if n == 0 {
            continue;
        }
        for h in &p.honours {
            per_year.entry(h.date.year).or_default().add(1, true);
            per_form[h.form].add(1, true);
            per_subject[subject_ix(p.subject)].add(1, true);
            *year_subject
                .entry((h.date.year, subject_ix(p.subject)))
                .or_default() += 1;
        }
        for &f in &p.fields {
            per_field[f].add(n, true);
        }
        if let Some(u) = p
            .unit
            .as_deref()
            .and_then(|u| ix.unit_by_slug.get(&settings.unit_book.place(u).slug))
        {
            per_unit
                .entry(ix[*u].slug.as_str())
                .or_default()
                .add(n, true);
        }
    }
    let years: Vec<(String, Count)> = per_year
        .into_iter()
        .map(|(y, n)| (y.to_string(), n))
        .collect();
    let by_count = |mut v: Vec<(String, Count)>| {
        v.retain(|(_, n)| n.all > 0);
        // Largest first; ties keep the configured order (stable sort).
        v.sort_by_key(|r| std::cmp::Reverse(r.1.all));
        v
    };
    let fields = by_count(
        settings
            .fields
            .iter()
            .zip(per_field)
            .map(|(f, n)| (f.label.clone(), n))
            .collect(),
    );
    let forms = by_count(
        settings
            .forms
            .iter()
            .zip(per_form)
            .map(|(f, n)| (f.label.clone(), n))
            .collect(),
    );
    let mut units = by_count(
        ix.units
            .iter()
            .map(|u| {
                let mut n = per_unit.get(u.slug.as_str()).copied().unwrap_or_default();
                n.add(u.recipients.len(), false);
                (u.label.clone(), n)
            })
            .collect(),
    );
    units.truncate(15);
    let kinds: Vec<(String, Count)> = subjects
        .iter()
        .cloned()
        .zip(per_subject)
        .filter(|(_, n)| n.all > 0)
        .collect();
    let level_label = |i: usize| {
        settings
            .levels
            .get(i)
            .map_or(String::new(), |l| l.label.clone())
    };
    let levels: Vec<(String, Count)> = per_level
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(i, &n)| (level_label(i), Count::decided(n)))
        .collect();
    let label_of = |i: usize| subjects.get(i).cloned().unwrap_or_default();
    // "2024 · Cá nhân": one row per year and kind (or level) that has honours.
    let by_year = |counts: &BTreeMap<(i32, usize), usize>, label: &dyn Fn(usize) -> String| {
        counts
            .iter()
            .map(|(&(y, i), &n)| (format!("{y} · {}", label(i)), Count::decided(n)))
            .collect::<Vec<(String, Count)>>()
    };
    let kinds_by_year = by_year(&year_subject, &label_of);
    let levels_by_year = by_year(&year_level, &level_label);
    let direct: Vec<(String, Count)> = year_direct
        .iter()
        .filter(|(_, &(all, _))| all > 0)
        .map(|(&y, &(all, direct))| {
            let share = (direct * 100 + all / 2) / all;
            (
                format!("{y}: {direct}/{all} ({share}%)"),
                Count::decided(direct),
            )
        })
        .collect();
    [
        ("nam", years),
        ("linh-vuc", fields),
        ("hinh-thuc", forms),
        ("don-vi", units),
        ("doi-tuong", kinds),
        ("doi-tuong-nam", kinds_by_year),
        ("cap", levels),
        ("cap-nam", levels_by_year),
        ("truc-tiep", direct),
    ]
    .into_iter()
    .filter(|(_, rows)| !rows.is_empty())
    .map(|(id, rows)| {
        let rows: Vec<(String, usize, usize)> = rows
            .into_iter()
            .map(|(l, n)| (l, n.all, n.recorded))
            .collect();
        Chart {
            id,
            svg: bar_chart(id, &rows),
            any_recorded: rows.iter().any(|r| r.2 > 0),
            rows,
        }
    })
    .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart: label above each bar, count at its end.
fn bar_chart(id: &str, rows: &[(String, usize, usize)]) -> String {
    const WIDTH: usize = 360;
    const ROW: usize = 44;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let height = rows.len().max(1) * ROW + 8;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"h-{id}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, (label, n, _)) in rows.iter().enumerate() {
        let y = i * ROW;
        let w = (n * (WIDTH - 60) / max).max(2);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"#1c1b1a\">{}</text><rect x=\"0\" y=\"{}\" width=\"{w}\" height=\"16\" rx=\"3\" fill=\"#a4161a\"/><text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"700\" fill=\"#1c1b1a\">{n}</text>",
            y + 15,
            escape(label),
            y + 21,
            w + 6,
            y + 34,
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_scale_and_labels_are_escaped() {
        let svg = super::bar_chart("x", &[("A <b>".into(), 10, 0), ("B".into(), 5, 0)]);
        assert!(svg.contains("A &lt;b&gt;"));
        assert!(
            svg.contains("width=\"300\""),
            "the largest bar fills the width: {svg}"
        );
        assert!(svg.contains("width=\"150\""));
        assert!(!svg.contains("style="));
    }
}
