//! Identifiers of records: social reports, operating models, measurements, ...
//!
//! Every record in an exchange document has an id, and records refer to each other by id.
//! Ids are opaque to rakenne but have one syntax, so they survive every format (JSON, CSV,
//! file names) unchanged: 1–128 characters of ASCII letters, digits and `.` `_` `:` `-`,
//! starting with a letter or digit. `:` is free for namespacing (`05:R-2025-0001`).
//!
//! Ids are chosen by producers' systems and may be built from personal data by mistake, so
//! an id that contains something shaped like a personal identity code (henkilötunnus) is
//! refused, whatever its kind. Each kind of id is its own type, so a measurement id cannot
//! be passed where an instrument id is expected.
//!
//! Ids of up to 24 bytes — nearly all of them — are stored inline (`compact_str`), so the
//! millions of records of a national data set do not each point to several small heap
//! strings. Item ids, of which every administration holds one per response, take 16 bytes
//! instead (`ecow`: up to 15 bytes inline, longer ones shared on the heap), so that a
//! response is 24 bytes and scoring a national year reads a quarter less.

use crate::Error;
use crate::privacy::hetu;

/// Longest id, in characters.
pub(crate) const MAX_ID_CHARS: usize = 128;

/// The id syntax as a JSON Schema / ECMA-262 pattern.
pub(crate) const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

const EXPECTED: &str = "1 to 128 characters of ASCII letters, digits and . _ : -, \
                        starting with a letter or digit, e.g. \"R-2025-0001\"";

/// Checks the id syntax and refuses personal identity codes. `personal` ids (client ids)
/// are never quoted in errors.
pub(crate) fn check(value: &str, what: &'static str, personal: bool) -> Result<(), Error> {
    let well_formed = !value.is_empty()
        && value.len() <= MAX_ID_CHARS
        && value.as_bytes()[0].is_ascii_alphanumeric()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'));
    if hetu::contains(value) {
        return Err(Error::PersonalIdentityCode { what });
    }
    if !well_formed {
        return Err(if personal {
            Error::invalid_personal(what, EXPECTED)
        } else {
            Error::invalid(what, value, EXPECTED)
        });
    }
    Ok(())
}

/// Defines an id newtype: validated construction (`FromStr`, `TryFrom<String>`,
/// `TryFrom<&str>`), `as_str`, `Display`, serde as a string, a JSON Schema with the id
/// pattern.
macro_rules! id_type {
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $what:literal, personal: $personal:literal, example: $example:literal;
    ) => {
        $crate::id::id_type! {
            $(#[$meta])*
            pub struct $name as $what, personal: $personal, example: $example,
                stored: compact_str::CompactString;
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $what:literal, personal: $personal:literal, example: $example:literal,
            stored: $storage:ty;
    ) => {
        $(#[$meta])*
        #[doc = ""]
        #[doc = concat!(
            "1–128 characters of ASCII letters, digits and `. _ : -`, starting with a letter or ",
            "digit; never a personal identity code."
        )]
        #[doc = ""]
        #[doc = "# Example"]
        #[doc = "```"]
        #[doc = concat!("use rakenne_model::", stringify!($name), ";")]
        #[doc = ""]
        #[doc = concat!("let id: ", stringify!($name), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"has space\".parse::<", stringify!($name), ">().is_err());")]
        #[doc = concat!("assert!(\"131052-308T\".parse::<", stringify!($name), ">().is_err());")]
        #[doc = "# Ok::<(), rakenne_model::Error>(())"]
        #[doc = "```"]
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($storage);

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct IdVisitor;

                impl serde::de::Visitor<'_> for IdVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", $what, " (a string)"))
                    }

                    // Borrowed or not, the text is checked and copied into the id (short
                    // ids are stored inline, without allocating).
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(IdVisitor)
            }
        }

        impl $name {
            /// The id as text.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                if $personal {
                    // Client ids stay out of logs even through `{:?}`.
                    f.write_str(concat!(stringify!($name), "(<redacted>)"))
                } else {
                    f.debug_tuple(stringify!($name)).field(&self.0.as_str()).finish()
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> Result<Self, $crate::Error> {
                $crate::id::check(s, $what, $personal)?;
                Ok($name(<$storage>::from(s)))
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::Error;

            fn try_from(s: String) -> Result<Self, $crate::Error> {
                $crate::id::check(&s, $what, $personal)?;
                Ok($name(<$storage>::from(s)))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::Error;

            fn try_from(s: &str) -> Result<Self, $crate::Error> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.into()
            }
        }

        impl AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "minLength": 1,
                    "maxLength": $crate::id::MAX_ID_CHARS,
                    "pattern": $crate::id::ID_PATTERN,
                    "description": concat!(
                        "Id of a ", $what, ": 1–128 characters of ASCII letters, digits and ",
                        ". _ : -, starting with a letter or digit; never a personal identity code."
                    ),
                    "examples": [$example],
                })
            }
        }
    };
}

pub(crate) use id_type;

id_type! {
    /// Id of a social report (sosiaalinen raportti).
    pub struct ReportId as "social report id", personal: false, example: "R-2025-0001";
}

id_type! {
    /// Id of an operating model (toimintamalli).
    pub struct OperatingModelId as "operating model id", personal: false, example: "matalan-kynnyksen-olohuone";
}

id_type! {
    /// Id of an implementation (pilotti, käyttöönotto) of an operating model in an area.
    pub struct ImplementationId as "implementation id", personal: false, example: "PIRHA-olohuone-2025";
}

id_type! {
    /// Id of an instrument definition (mittari), e.g. a functioning or wellbeing scale.
    pub struct InstrumentId as "instrument id", personal: false, example: "ORS";
}

id_type! {
    /// Id of one item (kysymys, osio) of an instrument.
    pub struct ItemId as "item id", personal: false, example: "q1", stored: ecow::EcoString;
}

id_type! {
    /// Id of one instrument administration (mittauskerta): a client answering an instrument
    /// on one occasion.
    pub struct MeasurementId as "measurement id", personal: false, example: "M-000123";
}

id_type! {
    /// Id of a Goal Attainment Scaling goal (tavoite).
    pub struct GoalId as "GAS goal id", personal: false, example: "G-0042";
}

id_type! {
    /// Id of a service episode (palvelujakso).
    pub struct EpisodeId as "service episode id", personal: false, example: "E-2025-0310";
}

id_type! {
    /// Id of one client-feedback response (asiakaspalaute).
    pub struct FeedbackId as "feedback id", personal: false, example: "F-0007";
}

id_type! {
    /// Id of a question in a client-feedback questionnaire.
    pub struct QuestionId as "question id", personal: false, example: "recommend";
}

id_type! {
    /// Id of an experts-by-experience statement (kokemusasiantuntijan kannanotto).
    pub struct StatementId as "experience statement id", personal: false, example: "S-2025-03";
}

id_type! {
    /// Id of a statistical indicator (indikaattori), e.g. a Sotkanet indicator number
    /// prefixed with its source.
    pub struct IndicatorId as "indicator id", personal: false, example: "sotkanet:3071";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_syntax() {
        for ok in ["a", "R-2025-0001", "05:R.1_x", &"x".repeat(MAX_ID_CHARS)] {
            assert!(ok.parse::<ReportId>().is_ok(), "{ok:?} was refused");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "-R1",
            "has space",
            "ä1",
            "R1/2",
            &"x".repeat(MAX_ID_CHARS + 1),
        ] {
            let err = bad.parse::<ReportId>().unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::Invalid {
                        what: "social report id",
                        ..
                    }
                ),
                "{err}"
            );
        }
    }

    #[test]
    fn refuses_personal_identity_codes_anywhere_in_the_id() {
        for bad in ["131052-308T", "C-131052-308T", "x:010594Y9032"] {
            assert_eq!(
                bad.parse::<MeasurementId>(),
                Err(Error::PersonalIdentityCode {
                    what: "measurement id"
                })
            );
        }
    }

    #[test]
    fn serde_is_a_plain_string_and_checks() {
        let id: ItemId = serde_json::from_str(r#""q1""#).unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""q1""#);
        let err = serde_json::from_str::<ItemId>(r#""q 1""#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(r#"invalid item id "q 1": expected"#),
            "{err}"
        );
    }
}
