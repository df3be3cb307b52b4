//! Two-way tables (ristiintaulukko) with their margins: the input of disclosure control
//! holds [`Observation`]s, its output [`Cell`](super::Cell)s.

use std::collections::HashSet;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CellPosition, Observation};
use crate::Error;

/// A two-way table (ristiintaulukko) with row and column labels, its interior cells and
/// its margins (reunajakaumat): one total per row, one per column and the grand total.
///
/// `Table<Observation>` is the input of disclosure control, built with
/// [`Table::additive`] (margins summed from the cells) or [`Table::with_margins`]
/// (margins given). `Table<Cell>` is what may be published: the output of
/// [`DisclosureRule::suppress_small_cells`](super::DisclosureRule::suppress_small_cells),
/// which [`Table::audit`] checks.
///
/// A table has at least one row and one column, unique labels, and exactly one cell per
/// row and column; the constructors and deserialization check this. Serialized as
/// ```json
/// {
///   "row_labels": ["Lappi", "Kainuu"],
///   "column_labels": ["Q1", "Q2"],
///   "cells": [[cell, cell], [cell, cell]],
///   "row_totals": [cell, cell],
///   "column_totals": [cell, cell],
///   "grand_total": cell
/// }
/// ```
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::{CellPosition, Observation, Table};
///
/// let table = Table::additive(
///     vec!["Lappi".into(), "Kainuu".into()],
///     vec!["Q1".into(), "Q2".into()],
///     vec![
///         vec![Observation::count(3), Observation::count(40)],
///         vec![Observation::count(25), Observation::count(31)],
///     ],
/// )?;
/// assert_eq!(table.row_labels(), ["Lappi", "Kainuu"]);
/// assert_eq!(
///     table.get(CellPosition::RowTotal { row: 0 }),
///     Some(&Observation::count(43))
/// );
/// assert_eq!(table.get(CellPosition::GrandTotal), Some(&Observation::count(99)));
/// assert_eq!(table.iter().count(), 4 + 2 + 2 + 1);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "TableFields<T>")]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(
    rename = "Table_of_{T}",
    description = "A two-way table (ristiintaulukko) with unique row and column labels, one \
                   cell per row and column, a total per row and per column, and the grand total."
)]
pub struct Table<T> {
    /// Labels of the rows, unique (e.g. welfare areas).
    row_labels: Vec<String>,
    /// Labels of the columns, unique (e.g. quarters).
    column_labels: Vec<String>,
    /// Interior cells, one array per row with one cell per column.
    cells: Vec<Vec<T>>,
    /// The total of each row.
    row_totals: Vec<T>,
    /// The total of each column.
    column_totals: Vec<T>,
    /// The total of the whole table.
    grand_total: T,
}

/// The serialized fields of a [`Table`], before its shape is checked. Its JSON Schema is
/// the schema of a table read from JSON.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TableFields<T> {
    /// Labels of the rows, unique (e.g. welfare areas).
    row_labels: Vec<String>,
    /// Labels of the columns, unique (e.g. quarters).
    column_labels: Vec<String>,
    /// Interior cells, one array per row with one cell per column.
    cells: Vec<Vec<T>>,
    /// The total of each row.
    row_totals: Vec<T>,
    /// The total of each column.
    column_totals: Vec<T>,
    /// The total of the whole table.
    grand_total: T,
}

impl<T> TryFrom<TableFields<T>> for Table<T> {
    type Error = Error;

    fn try_from(fields: TableFields<T>) -> Result<Self, Error> {
        Self::with_margins(
            fields.row_labels,
            fields.column_labels,
            fields.cells,
            fields.row_totals,
            fields.column_totals,
            fields.grand_total,
        )
    }
}

fn table_error(value: String, expected: impl Into<String>) -> Error {
    Error::InvalidParameter {
        name: "table",
        value,
        expected: expected.into().into(),
    }
}

/// Checks that the labels are present and unique and that `cells` has one row per row
/// label and one cell per column label in every row.
fn check_shape<T>(
    row_labels: &[String],
    column_labels: &[String],
    cells: &[Vec<T>],
) -> Result<(), Error> {
    for (labels, what) in [(row_labels, "row"), (column_labels, "column")] {
        if labels.is_empty() {
            return Err(table_error(
                format!("with no {what} labels"),
                format!("at least one {what} label"),
            ));
        }
        let mut seen = HashSet::with_capacity(labels.len());
        if let Some(repeat) = labels.iter().position(|label| !seen.insert(label)) {
            // The label itself is left out of the message: it is caller data.
            return Err(table_error(
                format!("with {what} label {repeat} repeating an earlier {what} label"),
                format!("unique {what} labels"),
            ));
        }
    }
    if cells.len() != row_labels.len() {
        return Err(table_error(
            format!("with {} rows of cells", cells.len()),
            format!("{} rows, one per row label", row_labels.len()),
        ));
    }
    if let Some((row, cells)) = cells
        .iter()
        .enumerate()
        .find(|(_, cells)| cells.len() != column_labels.len())
    {
        return Err(table_error(
            format!("row {row} with {} cells", cells.len()),
            format!(
                "{} cells in every row, one per column label",
                column_labels.len()
            ),
        ));
    }
    Ok(())
}

impl<T> Table<T> {
    /// A table whose margins are given with the cells: use this for statistics that do
    /// not add up (means, proportions) or for counts of persons who may be in several
    /// cells (a client served in two quarters is one person in the year's total).
    ///
    /// Disclosure control does not assume that the given margins are the sums of the
    /// cells; it protects as if they were, which is the worst case (see the [module
    /// documentation](super)).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if there is no row or no column, a label repeats,
    /// `cells` does not have one row per row label and one cell per column label, or
    /// there is not one row total per row and one column total per column.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{CellPosition, Observation, Table};
    /// use rust_decimal::Decimal;
    ///
    /// // Mean change in a functioning score, by area and quarter.
    /// let mean = |tenths, persons| Observation::new(Decimal::new(tenths, 1), persons);
    /// let table = Table::with_margins(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![vec![mean(12, 20), mean(8, 30)]],
    ///     vec![mean(10, 41)],
    ///     vec![mean(12, 20), mean(8, 30)],
    ///     mean(10, 41),
    /// )?;
    /// assert_eq!(table.get(CellPosition::RowTotal { row: 0 }), Some(&mean(10, 41)));
    ///
    /// let ragged = Table::with_margins(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![vec![mean(12, 20)]],
    ///     vec![mean(10, 41)],
    ///     vec![mean(12, 20), mean(8, 30)],
    ///     mean(10, 41),
    /// );
    /// assert_eq!(
    ///     ragged.unwrap_err().to_string(),
    ///     "invalid table row 0 with 1 cells: expected 2 cells in every row, one per column label"
    /// );
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn with_margins(
        row_labels: Vec<String>,
        column_labels: Vec<String>,
        cells: Vec<Vec<T>>,
        row_totals: Vec<T>,
        column_totals: Vec<T>,
        grand_total: T,
    ) -> Result<Self, Error> {
        check_shape(&row_labels, &column_labels, &cells)?;
        for (totals, labels, what) in [
            (&row_totals, &row_labels, "row"),
            (&column_totals, &column_labels, "column"),
        ] {
            if totals.len() != labels.len() {
                return Err(table_error(
                    format!("with {} {what} totals", totals.len()),
                    format!("{} {what} totals, one per {what} label", labels.len()),
                ));
            }
        }
        Ok(Self {
            row_labels,
            column_labels,
            cells,
            row_totals,
            column_totals,
            grand_total,
        })
    }

    /// Labels of the rows, in order.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into(), "Kainuu".into()],
    ///     vec!["2025".into()],
    ///     vec![vec![Observation::count(7)], vec![Observation::count(9)]],
    /// )?;
    /// assert_eq!(table.row_labels(), ["Lappi", "Kainuu"]);
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn row_labels(&self) -> &[String] {
        &self.row_labels
    }

    /// Labels of the columns, in order.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![vec![Observation::count(7), Observation::count(9)]],
    /// )?;
    /// assert_eq!(table.column_labels(), ["Q1", "Q2"]);
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn column_labels(&self) -> &[String] {
        &self.column_labels
    }

    /// The cell at `position`, or `None` if the table has no such row or column.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{CellPosition, Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![vec![Observation::count(7), Observation::count(9)]],
    /// )?;
    /// let cell = |row, column| table.get(CellPosition::Interior { row, column });
    /// assert_eq!(cell(0, 1), Some(&Observation::count(9)));
    /// assert_eq!(cell(1, 0), None);
    /// assert_eq!(
    ///     table.get(CellPosition::ColumnTotal { column: 0 }),
    ///     Some(&Observation::count(7))
    /// );
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn get(&self, position: CellPosition) -> Option<&T> {
        match position {
            CellPosition::Interior { row, column } => self.cells.get(row)?.get(column),
            CellPosition::RowTotal { row } => self.row_totals.get(row),
            CellPosition::ColumnTotal { column } => self.column_totals.get(column),
            CellPosition::GrandTotal => Some(&self.grand_total),
        }
    }

    /// Every cell with its position: the interior cells row by row, then the row
    /// totals, the column totals and the grand total (the order of [`CellPosition`]).
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{CellPosition, Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![vec![Observation::count(7), Observation::count(9)]],
    /// )?;
    /// let persons: Vec<u64> = table.iter().map(|(_, cell)| cell.persons()).collect();
    /// assert_eq!(persons, [7, 9, 16, 7, 9, 16]);
    /// assert_eq!(table.iter().last().map(|(at, _)| at), Some(CellPosition::GrandTotal));
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (CellPosition, &T)> + '_ {
        let interior = self.cells.iter().enumerate().flat_map(|(row, cells)| {
            cells
                .iter()
                .enumerate()
                .map(move |(column, cell)| (CellPosition::Interior { row, column }, cell))
        });
        let row_totals = self
            .row_totals
            .iter()
            .enumerate()
            .map(|(row, cell)| (CellPosition::RowTotal { row }, cell));
        let column_totals = self
            .column_totals
            .iter()
            .enumerate()
            .map(|(column, cell)| (CellPosition::ColumnTotal { column }, cell));
        interior
            .chain(row_totals)
            .chain(column_totals)
            .chain(std::iter::once((
                CellPosition::GrandTotal,
                &self.grand_total,
            )))
    }

    /// The table of the same shape and labels whose cells are `f(position, cell)`.
    pub(super) fn map<U>(&self, mut f: impl FnMut(CellPosition, &T) -> U) -> Table<U> {
        let cells = self
            .cells
            .iter()
            .enumerate()
            .map(|(row, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(column, cell)| f(CellPosition::Interior { row, column }, cell))
                    .collect()
            })
            .collect();
        let row_totals = (self.row_totals.iter().enumerate())
            .map(|(row, cell)| f(CellPosition::RowTotal { row }, cell))
            .collect();
        let column_totals = (self.column_totals.iter().enumerate())
            .map(|(column, cell)| f(CellPosition::ColumnTotal { column }, cell))
            .collect();
        let grand_total = f(CellPosition::GrandTotal, &self.grand_total);
        Table {
            row_labels: self.row_labels.clone(),
            column_labels: self.column_labels.clone(),
            cells,
            row_totals,
            column_totals,
            grand_total,
        }
    }
}

impl Table<Observation> {
    /// A table of counts or exact sums (an additive table): each total is the sum of
    /// its cells, both the value and the persons.
    ///
    /// Summing persons assumes that each person is in one cell only (a cross-tabulation
    /// of persons). When a person may be in several cells, or for statistics that do not
    /// add up, use [`Table::with_margins`].
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if there is no row or no column, a label repeats,
    /// `cells` does not have one row per row label and one cell per column label, a cell
    /// has no value (a count or a sum over nobody is 0, not missing), or a total does not
    /// fit in a [`Decimal`] or a `u64`.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{CellPosition, Observation, Table};
    ///
    /// let table = Table::additive(
    ///     vec!["Lappi".into(), "Kainuu".into()],
    ///     vec!["Q1".into(), "Q2".into()],
    ///     vec![
    ///         vec![Observation::count(3), Observation::count(40)],
    ///         vec![Observation::count(25), Observation::count(31)],
    ///     ],
    /// )?;
    /// assert_eq!(
    ///     table.get(CellPosition::ColumnTotal { column: 1 }),
    ///     Some(&Observation::count(71))
    /// );
    ///
    /// let no_value = Table::additive(
    ///     vec!["Lappi".into()],
    ///     vec!["Q1".into()],
    ///     vec![vec![Observation::without_value(0)]],
    /// );
    /// assert!(no_value.is_err());
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn additive(
        row_labels: Vec<String>,
        column_labels: Vec<String>,
        cells: Vec<Vec<Observation>>,
    ) -> Result<Self, Error> {
        check_shape(&row_labels, &column_labels, &cells)?;
        let mut values = Vec::with_capacity(cells.len());
        for (row, row_cells) in cells.iter().enumerate() {
            let row_values = row_cells
                .iter()
                .enumerate()
                .map(|(column, cell)| {
                    cell.value().ok_or_else(|| {
                        table_error(
                            format!("cell at row {row}, column {column} without a value"),
                            "a value in every cell of an additive table (a count or a sum over \
                             nobody is 0)",
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            values.push(row_values);
        }
        let row_totals = (0..row_labels.len())
            .map(|row| {
                let parts = (0..column_labels.len())
                    .map(|column| (values[row][column], cells[row][column].persons()));
                sum(parts, || format!("total of row {row}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let column_totals = (0..column_labels.len())
            .map(|column| {
                let parts = (0..row_labels.len())
                    .map(|row| (values[row][column], cells[row][column].persons()));
                sum(parts, || format!("total of column {column}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let parts = (values.iter().flatten().copied())
            .zip(cells.iter().flatten().map(Observation::persons));
        let grand_total = sum(parts, || "grand total".to_owned())?;
        Ok(Self {
            row_labels,
            column_labels,
            cells,
            row_totals,
            column_totals,
            grand_total,
        })
    }
}

/// The total of `parts`, values and persons each summed; an error naming `what` if a sum
/// overflows.
fn sum(
    mut parts: impl Iterator<Item = (Decimal, u64)>,
    what: impl FnOnce() -> String,
) -> Result<Observation, Error> {
    parts
        .try_fold(
            (Decimal::ZERO, 0_u64),
            |(value, persons), (part, part_persons)| {
                Some((value.checked_add(part)?, persons.checked_add(part_persons)?))
            },
        )
        .map(|(value, persons)| Observation::new(value, persons))
        .ok_or_else(|| {
            table_error(
                format!("whose {} overflows", what()),
                "totals that fit in a 28-digit decimal and persons that fit in 64 bits",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|&name| name.to_owned()).collect()
    }

    #[test]
    fn additive_margins_are_the_sums_of_the_cells() {
        // Row totals 1 + 2 + 3 = 6 and 4 + 5 + 6 = 15; column totals 5, 7, 9; grand 21.
        let cells = vec![
            (1..=3).map(Observation::count).collect(),
            (4..=6).map(Observation::count).collect(),
        ];
        let table = Table::additive(labels(&["a", "b"]), labels(&["x", "y", "z"]), cells).unwrap();
        assert_eq!(
            table.row_totals,
            [Observation::count(6), Observation::count(15)]
        );
        assert_eq!(
            table.column_totals,
            [5, 7, 9].map(Observation::count).to_vec()
        );
        assert_eq!(table.grand_total, Observation::count(21));
    }

    #[test]
    fn sums_keep_values_and_persons_apart() {
        // 10.5 + 2.25 = 12.75 hours of work for 3 + 4 = 7 persons.
        let cells = vec![vec![
            Observation::new(Decimal::new(105, 1), 3),
            Observation::new(Decimal::new(225, 2), 4),
        ]];
        let table = Table::additive(labels(&["a"]), labels(&["x", "y"]), cells).unwrap();
        assert_eq!(
            table.grand_total,
            Observation::new(Decimal::new(1275, 2), 7)
        );
    }

    #[test]
    fn shape_errors_say_what_is_wrong() {
        let one = || vec![Observation::count(1)];
        let message = |result: Result<Table<Observation>, Error>| result.unwrap_err().to_string();
        assert_eq!(
            message(Table::additive(vec![], labels(&["x"]), vec![])),
            "invalid table with no row labels: expected at least one row label"
        );
        assert_eq!(
            message(Table::additive(labels(&["a"]), vec![], vec![vec![]])),
            "invalid table with no column labels: expected at least one column label"
        );
        assert_eq!(
            message(Table::additive(
                labels(&["a", "b", "a"]),
                labels(&["x"]),
                vec![one(), one(), one()]
            )),
            "invalid table with row label 2 repeating an earlier row label: expected unique row labels"
        );
        assert_eq!(
            message(Table::additive(
                labels(&["a", "b"]),
                labels(&["x"]),
                vec![one()]
            )),
            "invalid table with 1 rows of cells: expected 2 rows, one per row label"
        );
        assert_eq!(
            message(Table::with_margins(
                labels(&["a"]),
                labels(&["x"]),
                vec![one()],
                vec![],
                one(),
                Observation::count(1)
            )),
            "invalid table with 0 row totals: expected 1 row totals, one per row label"
        );
        assert_eq!(
            message(Table::with_margins(
                labels(&["a"]),
                labels(&["x"]),
                vec![one()],
                one(),
                vec![Observation::count(1); 2],
                Observation::count(1)
            )),
            "invalid table with 2 column totals: expected 1 column totals, one per column label"
        );
    }

    #[test]
    fn overflowing_totals_are_errors() {
        let huge = Observation::new(Decimal::MAX, 1);
        let result = Table::additive(labels(&["a"]), labels(&["x", "y"]), vec![vec![huge; 2]]);
        assert_eq!(
            result.unwrap_err().to_string(),
            "invalid table whose total of row 0 overflows: expected totals that fit in a \
             28-digit decimal and persons that fit in 64 bits"
        );
        let crowd = Observation::count(u64::MAX);
        let result = Table::additive(labels(&["a", "b"]), labels(&["x"]), vec![vec![crowd]; 2]);
        assert!(result.is_err());
    }

    #[test]
    fn deserialization_checks_the_shape() {
        let ragged = r#"{"row_labels":["a"],"column_labels":["x","y"],
            "cells":[[{"persons":1}]],"row_totals":[{"persons":1}],
            "column_totals":[{"persons":1},{"persons":0}],"grand_total":{"persons":1}}"#;
        let error = serde_json::from_str::<Table<Observation>>(ragged).unwrap_err();
        assert!(error.to_string().contains("row 0 with 1 cells"), "{error}");
    }
}
