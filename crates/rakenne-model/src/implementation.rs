//! Implementations (pilotit, käyttöönotot) of operating models.
//!
//! An operating model is evaluated where it is run: an [`Implementation`] is one welfare
//! area running one model over one period, possibly in some of its municipalities only.
//! Measurements, goals and episodes refer to the implementation they belong to, which is
//! how results are grouped for evaluation and how pilots of one model are pooled across
//! areas.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::invariant::{check_municipality_in_area, no_repeats};
use crate::{
    Error, FreeText, ImplementationId, MunicipalityCode, OperatingModelId, ReportingPeriod,
    ServiceClass, WelfareAreaCode,
};

const RECORD: &str = "implementation";

/// An implementation (pilotti, käyttöönotto) of an operating model in a welfare area over
/// a period.
///
/// Invariants (checked by [`ImplementationBuilder::build`] and by deserialization): every
/// municipality belongs to the area, none repeated.
///
/// # Example
/// ```
/// use rakenne_model::Implementation;
///
/// let pilot = Implementation::builder(
///     "PIRHA-olohuone-2025".parse()?,
///     "olohuone".parse()?,
///     "08".parse()?,
///     "2025".parse()?,
/// )
/// .municipality("837".parse()?)
/// .build()?;
/// assert_eq!(pilot.municipalities().len(), 1);
///
/// // Espoo (049) is in West Uusimaa (03), not in Pirkanmaa (08).
/// let err = Implementation::builder(
///     "x".parse()?, "olohuone".parse()?, "08".parse()?, "2025".parse()?,
/// )
/// .municipality("049".parse()?)
/// .build()
/// .unwrap_err();
/// assert!(err.to_string().contains("belongs to welfare area 03"));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Implementation {
    /// Id of the implementation.
    id: ImplementationId,
    /// The operating model implemented.
    operating_model: OperatingModelId,
    /// Welfare area running it.
    area: WelfareAreaCode,
    /// Municipalities where it runs, if not the whole area; no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    municipalities: Vec<MunicipalityCode>,
    /// Period it runs (or ran) over.
    period: ReportingPeriod,
    /// Service where it is run, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_class: Option<ServiceClass>,
    /// Local description: teams, partners, how it differs from the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<FreeText>,
}

impl Implementation {
    /// Starts an implementation covering the whole area.
    pub fn builder(
        id: ImplementationId,
        operating_model: OperatingModelId,
        area: WelfareAreaCode,
        period: ReportingPeriod,
    ) -> ImplementationBuilder {
        ImplementationBuilder {
            implementation: Implementation {
                id,
                operating_model,
                area,
                municipalities: Vec::new(),
                period,
                service_class: None,
                description: None,
            },
        }
    }

    /// Id of the implementation.
    pub fn id(&self) -> &ImplementationId {
        &self.id
    }

    /// The operating model implemented.
    pub fn operating_model(&self) -> &OperatingModelId {
        &self.operating_model
    }

    /// Welfare area.
    pub fn area(&self) -> WelfareAreaCode {
        self.area
    }

    /// Municipalities, empty when the whole area.
    pub fn municipalities(&self) -> &[MunicipalityCode] {
        &self.municipalities
    }

    /// Period.
    pub fn period(&self) -> ReportingPeriod {
        self.period
    }

    /// Service class, if given.
    pub fn service_class(&self) -> Option<ServiceClass> {
        self.service_class
    }

    /// Description, if given.
    pub fn description(&self) -> Option<&FreeText> {
        self.description.as_ref()
    }

    fn check(self) -> Result<Self, Error> {
        no_repeats(RECORD, &self.municipalities, "municipalities")?;
        for &municipality in &self.municipalities {
            check_municipality_in_area(RECORD, municipality, self.area)?;
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for Implementation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: ImplementationId,
            operating_model: OperatingModelId,
            area: WelfareAreaCode,
            #[serde(default)]
            municipalities: Vec<MunicipalityCode>,
            period: ReportingPeriod,
            #[serde(default)]
            service_class: Option<ServiceClass>,
            #[serde(default)]
            description: Option<FreeText>,
        }
        let f = Fields::deserialize(deserializer)?;
        Implementation {
            id: f.id,
            operating_model: f.operating_model,
            area: f.area,
            municipalities: f.municipalities,
            period: f.period,
            service_class: f.service_class,
            description: f.description,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

/// Builds an [`Implementation`]; made by [`Implementation::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ImplementationBuilder {
    implementation: Implementation,
}

impl ImplementationBuilder {
    /// Adds a municipality (must belong to the area).
    pub fn municipality(mut self, municipality: MunicipalityCode) -> Self {
        self.implementation.municipalities.push(municipality);
        self
    }

    /// Sets the service class.
    pub fn service_class(mut self, class: ServiceClass) -> Self {
        self.implementation.service_class = Some(class);
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: FreeText) -> Self {
        self.implementation.description = Some(description);
        self
    }

    /// Checks the invariants and returns the implementation.
    pub fn build(self) -> Result<Implementation, Error> {
        self.implementation.check()
    }
}
