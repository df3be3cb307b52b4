//! Placements: what decides the cell of a record in a publication table, kept small.
//!
//! Every dimension of a table is decided by a record's implementation, its cohort date,
//! and its client's age group and gender. [`PairedScores`](crate::PairedScores) and
//! [`ClientGasScores`](crate::ClientGasScores) note these when they read a record, so
//! that a table can place half a million records without going back to an input of
//! hundreds of megabytes (each visit a cache miss). Implementations are numbered, so a
//! placement is a few bytes and compares without touching the ids.

use std::sync::Mutex;

use rakenne_model::{AgeGroup, Client, Gender, ImplementationId};
use rustc_hash::FxHashMap;
use time::Date;

use crate::text::Text;

/// What decides a record's cell: the number of its implementation (see
/// [`Implementations`]), its cohort date, and its client's age group and gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub(crate) implementation: u32,
    pub(crate) date: Date,
    pub(crate) age_group: Option<AgeGroup>,
    pub(crate) gender: Option<Gender>,
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
#[derive(Debug, Default)]
pub(crate) struct LocalImplementations<'a> {
    known: FxHashMap<Text<'a>, u32>,
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
                if let Some(&number) = local.known.get(&text) {
                    number
                } else {
                    let number = self.number(text);
                    local.known.insert(text, number);
                    number
                }
            }
        };
        Placement {
            implementation,
            date,
            age_group: client.age_group(),
            gender: client.gender(),
        }
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
