//! The page of each honouree without a people record (see `identity.rs`): who they are and
//! every honour they were given, in date order, with the decision, form, achievement and
//! whether it is still in force. (An honouree with a people record has that record's page.)

use super::Page;
use crate::error::Result;
use crate::identity::HonoureeId;
use crate::index::HonourRef;
use crate::render::reader::Reader;
use crate::render::renderer::{head, Renderer};
use crate::render::OutputFile;
use minijinja::context;
use std::sync::Arc;

/// Lists the honourees' pages.
pub(super) fn add(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    pages.extend(
        r.ix.identities
            .own_pages()
            .map(|(i, _)| Arc::new(HonoureePage(i)) as Arc<dyn Page>),
    );
}

/// "Bằng khen của Chủ tịch UBND tỉnh (45/QĐ-UBND, ngày 3 tháng 1 năm 2025)" for each honour
/// still in force: what the page's structured data says they were given.
pub(super) fn award_texts(cx: &mut Reader<'_, '_, '_>, honours: &[HonourRef]) -> Vec<String> {
    let mut out = Vec::with_capacity(honours.len());
    for &h in honours {
        let (form, number, date) = match h {
            HonourRef::Decision(a, k) => {
                if !cx.records_standing(a, k).counts() {
                    continue;
                }
                let aw = cx.award(a);
                (aw.recipients[k].form, aw.number_text(), aw.date)
            }
            HonourRef::Recorded(p, k) => {
                let x = &cx.person(p).honours[k];
                let number = x.number.as_deref().unwrap_or(crate::model::UNKNOWN_NUMBER);
                (x.form, number, x.date)
            }
        };
        out.push(format!(
            "{} ({number}, {})",
            cx.settings()[form].label,
            date.vietnamese()
        ));
    }
    out
}

struct HonoureePage(HonoureeId);

impl Page for HonoureePage {
    fn kind(&self) -> &'static str {
        "honouree"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        r.ix.identities.all[self.0].url.clone()
    }

    fn address(&self, r: &Renderer<'_>) -> Option<String> {
        Some(r.ix.identities.all[self.0].url.clone())
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let x = cx.honouree(self.0);
        let awards = award_texts(cx, &x.honours);
        let in_force = awards.len();
        // The newest honour's position ("Nông dân", "Trưởng thôn").
        let position = x.honours.iter().find_map(|&h| match h {
            HonourRef::Decision(a, k) => cx.award(a).recipients[k].position.clone(),
            HonourRef::Recorded(..) => None,
        });
        let rows = cx.honouree_rows(self.0);
        let unit = cx.unit_link(&x.unit);
        let url = x.url.clone();
        cx.render("honouree.html", head(&url, &x.name, "honour_roll"), || {
            context! {
                name => x.name.clone(),
                subject => x.subject.key(),
                position => position,
                unit => unit,
                locality => x.place.clone(),
                awards => rows,
                awards_text => awards,
                honours_count => x.honours.len(),
                in_force_count => in_force,
            }
        })
    }
}
