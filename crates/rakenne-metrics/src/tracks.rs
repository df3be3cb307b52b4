//! Tracks: the records of one client in one implementation, gathered from a large input.
//!
//! Pairing a client's baseline with their follow-up and combining a client's GAS goals both
//! start by finding, for every (client id, implementation id), the positions of its records
//! in the input. A national year is a million records of half a million keys; a hash map of
//! that many keys misses the cache on nearly every probe, and those misses were most of
//! the time of an evaluation. So the grouping is done in cache-sized pieces instead:
//!
//! 1. consecutive records with the same key (the usual layout: a client's records
//!    together) form a *run*, and only runs are grouped;
//! 2. the runs are partitioned by the high bits of their key's hash into buckets of about
//!    a hundred runs (one counting-sort pass);
//! 3. in each bucket, a small open-addressing table, which stays in the L1 cache, finds
//!    the runs of equal keys; keys are compared, so a hash collision never merges two;
//! 4. the tracks are numbered in the order in which their keys first appear, and their
//!    runs are laid out track by track, ascending within each track.
//!
//! The result does not depend on the hash function: only which runs share a key does.
//!
//! Pairing and GAS scoring go through [`decide_tracks`], which first tries the layout of
//! most exports — records sorted by client — and decides each run as a track in the same
//! pass that finds it (so each record is read once, not once to group and again to
//! decide). While the runs' keys ascend, no key can have a second run; at the first key
//! that does not, that pass stops and the tracks are grouped as above.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use rakenne_model::{Client, ImplementationId};
use rayon::prelude::*;
use rustc_hash::FxHasher;

use crate::text::Text;

/// The key of a track: the client id and the implementation id, if any.
pub(crate) type TrackKey<'a> = (Text<'a>, Option<Text<'a>>);

/// The track key of a record of `client` in `implementation`.
pub(crate) fn record_key<'a>(
    client: &'a Client,
    implementation: Option<&'a ImplementationId>,
) -> TrackKey<'a> {
    (
        Text(client.id().as_str()),
        implementation.map(|i| Text(i.as_str())),
    )
}

/// Runs per bucket aimed at: a bucket's runs and its table stay in the L1 cache.
const RUNS_PER_BUCKET: usize = 128;

/// No entry, in a bucket's table.
const EMPTY: u32 = u32::MAX;

/// The records of every track, as runs of consecutive positions, track by track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tracks {
    /// Where each run starts, and one past the end of the last run: run `r` is the
    /// positions `bounds[r]..bounds[r + 1]`.
    bounds: Vec<usize>,
    /// The runs of every track, when some track has more than one run; `None` in the
    /// usual case, where track `t` is run `t`.
    merged: Option<Merged>,
}

/// The runs of every track, when some have several.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Merged {
    /// Run indices, track after track, ascending within a track.
    runs: Vec<usize>,
    /// Where each track starts in `runs`, and one past the last track's end.
    starts: Vec<usize>,
}

impl Tracks {
    /// Groups the positions `0..n` by `key`: tracks in the order in which their key first
    /// appears, each with its positions in ascending order.
    pub(crate) fn group<'a>(n: usize, key: impl Fn(usize) -> TrackKey<'a> + Sync) -> Tracks {
        Tracks::group_with(n, key, hash)
    }

    /// [`group`](Self::group) with the hash function given (tests give a poor one, to
    /// exercise collisions).
    fn group_with<'a>(
        n: usize,
        key: impl Fn(usize) -> TrackKey<'a> + Sync,
        hash: impl Fn(TrackKey<'a>) -> u64 + Sync,
    ) -> Tracks {
        // 1. Runs of equal keys: where each starts, and the hash of its key; found in
        //    parts, in parallel (a run cut at the end of a part is two runs of one key,
        //    which step 3 joins like any other). Reserving one run per record costs only
        //    address space: pages never written are never mapped.
        let found: Vec<(Vec<usize>, Vec<u64>)> = parts(n)
            .into_par_iter()
            .map(|part| {
                let mut bounds = Vec::with_capacity(part.len());
                let mut hashes = Vec::with_capacity(part.len());
                let mut previous: Option<TrackKey<'a>> = None;
                for position in part {
                    let k = key(position);
                    if previous != Some(k) {
                        bounds.push(position);
                        hashes.push(hash(k));
                        previous = Some(k);
                    }
                }
                (bounds, hashes)
            })
            .collect();
        let (mut bounds, hashes) = if found.len() == 1 {
            // One part (one thread): its runs are all the runs, without a copy.
            found.into_iter().next().unwrap_or_default()
        } else {
            let runs: usize = found.iter().map(|(b, _)| b.len()).sum();
            let mut bounds: Vec<usize> = Vec::with_capacity(runs + 1);
            let mut hashes: Vec<u64> = Vec::with_capacity(runs);
            for (b, h) in found {
                bounds.extend(b);
                hashes.extend(h);
            }
            (bounds, hashes)
        };
        bounds.push(n);
        let run_key = |r: usize| key(bounds[r]);

        // 2. Partition the runs by the high bits of their hash.
        let (bucket_starts, by_bucket) = partition(&hashes);

        // 3. In each bucket, an open-addressing table of the first run of every key finds
        //    each later run's leader (the first run of its key). The table is probed by
        //    the low bits of the hash; equal hashes are confirmed by comparing the keys.
        let n_buckets = bucket_starts.len() - 1;
        let followers: Vec<(usize, usize)> = parts(n_buckets)
            .into_par_iter()
            .flat_map_iter(|buckets| {
                let mut followers = Vec::new();
                let mut table: Vec<u32> = Vec::new();
                for b in buckets {
                    let members = &by_bucket[bucket_starts[b]..bucket_starts[b + 1]];
                    find_followers(members, &hashes, &run_key, &mut table, &mut followers);
                }
                followers
            })
            .collect();
        if followers.is_empty() {
            // Every run is a track, in order.
            return Tracks {
                bounds,
                merged: None,
            };
        }

        // 4. Number the tracks by first appearance (a leader precedes its followers, so
        //    one forward pass turns leaders into track numbers) and lay out the runs
        //    track by track.
        let runs = hashes.len();
        let mut track: Vec<usize> = (0..runs).collect();
        for (r, first) in followers {
            track[r] = first;
        }
        let mut sizes: Vec<usize> = Vec::new();
        for r in 0..runs {
            track[r] = if track[r] == r {
                sizes.push(0);
                sizes.len() - 1
            } else {
                track[track[r]]
            };
            sizes[track[r]] += 1;
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        starts.push(0);
        let mut total = 0;
        for size in sizes {
            total += size;
            starts.push(total);
        }
        let mut cursor = starts.clone();
        let mut laid_out = vec![0; runs];
        for (r, &t) in track.iter().enumerate() {
            laid_out[cursor[t]] = r;
            cursor[t] += 1;
        }
        Tracks {
            bounds,
            merged: Some(Merged {
                runs: laid_out,
                starts,
            }),
        }
    }

    /// Number of tracks.
    pub(crate) fn len(&self) -> usize {
        match &self.merged {
            None => self.bounds.len() - 1,
            Some(merged) => merged.starts.len() - 1,
        }
    }

    /// The runs of track `t`: ranges of positions, ascending.
    pub(crate) fn runs(&self, t: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let runs = match &self.merged {
            None => t..t + 1,
            Some(merged) => merged.starts[t]..merged.starts[t + 1],
        };
        runs.map(move |i| {
            let r = self.merged.as_ref().map_or(i, |merged| merged.runs[i]);
            self.bounds[r]..self.bounds[r + 1]
        })
    }

    /// The positions of track `t`, ascending.
    #[cfg(test)]
    pub(crate) fn positions(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        self.runs(t).flatten()
    }
}

/// What the tracks of consecutive parts of the input decided, in track order: the
/// parts' decisions are joined part after part.
pub(crate) trait Decisions: Default + Send {
    /// Room for the decisions of a part of `records` records. (Room for one decision per
    /// record costs only address space: pages never written are never mapped.)
    fn reserve(&mut self, records: usize);

    /// Appends the decisions of the next part.
    fn append(&mut self, next: Self);
}

/// What [`decide_tracks`] hands `decide` to read a record's *fact* (the little it needs of
/// the record) by position: the fact computed from the record there and then, when
/// records are read in input order, or taken from a column of facts computed beforehand in
/// input order, when tracks are read out of order (a record away from the last one costs
/// a cache miss per line of it; its fact is a few bytes).
pub(crate) enum Facts<'f, F, G> {
    /// Computed when asked.
    Live(&'f G),
    /// Computed beforehand, by position.
    Stored(&'f [F]),
}

impl<F: Copy, G: Fn(usize) -> F> Facts<'_, F, G> {
    /// The fact of the record at `position`.
    #[inline]
    pub(crate) fn get(&self, position: usize) -> F {
        match self {
            Facts::Live(fact) => fact(position),
            Facts::Stored(facts) => facts[position],
        }
    }
}

/// Decides every track of the positions `0..n` grouped by `key`, in the order of
/// [`Tracks::group`]: `decide(scratch, decisions, runs, facts)` is called once per track
/// with the track's runs of positions (ascending, never empty) and the records' facts
/// (`fact` of a position), and records what it decides in `decisions`.
///
/// Input sorted by key (client id, then implementation id: the layout of most exports)
/// has each key's records together, so its tracks are its runs. That is tried first, in
/// one pass that reads each record once: runs are decided as they are found (while their
/// records are in the cache), as long as their keys ascend. At the first key that does
/// not, the pass stops and its decisions are dropped; then every record's fact is
/// computed in input order, and the tracks are grouped and decided as [`Tracks::group`]
/// lays them out, reading the facts (the same result).
pub(crate) fn decide_tracks<'a, F, G, S, D>(
    n: usize,
    key: impl Fn(usize) -> TrackKey<'a> + Sync,
    fact: G,
    decide: impl Fn(&mut S, &mut D, &[Range<usize>], &Facts<'_, F, G>) + Sync,
) -> D
where
    F: Copy + Send + Sync,
    G: Fn(usize) -> F + Sync,
    S: Default,
    D: Decisions,
{
    let live = Facts::Live(&fact);
    let decide_run = |scratch: &mut S, decided: &mut D, runs: &[Range<usize>]| {
        decide(scratch, decided, runs, &live);
    };
    if let Some(decided) = decide_runs(n, &key, &decide_run) {
        return decided;
    }
    let mut stored = Vec::new();
    (0..n)
        .into_par_iter()
        .map(&fact)
        .collect_into_vec(&mut stored);
    let stored = Facts::Stored(&stored);
    let tracks = Tracks::group(n, &key);
    let found: Vec<D> = parts(tracks.len())
        .into_par_iter()
        .map(|part| {
            let mut scratch = S::default();
            let mut decided = D::default();
            let mut runs = Vec::new();
            for t in part {
                runs.clear();
                runs.extend(tracks.runs(t));
                decide(&mut scratch, &mut decided, &runs, &stored);
            }
            decided
        })
        .collect();
    join(found)
}

/// The first try of [`decide_tracks`]: every run decided as a track, while the runs'
/// keys ascend (so that no key can have a second run); `None` at the first key that does
/// not.
fn decide_runs<'a, S: Default, D: Decisions>(
    n: usize,
    key: &(impl Fn(usize) -> TrackKey<'a> + Sync),
    decide: &(impl Fn(&mut S, &mut D, &[Range<usize>]) + Sync),
) -> Option<D> {
    // Parts that start where a run starts, so that no run is cut in two.
    let mut parts = parts(n);
    for i in 1..parts.len() {
        let mut start = parts[i].start.max(parts[i - 1].start);
        while start > 0 && start < n && key(start) == key(start - 1) {
            start += 1;
        }
        parts[i - 1].end = start;
        parts[i].start = start;
    }
    // Keys must also ascend from one part to the next.
    // (The record before a part's first is the last of the part before that has any.)
    let ascending_between = parts
        .iter()
        .all(|part| part.is_empty() || part.start == 0 || key(part.start - 1) < key(part.start));
    if !ascending_between {
        return None;
    }
    // Set by the first part that meets a key out of order: the others stop too.
    let out_of_order = AtomicBool::new(false);
    let found: Vec<Option<D>> = parts
        .into_par_iter()
        .map(|part| {
            let mut scratch = S::default();
            let mut decided = D::default();
            decided.reserve(part.len());
            let mut previous: Option<TrackKey<'a>> = None;
            let mut p = part.start;
            // The key of the record at `p`, once read (the record after a run is read
            // to end the run, and starts the next).
            let mut next = None;
            while p < part.end {
                let k = next.take().unwrap_or_else(|| key(p));
                if previous.is_some_and(|previous| previous >= k)
                    || out_of_order.load(Ordering::Relaxed)
                {
                    out_of_order.store(true, Ordering::Relaxed);
                    return None;
                }
                previous = Some(k);
                let start = p;
                p += 1;
                while p < part.end {
                    let after = key(p);
                    if after != k {
                        next = Some(after);
                        break;
                    }
                    p += 1;
                }
                decide(
                    &mut scratch,
                    &mut decided,
                    std::slice::from_ref(&(start..p)),
                );
            }
            Some(decided)
        })
        .collect();
    found.into_iter().collect::<Option<Vec<D>>>().map(join)
}

/// The parts' decisions joined in order.
fn join<D: Decisions>(parts: Vec<D>) -> D {
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    for part in parts {
        all.append(part);
    }
    all
}

/// The runs `0..hashes.len()` partitioned by the high bits of their hash into buckets of
/// about [`RUNS_PER_BUCKET`]: where each bucket starts (and one past the end), and the
/// runs bucket by bucket (stable: ascending within a bucket).
fn partition(hashes: &[u64]) -> (Vec<usize>, Vec<usize>) {
    let bits = (hashes.len() / RUNS_PER_BUCKET)
        .checked_ilog2()
        .map_or(0, |b| b + 1);
    let bucket = |h: u64| {
        if bits == 0 {
            0
        } else {
            usize::try_from(h >> (64 - bits)).unwrap_or_default()
        }
    };
    let mut bucket_starts = vec![0usize; (1 << bits) + 1];
    for &h in hashes {
        bucket_starts[bucket(h) + 1] += 1;
    }
    for b in 1..bucket_starts.len() {
        bucket_starts[b] += bucket_starts[b - 1];
    }
    let mut fill = bucket_starts.clone();
    let mut by_bucket = vec![0usize; hashes.len()];
    for (r, &h) in hashes.iter().enumerate() {
        let slot = &mut fill[bucket(h)];
        by_bucket[*slot] = r;
        *slot += 1;
    }
    (bucket_starts, by_bucket)
}

/// Finds the runs of one bucket (`members`, ascending) whose key an earlier run of the
/// bucket has, and pushes each with that first run to `followers`. An open-addressing
/// `table` of the first run of every key is probed by the low bits of the hash; equal
/// hashes are confirmed with `run_key`.
fn find_followers<'a>(
    members: &[usize],
    hashes: &[u64],
    run_key: &impl Fn(usize) -> TrackKey<'a>,
    table: &mut Vec<u32>,
    followers: &mut Vec<(usize, usize)>,
) {
    if members.len() < 2 {
        return;
    }
    let mask = (members.len() * 2).next_power_of_two() - 1;
    table.clear();
    table.resize(mask + 1, EMPTY);
    for (j, &r) in members.iter().enumerate() {
        let h = hashes[r];
        // Truncation intended: the low bits pick the slot.
        #[allow(clippy::cast_possible_truncation)]
        let mut slot = h as usize & mask;
        loop {
            let entry = table[slot];
            if entry == EMPTY {
                // A bucket has fewer than 2³² runs: its table has fewer slots.
                table[slot] = u32::try_from(j).unwrap_or(EMPTY);
                break;
            }
            let first = members[entry as usize];
            if hashes[first] == h && run_key(first) == run_key(r) {
                followers.push((r, first));
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// `0..n` in consecutive parts: one on one thread, otherwise four per thread.
pub(crate) fn parts(n: usize) -> Vec<Range<usize>> {
    let threads = rayon::current_num_threads();
    let count = if threads <= 1 { 1 } else { threads * 4 }.min(n.max(1));
    let size = n.div_ceil(count);
    (0..count)
        .map(|i| (i * size).min(n)..((i + 1) * size).min(n))
        .collect()
}

/// The hash of a key, mixed so that its high bits depend on every bit of the key
/// (a multiplicative step: the high bits of a product depend on all bits of the factors).
fn hash(key: TrackKey<'_>) -> u64 {
    let mut hasher = FxHasher::default();
    key.hash(&mut hasher);
    // Knuth's multiplicative constant, ⌊2⁶⁴/φ⌋ (TAOCP vol. 3, §6.4).
    hasher.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// The straightforward grouping: a map from key to positions, ordered by first
    /// position.
    fn by_map(keys: &[(String, Option<String>)]) -> Vec<Vec<usize>> {
        let mut map: BTreeMap<(&str, Option<&str>), Vec<usize>> = BTreeMap::new();
        for (p, (c, i)) in keys.iter().enumerate() {
            map.entry((c.as_str(), i.as_deref())).or_default().push(p);
        }
        let mut groups: Vec<Vec<usize>> = map.into_values().collect();
        groups.sort_by_key(|g| g[0]);
        groups
    }

    fn key_of((client, implementation): &(String, Option<String>)) -> TrackKey<'_> {
        (Text(client), implementation.as_deref().map(Text))
    }

    fn by_tracks(keys: &[(String, Option<String>)]) -> Vec<Vec<usize>> {
        let tracks = Tracks::group(keys.len(), |p| key_of(&keys[p]));
        (0..tracks.len())
            .map(|t| tracks.positions(t).collect())
            .collect()
    }

    fn keys() -> impl Strategy<Value = Vec<(String, Option<String>)>> {
        // Few distinct keys, so that keys repeat both in runs and apart.
        let client = (0u8..40).prop_map(|c| format!("C{c}"));
        let implementation = prop::option::of((0u8..3).prop_map(|i| format!("P{i}")));
        prop::collection::vec((client, implementation), 0..3000)
    }

    /// The positions of every track, as [`decide_tracks`] hands them over.
    #[derive(Debug, Default)]
    struct Positions(Vec<Vec<usize>>);

    impl Decisions for Positions {
        fn reserve(&mut self, records: usize) {
            self.0.reserve(records);
        }

        fn append(&mut self, mut next: Self) {
            self.0.append(&mut next.0);
        }
    }

    fn decided(keys: &[(String, Option<String>)]) -> Vec<Vec<usize>> {
        // The fact of a position is the position: the facts handed over must be those
        // of the positions, computed or stored.
        let decide = |(): &mut (),
                      found: &mut Positions,
                      runs: &[Range<usize>],
                      facts: &Facts<'_, usize, _>| {
            assert!(!runs.is_empty() && runs.iter().all(|r| !r.is_empty()));
            let positions: Vec<usize> = runs.iter().cloned().flatten().collect();
            assert!(positions.iter().all(|&p| facts.get(p) == p));
            found.0.push(positions);
        };
        decide_tracks(keys.len(), |p| key_of(&keys[p]), |p| p, decide).0
    }

    /// Whether the one-pass grouping took `keys` as they are.
    fn in_one_pass(keys: &[(String, Option<String>)]) -> bool {
        let decide = |(): &mut (), found: &mut Positions, runs: &[Range<usize>]| {
            found.0.push(runs.iter().cloned().flatten().collect());
        };
        decide_runs(keys.len(), &|p| key_of(&keys[p]), &decide).is_some()
    }

    /// Runs `f` on one thread and on two (which cuts the input into eight parts).
    fn on_one_and_two_threads<T: PartialEq + std::fmt::Debug + Send>(
        f: impl Fn() -> T + Send + Sync,
    ) -> T {
        let pool = |n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        };
        let one = pool(1).install(&f);
        assert_eq!(one, pool(2).install(&f));
        one
    }

    proptest! {
        #[test]
        fn tracks_equal_the_groups_of_a_map(keys in keys()) {
            prop_assert_eq!(by_tracks(&keys), by_map(&keys));
        }

        #[test]
        fn decided_tracks_equal_the_groups_of_a_map(mut keys in keys(), grouped: bool) {
            if grouped {
                keys.sort();
            }
            let expected = by_map(&keys);
            prop_assert_eq!(&on_one_and_two_threads(|| decided(&keys)), &expected);
            // The one pass takes the keys exactly when their runs ascend.
            let one_pass = on_one_and_two_threads(|| in_one_pass(&keys));
            let mut runs = keys.clone();
            runs.dedup();
            prop_assert_eq!(one_pass, runs.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(!grouped || one_pass);
        }
    }

    #[test]
    fn one_pass_gives_up_on_keys_out_of_order() {
        let keys: Vec<(String, Option<String>)> = ["A", "A", "B", "C", "C", "A"]
            .iter()
            .map(|c| ((*c).to_owned(), None))
            .collect();
        assert!(!in_one_pass(&keys));
        assert!(in_one_pass(&keys[..5]));
        // Runs of different keys that do not ascend: grouped by hashes.
        let descending: Vec<(String, Option<String>)> = ["C", "C", "B", "A", "A"]
            .iter()
            .map(|c| ((*c).to_owned(), None))
            .collect();
        assert!(!in_one_pass(&descending));
        assert_eq!(decided(&descending), vec![vec![0, 1], vec![2], vec![3, 4]]);
        // The same client in two implementations is two keys (no implementation first).
        let two = [
            ("A".to_owned(), None),
            ("A".to_owned(), Some("P".to_owned())),
        ];
        assert!(in_one_pass(&two));
        assert_eq!(decided(&keys), vec![vec![0, 1, 5], vec![2], vec![3, 4]]);
        assert!(in_one_pass(&[]));
        assert!(decided(&[]).is_empty());
    }

    #[test]
    fn colliding_hashes_do_not_merge_keys() {
        // Keys that repeat apart, in runs and alone; with a hash that is constant or takes
        // one of two values, every bucket is one long collision.
        let keys: Vec<(String, Option<String>)> = (0..2_000)
            .map(|p| {
                (
                    format!("C{}", (p * 7919) % 503),
                    (p % 3 == 0).then(|| "P".into()),
                )
            })
            .collect();
        let group = |hash: fn(TrackKey<'_>) -> u64| {
            let tracks = Tracks::group_with(keys.len(), |p| key_of(&keys[p]), hash);
            (0..tracks.len())
                .map(|t| tracks.positions(t).collect())
                .collect::<Vec<Vec<usize>>>()
        };
        assert_eq!(group(|_| 42), by_map(&keys));
        assert_eq!(
            group(|(c, _)| u64::from(c.0.len() % 2 == 0) << 63),
            by_map(&keys)
        );
        assert_eq!(by_tracks(&keys), by_map(&keys));
    }
}
