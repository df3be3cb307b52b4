//! The suppression graph of a two-way table, its bridges, and the cheapest way to put a
//! bridge on a cycle.
//!
//! Think of the table with its margins as an `(R + 1) × (C + 1)` grid: row `R` holds the
//! column totals, column `C` the row totals, and `(R, C)` the grand total. Every row of
//! the grid sums to its last cell and every column to its last cell. The graph has one
//! node per grid row and one per grid column, and one edge `i – j` for each suppressed
//! cell `(i, j)`. Gusfield (1988, *A graph theoretic approach to statistical data
//! security*, SIAM J. Comput. 17(3), 552–571) shows that a suppressed cell is determined
//! by the published cells exactly when its edge is a bridge: an edge on no cycle.
//! Bridges are found with Tarjan's depth-first search (Tarjan 1974, *A note on finding
//! the bridges of a graph*, Inf. Process. Lett. 2(6), 160–161).

use std::ops::Add;

use super::CellPosition;

/// Which cells of a table are suppressed, as edges of the grid's bipartite graph.
#[derive(Debug, Clone)]
pub(super) struct SuppressionGraph {
    rows: usize,
    columns: usize,
    /// One flag per cell of the `(rows + 1) × (columns + 1)` grid, row-major.
    suppressed: Vec<bool>,
}

impl SuppressionGraph {
    /// The graph of a `rows × columns` table with nothing suppressed.
    pub(super) fn new(rows: usize, columns: usize) -> Self {
        Self {
            rows,
            columns,
            suppressed: vec![false; (rows + 1) * (columns + 1)],
        }
    }

    /// The edge of `position`: its index in the grid, row-major.
    fn edge(&self, position: CellPosition) -> usize {
        let (i, j) = match position {
            CellPosition::Interior { row, column } => (row, column),
            CellPosition::RowTotal { row } => (row, self.columns),
            CellPosition::ColumnTotal { column } => (self.rows, column),
            CellPosition::GrandTotal => (self.rows, self.columns),
        };
        i * (self.columns + 1) + j
    }

    fn position(&self, edge: usize) -> CellPosition {
        let (i, j) = (edge / (self.columns + 1), edge % (self.columns + 1));
        match (i == self.rows, j == self.columns) {
            (false, false) => CellPosition::Interior { row: i, column: j },
            (false, true) => CellPosition::RowTotal { row: i },
            (true, false) => CellPosition::ColumnTotal { column: j },
            (true, true) => CellPosition::GrandTotal,
        }
    }

    fn node_count(&self) -> usize {
        self.rows + 1 + self.columns + 1
    }

    /// The two nodes of `edge`: its grid row, and its grid column after all grid rows.
    fn endpoints(&self, edge: usize) -> (usize, usize) {
        let (i, j) = (edge / (self.columns + 1), edge % (self.columns + 1));
        (i, self.rows + 1 + j)
    }

    /// Every edge of the complete grid graph at `node`, with the node at its other end,
    /// in grid order.
    fn all_edges_at(&self, node: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let width = self.columns + 1;
        let (row_side, other_side) = if node <= self.rows {
            (Some(node), 0..width)
        } else {
            (None, 0..self.rows + 1)
        };
        other_side.map(move |k| match row_side {
            Some(i) => (self.rows + 1 + k, i * width + k),
            None => (k, k * width + (node - self.rows - 1)),
        })
    }

    pub(super) fn suppress(&mut self, position: CellPosition) {
        let edge = self.edge(position);
        self.suppressed[edge] = true;
    }

    pub(super) fn publish(&mut self, position: CellPosition) {
        let edge = self.edge(position);
        self.suppressed[edge] = false;
    }

    pub(super) fn suppress_all(&mut self) {
        self.suppressed.fill(true);
    }

    pub(super) fn is_suppressed(&self, position: CellPosition) -> bool {
        self.suppressed[self.edge(position)]
    }

    /// The suppressed cells whose edge is a bridge, i.e. that the published cells
    /// determine, in the order of [`CellPosition`].
    ///
    /// Tarjan (1974): in a depth-first search, the tree edge `u – v` is a bridge iff no
    /// edge from `v`'s subtree, other than that tree edge itself, reaches `u` or above
    /// (`low[v] > discovered[u]`). Only the tree edge itself is skipped, by edge id, so
    /// parallel edges would count as a cycle.
    pub(super) fn bridges(&self) -> Vec<CellPosition> {
        let n = self.node_count();
        let mut adjacent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for (edge, _) in self.suppressed.iter().enumerate().filter(|(_, s)| **s) {
            let (a, b) = self.endpoints(edge);
            adjacent[a].push((b, edge));
            adjacent[b].push((a, edge));
        }
        let unvisited = usize::MAX;
        let mut discovered = vec![unvisited; n];
        let mut low = vec![0; n];
        let mut time = 0;
        let mut bridges = Vec::new();
        // Frames of the iterative search: node, the tree edge it was reached by, and
        // the index of the next adjacent edge to look at.
        let mut stack: Vec<(usize, Option<usize>, usize)> = Vec::new();
        for root in 0..n {
            if discovered[root] != unvisited {
                continue;
            }
            discovered[root] = time;
            low[root] = time;
            time += 1;
            stack.push((root, None, 0));
            while let Some(frame) = stack.last_mut() {
                let (v, tree_edge) = (frame.0, frame.1);
                if let Some(&(w, edge)) = adjacent[v].get(frame.2) {
                    frame.2 += 1;
                    if Some(edge) == tree_edge {
                        continue;
                    }
                    if discovered[w] == unvisited {
                        discovered[w] = time;
                        low[w] = time;
                        time += 1;
                        stack.push((w, Some(edge), 0));
                    } else {
                        low[v] = low[v].min(discovered[w]);
                    }
                } else {
                    stack.pop();
                    if let (Some(edge), Some(&(u, _, _))) = (tree_edge, stack.last()) {
                        low[u] = low[u].min(low[v]);
                        if low[v] > discovered[u] {
                            bridges.push(self.position(edge));
                        }
                    }
                }
            }
        }
        bridges.sort_unstable();
        bridges
    }

    /// The published cells whose suppression puts `bridge` on a cycle at the least total
    /// cost, or `None` if no cycle through `bridge` exists even with every cell
    /// suppressed (never, for a table of at least one row and one column).
    ///
    /// Dijkstra's shortest path between the two ends of `bridge` over every other cell
    /// of the grid, where a suppressed cell costs nothing and a published one `cost`.
    /// Nodes are settled in the order (distance, node) and a distance is replaced only
    /// by a strictly smaller one, so among equally cheap paths the result is fixed by
    /// the order of rows and columns.
    pub(super) fn cheapest_cycle_through<C>(
        &self,
        bridge: CellPosition,
        cost: impl Fn(CellPosition) -> C,
    ) -> Option<Vec<CellPosition>>
    where
        C: Copy + Ord + Default + Add<Output = C>,
    {
        let bridge = self.edge(bridge);
        let (from, to) = self.endpoints(bridge);
        let n = self.node_count();
        let mut distance: Vec<Option<C>> = vec![None; n];
        let mut reached_by: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut settled = vec![false; n];
        distance[from] = Some(C::default());
        loop {
            let next = (0..n)
                .filter(|&v| !settled[v])
                .filter_map(|v| distance[v].map(|d| (d, v)))
                .min();
            let Some((d, u)) = next else { break };
            settled[u] = true;
            if u == to {
                break;
            }
            for (w, edge) in self.all_edges_at(u) {
                if edge == bridge || settled[w] {
                    continue;
                }
                let step = if self.suppressed[edge] {
                    C::default()
                } else {
                    cost(self.position(edge))
                };
                let candidate = d + step;
                if distance[w].is_none_or(|old| candidate < old) {
                    distance[w] = Some(candidate);
                    reached_by[w] = Some((u, edge));
                }
            }
        }
        distance[to]?;
        let mut path = Vec::new();
        let mut at = to;
        while let Some((previous, edge)) = reached_by[at] {
            if !self.suppressed[edge] {
                path.push(self.position(edge));
            }
            at = previous;
        }
        path.sort_unstable();
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interior(row: usize, column: usize) -> CellPosition {
        CellPosition::Interior { row, column }
    }

    #[test]
    fn positions_and_edges_correspond() {
        let graph = SuppressionGraph::new(3, 2);
        for edge in 0..graph.suppressed.len() {
            assert_eq!(graph.edge(graph.position(edge)), edge);
        }
        assert_eq!(graph.position(2), CellPosition::RowTotal { row: 0 });
        assert_eq!(graph.position(9), CellPosition::ColumnTotal { column: 0 });
        assert_eq!(graph.position(11), CellPosition::GrandTotal);
    }

    #[test]
    fn every_edge_at_a_node_meets_it() {
        let graph = SuppressionGraph::new(3, 2);
        for node in 0..graph.node_count() {
            let edges: Vec<_> = graph.all_edges_at(node).collect();
            let expected = if node <= 3 { 3 } else { 4 };
            assert_eq!(edges.len(), expected);
            for (other, edge) in edges {
                let (a, b) = graph.endpoints(edge);
                assert!((a, b) == (node, other) || (a, b) == (other, node));
            }
        }
    }

    #[test]
    fn a_path_of_suppressed_cells_is_all_bridges() {
        // Edges r0–c0, r0–c1, r1–c1: a path, so every edge is a bridge.
        let mut graph = SuppressionGraph::new(2, 2);
        for position in [interior(0, 0), interior(0, 1), interior(1, 1)] {
            graph.suppress(position);
        }
        assert_eq!(
            graph.bridges(),
            [interior(0, 0), interior(0, 1), interior(1, 1)]
        );
        // Closing the rectangle leaves none.
        graph.suppress(interior(1, 0));
        assert!(graph.bridges().is_empty());
    }

    #[test]
    fn the_cheapest_cycle_takes_the_cheapest_rectangle() {
        // Costs 10·row + column + 1; the cheapest completion of (0, 0) is (0, 1), (1, 0)
        // and (1, 1) at 2 + 11 + 12 = 25, cheaper than any route through a margin.
        let mut graph = SuppressionGraph::new(3, 3);
        graph.suppress(interior(0, 0));
        let cost = |position| match position {
            CellPosition::Interior { row, column } => 10 * row + column + 1,
            _ => 1000,
        };
        assert_eq!(
            graph.cheapest_cycle_through(interior(0, 0), cost),
            Some(vec![interior(0, 1), interior(1, 0), interior(1, 1)])
        );
    }
}
