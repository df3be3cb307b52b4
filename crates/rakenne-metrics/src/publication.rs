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

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::disclosure::{Cell, CellPosition, DisclosureRule, Observation, Table};
use crate::gas::GasSums;
use crate::tracks::Tracks;
use rakenne_model::ServiceEpisode;

use crate::{
    Dimension, Dropout, Error, EvaluationContext, GasScoring, GroupKey, InstrumentDefinition,
    OutcomeSummary, Pairing, Proportion, ReachSummary, ScorePair, Yardsticks,
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

    fn suppressed() -> Self {
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

/// Items grouped into a two-way table, with the items of each margin.
struct Grouped<'r, R> {
    row_keys: Vec<GroupKey>,
    column_keys: Vec<GroupKey>,
    cells: BTreeMap<(usize, usize), Vec<&'r R>>,
    unplaced: u64,
}

fn group<R>(
    records: &[R],
    key: impl Fn(&R, Dimension) -> Option<GroupKey>,
    rows: Dimension,
    columns: Dimension,
) -> Grouped<'_, R> {
    let mut placed: FxHashMap<(GroupKey, GroupKey), Vec<&R>> = FxHashMap::default();
    let mut unplaced = 0;
    for record in records {
        match (key(record, rows), key(record, columns)) {
            (Some(r), Some(c)) => placed.entry((r, c)).or_default().push(record),
            _ => unplaced += 1,
        }
    }
    let mut row_keys: Vec<GroupKey> = placed.keys().map(|(r, _)| r.clone()).collect();
    row_keys.sort();
    row_keys.dedup();
    let mut column_keys: Vec<GroupKey> = placed.keys().map(|(_, c)| c.clone()).collect();
    column_keys.sort();
    column_keys.dedup();
    let cells = placed
        .into_iter()
        .map(|((r, c), items)| {
            let row = row_keys.binary_search(&r).unwrap_or_default();
            let column = column_keys.binary_search(&c).unwrap_or_default();
            ((row, column), items)
        })
        .collect();
    Grouped {
        row_keys,
        column_keys,
        cells,
        unplaced,
    }
}

impl<R> Grouped<'_, R> {
    /// The records of every position of the table (cells, totals, grand total).
    fn positions(&self) -> Vec<(CellPosition, Vec<&R>)> {
        let (n_rows, n_columns) = (self.row_keys.len(), self.column_keys.len());
        let cell = |row, column| self.cells.get(&(row, column)).cloned().unwrap_or_default();
        let mut out = Vec::new();
        for row in 0..n_rows {
            for column in 0..n_columns {
                out.push((CellPosition::Interior { row, column }, cell(row, column)));
            }
        }
        for row in 0..n_rows {
            let items = (0..n_columns)
                .flat_map(|column| cell(row, column))
                .collect();
            out.push((CellPosition::RowTotal { row }, items));
        }
        for column in 0..n_columns {
            let items = (0..n_rows).flat_map(|row| cell(row, column)).collect();
            out.push((CellPosition::ColumnTotal { column }, items));
        }
        out.push((
            CellPosition::GrandTotal,
            self.cells.values().flatten().copied().collect(),
        ));
        out
    }
}

/// Builds a result table: computes each position's result and its person count, runs
/// disclosure control on the counts, and leaves out the suppressed results.
fn publish<R, T>(
    grouped: &Grouped<'_, R>,
    rows: Dimension,
    columns: Dimension,
    rule: DisclosureRule,
    persons: impl Fn(&[&R]) -> u64,
    compute: impl Fn(&[&R]) -> Result<T, Error>,
) -> Result<ResultTable<T>, Error> {
    let labels = |keys: &[GroupKey]| keys.iter().map(GroupKey::label).collect::<Vec<_>>();
    if grouped.row_keys.is_empty() {
        return Err(Error::TooFewObservations {
            statistic: "publication table",
            needed: 1,
            got: 0,
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
    for (position, items) in &positions {
        let count = Observation::count(persons(items));
        match *position {
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
    for (position, items) in positions {
        let cell = match published.get(position) {
            Some(Cell::Published(_)) => Published::Value(compute(&items)?),
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

/// A client's record in an outcome table: a pair, or a baseline without follow-up.
enum OutcomeRecord<'a> {
    Pair(&'a ScorePair),
    Dropout(&'a Dropout),
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
        let records: Vec<OutcomeRecord<'_>> = pairing
            .pairs
            .iter()
            .map(OutcomeRecord::Pair)
            .chain(pairing.dropouts.iter().map(OutcomeRecord::Dropout))
            .collect();
        let key = |record: &OutcomeRecord<'_>, dimension| match record {
            OutcomeRecord::Pair(p) => context.key(
                dimension,
                &p.client,
                p.implementation.as_ref(),
                p.baseline_on,
            ),
            OutcomeRecord::Dropout(d) => context.key(
                dimension,
                &d.client,
                d.implementation.as_ref(),
                d.baseline_on,
            ),
        };
        let grouped = group(&records, key, rows, columns);
        publish(
            &grouped,
            rows,
            columns,
            rule,
            |items| items.len() as u64,
            |items| {
                let mut pairs = Vec::new();
                let mut dropouts = Vec::new();
                for item in items {
                    match item {
                        OutcomeRecord::Pair(p) => pairs.push(*p),
                        OutcomeRecord::Dropout(d) => dropouts.push(*d),
                    }
                }
                OutcomeSummary::of(&definition.id, &pairs, &dropouts, yardsticks)
            },
        )
    }
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
        let tracks = Tracks::group(goals.len(), |p| {
            let goal = &goals[p];
            (
                goal.client().id().as_str(),
                goal.implementation()
                    .map(rakenne_model::ImplementationId::as_str),
            )
        });
        // At most one client per track; reserving that much costs only address space.
        let mut clients = Vec::with_capacity(tracks.len());
        for t in 0..tracks.len() {
            let mut positions = tracks.positions(t);
            let Some(start) = positions.next() else {
                continue;
            };
            // The goal set first (on equal dates the first), and the running sums of the
            // evaluated goals in input order.
            let mut first = &goals[start];
            let mut sums = GasSums::default();
            for goal in std::iter::once(first).chain(positions.map(|p| &goals[p])) {
                if goal.set_on() < first.set_on() {
                    first = goal;
                }
                if let Some(level) = goal.follow_up_level() {
                    sums.add(level, goal.weight());
                }
            }
            if sums.goals > 0 {
                clients.push(ClientGas {
                    client: first.client().clone(),
                    implementation: first.implementation().cloned(),
                    set_on: first.set_on(),
                    t_score: scoring.t_from_sums(&sums),
                });
            }
        }
        clients
    }

    /// The summary of clients' T-scores (a group of no clients has only its count, 0).
    pub fn of(clients: &[&ClientGas]) -> Result<Self, Error> {
        let n = clients.len() as u64;
        if n == 0 {
            return Ok(GasSummary {
                clients: 0,
                mean_t: None,
                t_at_least_50: None,
            });
        }
        let mean_t = clients.iter().map(|c| c.t_score).sum::<f64>() / n as f64;
        let met = clients.iter().filter(|c| c.t_score >= 50.0).count() as u64;
        Ok(GasSummary {
            clients: n,
            mean_t: Some(mean_t),
            t_at_least_50: Some(Proportion::wilson(met, n)?),
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
        let key = |c: &ClientGas, dimension| {
            context.key(dimension, &c.client, c.implementation.as_ref(), c.set_on)
        };
        let grouped = group(clients, key, rows, columns);
        publish(
            &grouped,
            rows,
            columns,
            rule,
            |items| items.len() as u64,
            GasSummary::of,
        )
    }
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
        let key = |e: &ServiceEpisode, dimension| match dimension {
            Dimension::Area => Some(GroupKey::Area(e.area())),
            Dimension::Municipality => e.municipality().map(GroupKey::Municipality),
            _ => context.key(dimension, e.client(), e.implementation(), e.first_contact()),
        };
        let grouped = group(episodes, key, rows, columns);
        let distinct_clients = |items: &[&ServiceEpisode]| {
            let mut ids: Vec<&str> = items.iter().map(|e| e.client().id().as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len() as u64
        };
        publish(&grouped, rows, columns, rule, distinct_clients, |items| {
            ReachSummary::of(items.iter().copied())
        })
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
