//! Clients' GAS T-scores, kept as positions and scores.
//!
//! [`GasSummary::client_scores`](crate::GasSummary::client_scores) returns a
//! [`ClientGas`] row per client, each with its own copy of the client and the
//! implementation. At national scale that is half a million rows written and read back
//! once by a table. [`ClientGasScores`] is the same result without the copies: for every
//! client, where its first goal is in the input and its T-score; the client, the
//! implementation and the date are read from the goals when a table or
//! [`to_clients`](ClientGasScores::to_clients) needs them.
//! [`GasSummary::table_of_scores`](crate::GasSummary::table_of_scores) tabulates it
//! directly.

use std::ops::Range;

use rakenne_model::{GasGoal, GasLevel, GasWeight};
use rayon::prelude::*;
use time::Date;

use crate::gas::GasSums;
use crate::placement::{Implementations, LocalImplementations, Placement};
use crate::tracks::{Decisions, Facts};
use crate::{ClientGas, GasScoring};

/// The clients of some tracks.
#[derive(Debug, Default)]
struct Scored {
    clients: Vec<Scores>,
}

/// A client: the position of its first goal, its T-score and its placement. (Kept small:
/// one is written per client, half a million at national scale.)
#[derive(Debug, Clone, Copy)]
struct Scores {
    first: usize,
    t_score: f64,
    placement: Placement,
}

impl Decisions for Scored {
    fn reserve(&mut self, records: usize) {
        // Clients usually set two goals or more; a part with more clients grows as it
        // goes (reserving one per goal would put tens of megabytes of address space on
        // the heap at national scale, returned to the system after every evaluation).
        self.clients.reserve(records / 2);
    }

    fn append(&mut self, mut next: Self) {
        self.clients.append(&mut next.clients);
    }
}

/// Each client's follow-up GAS T-score, as the position of the client's first goal and
/// the score: what [`GasSummary::client_scores`](crate::GasSummary::client_scores)
/// computes, without a row per client.
///
/// Clients come in the order in which they first appear in the goals; clients without
/// an evaluated goal are left out.
///
/// # Example
/// ```
/// use rakenne_metrics::{ClientGasScores, GasScoring};
/// use rakenne_model::{Client, GasGoal, GasLevel};
/// use time::macros::date;
///
/// let goal = |id: &str, client: &str, level: i8| {
///     GasGoal::new(id.parse().unwrap(), Client::new(client.parse().unwrap()),
///         "Tavoite".parse().unwrap(), date!(2025 - 02 - 03)).unwrap()
///         .evaluated(GasLevel::new(level).unwrap(), date!(2025 - 05 - 03)).unwrap()
/// };
/// let goals = [goal("G1", "C-1", 0), goal("G2", "C-2", 1), goal("G3", "C-1", 0)];
/// let scores = ClientGasScores::new(&goals, &GasScoring::default());
/// assert_eq!(scores.len(), 2);
/// assert_eq!(scores.t_scores().next(), Some(50.0)); // C-1 met both goals as expected
/// assert_eq!(scores.to_clients()[1].client.id().as_str(), "C-2");
/// ```
#[derive(Debug, Clone)]
pub struct ClientGasScores<'a> {
    /// The goals the positions point into.
    goals: &'a [GasGoal],
    /// Each client: the position of its first goal, its T-score and its placement (by
    /// its first goal).
    clients: Vec<Scores>,
}

impl<'a> ClientGasScores<'a> {
    /// Each client's follow-up T-score, from goals grouped per client and
    /// implementation, as [`GasSummary::client_scores`](crate::GasSummary::client_scores)
    /// computes it.
    ///
    /// Performance: goals sorted by client id and then implementation id are read in one
    /// pass; other orders are grouped first (see [`PairedScores::new`](crate::PairedScores::new)).
    pub fn new(goals: &'a [GasGoal], scoring: &GasScoring) -> Self {
        let implementations = Implementations::default();
        // The first goal, the T-score and the placement of a track, if it has an
        // evaluated goal (placed while the first goal is in the cache).
        // What GAS scoring needs of a goal: when it was set, and its level at follow-up
        // (if evaluated) with its weight.
        let fact = |position: usize| {
            let goal = &goals[position];
            (goal.set_on(), goal.follow_up_level(), goal.weight())
        };
        // The first goal, the T-score and the placement of a track, if it has an
        // evaluated goal.
        let decide =
            |local: &mut LocalImplementations<'a>,
             scored: &mut Scored,
             runs: &[Range<usize>],
             facts: &Facts<'_, (Date, Option<GasLevel>, GasWeight), _>| {
                // The goal set first (on equal dates the first), and the running sums of the
                // evaluated goals in input order.
                let mut first = runs[0].start;
                let mut first_on = facts.get(first).0;
                let mut sums = GasSums::default();
                for p in runs.iter().cloned().flatten() {
                    let (set_on, level, weight) = facts.get(p);
                    if set_on < first_on {
                        first = p;
                        first_on = set_on;
                    }
                    if let Some(level) = level {
                        sums.add(level, weight);
                    }
                }
                if sums.goals > 0 {
                    let goal = &goals[first];
                    let placement = implementations.place(
                        local,
                        goal.client(),
                        goal.implementation(),
                        first_on,
                    );
                    scored.clients.push(Scores {
                        first,
                        t_score: scoring.t_from_sums(&sums),
                        placement,
                    });
                }
            };
        let key =
            |p: usize| crate::tracks::record_key(goals[p].client(), goals[p].implementation());
        let Scored { clients } = crate::tracks::decide_tracks(goals.len(), key, fact, decide);
        ClientGasScores { goals, clients }
    }

    /// Number of clients with an evaluated goal.
    pub fn len(&self) -> usize {
        self.clients.len()
    }

    /// Whether no client has an evaluated goal.
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    /// The clients' T-scores, in order.
    pub fn t_scores(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        self.clients.iter().map(|c| c.t_score)
    }

    /// The scores as rows, each with its client and implementation; equal to what
    /// [`GasSummary::client_scores`](crate::GasSummary::client_scores) returns.
    pub fn to_clients(&self) -> Vec<ClientGas> {
        let client = |&Scores { first, t_score, .. }: &Scores| {
            let first = &self.goals[first];
            ClientGas {
                client: first.client().clone(),
                implementation: first.implementation().cloned(),
                set_on: first.set_on(),
                t_score,
            }
        };
        if rayon::current_num_threads() <= 1 {
            return self.clients.iter().map(client).collect();
        }
        let mut clients = Vec::new();
        self.clients
            .par_iter()
            .map(client)
            .collect_into_vec(&mut clients);
        clients
    }

    /// The first goal of client `i`.
    pub(crate) fn first_goal(&self, i: usize) -> &'a GasGoal {
        &self.goals[self.clients[i].first]
    }

    /// The placement of client `i`.
    pub(crate) fn placement(&self, i: usize) -> Placement {
        self.clients[i].placement
    }

    /// The T-score of client `i`.
    pub(crate) fn t_score(&self, i: usize) -> f64 {
        self.clients[i].t_score
    }
}
