//! The renderer: the theme's environment, the site-wide values every page gets, the cards
//! of every record and the shared table cells, and rendering one page with its layout.

use super::engine::environment;
use super::view::{self, Link, Views};
use super::{fragments, page_context, strings, url_to_path, FastHasher, OutputFile};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::index::{Indexes, RecipientRef};
use crate::model::{AwardId, PersonId, Records};
use crate::theme::Theme;
use minijinja::value::{Serde, Value};
use minijinja::{context, Environment};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

pub(super) struct Cards {
    pub(super) plans: CardList,
    pub(super) movements: CardList,
    pub(super) people: CardList,
    pub(super) awards: CardList,
    pub(super) notices: CardList,
}

/// The cards of one kind: each record's view, and the same view with its card's HTML
/// (the theme's `card` macro, rendered the first time a page shows it and reused by every
/// other list the record appears in).
pub(super) struct CardList {
    values: Vec<Value>,
    rendered: Vec<OnceLock<Value>>,
}

impl CardList {
    fn new(values: Vec<Value>) -> CardList {
        let rendered = values.iter().map(|_| OnceLock::new()).collect();
        CardList { values, rendered }
    }
}

impl std::ops::Index<usize> for CardList {
    type Output = Value;
    fn index(&self, i: usize) -> &Value {
        &self.values[i]
    }
}

/// A view (a map) with one more key holding trusted HTML.
fn with_fragment(view: &Value, key: &str, html: String) -> Value {
    let mut map: std::collections::BTreeMap<String, Value> = std::collections::BTreeMap::new();
    if let Ok(keys) = view.try_iter() {
        for k in keys {
            if let (Some(name), Ok(v)) = (k.as_str(), view.get_item(&k)) {
                map.insert(name.to_string(), v);
            }
        }
    }
    map.insert(key.to_string(), Value::from_safe_string(html));
    Value::from(map)
}

/// The theme's `macros.html`, evaluated once and kept for calls from Rust (cards, table
/// cells): evaluating the module costs as much as a small page, so each rendering thread
/// keeps one (`None` until the first call; `Some(None)` when the theme has no such file).
pub(super) type Macros<'s> = Option<Option<minijinja::Captured<'s>>>;

/// Renders every page of the site.
pub struct Renderer<'a> {
    env: Environment<'static>,
    pub(super) settings: &'a Settings,
    pub(super) records: &'a Records,
    pub(super) ix: &'a Indexes,
    pub(super) views: Views<'a>,
    site: Value,
    /// Fingerprint of what every page shows in its header (menu, yearly theme).
    pub(super) site_hash: u64,
    pub(super) strings: Value,
    /// The default theme's repeated fragments, written without the template engine (only
    /// while the site's `macros.html` is the default one).
    fragments: Option<fragments::Fragments>,
    /// Every template is the default theme's: recipients tables are written too.
    default_templates: bool,
    pub(super) cards: Cards,
    /// The header of each section and the footer, rendered once from the theme's
    /// `header.html` and `footer.html` and given to every page as `chrome`.
    chrome: std::sync::RwLock<std::collections::HashMap<String, Value>>,
    /// The name, form and achievement cells of each recipient's row, rendered once from
    /// the theme's `recipient_cells` macro the first time a page shows the row and shared
    /// by the decision's page, the honour roll, the unit's and the form's pages; indexed
    /// by `row_start[award] + k`. `None` when the theme has no such macro.
    row_cells: Vec<OnceLock<Option<Value>>>,
    row_start: Vec<usize>,
    /// The decision cell of each award (the theme's `award_cell` macro), shared by the rows
    /// of all its recipients in lists of many decisions.
    award_cells: Vec<OnceLock<Option<Value>>>,
    /// The largest page each template has rendered so far, to size the next one's buffer.
    page_sizes: HashMap<String, AtomicUsize, BuildHasherDefault<FastHasher>>,
}

/// What every page's `<head>` and navigation need.
pub(super) struct Head<'h> {
    pub(super) url: &'h str,
    pub(super) title: &'h str,
    pub(super) section: &'h str,
    pub(super) description: Option<&'h str>,
    pub(super) has_code: bool,
}

/// A page without its own description or code blocks.
pub(super) fn head<'h>(url: &'h str, title: &'h str, section: &'h str) -> Head<'h> {
    Head {
        url,
        title,
        section,
        description: None,
        has_code: false,
    }
}

/// The head of a record's page.
pub(super) fn record_head<'h>(
    meta: &'h crate::model::Meta,
    title: &'h str,
    section: &'h str,
    description: Option<&'h str>,
) -> Head<'h> {
    Head {
        url: &meta.url,
        title,
        section,
        description,
        has_code: meta.has_code,
    }
}

/// The card of every record, serialised once (or taken from `cache` when unchanged).
fn card_values<T: Sync>(
    items: &[T],
    meta: impl Fn(&T) -> &crate::model::Meta + Sync,
    card: impl Fn(&T) -> view::Card + Sync,
    cache: &CardCache,
) -> CardList {
    let values = items
        .par_iter()
        .map(|x| {
            cache
                .get(&meta(x).hash)
                .cloned()
                .unwrap_or_else(|| Value::from(Serde(card(x))))
        })
        .collect();
    CardList::new(values)
}

/// Card views of records from an earlier build with the same settings, by source
/// fingerprint: a rebuild serialises only the records that changed.
pub type CardCache = std::collections::HashMap<u64, Value>;

impl<'a> Renderer<'a> {
    pub fn new(
        theme: &Theme,
        settings: &'a Settings,
        records: &'a Records,
        ix: &'a Indexes,
    ) -> Result<Self> {
        Renderer::with_cards(theme, settings, records, ix, &CardCache::new())
    }

    /// Like [`Renderer::new`], reusing the cards of unchanged records.
    pub fn with_cards(
        theme: &Theme,
        settings: &'a Settings,
        records: &'a Records,
        ix: &'a Indexes,
        cache: &CardCache,
    ) -> Result<Self> {
        let env = environment(theme)?;
        let strings = strings::table(&theme.strings(&settings.language)?);
        let views = Views::new(settings, records, ix);
        let cards = Cards {
            plans: card_values(&records.plans, |x| &x.meta, |x| views.plan_card(x), cache),
            movements: card_values(
                &records.movements,
                |x| &x.meta,
                |x| views.movement_card(x),
                cache,
            ),
            people: card_values(
                &records.people,
                |x| &x.meta,
                |x| views.person_card(x),
                cache,
            ),
            awards: card_values(&records.awards, |x| &x.meta, |x| views.award_card(x), cache),
            notices: card_values(
                &records.notices,
                |x| &x.meta,
                |x| views.notice_card(x),
                cache,
            ),
        };
        let mut row_start = Vec::with_capacity(records.awards.len());
        let mut rows = 0;
        for a in &records.awards {
            row_start.push(rows);
            rows += a.recipients.len();
        }
        let row_cells = (0..rows).map(|_| OnceLock::new()).collect();
        let p = &settings.paths;
        let menu: Vec<Link> = ix
            .pages_by_weight
            .iter()
            .map(|&i| &records[i])
            .filter(|pg| pg.menu)
            .map(|pg| Link {
                label: pg.meta.title.clone(),
                url: pg.meta.url.clone(),
                count: None,
            })
            .collect();
        let current_plan = ix.plans_by_year.first().map(|&i| &records[i]);
        let site = context! {
            title => settings.title.clone(),
            commune => settings.commune.clone(),
            location => settings.location.clone(),
            description => settings.description.clone(),
            base_url => settings.base_url.clone(),
            language => settings.language.clone(),
            menu => Serde(menu),
            theme => current_plan.and_then(|p| p.theme.clone()),
            theme_year => current_plan.map(|p| p.year),
            urls => context! {
                plans => format!("/{}/", p.plans),
                movements => format!("/{}/", p.movements),
                people => format!("/{}/", p.people),
                awards => format!("/{}/", p.awards),
                notices => format!("/{}/", p.notices),
                years => format!("/{}/", p.years),
                fields => format!("/{}/", p.fields),
                forms => format!("/{}/", p.forms),
                units => format!("/{}/", p.units),
                honour_roll => format!("/{}/", p.honour_roll),
                data => format!("/{}/", p.data),
                stats => format!("/{}/", p.stats),
                search => format!("/{}/", p.search),
            },
        };
        let site_hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            site.to_string().hash(&mut h);
            h.finish()
        };
        let page_sizes = env
            .templates()
            .map(|(name, _)| (name.to_string(), AtomicUsize::new(16 * 1024)))
            .collect();
        Ok(Renderer {
            env,
            settings,
            records,
            ix,
            views,
            site,
            site_hash,
            default_templates: theme.has_default_templates(),
            fragments: theme
                .has_default_macros()
                .then(|| fragments::Fragments::new(&strings))
                .flatten(),
            strings,
            cards,
            chrome: Default::default(),
            row_cells,
            row_start,
            award_cells: records.awards.iter().map(|_| OnceLock::new()).collect(),
            page_sizes,
        })
    }

    /// The cards of this build, to reuse in the next one.
    pub fn card_cache(&self) -> CardCache {
        let r = self.records;
        let c = &self.cards;
        let metas = r
            .plans
            .iter()
            .map(|x| &x.meta)
            .zip(&c.plans.values)
            .chain(r.movements.iter().map(|x| &x.meta).zip(&c.movements.values))
            .chain(r.people.iter().map(|x| &x.meta).zip(&c.people.values))
            .chain(r.awards.iter().map(|x| &x.meta).zip(&c.awards.values))
            .chain(r.notices.iter().map(|x| &x.meta).zip(&c.notices.values));
        metas.map(|(m, v)| (m.hash, v.clone())).collect()
    }

    /// The page header of `section` and the footer, each rendered once. Free pages may be
    /// menu entries marked as the current page, so their header is rendered with the page.
    fn chrome(&self, section: &str) -> Value {
        let footer = self.fragment("footer", "footer.html", "");
        let header = if section == "page" {
            Value::from(())
        } else {
            // Rendered without the page's url: shared by every page of the section.
            self.fragment(&format!("header:{section}"), "header.html", section)
        };
        context! { header => header, footer => footer }
    }

    /// A template rendered once per `key` with `site`, `t` and `page.section`; none when it
    /// fails (the page then includes the template itself and reports the error).
    fn fragment(&self, key: &str, template: &str, section: &str) -> Value {
        if let Some(v) = self.chrome.read().ok().and_then(|m| m.get(key).cloned()) {
            return v;
        }
        let html = self
            .env
            .get_template(template)
            .and_then(|t| {
                t.render(context! {
                    site => self.site.clone(),
                    t => self.strings.clone(),
                    page => context! { section => section },
                })
            })
            .map(Value::from_safe_string)
            .unwrap_or(Value::from(()));
        if let Ok(mut m) = self.chrome.write() {
            m.insert(key.to_string(), html.clone());
        }
        html
    }

    pub(super) fn render_file(
        &self,
        template: &str,
        path: String,
        ctx: Value,
    ) -> Result<OutputFile> {
        let tmpl = self
            .env
            .get_template(template)
            .map_err(|e| Error::template(template, &e))?;
        let ctx = context! { site => self.site.clone(), t => self.strings.clone(), ..ctx };
        let text = tmpl
            .render(ctx)
            .map_err(|e| Error::template(template, &e))?;
        Ok(OutputFile {
            path,
            bytes: text.into_bytes(),
        })
    }

    pub(super) fn render(
        &self,
        template: &str,
        head: Head<'_>,
        extra: Value,
    ) -> Result<OutputFile> {
        let Head {
            url,
            title,
            section,
            description,
            has_code,
        } = head;
        let tmpl = self
            .env
            .get_template(template)
            .map_err(|e| Error::template(template, &e))?;
        let description = description
            .map(str::to_string)
            .or_else(|| self.settings.description.clone())
            .unwrap_or_default();
        let description = shorten(&description, 200);
        let canonical = format!("{}{}", self.settings.base_url, url);
        // The head of the default layout and a record's field links, written (default
        // templates only: see `tables`).
        let (head_html, fields_html) = match self.tables() {
            Some(f) => {
                // `photo` is set by person pages only, as text or none.
                let photo = extra.get_attr("photo").unwrap_or_default();
                let head = fragments::PageHead {
                    title,
                    section,
                    description: &description,
                    canonical: &canonical,
                    has_code,
                    photo: photo.as_str().filter(|p| !p.is_empty()),
                };
                let record = extra.get_attr("record").unwrap_or_default();
                let fields = (!record.is_undefined())
                    .then(|| f.fields(&record.get_attr("fields").unwrap_or_default()))
                    .flatten();
                (
                    Value::from_safe_string(f.head(self.settings, &head)),
                    fields.map_or(Value::UNDEFINED, Value::from_safe_string),
                )
            }
            None => (Value::UNDEFINED, Value::UNDEFINED),
        };
        let page = context! {
            title => title,
            url => url,
            canonical => canonical,
            section => section,
            description => description,
            has_code => has_code,
        };
        let chrome = self.chrome(section);
        let ctx = page_context::PageContext::value(
            [
                ("site", self.site.clone()),
                ("t", self.strings.clone()),
                ("page", page),
                ("chrome", chrome),
                ("head_html", head_html),
                ("fields_html", fields_html),
            ],
            &extra,
        );
        // Rendered into a buffer sized from the largest page of this template so far:
        // growing a page's string by doubling copied every byte about twice more.
        let hint = self.page_sizes.get(template);
        let mut bytes = Vec::with_capacity(hint.map_or(16 * 1024, |h| h.load(Ordering::Relaxed)));
        tmpl.render_captured_to(ctx, &mut bytes)
            .map_err(|e| Error::template(template, &e))?;
        if let Some(h) = hint {
            h.fetch_max(bytes.len(), Ordering::Relaxed);
        }
        Ok(OutputFile {
            path: url_to_path(url),
            bytes,
        })
    }

    /// Rows of a table listing recipients of many decisions (honour roll, unit, form): each
    /// row's cells and each decision's cell come rendered once from the theme's macros. A
    /// theme without those macros gets the plain rows and renders them itself.
    pub(super) fn award_rows<'s>(&'s self, mc: &mut Macros<'s>, refs: &[RecipientRef]) -> Value {
        self.many_decisions_table(mc, refs, false)
    }

    /// The rows of a person's own table of honours: the name without a link to the page it
    /// is on, and each decision's shared cell.
    pub(super) fn person_rows<'s>(&'s self, mc: &mut Macros<'s>, person: PersonId) -> Value {
        self.many_decisions_table(mc, &self.ix.person_awards[person], true)
    }

    /// A table of recipients of many decisions: written whole with the default templates,
    /// rows of ready cells with the default macros, plain rows otherwise. On a person's own
    /// page (`own_page`) the name is not a link to the page it is on.
    fn many_decisions_table<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        refs: &[RecipientRef],
        own_page: bool,
    ) -> Value {
        let row = |x: RecipientRef, with_award: bool| {
            let row = self.views.recipient_row(x, with_award);
            match own_page {
                true => view::RecipientRow {
                    person_url: None,
                    ..row
                },
                false => row,
            }
        };
        let mut cells: Vec<(Value, Value)> = Vec::with_capacity(refs.len());
        for &(a, k) in refs {
            let name_cells = match (own_page, &self.fragments) {
                (false, _) => self.recipient_cells(mc, a, k),
                (true, Some(f)) => Some(Value::from_safe_string(
                    f.recipient_cells(&row((a, k), false)),
                )),
                (true, None) => None,
            };
            match (name_cells, self.award_cell(mc, a)) {
                (Some(c), Some(d)) => cells.push((c, d)),
                _ => {
                    let rows: Vec<_> = refs.iter().map(|&x| row(x, true)).collect();
                    return Value::from(Serde(rows));
                }
            }
        }
        match self.tables() {
            Some(f) if !cells.is_empty() => {
                let rows = cells.iter().map(|(c, d)| {
                    let last = fragments::LastCell::Award(d.as_str().unwrap_or(""));
                    (c.as_str().unwrap_or(""), last)
                });
                Value::from_safe_string(f.recipients_table(rows, true, true))
            }
            _ => Value::from(
                cells
                    .into_iter()
                    .map(|(cells, award_cell)| context! { cells, award_cell })
                    .collect::<Vec<_>>(),
            ),
        }
    }

    /// The rows of one decision's own table: shared cells, and the reward of each.
    pub(super) fn decision_rows<'s>(&'s self, mc: &mut Macros<'s>, a: AwardId) -> Value {
        let award = &self.records[a];
        if let Some(f) = self.tables() {
            let cells: Vec<Value> = (0..award.recipients.len())
                .filter_map(|k| self.recipient_cells(mc, a, k))
                .collect();
            if cells.len() == award.recipients.len() {
                let amounts: Vec<Option<String>> = award
                    .recipients
                    .iter()
                    .map(|x| x.amount.map(|m| view::money(m, &self.settings.language)))
                    .collect();
                let rows = cells.iter().zip(&amounts).map(|(c, m)| {
                    (
                        c.as_str().unwrap_or(""),
                        fragments::LastCell::Amount(m.as_deref()),
                    )
                });
                // The page shows the reward column when the decision gives any.
                let show_amount = award
                    .recipients
                    .iter()
                    .filter_map(|x| x.amount)
                    .sum::<u64>()
                    > 0;
                return Value::from_safe_string(f.recipients_table(rows, false, show_amount));
            }
        }
        let rows: Vec<Value> = (0..self.records[a].recipients.len())
            .map(|k| match self.recipient_cells(mc, a, k) {
                Some(cells) => {
                    let amount = self.records[a].recipients[k]
                        .amount
                        .map(|m| view::money(m, &self.settings.language));
                    context! { cells, amount }
                }
                None => Value::from(Serde(self.views.recipient_row((a, k), false))),
            })
            .collect();
        Value::from(rows)
    }

    /// The fragments, when the renderer also writes the recipients tables (every template
    /// is the default theme's).
    fn tables(&self) -> Option<&fragments::Fragments> {
        self.fragments.as_ref().filter(|_| self.default_templates)
    }

    /// The shared name, form and achievement cells of recipient `k` of award `a`.
    fn recipient_cells<'s>(&'s self, mc: &mut Macros<'s>, a: AwardId, k: usize) -> Option<Value> {
        self.row_cells[self.row_start[a.index()] + k]
            .get_or_init(|| {
                let row = self.views.recipient_row((a, k), false);
                if let Some(f) = &self.fragments {
                    return Some(Value::from_safe_string(f.recipient_cells(&row)));
                }
                self.call_macro(
                    mc,
                    "recipient_cells",
                    &[Value::from(Serde(row)), self.strings.clone()],
                )
                .map(Value::from_safe_string)
            })
            .clone()
    }

    /// The shared decision cell of award `a`.
    fn award_cell<'s>(&'s self, mc: &mut Macros<'s>, a: AwardId) -> Option<Value> {
        self.award_cells[a.index()]
            .get_or_init(|| {
                let award = self.views.award_ref(a);
                if let Some(f) = &self.fragments {
                    return Some(Value::from_safe_string(f.award_cell(&award)));
                }
                self.call_macro(
                    mc,
                    "award_cell",
                    &[Value::from(Serde(award)), self.strings.clone()],
                )
                .map(Value::from_safe_string)
            })
            .clone()
    }

    /// The cards of records of one kind, each with its HTML rendered once.
    pub(super) fn pick<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        list: &CardList,
        idx: &[usize],
    ) -> Vec<Value> {
        idx.iter()
            .map(|&i| {
                list.rendered[i]
                    .get_or_init(|| {
                        let card = &list.values[i];
                        if let Some(html) = self.fragments.as_ref().and_then(|f| f.card(card)) {
                            return with_fragment(card, "html", html);
                        }
                        let args = [card.clone(), self.strings.clone()];
                        match self.call_macro(mc, "card", &args) {
                            Some(html) => with_fragment(card, "html", html),
                            None => card.clone(),
                        }
                    })
                    .clone()
            })
            .collect()
    }

    /// Calls one of the theme's macros (in `macros.html`), creating the template state the
    /// first time. `None` when the theme has no such macro or it fails: the page then
    /// renders the fragment itself, and reports any error there.
    fn call_macro<'s>(
        &'s self,
        state: &mut Macros<'s>,
        name: &str,
        args: &[Value],
    ) -> Option<String> {
        let captured = state.get_or_insert_with(|| {
            self.env
                .get_template("macros.html")
                .ok()
                .and_then(|t| t.render_captured(context! {}).ok())
        });
        let captured = captured.as_mut()?;
        captured.with_state_mut(|st| st.call_macro(name, args)).ok()
    }

    pub(super) fn strings_get(&self, group: &str, key: &str) -> String {
        self.strings
            .get_attr(group)
            .ok()
            .and_then(|g| g.get_attr(key).ok())
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| key.to_string())
    }

    pub(super) fn cards_of(&self, kind: crate::model::Kind) -> &CardList {
        use crate::model::Kind;
        static NONE: CardList = CardList {
            values: Vec::new(),
            rendered: Vec::new(),
        };
        match kind {
            Kind::Plan => &self.cards.plans,
            Kind::Movement => &self.cards.movements,
            Kind::Person => &self.cards.people,
            Kind::Award => &self.cards.awards,
            Kind::Notice => &self.cards.notices,
            Kind::Page => &NONE,
        }
    }
}

/// At most `max` characters, cut at a word boundary with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_shortened_at_words() {
        assert_eq!(shorten("ngắn", 10), "ngắn");
        assert_eq!(shorten("một hai ba bốn năm sáu", 12), "một hai ba…");
    }
}
