//! Values of open code lists: a code of the list, or a local code the list does not have.
//!
//! Every code list declares whether it is closed or open ([`Openness`]). A closed list is
//! the whole vocabulary: a code outside it is an error. An open list is the national core
//! of a vocabulary that areas may extend locally (a target group or an addressee of their
//! own): a field of an open list holds an [`OpenCode`], which is either a listed code or
//! a [`LocalCode`]. Local codes are accepted and kept; validators report them as
//! advisories, because data with local codes compares less well across areas.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{CodeList, Error};

/// Whether a code list may be extended locally.
///
/// # Example
/// ```
/// use rakenne_model::{CodeList, Openness, PhenomenonTheme, TargetGroup};
///
/// assert_eq!(PhenomenonTheme::OPENNESS, Openness::Closed);
/// assert_eq!(TargetGroup::OPENNESS, Openness::Open);
/// assert_eq!(Openness::Open.to_string(), "open");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Openness {
    /// The list is the whole vocabulary: a code outside it is an error.
    Closed,
    /// The list is the national core: a local code outside it is accepted, with an
    /// advisory.
    Open,
}

impl fmt::Display for Openness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Openness::Closed => "closed",
            Openness::Open => "open",
        })
    }
}

/// The longest local code, in characters.
pub const MAX_LOCAL_CODE_CHARS: usize = 64;

/// The JSON Schema pattern of a local code.
const LOCAL_CODE_PATTERN: &str = "^[a-z][a-z0-9_]{0,63}$";

/// A code that an area uses in an open code list although the list does not have it:
/// `snake_case` ASCII (a lowercase letter, then lowercase letters, digits and `_`), at
/// most 64 characters. The form cannot hold a personal identity code, a name with
/// capitals or a phone number with a `+`, and is the form of every listed code.
///
/// # Example
/// ```
/// use rakenne_model::LocalCode;
///
/// let code: LocalCode = "romani_families".parse()?;
/// assert_eq!(code.as_str(), "romani_families");
/// assert!("Romani families".parse::<LocalCode>().is_err());
/// assert!("131052-308t".parse::<LocalCode>().is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalCode(CompactString);

impl LocalCode {
    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn is_valid(s: &str) -> bool {
        let bytes = s.as_bytes();
        bytes.first().is_some_and(u8::is_ascii_lowercase)
            && bytes.len() <= MAX_LOCAL_CODE_CHARS
            && bytes
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
    }
}

impl FromStr for LocalCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        if LocalCode::is_valid(s) {
            Ok(LocalCode(CompactString::from(s)))
        } else {
            Err(Error::invalid(
                "local code",
                s,
                "snake_case: a lowercase letter, then lowercase letters, digits or _, \
                 at most 64 characters (e.g. romani_families)",
            ))
        }
    }
}

impl fmt::Display for LocalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The value of a field of an open code list `L`: a code of the list, or a local one.
///
/// Serialized as the code string either way. Reading a string gives the listed code when
/// the list has it and a [`LocalCode`] otherwise (an error only when the string is not a
/// code at all). Listed codes come first in the order, so sorting puts them before local
/// codes.
///
/// # Example
/// ```
/// use rakenne_model::{OpenCode, TargetGroup};
///
/// let listed: OpenCode<TargetGroup> = "young_adults".parse()?;
/// assert_eq!(listed, OpenCode::Listed(TargetGroup::YoungAdults));
/// let local: OpenCode<TargetGroup> = "romani_families".parse()?;
/// assert!(local.local().is_some());
/// assert_eq!(local.code(), "romani_families");
/// assert_eq!(serde_json::to_string(&local).unwrap(), "\"romani_families\"");
/// assert_eq!(OpenCode::from(TargetGroup::OlderPeople).listed(), Some(TargetGroup::OlderPeople));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OpenCode<L: CodeList> {
    /// A code of the list.
    Listed(L),
    /// A local code the list does not have.
    Local(LocalCode),
}

impl<L: CodeList> OpenCode<L> {
    /// The code, listed or local.
    pub fn code(&self) -> &str {
        match self {
            OpenCode::Listed(code) => code.code(),
            OpenCode::Local(code) => code.as_str(),
        }
    }

    /// The listed code, if it is one.
    pub fn listed(&self) -> Option<L> {
        match self {
            OpenCode::Listed(code) => Some(*code),
            OpenCode::Local(_) => None,
        }
    }

    /// The local code, if it is one.
    pub fn local(&self) -> Option<&LocalCode> {
        match self {
            OpenCode::Listed(_) => None,
            OpenCode::Local(code) => Some(code),
        }
    }
}

impl<L: CodeList> From<L> for OpenCode<L> {
    fn from(code: L) -> Self {
        OpenCode::Listed(code)
    }
}

impl<L: CodeList> FromStr for OpenCode<L> {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        if let Some(code) = L::from_code(s) {
            return Ok(OpenCode::Listed(code));
        }
        if LocalCode::is_valid(s) {
            return Ok(OpenCode::Local(LocalCode(CompactString::from(s))));
        }
        Err(Error::invalid(
            L::NAME,
            s,
            format!(
                "a code of the open list {} ({}) or a local snake_case code such as \
                 romani_families",
                L::NAME,
                crate::code_list::expected_codes::<L>()
            ),
        ))
    }
}

impl<L: CodeList> fmt::Display for OpenCode<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl<L: CodeList> Serialize for OpenCode<L> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de, L: CodeList> Deserialize<'de> for OpenCode<L> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl<L: CodeList + JsonSchema> JsonSchema for OpenCode<L> {
    fn schema_name() -> Cow<'static, str> {
        format!("Open{}", L::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let listed = generator.subschema_for::<L>();
        json_schema!({
            "description": format!(
                "A code of the open list {}, or a local code the list does not have \
                 (accepted; validators give an advisory).",
                L::NAME
            ),
            "anyOf": [
                listed,
                {
                    "title": "Local code",
                    "description": "A local snake_case code, not in the list.",
                    "type": "string",
                    "pattern": LOCAL_CODE_PATTERN,
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Addressee, TargetGroup};

    #[test]
    fn local_codes_have_the_snake_case_form() {
        for good in ["a", "romani_families", "x9", &"a".repeat(64)] {
            assert!(good.parse::<LocalCode>().is_ok(), "{good}");
        }
        for bad in [
            "",
            "9a",
            "_a",
            "A",
            "romani families",
            "ä",
            "a-b",
            &"a".repeat(65),
        ] {
            assert!(bad.parse::<LocalCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn listed_codes_read_as_listed() {
        for code in TargetGroup::all() {
            let open: OpenCode<TargetGroup> = code.code().parse().unwrap();
            assert_eq!(open, OpenCode::Listed(*code));
        }
        let json =
            serde_json::to_string(&OpenCode::from(Addressee::WelfareAreaManagement)).unwrap();
        assert_eq!(json, "\"welfare_area_management\"");
        let back: OpenCode<Addressee> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.listed(), Some(Addressee::WelfareAreaManagement));
    }

    #[test]
    fn errors_name_the_list_and_the_local_form() {
        let error = serde_json::from_str::<OpenCode<TargetGroup>>("\"Young adults\"")
            .unwrap_err()
            .to_string();
        assert!(error.contains("open list target_group"), "{error}");
        assert!(error.contains("young_adults"), "{error}");
    }

    #[test]
    fn listed_codes_sort_before_local_ones() {
        let mut codes: Vec<OpenCode<TargetGroup>> = vec![
            "aaa_local".parse().unwrap(),
            TargetGroup::OlderPeople.into(),
        ];
        codes.sort();
        assert_eq!(codes[0], OpenCode::Listed(TargetGroup::OlderPeople));
    }
}
