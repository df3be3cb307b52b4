//! Statistical indicators (indikaattorit) beside social reports.
//!
//! Social reporting combines what professionals see with statistics: the share of
//! long-term unemployed, basic social assistance recipients per 1 000 residents, homeless
//! people. An [`IndicatorObservation`] is one published value of one indicator for one
//! region and period, held exactly, with the numerator and denominator when they are known
//! so that values can be recomputed and checked.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::code_list::code_list;
use crate::{Error, IndicatorId, Region, ReportingPeriod};

const RECORD: &str = "indicator observation";

code_list! {
    /// Where an indicator value comes from (tietolähde).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, IndicatorSource, Lang};
    ///
    /// assert_eq!(IndicatorSource::StatisticsFinland.label(Lang::Sv).text(), "Statistikcentralen");
    /// ```
    pub enum IndicatorSource as "indicator_source", closed {
        Sotkanet = "sotkanet" {
            fi: "Sotkanet (THL)",
            sv: "Sotkanet (THL)",
            en: "Sotkanet (THL)",
            description: "The Finnish Institute for Health and Welfare's indicator bank Sotkanet.",
        },
        ThlStatistics = "thl_statistics" {
            fi: "THL:n tilastot",
            sv: "THL:s statistik",
            en: "THL statistics",
            description: "Other statistics and registers of the Finnish Institute for Health and Welfare.",
        },
        StatisticsFinland = "statistics_finland" {
            fi: "Tilastokeskus",
            sv: "Statistikcentralen",
            en: "Statistics Finland",
            description: "Statistics Finland's statistics, e.g. population and employment.",
        },
        Kela = "kela" {
            fi: "Kela",
            sv: "FPA",
            en: "Kela",
            description: "Statistics of the Social Insurance Institution of Finland (Kelasto).",
        },
        WelfareArea = "welfare_area" {
            fi: "Hyvinvointialueen oma tieto",
            sv: "Välfärdsområdets egna uppgifter",
            en: "Welfare area's own data",
            description: "Data from the welfare area's own client and operating systems.",
        },
        Survey = "survey" {
            fi: "Kyselytutkimus",
            sv: "Enkätundersökning",
            en: "Survey",
            description: "Population surveys such as the Finnish Wellbeing Study or the School Health Promotion study.",
        },
        Other = "other" {
            fi: "Muu lähde",
            sv: "Annan källa",
            en: "Other source",
            description: "Another source; name it in the indicator id.",
        },
    }
}

code_list! {
    /// The unit of an indicator value (yksikkö).
    ///
    /// For the ratio units ([`Percent`](Self::Percent), the per-thousand units and
    /// [`Ratio`](Self::Ratio)) the value is `numerator / denominator × multiplier`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::IndicatorUnit;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(IndicatorUnit::Per1000.multiplier(), Some(Decimal::from(1000)));
    /// assert_eq!(IndicatorUnit::Count.multiplier(), None);
    /// ```
    pub enum IndicatorUnit as "indicator_unit", closed {
        Count = "count" {
            fi: "Lukumäärä",
            sv: "Antal",
            en: "Count",
            description: "A number of persons, households, events, ...",
        },
        Percent = "percent" {
            fi: "Prosenttia",
            sv: "Procent",
            en: "Percent",
            description: "Share of the denominator population, × 100.",
        },
        Per1000 = "per_1000" {
            fi: "Tuhatta asukasta kohden",
            sv: "Per tusen invånare",
            en: "Per 1 000",
            description: "Rate per 1 000 of the denominator population.",
        },
        Per10000 = "per_10000" {
            fi: "Kymmentätuhatta kohden",
            sv: "Per tiotusen",
            en: "Per 10 000",
            description: "Rate per 10 000 of the denominator population.",
        },
        Per100000 = "per_100000" {
            fi: "Sataatuhatta kohden",
            sv: "Per hundratusen",
            en: "Per 100 000",
            description: "Rate per 100 000 of the denominator population.",
        },
        Ratio = "ratio" {
            fi: "Suhdeluku",
            sv: "Kvot",
            en: "Ratio",
            description: "Numerator divided by denominator.",
        },
        Euros = "euros" {
            fi: "Euroa",
            sv: "Euro",
            en: "Euros",
            description: "An amount of money in euros.",
        },
        Days = "days" {
            fi: "Päivää",
            sv: "Dagar",
            en: "Days",
            description: "A duration in days, e.g. a median waiting time.",
        },
        Score = "score" {
            fi: "Pistemäärä",
            sv: "Poäng",
            en: "Score",
            description: "A score or index value on the indicator's own scale.",
        },
    }
}

impl IndicatorUnit {
    /// For ratio units, the multiplier of `numerator / denominator` (100 for percent);
    /// `None` for other units.
    pub fn multiplier(self) -> Option<Decimal> {
        match self {
            IndicatorUnit::Percent => Some(Decimal::from(100)),
            IndicatorUnit::Per1000 => Some(Decimal::from(1_000)),
            IndicatorUnit::Per10000 => Some(Decimal::from(10_000)),
            IndicatorUnit::Per100000 => Some(Decimal::from(100_000)),
            IndicatorUnit::Ratio => Some(Decimal::ONE),
            _ => None,
        }
    }
}

/// One value of a statistical indicator for one region and period (indikaattorin arvo).
///
/// Invariants (checked by [`IndicatorObservation::new`], [`with_fraction`] and
/// deserialization): a denominator comes with a numerator and is positive; for ratio
/// units, the value agrees with `numerator / denominator × multiplier` to within one unit
/// of its last decimal place (the published rounding).
///
/// [`with_fraction`]: IndicatorObservation::with_fraction
///
/// # Example
/// ```
/// use rakenne_model::{IndicatorObservation, IndicatorSource, IndicatorUnit, Region};
/// use rust_decimal::Decimal;
///
/// // 2 345 recipients in a population of 156 789 is 14.956... per 1 000, published as 15.0.
/// let obs = IndicatorObservation::new(
///     "sotkanet:3071".parse()?,
///     IndicatorSource::Sotkanet,
///     Region::WelfareArea("08".parse()?),
///     "2024".parse()?,
///     Decimal::new(150, 1),
///     IndicatorUnit::Per1000,
/// )?
/// .with_fraction(Decimal::from(2345), Decimal::from(156_789))?;
/// assert_eq!(obs.value(), Decimal::new(150, 1));
///
/// // A value that does not match its fraction is refused.
/// assert!(obs.clone().with_fraction(Decimal::from(2345), Decimal::from(100_000)).is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IndicatorObservation {
    /// The indicator.
    indicator: IndicatorId,
    /// Where the value comes from.
    source: IndicatorSource,
    /// Region the value applies to.
    region: Region,
    /// Period the value applies to.
    period: ReportingPeriod,
    /// The value, exact, as published.
    #[serde(with = "crate::decimal::string")]
    #[schemars(with = "crate::decimal::DecimalString")]
    value: Decimal,
    /// Numerator, if known.
    #[serde(
        default,
        with = "crate::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::decimal::DecimalString>")]
    numerator: Option<Decimal>,
    /// Denominator, if known (positive; only with a numerator).
    #[serde(
        default,
        with = "crate::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::decimal::DecimalString>")]
    denominator: Option<Decimal>,
    /// Unit of the value.
    unit: IndicatorUnit,
}

impl IndicatorObservation {
    /// An observation without numerator and denominator.
    pub fn new(
        indicator: IndicatorId,
        source: IndicatorSource,
        region: Region,
        period: ReportingPeriod,
        value: Decimal,
        unit: IndicatorUnit,
    ) -> Result<Self, Error> {
        IndicatorObservation {
            indicator,
            source,
            region,
            period,
            value,
            numerator: None,
            denominator: None,
            unit,
        }
        .check()
    }

    /// Adds the numerator and denominator; refuses a non-positive denominator and, for
    /// ratio units, a value that does not agree with them.
    pub fn with_fraction(
        mut self,
        numerator: Decimal,
        denominator: Decimal,
    ) -> Result<Self, Error> {
        self.numerator = Some(numerator);
        self.denominator = Some(denominator);
        self.check()
    }

    /// Adds only the numerator (for counts whose population is not given).
    pub fn with_numerator(mut self, numerator: Decimal) -> Result<Self, Error> {
        self.numerator = Some(numerator);
        self.check()
    }

    /// The indicator.
    pub fn indicator(&self) -> &IndicatorId {
        &self.indicator
    }

    /// The source.
    pub fn source(&self) -> IndicatorSource {
        self.source
    }

    /// The region.
    pub fn region(&self) -> Region {
        self.region
    }

    /// The period.
    pub fn period(&self) -> ReportingPeriod {
        self.period
    }

    /// The value.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The numerator, if known.
    pub fn numerator(&self) -> Option<Decimal> {
        self.numerator
    }

    /// The denominator, if known.
    pub fn denominator(&self) -> Option<Decimal> {
        self.denominator
    }

    /// The unit.
    pub fn unit(&self) -> IndicatorUnit {
        self.unit
    }

    fn check(self) -> Result<Self, Error> {
        let Some(denominator) = self.denominator else {
            return Ok(self);
        };
        let Some(numerator) = self.numerator else {
            return Err(Error::inconsistent(
                RECORD,
                "denominator is given without numerator: give both or neither",
            ));
        };
        if denominator <= Decimal::ZERO {
            return Err(Error::inconsistent(
                RECORD,
                format!("denominator {denominator} is not positive: give the population size"),
            ));
        }
        if let Some(multiplier) = self.unit.multiplier() {
            let exact = numerator / denominator * multiplier;
            // One unit in the last published decimal place.
            let tolerance = Decimal::new(1, self.value.scale());
            if (self.value - exact).abs() > tolerance {
                return Err(Error::inconsistent(
                    RECORD,
                    format!(
                        "value {} does not agree with numerator {numerator} / denominator \
                         {denominator} × {multiplier} = {}: correct the value, the fraction or \
                         the unit ({})",
                        self.value,
                        exact.round_dp(6),
                        self.unit,
                    ),
                ));
            }
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for IndicatorObservation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            indicator: IndicatorId,
            source: IndicatorSource,
            region: Region,
            period: ReportingPeriod,
            #[serde(with = "crate::decimal::string")]
            value: Decimal,
            #[serde(default, with = "crate::decimal::string_option")]
            numerator: Option<Decimal>,
            #[serde(default, with = "crate::decimal::string_option")]
            denominator: Option<Decimal>,
            unit: IndicatorUnit,
        }
        let f = Fields::deserialize(deserializer)?;
        IndicatorObservation {
            indicator: f.indicator,
            source: f.source,
            region: f.region,
            period: f.period,
            value: f.value,
            numerator: f.numerator,
            denominator: f.denominator,
            unit: f.unit,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(value: Decimal, unit: IndicatorUnit) -> IndicatorObservation {
        IndicatorObservation::new(
            "i".parse().unwrap(),
            IndicatorSource::Other,
            Region::Country,
            "2024".parse().unwrap(),
            value,
            unit,
        )
        .unwrap()
    }

    #[test]
    fn percent_must_match_its_fraction_to_the_published_precision() {
        // 1/3 × 100 = 33.333...: 33.3 (0.033 away, tolerance 0.1), 33.33 and 33 (0.33 away,
        // tolerance 1) agree; 33.5 (0.167 away, tolerance 0.1) and 35 (1.67 away) do not.
        let third =
            |v| obs(v, IndicatorUnit::Percent).with_fraction(Decimal::ONE, Decimal::from(3));
        assert!(third(Decimal::new(333, 1)).is_ok());
        assert!(third(Decimal::new(3333, 2)).is_ok());
        assert!(third(Decimal::new(33, 0)).is_ok());
        assert!(third(Decimal::new(335, 1)).is_err());
        assert!(third(Decimal::new(35, 0)).is_err());
    }

    #[test]
    fn counts_take_any_fraction_but_a_positive_denominator() {
        let count = obs(Decimal::from(12), IndicatorUnit::Count);
        assert!(
            count
                .clone()
                .with_fraction(Decimal::from(12), Decimal::from(7))
                .is_ok()
        );
        let err = count
            .with_fraction(Decimal::from(12), Decimal::ZERO)
            .unwrap_err();
        assert!(
            err.to_string().contains("denominator 0 is not positive"),
            "{err}"
        );
    }

    #[test]
    fn values_are_strings_in_json() {
        let o = obs(Decimal::new(1250, 2), IndicatorUnit::Percent)
            .with_fraction(Decimal::from(1), Decimal::from(8))
            .unwrap();
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(
            json,
            r#"{"indicator":"i","source":"other","region":{"level":"country"},"period":"2024","value":"12.50","numerator":"1","denominator":"8","unit":"percent"}"#
        );
        assert_eq!(
            serde_json::from_str::<IndicatorObservation>(&json).unwrap(),
            o
        );
    }
}
