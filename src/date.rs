//! Calendar dates as written in records: `2024-12-20` (TOML date or string) or the
//! Vietnamese way, `20/12/2024`; and dates known only to the month (`2022-04`, `04/2022`) or
//! the year (`2022`), as real records often are. The precision is kept: a partial date is
//! shown as what is known ("tháng 4 năm 2022", "năm 2022") and sorts at the start of its
//! period (an unknown month or day is 0).

use crate::error::{msg, Msg};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// The build date given on the command line (`--today`).
static TODAY: std::sync::OnceLock<Date> = std::sync::OnceLock::new();

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1–12; 0 when only the year is known.
    pub month: u8,
    /// 1–31; 0 when only the month or the year is known.
    pub day: u8,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, Msg> {
        if !(1..=12).contains(&month) {
            return Err(msg(
                format!("không có tháng {month}"),
                format!("month {month} does not exist"),
            ));
        }
        let days = days_in_month(year, month);
        if day == 0 || day > days {
            return Err(msg(
                format!("tháng {month:02}/{year:04} có {days} ngày, không có ngày {day}"),
                format!("{year:04}-{month:02} has {days} days, not {day}"),
            ));
        }
        Ok(Date { year, month, day })
    }

    /// A date known only to the month.
    pub fn month_of(year: i32, month: u8) -> Result<Date, Msg> {
        if !(1..=12).contains(&month) {
            return Err(msg(
                format!("không có tháng {month}"),
                format!("month {month} does not exist"),
            ));
        }
        Ok(Date {
            year,
            month,
            day: 0,
        })
    }

    /// A date known only to the year.
    pub fn year_of(year: i32) -> Date {
        Date {
            year,
            month: 0,
            day: 0,
        }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first day of the date's period (the date itself when the day is known).
    pub fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    /// The date a clerk meant by a form that is not accepted (`20.12.2024`, `20-12-2024`,
    /// `2024/12/20`, `ngày 20 tháng 12 năm 2024`), written as it is accepted: day, month
    /// and year read in Vietnamese order (the year first when it comes first).
    pub(crate) fn suggest(s: &str) -> Option<String> {
        let groups: Vec<&str> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        let n = |g: &str| g.parse::<u32>().ok();
        let (y, m, d) = match groups[..] {
            [y, m, d] if y.len() == 4 => (n(y)?, n(m)?, Some(n(d)?)),
            [d, m, y] if y.len() == 4 => (n(y)?, n(m)?, Some(n(d)?)),
            [m, y] if y.len() == 4 => (n(y)?, n(m)?, None),
            [y, m] if y.len() == 4 => (n(y)?, n(m)?, None),
            _ => return None,
        };
        if m > 12 || d.is_some_and(|d| d > 31) {
            return None;
        }
        match d {
            Some(d) => Date::new(y as i32, m as u8, d as u8)
                .ok()
                .map(|x| x.iso_day()),
            None => Date::month_of(y as i32, m as u8)
                .ok()
                .map(|_| format!("\"{y}-{m:02}\"")),
        }
    }

    /// Parses `YYYY-MM-DD`, `DD/MM/YYYY`, `YYYY-MM`, `MM/YYYY` or `YYYY`.
    pub fn parse(s: &str) -> Result<Date, Msg> {
        let s = s.trim();
        let bad = || {
            match Date::suggest(s) {
            Some(meant) => msg(
                format!("ngày “{s}” chưa viết đúng dạng: có phải {meant}? Ngày viết theo dạng năm-tháng-ngày, {meant} (hoặc ngày/tháng/năm trong ngoặc kép, \"20/12/2024\")"),
                format!("the date \"{s}\" is not written in an accepted form: is it {meant}? Write dates as YYYY-MM-DD, {meant} (or \"20/12/2024\" in quotes)"),
            ),
            None => msg(
                format!("“{s}” không phải một ngày; viết theo dạng năm-tháng-ngày, ví dụ 2024-12-20 (hoặc \"20/12/2024\"); chỉ biết tháng hay năm thì ghi \"2022-04\" hay 2022"),
                format!("\"{s}\" is not a date; write it as YYYY-MM-DD, e.g. 2024-12-20 (or \"20/12/2024\"); a month or a year alone as \"2022-04\" or 2022"),
            ),
        }
        };
        let parts: Vec<&str>;
        let (y, m, d) = if s.contains('-') {
            parts = s.split('-').collect();
            match parts[..] {
                [y, m, d] if y.len() == 4 => (y, m, Some(d)),
                [y, m] if y.len() == 4 => (y, m, None),
                _ => return Err(bad()),
            }
        } else if s.contains('/') {
            parts = s.split('/').collect();
            match parts[..] {
                [d, m, y] if y.len() == 4 => (y, m, Some(d)),
                [m, y] if y.len() == 4 => (y, m, None),
                _ => return Err(bad()),
            }
        } else if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Date::year_of(s.parse().map_err(|_| bad())?));
        } else {
            return Err(bad());
        };
        let num = |p: &str| -> Result<u32, Msg> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let (y, m) = (num(y)?, num(m)?);
        let d = d.map(num).transpose()?;
        if m > 255 || d.is_some_and(|d| d > 255) {
            return Err(bad());
        }
        let date = match d {
            Some(d) => Date::new(y as i32, m as u8, d as u8),
            None => Date::month_of(y as i32, m as u8),
        };
        date.map_err(|e| {
            msg(
                format!("ngày “{s}” không có thật: {}", e.vi),
                format!("\"{s}\" is not a real date: {}", e.en),
            )
        })
    }

    /// Sets the build date for the rest of the process (`--today`); it wins over
    /// `VINHDANH_TODAY` and the clock. Only the first call counts.
    pub fn set_today(d: Date) {
        let _ = TODAY.set(d);
    }

    /// Today's date in Vietnam (UTC+7): the `--today` date ([`Date::set_today`]) when given,
    /// else `VINHDANH_TODAY` (`YYYY-MM-DD`) when set, so scheduled records and notices can
    /// be tested and a build is the same for a given date.
    pub fn today() -> Date {
        if let Some(&d) = TODAY.get() {
            return d;
        }
        if let Some(d) = std::env::var("VINHDANH_TODAY")
            .ok()
            .and_then(|v| Date::parse(&v).ok())
        {
            return d;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days((secs + 7 * 3600).div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The number of days since 1970-01-01, the inverse of [`Date::from_days`] (Howard
    /// Hinnant's days-from-civil).
    pub fn days(&self) -> i64 {
        let Date { year, month, day } = self.first_day();
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `20/12/2024`, the way Vietnamese documents write dates; `04/2022` and `2022` when
    /// only the month or the year is known.
    pub fn vietnamese(&self) -> String {
        match self.precision() {
            Precision::Day => format!("{:02}/{:02}/{:04}", self.day, self.month, self.year),
            Precision::Month => format!("{:02}/{:04}", self.month, self.year),
            Precision::Year => format!("{:04}", self.year),
        }
    }

    /// The long form official documents use: `ngày 20 tháng 12 năm 2024`, with a zero only
    /// before days 1–9 and months 1–2 as Nghị định 30/2020/NĐ-CP asks (`ngày 05 tháng 3`,
    /// `ngày 16 tháng 02`); `tháng 4 năm 2022`, `năm 2022` when that is all that is known
    /// (or `20 December 2024`, `April 2022`, `2022` in English).
    pub fn long(&self, language: &str) -> String {
        if language == "vi" {
            let month = if self.month <= 2 {
                format!("{:02}", self.month)
            } else {
                self.month.to_string()
            };
            match self.precision() {
                Precision::Day => {
                    format!("ngày {:02} tháng {month} năm {}", self.day, self.year)
                }
                Precision::Month => format!("tháng {} năm {}", self.month, self.year),
                Precision::Year => format!("năm {}", self.year),
            }
        } else {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            match self.precision() {
                Precision::Day => format!(
                    "{} {} {}",
                    self.day,
                    MONTHS[self.month as usize - 1],
                    self.year
                ),
                Precision::Month => format!("{} {}", MONTHS[self.month as usize - 1], self.year),
                Precision::Year => self.year.to_string(),
            }
        }
    }

    /// `2024-12-20`, `2022-04`, `2022` (ISO 8601 and schema.org allow the shorter forms).
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// A full date for formats that need one (Atom): the first day of the period.
    pub fn iso_day(&self) -> String {
        self.first_day().to_string()
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Year => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2024-12-20")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(|m| E::custom(m.pack()))
            }
            // A year alone (`date = 2022`) is a TOML integer.
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                match i32::try_from(v) {
                    Ok(y) if (1000..=9999).contains(&y) => Ok(Date::year_of(y)),
                    _ => Date::parse(&v.to_string()).map_err(|m| E::custom(m.pack())),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            // TOML dates arrive as a one-entry map holding their text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom(msg("ngày trống", "empty date").pack()));
                };
                if text.len() != 10 {
                    return Err(de::Error::custom(
                        msg(
                            format!("“{text}” có cả giờ; chỉ ghi ngày, ví dụ 2024-12-20"),
                            format!("\"{text}\" has a time or offset; write only the date, e.g. 2024-12-20"),
                        )
                        .pack(),
                    ));
                }
                Date::parse(&text).map_err(|m| de::Error::custom(m.pack()))
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        assert_eq!(
            Date::parse("2024-12-20").unwrap(),
            Date {
                year: 2024,
                month: 12,
                day: 20
            }
        );
        assert_eq!(
            Date::parse("20/12/2024").unwrap(),
            Date {
                year: 2024,
                month: 12,
                day: 20
            }
        );
        assert_eq!(
            Date::parse("2024-02-29").unwrap().vietnamese(),
            "29/02/2024"
        );
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        let month = Date::parse("2022-04").unwrap();
        assert_eq!(month, Date::parse("04/2022").unwrap());
        assert_eq!(month.precision(), Precision::Month);
        assert_eq!(month.iso(), "2022-04");
        assert_eq!(month.iso_day(), "2022-04-01");
        assert_eq!(month.vietnamese(), "04/2022");
        assert_eq!(month.long("vi"), "tháng 4 năm 2022");
        assert_eq!(month.long("en"), "April 2022");
        let year = Date::parse("2022").unwrap();
        assert_eq!(year.precision(), Precision::Year);
        assert_eq!(
            (year.iso(), year.vietnamese()),
            ("2022".into(), "2022".into())
        );
        assert_eq!(year.long("vi"), "năm 2022");
        assert_eq!(year.iso_day(), "2022-01-01");
        // A partial date sorts at the start of its period.
        let day = Date::parse("2022-04-01").unwrap();
        assert!(year < Date::parse("2022-01-01").unwrap());
        assert!(month < day && day < Date::parse("2022-05").unwrap());
        assert!(Date::parse("2022-13").is_err());
        assert!(Date::parse("13/2022").unwrap_err().vi.contains("tháng 13"));
        assert!(Date::parse("22-04").is_err());
        assert_eq!(month.days(), day.days());
    }

    #[test]
    fn long_dates_follow_decree_30() {
        let long = |s: &str| Date::parse(s).unwrap().long("vi");
        assert_eq!(long("2024-03-05"), "ngày 05 tháng 3 năm 2024");
        assert_eq!(long("2024-05-22"), "ngày 22 tháng 5 năm 2024");
        assert_eq!(long("2024-02-16"), "ngày 16 tháng 02 năm 2024");
        assert_eq!(long("2024-12-16"), "ngày 16 tháng 12 năm 2024");
    }

    #[test]
    fn days_to_dates() {
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(19_723).iso(), "2024-01-01");
        assert_eq!(Date::from_days(19_782).iso(), "2024-02-29");
        assert_eq!(Date::from_days(20_417).iso(), "2025-11-25");
        for days in [-800_000, -1, 0, 59, 60, 19_782, 20_417, 2_932_896] {
            assert_eq!(Date::from_days(days).days(), days);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2024-02-30")
            .unwrap_err()
            .en
            .contains("29 days"));
        assert!(Date::parse("2024-02-30")
            .unwrap_err()
            .vi
            .contains("có 29 ngày"));
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-13-01").is_err());
        assert!(Date::parse("2024a").unwrap_err().en.contains("YYYY-MM-DD"));
        assert!(Date::parse("1/2/24").is_err());
    }

    #[test]
    fn from_toml_native_dates() {
        #[derive(Deserialize)]
        struct T {
            d: Date,
            s: Date,
        }
        let t: T = toml::from_str("d = 2021-07-16\ns = \"16/07/2021\"").unwrap();
        assert_eq!(t.d, t.s);
        let t: T = toml::from_str("d = 2022\ns = \"2022-04\"").unwrap();
        assert_eq!((t.d.iso(), t.s.iso()), ("2022".into(), "2022-04".into()));
        let err = toml::from_str::<T>("d = 2021-07-16T10:00:00\ns = \"x\"")
            .err()
            .unwrap();
        assert!(err.to_string().contains("only the date"), "{err}");
    }
}
