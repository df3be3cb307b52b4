//! The one presentation rounding rule: round half away from zero.
//!
//! Statistics are computed and exchanged at full precision; they are rounded only when
//! shown to people, and always by [`present`] (or [`present_decimal`]), so a table, a
//! chart label and a sentence in a report never disagree about the last digit.
//!
//! The rule is *round half away from zero* (2.5 → 3, −2.5 → −3), the rule of Statistics
//! Finland's publications and of most spreadsheets, applied to the number as it is
//! written in shortest decimal form: a double that prints as `2.675` rounds to `2.68`,
//! not to the `2.67` its binary value (2.67499999…) would give.

use rust_decimal::prelude::*;

/// Rounds `value` to `decimals` places, half away from zero, for presentation.
///
/// `None` for a value that is not finite or too large for a decimal (beyond about
/// 7.9·10²⁸), which no statistic of rakenne produces.
///
/// # Example
/// ```
/// use rakenne_metrics::present;
/// use rust_decimal::Decimal;
///
/// assert_eq!(present(2.5, 0), Some(Decimal::from(3)));
/// assert_eq!(present(-2.5, 0), Some(Decimal::from(-3)));
/// assert_eq!(present(2.675, 2), Some(Decimal::new(268, 2)));
/// assert_eq!(present(0.123_456, 3), Some(Decimal::new(123, 3)));
/// assert_eq!(present(f64::NAN, 1), None);
/// ```
pub fn present(value: f64, decimals: u32) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // `Display` of a double is its shortest round-trip decimal form.
    let decimal = Decimal::from_str(&value.to_string())
        .ok()
        .or_else(|| Decimal::from_f64(value))?;
    Some(present_decimal(decimal, decimals))
}

/// Rounds an exact decimal to `decimals` places, half away from zero, for presentation.
///
/// # Example
/// ```
/// use rakenne_metrics::present_decimal;
/// use rust_decimal::Decimal;
///
/// assert_eq!(present_decimal(Decimal::new(125, 2), 1), Decimal::new(13, 1));
/// assert_eq!(present_decimal(Decimal::new(-125, 2), 1), Decimal::new(-13, 1));
/// ```
pub fn present_decimal(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_go_away_from_zero() {
        for (value, decimals, expected) in [
            (0.5, 0, "1"),
            (1.5, 0, "2"),
            (2.5, 0, "3"),
            (-0.5, 0, "-1"),
            (0.05, 1, "0.1"),
            (0.15, 1, "0.2"),
            (1.005, 2, "1.01"),
            (0.049_999, 1, "0.0"),
            (123_456.789, 0, "123457"),
        ] {
            assert_eq!(
                present(value, decimals).map(|d| d.to_string()),
                Some(expected.to_owned()),
                "{value} to {decimals}"
            );
        }
    }

    #[test]
    fn extreme_values_are_not_presented() {
        assert_eq!(present(f64::INFINITY, 1), None);
        assert_eq!(present(1e300, 1), None);
    }
}
