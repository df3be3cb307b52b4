//! Reporting periods (raportointikausi): the time a report, an indicator value or an
//! implementation covers.
//!
//! Every figure in structural social work belongs to a period: a welfare report covers a
//! calendar year, follow-up within the year goes by half-year, quarter or month, and a pilot
//! runs from the day it started to the day it ended. Figures from different sources can only
//! be compared, pooled or put side by side when their periods can be, so they all use one
//! type, [`ReportingPeriod`], which knows its first and last day and answers whether one
//! period contains or overlaps another. [`PeriodKind`] says which of the five written forms
//! a period has.
//!
//! A period is parsed once, at the boundary, by one strict parser that `FromStr`, `TryFrom`
//! and serde share; the JSON Schema pattern describes the same forms for tools outside Rust.
//! The written forms, the year bounds and the order are documented on [`ReportingPeriod`],
//! where users of the crate see them. With the `proptest` feature, `ReportingPeriod`
//! implements `proptest::arbitrary::Arbitrary` for property tests downstream.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::macros::date;
use time::{Date, Month, util};

use crate::Error;

/// What the errors of this module call the value.
const WHAT: &str = "reporting period";

/// The first day a period may cover: 1 January of [`ReportingPeriod::MIN_YEAR`].
const FIRST_DAY: Date = date!(1900 - 01 - 01);

/// The last day a period may cover: 31 December of [`ReportingPeriod::MAX_YEAR`].
const LAST_DAY: Date = date!(2100 - 12 - 31);

const EXPECTED_ANY: &str = "a year \"2025\", half-year \"2025-H1\", quarter \"2025-Q3\", \
     month \"2025-09\" or date range \"2025-01-15/2025-03-31\"";
const EXPECTED_YEAR: &str = "a year from 1900 to 2100, e.g. \"2025\"";
const EXPECTED_HALF: &str = "a half-year H1 or H2, e.g. \"2025-H1\"";
const EXPECTED_HALF_UPPERCASE: &str = "a half-year with an uppercase H, e.g. \"2025-H1\"";
const EXPECTED_QUARTER: &str = "a quarter Q1–Q4, e.g. \"2025-Q3\"";
const EXPECTED_QUARTER_UPPERCASE: &str = "a quarter with an uppercase Q, e.g. \"2025-Q3\"";
const EXPECTED_MONTH: &str = "a month as two digits 01–12, e.g. \"2025-09\"";
const EXPECTED_RANGE_FORM: &str =
    "a date range as two dates YYYY-MM-DD joined by \"/\", e.g. \"2025-01-15/2025-03-31\"";
const EXPECTED_RANGE_YEARS: &str =
    "a date range within the years 1900 to 2100, e.g. \"2025-01-15/2025-03-31\"";
const EXPECTED_RANGE_MONTHS: &str = "dates that exist in the calendar (months 01–12)";

/// The JSON Schema pattern: exactly the written forms, with years 1900–2100, months 01–12
/// and days 01–31. It cannot see that a date exists (`2025-02-30`) or that a range starts
/// before it ends; the parser checks those, so the pattern accepts a superset of what parses.
///
/// The regular expression uses only what ECMA-262 (the dialect of JSON Schema) and other
/// common engines agree on: `[0-9]` rather than `\d`, non-capturing groups, explicit anchors.
const PATTERN: &str = "^(?:(?:19[0-9]{2}|20[0-9]{2}|2100)(?:-(?:H[12]|Q[1-4]|0[1-9]|1[0-2]))?\
     |(?:19[0-9]{2}|20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\
     /(?:19[0-9]{2}|20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))$";

/// The description of [`ReportingPeriod`] in the JSON Schema.
const SCHEMA_DESCRIPTION: &str = "Reporting period (raportointikausi): a calendar year \
     \"2025\", a half-year \"2025-H1\" or \"2025-H2\", a quarter \"2025-Q1\" to \"2025-Q4\", \
     a month \"2025-09\", or an inclusive date range written as an ISO 8601 interval \
     \"2025-01-15/2025-03-31\" whose start is on or before its end. Years 1900 to 2100.";

/// The kind of a [`ReportingPeriod`] (kauden tyyppi).
///
/// Serialized as a stable `snake_case` code: `year`, `half_year`, `quarter`, `month`,
/// `range`. The order of the variants (largest calendar unit first, ranges last) breaks
/// ties in the order of periods; see [`ReportingPeriod`].
///
/// # Example
/// ```
/// use rakenne_model::{PeriodKind, ReportingPeriod};
///
/// let period: ReportingPeriod = "2025-H2".parse()?;
/// assert_eq!(period.kind(), PeriodKind::HalfYear);
/// assert_eq!(serde_json::to_string(&PeriodKind::HalfYear).unwrap(), r#""half_year""#);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeriodKind {
    /// A calendar year (kalenterivuosi), written `2025`.
    Year,
    /// Half of a calendar year (vuosipuolisko): January–June `2025-H1` or July–December
    /// `2025-H2`.
    HalfYear,
    /// A calendar quarter (vuosineljännes) of three months, `2025-Q1` to `2025-Q4`.
    Quarter,
    /// A calendar month (kuukausi), written `2025-09`.
    Month,
    /// Any inclusive run of whole days (aikaväli), written as an ISO 8601 interval
    /// `2025-01-15/2025-03-31`.
    Range,
}

/// A reporting period (raportointikausi): a calendar year, half-year, quarter or month, or
/// an inclusive range of dates, within the years 1900–2100.
///
/// A value is valid by construction: build one with [`year`](Self::year),
/// [`half_year`](Self::half_year), [`quarter`](Self::quarter), [`month`](Self::month) or
/// [`range`](Self::range), or parse one ([`FromStr`], `TryFrom<&str>`, `TryFrom<String>`,
/// serde). `Display` and serde write the canonical form back.
///
/// # Written forms
///
/// | kind ([`PeriodKind`]) | written                 | covers                          |
/// |-----------------------|-------------------------|---------------------------------|
/// | year                  | `2025`                  | 2025-01-01 to 2025-12-31        |
/// | half-year             | `2025-H1`, `2025-H2`    | January–June, July–December     |
/// | quarter               | `2025-Q1` … `2025-Q4`   | January–March, …, October–December |
/// | month                 | `2025-09`               | one calendar month              |
/// | date range            | `2025-01-15/2025-03-31` | both days and every day between |
///
/// Years, months and date intervals are written as in ISO 8601; quarters and half-years,
/// which basic ISO 8601 has no form for, with `Q` and `H`. Parsing is strict: exactly these
/// forms, four-digit years, two-digit months and days, uppercase `H` and `Q`, no whitespace.
/// So every accepted string is the canonical one that `Display` writes back, and two
/// serialized periods are equal exactly when their strings are. An error names the form
/// that was probably meant and shows it written correctly.
///
/// # Years 1900–2100
///
/// Years lie from [`MIN_YEAR`](Self::MIN_YEAR) 1900 to [`MAX_YEAR`](Self::MAX_YEAR) 2100,
/// for every kind and for both dates of a range. The data and plans of social work do not
/// reach outside these two centuries, while common slips of the keyboard (`2205`, `2520`,
/// `1025` or `0225` for `2025`) land outside them and are refused at the boundary instead of
/// producing a report for a year no one meant. The bounds also keep years at four digits,
/// so the written forms have fixed widths, which the strict parser and the JSON Schema
/// pattern rely on.
///
/// # Ranges and calendar periods
///
/// A date range that covers exactly a calendar period, `2025-01-01/2025-12-31`, is a
/// different value from the year `2025`: it was written differently and is written back the
/// same way. The two cover the same days, so each [contains](Self::contains) the other;
/// compare with `contains` both ways when only the days matter.
///
/// # Order
///
/// Periods are ordered by first day (earliest first), then by last day (latest first, so a
/// period comes before the periods it encloses that start on the same day), then by
/// [`PeriodKind`] (a calendar period before a range over the same days):
/// `2025`, `2025-01-01/2025-12-31`, `2025-H1`, `2025-Q1`, `2025-01`, `2025-01-01/2025-01-15`,
/// `2025-02`, … The order is total and consistent with `==`: two periods compare equal
/// exactly when they are equal.
///
/// # Example
/// ```
/// use rakenne_model::{PeriodKind, ReportingPeriod};
/// use time::macros::date;
///
/// let q3: ReportingPeriod = "2025-Q3".parse()?;
/// assert_eq!(q3.kind(), PeriodKind::Quarter);
/// assert_eq!(q3.start(), date!(2025-07-01));
/// assert_eq!(q3.end(), date!(2025-09-30));
/// assert_eq!(q3.days(), 92);
///
/// let pilot = ReportingPeriod::range(date!(2025-08-15), date!(2025-10-31))?;
/// assert_eq!(pilot.to_string(), "2025-08-15/2025-10-31");
/// assert!(pilot.overlaps(&q3));
/// assert!(!q3.contains(&pilot));
/// assert!(ReportingPeriod::year(2025)?.contains(&pilot));
///
/// let err = "2025-Q5".parse::<ReportingPeriod>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid reporting period "2025-Q5": expected a quarter Q1–Q4, e.g. "2025-Q3""#,
/// );
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportingPeriod {
    /// First day, inclusive.
    start: Date,
    /// Last day, inclusive; never before `start`.
    end: Date,
    kind: PeriodKind,
}

impl ReportingPeriod {
    /// The earliest year a period may fall in (see [why](ReportingPeriod#years-19002100)); every date
    /// in the model has the same bound.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// assert!(ReportingPeriod::year(ReportingPeriod::MIN_YEAR).is_ok());
    /// assert!(ReportingPeriod::year(ReportingPeriod::MIN_YEAR - 1).is_err());
    /// ```
    pub const MIN_YEAR: i32 = crate::date::MIN_YEAR;

    /// The latest year a period may fall in (see [why](ReportingPeriod#years-19002100)); every date
    /// in the model has the same bound.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// assert!(ReportingPeriod::year(ReportingPeriod::MAX_YEAR).is_ok());
    /// assert!(ReportingPeriod::year(ReportingPeriod::MAX_YEAR + 1).is_err());
    /// ```
    pub const MAX_YEAR: i32 = crate::date::MAX_YEAR;

    /// The calendar year `year` (kalenterivuosi), 1 January to 31 December.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// let year = ReportingPeriod::year(2024)?;
    /// assert_eq!(year.to_string(), "2024");
    /// assert_eq!(year.end(), date!(2024-12-31));
    /// assert_eq!(year.days(), 366);
    ///
    /// let err = ReportingPeriod::year(2205).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"invalid reporting period "2205": expected a year from 1900 to 2100, e.g. "2025""#,
    /// );
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn year(year: i32) -> Result<Self, Error> {
        Self::calendar(
            PeriodKind::Year,
            year,
            Month::January,
            Month::December,
            &|| year.to_string(),
        )
    }

    /// Half `half` (1 or 2) of the year `year` (vuosipuolisko): January–June or
    /// July–December.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// let h2 = ReportingPeriod::half_year(2025, 2)?;
    /// assert_eq!(h2.to_string(), "2025-H2");
    /// assert_eq!(h2.start(), date!(2025-07-01));
    /// assert!(ReportingPeriod::half_year(2025, 3).is_err());
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn half_year(year: i32, half: u8) -> Result<Self, Error> {
        let written = || format!("{year}-H{half}");
        let (first, last) = match half {
            1 => (Month::January, Month::June),
            2 => (Month::July, Month::December),
            _ => return Err(Error::invalid(WHAT, &written(), EXPECTED_HALF)),
        };
        Self::calendar(PeriodKind::HalfYear, year, first, last, &written)
    }

    /// Quarter `quarter` (1 to 4) of the year `year` (vuosineljännes): Q1 is
    /// January–March, Q2 April–June, Q3 July–September, Q4 October–December.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// let q4 = ReportingPeriod::quarter(2025, 4)?;
    /// assert_eq!(q4.to_string(), "2025-Q4");
    /// assert_eq!(q4.start(), date!(2025-10-01));
    /// assert_eq!(
    ///     ReportingPeriod::quarter(2025, 5).unwrap_err().to_string(),
    ///     r#"invalid reporting period "2025-Q5": expected a quarter Q1–Q4, e.g. "2025-Q3""#,
    /// );
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn quarter(year: i32, quarter: u8) -> Result<Self, Error> {
        let written = || format!("{year}-Q{quarter}");
        let (first, last) = match quarter {
            1 => (Month::January, Month::March),
            2 => (Month::April, Month::June),
            3 => (Month::July, Month::September),
            4 => (Month::October, Month::December),
            _ => return Err(Error::invalid(WHAT, &written(), EXPECTED_QUARTER)),
        };
        Self::calendar(PeriodKind::Quarter, year, first, last, &written)
    }

    /// The calendar month `month` of the year `year` (kuukausi).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::Month;
    /// use time::macros::date;
    ///
    /// let february = ReportingPeriod::month(2024, Month::February)?;
    /// assert_eq!(february.to_string(), "2024-02");
    /// assert_eq!(february.end(), date!(2024-02-29));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn month(year: i32, month: Month) -> Result<Self, Error> {
        Self::calendar(PeriodKind::Month, year, month, month, &|| {
            format!("{year}-{:02}", u8::from(month))
        })
    }

    /// The days from `start` to `end`, both included (aikaväli). `start` may equal `end`
    /// (a single day) but not come after it; both must lie in the years 1900–2100.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// let pilot = ReportingPeriod::range(date!(2025-01-15), date!(2025-03-31))?;
    /// assert_eq!(pilot.to_string(), "2025-01-15/2025-03-31");
    /// assert_eq!(pilot.days(), 76);
    ///
    /// let err = ReportingPeriod::range(date!(2025-03-31), date!(2025-01-15)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"invalid reporting period "2025-03-31/2025-01-15": expected the start date first, e.g. "2025-01-15/2025-03-31""#,
    /// );
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn range(start: Date, end: Date) -> Result<Self, Error> {
        let written = || format!("{}/{}", IsoDate(start), IsoDate(end));
        let allowed = FIRST_DAY..=LAST_DAY;
        if !allowed.contains(&start) || !allowed.contains(&end) {
            return Err(Error::invalid(WHAT, &written(), EXPECTED_RANGE_YEARS));
        }
        if end < start {
            let swapped = format!(
                "the start date first, e.g. \"{}/{}\"",
                IsoDate(end),
                IsoDate(start)
            );
            return Err(Error::invalid(WHAT, &written(), swapped));
        }
        Ok(ReportingPeriod {
            start,
            end,
            kind: PeriodKind::Range,
        })
    }

    /// A calendar period of `kind` from the first day of `first` to the last day of `last`
    /// in `year`. `written` is the period as written, for the error message.
    fn calendar(
        kind: PeriodKind,
        year: i32,
        first: Month,
        last: Month,
        written: &dyn Fn() -> String,
    ) -> Result<Self, Error> {
        let year_error = || Error::invalid(WHAT, &written(), EXPECTED_YEAR);
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(year_error());
        }
        // Both dates exist for every year from 1900 to 2100 (day 1, and the month's own
        // length), so the errors below cannot occur; they repeat the year error rather
        // than panic.
        let start = Date::from_calendar_date(year, first, 1).map_err(|_| year_error())?;
        let end = Date::from_calendar_date(year, last, util::days_in_month(last, year))
            .map_err(|_| year_error())?;
        Ok(ReportingPeriod { start, end, kind })
    }

    /// The kind of period: year, half-year, quarter, month or date range.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{PeriodKind, ReportingPeriod};
    ///
    /// assert_eq!("2025-09".parse::<ReportingPeriod>()?.kind(), PeriodKind::Month);
    /// assert_eq!(
    ///     "2025-09-01/2025-09-30".parse::<ReportingPeriod>()?.kind(),
    ///     PeriodKind::Range,
    /// );
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The first day of the period (included).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// assert_eq!("2025-Q4".parse::<ReportingPeriod>()?.start(), date!(2025-10-01));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn start(&self) -> Date {
        self.start
    }

    /// The last day of the period (included).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// assert_eq!("2024-H1".parse::<ReportingPeriod>()?.end(), date!(2024-06-30));
    /// assert_eq!("2100-02".parse::<ReportingPeriod>()?.end(), date!(2100-02-28));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn end(&self) -> Date {
        self.end
    }

    /// The number of days in the period, both ends included (at least 1).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// assert_eq!("2025".parse::<ReportingPeriod>()?.days(), 365);
    /// assert_eq!("2024-02".parse::<ReportingPeriod>()?.days(), 29);
    /// assert_eq!("2025-03-01/2025-03-01".parse::<ReportingPeriod>()?.days(), 1);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn days(&self) -> u32 {
        // `end` is never before `start`, so the difference is not negative and the
        // absolute value is the difference itself.
        (self.end.to_julian_day() - self.start.to_julian_day()).unsigned_abs() + 1
    }

    /// Whether `date` is one of the days of the period.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    /// use time::macros::date;
    ///
    /// let q1: ReportingPeriod = "2025-Q1".parse()?;
    /// assert!(q1.contains_date(date!(2025-03-31)));
    /// assert!(!q1.contains_date(date!(2025-04-01)));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn contains_date(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether every day of `other` is a day of this period. A period contains itself.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// let h1: ReportingPeriod = "2025-H1".parse()?;
    /// assert!(h1.contains(&"2025-Q2".parse()?));
    /// assert!(h1.contains(&"2025-03-15/2025-04-15".parse()?));
    /// assert!(!h1.contains(&"2025-06-15/2025-07-15".parse()?));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn contains(&self, other: &ReportingPeriod) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two periods share at least one day.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// let q2: ReportingPeriod = "2025-Q2".parse()?;
    /// assert!(q2.overlaps(&"2025-06-15/2025-07-15".parse()?));
    /// // Adjacent periods share no day.
    /// assert!(!q2.overlaps(&"2025-Q3".parse()?));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn overlaps(&self, other: &ReportingPeriod) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Whether the period is a calendar unit (year, half-year, quarter or month) rather than
    /// a date range.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// assert!("2025-Q1".parse::<ReportingPeriod>()?.is_calendar());
    /// assert!(!"2025-01-01/2025-03-31".parse::<ReportingPeriod>()?.is_calendar());
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn is_calendar(&self) -> bool {
        self.kind != PeriodKind::Range
    }

    /// The calendar period of the same kind just before this one (2025-Q1 → 2024-Q4), for
    /// comparing a period with the one before. `None` for a date range, which has no
    /// natural step, and before 1900.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// let q1: ReportingPeriod = "2025-Q1".parse()?;
    /// assert_eq!(q1.previous(), Some("2024-Q4".parse()?));
    /// assert_eq!("1900".parse::<ReportingPeriod>()?.previous(), None);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn previous(&self) -> Option<Self> {
        self.shift(-1)
    }

    /// The calendar period of the same kind just after this one (2025-12 → 2026-01).
    /// `None` for a date range, which has no natural step, and after 2100.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ReportingPeriod;
    ///
    /// let december: ReportingPeriod = "2025-12".parse()?;
    /// assert_eq!(december.next(), Some("2026-01".parse()?));
    /// assert_eq!("2025-01-01/2025-01-31".parse::<ReportingPeriod>()?.next(), None);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn next(&self) -> Option<Self> {
        self.shift(1)
    }

    /// The calendar period `steps` periods of the same kind away; `None` for a range or
    /// outside the years 1900–2100.
    fn shift(&self, steps: i32) -> Option<Self> {
        let year = self.start.year();
        // Months since the start of the year, 0 to 11.
        let month = i32::from(u8::from(self.start.month())) - 1;
        match self.kind {
            PeriodKind::Year => Self::year(year + steps).ok(),
            PeriodKind::HalfYear => {
                let index = year * 2 + month / 6 + steps;
                let half = u8::try_from(index.rem_euclid(2) + 1).ok()?;
                Self::half_year(index.div_euclid(2), half).ok()
            }
            PeriodKind::Quarter => {
                let index = year * 4 + month / 3 + steps;
                let quarter = u8::try_from(index.rem_euclid(4) + 1).ok()?;
                Self::quarter(index.div_euclid(4), quarter).ok()
            }
            PeriodKind::Month => {
                let index = year * 12 + month + steps;
                let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
                Self::month(index.div_euclid(12), month).ok()
            }
            PeriodKind::Range => None,
        }
    }
}

/// A date written `YYYY-MM-DD` (years 1900–2100 have four digits).
struct IsoDate(Date);

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    }
}

/// Writes the canonical form, which [`FromStr`] reads back to the same value.
impl fmt::Display for ReportingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.start.year();
        let month = u8::from(self.start.month());
        match self.kind {
            PeriodKind::Year => write!(f, "{year}"),
            PeriodKind::HalfYear => write!(f, "{year}-H{}", (month - 1) / 6 + 1),
            PeriodKind::Quarter => write!(f, "{year}-Q{}", (month - 1) / 3 + 1),
            PeriodKind::Month => write!(f, "{year}-{month:02}"),
            PeriodKind::Range => write!(f, "{}/{}", IsoDate(self.start), IsoDate(self.end)),
        }
    }
}

/// Shows the canonical form: `ReportingPeriod("2025-Q3")`.
impl fmt::Debug for ReportingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ReportingPeriod")
            .field(&self.to_string())
            .finish()
    }
}

/// See the type's [order](ReportingPeriod#order): by first day, then last day descending,
/// then kind.
impl Ord for ReportingPeriod {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| other.end.cmp(&self.end))
            .then_with(|| self.kind.cmp(&other.kind))
    }
}

impl PartialOrd for ReportingPeriod {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Parses exactly the [written forms](ReportingPeriod#written-forms).
impl FromStr for ReportingPeriod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        parse(s)
    }
}

impl TryFrom<&str> for ReportingPeriod {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        parse(s)
    }
}

impl TryFrom<String> for ReportingPeriod {
    type Error = Error;

    fn try_from(s: String) -> Result<Self, Error> {
        parse(&s)
    }
}

fn parse(s: &str) -> Result<ReportingPeriod, Error> {
    let invalid = |expected: &'static str| Error::invalid(WHAT, s, expected);

    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        if let Ok(period) = parse(trimmed) {
            let hint = format!("\"{period}\" without surrounding whitespace");
            return Err(Error::invalid(WHAT, s, hint));
        }
        return Err(invalid(EXPECTED_ANY));
    }

    if let Some((start, end)) = s.split_once('/') {
        let start = parse_date(start).map_err(|expected| Error::invalid(WHAT, s, expected))?;
        let end = parse_date(end).map_err(|expected| Error::invalid(WHAT, s, expected))?;
        // Both dates are canonical, so the constructor's message quotes `s` itself.
        return ReportingPeriod::range(start, end);
    }

    let bytes = s.as_bytes();
    let Some((year, rest)) = split_year(bytes) else {
        return Err(invalid(EXPECTED_ANY));
    };
    // Checked here, once the shape is known to be a calendar period, so that the message
    // quotes `s` as written (the constructors would write `999` for `0999`).
    let checked_year = || {
        if (ReportingPeriod::MIN_YEAR..=ReportingPeriod::MAX_YEAR).contains(&year) {
            Ok(year)
        } else {
            Err(invalid(EXPECTED_YEAR))
        }
    };
    // With a four-digit year, the constructors write the period exactly as `s`, so their
    // messages quote `s`.
    match rest {
        [] => ReportingPeriod::year(checked_year()?),
        [b'-', b'H', digit @ b'0'..=b'9'] => {
            ReportingPeriod::half_year(checked_year()?, digit - b'0')
        }
        [b'-', b'Q', digit @ b'0'..=b'9'] => {
            ReportingPeriod::quarter(checked_year()?, digit - b'0')
        }
        [b'-', b'H', ..] => Err(invalid(EXPECTED_HALF)),
        [b'-', b'h', ..] => Err(invalid(EXPECTED_HALF_UPPERCASE)),
        [b'-', b'Q', ..] => Err(invalid(EXPECTED_QUARTER)),
        [b'-', b'q', ..] => Err(invalid(EXPECTED_QUARTER_UPPERCASE)),
        [b'-', tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => {
            let month = Month::try_from((tens - b'0') * 10 + (ones - b'0'))
                .map_err(|_| invalid(EXPECTED_MONTH))?;
            ReportingPeriod::month(checked_year()?, month)
        }
        [b'-', b'0'..=b'9'] => Err(invalid(EXPECTED_MONTH)),
        _ if parse_date(s).is_ok() => {
            // A single date: `s` has the shape YYYY-MM-DD, so quoting it is short and safe.
            let hint = format!("a single day written as a range, e.g. \"{s}/{s}\"");
            Err(Error::invalid(WHAT, s, hint))
        }
        _ => Err(invalid(EXPECTED_ANY)),
    }
}

/// The year of four ASCII digits at the start of `bytes`, and the bytes after it.
fn split_year(bytes: &[u8]) -> Option<(i32, &[u8])> {
    let [a, b, c, d, rest @ ..] = bytes else {
        return None;
    };
    Some((four_digits([*a, *b, *c, *d])?, rest))
}

/// The number written by four ASCII digits.
fn four_digits(digits: [u8; 4]) -> Option<i32> {
    digits.iter().try_fold(0, |n, &digit| {
        digit
            .is_ascii_digit()
            .then(|| n * 10 + i32::from(digit - b'0'))
    })
}

/// A date written exactly `YYYY-MM-DD`, within 1900–2100; the error is what was expected.
fn parse_date(s: &str) -> Result<Date, Cow<'static, str>> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = s.as_bytes() else {
        return Err(EXPECTED_RANGE_FORM.into());
    };
    let (Some(year), Some(month), Some(day)) = (
        four_digits([y1, y2, y3, y4]),
        four_digits([b'0', b'0', m1, m2]),
        four_digits([b'0', b'0', d1, d2]),
    ) else {
        return Err(EXPECTED_RANGE_FORM.into());
    };
    if !(ReportingPeriod::MIN_YEAR..=ReportingPeriod::MAX_YEAR).contains(&year) {
        return Err(EXPECTED_RANGE_YEARS.into());
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|month| Month::try_from(month).ok())
        .ok_or(EXPECTED_RANGE_MONTHS)?;
    let day_error = || {
        let length = util::days_in_month(month, year);
        Cow::Owned(format!(
            "dates that exist in the calendar ({year}-{:02} has days 01–{length})",
            u8::from(month)
        ))
    };
    let day = u8::try_from(day).map_err(|_| day_error())?;
    Date::from_calendar_date(year, month, day).map_err(|_| day_error())
}

/// Serializes as the canonical string, e.g. `"2025-Q3"`.
impl Serialize for ReportingPeriod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Deserializes from a string through [`FromStr`]; its error message reaches serde as is.
impl<'de> Deserialize<'de> for ReportingPeriod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(PeriodVisitor)
    }
}

struct PeriodVisitor;

impl Visitor<'_> for PeriodVisitor {
    type Value = ReportingPeriod;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a reporting period as a string, e.g. \"2025\", \"2025-Q3\" or \
             \"2025-01-15/2025-03-31\"",
        )
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ReportingPeriod, E> {
        value.parse().map_err(E::custom)
    }
}

/// A string whose `pattern` accepts the written forms with years 1900–2100, months 01–12
/// and days 01–31, with a description and examples. The pattern cannot tell whether a date
/// exists (`2025-02-30`) or a range starts before it ends: deserialization checks those.
impl JsonSchema for ReportingPeriod {
    fn schema_name() -> Cow<'static, str> {
        "ReportingPeriod".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::ReportingPeriod").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": PATTERN,
            "description": SCHEMA_DESCRIPTION,
            "examples": ["2025", "2025-H1", "2025-Q3", "2025-09", "2025-01-15/2025-03-31"],
        })
    }
}

#[cfg(feature = "proptest")]
mod arbitrary {
    use proptest::prelude::*;
    use time::{Date, Month};

    use super::{FIRST_DAY, LAST_DAY, ReportingPeriod};

    /// Periods of every kind with calendar years and range dates in `first..=last` years.
    /// Ranges come in three shapes: between any two days, short (up to 400 days), and over
    /// exactly the days of a calendar period (which ties with it on start and end).
    pub(super) fn periods(first: i32, last: i32) -> BoxedStrategy<ReportingPeriod> {
        let first = first.max(ReportingPeriod::MIN_YEAR);
        let last = last.min(ReportingPeriod::MAX_YEAR);
        let years = first..=last;
        let calendar = prop_oneof![
            years
                .clone()
                .prop_filter_map("a year", |y| ReportingPeriod::year(y).ok()),
            (years.clone(), 1u8..=2).prop_filter_map("a half-year", |(y, h)| {
                ReportingPeriod::half_year(y, h).ok()
            }),
            (years.clone(), 1u8..=4).prop_filter_map("a quarter", |(y, q)| {
                ReportingPeriod::quarter(y, q).ok()
            }),
            (years, 1u8..=12).prop_filter_map("a month", |(y, m)| {
                ReportingPeriod::month(y, Month::try_from(m).ok()?).ok()
            }),
        ]
        .boxed();

        let first_day = Date::from_calendar_date(first, Month::January, 1)
            .unwrap_or(FIRST_DAY)
            .to_julian_day();
        let last_day = Date::from_calendar_date(last, Month::December, 31)
            .unwrap_or(LAST_DAY)
            .to_julian_day();
        let days = first_day..=last_day;
        let range = |a: i32, b: i32| {
            ReportingPeriod::range(
                Date::from_julian_day(a.min(b)).ok()?,
                Date::from_julian_day(a.max(b)).ok()?,
            )
            .ok()
        };
        let ranges = prop_oneof![
            (days.clone(), days.clone()).prop_filter_map("a range", move |(a, b)| range(a, b)),
            (days, 0..=400i32).prop_filter_map("a short range", move |(a, length)| {
                range(a, (a + length).min(last_day))
            }),
            calendar
                .clone()
                .prop_filter_map("a range over a calendar period", |p| {
                    ReportingPeriod::range(p.start(), p.end()).ok()
                }),
        ];
        prop_oneof![4 => calendar, 3 => ranges].boxed()
    }

    /// Every kind of period, across the years 1900–2100.
    impl Arbitrary for ReportingPeriod {
        type Parameters = ();
        type Strategy = BoxedStrategy<ReportingPeriod>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            periods(ReportingPeriod::MIN_YEAR, ReportingPeriod::MAX_YEAR)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use serde_json::{Value, json};
    use time::macros::format_description;

    use super::*;

    /// A date written YYYY-MM-DD, read by `time` (not by the code under test).
    fn d(s: &str) -> Date {
        Date::parse(s, format_description!("[year]-[month]-[day]")).unwrap()
    }

    fn p(s: &str) -> ReportingPeriod {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn message(s: &str) -> String {
        match s.parse::<ReportingPeriod>() {
            Ok(period) => panic!("{s:?} should not parse, got {period:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn schema() -> Value {
        serde_json::to_value(schemars::schema_for!(ReportingPeriod)).unwrap()
    }

    static VALIDATOR: LazyLock<jsonschema::Validator> =
        LazyLock::new(|| jsonschema::validator_for(&schema()).unwrap());

    fn schema_accepts(s: &str) -> bool {
        VALIDATOR.is_valid(&Value::String(s.to_owned()))
    }

    /// Periods with calendar years and dates in 2024–2026, so that pairs often touch.
    fn nearby() -> BoxedStrategy<ReportingPeriod> {
        arbitrary::periods(2024, 2026)
    }

    /// A written period with one character deleted, inserted or replaced: strings close to
    /// the valid forms, where a lax parser would slip.
    fn near_miss() -> impl Strategy<Value = String> {
        let edits = prop::sample::select(vec![
            '0', '1', '2', '9', '-', '/', 'H', 'Q', 'h', 'q', ' ', '\n', 'T', '+', '–', '２',
        ]);
        (
            prop_oneof![any::<ReportingPeriod>(), nearby()],
            0..3u8,
            any::<prop::sample::Index>(),
            edits,
        )
            .prop_map(|(period, edit, at, c)| {
                let mut chars: Vec<char> = period.to_string().chars().collect();
                match edit {
                    0 => {
                        chars.remove(at.index(chars.len()));
                    }
                    1 => chars.insert(at.index(chars.len() + 1), c),
                    _ => {
                        let i = at.index(chars.len());
                        chars[i] = c;
                    }
                }
                chars.into_iter().collect()
            })
    }

    #[test]
    fn every_form_parses_to_its_days() {
        use PeriodKind::{HalfYear, Month, Quarter, Range, Year};
        // (written, kind, first day, last day, days), all by hand from the calendar.
        // Leap years: divisible by 4, except centuries not divisible by 400.
        let cases = [
            ("2025", Year, "2025-01-01", "2025-12-31", 365),
            ("2024", Year, "2024-01-01", "2024-12-31", 366),
            ("1900", Year, "1900-01-01", "1900-12-31", 365),
            ("2100", Year, "2100-01-01", "2100-12-31", 365),
            ("2025-H1", HalfYear, "2025-01-01", "2025-06-30", 181),
            ("2024-H1", HalfYear, "2024-01-01", "2024-06-30", 182),
            ("2025-H2", HalfYear, "2025-07-01", "2025-12-31", 184),
            ("2025-Q1", Quarter, "2025-01-01", "2025-03-31", 90),
            ("2024-Q1", Quarter, "2024-01-01", "2024-03-31", 91),
            ("2025-Q2", Quarter, "2025-04-01", "2025-06-30", 91),
            ("2025-Q3", Quarter, "2025-07-01", "2025-09-30", 92),
            ("2025-Q4", Quarter, "2025-10-01", "2025-12-31", 92),
            ("2025-01", Month, "2025-01-01", "2025-01-31", 31),
            ("2025-09", Month, "2025-09-01", "2025-09-30", 30),
            ("2025-12", Month, "2025-12-01", "2025-12-31", 31),
            ("2024-02", Month, "2024-02-01", "2024-02-29", 29),
            ("2025-02", Month, "2025-02-01", "2025-02-28", 28),
            ("2000-02", Month, "2000-02-01", "2000-02-29", 29),
            ("2100-02", Month, "2100-02-01", "2100-02-28", 28),
            ("1900-02", Month, "1900-02-01", "1900-02-28", 28),
            // 17 days of January, 28 of February, 31 of March.
            (
                "2025-01-15/2025-03-31",
                Range,
                "2025-01-15",
                "2025-03-31",
                76,
            ),
            (
                "2025-03-01/2025-03-01",
                Range,
                "2025-03-01",
                "2025-03-01",
                1,
            ),
            (
                "2024-02-28/2024-03-01",
                Range,
                "2024-02-28",
                "2024-03-01",
                3,
            ),
            // 201 years of 365 days, plus the leap days of 1904, 1908, …, 2096 (49 years;
            // 1900 and 2100 are not leap years).
            (
                "1900-01-01/2100-12-31",
                Range,
                "1900-01-01",
                "2100-12-31",
                201 * 365 + 49,
            ),
        ];
        for (written, kind, start, end, days) in cases {
            let period = p(written);
            assert_eq!(period.kind(), kind, "{written}");
            assert_eq!(period.start(), d(start), "{written}");
            assert_eq!(period.end(), d(end), "{written}");
            assert_eq!(period.days(), days, "{written}");
            assert_eq!(period.to_string(), written);
            assert_eq!(period.is_calendar(), kind != PeriodKind::Range, "{written}");
            assert_eq!(ReportingPeriod::try_from(written), Ok(period));
            assert_eq!(ReportingPeriod::try_from(written.to_owned()), Ok(period));
        }
    }

    #[test]
    fn constructors_display_canonical_forms() {
        let cases = [
            (ReportingPeriod::year(2025), "2025"),
            (ReportingPeriod::half_year(2025, 1), "2025-H1"),
            (ReportingPeriod::half_year(2025, 2), "2025-H2"),
            (ReportingPeriod::quarter(1999, 4), "1999-Q4"),
            (ReportingPeriod::month(2025, Month::September), "2025-09"),
            (ReportingPeriod::month(2025, Month::December), "2025-12"),
            (
                ReportingPeriod::range(d("2025-01-15"), d("2025-03-31")),
                "2025-01-15/2025-03-31",
            ),
            (
                ReportingPeriod::range(d("1900-01-01"), d("1900-01-01")),
                "1900-01-01/1900-01-01",
            ),
        ];
        for (period, written) in cases {
            assert_eq!(period.unwrap().to_string(), written);
        }
        assert_eq!(
            format!("{:?}", p("2025-Q3")),
            r#"ReportingPeriod("2025-Q3")"#
        );
    }

    #[test]
    fn constructors_refuse_what_does_not_exist() {
        let cases = [
            (
                ReportingPeriod::year(2205),
                r#"invalid reporting period "2205": expected a year from 1900 to 2100, e.g. "2025""#,
            ),
            (
                ReportingPeriod::year(1899),
                r#"invalid reporting period "1899": expected a year from 1900 to 2100, e.g. "2025""#,
            ),
            (
                ReportingPeriod::half_year(2025, 0),
                r#"invalid reporting period "2025-H0": expected a half-year H1 or H2, e.g. "2025-H1""#,
            ),
            (
                ReportingPeriod::half_year(2101, 1),
                r#"invalid reporting period "2101-H1": expected a year from 1900 to 2100, e.g. "2025""#,
            ),
            (
                ReportingPeriod::quarter(2025, 5),
                r#"invalid reporting period "2025-Q5": expected a quarter Q1–Q4, e.g. "2025-Q3""#,
            ),
            (
                ReportingPeriod::month(-5, Month::March),
                r#"invalid reporting period "-5-03": expected a year from 1900 to 2100, e.g. "2025""#,
            ),
            (
                ReportingPeriod::range(d("2025-03-31"), d("2025-01-15")),
                r#"invalid reporting period "2025-03-31/2025-01-15": expected the start date first, e.g. "2025-01-15/2025-03-31""#,
            ),
            (
                ReportingPeriod::range(d("1899-12-31"), d("1900-01-31")),
                r#"invalid reporting period "1899-12-31/1900-01-31": expected a date range within the years 1900 to 2100, e.g. "2025-01-15/2025-03-31""#,
            ),
            (
                ReportingPeriod::range(d("2100-12-31"), d("2101-01-01")),
                r#"invalid reporting period "2100-12-31/2101-01-01": expected a date range within the years 1900 to 2100, e.g. "2025-01-15/2025-03-31""#,
            ),
        ];
        for (result, expected) in cases {
            assert_eq!(result.unwrap_err().to_string(), expected);
        }
    }

    /// Asserts that each input fails with "invalid reporting period "<input>": expected <…>".
    fn assert_messages(cases: &[(&str, &str)]) {
        for &(input, expected) in cases {
            let quoted: String = input
                .chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            assert_eq!(
                message(input),
                format!("invalid reporting period \"{quoted}\": expected {expected}"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn malformed_calendar_periods_say_what_would_be_right() {
        const ANY: &str = r#"a year "2025", half-year "2025-H1", quarter "2025-Q3", month "2025-09" or date range "2025-01-15/2025-03-31""#;
        const YEAR: &str = r#"a year from 1900 to 2100, e.g. "2025""#;
        const HALF: &str = r#"a half-year H1 or H2, e.g. "2025-H1""#;
        const QUARTER: &str = r#"a quarter Q1–Q4, e.g. "2025-Q3""#;
        const MONTH: &str = r#"a month as two digits 01–12, e.g. "2025-09""#;
        assert_messages(&[
            ("", ANY),
            ("25", ANY),
            ("202", ANY),
            ("20251", ANY),
            ("+2025", ANY),
            ("2025-", ANY),
            ("2025-W05", ANY),
            ("2025-S1", ANY),
            ("2025–Q1", ANY),
            ("2025 -Q1", ANY),
            ("２０２５", ANY),
            ("2025-123", ANY),
            ("FY2025", ANY),
            ("   ", ANY),
            (" 2025-Q5", ANY),
            ("2205", YEAR),
            ("1899", YEAR),
            ("2101", YEAR),
            ("0000", YEAR),
            ("0999-H1", YEAR),
            ("2205-Q1", YEAR),
            ("3025-09", YEAR),
            ("2025-H3", HALF),
            ("2025-H0", HALF),
            ("2025-H", HALF),
            ("2025-H01", HALF),
            (
                "2025-h1",
                r#"a half-year with an uppercase H, e.g. "2025-H1""#,
            ),
            ("2025-Q5", QUARTER),
            ("2025-Q0", QUARTER),
            ("2025-Q", QUARTER),
            ("2025-Q03", QUARTER),
            (
                "2025-q3",
                r#"a quarter with an uppercase Q, e.g. "2025-Q3""#,
            ),
            ("2025-9", MONTH),
            ("2025-00", MONTH),
            ("2025-13", MONTH),
            ("2025-99", MONTH),
            (" 2025", r#""2025" without surrounding whitespace"#),
            ("2025-Q3\n", r#""2025-Q3" without surrounding whitespace"#),
        ]);
    }

    #[test]
    fn malformed_ranges_say_what_would_be_right() {
        const FORM: &str =
            r#"a date range as two dates YYYY-MM-DD joined by "/", e.g. "2025-01-15/2025-03-31""#;
        const YEARS: &str =
            r#"a date range within the years 1900 to 2100, e.g. "2025-01-15/2025-03-31""#;
        assert_messages(&[
            ("2025-1-15/2025-03-31", FORM),
            ("2025-01-15/", FORM),
            ("/2025-01-15", FORM),
            ("2025-01-15/P3M", FORM),
            ("2025/2026", FORM),
            ("2025-01-15T00:00/2025-03-31", FORM),
            ("2025-01-15/2025-03-31/2025-04-30", FORM),
            ("2025-01-15 / 2025-03-31", FORM),
            ("1899-12-31/1900-01-31", YEARS),
            ("2025-12-01/2101-01-31", YEARS),
            (
                "2025-01-15",
                r#"a single day written as a range, e.g. "2025-01-15/2025-01-15""#,
            ),
            (
                "2025-03-31/2025-01-15",
                r#"the start date first, e.g. "2025-01-15/2025-03-31""#,
            ),
            (
                "2025-02-29/2025-03-31",
                "dates that exist in the calendar (2025-02 has days 01–28)",
            ),
            (
                "2024-01-01/2024-04-31",
                "dates that exist in the calendar (2024-04 has days 01–30)",
            ),
            (
                "2024-01-00/2024-04-30",
                "dates that exist in the calendar (2024-01 has days 01–31)",
            ),
            (
                "2025-13-01/2025-12-31",
                "dates that exist in the calendar (months 01–12)",
            ),
        ]);
    }

    #[test]
    fn contains_and_overlaps_follow_the_calendar() {
        // (a, b, a contains b, a overlaps b), each worked out from the first and last days.
        let cases = [
            ("2025", "2025-H1", true, true),
            ("2025-H1", "2025", false, true),
            ("2025-H1", "2025-Q2", true, true),
            ("2025-H1", "2025-Q3", false, false),
            ("2025-Q2", "2025-06", true, true),
            ("2025-Q2", "2025-07", false, false),
            ("2025-07", "2025-Q2", false, false),
            ("2025-Q3", "2025-Q3", true, true),
            ("2025", "2024-12-15/2025-01-15", false, true),
            ("2024", "2024-12-15/2025-01-15", false, true),
            ("2024-12-15/2025-01-15", "2025-01", false, true),
            ("2024-12-15/2025-01-15", "2024-12-31/2025-01-01", true, true),
            ("2025-01-15/2025-03-31", "2025-02", true, true),
            ("2025-01-15/2025-03-31", "2025-Q1", false, true),
            ("2025-01-15/2025-03-31", "2025-04", false, false),
            ("2025-03-31/2025-04-01", "2025-Q1", false, true),
            ("2025-03-31/2025-04-01", "2025-Q2", false, true),
            ("2025-H1", "2025-03-31/2025-04-01", true, true),
            (
                "2025-06-30/2025-06-30",
                "2025-07-01/2025-07-01",
                false,
                false,
            ),
            ("2025", "2025-01-01/2025-12-31", true, true),
            ("2025-01-01/2025-12-31", "2025", true, true),
            ("2024", "2026", false, false),
        ];
        for (a, b, contains, overlaps) in cases {
            assert_eq!(p(a).contains(&p(b)), contains, "{a} contains {b}");
            assert_eq!(p(a).overlaps(&p(b)), overlaps, "{a} overlaps {b}");
        }

        let q1 = p("2025-Q1");
        assert!(q1.contains_date(d("2025-01-01")));
        assert!(q1.contains_date(d("2025-02-14")));
        assert!(q1.contains_date(d("2025-03-31")));
        assert!(!q1.contains_date(d("2024-12-31")));
        assert!(!q1.contains_date(d("2025-04-01")));
    }

    #[test]
    fn a_range_over_a_calendar_period_is_not_that_period() {
        let year = p("2025");
        let range = p("2025-01-01/2025-12-31");
        assert_ne!(year, range);
        assert!(year < range);
        assert_eq!((year.start(), year.end()), (range.start(), range.end()));
        let set: HashSet<ReportingPeriod> = [year, range, p("2025")].into_iter().collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn sorting_puts_earlier_then_enclosing_periods_first() {
        let shuffled = [
            "2025-04",
            "2026",
            "2025-01-01/2025-01-15",
            "2025-H2",
            "2025-Q1",
            "1999-12",
            "2025-01-01/2025-12-31",
            "2025-02",
            "2025-01-01/2025-01-01",
            "2025",
            "2025-Q2",
            "2024-07-01/2025-06-30",
            "2025-01",
            "2025-H1",
            "2025-01-15/2025-03-31",
            "2025-12-31/2025-12-31",
        ];
        let expected = [
            "1999-12",
            "2024-07-01/2025-06-30",
            "2025",
            "2025-01-01/2025-12-31",
            "2025-H1",
            "2025-Q1",
            "2025-01",
            "2025-01-01/2025-01-15",
            "2025-01-01/2025-01-01",
            "2025-01-15/2025-03-31",
            "2025-02",
            "2025-Q2",
            "2025-04",
            "2025-H2",
            "2025-12-31/2025-12-31",
            "2026",
        ];
        let mut periods: Vec<ReportingPeriod> = shuffled.iter().map(|s| p(s)).collect();
        periods.sort();
        let sorted: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn previous_and_next_step_within_the_kind() {
        let cases = [
            ("2025", Some("2024"), Some("2026")),
            ("2025-H1", Some("2024-H2"), Some("2025-H2")),
            ("2025-H2", Some("2025-H1"), Some("2026-H1")),
            ("2025-Q1", Some("2024-Q4"), Some("2025-Q2")),
            ("2025-Q4", Some("2025-Q3"), Some("2026-Q1")),
            ("2025-01", Some("2024-12"), Some("2025-02")),
            ("2025-12", Some("2025-11"), Some("2026-01")),
            ("1900", None, Some("1901")),
            ("1900-H1", None, Some("1900-H2")),
            ("1900-Q1", None, Some("1900-Q2")),
            ("1900-01", None, Some("1900-02")),
            ("2100", Some("2099"), None),
            ("2100-H2", Some("2100-H1"), None),
            ("2100-Q4", Some("2100-Q3"), None),
            ("2100-12", Some("2100-11"), None),
            ("2025-01-01/2025-01-31", None, None),
        ];
        for (period, previous, next) in cases {
            assert_eq!(p(period).previous(), previous.map(p), "before {period}");
            assert_eq!(p(period).next(), next.map(p), "after {period}");
        }
    }

    #[test]
    fn serde_writes_and_reads_the_canonical_string() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Row {
            period: ReportingPeriod,
            kind: PeriodKind,
        }
        let row = Row {
            period: p("2025-Q3"),
            kind: PeriodKind::Quarter,
        };
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json, json!({"period": "2025-Q3", "kind": "quarter"}));
        assert_eq!(serde_json::from_value::<Row>(json).unwrap(), row);

        let range: ReportingPeriod = serde_json::from_str(r#""2025-01-15/2025-03-31""#).unwrap();
        assert_eq!(range, p("2025-01-15/2025-03-31"));

        let kinds = [
            (PeriodKind::Year, "year"),
            (PeriodKind::HalfYear, "half_year"),
            (PeriodKind::Quarter, "quarter"),
            (PeriodKind::Month, "month"),
            (PeriodKind::Range, "range"),
        ];
        for (kind, code) in kinds {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(code));
            assert_eq!(
                serde_json::from_value::<PeriodKind>(json!(code)).unwrap(),
                kind
            );
        }
    }

    #[test]
    fn serde_errors_carry_the_period_message() {
        let err = serde_json::from_str::<ReportingPeriod>(r#""2025-Q5""#).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid reporting period "2025-Q5": expected a quarter Q1–Q4, e.g. "2025-Q3" at line 1 column 9"#
        );
        let err = serde_json::from_str::<ReportingPeriod>("2025").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid type: integer `2025`, expected a reporting period as a string, e.g. "2025", "2025-Q3" or "2025-01-15/2025-03-31" at line 1 column 4"#
        );
    }

    #[test]
    fn schema_is_a_string_pattern_with_examples() {
        let schema = schema();
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["pattern"], PATTERN);
        assert!(
            schema["description"]
                .as_str()
                .unwrap()
                .starts_with("Reporting period (raportointikausi)")
        );
        let examples = schema["examples"].as_array().unwrap();
        assert_eq!(examples.len(), 5);
        for example in examples {
            let written = example.as_str().unwrap();
            assert_eq!(p(written).to_string(), written);
            assert!(VALIDATOR.is_valid(example), "{written}");
        }
    }

    #[test]
    fn schema_accepts_the_forms_and_rejects_malformed_ones() {
        for written in [
            "1900",
            "2100",
            "2025-H1",
            "2025-H2",
            "2025-Q1",
            "2025-Q4",
            "2025-01",
            "2025-10",
            "2025-12",
            "2025-01-15/2025-03-31",
            "1900-01-01/2100-12-31",
        ] {
            assert!(schema_accepts(written), "{written}");
        }
        for written in [
            "",
            "1899",
            "2101",
            "2205",
            "2025-H3",
            "2025-q3",
            "2025-Q5",
            "2025-9",
            "2025-13",
            "2025-00",
            " 2025",
            "2025\n",
            "2025-01-15",
            "2025-01-15/",
            "2025-01-32/2025-02-01",
            "2025-01-15/2101-01-01",
        ] {
            assert!(!schema_accepts(written), "{written:?}");
        }
        // The pattern cannot know the calendar or the order of the dates: these pass the
        // schema and are refused by the parser (documented on `PATTERN`).
        for written in ["2025-02-30/2025-03-01", "2025-03-31/2025-01-15"] {
            assert!(schema_accepts(written), "{written}");
            assert!(written.parse::<ReportingPeriod>().is_err(), "{written}");
        }
        // A non-string is not a period.
        assert!(!VALIDATOR.is_valid(&json!(2025)));
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(period in any::<ReportingPeriod>()) {
            prop_assert_eq!(period.to_string().parse::<ReportingPeriod>(), Ok(period));
        }

        #[test]
        fn json_round_trip_is_identity(period in any::<ReportingPeriod>()) {
            let json = serde_json::to_value(period).unwrap();
            prop_assert_eq!(&json, &Value::String(period.to_string()));
            prop_assert_eq!(serde_json::from_value::<ReportingPeriod>(json).unwrap(), period);
        }

        #[test]
        fn ord_is_consistent_with_eq(a in nearby(), b in nearby()) {
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.partial_cmp(&b), Some(a.cmp(&b)));
            prop_assert_eq!(a.cmp(&a), Ordering::Equal);
            prop_assert_eq!(a == b, a.to_string() == b.to_string());
        }

        #[test]
        fn ord_is_transitive(a in nearby(), b in nearby(), c in nearby()) {
            if a <= b && b <= c {
                prop_assert!(a <= c);
            }
        }

        #[test]
        fn an_enclosing_period_sorts_before_what_it_encloses(a in nearby(), b in nearby()) {
            if a.contains(&b) && a.start() == b.start() && a.end() != b.end() {
                prop_assert!(a < b);
            }
        }

        #[test]
        fn contains_implies_overlaps(a in nearby(), b in nearby()) {
            if a.contains(&b) {
                prop_assert!(a.overlaps(&b));
                prop_assert!(b.days() <= a.days());
            }
        }

        #[test]
        fn overlaps_is_symmetric(a in nearby(), b in nearby()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
        }

        #[test]
        fn period_contains_its_start_and_end(period in any::<ReportingPeriod>()) {
            prop_assert!(period.contains_date(period.start()));
            prop_assert!(period.contains_date(period.end()));
            prop_assert!(period.contains(&period));
            if let Some(before) = period.start().previous_day() {
                prop_assert!(!period.contains_date(before));
            }
            if let Some(after) = period.end().next_day() {
                prop_assert!(!period.contains_date(after));
            }
            let last = period.start() + time::Duration::days(i64::from(period.days()) - 1);
            prop_assert_eq!(last, period.end());
        }

        #[test]
        fn next_starts_the_day_after_the_end_and_previous_undoes_it(
            period in any::<ReportingPeriod>(),
        ) {
            if let Some(next) = period.next() {
                prop_assert_eq!(next.kind(), period.kind());
                prop_assert_eq!(period.end().next_day(), Some(next.start()));
                prop_assert_eq!(next.previous(), Some(period));
            } else {
                prop_assert!(!period.is_calendar() || period.end().year() == 2100);
            }
        }

        #[test]
        fn serialized_periods_match_the_schema(period in any::<ReportingPeriod>()) {
            let json = serde_json::to_value(period).unwrap();
            prop_assert!(VALIDATOR.is_valid(&json), "{}", json);
        }

    }

    proptest! {
        // Near misses are cheap to check and each case probes one edit: many cases.
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn strings_that_fail_to_parse_never_deserialize(s in near_miss()) {
            if s.parse::<ReportingPeriod>().is_err() {
                let json = Value::String(s.clone());
                prop_assert!(serde_json::from_value::<ReportingPeriod>(json).is_err(), "{:?}", s);
                prop_assert!(ReportingPeriod::try_from(s).is_err());
            }
        }

        #[test]
        fn every_accepted_string_is_canonical_and_matches_the_schema(s in near_miss()) {
            if let Ok(period) = s.parse::<ReportingPeriod>() {
                prop_assert_eq!(period.to_string(), s.clone());
                prop_assert!(schema_accepts(&s), "{:?}", s);
            }
        }

        #[test]
        fn random_text_never_deserializes_unless_it_parses(s in "[0-9HQ/ -]{0,24}") {
            let parsed = s.parse::<ReportingPeriod>();
            let deserialized = serde_json::from_value::<ReportingPeriod>(Value::String(s));
            prop_assert_eq!(parsed.ok(), deserialized.ok());
        }
    }
}
