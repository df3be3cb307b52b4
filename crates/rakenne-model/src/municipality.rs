//! Municipalities (kunnat) and the welfare area each belongs to.
//!
//! Municipalities are the finest area in rakenne: client work, social reports and many
//! indicators are located by municipality, then rolled up to the welfare area that organises
//! the services (see [`crate::WelfareArea`]). Statistics Finland's municipality codes
//! (kuntanumerot) are three digits, e.g. `091` for Helsinki; they are strings, because the
//! leading zeros are part of the code.
//!
//! The list changes when municipalities merge: on 1 January 2025 Pertunmaa (588) joined
//! Mäntyharju (507), leaving 308 municipalities. A [`MunicipalityCode`] accepts only the codes
//! in force on [`CODE_TABLES_VALID_ON`]; data about a merged municipality is recorded under
//! the code of the municipality it joined, so that series stay comparable across years.
//!
//! # Source
//!
//! Statistics Finland's classification of municipalities `kunta_1_20250101` (codes and
//! Finnish and Swedish names) and its correspondence to the welfare areas
//! `hyvinvointialue_1_20250101`, as packaged by rOpenGov/geofi (`municipality_key_2025`,
//! added in commit 9627c8f, 2025-01-10), cross-checked against the keys of 2023, 2024 and
//! 2026 and against Yle's welfare area map data. Statistics Finland's spellings are kept:
//! `Koski Tl` (Swedish `Koskis`), `Pedersören kunta` (`Pedersöre`), and for 478 the Finnish
//! `Maarianhamina` and the Swedish `Mariehamn`. Municipalities have no English names. The
//! Rust table is generated from the project's reference data (`municipalities.csv`) into
//! `geography_tables.rs` by the test `tests/code_tables.rs`, so the crate builds without it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::geography_tables::MUNICIPALITIES;
use crate::welfare_area::{check_row_field, names_match};
use crate::{Error, Label, Labels, Lang, WelfareAreaCode};

/// The date on which the built-in tables of municipalities and welfare areas are valid:
/// 1 January 2025.
///
/// The tables follow Statistics Finland's classifications `kunta_1_20250101`
/// (municipalities, with Finnish and Swedish names) and `hyvinvointialue_1_20250101`
/// (welfare areas) and the correspondence from the first to the second, as packaged by
/// rOpenGov/geofi (`municipality_key_2025`). When municipalities merge, the tables, this
/// date and the set of valid [`MunicipalityCode`]s change together, in a new version of
/// this crate.
///
/// # Example
/// ```
/// use rakenne_model::CODE_TABLES_VALID_ON;
///
/// assert_eq!(CODE_TABLES_VALID_ON.to_string(), "2025-01-01");
/// ```
pub const CODE_TABLES_VALID_ON: time::Date = time::macros::date!(2025 - 01 - 01);

/// What a municipality code means in messages.
const WHAT: &str = "municipality code";
/// What a well-formed municipality code looks like.
const EXPECTED_FORM: &str = "3 digits, e.g. \"091\"";
/// Which well-formed codes exist. A unit test checks the date against
/// [`CODE_TABLES_VALID_ON`].
const EXPECTED_CODES: &str = "a municipality in force on 2025-01-01 (merged municipalities \
                              use the code of the municipality they joined)";

/// Municipality code (kuntanumero): three digits from Statistics Finland's classification of
/// municipalities, e.g. `091` for Helsinki.
///
/// Only the 308 codes in force on [`CODE_TABLES_VALID_ON`] are valid. The code parses from
/// and serializes to its three-digit string (`"091"`, never the number `91`);
/// deserialization runs the same check as [`FromStr`]. `Display` writes the three digits.
/// Codes order as their numbers.
///
/// # Example
/// ```
/// use rakenne_model::{Lang, MunicipalityCode};
///
/// let code: MunicipalityCode = "853".parse()?;
/// assert_eq!(code.municipality().name(Lang::Sv).text(), "Åbo");
/// assert_eq!(code.welfare_area().as_str(), "05");
/// assert_eq!(serde_json::to_string(&code).unwrap(), r#""853""#);
///
/// // Pertunmaa joined Mäntyharju (507) on 2025-01-01.
/// let err = "588".parse::<MunicipalityCode>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid municipality code \"588\": expected a municipality in force on 2025-01-01 \
///      (merged municipalities use the code of the municipality they joined)",
/// );
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityCode(u16);

impl MunicipalityCode {
    /// The code as its three-digit string, e.g. `"091"`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::MunicipalityCode;
    ///
    /// let code = MunicipalityCode::try_from("049")?;
    /// assert_eq!(code.as_str(), "049");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        self.municipality().code_str
    }

    /// The row of the code table for this code: names and welfare area.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, MunicipalityCode};
    ///
    /// let municipality = MunicipalityCode::try_from("091")?.municipality();
    /// assert_eq!(municipality.name(Lang::Fi).text(), "Helsinki");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    #[allow(
        clippy::expect_used,
        clippy::missing_panics_doc,
        reason = "proven invariant: every code is copied from a row of the table"
    )]
    pub fn municipality(self) -> &'static Municipality {
        find(self.0).expect(
            "every MunicipalityCode is copied from a row of MUNICIPALITIES (parsing, \
             deserialization, Municipality::code)",
        )
    }

    /// The welfare area the municipality belongs to (90 for Helsinki, 91 for the
    /// municipalities of Åland).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::MunicipalityCode;
    ///
    /// let kerava = MunicipalityCode::try_from("245")?;
    /// assert_eq!(kerava.welfare_area().as_str(), "04");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn welfare_area(self) -> WelfareAreaCode {
        self.municipality().welfare_area
    }
}

/// The row of [`MUNICIPALITIES`] with code `number`. The table is sorted by code (checked at
/// compile time below), so a binary search finds it.
fn find(number: u16) -> Option<&'static Municipality> {
    MUNICIPALITIES
        .binary_search_by_key(&number, |municipality| municipality.code.0)
        .ok()
        .map(|i| &MUNICIPALITIES[i])
}

/// The value of `s` if it is exactly three ASCII digits.
const fn three_digits(s: &str) -> Option<u16> {
    match s.as_bytes() {
        &[
            hundreds @ b'0'..=b'9',
            tens @ b'0'..=b'9',
            ones @ b'0'..=b'9',
        ] => {
            let (hundreds, tens, ones) = (hundreds - b'0', tens - b'0', ones - b'0');
            Some(hundreds as u16 * 100 + tens as u16 * 10 + ones as u16)
        }
        _ => None,
    }
}

// The table is sorted by code without duplicates: `find` relies on it. Checked when the
// crate is compiled, so a badly generated table cannot build.
const _: () = {
    let mut i = 1;
    while i < MUNICIPALITIES.len() {
        assert!(
            MUNICIPALITIES[i - 1].code.0 < MUNICIPALITIES[i].code.0,
            "MUNICIPALITIES must be sorted by code without duplicates"
        );
        i += 1;
    }
};

impl FromStr for MunicipalityCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let Some(number) = three_digits(s) else {
            return Err(Error::invalid(WHAT, s, EXPECTED_FORM));
        };
        find(number)
            .map(|municipality| municipality.code)
            .ok_or_else(|| Error::invalid(WHAT, s, EXPECTED_CODES))
    }
}

impl TryFrom<&str> for MunicipalityCode {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        s.parse()
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = Error;

    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MunicipalityCode")
            .field(&self.as_str())
            .finish()
    }
}

impl Serialize for MunicipalityCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MunicipalityCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = MunicipalityCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a municipality code: a string of 3 digits, e.g. \"091\"")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<MunicipalityCode, E> {
                s.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for MunicipalityCode {
    fn schema_name() -> Cow<'static, str> {
        "MunicipalityCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::MunicipalityCode").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<serde_json::Value> = Municipality::all()
            .iter()
            .map(|municipality| {
                let labels = municipality.labels();
                let other_names: Vec<&str> = labels.sv().into_iter().chain(labels.en()).collect();
                serde_json::json!({
                    "const": municipality.code().as_str(),
                    "title": labels.fi(),
                    "description": other_names.join(" / "),
                })
            })
            .collect();
        json_schema!({
            "type": "string",
            "description": "Municipality code (kuntanumero) of Statistics Finland's \
                            classification kunta_1_20250101: three digits, for a municipality \
                            in force on 2025-01-01.",
            "oneOf": codes,
        })
    }
}

/// Municipality (kunta): a row of the code table, with its Finnish and Swedish names and its
/// welfare area.
///
/// Rows are built in and read through [`Municipality::all`], [`Municipality::by_code`],
/// [`Municipality::by_name`] or [`MunicipalityCode::municipality`]. Municipalities have no
/// English names: [`Municipality::name`] with [`Lang::En`] gives the Finnish name, marked as a
/// fallback. Data refers to a municipality by its [`MunicipalityCode`]; the row serializes
/// as an object `{code, name_fi, name_sv, welfare_area}` for export, and deserializes only
/// when every field matches the table.
///
/// # Example
/// ```
/// use rakenne_model::{Lang, Municipality};
///
/// let koski = Municipality::by_name("Koskis").unwrap();
/// assert_eq!(koski.code().as_str(), "284");
/// assert_eq!(koski.name(Lang::Fi).text(), "Koski Tl");
/// assert_eq!(koski.welfare_area().as_str(), "05");
///
/// let en = koski.name(Lang::En);
/// assert!(en.is_fallback());
/// assert_eq!(format!("{en:#}"), "Koski Tl [fi]");
/// assert_eq!(Municipality::all().len(), 308);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Municipality {
    code: MunicipalityCode,
    /// `code` as written in the table, so that [`MunicipalityCode::as_str`] needs no
    /// allocation.
    code_str: &'static str,
    labels: Labels,
    welfare_area: WelfareAreaCode,
}

impl Municipality {
    /// A row of the generated table. `code` must be three digits and `welfare_area` a code of
    /// the welfare area table (both checked at compile time, as this only runs in static
    /// initializers); the names must not be empty.
    pub(crate) const fn new(
        code: &'static str,
        name_fi: &'static str,
        name_sv: &'static str,
        welfare_area: &'static str,
    ) -> Self {
        let Some(number) = three_digits(code) else {
            panic!("a municipality code in the generated table is not 3 digits");
        };
        Municipality {
            code: MunicipalityCode(number),
            code_str: code,
            labels: Labels::from_static(name_fi, Some(name_sv), None),
            welfare_area: WelfareAreaCode::from_table(welfare_area),
        }
    }

    /// The row of the table with this code: the same as `self` (a deserialized row is a copy).
    fn official(&self) -> &'static Municipality {
        self.code.municipality()
    }

    /// Every municipality in force on [`CODE_TABLES_VALID_ON`] (308), in code order.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Municipality;
    ///
    /// let all = Municipality::all();
    /// assert_eq!(all.len(), 308);
    /// assert_eq!(all[0].code().as_str(), "005");
    /// assert_eq!(all[307].code().as_str(), "992");
    /// ```
    pub fn all() -> &'static [Municipality] {
        &MUNICIPALITIES
    }

    /// The row with this code, if `code` is a municipality in force (exact spelling, three
    /// digits).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, Municipality};
    ///
    /// let espoo = Municipality::by_code("049").unwrap();
    /// assert_eq!(espoo.name(Lang::Sv).text(), "Esbo");
    /// assert!(Municipality::by_code("588").is_none()); // merged into 507 in 2025
    /// assert!(Municipality::by_code("91").is_none());
    /// ```
    pub fn by_code(code: &str) -> Option<&'static Municipality> {
        code.parse::<MunicipalityCode>()
            .ok()
            .map(MunicipalityCode::municipality)
    }

    /// The row whose Finnish or Swedish name is `name`, ignoring case (Unicode lowercase
    /// mapping, so `ÅBO` finds Turku). The names are unique across both languages. Nothing
    /// else is forgiven: the name must be complete (`Koski Tl`, not `Koski`), without extra
    /// spaces, and in composed (NFC) form, as typed on a Finnish keyboard.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Municipality;
    ///
    /// let code = |name| Municipality::by_name(name).map(|m| m.code().as_str());
    /// assert_eq!(code("Vantaa"), Some("092"));
    /// assert_eq!(code("vanda"), Some("092"));
    /// assert_eq!(code("MARIEHAMN"), Some("478"));
    /// assert_eq!(code("Pertunmaa"), None);
    /// ```
    pub fn by_name(name: &str) -> Option<&'static Municipality> {
        MUNICIPALITIES.iter().find(|municipality| {
            let labels = &municipality.labels;
            [Some(labels.fi()), labels.sv()]
                .into_iter()
                .flatten()
                .any(|own| names_match(own, name))
        })
    }

    /// The code of the municipality.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Municipality;
    ///
    /// let joensuu = Municipality::by_name("Joensuu").unwrap();
    /// assert_eq!(joensuu.code().to_string(), "167");
    /// ```
    pub fn code(&self) -> MunicipalityCode {
        self.code
    }

    /// The names of the municipality: Finnish and Swedish (often the same), no English.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Municipality;
    ///
    /// let labels = Municipality::by_code("599").unwrap().labels();
    /// assert_eq!(labels.fi(), "Pedersören kunta");
    /// assert_eq!(labels.sv(), Some("Pedersöre"));
    /// assert_eq!(labels.en(), None);
    /// ```
    pub fn labels(&self) -> &'static Labels {
        &self.official().labels
    }

    /// The name of the municipality in `lang`; in English, the Finnish name marked as a
    /// fallback (see [`Labels::get`]).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, Municipality};
    ///
    /// let porvoo = Municipality::by_name("Porvoo").unwrap();
    /// assert_eq!(porvoo.name(Lang::Sv).text(), "Borgå");
    /// assert_eq!(porvoo.name(Lang::En).text(), "Porvoo");
    /// assert!(porvoo.name(Lang::En).is_fallback());
    /// ```
    pub fn name(&self, lang: Lang) -> Label<'static> {
        self.labels().get(lang)
    }

    /// The welfare area the municipality belongs to.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Lang, Municipality};
    ///
    /// let heinavesi = Municipality::by_name("Heinävesi").unwrap();
    /// let area = heinavesi.welfare_area().area();
    /// assert_eq!(area.name(Lang::Fi).text(), "Pohjois-Karjalan hyvinvointialue");
    /// ```
    pub fn welfare_area(&self) -> WelfareAreaCode {
        self.welfare_area
    }
}

/// The serialized form of a [`Municipality`].
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Municipality",
    description = "A row of the municipality code table (Statistics Finland, kunta_1_20250101, \
                   valid on 2025-01-01). Every field must match the table."
)]
struct MunicipalityRecord<'a> {
    /// Municipality code.
    code: MunicipalityCode,
    /// Name in Finnish.
    #[serde(borrow)]
    name_fi: Cow<'a, str>,
    /// Name in Swedish.
    #[serde(borrow)]
    name_sv: Cow<'a, str>,
    /// Code of the welfare area the municipality belongs to.
    welfare_area: WelfareAreaCode,
}

impl Serialize for Municipality {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let labels = self.labels();
        MunicipalityRecord {
            code: self.code,
            name_fi: Cow::Borrowed(labels.fi()),
            // Every municipality has a Swedish name (Municipality::new takes it).
            name_sv: Cow::Borrowed(labels.get(Lang::Sv).text()),
            welfare_area: self.welfare_area,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Municipality {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let record = MunicipalityRecord::deserialize(deserializer)?;
        let official = record.code.municipality();
        let code = official.code_str;
        let labels = &official.labels;
        let row = "municipality";
        let check = || {
            check_row_field(
                "municipality name_fi",
                &record.name_fi,
                labels.fi(),
                row,
                code,
            )?;
            let sv = labels.get(Lang::Sv).text();
            check_row_field("municipality name_sv", &record.name_sv, sv, row, code)?;
            check_row_field(
                "municipality welfare_area",
                record.welfare_area.as_str(),
                official.welfare_area.as_str(),
                row,
                code,
            )
        };
        check().map_err(serde::de::Error::custom)?;
        Ok(official.clone())
    }
}

impl JsonSchema for Municipality {
    fn schema_name() -> Cow<'static, str> {
        "Municipality".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Municipality").into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        MunicipalityRecord::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_codes_message_names_the_table_date() {
        assert!(EXPECTED_CODES.contains(&format!("in force on {CODE_TABLES_VALID_ON} ")));
        assert_eq!(CODE_TABLES_VALID_ON.to_string(), "2025-01-01");
    }

    #[test]
    fn three_digits_accepts_only_three_ascii_digits() {
        assert_eq!(three_digits("091"), Some(91));
        assert_eq!(three_digits("992"), Some(992));
        assert_eq!(three_digits("000"), Some(0));
        for bad in ["", "91", "0091", " 091", "091 ", "9x1", "-91", "٠٩١"] {
            assert_eq!(three_digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn code_strings_match_code_numbers() {
        for municipality in Municipality::all() {
            assert_eq!(format!("{:03}", municipality.code.0), municipality.code_str);
        }
    }
}
