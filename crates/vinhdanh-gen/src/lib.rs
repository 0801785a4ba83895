//! Synthetic site generator for vinhdanh: writes a complete, valid site (`site.toml` and
//! `content/`) of N records, for benchmarks and end-to-end tests.
//!
//! ```text
//! cargo run --release -p vinhdanh-gen -- N DIR
//! cargo run --release --example gen_site -- N DIR     (the same, under its old name)
//! ```
//!
//! Writes `DIR/site.toml` and `DIR/content/{plans,movements,people,awards,notices,pages}/*.md`
//! (N files under `content/` in total, N >= 30). DIR is created; the program refuses
//! (exit code 2) when DIR exists and is not empty, or when the arguments are bad. Tests and
//! benchmarks call [`generate`].
//!
//! Why a crate of its own, and not a program beside the library: the front matter is written
//! through the library's own types ([`vinhdanh::frontmatter`]), and slugs, dates and kind
//! folders come from the library's functions, so a change of the record schema that the
//! generator does not follow fails to compile here instead of failing a benchmark later. The
//! word lists (names, villages, fields of work, movements, decision kinds, phrases) are data
//! files under `data/`, built in with `include_str!`.
//!
//! The output is deterministic (a splitmix64 generator with a constant seed: the same N
//! gives the same bytes). The mix of records:
//!
//! * one plan per year, 2015–2025 (11 files) and 2 free pages;
//! * about 5 % movements (at least 3): the real national movements first, then yearly
//!   commune, district and province campaigns;
//! * about 38 % people (gương điển hình; người tốt, việc tốt);
//! * about 5 % public nominee notices (3–8 nominees; about half are linked to the award
//!   decision that followed, and share its nominees);
//! * the rest (about half) award decisions with 1–12 recipients; about 40 % of the
//!   recipients are linked to an existing people record through `person`.
//!
//! Every reference (movements, fields, forms, people, awards, bodies, levels) exists, forms
//! match the issuer's level and the recipient's subject, award numbers are unique per
//! (issuer, year), award dates lie inside the movement's period, district (huyện) decisions
//! stop before 1 July 2025, and all text is NFC. Slugs are the file names: people
//! `<ascii-name>-<counter>`, awards `<year>-<number>-qd-<issuer>`, notices
//! `cong-khai-<year>-<counter>`.
//!
//! Files are generated on the calling thread and written by a few writer threads (file
//! creation, not text generation, dominates); a write error ends the run with an error.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};
use vinhdanh::date::Date;
use vinhdanh::frontmatter::{
    AwardFm, MovementFm, NomineeFm, NoticeFm, PageFm, PersonFm, PlanFm, RecipientFm,
};
use vinhdanh::model::{AwardType, Kind, MovementKind, Subject};
use vinhdanh::text::slugify;

// ---------------------------------------------------------------------------------------
// Small deterministic PRNG (splitmix64)
// ---------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }

    fn pick<'a, S: AsRef<str>>(&mut self, s: &'a [S]) -> &'a str {
        s[self.below(s.len())].as_ref()
    }
}

// ---------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), through the library's `Date`
// ---------------------------------------------------------------------------------------

fn days(y: i32, m: u32, d: u32) -> i32 {
    Date::new(y, m as u8, d as u8).expect("a real date").days() as i32
}

fn date(z: i32) -> Date {
    Date::from_days(i64::from(z))
}

/// `day == 0` means the last day of the month.
fn day_of(y: i32, m: u32, d: u32) -> i32 {
    match (d, m) {
        (0, 12) => days(y + 1, 1, 1) - 1,
        (0, _) => days(y, m + 1, 1) - 1,
        _ => days(y, m, d),
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary: the data files
// ---------------------------------------------------------------------------------------

const FIRST_YEAR: i32 = 2015;
const LAST_YEAR: i32 = 2025;
const NYEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;
/// The smallest N the generator accepts.
pub const MIN_N: usize = 30;

const COMMUNE: &str = "Tân Việt";

const XA: usize = 0;
const HUYEN: usize = 1;
const TINH: usize = 2;
const TW: usize = 3;

const LEVEL_SLUG: [&str; 4] = ["xa", "huyen", "tinh", "trung-uong"];
const BODY_SLUG: [&str; 4] = ["ubnd-xa", "ubnd-huyen", "ubnd-tinh", "thu-tuong"];
const BODY_LABEL: [&str; 4] = [
    "Ủy ban nhân dân xã Tân Việt",
    "Ủy ban nhân dân huyện Thanh Hà",
    "Ủy ban nhân dân tỉnh Hải Dương",
    "Thủ tướng Chính phủ",
];
const LAUNCHED_BY: [&str; 4] = [
    "UBND xã Tân Việt",
    "UBND huyện Thanh Hà",
    "UBND tỉnh Hải Dương",
    "Thủ tướng Chính phủ",
];
const FILE_SUFFIX: [&str; 4] = ["qd-ubnd-xa", "qd-ubnd-huyen", "qd-ubnd-tinh", "qd-ttg"];
const NUMBER_SUFFIX: [&str; 4] = ["QĐ-UBND", "QĐ-UBND", "QĐ-UBND", "QĐ-TTg"];
const CHAIR_OF: [&str; 4] = [
    "Chủ tịch UBND xã",
    "Chủ tịch UBND huyện",
    "Chủ tịch UBND tỉnh",
    "Thủ tướng Chính phủ",
];

/// A level's slug (`xa`, `huyen`, `tinh`, `trung-uong`) in a data file, as its index.
fn level<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let s = String::deserialize(d)?;
    LEVEL_SLUG
        .iter()
        .position(|l| *l == s)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown level {s:?}")))
}

/// `data/names.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    family: Vec<String>,
    middle_male: Vec<String>,
    middle_female: Vec<String>,
    given_male: Vec<String>,
    given_female: Vec<String>,
    given_two_male: Vec<String>,
    given_two_female: Vec<String>,
}

/// `data/places.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Places {
    villages: Vec<String>,
}

/// A field of work (`data/fields.toml`) and the words its records are made of.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Field {
    slug: String,
    label: String,
    units: Vec<String>,
    positions: Vec<String>,
    deeds: Vec<String>,
    story: Vec<String>,
    results: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldsFile {
    fields: Vec<Field>,
}

/// `data/texts.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    tails: Vec<String>,
    cultured_family: Vec<String>,
    cultured_village: Vec<String>,
    themes: Vec<String>,
}

/// A real movement (`data/movements.toml`, `[[movements]]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CanonMovement {
    slug: String,
    title: String,
    kind: MovementKind,
    #[serde(deserialize_with = "level")]
    level: usize,
    launched_by: String,
    document: Option<String>,
    document_date: Option<Date>,
    document_title: Option<String>,
    start: Date,
    end: Option<Date>,
    slogan: Option<String>,
    fields: Vec<String>,
}

/// A yearly campaign (`data/movements.toml`, `[[templates]]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovementTemplate {
    slug: String,
    title: String,
    kind: MovementKind,
    #[serde(deserialize_with = "level")]
    level: usize,
    fields: Vec<String>,
    /// (year offset, month, day; day 0 = last day of the month)
    start: (i32, u32, u32),
    end: (i32, u32, u32),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovementsFile {
    movements: Vec<CanonMovement>,
    templates: Vec<MovementTemplate>,
}

/// A kind of award decision (`data/decisions.toml`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionKind {
    #[serde(deserialize_with = "level")]
    level: usize,
    weight: u32,
    form: String,
    /// Who receives it; `None`: a mix.
    subject: Option<Subject>,
    /// A title (danh hiệu) recognised at the end of the year, rather than a merit award.
    annual_title: bool,
    /// Words after "Về việc ...".
    title: String,
    /// How a notice about it is titled.
    notice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionsFile {
    decisions: Vec<DecisionKind>,
}

struct Data {
    names: Names,
    villages: Vec<String>,
    fields: Vec<Field>,
    texts: Texts,
    canon: Vec<CanonMovement>,
    templates: Vec<MovementTemplate>,
    kinds: Vec<DecisionKind>,
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("data/{name}: {e}"))
}

/// The data files, read once.
fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let movements: MovementsFile =
            parse("movements.toml", include_str!("../data/movements.toml"));
        let data = Data {
            names: parse("names.toml", include_str!("../data/names.toml")),
            villages: parse::<Places>("places.toml", include_str!("../data/places.toml")).villages,
            fields: parse::<FieldsFile>("fields.toml", include_str!("../data/fields.toml")).fields,
            texts: parse("texts.toml", include_str!("../data/texts.toml")),
            canon: movements.movements,
            templates: movements.templates,
            kinds: parse::<DecisionsFile>("decisions.toml", include_str!("../data/decisions.toml"))
                .decisions,
        };
        assert_eq!(
            data.texts.themes.len(),
            NYEARS,
            "data/texts.toml: a theme a year"
        );
        data
    })
}

fn field_idx(slug: &str) -> usize {
    data()
        .fields
        .iter()
        .position(|f| f.slug == slug)
        .unwrap_or_else(|| panic!("unknown field {slug:?} in the data files"))
}

struct Movement {
    slug: String,
    title: String,
    fields: Vec<u8>,
    start: i32,
    end: Option<i32>,
}

// ---------------------------------------------------------------------------------------
// Awards: rules
// ---------------------------------------------------------------------------------------

/// Coefficient (in tenths of the base salary) and whether collectives get double.
fn coefficient(form: &str) -> Option<(u64, bool)> {
    match form {
        "lao-dong-tien-tien" => Some((3, false)),
        "chien-si-thi-dua-co-so" => Some((10, false)),
        "chien-si-thi-dua-tinh" => Some((30, false)),
        "giay-khen" => Some((3, true)),
        "bang-khen-tinh" => Some((15, true)),
        "bang-khen-thu-tuong" => Some((50, true)),
        "tap-the-lao-dong-tien-tien" => Some((8, false)),
        "tap-the-lao-dong-xuat-sac" => Some((15, false)),
        "thon-van-hoa" => Some((15, false)),
        _ => None,
    }
}

/// Mức lương cơ sở in force on a day.
fn base_salary(z: i32) -> u64 {
    const STEPS: &[((i32, u32, u32), u64)] = &[
        ((2024, 7, 1), 2_340_000),
        ((2023, 7, 1), 1_800_000),
        ((2019, 7, 1), 1_490_000),
        ((2018, 7, 1), 1_390_000),
        ((2017, 7, 1), 1_300_000),
        ((2016, 5, 1), 1_210_000),
    ];
    for &((y, m, d), v) in STEPS {
        if z >= days(y, m, d) {
            return v;
        }
    }
    1_150_000
}

fn signer(level: usize, year: i32, deputy: bool) -> Option<(&'static str, &'static str)> {
    let name = match (level, deputy) {
        (XA, false) if year <= 2020 => "Nguyễn Hữu Thịnh",
        (XA, false) => "Vũ Xuân Hào",
        (XA, true) if year <= 2020 => "Lê Thị Ngát",
        (XA, true) => "Đặng Văn Ước",
        (HUYEN, false) if year <= 2019 => "Trần Đức Thuận",
        (HUYEN, false) => "Phạm Minh Khôi",
        (HUYEN, true) => "Bùi Thị Yến",
        (TINH, false) if year <= 2020 => "Hoàng Ngọc Ấn",
        (TINH, false) => "Lương Văn Ổn",
        (TINH, true) => "Đỗ Thị Ánh Tuyết",
        _ => return None,
    };
    Some((
        name,
        if deputy {
            "Phó Chủ tịch"
        } else {
            "Chủ tịch"
        },
    ))
}
// ---------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------

/// Values substituted into templates: {X} {XX} (subject, lower / capitalised), {T} (thôn),
/// {Y} {Y1} (year, next year), {N} (a small random number), {C} (commune).
struct Tpl<'a> {
    x: &'a str,
    xx: &'a str,
    thon: &'a str,
    year: i32,
}

fn tpl(b: &mut String, t: &str, c: &Tpl, rng: &mut Rng) {
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        b.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find('}').expect("closed placeholder");
        match &after[..j] {
            "X" => b.push_str(c.x),
            "XX" => b.push_str(c.xx),
            "T" => b.push_str(c.thon),
            "C" => b.push_str(COMMUNE),
            "Y" => {
                let _ = write!(b, "{}", c.year);
            }
            "Y1" => {
                let _ = write!(b, "{}", c.year + 1);
            }
            "N" => {
                let _ = write!(b, "{}", rng.range(2, 40));
            }
            other => panic!("unknown placeholder {other}"),
        }
        rest = &after[j + 1..];
    }
    b.push_str(rest);
}
const SUBJECT_LABELS: [(Subject, &str); 4] = [
    (Subject::Individual, "cá nhân"),
    (Subject::Collective, "tập thể"),
    (Subject::Household, "hộ gia đình"),
    (Subject::Village, "thôn"),
];

/// "2 tập thể, 5 cá nhân" from a list of recipients.
fn push_subject_counts(b: &mut String, recips: &[Recipient]) {
    let mut per = [0usize; 4];
    for r in recips {
        per[r.subject as usize] += 1;
    }
    let mut first = true;
    for (s, label) in SUBJECT_LABELS {
        if per[s as usize] > 0 {
            if !first {
                b.push_str(", ");
            }
            first = false;
            let _ = write!(b, "{} {label}", per[s as usize]);
        }
    }
}

/// Vietnamese money: 1.730.000
fn push_money(b: &mut String, v: u64) {
    let digits = v.to_string();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            b.push('.');
        }
        b.push(ch);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn push_lower_first(b: &mut String, s: &str) {
    let mut c = s.chars();
    if let Some(f) = c.next() {
        b.extend(f.to_lowercase());
        b.push_str(c.as_str());
    }
}
// ---------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------

/// One file to write: its path and bytes.
type Job = (PathBuf, Vec<u8>);

/// File creation dominates on real disks; a few threads hide most of its latency.
const WRITERS: usize = 4;

/// Writes files until the channel closes. After an error it records the first one, raises
/// `failed` and keeps draining, so that the generator never blocks on a full channel.
fn writer(jobs: &Mutex<Receiver<Job>>, failed: &AtomicBool, error: &Mutex<Option<String>>) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((path, bytes)) = job else {
            return;
        };
        if failed.load(Ordering::Relaxed) {
            continue;
        }
        if let Err(e) = fs::write(&path, bytes) {
            failed.store(true, Ordering::Relaxed);
            if let Ok(mut slot) = error.lock() {
                slot.get_or_insert_with(|| format!("cannot write {}: {e}", path.display()));
            }
        }
    }
}

struct Person {
    slug: String,
    name: String,
    role: String,
    unit: String,
}

struct Recipient {
    name: String,
    subject: Subject,
    position: String,
    unit: String,
    form: &'static str,
    achievement: String,
    posthumous: bool,
    amount: Option<u64>,
    person: Option<usize>,
}

impl Recipient {
    fn empty() -> Recipient {
        Recipient {
            name: String::new(),
            subject: Subject::Individual,
            position: String::new(),
            unit: String::new(),
            form: "",
            achievement: String::new(),
            posthumous: false,
            amount: None,
            person: None,
        }
    }
}

/// A generated name: display name plus parts.
struct NameParts {
    female: bool,
    given: &'static str,
    two_syllable_given: bool,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// Files under `content/` by kind, in the order of [`Kind::ALL`].
    pub files: [usize; 6],
    /// Bytes of those files.
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Written {
    pub fn total(&self) -> usize {
        self.files.iter().sum()
    }
}

/// `Some(text)` unless `text` is empty.
fn some(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    items.into_iter().map(str::to_string).collect()
}

struct Gen<'a> {
    rng: Rng,
    buf: String,
    fname: String,
    dirs: Vec<PathBuf>,
    sink: SyncSender<Job>,
    failed: &'a AtomicBool,
    files: [usize; 6],
    bytes: u64,
    movements: Vec<Movement>,
    by_year: Vec<Vec<u32>>,
    people: Vec<Person>,
    /// People indices by `subject * fields + field`.
    people_by: Vec<Vec<u32>>,
    numbers: [[u32; NYEARS]; 4],
    recips: Vec<Recipient>,
    notice_seq: usize,
    kind_weight_total: [u32; 4],
}

fn year_idx(y: i32) -> usize {
    (y - FIRST_YEAR) as usize
}

/// The front-matter keys whose values are dates ([`Date`] in the front-matter types).
const DATE_KEYS: [&str; 7] = [
    "date",
    "document_date",
    "start",
    "end",
    "posted",
    "deadline",
    "publish",
];

/// `fm` as a TOML front-matter block, `+++` lines included, into `b` (cleared first).
///
/// [`Date`] serialises as a string (`date = "2024-12-20"`); clerks write TOML dates
/// (`date = 2024-12-20`), and the reader takes another path for them, so the quotes of
/// date keys are dropped to write what clerks write.
fn front_matter(b: &mut String, fm: &impl Serialize) {
    b.clear();
    b.push_str("+++\n");
    let text = toml::to_string(fm).expect("front matter serialises to TOML");
    for line in text.split_inclusive('\n') {
        match native_date(line) {
            Some((key, date)) => {
                let _ = writeln!(b, "{key} = {date}");
            }
            None => b.push_str(line),
        }
    }
    b.push_str("+++\n");
}

/// `("date", "2024-12-20")` for the line `date = "2024-12-20"` of a date key.
fn native_date(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.strip_suffix('\n')?.split_once(" = ")?;
    let value = value.strip_prefix('"')?.strip_suffix('"')?;
    (DATE_KEYS.contains(&key) && value.len() == 10 && Date::parse(value).is_ok())
        .then_some((key, value))
}

impl Gen<'_> {
    /// Hands the finished file (`self.buf`, named `self.fname`) to the writer threads.
    fn write(&mut self, kind: Kind) -> Result<(), String> {
        let mut path = self.dirs[kind as usize].clone();
        path.push(&self.fname);
        path.set_extension("md");
        let job = (path, self.buf.as_bytes().to_vec());
        if self.failed.load(Ordering::Relaxed) || self.sink.send(job).is_err() {
            // A writer failed; `generate` reports its error.
            return Err("writing stopped".to_string());
        }
        self.files[kind as usize] += 1;
        self.bytes += self.buf.len() as u64;
        Ok(())
    }

    /// Writes a random Vietnamese name into `out`.
    fn name(&mut self, out: &mut String, female: Option<bool>) -> NameParts {
        let names = &data().names;
        let rng = &mut self.rng;
        let female = female.unwrap_or_else(|| rng.chance(50));
        out.push_str(rng.pick(&names.family));
        out.push(' ');
        if rng.chance(4) {
            let g = rng.pick(if female {
                &names.given_two_female
            } else {
                &names.given_two_male
            });
            out.push_str(g);
            return NameParts {
                female,
                given: g,
                two_syllable_given: true,
            };
        }
        out.push_str(rng.pick(if female {
            &names.middle_female
        } else {
            &names.middle_male
        }));
        out.push(' ');
        let g = rng.pick(if female {
            &names.given_female
        } else {
            &names.given_male
        });
        out.push_str(g);
        NameParts {
            female,
            given: g,
            two_syllable_given: g.contains(' '),
        }
    }

    /// A movement active in `year`, uniformly among them.
    fn movement_in(&mut self, year: i32) -> Option<usize> {
        let list = &self.by_year[year_idx(year)];
        if list.is_empty() {
            None
        } else {
            Some(list[self.rng.below(list.len())] as usize)
        }
    }

    // ---- site.toml ---------------------------------------------------------------------

    fn site_toml(&mut self, root: &Path) -> Result<(), String> {
        #[derive(Serialize)]
        struct Site {
            title: &'static str,
            commune: &'static str,
            location: &'static str,
            description: &'static str,
            base_url: &'static str,
            language: &'static str,
            bodies: Vec<Body>,
        }
        #[derive(Serialize)]
        struct Body {
            slug: &'static str,
            label: &'static str,
            level: &'static str,
        }
        let site = Site {
            title: "Vinh danh – Thi đua, khen thưởng xã Tân Việt",
            commune: "Xã Tân Việt",
            location: "huyện Thanh Hà, tỉnh Hải Dương",
            description: "Công khai kế hoạch, phong trào thi đua, quyết định khen thưởng, danh sách đề nghị và gương điển hình tiên tiến của xã Tân Việt.",
            base_url: "https://example.org",
            language: "vi",
            bodies: (0..4)
                .map(|l| Body {
                    slug: BODY_SLUG[l],
                    label: BODY_LABEL[l],
                    level: LEVEL_SLUG[l],
                })
                .collect(),
        };
        let b = &mut self.buf;
        b.clear();
        b.push_str("# Synthetic site written by `cargo run -p vinhdanh-gen`.\n");
        b.push_str(&toml::to_string(&site).expect("site.toml serialises"));
        let path = root.join("site.toml");
        fs::write(&path, b.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    // ---- pages -------------------------------------------------------------------------

    fn pages(&mut self) -> Result<(), String> {
        let fm = PageFm {
            sources: Vec::new(),
            title: "Giới thiệu".into(),
            menu: true,
            weight: 10,
            slug: None,
            draft: false,
            allow: Vec::new(),
            publish: None,
            summary: Some(
                "Trang thông tin công khai về công tác thi đua, khen thưởng của xã Tân Việt."
                    .into(),
            ),
        };
        front_matter(&mut self.buf, &fm);
        self.buf.push_str(
            "Trang này công khai kế hoạch, các phong trào thi đua, quyết định khen thưởng, \
             danh sách đề nghị khen thưởng và những gương điển hình tiên tiến của xã Tân Việt, \
             huyện Thanh Hà, tỉnh Hải Dương.\n\n\
             Việc công khai thực hiện theo Luật Thi đua, khen thưởng năm 2022 và Nghị định số \
             98/2023/NĐ-CP, bảo đảm nguyên tắc kịp thời, chính xác, công khai, công bằng.\n\n\
             ## Nội dung chính\n\n\
             - Kế hoạch công tác thi đua, khen thưởng hằng năm;\n\
             - Các phong trào thi đua thường xuyên, theo đợt và chuyên đề;\n\
             - Quyết định khen thưởng và danh sách tập thể, cá nhân được khen;\n\
             - Danh sách đề nghị khen thưởng để nhân dân góp ý;\n\
             - Gương điển hình tiên tiến, người tốt, việc tốt.\n",
        );
        self.fname.clear();
        self.fname.push_str("gioi-thieu");
        self.write(Kind::Page)?;

        let fm = PageFm {
            sources: Vec::new(),
            title: "Hướng dẫn tra cứu".into(),
            menu: true,
            weight: 20,
            slug: None,
            draft: false,
            allow: Vec::new(),
            publish: None,
            summary: None,
        };
        front_matter(&mut self.buf, &fm);
        self.buf.push_str(
            "Có thể tìm theo họ tên, tên thôn hoặc số quyết định. Ô tìm kiếm chấp nhận cả chữ \
             không dấu: gõ “duong” sẽ tìm thấy cả “Dương” và “đường”.\n\n\
             | Muốn tìm | Vào mục |\n\
             |---|---|\n\
             | Quyết định khen thưởng theo năm | Khen thưởng |\n\
             | Danh sách đang lấy ý kiến | Công khai |\n\
             | Gương điển hình, người tốt việc tốt | Gương điển hình |\n\
             | Các phong trào thi đua | Phong trào |\n\n\
             Ý kiến góp ý về danh sách đề nghị khen thưởng xin gửi Văn phòng HĐND và UBND xã \
             trong thời hạn ghi tại từng thông báo.\n",
        );
        self.fname.clear();
        self.fname.push_str("huong-dan-tra-cuu");
        self.write(Kind::Page)
    }

    // ---- movements ---------------------------------------------------------------------

    fn movements(&mut self, n: usize) -> Result<(), String> {
        let d = data();
        let ntpl = d.templates.len();
        for i in 0..n {
            let mut b = std::mem::take(&mut self.buf);
            let mv;
            let kind;
            let level;
            if let Some(c) = d.canon.get(i) {
                kind = c.kind;
                level = c.level;
                let fm = MovementFm {
                    parent: None,
                    place: None,
                    sources: Vec::new(),
                    title: c.title.clone(),
                    kind,
                    level: LEVEL_SLUG[level].into(),
                    launched_by: Some(c.launched_by.clone()),
                    document: c.document.clone(),
                    document_date: c.document_date,
                    document_title: c.document_title.clone(),
                    start: c.start,
                    end: c.end,
                    slogan: c.slogan.clone(),
                    fields: c.fields.clone(),
                    slug: None,
                    draft: false,
                    allow: Vec::new(),
                    publish: None,
                    summary: None,
                };
                front_matter(&mut b, &fm);
                mv = Movement {
                    slug: c.slug.clone(),
                    title: c.title.clone(),
                    fields: c.fields.iter().map(|f| field_idx(f) as u8).collect(),
                    start: c.start.days() as i32,
                    end: c.end.map(|e| e.days() as i32),
                };
            } else {
                let g = i - d.canon.len();
                let t = &d.templates[g % ntpl];
                let year = FIRST_YEAR + ((g / ntpl) % NYEARS) as i32;
                let round = g / (ntpl * NYEARS) + 1;
                let mut title = String::new();
                let c = Tpl {
                    x: "",
                    xx: "",
                    thon: "",
                    year,
                };
                tpl(&mut title, &t.title, &c, &mut self.rng);
                if round > 1 {
                    let _ = write!(title, " (đợt {round})");
                }
                let mut slug = t.slug.clone();
                let _ = write!(slug, "-{year}");
                if round > 1 {
                    let _ = write!(slug, "-dot-{round}");
                }
                kind = t.kind;
                level = t.level;
                let start = day_of(year + t.start.0, t.start.1, t.start.2);
                let end = day_of(year + t.end.0, t.end.1, t.end.2);
                let doc_date = start - self.rng.range(5, 25) as i32;
                let document = format!(
                    "{}/KH-{}",
                    self.rng.range(3, 180),
                    if level == TW { "TTg" } else { "UBND" }
                );
                let fm = MovementFm {
                    parent: None,
                    place: None,
                    sources: Vec::new(),
                    title: title.clone(),
                    kind,
                    level: LEVEL_SLUG[level].into(),
                    launched_by: Some(LAUNCHED_BY[level].into()),
                    document: Some(document),
                    document_date: Some(date(doc_date)),
                    document_title: Some(format!("Kế hoạch tổ chức phong trào “{title}”")),
                    start: date(start),
                    end: Some(date(end)),
                    slogan: None,
                    fields: t.fields.clone(),
                    slug: None,
                    draft: false,
                    allow: Vec::new(),
                    publish: None,
                    summary: None,
                };
                front_matter(&mut b, &fm);
                mv = Movement {
                    slug,
                    title,
                    fields: t.fields.iter().map(|f| field_idx(f) as u8).collect(),
                    start,
                    end: Some(end),
                };
            }
            self.movement_body(&mut b, &mv, kind, level);
            self.buf = b;
            self.fname.clear();
            self.fname.push_str(&mv.slug);
            self.write(Kind::Movement)?;
            let idx = self.movements.len() as u32;
            for y in FIRST_YEAR..=LAST_YEAR {
                let ys = days(y, 1, 1);
                let ye = days(y, 12, 31);
                if mv.start <= ye && mv.end.is_none_or(|e| e >= ys) {
                    self.by_year[year_idx(y)].push(idx);
                }
            }
            self.movements.push(mv);
        }
        Ok(())
    }

    fn movement_body(&mut self, b: &mut String, mv: &Movement, kind: MovementKind, level: usize) {
        let r = &mut self.rng;
        b.push_str("Phong trào “");
        b.push_str(&mv.title);
        b.push_str("” do ");
        b.push_str(LAUNCHED_BY[level]);
        b.push_str(" phát động nhằm ");
        b.push_str(r.pick(&[
            "khơi dậy tinh thần yêu nước, ý chí tự lực, tự cường của cán bộ và nhân dân",
            "động viên các tầng lớp nhân dân phát huy sức mạnh đoàn kết, chung sức đồng lòng",
            "cụ thể hóa các chỉ tiêu, nhiệm vụ trọng tâm bằng những việc làm thiết thực",
        ]));
        b.push_str(" trong lĩnh vực ");
        for (i, &f) in mv.fields.iter().enumerate() {
            if i > 0 {
                b.push_str(" và ");
            }
            b.push_str(&data().fields[f as usize].label);
        }
        b.push_str(".\n\n");
        if r.chance(60) {
            b.push_str("## Nội dung thi đua\n\n");
            b.push_str("- Tuyên truyền sâu rộng mục đích, ý nghĩa của phong trào đến từng thôn, từng hộ gia đình;\n");
            b.push_str(
                "- Gắn phong trào với nhiệm vụ chính trị của từng cơ quan, đơn vị và thôn;\n",
            );
            b.push_str(
                "- Kịp thời phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến;\n",
            );
            b.push_str(
                "- Sơ kết, tổng kết và khen thưởng kịp thời, chính xác, công khai, công bằng.\n\n",
            );
        }
        b.push_str(match kind {
            MovementKind::Regular => "Phong trào được tổ chức thường xuyên, liên tục, gắn với việc bình xét danh hiệu thi đua cuối năm.",
            MovementKind::Periodic => "Phong trào được tổ chức theo đợt; kết thúc đợt thi đua, các đơn vị tổng kết và đề nghị khen thưởng theo quy định.",
            MovementKind::Thematic => "Đây là phong trào thi đua chuyên đề; kết quả được đánh giá theo các tiêu chí cụ thể đã đề ra.",
        });
        b.push('\n');
    }

    // ---- plans -------------------------------------------------------------------------

    fn plans(&mut self) -> Result<(), String> {
        let d = data();
        for year in FIRST_YEAR..=LAST_YEAR {
            let mut b = std::mem::take(&mut self.buf);
            let theme = &d.texts.themes[year_idx(year)];
            let number = format!("{}/KH-UBND", self.rng.range(8, 30));
            let day = days(year, 1, 10) + self.rng.range(0, 30) as i32;
            let (signer, position) = signer(XA, year, false).expect("commune signer");
            // The national and provincial movements in force, then the year's own campaigns.
            let active = &self.by_year[year_idx(year)];
            let canon = active.iter().filter(|&&i| (i as usize) < d.canon.len());
            let own = active.iter().filter(|&&i| {
                (i as usize) >= d.canon.len() && date(self.movements[i as usize].start).year == year
            });
            let list: Vec<u32> = canon.take(6).chain(own.take(4)).copied().collect();
            let fm = PlanFm {
                sources: Vec::new(),
                title: format!("Kế hoạch công tác Thi đua, Khen thưởng năm {year}"),
                year,
                theme: Some(theme.clone()),
                number: Some(number),
                date: date(day),
                issuer: BODY_SLUG[XA].into(),
                signer: Some(signer.into()),
                signer_position: Some(position.into()),
                movements: list
                    .iter()
                    .map(|&i| self.movements[i as usize].slug.clone())
                    .collect(),
                slug: None,
                draft: false,
                allow: Vec::new(),
                publish: None,
                summary: None,
            };
            front_matter(&mut b, &fm);
            let _ = write!(
                b,
                "Thực hiện Luật Thi đua, khen thưởng và các văn bản hướng dẫn, Ủy ban nhân dân xã \
                 Tân Việt ban hành Kế hoạch công tác thi đua, khen thưởng năm {year} với chủ đề \
                 “{theme}”.\n\n## I. Mục đích, yêu cầu\n\n\
                 - Tạo khí thế thi đua sôi nổi, rộng khắp trong cán bộ, công chức và nhân dân;\n\
                 - Khen thưởng kịp thời, chính xác, công khai, công bằng; chú trọng khen thưởng \
                 tập thể nhỏ, người trực tiếp lao động, sản xuất;\n\
                 - Thực hiện tốt bốn bước: phát hiện – bồi dưỡng – tổng kết – nhân điển hình.\n\n\
                 ## II. Các phong trào thi đua\n\n",
            );
            for (k, &i) in list.iter().enumerate() {
                let _ = writeln!(b, "{}. {}", k + 1, self.movements[i as usize].title);
            }
            if list.is_empty() {
                b.push_str("Các phong trào thi đua thường xuyên của xã.\n");
            }
            let _ = write!(
                b,
                "\n## III. Chỉ tiêu chủ yếu\n\n\
                 | Chỉ tiêu | Năm {year} |\n|---|---|\n\
                 | Hộ đạt danh hiệu Gia đình văn hóa | {}% |\n\
                 | Thôn đạt danh hiệu Thôn văn hóa | {}/12 |\n\
                 | Cán bộ, công chức đạt Lao động tiên tiến | {}% |\n\n\
                 Hội đồng Thi đua – Khen thưởng xã có trách nhiệm theo dõi, đôn đốc, sơ kết và \
                 tổng kết việc thực hiện Kế hoạch này.\n",
                self.rng.range(85, 95),
                self.rng.range(9, 12),
                self.rng.range(80, 95)
            );
            self.buf = b;
            self.fname.clear();
            let _ = write!(self.fname, "ke-hoach-thi-dua-khen-thuong-nam-{year}");
            self.write(Kind::Plan)?;
        }
        Ok(())
    }

    // ---- people ------------------------------------------------------------------------

    fn people(&mut self, n: usize) -> Result<(), String> {
        let d = data();
        let nfields = d.fields.len();
        let mut name = String::new();
        let mut unit = String::new();
        let mut role = String::new();
        let mut x = String::new();
        for i in 0..n {
            let mut b = std::mem::take(&mut self.buf);
            name.clear();
            unit.clear();
            role.clear();
            x.clear();
            let year = self.rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32;
            let thon = self.rng.pick(&d.villages);
            // The first records cover every field once, so that small sites use them all.
            let mv = if i >= nfields && self.rng.chance(55) {
                self.movement_in(year)
            } else {
                None
            };
            let field = match mv {
                Some(m) => {
                    let f = &self.movements[m].fields;
                    f[self.rng.below(f.len())] as usize
                }
                None if i < nfields => i,
                None => self.rng.below(nfields),
            };
            let fd = &d.fields[field];
            let c0 = Tpl {
                x: "",
                xx: "",
                thon,
                year,
            };
            let roll = self.rng.below(100);
            let subject = match roll {
                0..=74 => Subject::Individual,
                75..=86 => Subject::Collective,
                87..=94 => Subject::Household,
                _ => Subject::Village,
            };
            let mut given_two: Option<&'static str> = None;
            match subject {
                Subject::Individual => {
                    let np = self.name(&mut name, None);
                    if np.two_syllable_given {
                        given_two = Some(np.given);
                    }
                    let young = self.rng.chance(35);
                    x.push_str(match (np.female, young) {
                        (false, false) => "ông ",
                        (true, false) => "bà ",
                        (false, true) => "anh ",
                        (true, true) => "chị ",
                    });
                    x.push_str(np.given);
                    let p = self.rng.pick(&fd.positions);
                    tpl(&mut role, p, &c0, &mut self.rng);
                    if self.rng.chance(50) {
                        let u = self.rng.pick(&fd.units);
                        tpl(&mut unit, u, &c0, &mut self.rng);
                    } else {
                        unit.push_str("Thôn ");
                        unit.push_str(thon);
                    }
                }
                Subject::Collective => {
                    let u = self.rng.pick(&fd.units);
                    tpl(&mut name, u, &c0, &mut self.rng);
                    x.push_str("tập thể đơn vị");
                    unit.push_str("Xã Tân Việt");
                }
                Subject::Household => {
                    let mut person = String::new();
                    let np = self.name(&mut person, None);
                    let title = if np.female { "bà" } else { "ông" };
                    let _ = write!(name, "Hộ {title} {person}");
                    let _ = write!(x, "gia đình {title} {}", np.given);
                    unit.push_str("Thôn ");
                    unit.push_str(thon);
                }
                Subject::Village => {
                    name.push_str("Thôn ");
                    name.push_str(thon);
                    x.push_str("thôn ");
                    x.push_str(thon);
                    unit.push_str("Xã Tân Việt");
                }
            }
            let xx = capitalize(&x);
            let slug = format!("{}-{}", slugify(&name), i + 1);

            let second = if self.rng.chance(20) {
                let f2 = self.rng.below(nfields);
                (f2 != field).then_some(f2)
            } else {
                None
            };
            let good_deed = field == field_idx("nguoi-tot-viec-tot") || self.rng.chance(12);
            let featured = self.rng.below(300) == 0;
            // Without recorded consent only the award facts may be published: no story.
            let consent = self.rng.chance(70);
            // A summary is a story too: only with consent.
            let summary = if self.rng.chance(30) && consent {
                let mut s = String::new();
                let deed = self.rng.pick(&fd.deeds);
                tpl(&mut s, deed, &c0, &mut self.rng);
                Some(s)
            } else {
                None
            };
            let fm = PersonFm {
                honours: Vec::new(),
                place: None,
                sources: Vec::new(),
                name: name.clone(),
                given_name: given_two.map(str::to_string),
                subject,
                role: some(&role),
                unit: some(&unit),
                fields: strings(
                    std::iter::once(fd.slug.as_str())
                        .chain(second.map(|f| d.fields[f].slug.as_str())),
                ),
                movements: mv
                    .map(|m| vec![self.movements[m].slug.clone()])
                    .unwrap_or_default(),
                year,
                good_deed,
                featured,
                consent,
                photo: None,
                slug: None,
                draft: false,
                allow: Vec::new(),
                publish: None,
                summary,
            };
            front_matter(&mut b, &fm);
            let front_matter_end = b.len();

            // Story
            let c = Tpl {
                x: &x,
                xx: &xx,
                thon,
                year,
            };
            let rng = &mut self.rng;
            b.push_str(&name);
            match subject {
                Subject::Individual => {
                    b.push_str(" hiện là ");
                    push_lower_first(&mut b, &role);
                    b.push_str(", sinh sống và làm việc tại xã Tân Việt. ");
                }
                Subject::Collective => b.push_str(" là tập thể tiêu biểu của xã Tân Việt. "),
                Subject::Household => {
                    b.push_str(" ở thôn ");
                    b.push_str(thon);
                    b.push_str(" là gia đình nhiều năm liền đạt danh hiệu Gia đình văn hóa. ");
                }
                Subject::Village => {
                    b.push_str(" là một trong những thôn dẫn đầu phong trào thi đua của xã. ")
                }
            }
            let k = rng.below(fd.story.len());
            let nsent = 2 + rng.below(2);
            for s in 0..nsent {
                if s > 0 {
                    b.push(' ');
                }
                tpl(&mut b, &fd.story[(k + s) % fd.story.len()], &c, rng);
            }
            b.push_str("\n\n");
            let extra = rng.below(100);
            if extra < 30 {
                b.push_str("## Những kết quả nổi bật\n\n");
                for (j, r) in fd.results.iter().enumerate() {
                    b.push_str("- ");
                    tpl(&mut b, r, &c, rng);
                    b.push_str(if j + 1 == fd.results.len() {
                        ".\n"
                    } else {
                        ";\n"
                    });
                }
                b.push('\n');
            } else if extra < 45 {
                b.push_str("| Năm | Kết quả |\n|---|---|\n");
                for (j, r) in fd.results.iter().enumerate() {
                    let _ = write!(b, "| {} | ", year - 2 + j as i32);
                    tpl(&mut b, r, &c, rng);
                    b.push_str(" |\n");
                }
                b.push('\n');
            }
            if rng.chance(60) {
                tpl(&mut b, &fd.story[(k + nsent) % fd.story.len()], &c, rng);
                b.push(' ');
            }
            let _ = write!(
                b,
                "Năm {year}, {x} được Ủy ban nhân dân xã biểu dương là gương điển hình tiên tiến"
            );
            if let Some(m) = mv {
                b.push_str(" trong phong trào “");
                b.push_str(&self.movements[m].title);
                b.push('”');
            }
            b.push('.');
            if self.rng.chance(50) {
                b.push_str(
                    "\n\nTấm gương ấy góp phần lan tỏa tinh thần “phát hiện – bồi dưỡng – tổng kết – \
                     nhân điển hình” trong toàn xã.",
                );
            }
            b.push('\n');
            if !consent {
                b.truncate(front_matter_end);
            }
            self.buf = b;
            self.fname.clear();
            self.fname.push_str(&slug);
            self.write(Kind::Person)?;
            let idx = self.people.len() as u32;
            self.people_by[subject as usize * nfields + field].push(idx);
            self.people.push(Person {
                slug,
                name: name.clone(),
                role: role.clone(),
                unit: unit.clone(),
            });
        }
        Ok(())
    }

    // ---- recipients --------------------------------------------------------------------

    /// Fills `self.recips[..count]` for a decision of kind `k`; returns the count.
    /// `min` (at most 12) is the smallest count wanted; `link` allows `person` links.
    fn fill_recipients(
        &mut self,
        k: &'static DecisionKind,
        field: usize,
        year: i32,
        date: i32,
        min: usize,
        link: bool,
    ) -> usize {
        let d = data();
        let villages = &d.villages;
        let count = if self.rng.chance(40) {
            1 + self.rng.below(3)
        } else {
            1 + self.rng.below(12)
        };
        let count = count.max(min);
        let count = match k.subject {
            Some(Subject::Village) => count.min(villages.len()),
            _ => count,
        };
        let thon_start = self.rng.below(villages.len());
        let fd = &d.fields[field];
        let mut recips = std::mem::take(&mut self.recips);
        for (i, r) in recips.iter_mut().enumerate().take(count) {
            r.name.clear();
            r.position.clear();
            r.unit.clear();
            r.achievement.clear();
            r.person = None;
            r.posthumous = false;
            let subject = match k.subject {
                Some(s) => s,
                None => match self.rng.below(100) {
                    0..=59 => Subject::Individual,
                    60..=84 => Subject::Collective,
                    85..=92 if k.level <= HUYEN => Subject::Household,
                    85..=92 => Subject::Individual,
                    _ => Subject::Village,
                },
            };
            let thon = if subject == Subject::Village {
                villages[(thon_start + i) % villages.len()].as_str()
            } else {
                self.rng.pick(villages)
            };
            let c0 = Tpl {
                x: "",
                xx: "",
                thon,
                year,
            };
            r.subject = subject;
            r.form = &k.form;
            let pool = &self.people_by[subject as usize * d.fields.len() + field];
            // Villages are never linked; 42 % of the others gives about 40 % overall.
            let link =
                link && !pool.is_empty() && subject != Subject::Village && self.rng.chance(42);
            if link {
                let p = pool[self.rng.below(pool.len())] as usize;
                let person = &self.people[p];
                r.name.push_str(&person.name);
                r.position.push_str(&person.role);
                r.unit.push_str(&person.unit);
                r.person = Some(p);
            } else {
                match subject {
                    Subject::Individual => {
                        let mut nm = std::mem::take(&mut r.name);
                        self.name(&mut nm, None);
                        r.name = nm;
                        tpl(
                            &mut r.position,
                            self.rng.pick(&fd.positions),
                            &c0,
                            &mut self.rng,
                        );
                        if self.rng.chance(50) {
                            tpl(&mut r.unit, self.rng.pick(&fd.units), &c0, &mut self.rng);
                        } else {
                            r.unit.push_str("Thôn ");
                            r.unit.push_str(thon);
                        }
                    }
                    Subject::Collective => {
                        tpl(&mut r.name, self.rng.pick(&fd.units), &c0, &mut self.rng);
                    }
                    Subject::Household => {
                        let mut nm = String::new();
                        let np = self.name(&mut nm, None);
                        r.name
                            .push_str(if np.female { "Hộ bà " } else { "Hộ ông " });
                        r.name.push_str(&nm);
                        r.unit.push_str("Thôn ");
                        r.unit.push_str(thon);
                    }
                    Subject::Village => {
                        r.name.push_str("Thôn ");
                        r.name.push_str(thon);
                        r.unit.push_str("Xã Tân Việt");
                    }
                }
            }
            let ach = match k.form.as_str() {
                "gia-dinh-van-hoa" => self.rng.pick(&d.texts.cultured_family),
                "thon-van-hoa" => self.rng.pick(&d.texts.cultured_village),
                _ => self.rng.pick(&fd.deeds),
            };
            tpl(&mut r.achievement, ach, &c0, &mut self.rng);
            r.achievement.push_str(self.rng.pick(&d.texts.tails));
            r.achievement.push('.');
            r.posthumous = subject == Subject::Individual
                && !k.annual_title
                && self.rng.below(if fd.slug == "nguoi-tot-viec-tot" {
                    15
                } else {
                    300
                }) == 0;
            r.amount = coefficient(&k.form).map(|(coef, double)| {
                let collective = subject != Subject::Individual;
                let mult = if double && collective { 2 } else { 1 };
                let raw = coef * base_salary(date) * mult / 10;
                raw.div_ceil(10_000) * 10_000
            });
        }
        self.recips = recips;
        count
    }

    fn pick_kind(&mut self, year: i32) -> &'static DecisionKind {
        // Districts were abolished on 1 July 2025: no district awards in 2025.
        let skip_huyen = year >= 2025;
        let total: u32 = self
            .kind_weight_total
            .iter()
            .enumerate()
            .filter(|&(l, _)| !(skip_huyen && l == HUYEN))
            .map(|(_, w)| *w)
            .sum();
        let mut r = self.rng.below(total as usize) as u32;
        for k in &data().kinds {
            if skip_huyen && k.level == HUYEN {
                continue;
            }
            if r < k.weight {
                return k;
            }
            r -= k.weight;
        }
        unreachable!("weights add up")
    }

    // ---- awards ------------------------------------------------------------------------

    fn awards(&mut self, n: usize, linked_notices: usize) -> Result<(), String> {
        let d = data();
        let mut next_linked = 0usize;
        let stride = n.checked_div(linked_notices).unwrap_or(0);
        let mut slug = String::new();
        let mut title = String::new();
        for i in 0..n {
            let want_notice =
                next_linked < linked_notices && i == next_linked * stride + stride / 2;
            let year = self.rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32;
            let k = self.pick_kind(year);
            let level = k.level;

            // Window for the date inside the year.
            let (mut lo, mut hi) = if k.annual_title {
                (days(year, 11, 20), days(year, 12, 31))
            } else {
                (days(year, 1, 5), days(year, 12, 31))
            };
            let mut mv = if !k.annual_title && self.rng.chance(65) {
                self.movement_in(year)
            } else {
                None
            };
            if let Some(m) = mv {
                let (ms, me) = (self.movements[m].start, self.movements[m].end);
                let (a, z) = (lo.max(ms), me.map_or(hi, |e| hi.min(e)));
                if a <= z {
                    lo = a;
                    hi = z;
                } else {
                    mv = None;
                }
            }
            let day = lo + self.rng.range(0, (hi - lo) as i64) as i32;
            let dyear = date(day).year;

            let field = match mv {
                Some(m) => {
                    let f = &self.movements[m].fields;
                    f[self.rng.below(f.len())] as usize
                }
                None => match k.form.as_str() {
                    "gia-dinh-van-hoa" | "thon-van-hoa" => field_idx("van-hoa"),
                    _ => self.rng.below(d.fields.len()),
                },
            };
            // A notice that preceded the decision lists at least three nominees.
            let min = if want_notice { 3 } else { 1 };
            let count = self.fill_recipients(k, field, year, day, min, true);

            let yi = year_idx(dyear);
            let num = {
                let step = 1 + self.rng.below(if level == XA { 3 } else { 12 }) as u32;
                let base = &mut self.numbers[level][yi];
                *base += step;
                *base
            };
            slug.clear();
            let _ = write!(slug, "{dyear}-{num}-{}", FILE_SUFFIX[level]);

            title.clear();
            let dot_xuat = !k.annual_title && mv.is_none() && self.rng.chance(25);
            title.push_str(if dot_xuat {
                "Về việc khen thưởng đột xuất: "
            } else {
                "Về việc "
            });
            let c0 = Tpl {
                x: "",
                xx: "",
                thon: "",
                year,
            };
            tpl(&mut title, &k.title, &c0, &mut self.rng);
            if !k.annual_title {
                match mv {
                    Some(m) => {
                        title.push_str(" trong phong trào thi đua “");
                        title.push_str(&self.movements[m].title);
                        title.push('”');
                    }
                    None => {
                        title.push_str(" trong ");
                        title.push_str(&d.fields[field].label);
                        let _ = write!(title, " năm {year}");
                    }
                }
            }
            let level_key = self.rng.chance(30).then(|| LEVEL_SLUG[level].to_string());
            let signed = signer(level, year, self.rng.chance(30));
            let award_type = if k.annual_title {
                AwardType::Merit
            } else if mv.is_some() {
                AwardType::Movement
            } else if dot_xuat || d.fields[field].slug == "nguoi-tot-viec-tot" {
                AwardType::AdHoc
            } else {
                match self.rng.below(20) {
                    0..=13 => AwardType::Merit,
                    14..=16 => AwardType::Career,
                    17..=18 => AwardType::Seniority,
                    _ if level >= TINH => AwardType::Foreign,
                    _ => AwardType::Merit,
                }
            };
            let second = if self.rng.chance(15) {
                Some(self.rng.below(d.fields.len())).filter(|&f| f != field)
            } else {
                None
            };
            let summary = self.rng.chance(25).then(|| {
                let mut s = String::from(if k.annual_title {
                    "Công nhận danh hiệu cho "
                } else {
                    "Khen thưởng "
                });
                push_subject_counts(&mut s, &self.recips[..count]);
                let _ = write!(s, " năm {year}.");
                s
            });
            let fm = AwardFm {
                campaign: None,
                changes: Vec::new(),
                place: None,
                sources: Vec::new(),
                number: Some(format!("{num}/{}", NUMBER_SUFFIX[level])),
                title: Some(title.clone()),
                date: date(day),
                issuer: BODY_SLUG[level].into(),
                level: level_key,
                signer: signed.map(|(s, _)| s.to_string()),
                signer_position: signed.map(|(_, p)| p.to_string()),
                award_type,
                movement: mv.map(|m| self.movements[m].slug.clone()),
                fields: strings(
                    std::iter::once(d.fields[field].slug.as_str())
                        .chain(second.map(|f| d.fields[f].slug.as_str())),
                ),
                year: Some(year),
                pdf: None,
                subject: None,
                unit: None,
                form: None,
                achievement: None,
                recipients_file: None,
                recipients_sheet: None,
                recipients: self.recips[..count]
                    .iter()
                    .map(|r| RecipientFm {
                        given_name: None,
                        place: None,
                        sources: Vec::new(),
                        name: r.name.clone(),
                        subject: Some(r.subject),
                        position: some(&r.position),
                        unit: some(&r.unit),
                        form: Some(r.form.to_string()),
                        achievement: Some(r.achievement.clone()),
                        posthumous: r.posthumous,
                        direct_worker: false,
                        amount: r.amount,
                        person: r.person.map(|p| self.people[p].slug.clone()),
                        id: None,
                        origin: None,
                    })
                    .collect(),
                slug: None,
                draft: false,
                allow: Vec::new(),
                publish: None,
                summary,
            };
            let mut b = std::mem::take(&mut self.buf);
            front_matter(&mut b, &fm);
            if self.rng.chance(60) {
                self.award_body(&mut b, k, level, year, day, count);
            }
            self.buf = b;
            self.fname.clear();
            self.fname.push_str(&slug);
            self.write(Kind::Award)?;

            if want_notice {
                next_linked += 1;
                let nominees = count.min(8);
                let posted = day - self.rng.range(15, 35) as i32;
                self.notice(k, field, year, posted, nominees, Some(&slug))?;
            }
        }
        Ok(())
    }

    fn award_body(
        &mut self,
        b: &mut String,
        k: &DecisionKind,
        level: usize,
        year: i32,
        day: i32,
        count: usize,
    ) {
        if day >= days(2024, 1, 1) {
            b.push_str(
                "- Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n\
                 - Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;\n",
            );
        } else {
            b.push_str(
                "- Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;\n\
                 - Căn cứ Nghị định của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;\n",
            );
        }
        let council = match level {
            XA => "Hội đồng Thi đua – Khen thưởng xã",
            HUYEN => "Trưởng phòng Nội vụ huyện",
            TINH => "Giám đốc Sở Nội vụ",
            _ => "Bộ trưởng Bộ Nội vụ",
        };
        let _ = write!(b, "- Xét đề nghị của {council}.\n\n");
        let _ = write!(b, "{} quyết định ", CHAIR_OF[level]);
        let c0 = Tpl {
            x: "",
            xx: "",
            thon: "",
            year,
        };
        tpl(b, &k.title, &c0, &mut self.rng);
        let _ = writeln!(
            b,
            " ({count} trường hợp, danh sách kèm theo). Các tập thể, cá nhân có tên trong danh sách được hưởng chế độ theo quy định hiện hành."
        );
        if count >= 4 && self.rng.chance(50) {
            let mut per = [0usize; 4];
            let mut total = 0u64;
            for r in &self.recips[..count] {
                per[r.subject as usize] += 1;
                total += r.amount.unwrap_or(0);
            }
            b.push_str("\n| Đối tượng | Số lượng |\n|---|---:|\n");
            for (s, label) in SUBJECT_LABELS {
                if per[s as usize] > 0 {
                    let _ = writeln!(b, "| {} | {} |", capitalize(label), per[s as usize]);
                }
            }
            if total > 0 {
                b.push_str("| Tổng tiền thưởng (đồng) | ");
                push_money(b, total);
                b.push_str(" |\n");
            }
        }
        b.push_str("\nQuyết định này có hiệu lực kể từ ngày ký.\n");
    }

    // ---- notices -----------------------------------------------------------------------

    /// Writes a notice whose nominees are `self.recips[..nominees]`.
    fn notice(
        &mut self,
        k: &DecisionKind,
        field: usize,
        year: i32,
        posted: i32,
        nominees: usize,
        decision: Option<&str>,
    ) -> Result<(), String> {
        let d = data();
        self.notice_seq += 1;
        let deadline = posted + if k.level >= TINH { 14 } else { 10 };
        let mut title = String::from("Công khai danh sách đề nghị ");
        let c0 = Tpl {
            x: "",
            xx: "",
            thon: "",
            year,
        };
        tpl(&mut title, &k.notice, &c0, &mut self.rng);
        let thon = self.rng.pick(&d.villages);
        let place = if k.form == "gia-dinh-van-hoa" || self.rng.chance(40) {
            format!("Nhà văn hóa thôn {thon} và Trụ sở UBND xã Tân Việt")
        } else {
            "Trụ sở UBND xã Tân Việt và Trang thông tin điện tử của xã".to_string()
        };
        let mut nm = String::new();
        let np = self.name(&mut nm, None);
        let contact = format!(
            "Văn phòng HĐND và UBND xã Tân Việt, {} {nm}, công chức Văn phòng – Thống kê",
            if np.female { "bà" } else { "ông" }
        );
        let mut listed = Vec::with_capacity(nominees);
        for r in &self.recips[..nominees] {
            listed.push(NomineeFm {
                given_name: None,
                position: None,
                posthumous: false,
                place: None,
                sources: Vec::new(),
                name: r.name.clone(),
                subject: r.subject,
                unit: some(&r.unit),
                form: r.form.to_string(),
                achievement: self.rng.chance(50).then(|| r.achievement.clone()),
            });
        }
        let fm = NoticeFm {
            issuer: None,
            sources: Vec::new(),
            title,
            year: Some(year),
            posted: date(posted),
            place: place.clone(),
            deadline: Some(date(deadline)),
            contact,
            decision: decision.map(str::to_string),
            fields: vec![d.fields[field].slug.clone()],
            nominees: listed,
            slug: None,
            draft: false,
            allow: Vec::new(),
            publish: None,
            summary: None,
        };
        let mut b = std::mem::take(&mut self.buf);
        front_matter(&mut b, &fm);
        b.push_str("Thực hiện quy định về công khai trong công tác thi đua, khen thưởng, Ủy ban nhân dân xã Tân Việt niêm yết công khai danh sách đề nghị ");
        tpl(&mut b, &k.notice, &c0, &mut self.rng);
        let _ = write!(
            b,
            " tại {place} từ ngày {} đến hết ngày {}.\n\n",
            date(posted).vietnamese(),
            date(deadline).vietnamese()
        );
        if self.rng.chance(40) {
            b.push_str("Nhân dân có thể góp ý bằng các hình thức:\n\n- Trực tiếp tại Văn phòng HĐND và UBND xã;\n- Qua hòm thư góp ý đặt tại nhà văn hóa các thôn;\n- Qua Ban Công tác Mặt trận thôn.\n\n");
        }
        b.push_str("Hết thời hạn trên, Hội đồng Thi đua – Khen thưởng xã tổng hợp ý kiến, trình cấp có thẩm quyền xem xét, quyết định.\n");
        self.buf = b;
        self.fname.clear();
        let _ = write!(self.fname, "cong-khai-{year}-{}", self.notice_seq);
        self.write(Kind::Notice)
    }

    fn standalone_notices(&mut self, n: usize) -> Result<(), String> {
        let d = data();
        for _ in 0..n {
            let year = self.rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32;
            let k = self.pick_kind(year);
            let field = match k.form.as_str() {
                "gia-dinh-van-hoa" | "thon-van-hoa" => field_idx("van-hoa"),
                _ => self.rng.below(d.fields.len()),
            };
            let posted = if k.annual_title {
                days(year, 11, 1) + self.rng.range(0, 25) as i32
            } else {
                days(year, 2, 1) + self.rng.range(0, 280) as i32
            };
            let count = self.fill_recipients(k, field, year, posted, 3, false);
            self.notice(k, field, year, posted, count.min(8), None)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------

/// Writes a synthetic site of `n` records (`n >= MIN_N`) into `root`: `site.toml` and
/// `content/`. `root` is created when missing; files already there are overwritten (the
/// command line refuses a folder that is not empty, see [`cli`]).
pub fn generate(n: usize, root: &Path) -> Result<Written, String> {
    let t0 = Instant::now();
    if n < MIN_N {
        return Err(format!("N must be at least {MIN_N} (got {n})"));
    }
    let d = data();
    let movements = (n / 20).max(3);
    let notices = (n / 20).max(1);
    let people = n * 38 / 100;
    let fixed = NYEARS + 2;
    let awards = n
        .checked_sub(fixed + movements + notices + people)
        .filter(|&a| a >= 1)
        .ok_or_else(|| format!("N = {n} is too small"))?;
    let linked = (notices / 2).min(awards);

    let mut dirs = Vec::new();
    for kind in Kind::ALL {
        let p = root.join("content").join(kind.folder());
        fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        dirs.push(p);
    }
    let mut kind_weight_total = [0u32; 4];
    for k in &d.kinds {
        kind_weight_total[k.level] += k.weight;
    }
    let (sink, jobs) = sync_channel::<Job>(256);
    let jobs = Mutex::new(jobs);
    let failed = AtomicBool::new(false);
    let failed = &failed;
    let error = Mutex::new(None);
    let mut g = Gen {
        rng: Rng(0x05EE_D7A4_E1E7_2024),
        buf: String::with_capacity(16 * 1024),
        fname: String::with_capacity(128),
        dirs,
        sink,
        failed,
        files: [0; 6],
        bytes: 0,
        movements: Vec::with_capacity(movements),
        by_year: vec![Vec::new(); NYEARS],
        people: Vec::with_capacity(people),
        people_by: vec![Vec::new(); 4 * d.fields.len()],
        numbers: [[0; NYEARS]; 4],
        recips: (0..12).map(|_| Recipient::empty()).collect(),
        notice_seq: 0,
        kind_weight_total,
    };
    let generated = thread::scope(|scope| {
        for _ in 0..WRITERS {
            scope.spawn(|| writer(&jobs, failed, &error));
        }
        let generated = (|| {
            g.site_toml(root)?;
            g.pages()?;
            g.movements(movements)?;
            g.plans()?;
            g.people(people)?;
            g.awards(awards, linked)?;
            g.standalone_notices(notices - linked)
        })();
        // Closing the channel lets the writers finish; the scope joins them.
        let (closed, _) = sync_channel(0);
        drop(std::mem::replace(&mut g.sink, closed));
        generated
    });
    if let Some(e) = error.into_inner().ok().flatten() {
        return Err(e);
    }
    generated?;
    Ok(Written {
        files: g.files,
        bytes: g.bytes,
        elapsed: t0.elapsed(),
    })
}

fn usage() -> &'static str {
    "usage: cargo run --release -p vinhdanh-gen -- N DIR\n\
     \n\
     Writes a synthetic vinhdanh site with N records (N >= 30) into DIR,\n\
     which must not exist or be empty."
}

/// The command line: `N DIR` (the arguments after the program's name). Prints what it
/// wrote; exit code 2 for bad arguments or a folder that is not empty, 1 for a write error.
pub fn cli(args: impl IntoIterator<Item = String>) -> ExitCode {
    let args: Vec<String> = args.into_iter().collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    if args.len() != 2 {
        eprintln!(
            "error: expected 2 arguments, got {}\n\n{}",
            args.len(),
            usage()
        );
        return ExitCode::from(2);
    }
    let n: usize = match args[0].parse() {
        Ok(n) if n >= MIN_N => n,
        Ok(n) => {
            eprintln!("error: N must be at least {MIN_N} (got {n})\n\n{}", usage());
            return ExitCode::from(2);
        }
        Err(_) => {
            eprintln!(
                "error: N must be a whole number, got {:?}\n\n{}",
                args[0],
                usage()
            );
            return ExitCode::from(2);
        }
    };
    let root = PathBuf::from(&args[1]);
    if root.exists() {
        if !root.is_dir() {
            eprintln!("error: {} exists and is not a directory", root.display());
            return ExitCode::from(2);
        }
        match fs::read_dir(&root) {
            Ok(mut it) => {
                if it.next().is_some() {
                    eprintln!(
                        "error: {} is not empty; refusing to write into it (choose a new or empty directory)",
                        root.display()
                    );
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", root.display());
                return ExitCode::from(2);
            }
        }
    }
    match generate(n, &root) {
        Ok(w) => {
            println!("wrote site.toml into {}", root.display());
            for kind in Kind::ALL {
                println!(
                    "  content/{:<10} {:>8} files",
                    kind.folder(),
                    w.files[kind as usize]
                );
            }
            println!(
                "  total            {:>8} files, {:.1} MB, in {:.2?}",
                w.total(),
                w.bytes as f64 / 1e6,
                w.elapsed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn read_all(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let bytes = fs::read(&path).unwrap();
                    files.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
                }
            }
        }
        files
    }

    #[test]
    fn the_same_n_gives_the_same_bytes_and_a_site_that_loads() {
        let work = tempfile::tempdir().unwrap();
        let (a, b) = (work.path().join("a"), work.path().join("b"));
        let written = generate(120, &a).unwrap();
        assert_eq!(written.total(), 120);
        assert!(Kind::ALL.iter().all(|&k| written.files[k as usize] > 0));
        generate(120, &b).unwrap();
        let files = read_all(&a);
        assert_eq!(files.len(), 121, "site.toml and 120 records");
        assert!(files == read_all(&b), "two runs differ");
        // Every record is read by the library without a problem.
        vinhdanh::Site::load(&a, false).expect("the generated site loads");
        let award = files
            .keys()
            .find(|p| p.starts_with("content/awards"))
            .unwrap();
        let text = String::from_utf8(files[award].clone()).unwrap();
        assert!(
            text.lines().any(|l| l.starts_with("date = 20")),
            "dates are TOML dates:\n{text}"
        );
    }

    #[test]
    fn the_command_line_refuses_a_folder_that_is_not_empty() {
        let work = tempfile::tempdir().unwrap();
        fs::write(work.path().join("x"), "").unwrap();
        let dir = work.path().to_string_lossy().into_owned();
        assert_eq!(cli(["100".to_string(), dir]), ExitCode::from(2));
        assert_eq!(
            cli(["29".to_string(), "/nonexistent".into()]),
            ExitCode::from(2)
        );
        assert!(generate(29, &work.path().join("y")).is_err());
    }
}
