//! The public contract of `rakenne_metrics::disclosure`.
//!
//! Hand-made tables whose suppression pattern is worked out in the comments; audits of
//! hand-built patterns; the audit's bridge criterion checked against exact linear algebra
//! on every suppression pattern of tables up to 3 × 3; and properties of suppression on
//! random tables.

use std::sync::OnceLock;

use proptest::prelude::*;
use rakenne_metrics::Error;
use rakenne_metrics::disclosure::{Cell, CellPosition, DisclosureRule, Observation, Table};
use rust_decimal::Decimal;
use serde_json::json;

// ---------------------------------------------------------------------------------------
// Helpers

fn labels(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// An additive table of person counts.
fn counts(rows: &[&[u64]]) -> Table<Observation> {
    let cells: Vec<Vec<Observation>> = rows
        .iter()
        .map(|row| row.iter().copied().map(Observation::count).collect())
        .collect();
    Table::additive(labels("r", rows.len()), labels("c", rows[0].len()), cells)
        .expect("test tables are rectangular with unique labels")
}

fn interior(row: usize, column: usize) -> CellPosition {
    CellPosition::Interior { row, column }
}

fn suppressed(table: &Table<Cell>) -> Vec<CellPosition> {
    table
        .iter()
        .filter(|(_, cell)| cell.is_suppressed())
        .map(|(position, _)| position)
        .collect()
}

fn rule(k: u64) -> DisclosureRule {
    DisclosureRule::new(k).expect("test thresholds are at least 1")
}

/// Every position of a `rows × columns` table, in [`CellPosition`] order.
fn all_positions(rows: usize, columns: usize) -> Vec<CellPosition> {
    let mut positions: Vec<CellPosition> = (0..rows)
        .flat_map(|row| (0..columns).map(move |column| interior(row, column)))
        .collect();
    positions.extend((0..rows).map(|row| CellPosition::RowTotal { row }));
    positions.extend((0..columns).map(|column| CellPosition::ColumnTotal { column }));
    positions.push(CellPosition::GrandTotal);
    positions
}

/// A published table of the given shape in which exactly `hidden` are suppressed. The
/// published values do not matter to the audit.
fn pattern(rows: usize, columns: usize, hidden: &[CellPosition]) -> Table<Cell> {
    let cell = |position| {
        if hidden.contains(&position) {
            Cell::Suppressed
        } else {
            Cell::Published(Observation::count(10))
        }
    };
    Table::with_margins(
        labels("r", rows),
        labels("c", columns),
        (0..rows)
            .map(|row| {
                (0..columns)
                    .map(|column| cell(interior(row, column)))
                    .collect()
            })
            .collect(),
        (0..rows)
            .map(|row| cell(CellPosition::RowTotal { row }))
            .collect(),
        (0..columns)
            .map(|column| cell(CellPosition::ColumnTotal { column }))
            .collect(),
        cell(CellPosition::GrandTotal),
    )
    .expect("the pattern has the shape of its labels")
}

// ---------------------------------------------------------------------------------------
// Suppression of hand-made tables

#[test]
fn one_small_cell_gets_the_cheapest_rectangle() {
    // Margins: rows 32, 120, 210; columns 92, 120, 150; total 362; none small.
    // The 2 needs a cycle r0 – c0 through other cells. The rectangles through (0, 0) cost
    // (0,1)+(1,1)+(1,0) = 10+40+30 = 80, (0,1)+(2,1)+(2,0) = 140, (0,2)+(1,2)+(1,0) = 100,
    // (0,2)+(2,2)+(2,0) = 160; any route through a margin costs more than 80 (a margin
    // holds at least the cells it sums).
    let table = counts(&[&[2, 10, 20], &[30, 40, 50], &[60, 70, 80]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(0, 1),
            interior(1, 0),
            interior(1, 1)
        ]
    );
    assert!(published.audit().is_safe());
}

#[test]
fn two_small_cells_in_a_row_share_one_complementary_row() {
    // The 2 and the 3 hide each other within row 0, but each is alone in its column.
    // One other row with both columns closes the rectangle: row 1 costs 10 + 20 = 30,
    // row 2 costs 15 + 12 = 27. Through the column totals: 25 + 35 = 60.
    let table = counts(&[&[2, 3, 40], &[10, 20, 30], &[15, 12, 70]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(0, 1),
            interior(2, 0),
            interior(2, 1)
        ]
    );
}

#[test]
fn small_cells_in_a_rectangle_protect_each_other() {
    // 2, 3 / 4, 1 form a rectangle on their own: every row and column sum has two
    // unknowns. Margins: rows 45, 55, 110; columns 36, 24, 150; none small.
    let table = counts(&[&[2, 3, 40], &[4, 1, 50], &[30, 20, 60]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(0, 1),
            interior(1, 0),
            interior(1, 1)
        ]
    );
}

#[test]
fn a_small_row_total_is_suppressed_and_protected() {
    // Row 0 holds 1 + 2 + 0 = 3 persons: its 1, its 2 and its total are primary; its 0 is
    // published. Row totals 3, 60, 150; column totals 51, 72, 90; total 213.
    // (0, 0) first: r0 – c1 is free, then (1, 1) = 20 and (1, 0) = 10 close the cheapest
    // rectangle (row 2 would cost 50 + 40). That leaves the row total of row 0 as the
    // only suppressed row total: the grand total minus the others gives it. The
    // cheapest second cell at that node is row 1's total (60; row 2's is 150, the grand
    // total 213).
    let table = counts(&[&[1, 2, 0], &[10, 20, 30], &[40, 50, 60]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(0, 1),
            interior(1, 0),
            interior(1, 1),
            CellPosition::RowTotal { row: 0 },
            CellPosition::RowTotal { row: 1 },
        ]
    );
    assert_eq!(
        published.get(interior(0, 2)),
        Some(&Cell::Published(Observation::count(0)))
    );
}

#[test]
fn zero_cells_are_published_and_not_used_as_complements() {
    // Hiding the 2 through the zero at (0, 1) would cost only 12 + 15, but a zero hides
    // little. Without zeros: (0, 2) + (2, 2) + (2, 0) = 40 + 70 + 15 = 125; through row 1
    // it is 40 + 300 + a zero, through row 0's total 42 + 97 + 15 = 154.
    let table = counts(&[&[2, 0, 40], &[0, 25, 300], &[15, 12, 70]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(0, 2),
            interior(2, 0),
            interior(2, 2)
        ]
    );
    let zero = Some(&Cell::Published(Observation::count(0)));
    assert_eq!(published.get(interior(0, 1)), zero);
    assert_eq!(published.get(interior(1, 0)), zero);
}

#[test]
fn a_table_without_small_cells_is_published_whole() {
    let table = counts(&[&[0, 5, 17], &[6, 0, 0]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert!(suppressed(&published).is_empty());
    for (position, cell) in published.iter() {
        assert_eq!(cell.published().as_ref(), table.get(position));
    }
}

#[test]
fn a_table_of_few_persons_hides_every_person() {
    // 3 persons in all: every cell with anyone in it is under 5, margins included. The
    // zeros stay; the suppressed cells form two cycles through the grand total.
    let table = counts(&[&[1, 0], &[0, 2]]);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(1, 1),
            CellPosition::RowTotal { row: 0 },
            CellPosition::RowTotal { row: 1 },
            CellPosition::ColumnTotal { column: 0 },
            CellPosition::ColumnTotal { column: 1 },
            CellPosition::GrandTotal,
        ]
    );
    assert!(published.audit().is_safe());
}

#[test]
fn a_single_cell_table_is_hidden_entirely_when_small() {
    // Cell, row total, column total and grand total are all the same 3 persons.
    let published = DisclosureRule::default().suppress_small_cells(&counts(&[&[3]]));
    assert_eq!(suppressed(&published), all_positions(1, 1));
}

#[test]
fn a_rule_of_one_person_suppresses_nothing() {
    let table = counts(&[&[1, 2], &[3, 0]]);
    assert!(suppressed(&rule(1).suppress_small_cells(&table)).is_empty());
}

#[test]
fn the_threshold_counts_persons_not_values() {
    // 40 visits by 3 clients are suppressed however many the visits; a mean of 0.5 over
    // 12 clients is published however small the mean. The table is one row: row total
    // 15 persons, column totals the cells themselves, grand total 15.
    let visits = Observation::new(Decimal::from(40), 3);
    let mean = Observation::new(Decimal::new(5, 1), 12);
    let table = Table::with_margins(
        labels("r", 1),
        labels("c", 2),
        vec![vec![visits, mean]],
        vec![Observation::new(Decimal::from(46), 15)],
        vec![visits, mean],
        Observation::new(Decimal::from(46), 15),
    )
    .unwrap();
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert_eq!(published.get(interior(0, 0)), Some(&Cell::Suppressed));
    // Its column total is the same 3 persons and is suppressed too. Closing a cycle
    // through both costs (0, 1) + column total 1 = 12 + 12 persons, less than the row
    // total and the grand total (15 + 15).
    assert_eq!(
        suppressed(&published),
        [
            interior(0, 0),
            interior(0, 1),
            CellPosition::ColumnTotal { column: 0 },
            CellPosition::ColumnTotal { column: 1 },
        ]
    );
}

#[test]
fn a_statistic_over_nobody_is_published_without_a_value() {
    let mean = |tenths, persons| Observation::new(Decimal::new(tenths, 1), persons);
    let table = Table::with_margins(
        labels("r", 2),
        labels("c", 2),
        vec![
            vec![mean(12, 20), Observation::without_value(0)],
            vec![mean(7, 30), mean(9, 25)],
        ],
        vec![mean(12, 20), mean(8, 55)],
        vec![mean(9, 50), mean(9, 25)],
        mean(9, 75),
    )
    .unwrap();
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert!(suppressed(&published).is_empty());
    let json = serde_json::to_value(&published).unwrap();
    assert_eq!(json["cells"][0][1], json!({"persons": 0}));
    assert_eq!(json["cells"][0][0], json!({"value": "1.2", "persons": 20}));
}

#[test]
fn the_default_rule_is_five_persons() {
    assert_eq!(DisclosureRule::default().min_persons(), 5);
    assert_eq!(
        serde_json::to_value(DisclosureRule::default()).unwrap(),
        json!({"min_persons": 5})
    );
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    let is_invalid = |result: Result<_, Error>| {
        matches!(
            result.map(|_: Table<Observation>| ()),
            Err(Error::InvalidParameter { .. })
        )
    };
    let row = |n: usize| vec![Observation::count(7); n];
    // Ragged.
    assert!(is_invalid(Table::additive(
        labels("r", 2),
        labels("c", 2),
        vec![row(2), row(3)]
    )));
    // Fewer rows than row labels, more columns than column labels.
    assert!(is_invalid(Table::additive(
        labels("r", 3),
        labels("c", 2),
        vec![row(2); 2]
    )));
    assert!(is_invalid(Table::additive(
        labels("r", 2),
        labels("c", 2),
        vec![row(3); 2]
    )));
    // Margins that do not match the labels.
    assert!(is_invalid(Table::with_margins(
        labels("r", 2),
        labels("c", 2),
        vec![row(2); 2],
        row(1),
        row(2),
        Observation::count(28),
    )));
    // No rows at all; a repeated label.
    assert!(is_invalid(Table::additive(vec![], labels("c", 2), vec![])));
    assert!(is_invalid(Table::additive(
        vec!["a".into(), "a".into()],
        labels("c", 1),
        vec![row(1); 2]
    )));
    assert!(matches!(
        DisclosureRule::new(0),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn a_year_of_quarters_in_every_area_is_protected() {
    // 22 areas (the 21 welfare areas and Helsinki) × 4 quarters, with a small cell in
    // every third area. (Suppression of a table this size takes well under a
    // millisecond in a release build; a benchmark is to follow, no timing here.)
    let cells: Vec<Vec<u64>> = (0..22_u64)
        .map(|area| {
            (0..4_u64)
                .map(|quarter| {
                    if area % 3 == 0 && quarter == area % 4 {
                        1 + area % 4
                    } else {
                        20 + 7 * area + 3 * quarter
                    }
                })
                .collect()
        })
        .collect();
    let rows: Vec<&[u64]> = cells.iter().map(Vec::as_slice).collect();
    let table = counts(&rows);
    let published = DisclosureRule::default().suppress_small_cells(&table);
    assert!(published.audit().is_safe());
    for area in (0..22).step_by(3) {
        assert!(
            published
                .get(interior(area, area % 4))
                .unwrap()
                .is_suppressed()
        );
    }
}

// ---------------------------------------------------------------------------------------
// The audit on hand-built patterns

#[test]
fn one_suppressed_cell_is_exposed() {
    let audit = pattern(2, 2, &[interior(0, 0)]).audit();
    assert!(!audit.is_safe());
    assert_eq!(audit.exposed(), [interior(0, 0)]);
}

#[test]
fn a_rectangle_of_four_suppressed_cells_is_safe() {
    let rectangle = [
        interior(0, 1),
        interior(0, 2),
        interior(2, 1),
        interior(2, 2),
    ];
    assert!(pattern(3, 3, &rectangle).audit().is_safe());
}

#[test]
fn a_bridge_between_two_rectangles_is_exposed() {
    // Two rectangles, rows 0–1 × columns 0–1 and rows 2–3 × columns 2–3, joined by the
    // single cell (1, 2): it is the only link, so the other sums fix it.
    let mut hidden = vec![
        interior(0, 0),
        interior(0, 1),
        interior(1, 0),
        interior(1, 1),
        interior(2, 2),
        interior(2, 3),
        interior(3, 2),
        interior(3, 3),
    ];
    assert!(pattern(4, 4, &hidden).audit().is_safe());
    hidden.push(interior(1, 2));
    assert_eq!(pattern(4, 4, &hidden).audit().exposed(), [interior(1, 2)]);
}

#[test]
fn a_cell_and_its_row_total_are_exposed_through_the_column() {
    // The cell is its column total minus the column's published cells; the row total
    // then follows.
    let audit = pattern(2, 3, &[interior(0, 1), CellPosition::RowTotal { row: 0 }]).audit();
    assert_eq!(
        audit.exposed(),
        [interior(0, 1), CellPosition::RowTotal { row: 0 }]
    );
}

#[test]
fn a_cell_and_both_its_totals_are_exposed_through_the_grand_total() {
    // The row total is the grand total minus the other (published) row totals; the cell
    // and the column total follow. A graph with one node for all margins would see the
    // triangle row – column – totals and call this safe.
    let hidden = [
        interior(0, 0),
        CellPosition::RowTotal { row: 0 },
        CellPosition::ColumnTotal { column: 0 },
    ];
    assert_eq!(pattern(2, 2, &hidden).audit().exposed(), hidden);
    // With the grand total hidden as well the four form a cycle: safe.
    let mut with_grand_total = hidden.to_vec();
    with_grand_total.push(CellPosition::GrandTotal);
    assert!(pattern(2, 2, &with_grand_total).audit().is_safe());
}

#[test]
fn a_suppressed_grand_total_alone_is_exposed() {
    let audit = pattern(3, 2, &[CellPosition::GrandTotal]).audit();
    assert_eq!(audit.exposed(), [CellPosition::GrandTotal]);
}

#[test]
fn an_audit_serializes_the_exposed_positions() {
    let audit = pattern(2, 2, &[interior(1, 0), CellPosition::RowTotal { row: 1 }]).audit();
    assert_eq!(
        serde_json::to_value(&audit).unwrap(),
        json!({"exposed": [
            {"kind": "interior", "row": 1, "column": 0},
            {"kind": "row_total", "row": 1},
        ]})
    );
}

// ---------------------------------------------------------------------------------------
// The bridge criterion against exact linear algebra

/// An exact rational number, normalized with a positive denominator.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rational(i64, i64);

impl Rational {
    const ZERO: Self = Self(0, 1);

    fn new(n: i64, d: i64) -> Self {
        fn gcd(a: i64, b: i64) -> i64 {
            if b == 0 { a.abs() } else { gcd(b, a % b) }
        }
        let g = gcd(n, d).max(1) * d.signum();
        Self(n / g, d / g)
    }

    fn sub(self, other: Self) -> Self {
        Self::new(self.0 * other.1 - other.0 * self.1, self.1 * other.1)
    }

    fn mul(self, other: Self) -> Self {
        Self::new(self.0 * other.0, self.1 * other.1)
    }

    fn div(self, other: Self) -> Self {
        Self::new(self.0 * other.1, self.1 * other.0)
    }
}

/// The suppressed cells that the published cells determine, by Gauss–Jordan elimination
/// over the rationals on the table's sums as they are stated: each row of interior cells
/// sums to its row total, each column to its column total, the row totals and the column
/// totals each to the grand total. An unknown is determined iff its unit vector lies in
/// the row space of the system restricted to the unknowns, i.e. iff in reduced row
/// echelon form it is a pivot whose row has no other nonzero entry.
fn determined_by_linear_algebra(
    rows: usize,
    columns: usize,
    hidden: &[CellPosition],
) -> Vec<CellPosition> {
    let unknown = |position: CellPosition| hidden.iter().position(|&h| h == position);
    let mut equations: Vec<Vec<(CellPosition, i64)>> = Vec::new();
    for row in 0..rows {
        let mut terms: Vec<_> = (0..columns)
            .map(|column| (interior(row, column), 1))
            .collect();
        terms.push((CellPosition::RowTotal { row }, -1));
        equations.push(terms);
    }
    for column in 0..columns {
        let mut terms: Vec<_> = (0..rows).map(|row| (interior(row, column), 1)).collect();
        terms.push((CellPosition::ColumnTotal { column }, -1));
        equations.push(terms);
    }
    let mut totals: Vec<_> = (0..rows)
        .map(|row| (CellPosition::RowTotal { row }, 1))
        .collect();
    totals.push((CellPosition::GrandTotal, -1));
    equations.push(totals);
    let mut totals: Vec<_> = (0..columns)
        .map(|column| (CellPosition::ColumnTotal { column }, 1))
        .collect();
    totals.push((CellPosition::GrandTotal, -1));
    equations.push(totals);

    // Coefficients of the unknowns only; the published cells move to the right-hand
    // side, which does not matter for what is determined.
    let mut matrix: Vec<Vec<Rational>> = equations
        .iter()
        .map(|terms| {
            let mut row = vec![Rational::ZERO; hidden.len()];
            for &(position, coefficient) in terms {
                if let Some(k) = unknown(position) {
                    row[k] = Rational::new(coefficient, 1);
                }
            }
            row
        })
        .collect();

    let mut pivots = Vec::new();
    let mut rank = 0;
    for column in 0..hidden.len() {
        let Some(pivot) = (rank..matrix.len()).find(|&r| matrix[r][column] != Rational::ZERO)
        else {
            continue;
        };
        matrix.swap(rank, pivot);
        let lead = matrix[rank][column];
        for entry in &mut matrix[rank] {
            *entry = entry.div(lead);
        }
        let pivot_row = matrix[rank].clone();
        for (r, row) in matrix.iter_mut().enumerate() {
            let factor = row[column];
            if r != rank && factor != Rational::ZERO {
                for (entry, &pivot_entry) in row.iter_mut().zip(&pivot_row) {
                    *entry = entry.sub(factor.mul(pivot_entry));
                }
            }
        }
        pivots.push((rank, column));
        rank += 1;
    }
    let mut determined: Vec<CellPosition> = pivots
        .into_iter()
        .filter(|&(r, _)| matrix[r].iter().filter(|&&x| x != Rational::ZERO).count() == 1)
        .map(|(_, column)| hidden[column])
        .collect();
    determined.sort_unstable();
    determined
}

#[test]
fn the_linear_algebra_check_knows_the_classic_cases() {
    // Hand-checked: a lone cell is determined; a rectangle is not; a lone grand total is.
    assert_eq!(
        determined_by_linear_algebra(2, 2, &[interior(0, 0)]),
        [interior(0, 0)]
    );
    let rectangle = [
        interior(0, 0),
        interior(0, 1),
        interior(1, 0),
        interior(1, 1),
    ];
    assert!(determined_by_linear_algebra(2, 2, &rectangle).is_empty());
    assert_eq!(
        determined_by_linear_algebra(1, 1, &[CellPosition::GrandTotal]),
        [CellPosition::GrandTotal]
    );
}

#[test]
fn bridges_are_exactly_the_determined_cells_in_every_small_table() {
    for (rows, columns) in [
        (1, 1),
        (1, 2),
        (2, 1),
        (1, 3),
        (3, 1),
        (2, 2),
        (2, 3),
        (3, 2),
        (3, 3),
    ] {
        let positions = all_positions(rows, columns);
        for mask in 0..1_u32 << positions.len() {
            let hidden: Vec<CellPosition> = (positions.iter().enumerate())
                .filter(|(k, _)| mask & (1 << k) != 0)
                .map(|(_, &position)| position)
                .collect();
            let audit = pattern(rows, columns, &hidden).audit();
            assert_eq!(
                audit.exposed(),
                determined_by_linear_algebra(rows, columns, &hidden),
                "{rows} × {columns} table with {hidden:?} suppressed"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Properties

/// Random count tables up to 8 × 8 with many small cells and zeros, and a threshold.
fn count_tables() -> impl Strategy<Value = (Table<Observation>, DisclosureRule)> {
    let count = prop_oneof![3 => 0..5_u64, 1 => Just(0_u64), 4 => 5..1000_u64];
    (1..=8_usize, 1..=8_usize)
        .prop_flat_map(move |(rows, columns)| {
            (
                proptest::collection::vec(proptest::collection::vec(count.clone(), columns), rows),
                1..=10_u64,
            )
        })
        .prop_map(|(cells, k)| {
            let rows: Vec<&[u64]> = cells.iter().map(Vec::as_slice).collect();
            (counts(&rows), rule(k))
        })
}

/// Random tables of a statistic with given margins (persons not the sums of the cells).
fn tables_with_margins() -> impl Strategy<Value = (Table<Observation>, DisclosureRule)> {
    let observation = (0..20_u64, -50..50_i64).prop_map(|(persons, tenths)| {
        if persons == 0 {
            Observation::without_value(0)
        } else {
            Observation::new(Decimal::new(tenths, 1), persons)
        }
    });
    (1..=6_usize, 1..=6_usize)
        .prop_flat_map(move |(rows, columns)| {
            (
                proptest::collection::vec(
                    proptest::collection::vec(observation.clone(), columns),
                    rows,
                ),
                proptest::collection::vec(observation.clone(), rows),
                proptest::collection::vec(observation.clone(), columns),
                observation.clone(),
                1..=10_u64,
            )
        })
        .prop_map(|(cells, row_totals, column_totals, grand_total, k)| {
            let table = Table::with_margins(
                labels("r", cells.len()),
                labels("c", column_totals.len()),
                cells,
                row_totals,
                column_totals,
                grand_total,
            )
            .expect("the strategy draws one total per row and per column");
            (table, rule(k))
        })
}

/// Random suppression patterns of tables up to 4 × 4.
fn patterns() -> impl Strategy<Value = (usize, usize, Vec<CellPosition>)> {
    (1..=4_usize, 1..=4_usize).prop_flat_map(|(rows, columns)| {
        let positions = all_positions(rows, columns);
        proptest::sample::subsequence(positions.clone(), 0..=positions.len())
            .prop_map(move |hidden| (rows, columns, hidden))
    })
}

fn published_table_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema =
            serde_json::to_value(schemars::schema_for!(Table<Cell>)).expect("schemas serialize");
        jsonschema::validator_for(&schema).expect("the schema of a published table compiles")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn suppression_leaves_no_bridge((table, rule) in count_tables()) {
        let published = rule.suppress_small_cells(&table);
        prop_assert!(published.audit().is_safe(), "{:?}", published.audit());
    }

    #[test]
    fn suppression_leaves_no_bridge_with_given_margins((table, rule) in tables_with_margins()) {
        let published = rule.suppress_small_cells(&table);
        prop_assert!(published.audit().is_safe(), "{:?}", published.audit());
    }

    #[test]
    fn every_cell_under_k_is_suppressed((table, rule) in prop_oneof![count_tables(), tables_with_margins()]) {
        let published = rule.suppress_small_cells(&table);
        for (position, observation) in table.iter() {
            let persons = observation.persons();
            if persons > 0 && persons < rule.min_persons() {
                prop_assert_eq!(published.get(position), Some(&Cell::Suppressed), "{:?}", position);
            }
        }
    }

    #[test]
    fn published_cells_keep_their_values((table, rule) in prop_oneof![count_tables(), tables_with_margins()]) {
        let published = rule.suppress_small_cells(&table);
        prop_assert_eq!(published.row_labels(), table.row_labels());
        prop_assert_eq!(published.column_labels(), table.column_labels());
        prop_assert_eq!(published.iter().count(), table.iter().count());
        for (position, cell) in published.iter() {
            if let Cell::Published(observation) = cell {
                prop_assert_eq!(Some(observation), table.get(position));
            }
        }
    }

    #[test]
    fn suppressed_values_never_serialize((table, rule) in count_tables()) {
        let published = rule.suppress_small_cells(&table);
        let json = serde_json::to_value(&published).unwrap();
        for (position, cell) in published.iter() {
            let node = match position {
                CellPosition::Interior { row, column } => &json["cells"][row][column],
                CellPosition::RowTotal { row } => &json["row_totals"][row],
                CellPosition::ColumnTotal { column } => &json["column_totals"][column],
                CellPosition::GrandTotal => &json["grand_total"],
            };
            if cell.is_suppressed() {
                // Exactly one key: no value, no persons, nothing else to leak.
                prop_assert_eq!(node, &json!({"suppressed": true}), "{:?}", position);
            } else {
                let observation = table.get(position).unwrap();
                prop_assert_eq!(&node["persons"], &json!(observation.persons()));
                prop_assert!(node.get("suppressed").is_none());
            }
        }
    }

    #[test]
    fn suppression_is_deterministic((table, rule) in count_tables()) {
        let first = rule.suppress_small_cells(&table);
        // Also through a copy that went through JSON, as an area's table would.
        let copy: Table<Observation> =
            serde_json::from_str(&serde_json::to_string(&table).unwrap()).unwrap();
        let second = rule.suppress_small_cells(&copy);
        prop_assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
        prop_assert_eq!(first, second);
    }

    #[test]
    fn published_tables_round_trip_and_match_their_schema((table, rule) in count_tables()) {
        let published = rule.suppress_small_cells(&table);
        let json = serde_json::to_value(&published).unwrap();
        let errors: Vec<String> = published_table_validator()
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let back: Table<Cell> = serde_json::from_value(json).unwrap();
        prop_assert_eq!(back, published);
    }

    #[test]
    fn audit_agrees_with_linear_algebra((rows, columns, hidden) in patterns()) {
        let audit = pattern(rows, columns, &hidden).audit();
        let determined = determined_by_linear_algebra(rows, columns, &hidden);
        prop_assert_eq!(audit.exposed(), determined.as_slice());
    }
}
