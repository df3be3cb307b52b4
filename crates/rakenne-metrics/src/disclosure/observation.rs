//! The input of disclosure control: a value and the persons it is based on.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One cell of a table before disclosure control: a value and the number of persons it
/// is based on (henkilömäärä).
///
/// The value is a count, an exact sum or any other statistic; `None` when the statistic
/// has no value for these persons (a mean over nobody). Serialized as
/// `{"value": "12", "persons": 12}`, or `{"persons": 0}` without a value; the value is an
/// exact decimal written as a string.
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::Observation;
/// use rust_decimal::Decimal;
///
/// // 12 clients.
/// assert_eq!(Observation::count(12), Observation::new(Decimal::from(12), 12));
/// // A mean change of 1.5 points over 12 clients.
/// let mean = Observation::new(Decimal::new(15, 1), 12);
/// assert_eq!(serde_json::to_string(&mean)?, r#"{"value":"1.5","persons":12}"#);
/// // The mean over nobody.
/// assert_eq!(serde_json::to_string(&Observation::without_value(0))?, r#"{"persons":0}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A value and the number of persons it is based on (henkilömäärä); the value \
                   is absent when the statistic has none for these persons."
)]
pub struct Observation {
    /// The value as an exact decimal string; absent when the statistic has no value for
    /// these persons (e.g. a mean over nobody).
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    value: Option<Decimal>,
    /// Number of persons the value is based on (henkilömäärä).
    persons: u64,
}

impl Observation {
    /// A value based on `persons` persons.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::Observation;
    /// use rust_decimal::Decimal;
    ///
    /// let visits = Observation::new(Decimal::from(31), 9);
    /// assert_eq!(visits.value(), Some(Decimal::from(31)));
    /// assert_eq!(visits.persons(), 9);
    /// ```
    pub fn new(value: Decimal, persons: u64) -> Self {
        Self {
            value: Some(value),
            persons,
        }
    }

    /// A count of persons: the value is the number of persons.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::Observation;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Observation::count(4).value(), Some(Decimal::from(4)));
    /// assert_eq!(Observation::count(4).persons(), 4);
    /// ```
    pub fn count(persons: u64) -> Self {
        Self::new(Decimal::from(persons), persons)
    }

    /// A statistic that has no value for these persons, e.g. a mean over nobody.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::Observation;
    ///
    /// assert_eq!(Observation::without_value(0).value(), None);
    /// ```
    pub fn without_value(persons: u64) -> Self {
        Self {
            value: None,
            persons,
        }
    }

    /// The value, if the statistic has one.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::Observation;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Observation::count(3).value(), Some(Decimal::from(3)));
    /// ```
    pub fn value(&self) -> Option<Decimal> {
        self.value
    }

    /// Number of persons the value is based on.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::Observation;
    ///
    /// assert_eq!(Observation::without_value(6).persons(), 6);
    /// ```
    pub fn persons(&self) -> u64 {
        self.persons
    }
}
