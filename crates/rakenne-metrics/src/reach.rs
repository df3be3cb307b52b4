//! Reach and process: whom an operating model reached, how fast and how intensively.
//!
//! From service episodes: how many distinct clients were reached, how many were new to
//! the service, how long they waited from first contact to the start of the service
//! (median and quartiles, in days), how many contacts there were per client, and how many
//! episodes ended before the service started.

use std::collections::BTreeSet;

use rakenne_model::ServiceEpisode;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Descriptives, Error, Proportion};

/// Reach and process figures of a group of service episodes.
///
/// # Example
/// ```
/// use rakenne_metrics::ReachSummary;
/// use rakenne_model::{Client, ServiceClass, ServiceEpisode};
/// use rust_decimal::Decimal;
/// use time::macros::date;
///
/// let episode = |id: &str, client: &str, wait: i64, new: bool| {
///     let first = date!(2025 - 01 - 10);
///     ServiceEpisode::builder(id.parse().unwrap(), Client::new(client.parse().unwrap()),
///         ServiceClass::SocialWork, "08".parse().unwrap(), first)
///         .service_start(first + time::Duration::days(wait))
///         .contacts(4)
///         .new_client(new)
///         .build()
///         .unwrap()
/// };
/// let episodes = [episode("E1", "C1", 3, true), episode("E2", "C2", 10, false), episode("E3", "C1", 7, false)];
/// let reach = ReachSummary::of(&episodes)?;
/// assert_eq!(reach.clients_reached, 2);
/// assert_eq!(reach.new_clients.map(|p| p.count), Some(1));
/// assert_eq!(reach.days_to_start.median, Some(Decimal::from(7)));
/// assert_eq!(reach.contacts_per_client, Some(Decimal::from(6))); // 12 contacts / 2 clients
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReachSummary {
    /// Number of episodes.
    pub episodes: u64,
    /// Number of distinct clients.
    pub clients_reached: u64,
    /// Distinct clients with at least one episode marked new to the service, out of the
    /// distinct clients whose newness is known (none when it is known for nobody).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_clients: Option<Proportion>,
    /// Days from first contact to service start, over the episodes that started.
    pub days_to_start: Descriptives,
    /// Contacts in all episodes divided by the number of distinct clients (none without
    /// clients).
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub contacts_per_client: Option<Decimal>,
    /// Episodes that ended without the service having started, out of all episodes (none
    /// without episodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_before_start: Option<Proportion>,
}

impl ReachSummary {
    /// The figures of `episodes` (a group of no episodes has only its counts, 0).
    pub fn of<'a>(episodes: impl IntoIterator<Item = &'a ServiceEpisode>) -> Result<Self, Error> {
        let mut count = 0u64;
        let mut clients = BTreeSet::new();
        let mut known = BTreeSet::new();
        let mut new = BTreeSet::new();
        let mut waits = Vec::new();
        let mut contacts = 0u64;
        let mut ended_early = 0u64;
        for episode in episodes {
            count += 1;
            let client = episode.client().id();
            clients.insert(client);
            if let Some(is_new) = episode.new_client() {
                known.insert(client);
                if is_new {
                    new.insert(client);
                }
            }
            if let Some(days) = episode.days_to_start() {
                waits.push(Decimal::from(days));
            }
            if episode.service_end().is_some() && episode.service_start().is_none() {
                ended_early += 1;
            }
            contacts += u64::from(episode.contacts());
        }
        let reached = clients.len() as u64;
        let share = |count: u64, n: u64| (n > 0).then(|| Proportion::wilson(count, n)).transpose();
        Ok(ReachSummary {
            episodes: count,
            clients_reached: reached,
            new_clients: share(new.len() as u64, known.len() as u64)?,
            days_to_start: Descriptives::of(&waits),
            contacts_per_client: (reached > 0)
                .then(|| Decimal::from(contacts) / Decimal::from(reached)),
            ended_before_start: share(ended_early, count)?,
        })
    }
}
