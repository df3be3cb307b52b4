//! Instrument administrations (mittaukset): a client's answers to an instrument on one
//! occasion.
//!
//! Outcome evaluation compares a client's scores on the same instrument before and after
//! (baseline → follow-up). An [`InstrumentAdministration`] holds the raw item responses,
//! not scores: scoring rules, reverse-scored items and missing-data rules belong to the
//! instrument definition (in `rakenne-metrics`), so the same raw data can be rescored when
//! a rule is corrected. Missing answers are explicit, with a reason, because "not
//! answered" and "not applicable" count differently under missing-data rules.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;

use crate::code_list::code_list;
use crate::invariant::no_repeats_by;
use crate::{Client, Error, ImplementationId, InstrumentId, ItemId, MeasurementId};

const RECORD: &str = "instrument administration";

code_list! {
    /// When in a client's service an instrument was administered (mittauskerta).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, Occasion};
    ///
    /// assert_eq!(Occasion::Baseline.label(Lang::Fi).text(), "Alkumittaus");
    /// ```
    pub enum Occasion as "occasion", closed {
        Baseline = "baseline" {
            fi: "Alkumittaus",
            sv: "Inledande mätning",
            en: "Baseline",
            description: "At or near the start of the service, before the intervention has had effect.",
        },
        Interim = "interim" {
            fi: "Välimittaus",
            sv: "Mellanmätning",
            en: "Interim",
            description: "During the service, between baseline and follow-up.",
        },
        FollowUp = "follow_up" {
            fi: "Loppumittaus",
            sv: "Slutmätning",
            en: "Follow-up",
            description: "At or after the end of the service, compared with the baseline.",
        },
    }
}

code_list! {
    /// Why an item has no score (puuttuvan vastauksen syy).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, MissingReason};
    ///
    /// assert_eq!(MissingReason::from_code("refused"), Some(MissingReason::Refused));
    /// ```
    pub enum MissingReason as "missing_reason", closed {
        NotAnswered = "not_answered" {
            fi: "Ei vastausta",
            sv: "Inget svar",
            en: "Not answered",
            description: "The item was presented but left unanswered.",
        },
        Refused = "refused" {
            fi: "Kieltäytyi vastaamasta",
            sv: "Vägrade svara",
            en: "Refused",
            description: "The client chose not to answer the item.",
        },
        DontKnow = "dont_know" {
            fi: "Ei osaa sanoa",
            sv: "Vet inte",
            en: "Don't know",
            description: "The client could not say.",
        },
        NotApplicable = "not_applicable" {
            fi: "Ei koske asiakasta",
            sv: "Ej tillämplig",
            en: "Not applicable",
            description: "The item does not apply to the client's situation.",
        },
    }
}

/// Largest absolute item score.
const MAX_ABS_SCORE: i64 = 1000;
/// Most decimal places an item score may have.
const MAX_SCORE_DECIMALS: u32 = 2;

/// A score given to one item (osion pistemäärä): a number from −1000 to 1000 with at most
/// two decimal places, e.g. `3` or `6.3` (visual analogue scales are read to a tenth).
///
/// Held exactly, as a whole number of hundredths (so sums of scores are integer
/// arithmetic); [`value`](Self::value) gives it as a [`Decimal`]. Serialized as a JSON
/// number. The limits make the JSON number exact in every language: a value with at most 7
/// significant digits survives any IEEE 754 double round trip.
///
/// # Example
/// ```
/// use rakenne_model::ItemScore;
/// use rust_decimal::Decimal;
///
/// let score: ItemScore = "6.3".parse()?;
/// assert_eq!(score.value(), Decimal::new(63, 1));
/// assert_eq!(serde_json::to_string(&score).unwrap(), "6.3");
/// assert!("6.33".parse::<ItemScore>().is_ok());
/// assert!("6.333".parse::<ItemScore>().is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemScore {
    /// The score × 100, exactly (|hundredths| ≤ 100 000).
    hundredths: i32,
}

const SCORE_EXPECTED: &str =
    "a number from -1000 to 1000 with at most 2 decimal places, e.g. 3 or 6.3";

impl ItemScore {
    /// Checks `value` (see the type's docs).
    pub fn new(value: Decimal) -> Result<Self, Error> {
        let value = value.normalize();
        if value.scale() > MAX_SCORE_DECIMALS || value.abs() > Decimal::from(MAX_ABS_SCORE) {
            return Err(Error::invalid(
                "item score",
                &value.to_string(),
                SCORE_EXPECTED,
            ));
        }
        // At most two decimals and |value| ≤ 1000: value × 100 is a whole number within
        // ±100 000.
        let hundredths = (value * Decimal::ONE_HUNDRED).to_i32().unwrap_or_default();
        Ok(ItemScore { hundredths })
    }

    /// A whole-number score.
    pub fn from_int(value: i16) -> Result<Self, Error> {
        ItemScore::from_hundredths(i64::from(value) * 100)
            .ok_or_else(|| Error::invalid("item score", &value.to_string(), SCORE_EXPECTED))
    }

    /// The score with `hundredths` / 100, when within ±1000.
    fn from_hundredths(hundredths: i64) -> Option<Self> {
        let limit = MAX_ABS_SCORE * 100;
        (-limit..=limit).contains(&hundredths).then(|| ItemScore {
            hundredths: i32::try_from(hundredths).expect("within ±100 000"),
        })
    }

    /// The exact value.
    #[inline]
    pub fn value(self) -> Decimal {
        Decimal::new(i64::from(self.hundredths), 2).normalize()
    }

    /// The score × 100, exactly: integer arithmetic on scores for large data sets.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::ItemScore;
    ///
    /// assert_eq!("6.3".parse::<ItemScore>()?.hundredths(), 630);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    #[inline]
    pub fn hundredths(self) -> i32 {
        self.hundredths
    }
}

impl FromStr for ItemScore {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let value = Decimal::from_str_exact(s)
            .map_err(|_| Error::invalid("item score", s, SCORE_EXPECTED))?;
        ItemScore::new(value)
    }
}

impl fmt::Display for ItemScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value(), f)
    }
}

impl Serialize for ItemScore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.hundredths % 100 == 0 {
            serializer.serialize_i64(i64::from(self.hundredths / 100))
        } else {
            // At most 7 significant digits: the nearest double prints back as the same digits.
            let double: f64 = self.value().to_string().parse().unwrap_or_default();
            serializer.serialize_f64(double)
        }
    }
}

/// Reads an item score from a JSON number, or a missing-value code from a string.
struct ItemValueVisitor;

impl ItemValueVisitor {
    fn score<E: de::Error>(value: Decimal) -> Result<ItemValue, E> {
        ItemScore::new(value)
            .map(ItemValue::Score)
            .map_err(E::custom)
    }
}

impl Visitor<'_> for ItemValueVisitor {
    type Value = ItemValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an item score (a number from -1000 to 1000 with at most 2 decimals) or a \
             missing-value code (not_answered, refused, dont_know, not_applicable)",
        )
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ItemValue, E> {
        match v.checked_mul(100).and_then(ItemScore::from_hundredths) {
            Some(score) => Ok(ItemValue::Score(score)),
            None => Self::score(Decimal::from(v)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ItemValue, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Self::score(Decimal::from(v)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ItemValue, E> {
        // The common case without allocating: `v` is the double nearest to a number
        // with at most two decimals exactly when it equals the double nearest to its
        // own hundredths / 100 (both are correctly rounded).
        let scaled = (v * 100.0).round();
        // Exact equality is the point: both sides are correctly rounded doubles.
        #[allow(clippy::float_cmp)]
        if scaled.abs() <= 100_000.0 && scaled / 100.0 == v {
            // |scaled| ≤ 100 000 and whole, so the conversion is exact.
            #[allow(clippy::cast_possible_truncation)]
            if let Some(score) = ItemScore::from_hundredths(scaled as i64) {
                return Ok(ItemValue::Score(score));
            }
        }
        // `Display` of a double is its shortest round-trip decimal form, so a number
        // written with at most 7 significant digits is read back exactly.
        let text = v.to_string();
        let value = Decimal::from_str_exact(&text)
            .map_err(|_| E::custom(Error::invalid("item score", &text, SCORE_EXPECTED)))?;
        Self::score(value)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ItemValue, E> {
        v.parse::<MissingReason>()
            .map(ItemValue::Missing)
            .map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for ItemScore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ItemValueVisitor)? {
            ItemValue::Score(score) => Ok(score),
            ItemValue::Missing(_) => Err(de::Error::custom(Error::invalid(
                "item score",
                "(a missing-value code)",
                SCORE_EXPECTED,
            ))),
        }
    }
}

impl JsonSchema for ItemScore {
    fn schema_name() -> Cow<'static, str> {
        "ItemScore".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "minimum": -1000,
            "maximum": 1000,
            "description": "Score of one item: a number from -1000 to 1000 with at most 2 decimal places."
        })
    }
}

/// The value recorded for one item: a score, or an explicit missing value with its reason.
///
/// Serialized as a JSON number for a score and as the reason's code for a missing value:
/// `3`, `6.3`, `"refused"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ItemValue {
    /// The item was scored.
    Score(ItemScore),
    /// The item has no score, for this reason.
    Missing(MissingReason),
}

impl ItemValue {
    /// The score, if the item was scored.
    #[inline]
    pub fn score(self) -> Option<ItemScore> {
        match self {
            ItemValue::Score(score) => Some(score),
            ItemValue::Missing(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for ItemValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ItemValueVisitor)
    }
}

impl JsonSchema for ItemValue {
    fn schema_name() -> Cow<'static, str> {
        "ItemValue".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let score = generator.subschema_for::<ItemScore>();
        let missing = generator.subschema_for::<MissingReason>();
        json_schema!({
            "description": "A score (number) or the reason it is missing (code).",
            "oneOf": [score, missing]
        })
    }
}

/// The response to one item of an instrument.
///
/// Serialized as `{"item": "q1", "value": 3}` or `{"item": "q2", "value": "refused"}`.
///
/// # Example
/// ```
/// use rakenne_model::{ItemResponse, ItemValue, MissingReason};
///
/// let answered = ItemResponse::scored("q1".parse()?, "3".parse()?);
/// let missing = ItemResponse::missing("q2".parse()?, MissingReason::Refused);
/// assert_eq!(serde_json::to_string(&missing).unwrap(), r#"{"item":"q2","value":"refused"}"#);
/// assert_eq!(answered.value().score().map(|s| s.to_string()), Some("3".to_owned()));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ItemResponse {
    /// The item.
    item: ItemId,
    /// Its score or missing-value reason.
    value: ItemValue,
}

impl ItemResponse {
    /// A response with a value.
    pub fn new(item: ItemId, value: ItemValue) -> Self {
        ItemResponse { item, value }
    }

    /// A scored item.
    pub fn scored(item: ItemId, score: ItemScore) -> Self {
        ItemResponse::new(item, ItemValue::Score(score))
    }

    /// An item without a score.
    pub fn missing(item: ItemId, reason: MissingReason) -> Self {
        ItemResponse::new(item, ItemValue::Missing(reason))
    }

    /// The item.
    #[inline]
    pub fn item(&self) -> &ItemId {
        &self.item
    }

    /// The value.
    #[inline]
    pub fn value(&self) -> ItemValue {
        self.value
    }
}

/// One administration of an instrument to a client (mittauskerta): the raw item
/// responses, with when and in which phase of the service they were given.
///
/// Invariants (checked by [`InstrumentAdministration::new`] and by deserialization): at
/// least one response, no item answered twice, date in 1900–2100.
///
/// # Example
/// ```
/// use rakenne_model::{Client, InstrumentAdministration, ItemResponse, MissingReason, Occasion};
/// use time::macros::date;
///
/// let baseline = InstrumentAdministration::new(
///     "M-1".parse()?,
///     "ORS".parse()?,
///     Client::new("C-7f3a9e".parse()?),
///     date!(2025 - 02 - 03),
///     Occasion::Baseline,
///     vec![
///         ItemResponse::scored("individual".parse()?, "4.5".parse()?),
///         ItemResponse::missing("social".parse()?, MissingReason::NotAnswered),
///     ],
/// )?
/// .with_implementation("PIRHA-olohuone-2025".parse()?);
/// assert_eq!(baseline.responses().len(), 2);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InstrumentAdministration {
    /// Id of this administration.
    id: MeasurementId,
    /// The instrument answered.
    instrument: InstrumentId,
    /// The client (pseudonymous).
    client: Client,
    /// The implementation the client was in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    implementation: Option<ImplementationId>,
    /// Date of the administration.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "crate::date::DateSchema")]
    administered_on: Date,
    /// Phase of the service.
    occasion: Occasion,
    /// Item responses; at least one, each item once.
    #[schemars(length(min = 1))]
    responses: Vec<ItemResponse>,
}

impl InstrumentAdministration {
    /// An administration outside any implementation; checks the invariants.
    pub fn new(
        id: MeasurementId,
        instrument: InstrumentId,
        client: Client,
        administered_on: Date,
        occasion: Occasion,
        responses: Vec<ItemResponse>,
    ) -> Result<Self, Error> {
        InstrumentAdministration {
            id,
            instrument,
            client,
            implementation: None,
            administered_on,
            occasion,
            responses,
        }
        .check()
    }

    /// Places the administration in an implementation.
    #[must_use]
    pub fn with_implementation(mut self, implementation: ImplementationId) -> Self {
        self.implementation = Some(implementation);
        self
    }

    /// Id of the administration.
    pub fn id(&self) -> &MeasurementId {
        &self.id
    }

    /// The instrument.
    #[inline]
    pub fn instrument(&self) -> &InstrumentId {
        &self.instrument
    }

    /// The client.
    #[inline]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The implementation, if any.
    #[inline]
    pub fn implementation(&self) -> Option<&ImplementationId> {
        self.implementation.as_ref()
    }

    /// Date.
    #[inline]
    pub fn administered_on(&self) -> Date {
        self.administered_on
    }

    /// Phase of the service.
    #[inline]
    pub fn occasion(&self) -> Occasion {
        self.occasion
    }

    /// Item responses (never empty).
    #[inline]
    pub fn responses(&self) -> &[ItemResponse] {
        &self.responses
    }

    /// The response to `item`, if there is one.
    pub fn response(&self, item: &ItemId) -> Option<&ItemResponse> {
        self.responses.iter().find(|r| &r.item == item)
    }

    fn check(self) -> Result<Self, Error> {
        crate::date::check(self.administered_on, "administration date")?;
        if self.responses.is_empty() {
            return Err(Error::inconsistent(
                RECORD,
                "responses is empty: give at least one item response (mark unanswered items \
                 with a missing-value code)",
            ));
        }
        no_repeats_by(RECORD, &self.responses, |r| &r.item, "responses")?;
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for InstrumentAdministration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: MeasurementId,
            instrument: InstrumentId,
            client: Client,
            #[serde(default)]
            implementation: Option<ImplementationId>,
            #[serde(with = "crate::date::iso")]
            administered_on: Date,
            occasion: Occasion,
            responses: Vec<ItemResponse>,
        }
        let f = Fields::deserialize(deserializer)?;
        InstrumentAdministration {
            id: f.id,
            instrument: f.instrument,
            client: f.client,
            implementation: f.implementation,
            administered_on: f.administered_on,
            occasion: f.occasion,
            responses: f.responses,
        }
        .check()
        .map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_is_three_words_and_long_item_ids_still_work() {
        // Scoring reads every response of a national year: it is kept to 24 bytes.
        assert_eq!(std::mem::size_of::<ItemResponse>(), 24);
        // Item ids longer than the 15 bytes kept inline live on the heap, unchanged.
        let long = "a".repeat(128);
        let item: ItemId = long.parse().unwrap();
        assert_eq!(item.as_str(), long);
        let response = ItemResponse::scored(item.clone(), ItemScore::from_int(2).unwrap());
        assert_eq!(response.item(), &item);
        assert_eq!(String::from(item), long);
    }

    #[test]
    fn every_two_decimal_score_reads_exactly_from_json() {
        // The allocation-free reading of doubles agrees with exact decimal arithmetic on
        // the whole range, written with and without trailing zeros.
        for hundredths in -100_000i32..=100_000 {
            let exact = Decimal::new(i64::from(hundredths), 2);
            for text in [exact.to_string(), exact.normalize().to_string()] {
                let score: ItemScore = serde_json::from_str(&text).unwrap();
                assert_eq!(score.hundredths(), hundredths, "{text}");
            }
        }
        for text in [
            "6.333", "0.001", "1000.01", "-1000.5", "0.1e-2", "1e4", "-100001",
        ] {
            assert!(serde_json::from_str::<ItemScore>(text).is_err(), "{text}");
        }
        for (text, hundredths) in [("1e3", 100_000), ("0.5e1", 500), ("-0.0", 0)] {
            assert_eq!(
                serde_json::from_str::<ItemScore>(text)
                    .unwrap()
                    .hundredths(),
                hundredths
            );
        }
    }

    #[test]
    fn scores_read_json_numbers_exactly() {
        for (json, exact) in [
            ("3", Decimal::new(3, 0)),
            ("6.3", Decimal::new(63, 1)),
            ("-2", Decimal::new(-2, 0)),
            ("0.01", Decimal::new(1, 2)),
            ("999.99", Decimal::new(99_999, 2)),
            ("4.0", Decimal::new(4, 0)),
        ] {
            let score: ItemScore = serde_json::from_str(json).unwrap();
            assert_eq!(score.value(), exact, "{json}");
        }
    }

    #[test]
    fn scores_write_integers_without_a_fraction() {
        let score: ItemScore = "4.00".parse().unwrap();
        assert_eq!(serde_json::to_string(&score).unwrap(), "4");
        let score: ItemScore = "0.1".parse().unwrap();
        assert_eq!(serde_json::to_string(&score).unwrap(), "0.1");
    }

    #[test]
    fn scores_out_of_limits_are_refused() {
        for json in ["1000.01", "-1001", "1.234", "1e9", "\"3\"", "null", "true"] {
            assert!(serde_json::from_str::<ItemScore>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn item_value_is_a_number_or_a_missing_code() {
        let value: ItemValue = serde_json::from_str("2").unwrap();
        assert_eq!(value, ItemValue::Score(ItemScore::from_int(2).unwrap()));
        let value: ItemValue = serde_json::from_str(r#""dont_know""#).unwrap();
        assert_eq!(value, ItemValue::Missing(MissingReason::DontKnow));
        let err = serde_json::from_str::<ItemValue>(r#""n/a""#).unwrap_err();
        assert!(
            err.to_string().contains("expected one of not_answered"),
            "{err}"
        );
    }

    #[test]
    fn an_item_answered_twice_is_refused() {
        let q1: ItemId = "q1".parse().unwrap();
        let err = InstrumentAdministration::new(
            "M-1".parse().unwrap(),
            "ORS".parse().unwrap(),
            Client::new("C1".parse().unwrap()),
            time::macros::date!(2025 - 01 - 01),
            Occasion::Baseline,
            vec![
                ItemResponse::scored(q1.clone(), ItemScore::from_int(1).unwrap()),
                ItemResponse::missing(q1, MissingReason::Refused),
            ],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "inconsistent instrument administration: responses lists \"q1\" twice: give each once"
        );
    }
}
