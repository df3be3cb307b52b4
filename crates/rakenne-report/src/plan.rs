//! The regional structural social work plan (rakenteellisen sosiaalityön
//! toteutussuunnitelma): a skeleton for the next period, pre-filled from the data.
//!
//! The plan itself is written and decided by people; what the data can give it is the
//! starting point. The skeleton is filled with what the document shows — the phenomena
//! professionals reported and which they see growing, the actions they proposed, the
//! operating-model pilots with their reach and measures, the client experience gathered
//! and the indicators that follow the themes — and marks each part that the welfare area
//! must complete (goals, decisions, responsibilities, schedule). The report template
//! combines this data with the [`Digest`](crate::Digest) and the
//! [`Effectiveness`](crate::Effectiveness) evaluation of the same document.

use std::collections::{BTreeMap, BTreeSet};

use rakenne_model::{
    CodeList, ExperienceSource, FollowUpStatus, IndicatorObservation, Lang, Measure, PeriodKind,
    Region, ReportingPeriod,
};
use rakenne_schema::Document;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::format;
use crate::view::CodeLabel;

/// The data of the structural social work plan that the digest and evaluation do not
/// hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct StructuralPlan {
    /// The period the plan is for: the one after the document's, in words.
    pub period: String,
    /// That period as in the exchange format (e.g. `2026`).
    pub period_code: String,
    /// The plan period's quarters in words (the period itself when it is not a year).
    pub quarters: Vec<String>,
    /// Social reports still waiting for action: new, in review or forwarded.
    pub open_reports: u64,
    /// Experience statements by source, in the order of the code list; sources without
    /// statements are left out.
    pub experience: Vec<SourceCount>,
    /// Client feedback responses.
    pub feedback_responses: u64,
    /// Indicators to follow: every defined or observed indicator and every indicator a
    /// program theory names, by name.
    pub indicators: Vec<FollowedIndicator>,
}

/// A source of client experience with its number of statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SourceCount {
    /// The source.
    pub source: CodeLabel,
    /// Statements from it.
    pub count: u64,
}

/// An indicator the plan follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FollowedIndicator {
    /// The indicator id.
    pub id: String,
    /// Its name in the report language; the id when the document does not define it.
    pub name: String,
    /// The phenomenon themes its definition names.
    pub themes: Vec<CodeLabel>,
    /// Whether an operating model's program theory names it as a measure.
    pub in_program_theory: bool,
    /// Its latest value for the producer's welfare area (the country in a national
    /// document), if observed.
    pub latest: Option<LatestValue>,
}

/// The latest value of an indicator for one region.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LatestValue {
    /// The period of the value, short label.
    pub period: String,
    /// The value.
    pub value: f64,
    /// Decimals it was published with.
    pub decimals: u32,
    /// Its unit.
    pub unit: CodeLabel,
}

impl StructuralPlan {
    /// The plan data of `document` in `lang`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Lang;
    /// use rakenne_report::StructuralPlan;
    /// use rakenne_schema::Sample;
    ///
    /// let document = Sample::new(7).clients(40).document(); // the year 2025
    /// let plan = StructuralPlan::of(&document, Lang::En);
    /// assert_eq!(plan.period_code, "2026");
    /// assert_eq!(plan.quarters.len(), 4);
    /// assert!(plan.indicators.iter().all(|i| i.latest.is_some()));
    /// ```
    pub fn of(document: &Document, lang: Lang) -> Self {
        let data_period = document.header.period;
        // A period at the end of the supported range has no next: plan for the same one.
        let period = data_period.next().unwrap_or(data_period);
        let quarters = if period.kind() == PeriodKind::Year {
            let year = period.start().year();
            (1..=4)
                .filter_map(|q| ReportingPeriod::quarter(year, q).ok())
                .map(|q| format::period(&q, lang))
                .collect()
        } else {
            vec![format::period(&period, lang)]
        };
        let open = [
            FollowUpStatus::New,
            FollowUpStatus::InReview,
            FollowUpStatus::Forwarded,
        ];
        StructuralPlan {
            period: format::period(&period, lang),
            period_code: period.to_string(),
            quarters,
            open_reports: document
                .social_reports
                .iter()
                .filter(|r| open.contains(&r.follow_up()))
                .count() as u64,
            experience: ExperienceSource::all()
                .iter()
                .filter_map(|&source| {
                    let count = document
                        .experience_statements
                        .iter()
                        .filter(|s| s.source() == source)
                        .count() as u64;
                    (count > 0).then(|| SourceCount {
                        source: CodeLabel::of(source, lang),
                        count,
                    })
                })
                .collect(),
            feedback_responses: document.feedback.len() as u64,
            indicators: followed_indicators(document, lang),
        }
    }
}

fn followed_indicators(document: &Document, lang: Lang) -> Vec<FollowedIndicator> {
    let in_theories: BTreeSet<&str> = document
        .operating_models
        .iter()
        .flat_map(|m| m.program_theory().measures())
        .filter_map(|measure| match measure {
            Measure::Indicator(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let area = document
        .header
        .producer
        .welfare_area
        .map_or(Region::Country, Region::WelfareArea);
    // The latest observation of each indicator for the producer's area.
    let mut latest: BTreeMap<&str, &IndicatorObservation> = BTreeMap::new();
    for o in document.indicators.iter().filter(|o| o.region() == area) {
        let entry = latest.entry(o.indicator().as_str()).or_insert(o);
        if o.period() > entry.period() {
            *entry = o;
        }
    }
    let ids: BTreeSet<&str> = document
        .indicator_definitions
        .iter()
        .map(|d| d.id().as_str())
        .chain(document.indicators.iter().map(|o| o.indicator().as_str()))
        .chain(in_theories.iter().copied())
        .collect();
    let mut followed: Vec<FollowedIndicator> = ids
        .into_iter()
        .map(|id| {
            let definition = document
                .indicator_definitions
                .iter()
                .find(|d| d.id().as_str() == id);
            FollowedIndicator {
                id: id.to_owned(),
                name: definition
                    .map_or_else(|| id.to_owned(), |d| d.name().get(lang).text().to_owned()),
                themes: definition
                    .map(|d| d.themes().iter().map(|&t| CodeLabel::of(t, lang)).collect())
                    .unwrap_or_default(),
                in_program_theory: in_theories.contains(id),
                latest: latest.get(id).map(|o| LatestValue {
                    period: format::period_short(&o.period(), lang),
                    value: o.value().to_f64().unwrap_or(f64::NAN),
                    decimals: o.value().scale(),
                    unit: CodeLabel::of(o.unit(), lang),
                }),
            }
        })
        .collect();
    followed.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    followed
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakenne_schema::Sample;

    #[test]
    fn the_plan_is_for_the_period_after_the_data() {
        let document = Sample::new(3).clients(60).document();
        let plan = StructuralPlan::of(&document, Lang::Fi);
        assert_eq!(plan.period_code, "2026");
        assert_eq!(plan.quarters.len(), 4);
        let open = document
            .social_reports
            .iter()
            .filter(|r| {
                !matches!(
                    r.follow_up(),
                    FollowUpStatus::ActionTaken | FollowUpStatus::Closed
                )
            })
            .count() as u64;
        assert_eq!(plan.open_reports, open);
        let statements: u64 = plan.experience.iter().map(|s| s.count).sum();
        assert_eq!(statements, document.experience_statements.len() as u64);
    }

    #[test]
    fn indicators_of_program_theories_are_followed_even_unobserved() {
        let mut document = Sample::new(3).clients(60).document();
        document.indicators.clear();
        let plan = StructuralPlan::of(&document, Lang::En);
        let named: Vec<&FollowedIndicator> = plan
            .indicators
            .iter()
            .filter(|i| i.in_program_theory)
            .collect();
        assert!(!named.is_empty());
        assert!(plan.indicators.iter().all(|i| i.latest.is_none()));
    }
}
