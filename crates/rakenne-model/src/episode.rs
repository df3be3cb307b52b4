//! Service episodes (palvelujaksot): who was reached, how fast, how often.
//!
//! Reach and process are half of an operating model's evaluation: how many clients it
//! reached, how many were new, how long they waited from first contact to the start of
//! the service, how many contacts they had, how many dropped out. A [`ServiceEpisode`]
//! holds exactly the facts those measures need, per client and service.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::invariant::{check_municipality_in_area, check_order};
use crate::{
    Client, EpisodeId, Error, ImplementationId, MunicipalityCode, ServiceClass, WelfareAreaCode,
};

const RECORD: &str = "service episode";

/// One client's episode in a service (palvelujakso): from the first contact through the
/// start of the service to its end.
///
/// Invariants (checked by [`ServiceEpisodeBuilder::build`] and deserialization):
/// `first_contact ≤ service_start ≤ service_end` for the dates given (an episode may end
/// without the service having started, e.g. when the client did not come); the
/// municipality, if given, belongs to the area; dates in 1900–2100.
///
/// # Example
/// ```
/// use rakenne_model::{Client, ServiceClass, ServiceEpisode};
/// use time::macros::date;
///
/// let episode = ServiceEpisode::builder(
///     "E-1".parse()?,
///     Client::new("C-7f3a9e".parse()?),
///     ServiceClass::SocialRehabilitation,
///     "08".parse()?,
///     date!(2025 - 01 - 13),
/// )
/// .service_start(date!(2025 - 01 - 27))
/// .service_end(date!(2025 - 06 - 13))
/// .contacts(14)
/// .new_client(true)
/// .build()?;
/// assert_eq!(episode.days_to_start(), Some(14));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ServiceEpisode {
    /// Id of the episode.
    id: EpisodeId,
    /// The client (pseudonymous).
    client: Client,
    /// The implementation the episode belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    implementation: Option<ImplementationId>,
    /// The service.
    service_class: ServiceClass,
    /// Welfare area providing the service.
    area: WelfareAreaCode,
    /// Municipality of the service point, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    municipality: Option<MunicipalityCode>,
    /// Date of the first contact (ensikontakti), e.g. a call or a walk-in.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "crate::date::DateSchema")]
    first_contact: Date,
    /// Date the service started, if it did.
    #[serde(
        default,
        with = "crate::date::iso_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::date::DateSchema>")]
    service_start: Option<Date>,
    /// Date the episode ended, if it has.
    #[serde(
        default,
        with = "crate::date::iso_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::date::DateSchema>")]
    service_end: Option<Date>,
    /// Number of contacts (meetings, calls, visits) in the episode so far. Required, so that
    /// an unknown count is never read as zero.
    contacts: u32,
    /// Whether the client was new to the service (no episode in the previous 12 months), if
    /// known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    new_client: Option<bool>,
}

impl ServiceEpisode {
    /// Starts an episode with its first contact.
    pub fn builder(
        id: EpisodeId,
        client: Client,
        service_class: ServiceClass,
        area: WelfareAreaCode,
        first_contact: Date,
    ) -> ServiceEpisodeBuilder {
        ServiceEpisodeBuilder {
            episode: ServiceEpisode {
                id,
                client,
                implementation: None,
                service_class,
                area,
                municipality: None,
                first_contact,
                service_start: None,
                service_end: None,
                contacts: 0,
                new_client: None,
            },
        }
    }

    /// Id of the episode.
    pub fn id(&self) -> &EpisodeId {
        &self.id
    }

    /// The client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The implementation, if any.
    pub fn implementation(&self) -> Option<&ImplementationId> {
        self.implementation.as_ref()
    }

    /// The service.
    pub fn service_class(&self) -> ServiceClass {
        self.service_class
    }

    /// Welfare area.
    pub fn area(&self) -> WelfareAreaCode {
        self.area
    }

    /// Municipality, if known.
    pub fn municipality(&self) -> Option<MunicipalityCode> {
        self.municipality
    }

    /// Date of the first contact.
    pub fn first_contact(&self) -> Date {
        self.first_contact
    }

    /// Date the service started, if it did.
    pub fn service_start(&self) -> Option<Date> {
        self.service_start
    }

    /// Date the episode ended, if it has.
    pub fn service_end(&self) -> Option<Date> {
        self.service_end
    }

    /// Number of contacts.
    pub fn contacts(&self) -> u32 {
        self.contacts
    }

    /// Whether the client was new to the service, if known.
    pub fn new_client(&self) -> Option<bool> {
        self.new_client
    }

    /// Days from the first contact to the start of the service (waiting time), if the
    /// service started.
    pub fn days_to_start(&self) -> Option<i64> {
        self.service_start
            .map(|start| (start - self.first_contact).whole_days())
    }

    fn check(self) -> Result<Self, Error> {
        crate::date::check(self.first_contact, "first contact date")?;
        let first = ("first_contact", self.first_contact);
        if let Some(start) = self.service_start {
            crate::date::check(start, "service start date")?;
            check_order(RECORD, first, ("service_start", start))?;
        }
        if let Some(end) = self.service_end {
            crate::date::check(end, "service end date")?;
            match self.service_start {
                Some(start) => check_order(RECORD, ("service_start", start), ("service_end", end))?,
                None => check_order(RECORD, first, ("service_end", end))?,
            }
        }
        if let Some(municipality) = self.municipality {
            check_municipality_in_area(RECORD, municipality, self.area)?;
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for ServiceEpisode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: EpisodeId,
            client: Client,
            #[serde(default)]
            implementation: Option<ImplementationId>,
            service_class: ServiceClass,
            area: WelfareAreaCode,
            #[serde(default)]
            municipality: Option<MunicipalityCode>,
            #[serde(with = "crate::date::iso")]
            first_contact: Date,
            #[serde(default, with = "crate::date::iso_option")]
            service_start: Option<Date>,
            #[serde(default, with = "crate::date::iso_option")]
            service_end: Option<Date>,
            contacts: u32,
            #[serde(default)]
            new_client: Option<bool>,
        }
        let f = Fields::deserialize(deserializer)?;
        ServiceEpisode {
            id: f.id,
            client: f.client,
            implementation: f.implementation,
            service_class: f.service_class,
            area: f.area,
            municipality: f.municipality,
            first_contact: f.first_contact,
            service_start: f.service_start,
            service_end: f.service_end,
            contacts: f.contacts,
            new_client: f.new_client,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

/// Builds a [`ServiceEpisode`]; made by [`ServiceEpisode::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ServiceEpisodeBuilder {
    episode: ServiceEpisode,
}

impl ServiceEpisodeBuilder {
    /// Places the episode in an implementation.
    pub fn implementation(mut self, implementation: ImplementationId) -> Self {
        self.episode.implementation = Some(implementation);
        self
    }

    /// Sets the municipality (must belong to the area).
    pub fn municipality(mut self, municipality: MunicipalityCode) -> Self {
        self.episode.municipality = Some(municipality);
        self
    }

    /// Sets the start date of the service.
    pub fn service_start(mut self, start: Date) -> Self {
        self.episode.service_start = Some(start);
        self
    }

    /// Sets the end date of the episode.
    pub fn service_end(mut self, end: Date) -> Self {
        self.episode.service_end = Some(end);
        self
    }

    /// Sets the number of contacts (0 until set).
    pub fn contacts(mut self, contacts: u32) -> Self {
        self.episode.contacts = contacts;
        self
    }

    /// Records whether the client was new to the service.
    pub fn new_client(mut self, new_client: bool) -> Self {
        self.episode.new_client = Some(new_client);
        self
    }

    /// Checks the invariants and returns the episode.
    pub fn build(self) -> Result<ServiceEpisode, Error> {
        self.episode.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn builder() -> ServiceEpisodeBuilder {
        ServiceEpisode::builder(
            "E1".parse().unwrap(),
            Client::new("C1".parse().unwrap()),
            ServiceClass::SocialWork,
            "08".parse().unwrap(),
            date!(2025 - 02 - 01),
        )
    }

    #[test]
    fn dates_must_be_in_order() {
        let err = builder()
            .service_start(date!(2025 - 01 - 31))
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "inconsistent service episode: service_start 2025-01-31 is before first_contact \
             2025-02-01: dates must be in order"
        );
        let err = builder()
            .service_start(date!(2025 - 02 - 10))
            .service_end(date!(2025 - 02 - 09))
            .build()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("service_end 2025-02-09 is before service_start")
        );
        let err = builder()
            .service_end(date!(2025 - 01 - 01))
            .build()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("service_end 2025-01-01 is before first_contact")
        );
    }

    #[test]
    fn an_episode_may_end_without_starting() {
        let episode = builder()
            .service_end(date!(2025 - 02 - 20))
            .build()
            .unwrap();
        assert_eq!(episode.days_to_start(), None);
    }

    #[test]
    fn same_day_start_waits_zero_days() {
        let episode = builder()
            .service_start(date!(2025 - 02 - 01))
            .build()
            .unwrap();
        assert_eq!(episode.days_to_start(), Some(0));
    }

    #[test]
    fn municipality_must_be_in_the_area() {
        // 091 Helsinki is in area 90, not 08.
        let err = builder()
            .municipality("091".parse().unwrap())
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "inconsistent service episode: municipality 091 belongs to welfare area 90, not 08: \
             correct the area or the municipality"
        );
    }
}
