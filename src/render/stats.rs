//! The statistics page: counts per year, field, form and unit, drawn as SVG bar charts at
//! build time (no script), each with its numbers in a table beside it.

use crate::config::Settings;
use crate::index::Indexes;
use crate::model::{FieldId, FormId, PerId, Records};
use serde::Serialize;
use std::collections::BTreeMap;

/// One chart: a title and labelled counts, largest first or in natural order.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chart {
    pub id: &'static str,
    pub rows: Vec<(String, usize)>,
    /// The SVG markup (labels escaped).
    pub svg: String,
}

/// Recipients per decision year, per field, per form and per unit (the 15 largest).
pub(crate) fn charts(settings: &Settings, r: &Records, ix: &Indexes) -> Vec<Chart> {
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut per_field: PerId<FieldId, usize> = PerId::filled(settings.fields.len(), 0);
    let mut per_form: PerId<FormId, usize> = PerId::filled(settings.forms.len(), 0);
    for a in &r.awards {
        *per_year.entry(a.date.year).or_default() += a.recipients.len();
        for &f in &a.fields {
            per_field[f] += a.recipients.len();
        }
        for rec in &a.recipients {
            per_form[rec.form] += 1;
        }
    }
    let years: Vec<(String, usize)> = per_year
        .into_iter()
        .map(|(y, n)| (y.to_string(), n))
        .collect();
    let by_count = |mut v: Vec<(String, usize)>| {
        v.retain(|(_, n)| *n > 0);
        // Largest first; ties keep the configured order (stable sort).
        v.sort_by_key(|r| std::cmp::Reverse(r.1));
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
            .map(|u| (u.label.clone(), u.recipients.len()))
            .collect(),
    );
    units.truncate(15);
    [
        ("nam", years),
        ("linh-vuc", fields),
        ("hinh-thuc", forms),
        ("don-vi", units),
    ]
    .into_iter()
    .map(|(id, rows)| Chart {
        id,
        svg: bar_chart(id, &rows),
        rows,
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
fn bar_chart(id: &str, rows: &[(String, usize)]) -> String {
    const WIDTH: usize = 360;
    const ROW: usize = 44;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let height = rows.len().max(1) * ROW + 8;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"h-{id}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, (label, n)) in rows.iter().enumerate() {
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
        let svg = super::bar_chart("x", &[("A <b>".into(), 10), ("B".into(), 5)]);
        assert!(svg.contains("A &lt;b&gt;"));
        assert!(
            svg.contains("width=\"300\""),
            "the largest bar fills the width: {svg}"
        );
        assert!(svg.contains("width=\"150\""));
        assert!(!svg.contains("style="));
    }
}
