//! Paired scores: the pairing of one instrument, kept as positions and totals.
//!
//! [`pair_administrations`](crate::pair_administrations) returns a [`ScorePair`] or a
//! [`Dropout`] row per client, each with its own copy of the client and the
//! implementation. At national scale that is half a million rows, tens of megabytes
//! written and read back once by a table. [`PairedScores`] is the same pairing without
//! the copies: for every client, where its baseline (and follow-up) administration is in
//! the input and the scores as doubles; the client, the implementation, the dates and
//! the exact totals are read (scored again) from the administrations when a table,
//! [`baselines`](PairedScores::baselines) or [`to_pairing`](PairedScores::to_pairing)
//! needs them. [`OutcomeSummary::table_of_scores`](crate::OutcomeSummary::table_of_scores)
//! tabulates it directly.

use std::ops::Range;

use rakenne_model::{InstrumentAdministration, Occasion};
use rayon::prelude::*;
use rust_decimal::Decimal;
use time::Date;

use crate::outcome::PairValues;
use crate::placement::{Implementations, LocalImplementations, Placement};
use crate::scoring::{RawTotal, ScoringPlan};
use crate::text::Text;
use crate::tracks::{Decisions, Facts};
use crate::{Dropout, Error, InstrumentDefinition, Pairing, ScorePair};

/// The pairing of one instrument's administrations, as positions in the input and valid
/// totals: what [`pair_administrations`](crate::pair_administrations) computes, without a
/// row per client.
///
/// Pairs and drop-outs are in the order of [`Pairing`]: the order in which their client
/// and implementation first appear in the input.
///
/// # Example
/// ```
/// use rakenne_metrics::{PairedScores, builtin};
/// use rakenne_model::{Client, InstrumentAdministration, ItemResponse, Occasion};
/// use time::macros::date;
///
/// let who5 = builtin::who5();
/// let administer = |id: &str, client: &str, occasion, score: &str, on| {
///     let responses = (1..=5)
///         .map(|i| ItemResponse::scored(format!("q{i}").parse().unwrap(), score.parse().unwrap()))
///         .collect();
///     InstrumentAdministration::new(id.parse().unwrap(), "WHO-5".parse().unwrap(),
///         Client::new(client.parse().unwrap()), on, occasion, responses).unwrap()
/// };
/// let data = [
///     administer("M1", "C-1", Occasion::Baseline, "2", date!(2025 - 01 - 10)),
///     administer("M2", "C-2", Occasion::Baseline, "1", date!(2025 - 01 - 12)),
///     administer("M3", "C-1", Occasion::FollowUp, "3", date!(2025 - 05 - 10)),
/// ];
/// let scores = PairedScores::new(&who5, &data)?;
/// assert_eq!((scores.pair_count(), scores.dropout_count()), (1, 1));
/// assert_eq!(scores.baselines(), ["10".parse()?, "5".parse()?]);
/// let pairing = scores.to_pairing();
/// assert_eq!(pairing.pairs[0].follow_up.to_string(), "15");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PairedScores<'a> {
    /// The definition the totals were scored by, to score them again as decimals.
    definition: InstrumentDefinition,
    /// The input the positions point into.
    administrations: &'a [InstrumentAdministration],
    /// Each pair: positions and scores of its baseline and follow-up.
    pairs: Vec<Pair>,
    /// Each drop-out: position and score of its baseline.
    dropouts: Vec<Dropped>,
    /// The scores of the pairs whose scores are not in hundredths (see [`Scores`]).
    off_grid: Vec<PairValues>,
    /// Administrations whose total was invalid under the missing-item rule.
    invalid_scores: u64,
}

impl<'a> PairedScores<'a> {
    /// Pairs the administrations of `definition`'s instrument, as
    /// [`pair_administrations`](crate::pair_administrations) does (administrations of
    /// other instruments, and interim ones, are skipped).
    ///
    /// Errors when an administration cannot be scored (an unknown item or a score off
    /// its scale), with the error of the first such administration in the input, and
    /// when there are more than 2³² − 1 administrations (positions are kept in 32 bits).
    ///
    /// Performance: administrations sorted by client id and then implementation id (the
    /// order of most exports; in the implementation order, no implementation comes
    /// first) are read in one pass, each once. In any other order they are first grouped
    /// by client and implementation and then read in that order, which at national scale
    /// costs several times as much (every record a cache miss); the result is the same.
    pub fn new(
        definition: &InstrumentDefinition,
        administrations: &'a [InstrumentAdministration],
    ) -> Result<Self, Error> {
        if u32::try_from(administrations.len()).is_err() {
            return Err(Error::InvalidParameter {
                name: "number of administrations",
                value: administrations.len().to_string(),
                expected: "at most 4 294 967 295 in one pairing: pair the data in parts, \
                           e.g. by welfare area"
                    .into(),
            });
        }
        // Positions below 2³²: checked above.
        #[allow(clippy::cast_possible_truncation)]
        let position_u32 = |position: usize| position as u32;
        let instrument = Text(definition.id.as_str());
        let relevant = |a: &InstrumentAdministration| {
            Text(a.instrument().as_str()) == instrument && a.occasion() != Occasion::Interim
        };
        let implementations = Implementations::default();
        let plan = ScoringPlan::new(definition);
        // What pairing needs of an administration.
        let fact = |position: usize| {
            let a = &administrations[position];
            if !relevant(a) {
                return Scored::Skipped;
            }
            // `relevant` compared the instrument ids.
            match plan.raw_total_of(a) {
                Ok(Some(total)) => Scored::Valid(a.occasion(), a.administered_on(), total),
                Ok(None) => Scored::Invalid,
                Err(_) => Scored::Failed,
            }
        };
        // Decides a track from its administrations' facts and places its baseline.
        let decide_track = |local: &mut LocalImplementations<'a>,
                            sorted: &mut Sorted,
                            runs: &[Range<usize>],
                            facts: &Facts<'_, Scored, _>| {
            let mut decision = Decision::default();
            for position in runs.iter().cloned().flatten() {
                match facts.get(position) {
                    Scored::Valid(occasion, on, total) => {
                        decision.add(position, occasion, on, total);
                    }
                    Scored::Invalid => sorted.invalid_scores += 1,
                    Scored::Failed => sorted.failed = true,
                    Scored::Skipped => {}
                }
            }
            let Some((baseline, baseline_on, baseline_total)) = decision.baseline else {
                return;
            };
            let a = &administrations[baseline];
            let placement =
                implementations.place(local, a.client(), a.implementation(), baseline_on);
            match decision.follow_up {
                Some((follow_up, on, follow_up_total)) if on >= baseline_on => {
                    let scores = sorted.scores(definition, baseline_total, follow_up_total);
                    sorted.pairs.push(Pair {
                        baseline: position_u32(baseline),
                        follow_up: position_u32(follow_up),
                        scores,
                        placement,
                    });
                }
                _ => {
                    sorted.dropouts.push(Dropped {
                        baseline: position_u32(baseline),
                        value: total_value(definition, baseline_total),
                        placement,
                    });
                }
            }
        };
        let key = |p: usize| {
            let a = &administrations[p];
            crate::tracks::record_key(a.client(), a.implementation())
        };
        let Sorted {
            pairs,
            dropouts,
            off_grid,
            invalid_scores,
            failed,
        } = crate::tracks::decide_tracks(administrations.len(), key, fact, decide_track);
        if failed {
            // Report the first error of the input, as a pass in input order would.
            return Err(first_error(definition, administrations, relevant));
        }
        Ok(PairedScores {
            definition: definition.clone(),
            administrations,
            pairs,
            dropouts,
            off_grid,
            invalid_scores,
        })
    }

    /// Number of clients with a valid baseline and follow-up.
    pub fn pair_count(&self) -> usize {
        self.pairs.len()
    }

    /// Number of clients with a valid baseline and no valid follow-up after it.
    pub fn dropout_count(&self) -> usize {
        self.dropouts.len()
    }

    /// Administrations whose total score was invalid under the missing-item rule.
    pub fn invalid_scores(&self) -> u64 {
        self.invalid_scores
    }

    /// Every baseline total, of the pairs and then of the drop-outs: the same list as
    /// [`baseline_scores`](crate::baseline_scores) of [`to_pairing`](Self::to_pairing),
    /// for [`Yardsticks::for_instrument`](crate::Yardsticks::for_instrument).
    ///
    /// The totals are scored again from the administrations (they are kept as doubles).
    pub fn baselines(&self) -> Vec<Decimal> {
        self.pairs
            .iter()
            .map(|d| d.baseline)
            .chain(self.dropouts.iter().map(|d| d.baseline))
            .map(|position| self.total(position))
            .collect()
    }

    /// [`baselines`](Self::baselines) as doubles, in the same order, without a list.
    pub(crate) fn baseline_values(&self) -> impl Iterator<Item = f64> + Clone + '_ {
        self.pairs
            .iter()
            .map(|d| self.values(d).baseline())
            .chain(self.dropouts.iter().map(|d| d.value))
    }

    /// The valid total of the administration at `position`, which pairing scored.
    fn total(&self, position: u32) -> Decimal {
        let administration = &self.administrations[position as usize];
        match self.definition.valid_total_of(administration) {
            Ok(Some(total)) => total,
            // Pairing kept only administrations with a valid total, and scoring is a
            // function of the administration and the definition.
            _ => unreachable!("pairing scored a valid total at {position}"),
        }
    }

    /// The pairing as rows: one [`ScorePair`] per pair and one [`Dropout`] per drop-out,
    /// each with its client and implementation; equal to what
    /// [`pair_administrations`](crate::pair_administrations) returns.
    pub fn to_pairing(&self) -> Pairing {
        let administrations = self.administrations;
        let pair = |d: &Pair| {
            let base = &administrations[d.baseline as usize];
            let follow = &administrations[d.follow_up as usize];
            ScorePair::new(
                base.client().clone(),
                base.implementation().cloned(),
                (self.total(d.baseline), base.administered_on()),
                (self.total(d.follow_up), follow.administered_on()),
            )
        };
        let dropout = |d: &Dropped| {
            let base = &administrations[d.baseline as usize];
            Dropout {
                client: base.client().clone(),
                implementation: base.implementation().cloned(),
                baseline: self.total(d.baseline),
                baseline_on: base.administered_on(),
            }
        };
        let mut pairing = Pairing {
            invalid_scores: self.invalid_scores,
            ..Pairing::default()
        };
        if rayon::current_num_threads() <= 1 {
            pairing.pairs = self.pairs.iter().map(pair).collect();
            pairing.dropouts = self.dropouts.iter().map(dropout).collect();
        } else {
            self.pairs
                .par_iter()
                .map(pair)
                .collect_into_vec(&mut pairing.pairs);
            self.dropouts
                .par_iter()
                .map(dropout)
                .collect_into_vec(&mut pairing.dropouts);
        }
        pairing
    }

    /// The administrations paired.
    pub(crate) fn administrations(&self) -> &'a [InstrumentAdministration] {
        self.administrations
    }

    /// The position of record `i`'s baseline: records `0..pair_count()` are the pairs,
    /// the rest the drop-outs.
    pub(crate) fn baseline_position(&self, i: usize) -> usize {
        match self.pairs.get(i) {
            Some(d) => d.baseline as usize,
            None => self.dropouts[i - self.pairs.len()].baseline as usize,
        }
    }

    /// The placement of record `i` (numbered as in
    /// [`baseline_position`](Self::baseline_position)).
    pub(crate) fn placement(&self, i: usize) -> Placement {
        match self.pairs.get(i) {
            Some(d) => d.placement,
            None => self.dropouts[i - self.pairs.len()].placement,
        }
    }

    /// The scores of pair `i` as doubles.
    pub(crate) fn pair_values(&self, i: usize) -> PairValues {
        self.values(&self.pairs[i])
    }

    /// The scores of pair `i` in hundredths (baseline, follow-up, change), when they
    /// are on that grid (see [`pair_sums`](crate::pair_sums)).
    pub(crate) fn pair_hundredths(&self, i: usize) -> Option<[i64; 3]> {
        match self.pairs[i].scores {
            Scores(i32::MIN, k) => self.off_grid[k.cast_unsigned() as usize].hundredths(),
            Scores(baseline, follow_up) => {
                let (b, f) = (i64::from(baseline), i64::from(follow_up));
                // Below 2³¹ in magnitude, as the grid's sums require: an i32 other than
                // i32::MIN; and so is the change of a pair the grid admits.
                PairValues::admits_hundredths(f - b).then_some([b, f, f - b])
            }
        }
    }

    /// The scores of `pair` as doubles.
    fn values(&self, pair: &Pair) -> PairValues {
        match pair.scores {
            Scores(i32::MIN, k) => self.off_grid[k.cast_unsigned() as usize],
            Scores(baseline, follow_up) => PairValues::of_hundredths(baseline, follow_up),
        }
    }
}

/// The pairs and drop-outs of some tracks, with their placements, and the number of
/// their administrations with an invalid total.
#[derive(Debug, Default)]
struct Sorted {
    pairs: Vec<Pair>,
    dropouts: Vec<Dropped>,
    off_grid: Vec<PairValues>,
    invalid_scores: u64,
    /// Whether an administration could not be scored.
    failed: bool,
}

impl Decisions for Sorted {
    fn reserve(&mut self, records: usize) {
        // A pair takes two records at least: room for the most pairs there can be.
        // Drop-outs (a minority in any follow-up worth evaluating) grow as they come;
        // reserving one per record would put tens of megabytes of address space on the
        // heap at national scale, which the allocator then returns to the system after
        // every evaluation, to fault in afresh for the next.
        self.pairs.reserve(records / 2);
    }

    fn append(&mut self, mut next: Self) {
        if !next.off_grid.is_empty() {
            // The next part's scores elsewhere go after these.
            let offset = u32::try_from(self.off_grid.len()).unwrap_or(u32::MAX);
            for pair in &mut next.pairs {
                if let Scores(i32::MIN, k) = &mut pair.scores {
                    *k = (k.cast_unsigned() + offset).cast_signed();
                }
            }
            self.off_grid.append(&mut next.off_grid);
        }
        self.pairs.append(&mut next.pairs);
        self.dropouts.append(&mut next.dropouts);
        self.invalid_scores += next.invalid_scores;
        self.failed |= next.failed;
    }
}

impl Sorted {
    /// How a pair keeps its totals (valid totals of `definition`): in hundredths when
    /// both are sums that fit, else as doubles in `off_grid`.
    fn scores(
        &mut self,
        definition: &InstrumentDefinition,
        baseline: RawTotal,
        follow_up: RawTotal,
    ) -> Scores {
        let hundredths = |raw| definition.total_hundredths(raw).filter(|&h| h != i32::MIN);
        if let (Some(b), Some(f)) = (hundredths(baseline), hundredths(follow_up)) {
            Scores::hundredths(b, f)
        } else {
            // Fewer pairs than administrations, which number below 2³²: checked.
            let k = u32::try_from(self.off_grid.len()).unwrap_or(u32::MAX);
            let (b, f) = (
                definition.total_from(baseline),
                definition.total_from(follow_up),
            );
            self.off_grid.push(PairValues::of(b, f));
            Scores::elsewhere(k)
        }
    }
}

/// A valid total of `definition` as a double: that of the decimal total (a sum in
/// hundredths h converts to h/100, the double nearest to it, as the decimal does).
fn total_value(definition: &InstrumentDefinition, raw: RawTotal) -> f64 {
    match definition.total_hundredths(raw) {
        Some(h) => f64::from(h) / 100.0,
        None => crate::double::to_f64(definition.total_from(raw)),
    }
}

/// What pairing needs of an administration: whether it counts, and its valid total with
/// its occasion and date.
#[derive(Debug, Clone, Copy)]
enum Scored {
    /// Of another instrument, or interim.
    Skipped,
    /// Its total is invalid under the missing-item rule.
    Invalid,
    /// It cannot be scored (an unknown item or a score off its scale).
    Failed,
    /// A valid total.
    Valid(Occasion, Date, RawTotal),
}

/// A pair: the positions of its baseline and of its follow-up, their scores, and the
/// placement of the pair by its baseline. (Kept small — 24 bytes —: one is written for
/// every pair, half a million at national scale; the exact totals are scored again when
/// asked for.)
#[derive(Debug, Clone, Copy)]
struct Pair {
    baseline: u32,
    follow_up: u32,
    scores: Scores,
    placement: Placement,
}

/// The scores of a pair, in eight bytes: the baseline and follow-up in hundredths, as
/// nearly all scores are; or, with `i32::MIN` (never a score in hundredths) first, the
/// index of the scores in [`PairedScores::off_grid`].
#[derive(Debug, Clone, Copy)]
struct Scores(i32, i32);

impl Scores {
    /// Scores in hundredths, neither `i32::MIN`.
    fn hundredths(baseline: i32, follow_up: i32) -> Self {
        Scores(baseline, follow_up)
    }

    /// Scores at index `k` of the scores off the grid.
    fn elsewhere(k: u32) -> Self {
        Scores(i32::MIN, k.cast_signed())
    }
}

/// A drop-out: the position of its baseline, the baseline score as a double, and its
/// placement.
#[derive(Debug, Clone, Copy)]
struct Dropped {
    baseline: u32,
    value: f64,
    placement: Placement,
}

/// The pairing of one track, decided as its valid scores come in input order: the
/// earliest valid baseline (on equal dates the first) and the latest valid follow-up (on
/// equal dates the last), each as position, date and total.
///
/// The track is a pair when that follow-up is on or after the baseline. That is the
/// latest follow-up on or after the baseline, as pairing is defined: if the latest of
/// all is on or after it, it is also the latest of those; if it is before, all are.
#[derive(Debug, Default)]
struct Decision {
    baseline: Option<(usize, Date, RawTotal)>,
    follow_up: Option<(usize, Date, RawTotal)>,
}

impl Decision {
    /// Takes the valid `total` at `position`, of an administration on `on`.
    fn add(&mut self, position: usize, occasion: Occasion, on: Date, total: RawTotal) {
        match occasion {
            Occasion::Baseline if self.baseline.is_none_or(|(_, date, _)| on < date) => {
                self.baseline = Some((position, on, total));
            }
            Occasion::FollowUp if self.follow_up.is_none_or(|(_, date, _)| on >= date) => {
                self.follow_up = Some((position, on, total));
            }
            _ => {}
        }
    }
}

/// The error of the first administration in `administrations` that cannot be scored
/// (there is one: the caller met it).
fn first_error(
    definition: &InstrumentDefinition,
    administrations: &[InstrumentAdministration],
    relevant: impl Fn(&InstrumentAdministration) -> bool,
) -> Error {
    administrations
        .iter()
        .filter(|a| relevant(a))
        .find_map(|a| definition.valid_total(a).err())
        .expect("the caller found an administration that cannot be scored")
}
