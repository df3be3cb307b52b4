//! The disclosure rule: how many persons a published cell must be based on.

use std::num::NonZeroU64;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Cell, Observation, Table, suppress};
use crate::Error;

/// Threshold rule of disclosure control (tietosuojaraja): a cell based on fewer than
/// `min_persons` persons, but on at least one, is not published.
///
/// The threshold is at least 1 (a rule of 1 suppresses nothing). The default, 5, is the
/// project's requirement for published results, a threshold in common use for tables
/// about persons.
///
/// A cell of 0 persons is published: it tells nothing about any person. (A count of 0 is
/// published as 0; a statistic over nobody has no value and is published as
/// `{"persons": 0}`.) See the [module documentation](super) for why.
///
/// Serialized as `{"min_persons": 5}`.
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::DisclosureRule;
///
/// let rule = DisclosureRule::default();
/// assert_eq!(rule.min_persons(), 5);
/// assert!(rule.suppresses(4));
/// assert!(!rule.suppresses(5));
/// assert!(!rule.suppresses(0), "a cell of nobody discloses nobody");
///
/// assert_eq!(DisclosureRule::new(10)?.min_persons(), 10);
/// assert!(DisclosureRule::new(0).is_err());
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Threshold rule of disclosure control (tietosuojaraja): a cell based on at \
                   least one but fewer than min_persons persons is not published."
)]
pub struct DisclosureRule {
    /// Smallest number of persons a published cell may be based on (at least 1).
    min_persons: NonZeroU64,
}

impl DisclosureRule {
    /// The default threshold, 5 persons.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    ///
    /// assert_eq!(DisclosureRule::DEFAULT_MIN_PERSONS, 5);
    /// assert_eq!(DisclosureRule::default().min_persons(), DisclosureRule::DEFAULT_MIN_PERSONS);
    /// ```
    pub const DEFAULT_MIN_PERSONS: u64 = 5;

    /// A rule that publishes only cells based on at least `min_persons` persons (or on
    /// none).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if `min_persons` is 0: every cell has at least 0
    /// persons, so the rule would protect nobody.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    ///
    /// let rule = DisclosureRule::new(3)?;
    /// assert!(rule.suppresses(2));
    /// assert_eq!(
    ///     DisclosureRule::new(0).unwrap_err().to_string(),
    ///     "invalid minimum persons per published cell 0: expected at least 1 (the default is 5)"
    /// );
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn new(min_persons: u64) -> Result<Self, Error> {
        NonZeroU64::new(min_persons)
            .map(|min_persons| Self { min_persons })
            .ok_or_else(|| Error::InvalidParameter {
                name: "minimum persons per published cell",
                value: min_persons.to_string(),
                expected: "at least 1 (the default is 5)".into(),
            })
    }

    /// The smallest number of persons a published cell may be based on.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    ///
    /// assert_eq!(DisclosureRule::new(7)?.min_persons(), 7);
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn min_persons(&self) -> u64 {
        self.min_persons.get()
    }

    /// Whether a cell based on `persons` persons is suppressed by this rule on its own
    /// (primary suppression, ensisijainen salaus): `0 < persons < min_persons`.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    ///
    /// let rule = DisclosureRule::default();
    /// let suppressed: Vec<u64> = (0..8).filter(|&n| rule.suppresses(n)).collect();
    /// assert_eq!(suppressed, [1, 2, 3, 4]);
    /// ```
    pub fn suppresses(&self, persons: u64) -> bool {
        persons > 0 && persons < self.min_persons.get()
    }

    /// Applies the rule to a table: suppresses every cell (margins included) based on too
    /// few persons, then as many further cells as are needed so that no suppressed cell
    /// can be worked out from the published ones and the table's sums.
    ///
    /// The result always passes [`Table::audit`]. The method is deterministic: the same
    /// table and rule give the same result. See the [module documentation](super) for
    /// the method and its cost.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Cell, CellPosition, DisclosureRule, Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into(), "Kainuu".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![
    ///         vec![Observation::count(3), Observation::count(40)],
    ///         vec![Observation::count(25), Observation::count(31)],
    ///     ],
    /// )?;
    /// let published = DisclosureRule::default().suppress_small_cells(&table);
    ///
    /// // 3 persons is too few; the other three cells would give it away through the
    /// // row and column totals, so they are suppressed too. The totals stay.
    /// let at = |row, column| published.get(CellPosition::Interior { row, column });
    /// assert_eq!(at(0, 0), Some(&Cell::Suppressed));
    /// assert_eq!(at(1, 1), Some(&Cell::Suppressed));
    /// assert_eq!(
    ///     published.get(CellPosition::GrandTotal),
    ///     Some(&Cell::Published(Observation::count(99)))
    /// );
    /// assert!(published.audit().is_safe());
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn suppress_small_cells(&self, table: &Table<Observation>) -> Table<Cell> {
        suppress::suppress_small_cells(*self, table)
    }
}

impl Default for DisclosureRule {
    /// The rule of [`DisclosureRule::DEFAULT_MIN_PERSONS`] = 5 persons.
    fn default() -> Self {
        Self {
            min_persons: NonZeroU64::new(Self::DEFAULT_MIN_PERSONS)
                .expect("DEFAULT_MIN_PERSONS is the literal 5, which is not zero"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deserialization_refuses_a_zero_threshold() {
        let zero: Result<DisclosureRule, _> = serde_json::from_str(r#"{"min_persons": 0}"#);
        assert!(zero.is_err());
        let three: DisclosureRule = serde_json::from_str(r#"{"min_persons": 3}"#).unwrap();
        assert_eq!(three.min_persons(), 3);
    }

    #[test]
    fn a_threshold_of_one_suppresses_nothing() {
        let rule = DisclosureRule::new(1).unwrap();
        assert!((0..100).all(|n| !rule.suppresses(n)));
    }
}
