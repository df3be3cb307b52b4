//! Where a cell is in a two-way table.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a cell is in a two-way table: an interior cell, a row or column total, or the
/// grand total. Rows and columns are numbered from 0 in the order of the table's labels.
///
/// Positions sort in the order [`Table::iter`](super::Table::iter) visits them: interior cells row by row,
/// then the row totals, the column totals and the grand total.
///
/// Serialized with a `kind`: `{"kind": "interior", "row": 0, "column": 2}`,
/// `{"kind": "row_total", "row": 0}`, `{"kind": "column_total", "column": 2}`,
/// `{"kind": "grand_total"}`.
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::CellPosition;
///
/// let cell = CellPosition::Interior { row: 1, column: 0 };
/// assert!(cell < CellPosition::RowTotal { row: 0 });
/// assert_eq!(
///     serde_json::to_string(&cell)?,
///     r#"{"kind":"interior","row":1,"column":0}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[schemars(
    description = "Where a cell is in a two-way table: an interior cell, a row or column total \
                   (rivisumma, sarakesumma) or the grand total; rows and columns from 0."
)]
pub enum CellPosition {
    /// The cell of one row and one column.
    Interior {
        /// Row, from 0.
        row: usize,
        /// Column, from 0.
        column: usize,
    },
    /// The total of one row (rivisumma).
    RowTotal {
        /// Row, from 0.
        row: usize,
    },
    /// The total of one column (sarakesumma).
    ColumnTotal {
        /// Column, from 0.
        column: usize,
    },
    /// The total of the whole table (kokonaissumma).
    GrandTotal,
}
