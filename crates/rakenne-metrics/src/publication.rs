//! Publication tables of evaluation results, with disclosure control applied.
//!
//! An evaluation is published as two-way tables: outcomes on an instrument by welfare
//! area and quarter, goal attainment by operating model and age group, and so on. Each
//! cell of such a table is a full result (an [`OutcomeSummary`] or a [`GasSummary`]) with
//! the number of persons it is based on; the row and column totals and the grand total
//! are results over the union of their cells.
//!
//! Disclosure control runs on the table of person counts (each position's persons counted
//! over its own records, so a client in two cells is one person in their total): a cell with fewer than `k`
//! persons is suppressed, complementary cells are suppressed so that no suppressed count
//! can be worked out from the published ones (see [`disclosure`](crate::disclosure)), and
//! the result of every suppressed cell is left out of the table entirely. Because a
//! published result states how many persons it covers, hiding the result of exactly the
//! cells whose counts are hidden is what keeps the small groups unexposed.

use std::hash::Hash;
use std::ops::Range;

use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::change::ChangeCounter;
use crate::disclosure::{Cell, CellPosition, DisclosureRule, Observation, Table};
use crate::outcome::{PairColumns, PairValues};
use crate::pair_sums::{GridSums, Magnitudes, PairSums};
use crate::t_score_sums::TScoreSums;
use crate::text::Text;
use rakenne_model::{Client, ImplementationId, ServiceEpisode};

use crate::{
    ClientGasScores, Dimension, Error, EvaluationContext, GasScoring, GroupKey,
    InstrumentDefinition, OutcomeSummary, PairedScores, Pairing, Proportion, ReachSummary,
    Yardsticks,
};

/// A cell of a publication table: a result, or nothing when disclosure control
/// suppressed it.
///
/// Serialized as the result itself, or as `{"suppressed": true}` with nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Published<T> {
    /// The result may be published.
    Value(T),
    /// The result is suppressed.
    Suppressed {
        /// Always `true`.
        suppressed: bool,
    },
}

impl<T> Published<T> {
    /// The result, if published.
    pub fn value(&self) -> Option<&T> {
        match self {
            Published::Value(v) => Some(v),
            Published::Suppressed { .. } => None,
        }
    }

    /// Whether the cell is suppressed.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Published::Suppressed { .. })
    }

    pub(crate) fn suppressed() -> Self {
        Published::Suppressed { suppressed: true }
    }
}

/// A two-way publication table of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ResultTable<T> {
    /// The dimension of the rows.
    pub rows: Dimension,
    /// The dimension of the columns.
    pub columns: Dimension,
    /// Row groups, in order.
    pub row_keys: Vec<GroupKey>,
    /// Column groups, in order.
    pub column_keys: Vec<GroupKey>,
    /// Interior cells, one array per row.
    pub cells: Vec<Vec<Published<T>>>,
    /// Result over each row.
    pub row_totals: Vec<Published<T>>,
    /// Result over each column.
    pub column_totals: Vec<Published<T>>,
    /// Result over the whole table.
    pub grand_total: Published<T>,
    /// Records that could not be placed in a row or column (e.g. gender not recorded):
    /// they are in no cell, and in no total.
    pub unplaced: u64,
}

impl<T> ResultTable<T> {
    /// The result at `position`, if published.
    pub fn get(&self, position: CellPosition) -> Option<&T> {
        match position {
            CellPosition::Interior { row, column } => self.cells.get(row)?.get(column)?.value(),
            CellPosition::RowTotal { row } => self.row_totals.get(row)?.value(),
            CellPosition::ColumnTotal { column } => self.column_totals.get(column)?.value(),
            CellPosition::GrandTotal => self.grand_total.value(),
        }
    }
}

/// Records placed in a two-way table: the cell of every record, and how many records
/// each cell has.
struct Grouped {
    row_keys: Vec<GroupKey>,
    column_keys: Vec<GroupKey>,
    /// The cell of each record (cells numbered row by row), or [`UNPLACED`].
    cell_of: Vec<u32>,
    /// Where each cell starts when the placed records are laid out cell by cell, and
    /// one past the end.
    bounds: Vec<usize>,
    unplaced: u64,
}

/// The cell of a record that is in no row or no column.
const UNPLACED: u32 = u32::MAX;

/// Numbers keys in the order they are first met.
#[derive(Default)]
struct Numbering {
    keys: Vec<GroupKey>,
    ids: FxHashMap<GroupKey, u32>,
}
impl Numbering {
    fn id(&mut self, key: GroupKey) -> u32 {
        let next = u32::try_from(self.keys.len()).unwrap_or(UNPLACED);
        *self.ids.entry(key).or_insert_with_key(|key| {
            self.keys.push(key.clone());
            next
        })
    }
    /// The keys sorted, and the rank of each key id among them.
    fn sorted(self) -> (Vec<GroupKey>, Vec<usize>) {
        let mut by_key: Vec<usize> = (0..self.keys.len()).collect();
        by_key.sort_by(|&a, &b| self.keys[a].cmp(&self.keys[b]));
        let mut rank = vec![0; self.keys.len()];
        for (r, &id) in by_key.iter().enumerate() {
            rank[id] = r;
        }
        let mut keys: Vec<Option<GroupKey>> = self.keys.into_iter().map(Some).collect();
        let sorted = by_key.iter().filter_map(|&id| keys[id].take()).collect();
        (sorted, rank)
    }
}

/// Places the records `0..n` by `key` along `rows` and `columns`.
///
/// The key of a record is computed once per distinct `memo` of the record: `memo` must
/// determine the keys (e.g. the implementation, the month and the client's age group and
/// gender determine every dimension of an outcome record), which keeps the lookups of a
/// million records to a few thousand.
fn group<M: Hash + Eq>(
    n: usize,
    memo: impl Fn(usize) -> M + Sync,
    key: impl Fn(usize, Dimension) -> Option<GroupKey> + Sync,
    rows: Dimension,
    columns: Dimension,
) -> Result<Grouped, Error> {
    // In parts, in parallel: each record's memo numbered within its part, and the
    // keys of each distinct memo.
    type Keys = Option<(GroupKey, GroupKey)>;
    let found: Vec<(Vec<u32>, Vec<Keys>)> = crate::tracks::parts(n)
        .into_par_iter()
        .map(|part| {
            let mut memos: FxHashMap<M, u32> = FxHashMap::default();
            let mut keys: Vec<Keys> = Vec::new();
            let ids: Vec<u32> = part
                .map(|i| {
                    *memos.entry(memo(i)).or_insert_with(|| {
                        keys.push(key(i, rows).zip(key(i, columns)));
                        // A part has fewer than 2³² distinct memos: they number its records.
                        u32::try_from(keys.len() - 1).unwrap_or(UNPLACED)
                    })
                })
                .collect();
            (ids, keys)
        })
        .collect();
    // The rows and columns that occur, sorted; then each part's memos as cells.
    let mut row_numbering = Numbering::default();
    let mut column_numbering = Numbering::default();
    let provisional: Vec<Vec<(u32, u32)>> = found
        .iter()
        .map(|(_, keys)| {
            keys.iter()
                .map(|k| match k {
                    Some((r, c)) => (row_numbering.id(r.clone()), column_numbering.id(c.clone())),
                    None => (UNPLACED, UNPLACED),
                })
                .collect()
        })
        .collect();
    let (row_keys, row_rank) = row_numbering.sorted();
    let (column_keys, column_rank) = column_numbering.sorted();
    let n_cells = cell_count(&row_keys, &column_keys)?;
    let mut bounds = vec![0usize; n_cells + 1];
    let mut unplaced = 0;
    let mut cell_of: Vec<u32> = Vec::with_capacity(n);
    for ((ids, _), memo_cells) in found.iter().zip(&provisional) {
        // Fewer than 2³² cells: checked above.
        let memo_cells: Vec<u32> = memo_cells
            .iter()
            .map(|&(r, c)| {
                if r == UNPLACED {
                    UNPLACED
                } else {
                    let cell = row_rank[r as usize] * column_keys.len() + column_rank[c as usize];
                    u32::try_from(cell).unwrap_or(UNPLACED)
                }
            })
            .collect();
        for &id in ids {
            let cell = memo_cells[id as usize];
            if cell == UNPLACED {
                unplaced += 1;
            } else {
                bounds[cell as usize + 1] += 1;
            }
            cell_of.push(cell);
        }
    }
    for b in 1..bounds.len() {
        bounds[b] += bounds[b - 1];
    }
    Ok(Grouped {
        row_keys,
        column_keys,
        cell_of,
        bounds,
        unplaced,
    })
}

/// The number of cells of a table with these rows and columns: fewer than 2³², or an
/// error.
fn cell_count(row_keys: &[GroupKey], column_keys: &[GroupKey]) -> Result<usize, Error> {
    let n_cells = row_keys.len() * column_keys.len();
    if u32::try_from(n_cells).is_err() {
        return Err(Error::InvalidParameter {
            name: "table size",
            value: n_cells.to_string(),
            expected: "fewer than 2^32 cells".into(),
        });
    }
    Ok(n_cells)
}

/// Places the records `0..n` as [`group`] does and sums them cell by cell in the same
/// pass, in input order: `add(sums, i)` adds record `i` to the sums of its cell. Returns
/// the grouping — without the cell of each record (`cell_of` is empty): what publishing
/// and the margins need — and the sums of every cell; `Ok(None)` as soon as `add`
/// declines a record (returns `None`), for the caller to take the general route.
///
/// Nothing is kept per record: a cell is found through the record's memo, and a cell's
/// sums start when its first record is met (numbered provisionally, in order of first
/// appearance, until the rows and columns are known and sorted).
fn sum_by_cell<M: Hash + Eq, A: Default>(
    n: usize,
    memo: impl Fn(usize) -> M,
    key: impl Fn(usize, Dimension) -> Option<GroupKey>,
    rows: Dimension,
    columns: Dimension,
    mut add: impl FnMut(&mut A, usize) -> Option<()>,
) -> Result<Option<(Grouped, Vec<A>)>, Error> {
    let mut memos: FxHashMap<M, u32> = FxHashMap::default();
    let mut row_numbering = Numbering::default();
    let mut column_numbering = Numbering::default();
    // Provisional cells: their (row id, column id), records and sums.
    let mut provisional: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut lines: Vec<(u32, u32)> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut sums: Vec<A> = Vec::new();
    let mut unplaced = 0;
    for i in 0..n {
        let cell = *memos.entry(memo(i)).or_insert_with(|| {
            let Some((row, column)) = key(i, rows).zip(key(i, columns)) else {
                return UNPLACED;
            };
            let line = (row_numbering.id(row), column_numbering.id(column));
            *provisional.entry(line).or_insert_with(|| {
                lines.push(line);
                counts.push(0);
                sums.push(A::default());
                // Fewer provisional cells than records, which are fewer than 2³²
                // (a table of more is refused below).
                u32::try_from(lines.len() - 1).unwrap_or(UNPLACED)
            })
        });
        if cell == UNPLACED {
            unplaced += 1;
            continue;
        }
        let cell = cell as usize;
        counts[cell] += 1;
        if add(&mut sums[cell], i).is_none() {
            return Ok(None);
        }
    }
    let (row_keys, row_rank) = row_numbering.sorted();
    let (column_keys, column_rank) = column_numbering.sorted();
    let n_cells = cell_count(&row_keys, &column_keys)?;
    let mut bounds = vec![0usize; n_cells + 1];
    let mut by_cell: Vec<A> = std::iter::repeat_with(A::default).take(n_cells).collect();
    for (((row, column), count), cell_sums) in lines.into_iter().zip(counts).zip(sums) {
        let cell = row_rank[row as usize] * column_keys.len() + column_rank[column as usize];
        bounds[cell + 1] = count;
        by_cell[cell] = cell_sums;
    }
    for b in 1..bounds.len() {
        bounds[b] += bounds[b - 1];
    }
    let grouped = Grouped {
        row_keys,
        column_keys,
        cell_of: Vec::new(),
        bounds,
        unplaced,
    };
    Ok(Some((grouped, by_cell)))
}

/// [`publish`] of a table summed by cell ([`sum_by_cell`]): the sums of a position are
/// those of its cells merged, and `summarize(sums, records)` makes its result from them
/// and its number of records.
fn publish_summed<A: Default + Sync, T: Send>(
    grouped: &Grouped,
    (rows, columns): (Dimension, Dimension),
    rule: DisclosureRule,
    cells: &[A],
    merge: impl Fn(&mut A, &A) + Sync,
    summarize: impl Fn(&A, u64) -> Result<T, Error> + Sync,
) -> Result<ResultTable<T>, Error> {
    publish(
        grouped,
        rows,
        columns,
        rule,
        |position| grouped.count(position) as u64,
        |position| {
            let mut sums = A::default();
            for cell in grouped.cells(position) {
                merge(&mut sums, &cells[cell]);
            }
            summarize(&sums, grouped.count(position) as u64)
        },
    )
}

impl Grouped {
    /// Every position of the table, in the order its results are computed: interior
    /// cells row by row, row totals, column totals, the grand total.
    fn positions(&self) -> Vec<CellPosition> {
        let (n_rows, n_columns) = (self.row_keys.len(), self.column_keys.len());
        let mut out = Vec::with_capacity((n_rows + 1) * (n_columns + 1));
        for row in 0..n_rows {
            for column in 0..n_columns {
                out.push(CellPosition::Interior { row, column });
            }
        }
        out.extend((0..n_rows).map(|row| CellPosition::RowTotal { row }));
        out.extend((0..n_columns).map(|column| CellPosition::ColumnTotal { column }));
        out.push(CellPosition::GrandTotal);
        out
    }

    /// The values of the placed records `i` with `has(i)`, laid out cell by cell (input
    /// order within a cell), and the bounds of the cells in them. Each record is read
    /// once, in input order.
    fn lay_out<T: Copy + Default>(
        &self,
        has: impl Fn(usize) -> bool,
        value: impl Fn(usize) -> T,
    ) -> (Vec<T>, Vec<usize>) {
        self.lay_out_into(
            has,
            |n| vec![T::default(); n],
            |out, slot, i| out[slot] = value(i),
        )
    }

    /// [`lay_out`](Self::lay_out) into any storage: `allocate(n)` makes it for the
    /// number of records laid out, then `put(storage, slot, i)` is called for each record
    /// `i` with `has(i)`, in input order. Returns the storage and the bounds of the cells.
    fn lay_out_into<S>(
        &self,
        has: impl Fn(usize) -> bool,
        allocate: impl FnOnce(usize) -> S,
        mut put: impl FnMut(&mut S, usize, usize),
    ) -> (S, Vec<usize>) {
        let mut bounds = vec![0usize; self.bounds.len()];
        for (i, &cell) in self.cell_of.iter().enumerate() {
            if cell != UNPLACED && has(i) {
                bounds[cell as usize + 1] += 1;
            }
        }
        for b in 1..bounds.len() {
            bounds[b] += bounds[b - 1];
        }
        let mut fill = bounds.clone();
        let mut storage = allocate(bounds[bounds.len() - 1]);
        for (i, &cell) in self.cell_of.iter().enumerate() {
            if cell != UNPLACED && has(i) {
                let slot = &mut fill[cell as usize];
                put(&mut storage, *slot, i);
                *slot += 1;
            }
        }
        (storage, bounds)
    }

    /// The records of `position` as ranges of anything laid out cell by cell with cell
    /// bounds `bounds` (see [`lay_out`](Self::lay_out)): a row total is its cells in
    /// column order, a column total its cells in row order, the grand total every cell
    /// row by row.
    fn ranges(&self, bounds: &[usize], position: CellPosition) -> Vec<Range<usize>> {
        let (n_rows, n_columns) = (self.row_keys.len(), self.column_keys.len());
        let cells = |from: usize, to: usize| bounds[from]..bounds[to];
        match position {
            CellPosition::Interior { row, column } => {
                let c = row * n_columns + column;
                vec![cells(c, c + 1)]
            }
            CellPosition::RowTotal { row } => vec![cells(row * n_columns, (row + 1) * n_columns)],
            CellPosition::ColumnTotal { column } => (0..n_rows)
                .map(|row| {
                    let c = row * n_columns + column;
                    cells(c, c + 1)
                })
                .collect(),
            CellPosition::GrandTotal => vec![cells(0, n_rows * n_columns)],
        }
    }

    /// The cells of `position`: itself, the cells of its row or column, or all.
    fn cells(&self, position: CellPosition) -> Vec<usize> {
        let (n_rows, n_columns) = (self.row_keys.len(), self.column_keys.len());
        match position {
            CellPosition::Interior { row, column } => vec![row * n_columns + column],
            CellPosition::RowTotal { row } => (row * n_columns..(row + 1) * n_columns).collect(),
            CellPosition::ColumnTotal { column } => {
                (0..n_rows).map(|row| row * n_columns + column).collect()
            }
            CellPosition::GrandTotal => (0..n_rows * n_columns).collect(),
        }
    }

    /// The number of records of `position`.
    fn count(&self, position: CellPosition) -> usize {
        self.ranges(&self.bounds, position)
            .iter()
            .map(ExactSizeIterator::len)
            .sum()
    }
}

/// Builds a result table: computes each position's person count, runs disclosure control
/// on the counts, and computes the results of the published positions (in the order of
/// [`Grouped::positions`]).
fn publish<T: Send>(
    grouped: &Grouped,
    rows: Dimension,
    columns: Dimension,
    rule: DisclosureRule,
    persons: impl Fn(CellPosition) -> u64,
    compute: impl Fn(CellPosition) -> Result<T, Error> + Sync,
) -> Result<ResultTable<T>, Error> {
    let labels = |keys: &[GroupKey]| keys.iter().map(GroupKey::label).collect::<Vec<_>>();
    if grouped.row_keys.is_empty() {
        if grouped.unplaced == 0 {
            return Err(Error::TooFewObservations {
                statistic: "publication table",
                needed: 1,
                got: 0,
            });
        }
        // Records that none of the positions can hold (e.g. goals of clients outside any
        // implementation, by area): a table without rows that says how many there were.
        return Ok(ResultTable {
            rows,
            columns,
            row_keys: Vec::new(),
            column_keys: Vec::new(),
            cells: Vec::new(),
            row_totals: Vec::new(),
            column_totals: Vec::new(),
            grand_total: Published::suppressed(),
            unplaced: grouped.unplaced,
        });
    }
    // The persons of every position, margins included, counted over the position's own
    // records: a person with records in two cells is one person in their total.
    let positions = grouped.positions();
    let (n_rows, n_columns) = (grouped.row_keys.len(), grouped.column_keys.len());
    let mut cells = vec![Vec::with_capacity(n_columns); n_rows];
    let mut row_totals = Vec::with_capacity(n_rows);
    let mut column_totals = Vec::with_capacity(n_columns);
    let mut grand_total = Observation::count(0);
    for &position in &positions {
        let count = Observation::count(persons(position));
        match position {
            CellPosition::Interior { row, .. } => cells[row].push(count),
            CellPosition::RowTotal { .. } => row_totals.push(count),
            CellPosition::ColumnTotal { .. } => column_totals.push(count),
            CellPosition::GrandTotal => grand_total = count,
        }
    }
    let counts = Table::with_margins(
        labels(&grouped.row_keys),
        labels(&grouped.column_keys),
        cells,
        row_totals,
        column_totals,
        grand_total,
    )?;
    let published = rule.suppress_small_cells(&counts);
    let mut table = ResultTable {
        rows,
        columns,
        row_keys: grouped.row_keys.clone(),
        column_keys: grouped.column_keys.clone(),
        cells: Vec::new(),
        row_totals: Vec::new(),
        column_totals: Vec::new(),
        grand_total: Published::suppressed(),
        unplaced: grouped.unplaced,
    };
    // The results of the published positions, computed in parallel and taken in order
    // (so the first error is that of the first position, as in a sequential loop).
    let mut results: Vec<Result<T, Error>> = Vec::new();
    let to_compute: Vec<CellPosition> = positions
        .iter()
        .copied()
        .filter(|&position| matches!(published.get(position), Some(Cell::Published(_))))
        .collect();
    to_compute
        .par_iter()
        .with_max_len(1)
        .map(|&position| compute(position))
        .collect_into_vec(&mut results);
    let mut results = results.into_iter();
    for position in positions {
        let cell = match published.get(position) {
            Some(Cell::Published(_)) => match results.next() {
                Some(result) => Published::Value(result?),
                None => Published::suppressed(),
            },
            _ => Published::suppressed(),
        };
        match position {
            CellPosition::Interior { row, .. } => {
                if table.cells.len() <= row {
                    table.cells.push(Vec::new());
                }
                table.cells[row].push(cell);
            }
            CellPosition::RowTotal { .. } => table.row_totals.push(cell),
            CellPosition::ColumnTotal { .. } => table.column_totals.push(cell),
            CellPosition::GrandTotal => table.grand_total = cell,
        }
    }
    Ok(table)
}

/// The month of a date, which decides every period it falls in.
fn month_of(date: time::Date) -> (i32, time::Month) {
    (date.year(), date.month())
}

impl OutcomeSummary {
    /// The outcome table of one instrument by two dimensions, with disclosure control.
    /// Clients are placed by their baseline date (the cohort that started in a period);
    /// a cell's persons are its clients with a valid baseline.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    /// use rakenne_metrics::{Dimension, EvaluationContext, OutcomeSummary, Pairing, Yardsticks, builtin};
    ///
    /// let phq9 = builtin::phq9();
    /// let context = EvaluationContext::new(&[], &[]);
    /// let yardsticks = Yardsticks::for_instrument(&phq9, &[]);
    /// // Nothing to tabulate is an error, not an empty table.
    /// let empty = OutcomeSummary::table(
    ///     &phq9, &Pairing::default(), &context, Dimension::Area, Dimension::Quarter,
    ///     &yardsticks, DisclosureRule::default(),
    /// );
    /// assert!(empty.is_err());
    /// ```
    pub fn table(
        definition: &InstrumentDefinition,
        pairing: &Pairing,
        context: &EvaluationContext<'_>,
        rows: Dimension,
        columns: Dimension,
        yardsticks: &Yardsticks,
        rule: DisclosureRule,
    ) -> Result<ResultTable<OutcomeSummary>, Error> {
        // Records 0..P are the pairs, P.. the drop-outs.
        let n_pairs = pairing.pairs.len();
        let record = |i: usize| {
            if i < n_pairs {
                let p = &pairing.pairs[i];
                (&p.client, p.implementation.as_ref(), p.baseline_on)
            } else {
                let d = &pairing.dropouts[i - n_pairs];
                (&d.client, d.implementation.as_ref(), d.baseline_on)
            }
        };
        let records = OutcomeRecords {
            pairs: n_pairs,
            dropouts: pairing.dropouts.len(),
            record,
            memo: |i: usize| {
                let (client, implementation, on) = record(i);
                (
                    implementation.map(|i| Text(i.as_str())),
                    month_of(on),
                    client.age_group(),
                    client.gender(),
                )
            },
            values: |i: usize| pairing.pairs[i].values,
            hundredths: |i: usize| pairing.pairs[i].values.hundredths(),
        };
        outcome_table(
            definition,
            &records,
            context,
            (rows, columns),
            yardsticks,
            rule,
        )
    }

    /// The outcome table of [`PairedScores`], as [`table`](Self::table) makes it of
    /// their [`to_pairing`](PairedScores::to_pairing), without the rows: the same table,
    /// bit for bit.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    /// use rakenne_metrics::{Dimension, EvaluationContext, OutcomeSummary, PairedScores, Yardsticks, builtin};
    /// use rakenne_model::{Client, InstrumentAdministration, ItemResponse, Occasion};
    /// use time::macros::date;
    ///
    /// let who5 = builtin::who5();
    /// let administer = |c: usize, occasion, score: &str, on| {
    ///     let responses = (1..=5)
    ///         .map(|i| ItemResponse::scored(format!("q{i}").parse().unwrap(), score.parse().unwrap()))
    ///         .collect();
    ///     InstrumentAdministration::new(format!("M{c}{occasion:?}").parse().unwrap(),
    ///         "WHO-5".parse().unwrap(), Client::new(format!("C{c}").parse().unwrap()), on,
    ///         occasion, responses).unwrap()
    /// };
    /// let data: Vec<InstrumentAdministration> = (0..12)
    ///     .flat_map(|c| [
    ///         administer(c, Occasion::Baseline, "2", date!(2025 - 01 - 10)),
    ///         administer(c, Occasion::FollowUp, if c % 2 == 0 { "3" } else { "4" }, date!(2025 - 05 - 10)),
    ///     ])
    ///     .collect();
    /// let scores = PairedScores::new(&who5, &data)?;
    /// let yardsticks = Yardsticks::for_instrument(&who5, &scores.baselines());
    /// let context = EvaluationContext::new(&[], &[]);
    /// let table = OutcomeSummary::table_of_scores(&who5, &scores, &context,
    ///     Dimension::Quarter, Dimension::Year, &yardsticks, DisclosureRule::default())?;
    /// assert_eq!(table.grand_total.value().unwrap().clients_paired, 12);
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn table_of_scores(
        definition: &InstrumentDefinition,
        scores: &PairedScores<'_>,
        context: &EvaluationContext<'_>,
        rows: Dimension,
        columns: Dimension,
        yardsticks: &Yardsticks,
        rule: DisclosureRule,
    ) -> Result<ResultTable<OutcomeSummary>, Error> {
        let administrations = scores.administrations();
        let records = OutcomeRecords {
            pairs: scores.pair_count(),
            dropouts: scores.dropout_count(),
            record: |i: usize| {
                let a = &administrations[scores.baseline_position(i)];
                (a.client(), a.implementation(), a.administered_on())
            },
            memo: |i: usize| scores.placement(i).reduced_to(rows, columns),
            values: |i: usize| scores.pair_values(i),
            hundredths: |i: usize| scores.pair_hundredths(i),
        };
        outcome_table(
            definition,
            &records,
            context,
            (rows, columns),
            yardsticks,
            rule,
        )
    }
}

/// The records of an outcome table: `pairs` pairs, then `dropouts` drop-outs; `record`
/// gives the client, implementation and baseline date of a record, `memo` what decides
/// its keys (see [`group`]), `values` the scores of a pair.
struct OutcomeRecords<R, M, V, H> {
    pairs: usize,
    dropouts: usize,
    record: R,
    memo: M,
    values: V,
    hundredths: H,
}

/// The one computation behind [`OutcomeSummary::table`] and
/// [`OutcomeSummary::table_of_scores`].
fn outcome_table<'r, R, K, M, V, H>(
    definition: &InstrumentDefinition,
    records: &OutcomeRecords<R, M, V, H>,
    context: &EvaluationContext<'_>,
    (rows, columns): (Dimension, Dimension),
    yardsticks: &Yardsticks,
    rule: DisclosureRule,
) -> Result<ResultTable<OutcomeSummary>, Error>
where
    R: Fn(usize) -> (&'r Client, Option<&'r ImplementationId>, time::Date) + Sync,
    K: Hash + Eq,
    M: Fn(usize) -> K + Sync,
    V: Fn(usize) -> PairValues,
    H: Fn(usize) -> Option<[i64; 3]>,
{
    let n_pairs = records.pairs;
    let n = n_pairs + records.dropouts;
    let record = &records.record;
    let key = |i: usize, dimension| {
        let (client, implementation, on) = record(i);
        context.key(dimension, client, implementation, on)
    };
    // Pairs on the grid of hundredths (nearly always): each summed once into its cell,
    // and every position from the sums of its cells.
    if GridSums::can_sum(n_pairs) {
        let counter = yardsticks
            .reliable_change
            .as_ref()
            .map(|c| ChangeCounter::new(c, yardsticks.direction, yardsticks.clinical_cutoff));
        let mut magnitudes = Magnitudes::default();
        let add = |sums: &mut PairSums, i: usize| {
            if i >= n_pairs {
                // A drop-out: counted, nothing to sum.
                return Some(());
            }
            let hundredths = (records.hundredths)(i)?;
            sums.grid.add(hundredths);
            let change = hundredths[2];
            if change != 0 {
                sums.count_change(magnitudes.slot(change.unsigned_abs()), change > 0);
            }
            if let Some(counter) = &counter {
                let pair = (records.values)(i);
                counter.count(&mut sums.changes, pair.baseline(), pair.follow_up());
            }
            Some(())
        };
        let summed = sum_by_cell(n, &records.memo, key, rows, columns, add)?;
        if let Some((grouped, cells)) = summed {
            let ascending = magnitudes.ascending();
            return publish_summed(
                &grouped,
                (rows, columns),
                rule,
                &cells,
                PairSums::merge,
                |sums, records| {
                    let dropouts = records - sums.grid.len();
                    OutcomeSummary::of_sums(&definition.id, sums, &ascending, dropouts, yardsticks)
                },
            );
        }
    }
    let grouped = group(n, &records.memo, key, rows, columns)?;
    // Otherwise the pairs' scores, cell by cell, converted once for every position they
    // are in.
    let (columns_of_pairs, pair_bounds) = grouped.lay_out_into(
        |i| i < n_pairs,
        PairColumns::zeroed,
        |columns, slot, i| columns.set(slot, &(records.values)(i)),
    );
    publish(
        &grouped,
        rows,
        columns,
        rule,
        |position| grouped.count(position) as u64,
        |position| {
            let ranges = grouped.ranges(&pair_bounds, position);
            let pairs: u64 = ranges.iter().map(|r| r.len() as u64).sum();
            let dropouts = grouped.count(position) as u64 - pairs;
            let summary =
                |values| OutcomeSummary::of_values(&definition.id, values, dropouts, yardsticks);
            if let [range] = ranges.as_slice() {
                summary(columns_of_pairs.slice(range.clone()))
            } else {
                // A column total: its cells, gathered in row order.
                let mut gathered = PairColumns::with_capacity(ranges.iter().map(Range::len).sum());
                for range in ranges {
                    gathered.extend(&columns_of_pairs, range);
                }
                summary(gathered.slice(0..gathered.len()))
            }
        },
    )
}

/// Goal attainment of a group: the clients' GAS T-scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GasSummary {
    /// Clients with at least one evaluated goal.
    pub clients: u64,
    /// Mean of the clients' follow-up T-scores (none without clients).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_t: Option<f64>,
    /// Clients whose T-score is at least 50 (goals met as expected or better on balance);
    /// none without clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t_at_least_50: Option<Proportion>,
}

/// One client's follow-up GAS T-score, placed for grouping.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClientGas {
    /// The client.
    pub client: rakenne_model::Client,
    /// The implementation of the goals.
    pub implementation: Option<rakenne_model::ImplementationId>,
    /// The date the first goal was set (the cohort date).
    pub set_on: time::Date,
    /// The T-score.
    pub t_score: f64,
}

impl GasSummary {
    /// Each client's follow-up T-score, from goals grouped per client and implementation;
    /// clients without evaluated goals are left out. Clients come in the order in which
    /// they first appear in `goals`.
    pub fn client_scores(goals: &[rakenne_model::GasGoal], scoring: &GasScoring) -> Vec<ClientGas> {
        ClientGasScores::new(goals, scoring).to_clients()
    }

    /// The summary of clients' T-scores (a group of no clients has only its count, 0).
    pub fn of(clients: &[&ClientGas]) -> Result<Self, Error> {
        GasSummary::of_scores(clients.iter().map(|c| c.t_score))
    }

    /// The summary of a group's T-scores: the mean from their exact sum when they can be
    /// summed exactly (see [`t_score_sums`](crate::t_score_sums)), which does not depend
    /// on their order; otherwise summed in the order given.
    fn of_scores(scores: impl Iterator<Item = f64> + Clone) -> Result<Self, Error> {
        if let Some(sums) = TScoreSums::of(scores.clone()) {
            return GasSummary::of_sums(&sums);
        }
        let n = scores.clone().count() as u64;
        if n == 0 {
            return Ok(GasSummary {
                clients: 0,
                mean_t: None,
                t_at_least_50: None,
            });
        }
        let mean_t = scores.clone().sum::<f64>() / n as f64;
        let met = scores.filter(|&t| t >= 50.0).count() as u64;
        Ok(GasSummary {
            clients: n,
            mean_t: Some(mean_t),
            t_at_least_50: Some(Proportion::wilson(met, n)?),
        })
    }

    /// The summary of T-scores from their exact sums.
    fn of_sums(sums: &TScoreSums) -> Result<Self, Error> {
        let n = sums.len();
        Ok(GasSummary {
            clients: n,
            mean_t: sums.mean(),
            t_at_least_50: (n > 0)
                .then(|| Proportion::wilson(sums.at_least_50(), n))
                .transpose()?,
        })
    }

    /// The GAS table by two dimensions, with disclosure control; clients are placed by
    /// the date their first goal was set.
    pub fn table(
        clients: &[ClientGas],
        context: &EvaluationContext<'_>,
        rows: Dimension,
        columns: Dimension,
        rule: DisclosureRule,
    ) -> Result<ResultTable<GasSummary>, Error> {
        let record = |i: usize| {
            let c = &clients[i];
            (&c.client, c.implementation.as_ref(), c.set_on)
        };
        gas_table(
            clients.len(),
            record,
            |i| {
                let (client, implementation, on) = record(i);
                (
                    implementation.map(|i| Text(i.as_str())),
                    month_of(on),
                    client.age_group(),
                    client.gender(),
                )
            },
            |i| clients[i].t_score,
            context,
            (rows, columns),
            rule,
        )
    }

    /// The GAS table of [`ClientGasScores`], as [`table`](Self::table) makes it of their
    /// [`to_clients`](ClientGasScores::to_clients), without the rows: the same table, bit
    /// for bit.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    /// use rakenne_metrics::{ClientGasScores, Dimension, EvaluationContext, GasScoring, GasSummary};
    /// use rakenne_model::{Client, GasGoal, GasLevel};
    /// use time::macros::date;
    ///
    /// let goals: Vec<GasGoal> = (0..12)
    ///     .map(|c| GasGoal::new(format!("G{c}").parse().unwrap(),
    ///         Client::new(format!("C{c}").parse().unwrap()), "Tavoite".parse().unwrap(),
    ///         date!(2025 - 02 - 03)).unwrap()
    ///         .evaluated(GasLevel::new(0).unwrap(), date!(2025 - 05 - 03)).unwrap())
    ///     .collect();
    /// let scores = ClientGasScores::new(&goals, &GasScoring::default());
    /// let context = EvaluationContext::new(&[], &[]);
    /// let table = GasSummary::table_of_scores(&scores, &context, Dimension::Quarter,
    ///     Dimension::Year, DisclosureRule::default())?;
    /// assert_eq!(table.grand_total.value().unwrap().mean_t, Some(50.0));
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn table_of_scores(
        scores: &ClientGasScores<'_>,
        context: &EvaluationContext<'_>,
        rows: Dimension,
        columns: Dimension,
        rule: DisclosureRule,
    ) -> Result<ResultTable<GasSummary>, Error> {
        gas_table(
            scores.len(),
            |i| {
                let goal = scores.first_goal(i);
                (goal.client(), goal.implementation(), goal.set_on())
            },
            |i| scores.placement(i).reduced_to(rows, columns),
            |i| scores.t_score(i),
            context,
            (rows, columns),
            rule,
        )
    }
}

/// The one computation behind [`GasSummary::table`] and [`GasSummary::table_of_scores`]:
/// `n` clients, `record` giving the client, implementation and cohort date of each,
/// `memo` what decides its keys (see [`group`]) and `t_score` its T-score.
fn gas_table<'r, K: Hash + Eq>(
    n: usize,
    record: impl Fn(usize) -> (&'r Client, Option<&'r ImplementationId>, time::Date) + Sync,
    memo: impl Fn(usize) -> K + Sync,
    t_score: impl Fn(usize) -> f64,
    context: &EvaluationContext<'_>,
    (rows, columns): (Dimension, Dimension),
    rule: DisclosureRule,
) -> Result<ResultTable<GasSummary>, Error> {
    let key = |i: usize, dimension| {
        let (client, implementation, on) = record(i);
        context.key(dimension, client, implementation, on)
    };
    // T-scores that can be summed exactly (nearly always): each summed once into its
    // cell, and every position from the sums of its cells.
    let add = |sums: &mut TScoreSums, i: usize| sums.add(t_score(i));
    if let Some((grouped, cells)) = sum_by_cell(n, &memo, key, rows, columns, add)? {
        return publish_summed(
            &grouped,
            (rows, columns),
            rule,
            &cells,
            TScoreSums::merge,
            |sums, _| GasSummary::of_sums(sums),
        );
    }
    let grouped = group(n, memo, key, rows, columns)?;
    // Otherwise the T-scores cell by cell, so that every position reads them in order.
    let (scores, bounds) = grouped.lay_out(|_| true, t_score);
    publish(
        &grouped,
        rows,
        columns,
        rule,
        |position| grouped.count(position) as u64,
        |position| {
            let ranges = grouped.ranges(&bounds, position);
            GasSummary::of_scores(ranges.into_iter().flat_map(|range| &scores[range]).copied())
        },
    )
}

impl ReachSummary {
    /// The reach table of service episodes by two dimensions, with disclosure control.
    /// Episodes are placed by their own welfare area and municipality (not only their
    /// implementation's) and by the date of first contact; a position's persons are its
    /// distinct clients.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::DisclosureRule;
    /// use rakenne_metrics::{Dimension, EvaluationContext, ReachSummary};
    /// use rakenne_model::{Client, ServiceClass, ServiceEpisode};
    /// use time::macros::date;
    ///
    /// let episodes: Vec<ServiceEpisode> = (0..12)
    ///     .map(|i| ServiceEpisode::builder(
    ///         format!("E{i}").parse().unwrap(), Client::new(format!("C{i}").parse().unwrap()),
    ///         ServiceClass::SocialWork, "08".parse().unwrap(), date!(2025 - 03 - 01),
    ///     ).contacts(3).new_client(true).build().unwrap())
    ///     .collect();
    /// let context = EvaluationContext::new(&[], &[]);
    /// let table = ReachSummary::table(&episodes, &context, Dimension::Area, Dimension::Quarter,
    ///     DisclosureRule::default())?;
    /// let total = table.grand_total.value().unwrap();
    /// assert_eq!(total.clients_reached, 12);
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn table(
        episodes: &[ServiceEpisode],
        context: &EvaluationContext<'_>,
        rows: Dimension,
        columns: Dimension,
        rule: DisclosureRule,
    ) -> Result<ResultTable<ReachSummary>, Error> {
        let key = |i: usize, dimension| {
            let e = &episodes[i];
            match dimension {
                Dimension::Area => Some(GroupKey::Area(e.area())),
                Dimension::Municipality => e.municipality().map(GroupKey::Municipality),
                _ => context.key(dimension, e.client(), e.implementation(), e.first_contact()),
            }
        };
        let grouped = group(
            episodes.len(),
            |i| {
                let e = &episodes[i];
                (
                    e.area(),
                    e.municipality(),
                    e.implementation().map(|i| Text(i.as_str())),
                    month_of(e.first_contact()),
                    e.client().age_group(),
                    e.client().gender(),
                )
            },
            key,
            rows,
            columns,
        )?;
        let (order, bounds) = grouped.lay_out(|_| true, |i| i);
        let records = |position| {
            grouped
                .ranges(&bounds, position)
                .into_iter()
                .flat_map(|range| &order[range])
                .map(|&i| &episodes[i])
        };
        let distinct_clients = |position| {
            let mut ids: Vec<&str> = records(position)
                .map(|e| e.client().id().as_str())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len() as u64
        };
        publish(
            &grouped,
            rows,
            columns,
            rule,
            distinct_clients,
            |position| ReachSummary::of(records(position)),
        )
    }
}

/// All baseline scores of a pairing, for [`Yardsticks::for_instrument`].
pub fn baseline_scores(pairing: &Pairing) -> Vec<Decimal> {
    pairing
        .pairs
        .iter()
        .map(|p| p.baseline)
        .chain(pairing.dropouts.iter().map(|d| d.baseline))
        .collect()
}

/// The share of a table's persons that is published, for reporting how much disclosure
/// control hid.
pub fn published_share<T>(table: &ResultTable<T>, persons: impl Fn(&T) -> u64) -> Option<f64> {
    let total: u64 = table.grand_total.value().map(&persons)?;
    let published: u64 = table
        .cells
        .iter()
        .flatten()
        .filter_map(Published::value)
        .map(&persons)
        .sum();
    (total > 0).then(|| {
        (Decimal::from(published) / Decimal::from(total))
            .to_f64()
            .unwrap_or_default()
    })
}
