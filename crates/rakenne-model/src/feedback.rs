//! Client feedback (asiakaspalaute), one part of client experience (kokemustieto).
//!
//! Structural social work combines what professionals see with what clients say. Client
//! feedback is collected with short questionnaires: rating questions on a scale (e.g. 1–5)
//! and open comments. A [`Feedback`] is one client's (usually anonymous) response; the
//! scale travels with every rating so that summaries such as the top-two-box share can be
//! computed without a separate questionnaire definition.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::invariant::no_repeats_by;
use crate::{
    ClientId, Error, FeedbackId, FreeText, ImplementationId, QuestionId, ServiceClass,
    WelfareAreaCode,
};

const RECORD: &str = "feedback";

/// A rating scale (arviointiasteikko): whole numbers from `min` to `max`, −100 ≤ min < max
/// ≤ 100, higher meaning more positive.
///
/// # Example
/// ```
/// use rakenne_model::RatingScale;
///
/// let scale = RatingScale::new(1, 5)?;
/// assert!(scale.contains(5));
/// assert!(RatingScale::new(5, 1).is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingScale {
    /// Lowest (most negative) value.
    #[schemars(range(min = -100, max = 100))]
    min: i16,
    /// Highest (most positive) value.
    #[schemars(range(min = -100, max = 100))]
    max: i16,
}

impl RatingScale {
    /// A scale from `min` to `max`.
    pub fn new(min: i16, max: i16) -> Result<Self, Error> {
        if min < max && -100 <= min && max <= 100 {
            Ok(RatingScale { min, max })
        } else {
            Err(Error::invalid(
                "rating scale",
                &format!("{min}..{max}"),
                "whole numbers min < max between -100 and 100, e.g. 1..5",
            ))
        }
    }

    /// Lowest value.
    pub fn min(self) -> i16 {
        self.min
    }

    /// Highest value.
    pub fn max(self) -> i16 {
        self.max
    }

    /// Whether `value` is on the scale.
    pub fn contains(self, value: i16) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

impl<'de> Deserialize<'de> for RatingScale {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            min: i16,
            max: i16,
        }
        let f = Fields::deserialize(deserializer)?;
        RatingScale::new(f.min, f.max).map_err(serde::de::Error::custom)
    }
}

/// A client's rating on a scale, e.g. 4 on 1–5.
///
/// # Example
/// ```
/// use rakenne_model::{Rating, RatingScale};
///
/// let rating = Rating::new(4, RatingScale::new(1, 5)?)?;
/// assert_eq!(rating.value(), 4);
/// assert!(Rating::new(6, RatingScale::new(1, 5)?).is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The value given.
    value: i16,
    /// The scale it was given on.
    scale: RatingScale,
}

impl Rating {
    /// A rating; refuses a value off the scale.
    pub fn new(value: i16, scale: RatingScale) -> Result<Self, Error> {
        if scale.contains(value) {
            Ok(Rating { value, scale })
        } else {
            Err(Error::invalid(
                "rating",
                &value.to_string(),
                format!("a whole number on the scale {}..{}", scale.min, scale.max),
            ))
        }
    }

    /// The value.
    pub fn value(self) -> i16 {
        self.value
    }

    /// The scale.
    pub fn scale(self) -> RatingScale {
        self.scale
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            value: i16,
            scale: RatingScale,
        }
        let f = Fields::deserialize(deserializer)?;
        Rating::new(f.value, f.scale).map_err(serde::de::Error::custom)
    }
}

/// The answer to one feedback question: a rating, a comment, or both.
///
/// # Example
/// ```
/// use rakenne_model::{FeedbackAnswer, Rating, RatingScale};
///
/// let answer = FeedbackAnswer::rated("recommend".parse()?, Rating::new(5, RatingScale::new(1, 5)?)?)
///     .with_comment("Sain apua heti.".parse()?);
/// assert_eq!(answer.rating().map(|r| r.value()), Some(5));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(extend("anyOf" = [{"required": ["rating"]}, {"required": ["comment"]}]))]
pub struct FeedbackAnswer {
    /// The question.
    question: QuestionId,
    /// The rating, if the question has a scale and the client rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rating: Option<Rating>,
    /// The client's comment, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<FreeText>,
}

impl FeedbackAnswer {
    /// A rating.
    pub fn rated(question: QuestionId, rating: Rating) -> Self {
        FeedbackAnswer {
            question,
            rating: Some(rating),
            comment: None,
        }
    }

    /// A comment.
    pub fn commented(question: QuestionId, comment: FreeText) -> Self {
        FeedbackAnswer {
            question,
            rating: None,
            comment: Some(comment),
        }
    }

    /// Adds (or replaces) the comment.
    #[must_use]
    pub fn with_comment(mut self, comment: FreeText) -> Self {
        self.comment = Some(comment);
        self
    }

    /// The question.
    pub fn question(&self) -> &QuestionId {
        &self.question
    }

    /// The rating, if any.
    pub fn rating(&self) -> Option<Rating> {
        self.rating
    }

    /// The comment, if any.
    pub fn comment(&self) -> Option<&FreeText> {
        self.comment.as_ref()
    }
}

impl<'de> Deserialize<'de> for FeedbackAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            question: QuestionId,
            #[serde(default)]
            rating: Option<Rating>,
            #[serde(default)]
            comment: Option<FreeText>,
        }
        let f = Fields::deserialize(deserializer)?;
        if f.rating.is_none() && f.comment.is_none() {
            return Err(serde::de::Error::custom(Error::inconsistent(
                "feedback answer",
                format!(
                    "the answer to question \"{}\" has neither a rating nor a comment: \
                     leave unanswered questions out",
                    f.question
                ),
            )));
        }
        Ok(FeedbackAnswer {
            question: f.question,
            rating: f.rating,
            comment: f.comment,
        })
    }
}

/// One client-feedback response (asiakaspalaute).
///
/// Invariants (checked by [`Feedback::new`] and deserialization): at least one answer, no
/// question answered twice, date in 1900–2100.
///
/// # Example
/// ```
/// use rakenne_model::{Feedback, FeedbackAnswer, Rating, RatingScale};
/// use time::macros::date;
///
/// let feedback = Feedback::new(
///     "F-1".parse()?,
///     date!(2025 - 05 - 20),
///     "08".parse()?,
///     vec![FeedbackAnswer::rated("helped".parse()?, Rating::new(4, RatingScale::new(1, 5)?)?)],
/// )?;
/// assert_eq!(feedback.answers().len(), 1);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Feedback {
    /// Id of the response.
    id: FeedbackId,
    /// Date the feedback was given.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "crate::date::DateSchema")]
    given_on: Date,
    /// Welfare area whose service the feedback is about.
    area: WelfareAreaCode,
    /// Service the feedback is about, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_class: Option<ServiceClass>,
    /// Implementation the feedback is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    implementation: Option<ImplementationId>,
    /// The client, when feedback is not anonymous (pseudonymous id only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client: Option<ClientId>,
    /// Answers; at least one, each question once.
    #[schemars(length(min = 1))]
    answers: Vec<FeedbackAnswer>,
}

impl Feedback {
    /// An anonymous response; checks the invariants.
    pub fn new(
        id: FeedbackId,
        given_on: Date,
        area: WelfareAreaCode,
        answers: Vec<FeedbackAnswer>,
    ) -> Result<Self, Error> {
        Feedback {
            id,
            given_on,
            area,
            service_class: None,
            implementation: None,
            client: None,
            answers,
        }
        .check()
    }

    /// Sets the service class.
    #[must_use]
    pub fn with_service_class(mut self, class: ServiceClass) -> Self {
        self.service_class = Some(class);
        self
    }

    /// Places the feedback in an implementation.
    #[must_use]
    pub fn with_implementation(mut self, implementation: ImplementationId) -> Self {
        self.implementation = Some(implementation);
        self
    }

    /// Links the feedback to a pseudonymous client.
    #[must_use]
    pub fn with_client(mut self, client: ClientId) -> Self {
        self.client = Some(client);
        self
    }

    /// Id of the response.
    pub fn id(&self) -> &FeedbackId {
        &self.id
    }

    /// Date given.
    pub fn given_on(&self) -> Date {
        self.given_on
    }

    /// Welfare area.
    pub fn area(&self) -> WelfareAreaCode {
        self.area
    }

    /// Service class, if known.
    pub fn service_class(&self) -> Option<ServiceClass> {
        self.service_class
    }

    /// Implementation, if any.
    pub fn implementation(&self) -> Option<&ImplementationId> {
        self.implementation.as_ref()
    }

    /// The client, if the feedback is not anonymous.
    pub fn client(&self) -> Option<&ClientId> {
        self.client.as_ref()
    }

    /// The answers (never empty).
    pub fn answers(&self) -> &[FeedbackAnswer] {
        &self.answers
    }

    fn check(self) -> Result<Self, Error> {
        crate::date::check(self.given_on, "feedback date")?;
        if self.answers.is_empty() {
            return Err(Error::inconsistent(
                RECORD,
                "answers is empty: give at least one answer",
            ));
        }
        no_repeats_by(RECORD, &self.answers, |a| &a.question, "answers")?;
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for Feedback {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: FeedbackId,
            #[serde(with = "crate::date::iso")]
            given_on: Date,
            area: WelfareAreaCode,
            #[serde(default)]
            service_class: Option<ServiceClass>,
            #[serde(default)]
            implementation: Option<ImplementationId>,
            #[serde(default)]
            client: Option<ClientId>,
            answers: Vec<FeedbackAnswer>,
        }
        let f = Fields::deserialize(deserializer)?;
        Feedback {
            id: f.id,
            given_on: f.given_on,
            area: f.area,
            service_class: f.service_class,
            implementation: f.implementation,
            client: f.client,
            answers: f.answers,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_off_the_scale_is_refused() {
        let json = r#"{"value":0,"scale":{"min":1,"max":5}}"#;
        let err = serde_json::from_str::<Rating>(json).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(r#"invalid rating "0": expected a whole number on the scale 1..5"#),
            "{err}"
        );
    }

    #[test]
    fn an_empty_answer_is_refused() {
        let err = serde_json::from_str::<FeedbackAnswer>(r#"{"question":"q1"}"#).unwrap_err();
        assert!(
            err.to_string().contains("neither a rating nor a comment"),
            "{err}"
        );
    }
}
