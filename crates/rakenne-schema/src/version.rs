//! Format versions of the exchange document.
//!
//! Every document states its format version (`1.0.0`) in its header. The version follows
//! semantic versioning: a new minor version only adds (optional fields, codes, sections),
//! so a reader of 1.2 reads every 1.0 and 1.1 file; a new major version may change
//! anything and has its own reader. Each major.minor has a stable JSON Schema `$id`.

use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A format version `MAJOR.MINOR.PATCH` (formaatin versio).
///
/// # Example
/// ```
/// use rakenne_schema::FormatVersion;
///
/// let v: FormatVersion = "1.0.0".parse()?;
/// assert_eq!(v, FormatVersion::CURRENT);
/// assert!(v.is_readable());
/// assert!(!"2.0.0".parse::<FormatVersion>()?.is_readable());
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FormatVersion {
    /// Major version: incompatible changes.
    pub major: u16,
    /// Minor version: additions only.
    pub minor: u16,
    /// Patch version: corrections of documentation and schemas' wording.
    pub patch: u16,
}

impl FormatVersion {
    /// The version this library writes.
    pub const CURRENT: FormatVersion = FormatVersion {
        major: 1,
        minor: 0,
        patch: 0,
    };

    /// Whether this library reads documents of this version: the same major version and
    /// a minor version no newer than the current one.
    // While the current minor is 0 the comparison is an equality; it is written for
    // every minor to come.
    #[allow(clippy::absurd_extreme_comparisons)]
    pub fn is_readable(self) -> bool {
        self.major == Self::CURRENT.major && self.minor <= Self::CURRENT.minor
    }

    /// Checks that the version is readable, with an error that says what to do.
    pub fn check_readable(self) -> Result<(), Error> {
        if self.is_readable() {
            return Ok(());
        }
        let newer = self > Self::CURRENT;
        Err(Error::UnsupportedVersion {
            found: self.to_string(),
            supported: format!(
                "{}.0 to {}.{}",
                Self::CURRENT.major,
                Self::CURRENT.major,
                Self::CURRENT.minor
            ),
            hint: if newer {
                "the file is newer than this software: update rakenne, or ask the producer for a file in an older version"
            } else {
                "the file is of an old major version that this software no longer reads: convert it with the rakenne release of that version"
            },
        })
    }

    /// The stable `$id` of the JSON Schema of this version's document (one per
    /// major.minor).
    pub fn schema_id(self) -> String {
        format!(
            "https://github.com/rakenne/rakenne/schemas/document-{}.{}.schema.json",
            self.major, self.minor
        )
    }
}

impl fmt::Display for FormatVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for FormatVersion {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidVersion {
            value: s.chars().take(32).collect(),
        };
        let mut parts = s.split('.');
        let mut part = || -> Result<u16, Error> {
            let p = parts.next().ok_or_else(invalid)?;
            // No signs, no leading zeros (semantic versioning, rule 2).
            if p.is_empty()
                || !p.bytes().all(|b| b.is_ascii_digit())
                || (p.len() > 1 && p.starts_with('0'))
            {
                return Err(invalid());
            }
            p.parse().map_err(|_| invalid())
        };
        let version = FormatVersion {
            major: part()?,
            minor: part()?,
            patch: part()?,
        };
        if parts.next().is_some() {
            return Err(invalid());
        }
        Ok(version)
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for FormatVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormatVersion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$",
            "description": "Format version MAJOR.MINOR.PATCH (semantic versioning).",
            "examples": ["1.0.0"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_strict_semantic_versions() {
        assert_eq!(
            "1.2.3".parse::<FormatVersion>().unwrap(),
            FormatVersion {
                major: 1,
                minor: 2,
                patch: 3
            }
        );
        for bad in ["1.0", "1.0.0.0", "01.0.0", "1.0.-1", "v1.0.0", "1.0.0 ", ""] {
            assert!(bad.parse::<FormatVersion>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn older_minors_are_read_newer_ones_are_refused_clearly() {
        let newer = FormatVersion {
            major: 1,
            minor: 9,
            patch: 0,
        };
        let err = newer.check_readable().unwrap_err().to_string();
        assert!(
            err.contains("the file is newer than this software"),
            "{err}"
        );
        let old_major = FormatVersion {
            major: 0,
            minor: 9,
            patch: 0,
        };
        assert!(
            old_major
                .check_readable()
                .unwrap_err()
                .to_string()
                .contains("old major version")
        );
        assert!(
            FormatVersion {
                major: 1,
                minor: 0,
                patch: 7
            }
            .is_readable()
        );
    }
}
