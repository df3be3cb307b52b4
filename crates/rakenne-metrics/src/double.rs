//! Decimal scores as doubles, for the inferential statistics.
//!
//! Every score of an evaluation is converted to `f64` once or twice, half a million times
//! at national scale. `rust_decimal` converts through a 128-bit integer even for whole
//! numbers, which most scores are; [`to_f64`] takes a shortcut for those and gives the
//! same double as `rust_decimal` does for every value (whole numbers below 2⁵³ convert
//! exactly either way).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Largest magnitude whose conversion to `f64` is exact.
const EXACT_INTEGER: u128 = 1 << 53;

/// `value` as a double: exactly `value.to_f64()`, faster for whole numbers.
#[inline]
pub(crate) fn to_f64(value: Decimal) -> f64 {
    if value.scale() == 0 {
        let mantissa = value.mantissa();
        if mantissa.unsigned_abs() < EXACT_INTEGER {
            // |mantissa| < 2⁵³: both conversions are exact.
            #[allow(clippy::cast_possible_truncation)]
            return mantissa as i64 as f64;
        }
    }
    value.to_f64().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn shortcut_gives_the_same_double(mantissa in any::<i64>(), scale in 0u32..6) {
            let value = Decimal::new(mantissa, scale);
            let plain = value.to_f64().unwrap_or_default();
            prop_assert_eq!(to_f64(value).to_bits(), plain.to_bits());
        }

        #[test]
        fn shortcut_holds_for_small_whole_numbers(n in -100_000i64..100_000) {
            let value = Decimal::from(n);
            prop_assert_eq!(to_f64(value).to_bits(), value.to_f64().unwrap_or_default().to_bits());
        }
    }

    #[test]
    fn negative_zero_converts_like_rust_decimal() {
        let zero = -Decimal::ZERO;
        assert_eq!(
            to_f64(zero).to_bits(),
            zero.to_f64().unwrap_or_default().to_bits()
        );
    }
}
