//! Clients (asiakkaat), pseudonymous.
//!
//! rakenne never carries who a client is, only a pseudonymous id that the producing system
//! assigns (and can map back internally), plus two optional background categories that
//! results can be broken down by. A [`ClientId`] that contains a personal identity code
//! cannot be constructed, and it does not show in `Debug` output, so it cannot slip into
//! logs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::id::id_type;

id_type! {
    /// Pseudonymous client id (asiakkaan pseudonyymi tunniste), assigned by the producer's
    /// system. Never a personal identity code, and never shown by `Debug`.
    pub struct ClientId as "client id", personal: true, example: "C-7f3a9e";
}

code_list! {
    /// Age group of a client (ikäryhmä), at the start of the service or measurement.
    ///
    /// The bands follow the usual Statistics Finland ten-year bands, with the young adults
    /// (18–24) and children separated because services for them differ.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{AgeGroup, CodeList};
    ///
    /// assert_eq!(AgeGroup::for_age(19), AgeGroup::Age18To24);
    /// assert_eq!(AgeGroup::for_age(80).code(), "age_75_plus");
    /// ```
    pub enum AgeGroup as "age_group", closed {
        Age0To17 = "age_0_17" {
            fi: "0–17-vuotiaat",
            sv: "0–17 år",
            en: "Aged 0–17",
            description: "Children under 18 years.",
        },
        Age18To24 = "age_18_24" {
            fi: "18–24-vuotiaat",
            sv: "18–24 år",
            en: "Aged 18–24",
            description: "Young adults aged 18 to 24.",
        },
        Age25To34 = "age_25_34" {
            fi: "25–34-vuotiaat",
            sv: "25–34 år",
            en: "Aged 25–34",
            description: "Adults aged 25 to 34.",
        },
        Age35To44 = "age_35_44" {
            fi: "35–44-vuotiaat",
            sv: "35–44 år",
            en: "Aged 35–44",
            description: "Adults aged 35 to 44.",
        },
        Age45To54 = "age_45_54" {
            fi: "45–54-vuotiaat",
            sv: "45–54 år",
            en: "Aged 45–54",
            description: "Adults aged 45 to 54.",
        },
        Age55To64 = "age_55_64" {
            fi: "55–64-vuotiaat",
            sv: "55–64 år",
            en: "Aged 55–64",
            description: "Adults aged 55 to 64.",
        },
        Age65To74 = "age_65_74" {
            fi: "65–74-vuotiaat",
            sv: "65–74 år",
            en: "Aged 65–74",
            description: "Older adults aged 65 to 74.",
        },
        Age75Plus = "age_75_plus" {
            fi: "75 vuotta täyttäneet",
            sv: "75 år och äldre",
            en: "Aged 75 and over",
            description: "Older adults aged 75 or more.",
        },
    }
}

impl AgeGroup {
    /// The group of a person aged `years` (completed years).
    pub fn for_age(years: u8) -> AgeGroup {
        match years {
            0..=17 => AgeGroup::Age0To17,
            18..=24 => AgeGroup::Age18To24,
            25..=34 => AgeGroup::Age25To34,
            35..=44 => AgeGroup::Age35To44,
            45..=54 => AgeGroup::Age45To54,
            55..=64 => AgeGroup::Age55To64,
            65..=74 => AgeGroup::Age65To74,
            _ => AgeGroup::Age75Plus,
        }
    }
}

code_list! {
    /// Gender of a client (sukupuoli), as the client reports it.
    ///
    /// Optional everywhere: leave it out when unknown rather than guessing.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Gender, Lang};
    ///
    /// assert_eq!(Gender::Female.label(Lang::Sv).text(), "Kvinna");
    /// ```
    pub enum Gender as "gender", closed {
        Female = "female" {
            fi: "Nainen",
            sv: "Kvinna",
            en: "Female",
            description: "Woman.",
        },
        Male = "male" {
            fi: "Mies",
            sv: "Man",
            en: "Male",
            description: "Man.",
        },
        Other = "other" {
            fi: "Muu",
            sv: "Annat",
            en: "Other",
            description: "Another gender, or the client does not identify as a woman or a man.",
        },
    }
}

/// A client as referred to by client-level records (measurements, goals, episodes):
/// the pseudonymous id and optional background categories.
///
/// # Example
/// ```
/// use rakenne_model::{AgeGroup, Client, ClientId, Gender};
///
/// let client = Client::new("C-7f3a9e".parse::<ClientId>()?)
///     .with_age_group(AgeGroup::Age25To34)
///     .with_gender(Gender::Female);
/// assert_eq!(client.age_group(), Some(AgeGroup::Age25To34));
/// assert_eq!(
///     serde_json::to_string(&client).unwrap(),
///     r#"{"id":"C-7f3a9e","age_group":"age_25_34","gender":"female"}"#
/// );
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Client {
    /// Pseudonymous client id.
    id: ClientId,
    /// Age group, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    age_group: Option<AgeGroup>,
    /// Gender, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gender: Option<Gender>,
}

impl Client {
    /// A client with only the id known.
    pub fn new(id: ClientId) -> Self {
        Client {
            id,
            age_group: None,
            gender: None,
        }
    }

    /// Sets the age group.
    #[must_use]
    pub fn with_age_group(mut self, age_group: AgeGroup) -> Self {
        self.age_group = Some(age_group);
        self
    }

    /// Sets the gender.
    #[must_use]
    pub fn with_gender(mut self, gender: Gender) -> Self {
        self.gender = Some(gender);
        self
    }

    /// The pseudonymous id.
    #[inline]
    pub fn id(&self) -> &ClientId {
        &self.id
    }

    /// The age group, if known.
    #[inline]
    pub fn age_group(&self) -> Option<AgeGroup> {
        self.age_group
    }

    /// The gender, if known.
    #[inline]
    pub fn gender(&self) -> Option<Gender> {
        self.gender
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn client_id_errors_never_quote_the_value() {
        let err = "secret value".parse::<ClientId>().unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidPersonal {
                what: "client id",
                ..
            }
        ));
        assert!(!err.to_string().contains("secret"));
        assert_eq!(
            "131052-308T".parse::<ClientId>(),
            Err(Error::PersonalIdentityCode { what: "client id" })
        );
    }

    #[test]
    fn client_id_debug_is_redacted() {
        let id: ClientId = "C-7f3a9e".parse().unwrap();
        assert_eq!(format!("{id:?}"), "ClientId(<redacted>)");
        assert!(!format!("{:?}", Client::new(id)).contains("7f3a9e"));
    }

    #[test]
    fn age_bands_have_the_documented_edges() {
        let edges = [
            (0, AgeGroup::Age0To17),
            (17, AgeGroup::Age0To17),
            (18, AgeGroup::Age18To24),
            (24, AgeGroup::Age18To24),
            (25, AgeGroup::Age25To34),
            (64, AgeGroup::Age55To64),
            (65, AgeGroup::Age65To74),
            (74, AgeGroup::Age65To74),
            (75, AgeGroup::Age75Plus),
            (255, AgeGroup::Age75Plus),
        ];
        for (age, group) in edges {
            assert_eq!(AgeGroup::for_age(age), group, "age {age}");
        }
    }

    #[test]
    fn client_refuses_unknown_fields() {
        let err = serde_json::from_str::<Client>(r#"{"id":"C1","name":"x"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `name`"), "{err}");
    }
}
