//! Regions: where a statistic, an indicator or a result applies.
//!
//! Knowledge in structural social work is produced at three levels: in a municipality, in the
//! welfare area that organises the services, and for the country as a whole (THL's national
//! knowledge-production model). [`Region`] names one area at one of these levels, with the
//! codes of the tables of [`WelfareArea`] and [`Municipality`], so that figures from different
//! producers line up and can be rolled up: a municipality lies in its welfare area, and every
//! area lies in the country.
//!
//! [`WelfareArea`]: crate::WelfareArea
//! [`Municipality`]: crate::Municipality

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Label, Labels, Lang, MunicipalityCode, WelfareAreaCode};

/// Names of the whole country, as in Statistics Finland's tables ("KOKO MAA").
static COUNTRY: Labels =
    Labels::from_static("Koko maa", Some("Hela landet"), Some("Whole country"));

/// Where a statistic applies (alue): Finland as a whole, a welfare area or a municipality.
///
/// Serialized as an object tagged by `level`, with the `code` of the area:
/// `{"level":"country"}`, `{"level":"welfare_area","code":"05"}`,
/// `{"level":"municipality","code":"091"}`. Regions order country first, then welfare areas,
/// then municipalities, each by code.
///
/// # Example
/// ```
/// use rakenne_model::{Lang, MunicipalityCode, Region};
///
/// let turku = Region::Municipality(MunicipalityCode::try_from("853")?);
/// assert_eq!(turku.name(Lang::Sv).text(), "Åbo");
/// assert_eq!(
///     serde_json::to_string(&turku).unwrap(),
///     r#"{"level":"municipality","code":"853"}"#,
/// );
///
/// let southwest = turku.parent().unwrap();
/// assert_eq!(southwest.name(Lang::Fi).text(), "Varsinais-Suomen hyvinvointialue");
/// assert!(southwest.contains(turku));
/// assert!(Region::Country.contains(southwest));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(
    tag = "level",
    content = "code",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[schemars(
    description = "Where a statistic applies: Finland as a whole (country), a welfare area \
                   (welfare_area, with its 2-digit code) or a municipality (municipality, with \
                   its 3-digit code)."
)]
#[non_exhaustive]
pub enum Region {
    /// Finland as a whole (koko maa), Åland included.
    Country,
    /// A welfare area (hyvinvointialue), the City of Helsinki (90) or Åland (91).
    WelfareArea(WelfareAreaCode),
    /// A municipality (kunta).
    Municipality(MunicipalityCode),
}

impl Region {
    /// The name of the region in `lang`: `Koko maa` / `Hela landet` / `Whole country` for
    /// the country, otherwise the name of the area (municipalities have no English names, so
    /// the Finnish one is given, marked as a fallback).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, Region, WelfareAreaCode};
    ///
    /// assert_eq!(Region::Country.name(Lang::En).text(), "Whole country");
    /// let lapland = Region::WelfareArea(WelfareAreaCode::try_from("21")?);
    /// assert_eq!(lapland.name(Lang::En).text(), "Lapland wellbeing services county");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn name(self, lang: Lang) -> Label<'static> {
        match self {
            Region::Country => COUNTRY.get(lang),
            Region::WelfareArea(code) => code.area().name(lang),
            Region::Municipality(code) => code.municipality().name(lang),
        }
    }

    /// Whether `other` lies within this region. Containment is reflexive: every region
    /// contains itself. The country contains every region, a welfare area contains its
    /// municipalities, and a municipality contains only itself.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{MunicipalityCode, Region, WelfareAreaCode};
    ///
    /// let vantaa_kerava = Region::WelfareArea(WelfareAreaCode::try_from("04")?);
    /// let kerava = Region::Municipality(MunicipalityCode::try_from("245")?);
    /// let espoo = Region::Municipality(MunicipalityCode::try_from("049")?);
    /// assert!(vantaa_kerava.contains(kerava));
    /// assert!(!vantaa_kerava.contains(espoo));
    /// assert!(!kerava.contains(vantaa_kerava));
    /// assert!(Region::Country.contains(espoo));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn contains(self, other: Region) -> bool {
        match (self, other) {
            (Region::Country, _) => true,
            (Region::WelfareArea(area), Region::WelfareArea(other)) => area == other,
            (Region::WelfareArea(area), Region::Municipality(municipality)) => {
                municipality.welfare_area() == area
            }
            (Region::Municipality(municipality), Region::Municipality(other)) => {
                municipality == other
            }
            (Region::WelfareArea(_) | Region::Municipality(_), Region::Country)
            | (Region::Municipality(_), Region::WelfareArea(_)) => false,
        }
    }

    /// The region one level up: the welfare area of a municipality, the country for a
    /// welfare area, and none for the country.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{MunicipalityCode, Region};
    ///
    /// let helsinki = Region::Municipality(MunicipalityCode::try_from("091")?);
    /// let city = helsinki.parent().unwrap();
    /// assert_eq!(serde_json::to_string(&city).unwrap(), r#"{"level":"welfare_area","code":"90"}"#);
    /// assert_eq!(city.parent(), Some(Region::Country));
    /// assert_eq!(Region::Country.parent(), None);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn parent(self) -> Option<Region> {
        match self {
            Region::Country => None,
            Region::WelfareArea(_) => Some(Region::Country),
            Region::Municipality(code) => Some(Region::WelfareArea(code.welfare_area())),
        }
    }
}

impl From<WelfareAreaCode> for Region {
    fn from(code: WelfareAreaCode) -> Self {
        Region::WelfareArea(code)
    }
}

impl From<MunicipalityCode> for Region {
    fn from(code: MunicipalityCode) -> Self {
        Region::Municipality(code)
    }
}
