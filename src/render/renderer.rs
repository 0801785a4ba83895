//! The renderer: the theme's environment, the site-wide values every page gets, the cards
//! of every record and the shared table cells, and rendering one page with its layout.

use super::builtins::{self, Builtins, LastCell, Overrides};
use super::engine::environment;
use super::view::{self, Link, Views};
use super::{page_context, strings, url_to_path, FastHasher, OutputFile};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::index::{HonourRef, Indexes};
use crate::model::{AwardId, Kind, Records};
use crate::theme::Theme;
use minijinja::value::{Serde, Value};
use minijinja::{context, Environment};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The cards of every listed kind, in the order of `Kind::LISTED`.
pub(super) struct Cards(Vec<CardList>);

/// The cards of one kind: each record's view with its card's HTML as `html` (the built-in
/// card or the theme's `card` macro, rendered once for every list and page the record
/// appears on, and kept for the next build: [`CardCache`]).
pub(super) struct CardList {
    values: Vec<Value>,
    /// Which values are views made in this build, still without their HTML.
    fresh: Vec<bool>,
}

impl std::ops::Index<usize> for CardList {
    type Output = Value;
    fn index(&self, i: usize) -> &Value {
        &self.values[i]
    }
}

/// A view (a map) with one more key (trusted HTML, or the error of the macro that should
/// have made it: the page printing it reports that error).
fn with_fragment(view: &Value, key: &str, html: Value) -> Value {
    let mut map: std::collections::BTreeMap<String, Value> = std::collections::BTreeMap::new();
    if let Ok(keys) = view.try_iter() {
        for k in keys {
            if let (Some(name), Ok(v)) = (k.as_str(), view.get_item(&k)) {
                map.insert(name.to_string(), v);
            }
        }
    }
    map.insert(key.to_string(), html);
    Value::from(map)
}

/// The theme's `macros.html`, evaluated once and kept for calls from Rust to the macros
/// that override built-in components (cards, table cells): evaluating the module costs as
/// much as a small page, so each rendering thread keeps one (`None` until the first call;
/// `Some(None)` when the module does not evaluate).
pub(super) type Macros<'s> = Option<Option<minijinja::Captured<'s>>>;

/// A text of the theme's strings, or its key when the theme lacks it.
fn strings_label(strings: &Value, group: &str, key: &str) -> String {
    strings
        .get_attr(group)
        .ok()
        .and_then(|g| g.get_attr(key).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| key.to_string())
}

/// The last cell of a recipients table's row, before it is built in or given to the
/// theme's `recipients` macro.
enum Row {
    /// The decision's shared cell.
    Award(Value),
    /// The reward (on a decision's own page).
    Amount(Option<String>),
}

/// Renders every page of the site.
pub(crate) struct Renderer<'a> {
    env: Environment<'static>,
    pub(super) settings: &'a Settings,
    pub(super) records: &'a Records,
    pub(super) ix: &'a Indexes,
    pub(super) views: Views<'a>,
    site: Value,
    /// Fingerprint of what every page shows in its header (menu, yearly theme).
    pub(super) site_hash: u64,
    /// The build date (`--today`, `VINHDANH_TODAY` or the clock): notices' status.
    pub(super) today: crate::date::Date,
    pub(super) strings: Value,
    /// The built-in components (cards, table cells and tables, the page head, field
    /// links), written without the template engine...
    builtins: Builtins,
    /// ...unless the theme's `macros.html` defines a macro of the same name.
    overrides: Overrides,
    pub(super) cards: Cards,
    /// The header of each section and the footer, rendered once from the theme's
    /// `header.html` and `footer.html` and given to every page as `chrome`.
    chrome: std::sync::RwLock<std::collections::HashMap<String, Value>>,
    /// The name, form and achievement cells of each recipient's row (`recipient_cells`),
    /// rendered once the first time a page shows the row and shared by the decision's
    /// page, the honour roll, the unit's and the form's pages; indexed by
    /// `row_start[award] + k`.
    row_cells: Vec<OnceLock<Value>>,
    row_start: Vec<usize>,
    /// The decision cell of each award (`award_cell`), shared by the rows of all its
    /// recipients in lists of many decisions.
    award_cells: Vec<OnceLock<Value>>,
    /// The largest page each template has rendered so far, to size the next one's buffer.
    page_sizes: HashMap<String, AtomicUsize, BuildHasherDefault<FastHasher>>,
    /// Each source file's revision history (record pages' "Lịch sử thay đổi").
    pub(super) history: Option<&'a crate::history::History>,
    /// Each revision's list item (`history` built-in), made the first time a page shows it
    /// and shared by every file the commit changed.
    history_items: Vec<OnceLock<String>>,
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

/// The card of every record of a kind, serialised once (or taken from `cache` when
/// unchanged).
fn card_values(views: &Views<'_>, kind: Kind, cache: &CardCache) -> CardList {
    let records = views.records;
    let (values, fresh) = (0..records.count(kind))
        .into_par_iter()
        // A notice's card shows its status on the build date, which its source does not
        // fingerprint: notices' cards are always made afresh (there are few).
        .map(|i| {
            match cache
                .get(&records.meta(kind, i).hash)
                .filter(|_| kind != Kind::Notice)
            {
                Some(card) => (card.clone(), false),
                None => (Value::from(Serde(views.card(kind, i))), true),
            }
        })
        .unzip();
    CardList { values, fresh }
}

/// Cards (views with their HTML) of records from an earlier build with the same settings
/// and theme, by source fingerprint: a rebuild serialises and renders only the cards of the
/// records that changed.
pub(crate) type CardCache = std::collections::HashMap<u64, Value>;

impl<'a> Renderer<'a> {
    pub(crate) fn new(
        theme: &Theme,
        settings: &'a Settings,
        records: &'a Records,
        ix: &'a Indexes,
    ) -> Result<Self> {
        Renderer::with_cards(theme, settings, records, ix, &CardCache::new())
    }

    /// The renderer with the site's revision history, which record pages show.
    pub(crate) fn with_history(mut self, history: &'a crate::history::History) -> Self {
        self.history = Some(history);
        self.history_items = (0..history.len()).map(|_| OnceLock::new()).collect();
        self
    }

    /// A record's revision history section (`history_html`): its revisions `ids`, newest
    /// first, of which the first `shown` are listed. The built-in, or the theme's `history`
    /// macro with `history` = {last, entries, count, more} (each entry {date, iso, message}).
    pub(super) fn history_html<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        history: &crate::history::History,
        ids: &[u32],
        shown: usize,
    ) -> Value {
        let shown = &ids[..shown.min(ids.len())];
        let Some(&newest) = shown.first() else {
            return Value::from_safe_string(String::new());
        };
        if self.overrides.history {
            let entries: Vec<Value> = shown
                .iter()
                .map(|&i| {
                    let r = history.revision(i);
                    context! {
                        date => r.date.vietnamese(),
                        iso => r.date.iso(),
                        message => r.summary.as_deref(),
                    }
                })
                .collect();
            let value = context! {
                last => entries[0].clone(),
                count => ids.len(),
                more => ids.len() - shown.len(),
                entries => entries,
            };
            return self.call_macro(mc, "history", &[value, self.strings.clone()]);
        }
        let items: Vec<&str> = shown
            .iter()
            .map(|&i| {
                self.history_items[i as usize]
                    .get_or_init(|| self.builtins.history_item(history.revision(i)))
                    .as_str()
            })
            .collect();
        let html = self
            .builtins
            .history(history.revision(newest), &items, ids.len());
        Value::from_safe_string(html)
    }

    /// Like [`Renderer::new`], reusing the cards of unchanged records.
    pub(crate) fn with_cards(
        theme: &Theme,
        settings: &'a Settings,
        records: &'a Records,
        ix: &'a Indexes,
        cache: &CardCache,
    ) -> Result<Self> {
        let env = environment(theme)?;
        let overrides = Overrides::of(&env);
        let strings = strings::table(&theme.strings(&settings.language)?);
        let today = crate::date::Date::today();
        let mut views = Views::new(settings, records, &ix.identities, today);
        views.change_labels = ["huy-bo", "sua-doi", "dinh-chinh", "thay-the"]
            .map(|k| strings_label(&strings, "changes", k));
        let cards = Cards(
            Kind::LISTED
                .iter()
                .map(|&kind| card_values(&views, kind, cache))
                .collect(),
        );
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
        let mut renderer = Renderer {
            env,
            settings,
            records,
            ix,
            views,
            site,
            site_hash,
            today,
            builtins: Builtins::new(&strings),
            overrides,
            strings,
            cards,
            chrome: Default::default(),
            row_cells,
            row_start,
            award_cells: records.awards.iter().map(|_| OnceLock::new()).collect(),
            page_sizes,
            history: None,
            history_items: Vec::new(),
        };
        let html: Vec<Vec<Value>> = renderer
            .cards
            .0
            .iter()
            .map(|l| renderer.with_html(l))
            .collect();
        for (list, values) in renderer.cards.0.iter_mut().zip(html) {
            list.values = values;
        }
        Ok(renderer)
    }

    /// Each card's view with its HTML as `html`: `card(item, t)`, built in or the theme's
    /// (every card is on a list page, so all are rendered, in parallel; cards taken from
    /// the previous build have theirs).
    fn with_html(&self, list: &CardList) -> Vec<Value> {
        list.values
            .par_iter()
            .zip(&list.fresh)
            .map_init(
                || None,
                |mc: &mut Macros<'_>, (card, &fresh)| {
                    if !fresh {
                        return card.clone();
                    }
                    let html = if self.overrides.card {
                        self.call_macro(mc, "card", &[card.clone(), self.strings.clone()])
                    } else {
                        Value::from_safe_string(self.builtins.card(card))
                    };
                    with_fragment(card, "html", html)
                },
            )
            .collect()
    }

    /// The cards of this build, to reuse in the next one.
    pub(crate) fn card_cache(&self) -> CardCache {
        let r = self.records;
        let cards = Kind::LISTED.iter().zip(&self.cards.0);
        cards
            .flat_map(|(&kind, list)| {
                let metas = (0..r.count(kind)).map(move |i| r.meta(kind, i));
                metas.zip(&list.values).map(|(m, v)| (m.hash, v.clone()))
            })
            .collect()
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
        let page = context! {
            title => title,
            url => url,
            canonical => &canonical,
            section => section,
            description => &description,
            has_code => has_code,
        };
        // The page's head and a record's field links: built in, or the theme's macros
        // (evaluated for this page only if it overrides them).
        let mut macros: Macros<'_> = None;
        // `photo` is set by person pages only, as text or none.
        let photo = extra.get_attr("photo").unwrap_or_default();
        let head_html = if self.overrides.page_head {
            let args = [page.clone(), self.site.clone(), self.strings.clone(), photo];
            self.call_macro(&mut macros, "page_head", &args)
        } else {
            let head = builtins::PageHead {
                title,
                section,
                description: &description,
                canonical: &canonical,
                has_code,
                photo: photo.as_str().filter(|p| !p.is_empty()),
            };
            Value::from_safe_string(self.builtins.page_head(self.settings, &head))
        };
        let record = extra.get_attr("record").unwrap_or_default();
        let fields_html = if record.is_undefined() {
            Value::UNDEFINED
        } else {
            let list = record.get_attr("fields").unwrap_or_default();
            if self.overrides.fields {
                self.call_macro(&mut macros, "fields", &[list])
            } else {
                Value::from_safe_string(self.builtins.fields(&list))
            }
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

    /// The recipients table of a list of recipients of many decisions (honour roll, unit,
    /// form), as HTML: each row's cells and each decision's cell rendered once and shared.
    /// Empty text when there are no rows.
    pub(super) fn award_rows<'s>(&'s self, mc: &mut Macros<'s>, refs: &[HonourRef]) -> Value {
        self.many_decisions_table(mc, refs, false)
    }

    /// An honouree's (or a person's) own table of honours: the name without a link to
    /// the page it is on, and each decision's shared cell.
    pub(super) fn honouree_rows<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        i: crate::identity::HonoureeId,
    ) -> Value {
        self.many_decisions_table(mc, &self.ix.identities.all[i].honours, true)
    }

    /// A table of recipients of many decisions. On a person's own page (`own_page`) the
    /// name is not a link to the page it is on (those cells are not shared).
    fn many_decisions_table<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        refs: &[HonourRef],
        own_page: bool,
    ) -> Value {
        if refs.is_empty() {
            return Value::from_safe_string(String::new());
        }
        let rows: Vec<(Value, Value)> = refs
            .iter()
            .map(|&h| {
                let cells = match h {
                    _ if own_page => {
                        let row = view::RecipientRow {
                            person_url: None,
                            ..self.views.honour_row(h, false)
                        };
                        self.recipient_cells_of(mc, row)
                    }
                    HonourRef::Decision(a, k) => self.recipient_cells(mc, a, k),
                    // Few, and not shared with a decision's page: not kept.
                    HonourRef::Recorded(..) => {
                        self.recipient_cells_of(mc, self.views.honour_row(h, false))
                    }
                };
                let cell = match h {
                    HonourRef::Decision(a, _) => self.award_cell(mc, a),
                    HonourRef::Recorded(p, k) => {
                        self.award_cell_of(mc, self.views.recorded_ref(p, k))
                    }
                };
                (cells, cell)
            })
            .collect();
        let rows: Vec<(Value, Row)> = rows
            .into_iter()
            .map(|(cells, cell)| (cells, Row::Award(cell)))
            .collect();
        self.recipients(mc, rows, true, true)
    }

    /// One decision's own table of recipients, as HTML: shared cells, and the reward of
    /// each (a column shown when the decision gives any).
    pub(super) fn decision_rows<'s>(&'s self, mc: &mut Macros<'s>, a: AwardId) -> Value {
        let award = &self.records[a];
        let rows: Vec<(Value, Row)> = award
            .recipients
            .iter()
            .enumerate()
            .map(|(k, x)| {
                let amount = x.amount.map(|m| view::money(m, &self.settings.language));
                (self.recipient_cells(mc, a, k), Row::Amount(amount))
            })
            .collect();
        let show_amount = award
            .recipients
            .iter()
            .filter_map(|x| x.amount)
            .sum::<u64>()
            > 0;
        self.recipients(mc, rows, false, show_amount)
    }

    /// `recipients(rows, t, show_award, show_amount)`: built in, or the theme's macro
    /// (given each row as `cells`, `award_cell` and `amount`). A cell whose macro failed
    /// is given back as it is, for the page to report.
    fn recipients<'s>(
        &'s self,
        mc: &mut Macros<'s>,
        rows: Vec<(Value, Row)>,
        show_award: bool,
        show_amount: bool,
    ) -> Value {
        let failed = |v: &Value| v.kind() == minijinja::value::ValueKind::Invalid;
        for (cells, last) in &rows {
            if failed(cells) {
                return cells.clone();
            }
            if let Row::Award(cell) = last {
                if failed(cell) {
                    return cell.clone();
                }
            }
        }
        if self.overrides.recipients {
            let rows: Vec<Value> = rows
                .into_iter()
                .map(|(cells, last)| match last {
                    Row::Award(award_cell) => context! { cells, award_cell },
                    Row::Amount(amount) => context! { cells, amount },
                })
                .collect();
            let args = [
                Value::from(rows),
                self.strings.clone(),
                Value::from(show_award),
                Value::from(show_amount),
            ];
            return self.call_macro(mc, "recipients", &args);
        }
        let rows = rows.iter().map(|(cells, last)| {
            let last = match last {
                Row::Award(cell) => LastCell::Award(cell.as_str().unwrap_or("")),
                Row::Amount(amount) => LastCell::Amount(amount.as_deref()),
            };
            (cells.as_str().unwrap_or(""), last)
        });
        Value::from_safe_string(self.builtins.recipients(rows, show_award, show_amount))
    }

    /// The shared name, form and achievement cells of recipient `k` of award `a`.
    fn recipient_cells<'s>(&'s self, mc: &mut Macros<'s>, a: AwardId, k: usize) -> Value {
        self.row_cells[self.row_start[a.index()] + k]
            .get_or_init(|| self.recipient_cells_of(mc, self.views.recipient_row(a, k, false)))
            .clone()
    }

    /// `recipient_cells(r, t)`: built in, or the theme's macro.
    fn recipient_cells_of<'s>(&'s self, mc: &mut Macros<'s>, row: view::RecipientRow) -> Value {
        if self.overrides.recipient_cells {
            let args = [Value::from(Serde(row)), self.strings.clone()];
            return self.call_macro(mc, "recipient_cells", &args);
        }
        Value::from_safe_string(self.builtins.recipient_cells(&row))
    }

    /// The shared decision cell of award `a`: `award_cell(a, t)`, built in or the theme's.
    fn award_cell<'s>(&'s self, mc: &mut Macros<'s>, a: AwardId) -> Value {
        self.award_cells[a.index()]
            .get_or_init(|| self.award_cell_of(mc, self.views.award_ref(a)))
            .clone()
    }

    /// `award_cell(a, t)` of a decision or of an honour recorded without one.
    fn award_cell_of<'s>(&'s self, mc: &mut Macros<'s>, award: view::AwardRef) -> Value {
        if self.overrides.award_cell {
            let args = [Value::from(Serde(award)), self.strings.clone()];
            return self.call_macro(mc, "award_cell", &args);
        }
        Value::from_safe_string(self.builtins.award_cell(&award))
    }

    /// The cards of records of one kind, each with its HTML (`item.html`).
    pub(super) fn pick<'s>(
        &'s self,
        _mc: &mut Macros<'s>,
        list: &CardList,
        idx: &[usize],
    ) -> Vec<Value> {
        idx.iter().map(|&i| list.values[i].clone()).collect()
    }

    /// Calls one of the theme's macros (in `macros.html`) that overrides a built-in
    /// component, creating the template state the first time: its output as trusted HTML,
    /// or its error as a value that fails the page printing it.
    fn call_macro<'s>(&'s self, state: &mut Macros<'s>, name: &str, args: &[Value]) -> Value {
        let captured = state.get_or_insert_with(|| {
            self.env
                .get_template("macros.html")
                .ok()
                .and_then(|t| t.render_captured(context! {}).ok())
        });
        let Some(captured) = captured.as_mut() else {
            return Value::from(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                "macros.html does not evaluate",
            ));
        };
        match captured.with_state_mut(|st| st.call_macro(name, args)) {
            Ok(html) => Value::from_safe_string(html),
            Err(e) => Value::from(e),
        }
    }

    pub(super) fn strings_get(&self, group: &str, key: &str) -> String {
        strings_label(&self.strings, group, key)
    }

    /// The cards of a kind (none for free pages, which are in no list).
    pub(super) fn cards_of(&self, kind: Kind) -> &CardList {
        static NONE: CardList = CardList {
            values: Vec::new(),
            fresh: Vec::new(),
        };
        match Kind::LISTED.iter().position(|&k| k == kind) {
            Some(i) => &self.cards.0[i],
            None => &NONE,
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
