//! How numbers, shares, dates and periods are written in each report language.
//!
//! Finnish and Swedish write `1 234,5` (a no-break space between thousands, a decimal
//! comma), `12,5 %` and `23.11.2026`; English writes `1,234.5`, `12.5%` and `2026-11-23`.
//! Negative numbers take the minus sign `−` (U+2212) in every language. Every value is
//! rounded by [`rakenne_metrics::present`] — half away from zero, the one presentation
//! rounding rule of rakenne — before it is written, so a report never shows a figure that
//! another rakenne output would round differently.
//!
//! Values that are not there are written with the symbols of Statistics Finland's tables:
//! [`SUPPRESSED`] (`..`) for a figure hidden by disclosure control and [`NOT_AVAILABLE`]
//! (`.`) for one that cannot be computed (e.g. a standard deviation of one value).

use rakenne_metrics::present;
use rakenne_model::{Lang, PeriodKind, ReportingPeriod};
use rust_decimal::Decimal;
use time::Date;

/// Symbol of a figure hidden by disclosure control (Statistics Finland: "..", data
/// subject to secrecy or too uncertain to present).
pub const SUPPRESSED: &str = "..";

/// Symbol of a figure that cannot be computed or does not apply (Statistics Finland: ".").
pub const NOT_AVAILABLE: &str = ".";

/// The minus sign written before negative numbers.
const MINUS: char = '\u{2212}';

/// The separator between groups of thousands.
fn thousands_separator(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        // A no-break space, so that a number never breaks across lines.
        _ => '\u{a0}',
    }
}

fn decimal_separator(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        _ => ',',
    }
}

/// Writes `value` rounded to `decimals` places in `lang`'s style; [`NOT_AVAILABLE`] when
/// the value is not finite.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_report::format::number;
///
/// assert_eq!(number(-1234.55, 1, Lang::Fi), "\u{2212}1\u{a0}234,6");
/// assert_eq!(number(1234.5, 0, Lang::En), "1,235");
/// assert_eq!(number(0.25, 1, Lang::Sv), "0,3"); // half away from zero
/// assert_eq!(number(f64::NAN, 1, Lang::Fi), ".");
/// ```
pub fn number(value: f64, decimals: u32, lang: Lang) -> String {
    present(value, decimals)
        .map_or_else(|| NOT_AVAILABLE.to_owned(), |d| decimal(d, decimals, lang))
}

/// Writes an exact decimal rounded to `decimals` places in `lang`'s style.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_report::format::exact;
/// use rust_decimal::Decimal;
///
/// assert_eq!(exact(Decimal::new(-25, 1), 0, Lang::Fi), "\u{2212}3");
/// assert_eq!(exact(Decimal::from(1_000_000), 0, Lang::En), "1,000,000");
/// ```
pub fn exact(value: Decimal, decimals: u32, lang: Lang) -> String {
    decimal(
        rakenne_metrics::present_decimal(value, decimals),
        decimals,
        lang,
    )
}

/// Writes an already rounded decimal with exactly `decimals` places.
fn decimal(mut value: Decimal, decimals: u32, lang: Lang) -> String {
    value.rescale(decimals);
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 2);
    if value.is_sign_negative() && !value.is_zero() {
        out.push(MINUS);
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(thousands_separator(lang));
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal_separator(lang));
        out.push_str(fraction);
    }
    out
}

/// Writes a share (0.125 is 12.5 %) as a percentage with `decimals` places.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_report::format::percent;
///
/// assert_eq!(percent(0.125, 1, Lang::Fi), "12,5\u{a0}%");
/// assert_eq!(percent(0.125, 0, Lang::En), "13%");
/// ```
pub fn percent(share: f64, decimals: u32, lang: Lang) -> String {
    let value = number(share * 100.0, decimals, lang);
    if value == NOT_AVAILABLE {
        return value;
    }
    match lang {
        Lang::En => format!("{value}%"),
        _ => format!("{value}\u{a0}%"),
    }
}

/// Writes a date: `23.11.2026` in Finnish and Swedish, `2026-11-23` in English.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_report::format::date;
/// use time::macros::date;
///
/// assert_eq!(date(date!(2026 - 01 - 05), Lang::Fi), "5.1.2026");
/// assert_eq!(date(date!(2026 - 01 - 05), Lang::En), "2026-01-05");
/// ```
pub fn date(date: Date, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
        _ => format!("{}.{}.{}", date.day(), u8::from(date.month()), date.year()),
    }
}

/// Writes a reporting period in words: `1. vuosineljännes 2025`, `kvartal 1 2025`,
/// `Q1 2025`; ranges of days as their first and last day.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_report::format::period;
///
/// let q2 = "2025-Q2".parse()?;
/// assert_eq!(period(&q2, Lang::Fi), "2. vuosineljännes 2025");
/// assert_eq!(period(&q2, Lang::Sv), "kvartal 2 2025");
/// assert_eq!(period(&q2, Lang::En), "Q2 2025");
/// assert_eq!(period(&"2025-01-15/2025-03-31".parse()?, Lang::Fi), "15.1.2025–31.3.2025");
/// # Ok::<(), rakenne_model::Error>(())
/// ```
pub fn period(period: &ReportingPeriod, lang: Lang) -> String {
    let start = period.start();
    let year = start.year();
    let month = u8::from(start.month());
    match (period.kind(), lang) {
        (PeriodKind::Year, _) => year.to_string(),
        (PeriodKind::HalfYear, Lang::Fi) => format!("{}. vuosipuolisko {year}", month.div_ceil(6)),
        (PeriodKind::HalfYear, Lang::Sv) => format!("halvår {} {year}", month.div_ceil(6)),
        (PeriodKind::HalfYear, _) => format!("H{} {year}", month.div_ceil(6)),
        (PeriodKind::Quarter, Lang::Fi) => {
            format!("{}. vuosineljännes {year}", month.div_ceil(3))
        }
        (PeriodKind::Quarter, Lang::Sv) => format!("kvartal {} {year}", month.div_ceil(3)),
        (PeriodKind::Quarter, _) => format!("Q{} {year}", month.div_ceil(3)),
        (PeriodKind::Month, Lang::En) => format!("{} {year}", start.month()),
        (PeriodKind::Month, _) => format!("{month}/{year}"),
        _ => format!("{}–{}", date(start, lang), date(period.end(), lang)),
    }
}

/// Short form of a period for table headings and chart axes: `2025`, `2025/1`,
/// `Q1/2025`, `1/2025`.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_report::format::period_short;
///
/// assert_eq!(period_short(&"2025-Q3".parse()?, Lang::Fi), "Q3/2025");
/// assert_eq!(period_short(&"2025-H2".parse()?, Lang::Sv), "H2/2025");
/// # Ok::<(), rakenne_model::Error>(())
/// ```
pub fn period_short(period: &ReportingPeriod, lang: Lang) -> String {
    let start = period.start();
    let year = start.year();
    let month = u8::from(start.month());
    match period.kind() {
        PeriodKind::Year => year.to_string(),
        PeriodKind::HalfYear => format!("H{}/{year}", month.div_ceil(6)),
        PeriodKind::Quarter => format!("Q{}/{year}", month.div_ceil(3)),
        PeriodKind::Month => format!("{month}/{year}"),
        _ => self::period(period, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_from_the_right() {
        let fi = |v: f64| number(v, 0, Lang::Fi).replace('\u{a0}', " ");
        assert_eq!(fi(0.0), "0");
        assert_eq!(fi(999.0), "999");
        assert_eq!(fi(1000.0), "1 000");
        assert_eq!(fi(123_456.0), "123 456");
        assert_eq!(fi(1_234_567.0), "1 234 567");
        assert_eq!(number(-0.04, 1, Lang::Fi), "0,0"); // no minus before a zero
    }

    #[test]
    fn rounding_is_half_away_from_zero_in_every_language() {
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            assert_eq!(number(2.5, 0, lang), "3");
            assert_eq!(number(-2.5, 0, lang), "\u{2212}3");
        }
        assert_eq!(number(1.005, 2, Lang::En), "1.01");
        assert_eq!(number(3.0, 1, Lang::Fi), "3,0"); // always the places asked for
    }

    #[test]
    fn periods_in_words() -> Result<(), rakenne_model::Error> {
        assert_eq!(period(&"2025".parse()?, Lang::Sv), "2025");
        assert_eq!(
            period(&"2025-H1".parse()?, Lang::Fi),
            "1. vuosipuolisko 2025"
        );
        assert_eq!(period(&"2025-09".parse()?, Lang::En), "September 2025");
        assert_eq!(period(&"2025-09".parse()?, Lang::Fi), "9/2025");
        assert_eq!(period_short(&"2025".parse()?, Lang::En), "2025");
        Ok(())
    }
}
