//! Checks shared by the invariants of several records.
//!
//! Records check their cross-field invariants when they are built and when they are
//! deserialized; the checks that more than one record needs live here so that they say
//! the same thing in the same words everywhere.

use std::fmt::Display;

use time::Date;

use crate::{Error, MunicipalityCode, WelfareAreaCode};

/// Refuses a list in which a code or id appears twice (only for values that are not
/// personal data: the value is quoted).
pub(crate) fn no_repeats<T: PartialEq + Display>(
    record: &'static str,
    list: &[T],
    field: &str,
) -> Result<(), Error> {
    no_repeats_by(record, list, |item| item, field)
}

/// Refuses a list of entries in which the `key` (a code or id, not personal data: it is
/// quoted) of two entries is the same; checked in place, without collecting the keys.
pub(crate) fn no_repeats_by<E, T: PartialEq + Display + ?Sized>(
    record: &'static str,
    list: &[E],
    key: impl Fn(&E) -> &T,
    field: &str,
) -> Result<(), Error> {
    for (i, entry) in list.iter().enumerate() {
        let code = key(entry);
        if list[..i].iter().any(|earlier| key(earlier) == code) {
            return Err(Error::inconsistent(
                record,
                format!("{field} lists \"{code}\" twice: give each once"),
            ));
        }
    }
    Ok(())
}

/// Refuses a municipality that is not in the welfare area.
pub(crate) fn check_municipality_in_area(
    record: &'static str,
    municipality: MunicipalityCode,
    area: WelfareAreaCode,
) -> Result<(), Error> {
    let actual = municipality.welfare_area();
    if actual == area {
        Ok(())
    } else {
        Err(Error::inconsistent(
            record,
            format!(
                "municipality {municipality} belongs to welfare area {actual}, not {area}: \
                 correct the area or the municipality"
            ),
        ))
    }
}

/// Refuses `later` if it is before `earlier`.
pub(crate) fn check_order(
    record: &'static str,
    (earlier_field, earlier): (&str, Date),
    (later_field, later): (&str, Date),
) -> Result<(), Error> {
    if later < earlier {
        Err(Error::inconsistent(
            record,
            format!(
                "{later_field} {} is before {earlier_field} {}: dates must be in order",
                crate::date::format(later),
                crate::date::format(earlier),
            ),
        ))
    } else {
        Ok(())
    }
}
