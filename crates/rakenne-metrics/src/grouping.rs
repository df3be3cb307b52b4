//! Grouping results by area, municipality, period, operating model, theme, age group and
//! gender.
//!
//! Client-level records carry the client (with age group and gender) and the
//! implementation they belong to; the implementation says the welfare area, possibly
//! the municipality, and the operating model, whose theme is in its definition. An
//! [`EvaluationContext`] holds the implementations and models of a document so that every
//! record can be placed in a group of any [`Dimension`]. Periods are calendar periods of
//! the date that defines the record's cohort (for outcomes, the baseline date).

use rakenne_model::{
    AgeGroup, Client, Gender, Implementation, ImplementationId, ModelTheme, MunicipalityCode,
    OperatingModel, OperatingModelId, ReportingPeriod, WelfareAreaCode,
};
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;

/// A dimension that results can be broken down by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// Welfare area of the implementation.
    Area,
    /// Municipality of the implementation, when it runs in exactly one.
    Municipality,
    /// Calendar year of the cohort date.
    Year,
    /// Half-year of the cohort date.
    HalfYear,
    /// Quarter of the cohort date.
    Quarter,
    /// Month of the cohort date.
    Month,
    /// Operating model of the implementation.
    OperatingModel,
    /// Theme of the operating model.
    ModelTheme,
    /// Age group of the client.
    AgeGroup,
    /// Gender of the client.
    Gender,
}

/// The group a record falls in along one dimension.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "dimension", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupKey {
    /// A welfare area.
    Area(WelfareAreaCode),
    /// A municipality.
    Municipality(MunicipalityCode),
    /// A calendar period.
    Period(ReportingPeriod),
    /// An operating model.
    OperatingModel(OperatingModelId),
    /// A theme of operating models.
    ModelTheme(ModelTheme),
    /// An age group.
    AgeGroup(AgeGroup),
    /// A gender.
    Gender(Gender),
}

impl GroupKey {
    /// The key as the label of a table row or column: the code, id or period.
    pub fn label(&self) -> String {
        match self {
            GroupKey::Area(code) => code.to_string(),
            GroupKey::Municipality(code) => code.to_string(),
            GroupKey::Period(period) => period.to_string(),
            GroupKey::OperatingModel(id) => id.to_string(),
            GroupKey::ModelTheme(theme) => theme.to_string(),
            GroupKey::AgeGroup(group) => group.to_string(),
            GroupKey::Gender(gender) => gender.to_string(),
        }
    }
}

/// The implementations and operating models that records are grouped by.
///
/// # Example
/// ```
/// use rakenne_metrics::{Dimension, EvaluationContext, GroupKey};
/// use rakenne_model::{Client, Implementation};
/// use time::macros::date;
///
/// let pilot = Implementation::builder(
///     "P1".parse()?, "olohuone".parse()?, "08".parse()?, "2025".parse()?,
/// ).build()?;
/// let context = EvaluationContext::new(std::slice::from_ref(&pilot), &[]);
/// let client = Client::new("C1".parse()?);
/// let key = |d| context.key(d, &client, Some(pilot.id()), date!(2025 - 05 - 02));
/// assert_eq!(key(Dimension::Area), Some(GroupKey::Area("08".parse()?)));
/// assert_eq!(key(Dimension::Quarter), Some(GroupKey::Period("2025-Q2".parse()?)));
/// assert_eq!(key(Dimension::Gender), None); // not known for this client
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct EvaluationContext<'a> {
    implementations: FxHashMap<&'a ImplementationId, &'a Implementation>,
    models: FxHashMap<&'a OperatingModelId, &'a OperatingModel>,
}

impl<'a> EvaluationContext<'a> {
    /// A context of these implementations and models.
    pub fn new(implementations: &'a [Implementation], models: &'a [OperatingModel]) -> Self {
        EvaluationContext {
            implementations: implementations.iter().map(|i| (i.id(), i)).collect(),
            models: models.iter().map(|m| (m.id(), m)).collect(),
        }
    }

    /// The implementation with this id, if known.
    pub fn implementation(&self, id: &ImplementationId) -> Option<&'a Implementation> {
        self.implementations.get(id).copied()
    }

    /// The group of a record of `client` in `implementation` with cohort date `date`
    /// along `dimension`; `None` when the record does not say (e.g. no implementation,
    /// gender not recorded).
    pub fn key(
        &self,
        dimension: Dimension,
        client: &Client,
        implementation: Option<&ImplementationId>,
        date: Date,
    ) -> Option<GroupKey> {
        let implementation = || implementation.and_then(|id| self.implementation(id));
        let period =
            |p: Result<ReportingPeriod, rakenne_model::Error>| p.ok().map(GroupKey::Period);
        let (year, month) = (date.year(), date.month());
        let month_index = u8::from(month);
        match dimension {
            Dimension::Area => implementation().map(|i| GroupKey::Area(i.area())),
            Dimension::Municipality => implementation().and_then(|i| match i.municipalities() {
                [only] => Some(GroupKey::Municipality(*only)),
                _ => None,
            }),
            Dimension::Year => period(ReportingPeriod::year(year)),
            Dimension::HalfYear => {
                period(ReportingPeriod::half_year(year, month_index.div_ceil(6)))
            }
            Dimension::Quarter => period(ReportingPeriod::quarter(year, month_index.div_ceil(3))),
            Dimension::Month => period(ReportingPeriod::month(year, month)),
            Dimension::OperatingModel => {
                implementation().map(|i| GroupKey::OperatingModel(i.operating_model().clone()))
            }
            Dimension::ModelTheme => implementation()
                .and_then(|i| self.models.get(i.operating_model()))
                .map(|m| GroupKey::ModelTheme(m.theme())),
            Dimension::AgeGroup => client.age_group().map(GroupKey::AgeGroup),
            Dimension::Gender => client.gender().map(GroupKey::Gender),
        }
    }
}
