//! Calendar dates as written in records: `2024-12-20` (TOML date or string) or the
//! Vietnamese way, `20/12/2024`.

use crate::error::{msg, Msg};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
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

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub fn parse(s: &str) -> Result<Date, Msg> {
        let s = s.trim();
        let bad = || {
            msg(
                format!("“{s}” không phải một ngày; viết theo dạng năm-tháng-ngày, ví dụ 2024-12-20 (hoặc \"20/12/2024\")"),
                format!("\"{s}\" is not a date; write it as YYYY-MM-DD, e.g. 2024-12-20 (or \"20/12/2024\")"),
            )
        };
        let parts: Vec<&str>;
        let (y, m, d) = if s.contains('-') {
            parts = s.split('-').collect();
            if parts.len() != 3 || parts[0].len() != 4 {
                return Err(bad());
            }
            (parts[0], parts[1], parts[2])
        } else if s.contains('/') {
            parts = s.split('/').collect();
            if parts.len() != 3 || parts[2].len() != 4 {
                return Err(bad());
            }
            (parts[2], parts[1], parts[0])
        } else {
            return Err(bad());
        };
        let num = |p: &str| -> Result<u32, Msg> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let (y, m, d) = (num(y)?, num(m)?, num(d)?);
        if m > 255 || d > 255 {
            return Err(bad());
        }
        Date::new(y as i32, m as u8, d as u8).map_err(|e| {
            msg(
                format!("ngày “{s}” không có thật: {}", e.vi),
                format!("\"{s}\" is not a real date: {}", e.en),
            )
        })
    }

    /// Today's date in Vietnam (UTC+7), or `VINHDANH_TODAY` (`YYYY-MM-DD`) when set, so
    /// scheduled records can be tested.
    pub fn today() -> Date {
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
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `20/12/2024`, the way Vietnamese documents write dates.
    pub fn vietnamese(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// The long form official documents use: `ngày 20 tháng 12 năm 2024` (or
    /// `20 December 2024` in English).
    pub fn long(&self, language: &str) -> String {
        if language == "vi" {
            format!(
                "ngày {:02} tháng {:02} năm {}",
                self.day, self.month, self.year
            )
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
            format!(
                "{} {} {}",
                self.day,
                MONTHS[self.month as usize - 1],
                self.year
            )
        }
    }

    /// `2024-12-20`.
    pub fn iso(&self) -> String {
        self.to_string()
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
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
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
        let err = toml::from_str::<T>("d = 2021-07-16T10:00:00\ns = \"x\"")
            .err()
            .unwrap();
        assert!(err.to_string().contains("only the date"), "{err}");
    }
}
