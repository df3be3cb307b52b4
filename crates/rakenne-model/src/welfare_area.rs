//! Welfare areas (hyvinvointialueet): who organises public social and health care, where.
//!
//! Since 1 January 2023, public social and health care in mainland Finland has been organised
//! by 21 welfare areas (wellbeing services counties; Act on Wellbeing Services Counties
//! 611/2021) and, within its own borders, by the City of Helsinki, which belongs to no welfare
//! area. Åland organises its services itself, as an autonomous region. Statistics Finland's
//! classification of welfare areas gives each of these a two-digit code, so that every
//! municipality maps to exactly one of them: 01–21 for the welfare areas, 90 for the City of
//! Helsinki and 91 for Åland.
//!
//! Social reports, indicators and evaluation results say which area they are about with a
//! [`WelfareAreaCode`]. A code is valid by construction: parsing and deserialization accept
//! only the 23 codes of the table, so code that holds one never checks it again. The table
//! row behind a code, [`WelfareArea`], gives the names in Finnish, Swedish and English, the
//! [`WelfareAreaKind`] and the member municipalities.
//!
//! # Source
//!
//! The table is Statistics Finland's classification `hyvinvointialue_1_20250101`, valid on
//! [`CODE_TABLES_VALID_ON`] (2025-01-01), with Finnish and Swedish names as published by
//! Statistics Finland and packaged by rOpenGov/geofi (`municipality_key_2025`). The English
//! names use the official English term "wellbeing services county"; the project's reference
//! data (`welfare_areas.csv`) does not cite a separate source for them. The Rust table is
//! generated from that reference data into `geography_tables.rs` by the test
//! `tests/code_tables.rs`, so the crate builds without it.
//!
//! [`CODE_TABLES_VALID_ON`]: crate::CODE_TABLES_VALID_ON

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::code_list::code_list;
use crate::geography_tables::{MUNICIPALITIES, WELFARE_AREAS};
use crate::{CodeList, Error, Label, Labels, Lang, Municipality};

/// What a welfare area code means in messages.
const WHAT: &str = "welfare area code";
/// What a well-formed welfare area code looks like.
const EXPECTED_FORM: &str = "2 digits, e.g. \"05\"";
/// Which well-formed codes exist. A unit test checks this text against the table.
const EXPECTED_CODES: &str = "01–21 (welfare areas), 90 (City of Helsinki) or 91 (Åland)";

/// Welfare area code (hyvinvointialueen koodi): two digits from Statistics Finland's
/// classification of welfare areas, e.g. `05` for Varsinais-Suomi.
///
/// Only the 23 codes of the table are valid: 01–21 for the welfare areas, 90 for the City of
/// Helsinki and 91 for Åland (see [`WelfareAreaKind`]). The code parses from and serializes
/// to its two-digit string (`"05"`, never the number `5`); deserialization runs the same
/// check as [`FromStr`]. `Display` writes the two digits. Codes order as their numbers.
///
/// # Example
/// ```
/// use rakenne_model::{Lang, WelfareAreaCode};
///
/// let code: WelfareAreaCode = "05".parse()?;
/// assert_eq!(code.as_str(), "05");
/// assert_eq!(code.area().name(Lang::Sv).text(), "Egentliga Finlands välfärdsområde");
/// assert_eq!(serde_json::to_string(&code).unwrap(), r#""05""#);
///
/// let err = "5".parse::<WelfareAreaCode>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid welfare area code "5": expected 2 digits, e.g. "05""#,
/// );
/// assert!(serde_json::from_str::<WelfareAreaCode>(r#""22""#).is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WelfareAreaCode(u8);

impl WelfareAreaCode {
    /// The code of a row of the generated table, for the municipality table: checked at
    /// compile time to be two digits and a code of [`WELFARE_AREAS`] (a failed check is a
    /// build error, as this only runs in static initializers).
    pub(crate) const fn from_table(code: &'static str) -> Self {
        let Some(number) = two_digits(code) else {
            panic!("a welfare area code in the generated table is not 2 digits");
        };
        let mut i = 0;
        while i < WELFARE_AREAS.len() {
            if WELFARE_AREAS[i].code.0 == number {
                return WelfareAreaCode(number);
            }
            i += 1;
        }
        panic!("a municipality in the generated table names a welfare area that is not in it");
    }

    /// The code as its two-digit string, e.g. `"05"`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareAreaCode;
    ///
    /// let code = WelfareAreaCode::try_from("90")?;
    /// assert_eq!(code.as_str(), "90");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        self.area().code_str
    }

    /// The row of the code table for this code: names, kind and municipalities.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, WelfareAreaCode, WelfareAreaKind};
    ///
    /// let area = WelfareAreaCode::try_from("91")?.area();
    /// assert_eq!(area.name(Lang::Fi).text(), "Ahvenanmaa");
    /// assert_eq!(area.kind(), WelfareAreaKind::AutonomousRegion);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    #[allow(
        clippy::expect_used,
        clippy::missing_panics_doc,
        reason = "proven invariant: every code is copied from a row of the table or checked \
                  against it at compile time (`from_table`)"
    )]
    pub fn area(self) -> &'static WelfareArea {
        find(self.0).expect(
            "every WelfareAreaCode is copied from a row of WELFARE_AREAS (parsing, \
             deserialization) or checked against the table at compile time (from_table)",
        )
    }
}

/// The row of [`WELFARE_AREAS`] with code `number`. The table is sorted by code (checked at
/// compile time below), so a binary search finds it.
fn find(number: u8) -> Option<&'static WelfareArea> {
    WELFARE_AREAS
        .binary_search_by_key(&number, |area| area.code.0)
        .ok()
        .map(|i| &WELFARE_AREAS[i])
}

/// The value of `s` if it is exactly two ASCII digits.
const fn two_digits(s: &str) -> Option<u8> {
    match s.as_bytes() {
        &[tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => Some((tens - b'0') * 10 + (ones - b'0')),
        _ => None,
    }
}

// The table is sorted by code without duplicates: `find` relies on it. Checked when the
// crate is compiled, so a badly generated table cannot build.
const _: () = {
    let mut i = 1;
    while i < WELFARE_AREAS.len() {
        assert!(
            WELFARE_AREAS[i - 1].code.0 < WELFARE_AREAS[i].code.0,
            "WELFARE_AREAS must be sorted by code without duplicates"
        );
        i += 1;
    }
};

impl FromStr for WelfareAreaCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let Some(number) = two_digits(s) else {
            return Err(Error::invalid(WHAT, s, EXPECTED_FORM));
        };
        find(number)
            .map(|area| area.code)
            .ok_or_else(|| Error::invalid(WHAT, s, EXPECTED_CODES))
    }
}

impl TryFrom<&str> for WelfareAreaCode {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        s.parse()
    }
}

impl TryFrom<String> for WelfareAreaCode {
    type Error = Error;

    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl fmt::Display for WelfareAreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for WelfareAreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("WelfareAreaCode")
            .field(&self.as_str())
            .finish()
    }
}

impl Serialize for WelfareAreaCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for WelfareAreaCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = WelfareAreaCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a welfare area code: a string of 2 digits, e.g. \"05\"")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<WelfareAreaCode, E> {
                s.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for WelfareAreaCode {
    fn schema_name() -> Cow<'static, str> {
        "WelfareAreaCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::WelfareAreaCode").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<serde_json::Value> = WelfareArea::all()
            .iter()
            .map(|area| {
                let labels = area.labels();
                let other_names: Vec<&str> = labels.sv().into_iter().chain(labels.en()).collect();
                serde_json::json!({
                    "const": area.code().as_str(),
                    "title": labels.fi(),
                    "description": other_names.join(" / "),
                })
            })
            .collect();
        json_schema!({
            "type": "string",
            "description": "Welfare area code (hyvinvointialueen koodi) of Statistics Finland's \
                            classification hyvinvointialue_1_20250101: 01–21 for the welfare \
                            areas, 90 for the City of Helsinki, 91 for Åland.",
            "oneOf": codes,
        })
    }
}

code_list! {
    /// Kind of area in the welfare area table (alueen tyyppi): a welfare area, the City of
    /// Helsinki, or Åland.
    ///
    /// Statistics Finland's classification of welfare areas also gives codes to the City of
    /// Helsinki (90) and to Åland (91), so that every municipality maps to one code; this
    /// kind says which of them are welfare areas. The code of Åland is
    /// `autonomous_region`: shorter than the `autonomous_region_not_a_welfare_area` of the
    /// project's reference table, which is not an official code list, and just as clear
    /// next to its description.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, WelfareAreaCode, WelfareAreaKind};
    ///
    /// let kind = WelfareAreaCode::try_from("90")?.area().kind();
    /// assert_eq!(kind, WelfareAreaKind::CityOrganisingServices);
    /// assert_eq!(kind.code(), "city_organising_services");
    /// assert!(kind.organises_services());
    /// assert_eq!(WelfareAreaKind::AutonomousRegion.label(Lang::En).text(), "Autonomous region");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub enum WelfareAreaKind as "welfare_area_kind", closed {
        WelfareArea = "welfare_area" {
            fi: "Hyvinvointialue",
            sv: "Välfärdsområde",
            en: "Wellbeing services county",
            description: "A welfare area (hyvinvointialue, wellbeing services county): a \
                          self-governing region that organises public social and health care \
                          and rescue services for its member municipalities (Act on Wellbeing \
                          Services Counties 611/2021). Codes 01–21.",
        },
        CityOrganisingServices = "city_organising_services" {
            fi: "Palvelut itse järjestävä kaupunki",
            sv: "Stad som själv ordnar tjänsterna",
            en: "City organising the services itself",
            description: "The City of Helsinki, which belongs to no welfare area and organises \
                          public social and health care and rescue services itself (Act on \
                          Organising Healthcare and Social Welfare Services 612/2021). Code 90.",
        },
        AutonomousRegion = "autonomous_region" {
            fi: "Itsehallinnollinen maakunta",
            sv: "Självstyrt landskap",
            en: "Autonomous region",
            description: "Åland, an autonomous region that organises social and health care \
                          under its own legislation: not a welfare area, and not one of the \
                          organisers of mainland Finland. Code 91.",
        },
    }
}

impl WelfareAreaKind {
    /// Whether an area of this kind organises public social and health care in mainland
    /// Finland under the reform of 2023: true for welfare areas and the City of Helsinki,
    /// false for Åland.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareAreaKind;
    ///
    /// assert!(WelfareAreaKind::WelfareArea.organises_services());
    /// assert!(!WelfareAreaKind::AutonomousRegion.organises_services());
    /// ```
    pub const fn organises_services(self) -> bool {
        match self {
            WelfareAreaKind::WelfareArea | WelfareAreaKind::CityOrganisingServices => true,
            WelfareAreaKind::AutonomousRegion => false,
        }
    }
}

/// Welfare area (hyvinvointialue): a row of the code table, with its names in Finnish, Swedish
/// and English, its kind and its municipalities.
///
/// Rows are built in and read through [`WelfareArea::all`], [`WelfareArea::by_code`],
/// [`WelfareArea::by_name`] or [`WelfareAreaCode::area`]. Data refers to an area by its
/// [`WelfareAreaCode`]; the row serializes as an object `{code, name_fi, name_sv, name_en,
/// kind}` for export, and deserializes only when every field matches the table.
///
/// # Example
/// ```
/// use rakenne_model::{Lang, WelfareArea};
///
/// let area = WelfareArea::by_name("Vantaan ja Keravan hyvinvointialue").unwrap();
/// assert_eq!(area.code().as_str(), "04");
/// assert_eq!(area.name(Lang::En).text(), "Vantaa and Kerava wellbeing services county");
/// let members: Vec<&str> = area.municipalities().map(|m| m.name(Lang::Fi).text()).collect();
/// assert_eq!(members, ["Vantaa", "Kerava"]);
///
/// assert_eq!(WelfareArea::all().len(), 23);
/// assert_eq!(WelfareArea::organisers().count(), 22);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct WelfareArea {
    code: WelfareAreaCode,
    /// `code` as written in the table, so that [`WelfareAreaCode::as_str`] needs no allocation.
    code_str: &'static str,
    kind: WelfareAreaKind,
    labels: Labels,
}

impl WelfareArea {
    /// A row of the generated table. `code` must be two digits (checked at compile time, as
    /// this only runs in static initializers); the names must not be empty.
    pub(crate) const fn new(
        code: &'static str,
        kind: WelfareAreaKind,
        name_fi: &'static str,
        name_sv: &'static str,
        name_en: &'static str,
    ) -> Self {
        let Some(number) = two_digits(code) else {
            panic!("a welfare area code in the generated table is not 2 digits");
        };
        WelfareArea {
            code: WelfareAreaCode(number),
            code_str: code,
            kind,
            labels: Labels::from_static(name_fi, Some(name_sv), Some(name_en)),
        }
    }

    /// The row of the table with this code: the same as `self` (a deserialized row is a copy).
    fn official(&self) -> &'static WelfareArea {
        self.code.area()
    }

    /// Every row of the table, in code order: 01–21, 90 (City of Helsinki), 91 (Åland).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareArea;
    ///
    /// let codes: Vec<&str> = WelfareArea::all().iter().map(|a| a.code().as_str()).collect();
    /// assert_eq!(codes.len(), 23);
    /// assert_eq!(codes[..3], ["01", "02", "03"]);
    /// assert_eq!(codes[21..], ["90", "91"]);
    /// ```
    pub fn all() -> &'static [WelfareArea] {
        &WELFARE_AREAS
    }

    /// The 22 organisers of public social and health care in mainland Finland, in code order:
    /// the 21 welfare areas and the City of Helsinki (every row but Åland; see
    /// [`WelfareAreaKind::organises_services`]).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareArea;
    ///
    /// assert_eq!(WelfareArea::organisers().count(), 22);
    /// assert!(WelfareArea::organisers().all(|a| a.code().as_str() != "91"));
    /// ```
    pub fn organisers() -> impl Iterator<Item = &'static WelfareArea> {
        WELFARE_AREAS
            .iter()
            .filter(|area| area.kind.organises_services())
    }

    /// The row with this code, if `code` is one of the 23 codes (exact spelling, two digits).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, WelfareArea};
    ///
    /// let area = WelfareArea::by_code("21").unwrap();
    /// assert_eq!(area.name(Lang::Fi).text(), "Lapin hyvinvointialue");
    /// assert!(WelfareArea::by_code("22").is_none());
    /// assert!(WelfareArea::by_code("5").is_none());
    /// ```
    pub fn by_code(code: &str) -> Option<&'static WelfareArea> {
        code.parse::<WelfareAreaCode>()
            .ok()
            .map(WelfareAreaCode::area)
    }

    /// The row whose Finnish, Swedish or English name is `name`, ignoring case (Unicode
    /// lowercase mapping, so `ÅLAND` finds Åland). Nothing else is forgiven: the name must be
    /// complete, without extra spaces, and in composed (NFC) form, as typed on a Finnish
    /// keyboard.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareArea;
    ///
    /// let code = |name| WelfareArea::by_name(name).map(|a| a.code().as_str());
    /// assert_eq!(code("Pirkanmaan hyvinvointialue"), Some("08"));
    /// assert_eq!(code("birkalands välfärdsområde"), Some("08"));
    /// assert_eq!(code("PIRKANMAA WELLBEING SERVICES COUNTY"), Some("08"));
    /// assert_eq!(code("Helsingfors stad"), Some("90"));
    /// assert_eq!(code("Pirkanmaa"), None);
    /// ```
    pub fn by_name(name: &str) -> Option<&'static WelfareArea> {
        WELFARE_AREAS.iter().find(|area| {
            let labels = &area.labels;
            [Some(labels.fi()), labels.sv(), labels.en()]
                .into_iter()
                .flatten()
                .any(|own| names_match(own, name))
        })
    }

    /// The code of the area.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareArea;
    ///
    /// let area = WelfareArea::by_name("Kainuun hyvinvointialue").unwrap();
    /// assert_eq!(area.code().to_string(), "20");
    /// ```
    pub fn code(&self) -> WelfareAreaCode {
        self.code
    }

    /// The kind of area: a welfare area, the City of Helsinki or Åland.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{WelfareArea, WelfareAreaKind};
    ///
    /// let helsinki = WelfareArea::by_code("90").unwrap();
    /// assert_eq!(helsinki.kind(), WelfareAreaKind::CityOrganisingServices);
    /// ```
    pub fn kind(&self) -> WelfareAreaKind {
        self.kind
    }

    /// The names of the area in Finnish, Swedish and English (all three exist).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareArea;
    ///
    /// let labels = WelfareArea::by_code("17").unwrap().labels();
    /// assert_eq!(labels.fi(), "Pohjanmaan hyvinvointialue");
    /// assert_eq!(labels.sv(), Some("Österbottens välfärdsområde"));
    /// assert_eq!(labels.en(), Some("Ostrobothnia wellbeing services county"));
    /// ```
    pub fn labels(&self) -> &'static Labels {
        &self.official().labels
    }

    /// The name of the area in `lang`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, WelfareArea};
    ///
    /// let area = WelfareArea::by_code("01").unwrap();
    /// assert_eq!(area.name(Lang::Sv).text(), "Östra Nylands välfärdsområde");
    /// assert!(!area.name(Lang::En).is_fallback());
    /// ```
    pub fn name(&self, lang: Lang) -> Label<'static> {
        self.labels().get(lang)
    }

    /// The municipalities of the area, in code order. The City of Helsinki has one (091);
    /// every area has at least one.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::WelfareArea;
    ///
    /// let aland = WelfareArea::by_code("91").unwrap();
    /// assert_eq!(aland.municipalities().count(), 16);
    /// let first = aland.municipalities().next().unwrap();
    /// assert_eq!(first.code().as_str(), "035");
    /// ```
    pub fn municipalities(&self) -> impl Iterator<Item = &'static Municipality> + use<> {
        let code = self.code;
        MUNICIPALITIES
            .iter()
            .filter(move |municipality| municipality.welfare_area() == code)
    }
}

/// Whether `own` (a name from a table) and `given` are the same name, ignoring case by the
/// Unicode lowercase mapping. Shared by the lookups by name of areas and municipalities.
pub(crate) fn names_match(own: &str, given: &str) -> bool {
    own.chars()
        .flat_map(char::to_lowercase)
        .eq(given.chars().flat_map(char::to_lowercase))
}

/// Refuses a field of a deserialized table row that differs from the table.
pub(crate) fn check_row_field(
    what: &'static str,
    given: &str,
    official: &str,
    row: &'static str,
    code: &str,
) -> Result<(), Error> {
    if given == official {
        Ok(())
    } else {
        Err(Error::invalid(
            what,
            given,
            format!(
                "\"{official}\" for {row} {code}, as in the official code table valid on {}",
                crate::CODE_TABLES_VALID_ON
            ),
        ))
    }
}

/// The serialized form of a [`WelfareArea`].
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "WelfareArea",
    description = "A row of the welfare area code table (Statistics Finland, \
                   hyvinvointialue_1_20250101, valid on 2025-01-01). Every field must match the \
                   table."
)]
struct WelfareAreaRecord<'a> {
    /// Welfare area code.
    code: WelfareAreaCode,
    /// Name in Finnish.
    #[serde(borrow)]
    name_fi: Cow<'a, str>,
    /// Name in Swedish.
    #[serde(borrow)]
    name_sv: Cow<'a, str>,
    /// Name in English.
    #[serde(borrow)]
    name_en: Cow<'a, str>,
    /// Kind of area.
    kind: WelfareAreaKind,
}

impl Serialize for WelfareArea {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let labels = self.labels();
        WelfareAreaRecord {
            code: self.code,
            name_fi: Cow::Borrowed(labels.fi()),
            // Every area has all three names (WelfareArea::new takes them).
            name_sv: Cow::Borrowed(labels.get(Lang::Sv).text()),
            name_en: Cow::Borrowed(labels.get(Lang::En).text()),
            kind: self.kind,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for WelfareArea {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let record = WelfareAreaRecord::deserialize(deserializer)?;
        let official = record.code.area();
        let code = official.code_str;
        let labels = &official.labels;
        let row = "welfare area";
        let check = || {
            check_row_field(
                "welfare area name_fi",
                &record.name_fi,
                labels.fi(),
                row,
                code,
            )?;
            let sv = labels.get(Lang::Sv).text();
            check_row_field("welfare area name_sv", &record.name_sv, sv, row, code)?;
            let en = labels.get(Lang::En).text();
            check_row_field("welfare area name_en", &record.name_en, en, row, code)?;
            let kind = official.kind.code();
            check_row_field("welfare area kind", record.kind.code(), kind, row, code)
        };
        check().map_err(serde::de::Error::custom)?;
        Ok(official.clone())
    }
}

impl JsonSchema for WelfareArea {
    fn schema_name() -> Cow<'static, str> {
        "WelfareArea".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::WelfareArea").into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        WelfareAreaRecord::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_codes_message_lists_the_table() {
        let codes: Vec<&str> = WelfareArea::all().iter().map(|a| a.code_str).collect();
        let mut listed: Vec<String> = (1..=21).map(|n| format!("{n:02}")).collect();
        listed.extend(["90".to_owned(), "91".to_owned()]);
        assert_eq!(codes, listed);
        assert!(EXPECTED_CODES.starts_with("01–21 (welfare areas), 90 (City of Helsinki)"));
        assert!(EXPECTED_CODES.ends_with("91 (Åland)"));
        assert_eq!(
            find(90).map(|a| a.kind),
            Some(WelfareAreaKind::CityOrganisingServices)
        );
        assert_eq!(
            find(91).map(|a| a.kind),
            Some(WelfareAreaKind::AutonomousRegion)
        );
    }

    #[test]
    fn two_digits_accepts_only_two_ascii_digits() {
        assert_eq!(two_digits("05"), Some(5));
        assert_eq!(two_digits("91"), Some(91));
        assert_eq!(two_digits("00"), Some(0));
        for bad in ["", "5", "005", " 05", "05 ", "0x", "+5", "٠٥", "５"] {
            assert_eq!(two_digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn code_strings_match_code_numbers() {
        for area in WelfareArea::all() {
            assert_eq!(format!("{:02}", area.code.0), area.code_str);
        }
    }
}
