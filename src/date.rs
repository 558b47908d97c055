//! Dates as news copy gives them: sometimes to the day, sometimes only the
//! month or the year.
//!
//! A report that says "in 2012" must not become "1 January 2012" anywhere in
//! the dossier, so a date carries its precision, is displayed at that
//! precision, and sorts before the more precise dates it contains.

use std::fmt;

use serde::Serialize;
use toml::Value;
use toml::value::Offset;

/// A calendar date known to the year, the month or the day.
///
/// Ordering is chronological, with a less precise date before the more
/// precise dates it contains ("2014" < "2014-05" < "2014-05-19").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year ("2013").
    Year,
    /// Year and month ("2014-05").
    Month,
    /// A full calendar date ("2014-05-19").
    Day,
}

/// Why a date was refused; shown to editors at the value's location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Malformed(String),
    /// Month outside 1–12.
    #[error("month {0} does not exist")]
    BadMonth(u8),
    /// Day past the end of its month, or zero.
    #[error("{year}-{month:02} has no day {day}")]
    BadDay {
        /// The year, needed for leap days.
        year: u16,
        /// The month the day was checked against.
        month: u8,
        /// The impossible day.
        day: u8,
    },
    /// A TOML value that is neither a date, a string nor a year.
    #[error("expected a date (2014-05-19), a month (\"2014-05\") or a year (2014), found {0}")]
    WrongType(&'static str),
    /// A time of day given where only a date makes sense.
    #[error("expected a date without a time of day")]
    UnexpectedTime,
    /// A month or year where the day is needed (a review, a correction).
    #[error("`{0}` is not a day: write the date in full (YYYY-MM-DD), with the time if known")]
    Imprecise(String),
}

impl PartialDate {
    /// Builds a date, checking that the month and day exist.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, DateError> {
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::BadMonth(m));
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return Err(DateError::BadDay {
                    year,
                    month: m,
                    day: d,
                });
            }
        } else if day.is_some() {
            return Err(DateError::Malformed(format!(
                "{year}--{}",
                day.unwrap_or(0)
            )));
        }
        Ok(PartialDate { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let malformed = || DateError::Malformed(s.to_owned());
        let mut parts = s.split('-');
        let year = number(parts.next(), 4).ok_or_else(malformed)?;
        let month = parts
            .next()
            .map(|p| number(Some(p), 2).ok_or_else(malformed))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| number(Some(p), 2).ok_or_else(malformed))
            .transpose()?;
        if parts.next().is_some() {
            return Err(malformed());
        }
        let year = u16::try_from(year).map_err(|_| malformed())?;
        PartialDate::new(year, month.map(|m| m as u8), day.map(|d| d as u8))
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The month the date falls in, or the year alone when no month is
    /// known: what a chronology groups by.
    pub fn without_day(self) -> PartialDate {
        PartialDate { day: None, ..self }
    }

    /// The month (1–12), if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// ISO 8601 at the date's own precision: `2013`, `2014-05`, `2014-05-19`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (None, _) => format!("{:04}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
        }
    }
}

impl PartialDate {
    /// Today's date (UTC), for stubs an editor will correct.
    pub fn today() -> PartialDate {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
}

impl PartialDate {
    /// The build date from `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), the
    /// reproducible-builds convention; `None` when unset or malformed, so
    /// that output never depends on the clock.
    pub fn from_source_date_epoch() -> Option<PartialDate> {
        let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        Some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }
}

impl Moment {
    /// The moment `seconds` after 1970-01-01T00:00Z as read on a clock
    /// `offset_seconds` east of UTC (to the minute): a commit's time as its
    /// author's clock showed it.
    pub fn from_epoch(seconds: i64, offset_seconds: i32) -> Moment {
        let local = seconds + i64::from(offset_seconds);
        let (year, month, day) = civil_from_days(local.div_euclid(86_400));
        let minutes = local.rem_euclid(86_400) / 60;
        Moment {
            date: PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            },
            time: Some(ClockTime {
                hour: (minutes / 60) as u8,
                minute: (minutes % 60) as u8,
                offset: Some((offset_seconds / 60) as i16),
            }),
        }
    }
}

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian), after
/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    (year, month, day)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A date with, when the source gives it, a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    /// The calendar date.
    pub date: PartialDate,
    /// The time of day, if recorded.
    pub time: Option<ClockTime>,
}

/// A time of day as a report prints it, with its time zone if one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
    /// Offset from UTC in minutes; `None` when the report gave no zone.
    offset: Option<i16>,
}

impl Moment {
    /// ISO 8601 for `<time datetime>` and machine exports, in the full
    /// form schema.org readers expect (`2014-05-20T07:09:00+08:00`, seconds
    /// included), or the date at its own precision.
    pub fn iso(&self) -> String {
        match self.time {
            Some(t) if self.date.precision() == Precision::Day => {
                format!(
                    "{}T{:02}:{:02}:00{}",
                    self.date.iso(),
                    t.hour,
                    t.minute,
                    t.iso_offset()
                )
            }
            _ => self.date.iso(),
        }
    }
}

impl Moment {
    /// An RFC 3339 date-time, as Atom requires: the time with its offset
    /// when the report gives both (a report of 07:09 at +08:00 stays
    /// `…T07:09:00+08:00`, which is 23:09 UTC the day before); otherwise
    /// the date (a month or year standing for its first day) at midnight
    /// UTC, since a time without a zone cannot be placed.
    pub fn rfc3339(&self) -> String {
        let iso = self.date.iso();
        let day = match iso.len() {
            4 => format!("{iso}-01-01"),
            7 => format!("{iso}-01"),
            _ => iso,
        };
        match self.time {
            Some(t) if t.offset.is_some() && self.date.precision() == Precision::Day => {
                format!("{day}T{}:00{}", t.clock(), t.iso_offset())
            }
            _ => format!("{day}T00:00:00Z"),
        }
    }

    /// Minutes since 1970-01-01 00:00 UTC of the instant [`Moment::rfc3339`]
    /// writes, to order moments given in different time zones.
    pub fn utc_minutes(&self) -> i64 {
        let (month, day) = (self.date.month().unwrap_or(1), self.date.day().unwrap_or(1));
        let midnight = days_from_civil(self.date.year(), month, day) * 24 * 60;
        match self.time {
            Some(t) if self.date.precision() == Precision::Day => match t.offset {
                Some(offset) => {
                    midnight + i64::from(t.hour) * 60 + i64::from(t.minute) - i64::from(offset)
                }
                None => midnight,
            },
            _ => midnight,
        }
    }
}

/// Days from 1970-01-01 to a date (proleptic Gregorian), the inverse of
/// [`civil_from_days`], after Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: u16, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl ClockTime {
    /// The hour, 0–23, in the report's own time zone.
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute.
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// `07:09`.
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// The offset from UTC as readers see it after "UTC": empty for UTC
    /// itself, `+08:00` otherwise; `None` when the report gave no zone.
    pub fn offset_label(&self) -> Option<String> {
        self.offset.map(|_| match self.iso_offset().as_str() {
            "Z" => String::new(),
            offset => offset.to_owned(),
        })
    }

    fn iso_offset(&self) -> String {
        match self.offset {
            None => String::new(),
            Some(0) => "Z".to_owned(),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                format!("{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
            }
        }
    }
}

/// Reads a date from TOML: a date or date-time literal, a year as a number
/// (`2013`), or a string for the partial forms TOML cannot express
/// (`"2014-05"`, `"2013"`).
pub fn moment_from_toml(value: &Value) -> Result<Moment, DateError> {
    match value {
        Value::String(s) => Ok(Moment {
            date: PartialDate::parse(s)?,
            time: None,
        }),
        Value::Datetime(dt) => {
            let Some(d) = dt.date else {
                return Err(DateError::Malformed(dt.to_string()));
            };
            let date = PartialDate::new(d.year, Some(d.month), Some(d.day))?;
            let time = dt.time.map(|t| ClockTime {
                hour: t.hour,
                minute: t.minute,
                offset: dt.offset.map(|o| match o {
                    Offset::Z => 0,
                    Offset::Custom { minutes } => minutes,
                }),
            });
            Ok(Moment { date, time })
        }
        Value::Integer(year) => {
            let year = u16::try_from(*year)
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .ok_or_else(|| DateError::Malformed(year.to_string()))?;
            Ok(Moment {
                date: PartialDate::new(year, None, None)?,
                time: None,
            })
        }
        Value::Float(_) => Err(DateError::WrongType("a number with a fraction")),
        Value::Boolean(_) => Err(DateError::WrongType("true or false")),
        Value::Array(_) => Err(DateError::WrongType("a list")),
        Value::Table(_) => Err(DateError::WrongType("a table")),
    }
}

/// Reads a date that must not carry a time of day (event dates, spans).
pub fn date_from_toml(value: &Value) -> Result<PartialDate, DateError> {
    let moment = moment_from_toml(value)?;
    if moment.time.is_some() {
        return Err(DateError::UnexpectedTime);
    }
    Ok(moment.date)
}

fn number(part: Option<&str>, width: usize) -> Option<u32> {
    let part = part?;
    if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {

    fn moment(toml_value: &str) -> Moment {
        let table: toml::Table = toml::from_str(&format!("m = {toml_value}")).unwrap();
        moment_from_toml(&table["m"]).unwrap()
    }

    #[test]
    fn rfc3339_keeps_the_time_and_its_zone_and_orders_by_the_instant() {
        let beijing = moment("2014-05-20T07:09:00+08:00");
        assert_eq!(beijing.rfc3339(), "2014-05-20T07:09:00+08:00");
        let london = moment("2014-05-19T23:30:00Z");
        assert_eq!(london.rfc3339(), "2014-05-19T23:30:00Z");
        // 07:09 at +08:00 is 23:09 UTC on the 19th, before 23:30 UTC.
        assert!(beijing.utc_minutes() < london.utc_minutes());
        assert_eq!(moment("\"2014-05\"").rfc3339(), "2014-05-01T00:00:00Z");
        assert_eq!(moment("2014-05-19").rfc3339(), "2014-05-19T00:00:00Z");
        let unzoned = moment("2014-05-19T07:09:00");
        assert_eq!(
            unzoned.rfc3339(),
            "2014-05-19T00:00:00Z",
            "no zone, no time"
        );
        assert_eq!(moment("1970-01-02").utc_minutes(), 24 * 60);
        assert_eq!(days_from_civil(2014, 5, 20), 16_210);
    }

    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("2013").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(PartialDate::parse("2014-05").unwrap().iso(), "2014-05");
        assert_eq!(
            PartialDate::parse("2014-05-19").unwrap().precision(),
            Precision::Day
        );
        assert_eq!(
            PartialDate::parse("2014-05-09").unwrap().iso(),
            "2014-05-09"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            PartialDate::parse("2014-02-30"),
            Err(DateError::BadDay {
                year: 2014,
                month: 2,
                day: 30
            })
        );
        assert!(PartialDate::parse("2012-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("2000-02-29").is_ok());
        assert_eq!(PartialDate::parse("2014-13"), Err(DateError::BadMonth(13)));
        assert!(matches!(
            PartialDate::parse("May 2014"),
            Err(DateError::Malformed(_))
        ));
        assert!(matches!(
            PartialDate::parse("2014-5"),
            Err(DateError::Malformed(_))
        ));
        assert!(matches!(
            PartialDate::parse("2014-05-01-01"),
            Err(DateError::Malformed(_))
        ));
    }

    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(16_209), (2014, 5, 19));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(PartialDate::today().precision(), Precision::Day);
    }

    #[test]
    fn less_precise_dates_sort_first() {
        let year = PartialDate::parse("2014").unwrap();
        let month = PartialDate::parse("2014-05").unwrap();
        let day = PartialDate::parse("2014-05-01").unwrap();
        let before = PartialDate::parse("2013-12-31").unwrap();
        let mut dates = vec![day, month, before, year];
        dates.sort();
        assert_eq!(dates, vec![before, year, month, day]);
    }

    #[test]
    fn reads_toml_dates_and_times_honestly() {
        let doc: toml::Table = toml::from_str(
            "a = 2014-05-20T07:09:00\nb = 2013-02-20T09:43:00Z\nc = \"2014-05\"\nd = true\ne = 2013\nf = 3",
        )
        .unwrap();
        let a = moment_from_toml(&doc["a"]).unwrap();
        assert_eq!(a.iso(), "2014-05-20T07:09:00");
        let b = moment_from_toml(&doc["b"]).unwrap();
        assert_eq!(b.iso(), "2013-02-20T09:43:00Z");
        let c = moment_from_toml(&doc["c"]).unwrap();
        assert_eq!((c.date.iso(), c.time), ("2014-05".to_owned(), None));
        assert_eq!(
            moment_from_toml(&doc["d"]),
            Err(DateError::WrongType("true or false"))
        );
        assert_eq!(moment_from_toml(&doc["e"]).unwrap().date.iso(), "2013");
        assert_eq!(
            moment_from_toml(&doc["f"]),
            Err(DateError::Malformed("3".into()))
        );
        assert_eq!(date_from_toml(&doc["a"]), Err(DateError::UnexpectedTime));
    }
}
