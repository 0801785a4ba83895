//! Open data and statistics: each data set as CSV and JSON, the page that documents them,
//! and the page of charts and counts.

use super::Page;
use crate::error::Result;
use crate::render::data::{self as sets, DataSet};
use crate::render::reader::Reader;
use crate::render::renderer::{head, Renderer};
use crate::render::{stats, OutputFile};
use minijinja::context;
use minijinja::value::{Serde, Value};
use std::sync::Arc;

/// Lists the data files and pages.
pub(super) fn add(_r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    pages.extend(DataSet::ALL.map(|set| Arc::new(DataFiles(set)) as Arc<dyn Page>));
    pages.push(Arc::new(DataPage));
    pages.push(Arc::new(Stats));
}

/// One open-data set, as CSV and JSON.
struct DataFiles(DataSet);

impl Page for DataFiles {
    fn kind(&self) -> &'static str {
        "data"
    }

    fn id(&self, _r: &Renderer<'_>) -> String {
        self.0.name().to_string()
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        None
    }

    fn aggregate(&self) -> bool {
        true
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let set = self.0;
        let (s, at) = (cx.settings(), cx.at());
        let (r, ix) = cx.all();
        Ok(cx.compute(|| {
            let (csv, json) = sets::build(set, s, r, ix);
            vec![
                OutputFile {
                    path: at.data_file(set.name(), "csv"),
                    bytes: csv,
                },
                OutputFile {
                    path: at.data_file(set.name(), "json"),
                    bytes: json,
                },
            ]
        }))
    }
}

/// The page that lists the data sets and documents their columns.
struct DataPage;

impl Page for DataPage {
    fn kind(&self) -> &'static str {
        "data-page"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().data())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let at = cx.at();
        let (r, _) = cx.all();
        let recipients = crate::render::stats::totals(r).all;
        let sets: Vec<Value> = DataSet::ALL
            .iter()
            .map(|set| {
                let rows = match set {
                    DataSet::Recipients => recipients,
                    DataSet::People => r.people.len(),
                    DataSet::Movements => r.movements.len(),
                    DataSet::Notices => r.notices.iter().map(|n| n.nominees.len()).sum(),
                };
                context! {
                    name => set.name(),
                    csv => format!("/{}", at.data_file(set.name(), "csv")),
                    json => format!("/{}", at.data_file(set.name(), "json")),
                    rows => rows,
                    columns => Serde(set.columns()),
                }
            })
            .collect();
        let title = cx.text("sections", "data");
        cx.render(
            "data.html",
            head(&cx.url(), &title, "data"),
            || context! { sets => sets },
        )
    }
}

/// Charts and tables of counts.
struct Stats;

impl Page for Stats {
    fn kind(&self) -> &'static str {
        "stats"
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.at().stats())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let s = cx.settings();
        let (r, ix) = cx.all();
        let subjects: Vec<String> = crate::model::Subject::ALL
            .iter()
            .map(|k| cx.text("subjects", k.key()))
            .collect();
        let charts: Vec<Value> = cx
            .compute(|| stats::charts(s, r, ix, &subjects))
            .into_iter()
            .map(|c| {
                context! {
                    id => c.id,
                    rows => Serde(c.rows),
                    any_recorded => c.any_recorded,
                    svg => Value::from_safe_string(c.svg),
                }
            })
            .collect();
        let title = cx.text("sections", "stats");
        let totals = stats::totals(r);
        cx.render("stats.html", head(&cx.url(), &title, "stats"), || {
            context! {
                charts => charts,
                decisions => r.awards.len(),
                recipients => totals.all,
                recorded => totals.recorded,
                people => r.people.len(),
                movements => r.movements.len(),
            }
        })
    }
}
