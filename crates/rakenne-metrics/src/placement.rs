//! Placements: what decides the cell of a record in a publication table, kept small.
//!
//! Every dimension of a table is decided by a record's implementation, its cohort date,
//! and its client's age group and gender. [`PairedScores`](crate::PairedScores) and
//! [`ClientGasScores`](crate::ClientGasScores) note these when they read a record, so
//! that a table can place half a million records without going back to an input of
//! hundreds of megabytes (each visit a cache miss). Implementations are numbered, so a
//! placement is a few bytes and compares without touching the ids.

use std::sync::Mutex;

use rakenne_model::{AgeGroup, Client, CodeList, Gender, ImplementationId};
use rustc_hash::FxHashMap;
use time::Date;

use crate::Dimension;
use crate::text::Text;

/// What decides a record's cell in any table: the number of its implementation (see
/// [`Implementations`]), the month of its cohort date, and its client's age group and
/// gender — packed in one word, so that it is small to keep and quick to hash and compare.
///
/// From the low bits: the gender's position in its code list plus one (0 for none;
/// 6 bits), the age group's likewise (6 bits), the month (4 bits), the year + 10 000
/// (15 bits: `time` dates are in years −9999..=9999) and the implementation number
/// (32 bits). Equal placements are equal in every part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Placement(u64);

impl Placement {
    /// The placement of these parts.
    pub(crate) fn new(
        implementation: u32,
        date: Date,
        age_group: Option<AgeGroup>,
        gender: Option<Gender>,
    ) -> Self {
        // −9999..=9999 + 10 000 is 1..=19 999, below 2¹⁵.
        let year = u64::from(date.year().wrapping_add(10_000).cast_unsigned()) & 0x7FFF;
        let month = u64::from(u8::from(date.month()));
        Placement(
            u64::from(implementation) << 31
                | year << 16
                | month << 12
                | code_bits(age_group) << 6
                | code_bits(gender),
        )
    }

    /// The placement with only the parts that `rows` and `columns` read (the others
    /// zero): records whose reduced placements are equal fall in the same cell of a
    /// table by those dimensions, and a table of a few hundred cells meets a few hundred
    /// reduced placements instead of thousands of whole ones.
    pub(crate) fn reduced_to(self, rows: Dimension, columns: Dimension) -> Placement {
        Placement(self.0 & (part_mask(rows) | part_mask(columns)))
    }
}

/// The bits of a [`Placement`] that the key of `dimension` depends on (see
/// [`EvaluationContext::key`](crate::EvaluationContext::key)).
fn part_mask(dimension: Dimension) -> u64 {
    const IMPLEMENTATION: u64 = !0 << 31;
    const YEAR_AND_MONTH: u64 = ((1 << 19) - 1) << 12;
    const AGE_GROUP: u64 = 0x3F << 6;
    const GENDER: u64 = 0x3F;
    match dimension {
        Dimension::Area
        | Dimension::Municipality
        | Dimension::OperatingModel
        | Dimension::ModelTheme => IMPLEMENTATION,
        Dimension::Year | Dimension::HalfYear | Dimension::Quarter | Dimension::Month => {
            YEAR_AND_MONTH
        }
        Dimension::AgeGroup => AGE_GROUP,
        Dimension::Gender => GENDER,
    }
}

/// The position of `code` in its list plus one, or 0 for none (lists have fewer than 63
/// codes: tested).
fn code_bits<L: CodeList + PartialEq>(code: Option<L>) -> u64 {
    code.and_then(|code| L::all().iter().position(|&c| c == code))
        .map_or(0, |position| position as u64 + 1)
}

/// The number of "no implementation", in a [`Placement`].
const NO_IMPLEMENTATION: u32 = u32::MAX;

/// Numbers implementation ids, the same id the same number on every thread: each thread
/// keeps its own map of the ids it has met and asks a shared one only about new ids.
#[derive(Debug, Default)]
pub(crate) struct Implementations<'a> {
    shared: Mutex<FxHashMap<Text<'a>, u32>>,
}

/// One thread's view of [`Implementations`].
#[derive(Debug)]
pub(crate) struct LocalImplementations<'a> {
    known: FxHashMap<Text<'a>, u32>,
    /// Ids met lately, each in the slot of its [`slot`] hash: an evaluation names a few
    /// dozen implementations, which then are found here with one comparison, without
    /// hashing the whole id (it is done for every client). Many more slots than ids, so
    /// that two ids rarely share one and evict each other.
    recent: Vec<Option<(Text<'a>, u32)>>,
}

impl Default for LocalImplementations<'_> {
    fn default() -> Self {
        LocalImplementations {
            known: FxHashMap::default(),
            recent: vec![None; RECENT],
        }
    }
}

/// Slots of [`LocalImplementations::recent`] (a power of two: see [`slot`]).
const RECENT: usize = 256;

/// The slot of `id` in [`LocalImplementations::recent`]: a hash of its length and of its
/// first and last eight bytes (ids of one data set often share a prefix or a suffix).
#[inline]
fn slot(id: &str) -> usize {
    let bytes = id.as_bytes();
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    let (first, last) = if bytes.len() >= 8 {
        (word(&bytes[..8]), word(&bytes[bytes.len() - 8..]))
    } else {
        let short = bytes
            .iter()
            .fold(0u64, |word, &byte| word << 8 | u64::from(byte));
        (short, 0)
    };
    let mixed =
        (first ^ last.rotate_left(29) ^ bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The top eight bits: below 256.
    usize::try_from(mixed >> (64 - RECENT.trailing_zeros())).unwrap_or_default()
}

impl<'a> Implementations<'a> {
    /// The placement of a record of `client` in `implementation` with cohort date `date`.
    pub(crate) fn place(
        &self,
        local: &mut LocalImplementations<'a>,
        client: &Client,
        implementation: Option<&'a ImplementationId>,
        date: Date,
    ) -> Placement {
        let implementation = match implementation {
            None => NO_IMPLEMENTATION,
            Some(id) => {
                let text = Text(id.as_str());
                let recent = &mut local.recent[slot(id.as_str())];
                match recent {
                    Some((known, number)) if *known == text => *number,
                    _ => {
                        let number = if let Some(&number) = local.known.get(&text) {
                            number
                        } else {
                            let number = self.number(text);
                            local.known.insert(text, number);
                            number
                        };
                        *recent = Some((text, number));
                        number
                    }
                }
            }
        };
        Placement::new(implementation, date, client.age_group(), client.gender())
    }

    /// The shared number of `id`, a new one if it has none yet.
    fn number(&self, id: Text<'a>) -> u32 {
        // A poisoned lock still holds a consistent map: entries are inserted whole.
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let next = u32::try_from(shared.len()).unwrap_or(NO_IMPLEMENTATION - 1);
        *shared.entry(id).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn part_masks_cover_every_bit_once() {
        let parts = [
            Dimension::Area,
            Dimension::Month,
            Dimension::AgeGroup,
            Dimension::Gender,
        ]
        .map(part_mask);
        assert_eq!(parts.iter().fold(0, |all, p| all | p), u64::MAX);
        for (i, a) in parts.iter().enumerate() {
            for b in &parts[i + 1..] {
                assert_eq!(a & b, 0);
            }
        }
    }

    #[test]
    fn code_lists_fit_their_bits() {
        assert!(AgeGroup::all().len() < 63);
        assert!(Gender::all().len() < 63);
    }

    fn parts() -> impl Strategy<Value = (u32, Date, Option<AgeGroup>, Option<Gender>)> {
        (
            any::<u32>(),
            (-9999i32..=9999, 1u8..=12).prop_map(|(year, month)| {
                let month = time::Month::try_from(month).expect("1..=12 is a month");
                Date::from_calendar_date(year, month, 1).expect("the first of a month")
            }),
            prop::option::of(prop::sample::select(AgeGroup::all())),
            prop::option::of(prop::sample::select(Gender::all())),
        )
    }

    proptest! {
        /// Placements are equal exactly when their implementation, year, month, age group
        /// and gender are (the day does not matter).
        #[test]
        fn placements_are_equal_when_their_parts_are(a in parts(), b in parts()) {
            let same = a.0 == b.0
                && (a.1.year(), a.1.month()) == (b.1.year(), b.1.month())
                && a.2 == b.2
                && a.3 == b.3;
            prop_assert_eq!(Placement::new(a.0, a.1, a.2, a.3) == Placement::new(b.0, b.1, b.2, b.3), same);
            prop_assert_eq!(Placement::new(a.0, a.1, a.2, a.3), Placement::new(a.0, a.1 + time::Duration::days(3), a.2, a.3));
        }
    }
}
