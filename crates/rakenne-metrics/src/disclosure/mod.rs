//! Disclosure control (tilastollinen tietosuoja) for published two-way tables.
//!
//! Results of an evaluation are published as tables: clients by welfare area and
//! quarter, mean change by area and operating model. A cell based on a handful of
//! persons can tell a reader about those persons ("the two clients of this pilot in
//! Kainuu both got worse"), so such cells must not be published. Hiding them is not
//! enough: a table also publishes its row and column totals, and a hidden cell whose row
//! has every other cell and the total published is one subtraction away. This module
//! decides which cells of a table may be published so that neither happens, and proves
//! the result.
//!
//! # Example
//! ```
//! use rakenne_metrics::disclosure::{Cell, CellPosition, DisclosureRule, Observation, Table};
//!
//! // Clients by welfare area and quarter.
//! let table = Table::additive(
//!     vec!["Lappi".into(), "Kainuu".into(), "Pohjois-Karjala".into()],
//!     vec!["Q1".into(), "Q2".into(), "Q3".into()],
//!     vec![
//!         vec![Observation::count(2), Observation::count(10), Observation::count(20)],
//!         vec![Observation::count(30), Observation::count(40), Observation::count(50)],
//!         vec![Observation::count(60), Observation::count(70), Observation::count(80)],
//!     ],
//! )?;
//! let published = DisclosureRule::default().suppress_small_cells(&table);
//!
//! // The 2 is suppressed, and with it the cheapest rectangle that hides it.
//! let suppressed: Vec<CellPosition> = published
//!     .iter()
//!     .filter(|(_, cell)| cell.is_suppressed())
//!     .map(|(position, _)| position)
//!     .collect();
//! let at = |row, column| CellPosition::Interior { row, column };
//! assert_eq!(suppressed, [at(0, 0), at(0, 1), at(1, 0), at(1, 1)]);
//! assert!(published.audit().is_safe());
//!
//! // Suppressed cells serialize with neither value nor persons.
//! let json = serde_json::to_value(&published)?;
//! assert_eq!(json["cells"][0][0], serde_json::json!({"suppressed": true}));
//! assert_eq!(json["cells"][0][2], serde_json::json!({"value": "20", "persons": 20}));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How the parts fit
//! | concept | type |
//! |---|---|
//! | a table with row and column labels, interior cells and margins | [`Table`] |
//! | a value and the persons it is based on (input) | [`Observation`] |
//! | a published or suppressed cell (output) | [`Cell`] |
//! | where a cell is: interior, row total, column total, grand total | [`CellPosition`] |
//! | the threshold and the suppression | [`DisclosureRule`], [`DisclosureRule::suppress_small_cells`] |
//! | the proof that nothing can be worked out | [`Table::audit`], [`Audit`] |
//!
//! # Primary suppression
//! A cell based on fewer than `k` persons ([`DisclosureRule::min_persons`], default 5)
//! is suppressed. Margins are cells too: a row total of 3 persons is suppressed like an
//! interior cell of 3. The rule counts persons, not the value: 12 visits by 3 clients are
//! suppressed, a mean over 30 clients is not.
//!
//! Cells of **0 persons are published**. A count of 0 tells nothing about any person. A
//! statistic over nobody has no value ([`Observation::without_value`]) and is published
//! as `{"persons": 0}`. Suppressing zeros would also hide nothing in practice: many zeros
//! are known to be zero to every reader (no clients of a model before its pilot began).
//!
//! # Secondary (complementary) suppression
//! The published table states that each row of interior cells sums to its row total,
//! each column to its column total, and the totals to the grand total. Think of the
//! table as an `(R + 1) × (C + 1)` grid in which the row totals are one more column and
//! the column totals one more row. The *suppression graph* has a node for every grid
//! row and every grid column, and an edge `i – j` for every suppressed grid cell
//! `(i, j)`. A suppressed cell can be worked out exactly from the published cells if and
//! only if its edge is a *bridge*, an edge on no cycle (Gusfield 1988; a cycle is a
//! chain of suppressed cells, alternating between rows and columns, along which a change
//! of `+d, -d, +d, …` keeps every sum).
//!
//! So, after primary suppression: while the graph has a bridge, take the first bridge
//! in [`CellPosition`] order and suppress the cheapest set of published cells that puts
//! it on a cycle: a shortest path between its two ends (Dijkstra), where a suppressed
//! cell costs nothing and a published one costs, in this order of importance, whether it
//! is a cell of 0 persons (a zero hides little and is avoided), its persons, and one
//! per cell. Ties go to the earlier rows and columns, so the result is deterministic.
//! Each round suppresses at least one more cell, so the loop ends; suppressing every
//! cell is the worst case, and is safe for any table. Finally each complementary cell is
//! tried once more, the most costly first, and published again if the table stays safe
//! without it (a later round can make an earlier one's cells unnecessary).
//!
//! The result is safe, which [`Table::audit`] proves, but not always minimal: finding the
//! least suppression is NP-hard in general, and this is the usual shortest-path heuristic.
//! With one small cell in a table of large ones it suppresses the cheapest rectangle.
//!
//! ## Tables that do not add up
//! For counts and exact sums, [`Table::additive`] computes the margins. For means,
//! proportions, or counts of persons who can be in several cells, the caller gives the
//! margins with their own person counts ([`Table::with_margins`]). Secondary suppression
//! and the audit then still assume that each margin is the sum of its cells. That is the
//! cautious reading: a mean published with its person count gives away its sum
//! (mean × persons), so a table of means is a table of sums in disguise, and where the
//! sums truly do not hold, the assumption only suppresses more than needed.
//!
//! ## Why the row totals and the column totals are two nodes
//! A simpler graph has one node `G` for all margins, with a suppressed grand total as a
//! self-loop on `G`. That graph is unsound when the grand total is published: with a
//! cell, its row total and its column total suppressed, the three edges `r – c`, `r – G`,
//! `c – G` form a triangle, yet the row total is the published grand total minus the
//! other (published) row totals, and the cell follows from it. In the grid graph above,
//! the row totals meet in one node and the column totals in another, joined only by the
//! grand total's edge; the triangle there is a path, and all three cells are reported.
//! The crate's tests check the bridge criterion against exact linear algebra on every
//! suppression pattern of tables up to 3 × 3.
//!
//! # Serialization
//! A [`Table<Cell>`](Table) serializes as
//! ```json
//! {
//!   "row_labels": ["Lappi", "Kainuu"],
//!   "column_labels": ["Q1", "Q2"],
//!   "cells": [[{"suppressed": true}, {"suppressed": true}],
//!             [{"suppressed": true}, {"suppressed": true}]],
//!   "row_totals": [{"value": "43", "persons": 43}, {"value": "56", "persons": 56}],
//!   "column_totals": [{"value": "28", "persons": 28}, {"value": "71", "persons": 71}],
//!   "grand_total": {"value": "99", "persons": 99}
//! }
//! ```
//! A suppressed cell is `{"suppressed": true}` and nothing else: the value and persons
//! are not in the data at all, not merely flagged. Values are exact decimals written as
//! strings. Every type also has a JSON Schema (`schemars`).
//!
//! # Cost
//! A round is a bridge search (linear in the number of cells) and a shortest path
//! (quadratic in the number of rows plus columns); there are at most as many rounds as
//! complementary cells, and the final pass runs one bridge search per complementary
//! cell. A table of 22 areas × 4 quarters (the 21 welfare areas and Helsinki) with a
//! dozen small cells takes a few microseconds in a release build, a 200 × 20 table a
//! fraction of a millisecond (measured once by hand; a benchmark is to follow).
//!
//! # References
//! - Gusfield, D. (1988). A graph theoretic approach to statistical data security.
//!   *SIAM Journal on Computing* 17(3), 552–571: the bridge criterion.
//! - Tarjan, R. E. (1974). A note on finding the bridges of a graph. *Information
//!   Processing Letters* 2(6), 160–161.
//! - Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, ch. 4–5:
//!   primary and secondary suppression of tables.

mod audit;
mod cell;
mod graph;
mod observation;
mod position;
mod rule;
mod suppress;
mod table;

pub use audit::Audit;
pub use cell::Cell;
pub use observation::Observation;
pub use position::CellPosition;
pub use rule::DisclosureRule;
pub use table::Table;
