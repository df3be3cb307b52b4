//! The audit of a published table: can any suppressed cell be worked out?

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::graph::SuppressionGraph;
use super::{Cell, CellPosition, Table};

/// The result of [`Table::audit`]: the suppressed cells that the published cells give
/// away through the table's sums.
///
/// Serialized as `{"exposed": [...]}` with the [`CellPosition`] of each exposed cell.
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::{Cell, CellPosition, Observation, Table};
///
/// let n = |persons| Cell::Published(Observation::count(persons));
/// // One suppressed cell in a 2 × 2 table: 12 - 7 = 5 gives it away.
/// let published = Table::with_margins(
///     vec!["Lappi".into(), "Kainuu".into()],
///     vec!["Q1".into(), "Q2".into()],
///     vec![vec![Cell::Suppressed, n(7)], vec![n(20), n(30)]],
///     vec![n(12), n(50)],
///     vec![n(25), n(37)],
///     n(62),
/// )?;
/// let audit = published.audit();
/// assert!(!audit.is_safe());
/// assert_eq!(audit.exposed(), [CellPosition::Interior { row: 0, column: 0 }]);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Audit of a published table: the suppressed cells that the published cells \
                   and the table's sums give away; empty when the table is safe."
)]
pub struct Audit {
    /// Suppressed cells that can be worked out from the published cells, in the order of
    /// their positions; empty when the table is safe.
    exposed: Vec<CellPosition>,
}

impl Audit {
    /// Whether no suppressed cell can be worked out.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{DisclosureRule, Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![vec![Observation::count(2), Observation::count(40)]],
    /// )?;
    /// assert!(DisclosureRule::default().suppress_small_cells(&table).audit().is_safe());
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn is_safe(&self) -> bool {
        self.exposed.is_empty()
    }

    /// The suppressed cells that can be worked out, in the order of [`CellPosition`].
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Cell, CellPosition, Observation, Table};
    ///
    /// // Only the grand total is suppressed: it is the sum of the row totals.
    /// let n = |persons| Cell::Published(Observation::count(persons));
    /// let published = Table::with_margins(
    ///     vec!["Lappi".into()],
    ///     vec!["2025".into()],
    ///     vec![vec![n(9)]],
    ///     vec![n(9)],
    ///     vec![n(9)],
    ///     Cell::Suppressed,
    /// )?;
    /// assert_eq!(published.audit().exposed(), [CellPosition::GrandTotal]);
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn exposed(&self) -> &[CellPosition] {
        &self.exposed
    }
}

impl Table<Cell> {
    /// Checks that no suppressed cell can be worked out exactly from the published cells
    /// and the table's sums (each row and column of interior cells sums to its total, the
    /// totals to the grand total).
    ///
    /// This is a proof, not a heuristic: a suppressed cell is determined by the
    /// published ones exactly when it is a bridge of the suppression graph (Gusfield
    /// 1988; see the [module documentation](super)). The audit assumes the sums hold even
    /// for tables whose margins were given, which is the cautious reading.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Cell, Observation, Table};
    ///
    /// // Four suppressed cells in a rectangle: each row and each column sum has two
    /// // unknowns, so no cell can be worked out.
    /// let n = |persons| Cell::Published(Observation::count(persons));
    /// let s = Cell::Suppressed;
    /// let published = Table::with_margins(
    ///     vec!["a".into(), "b".into(), "c".into()],
    ///     vec!["x".into(), "y".into(), "z".into()],
    ///     vec![vec![s, s, n(20)], vec![s, s, n(50)], vec![n(60), n(70), n(80)]],
    ///     vec![n(32), n(120), n(210)],
    ///     vec![n(92), n(120), n(150)],
    ///     n(362),
    /// )?;
    /// assert!(published.audit().is_safe());
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn audit(&self) -> Audit {
        let mut graph = SuppressionGraph::new(self.row_labels().len(), self.column_labels().len());
        for (position, cell) in self.iter() {
            if cell.is_suppressed() {
                graph.suppress(position);
            }
        }
        Audit {
            exposed: graph.bridges(),
        }
    }
}
