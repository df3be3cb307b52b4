//! Primary and secondary (complementary) cell suppression.

use std::ops::Add;

use super::graph::SuppressionGraph;
use super::{Cell, CellPosition, DisclosureRule, Observation, Table};

/// What suppressing a set of published cells costs, compared field by field: first how
/// many cells of 0 persons it uses (a zero hides little: it is often known to be zero),
/// then the persons hidden, then the number of cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    zero_cells: u64,
    persons: u128,
    cells: u64,
}

impl Cost {
    /// A cell that cannot be found; never cheaper than a real one.
    const UNAVAILABLE: Self = Self {
        zero_cells: u64::MAX,
        persons: u128::MAX,
        cells: u64::MAX,
    };

    fn of(observation: &Observation) -> Self {
        Self {
            zero_cells: u64::from(observation.persons() == 0),
            persons: u128::from(observation.persons()),
            cells: 1,
        }
    }
}

impl Add for Cost {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self {
            zero_cells: self.zero_cells.saturating_add(other.zero_cells),
            persons: self.persons.saturating_add(other.persons),
            cells: self.cells.saturating_add(other.cells),
        }
    }
}

/// See [`DisclosureRule::suppress_small_cells`] and the module documentation.
pub(super) fn suppress_small_cells(
    rule: DisclosureRule,
    table: &Table<Observation>,
) -> Table<Cell> {
    let cost = |position| table.get(position).map_or(Cost::UNAVAILABLE, Cost::of);
    let mut graph = SuppressionGraph::new(table.row_labels().len(), table.column_labels().len());
    let mut primary = Vec::new();
    for (position, observation) in table.iter() {
        if rule.suppresses(observation.persons()) {
            graph.suppress(position);
            primary.push(position);
        }
    }

    // Each round suppresses at least one more cell (a bridge is on no cycle of
    // suppressed cells, so its cheapest cycle uses a published one), so the rounds end
    // before the cells run out.
    let cell_count = table.iter().count();
    for _ in 0..cell_count {
        let Some(&bridge) = graph.bridges().first() else {
            break;
        };
        match graph.cheapest_cycle_through(bridge, cost) {
            Some(cells) if !cells.is_empty() => {
                for position in cells {
                    graph.suppress(position);
                }
            }
            _ => break,
        }
    }
    if !graph.bridges().is_empty() {
        // Not reached (see above); should it ever be, suppressing everything is safe:
        // with at least one row and one column every cell is on a cycle.
        graph.suppress_all();
    }

    // A later round can make a cell suppressed by an earlier one unnecessary. Try to
    // publish each complementary cell again, the most costly first, and keep it
    // published if the table stays safe.
    let mut complementary: Vec<CellPosition> = table
        .iter()
        .map(|(position, _)| position)
        // `primary` is in the order of `table.iter()`, which is sorted.
        .filter(|&position| {
            graph.is_suppressed(position) && primary.binary_search(&position).is_err()
        })
        .collect();
    complementary.sort_by_key(|&position| std::cmp::Reverse((cost(position), position)));
    for position in complementary {
        graph.publish(position);
        if !graph.bridges().is_empty() {
            graph.suppress(position);
        }
    }

    table.map(|position, observation| {
        if graph.is_suppressed(position) {
            Cell::Suppressed
        } else {
            Cell::Published(*observation)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_prefer_persons_over_zeros() {
        let zero = Cost::of(&Observation::count(0));
        let big = Cost::of(&Observation::count(1_000_000));
        assert!(big < zero, "one large cell is cheaper than a zero");
        assert!(big + big < zero);
        assert!(Cost::of(&Observation::count(3)) + Cost::of(&Observation::count(3)) < big);
        assert!(Cost::UNAVAILABLE + big == Cost::UNAVAILABLE);
    }
}
