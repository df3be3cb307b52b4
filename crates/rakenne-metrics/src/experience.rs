//! Client-experience summaries (kokemustieto): ratings of one feedback question.
//!
//! For a rating question the summary gives the number of ratings, their exact mean, and
//! the top-two-box share — the share of ratings in the two most positive categories of
//! the scale (4–5 on 1–5) — with its Wilson interval, the usual headline figure of client
//! feedback. All ratings of a question must be on the same scale.

use rakenne_model::{Feedback, QuestionId, RatingScale};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Descriptives, Error, Proportion};

/// The summary of the ratings of one feedback question.
///
/// # Example
/// ```
/// use rakenne_metrics::FeedbackSummary;
/// use rakenne_model::{Feedback, FeedbackAnswer, Rating, RatingScale};
/// use rust_decimal::Decimal;
/// use time::macros::date;
///
/// let scale = RatingScale::new(1, 5)?;
/// let feedback: Vec<Feedback> = [5, 4, 2, 5]
///     .iter()
///     .enumerate()
///     .map(|(i, &v)| Feedback::new(
///         format!("F{i}").parse().unwrap(), date!(2025 - 05 - 20), "08".parse().unwrap(),
///         vec![FeedbackAnswer::rated("helped".parse().unwrap(), Rating::new(v, scale).unwrap())],
///     ).unwrap())
///     .collect();
/// let s = FeedbackSummary::of(&feedback, &"helped".parse()?).unwrap();
/// assert_eq!(s.ratings.mean, Some(Decimal::from(4)));
/// assert_eq!((s.top_two_box.count, s.top_two_box.n), (3, 4));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FeedbackSummary {
    /// The question.
    pub question: QuestionId,
    /// The scale of its ratings.
    pub scale: RatingScale,
    /// Descriptives of the ratings.
    pub ratings: Descriptives,
    /// Ratings in the two most positive categories, out of all ratings.
    pub top_two_box: Proportion,
    /// Number of answers with a comment.
    pub comments: u64,
}

impl FeedbackSummary {
    /// The summary of `question` over `feedback`; an error when it has no ratings or its
    /// ratings are on different scales.
    pub fn of<'a>(
        feedback: impl IntoIterator<Item = &'a Feedback>,
        question: &QuestionId,
    ) -> Result<Self, Error> {
        let mut scale: Option<RatingScale> = None;
        let mut values = Vec::new();
        let mut comments = 0u64;
        for answer in feedback
            .into_iter()
            .flat_map(Feedback::answers)
            .filter(|a| a.question() == question)
        {
            if answer.comment().is_some() {
                comments += 1;
            }
            let Some(rating) = answer.rating() else {
                continue;
            };
            match scale {
                Some(s) if s != rating.scale() => {
                    return Err(Error::InvalidParameter {
                        name: "rating scale",
                        value: format!("{}..{}", rating.scale().min(), rating.scale().max()),
                        expected: format!(
                            "the scale {}..{} of the other ratings of question \"{question}\"",
                            s.min(),
                            s.max()
                        )
                        .into(),
                    });
                }
                _ => scale = Some(rating.scale()),
            }
            values.push(rating.value());
        }
        let Some(scale) = scale else {
            return Err(Error::TooFewObservations {
                statistic: "feedback summary",
                needed: 1,
                got: 0,
            });
        };
        let top = values.iter().filter(|&&v| v >= scale.max() - 1).count() as u64;
        let decimals: Vec<Decimal> = values.iter().map(|&v| Decimal::from(v)).collect();
        Ok(FeedbackSummary {
            question: question.clone(),
            scale,
            ratings: Descriptives::of(&decimals),
            top_two_box: Proportion::wilson(top, values.len() as u64)?,
            comments,
        })
    }
}
