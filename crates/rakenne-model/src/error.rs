//! The error type of `rakenne-model`.
//!
//! Every constructor that checks its input returns [`Error`]. Messages say what was
//! wrong and what would be right. They never carry personal data: values that may be
//! personal (client ids, free text, anything shaped like a personal identity code) are
//! not quoted back, only described.

use std::borrow::Cow;

/// Longest value (in characters) quoted back in an error message; longer values are cut
/// so that one bad cell cannot flood a validation report.
const MAX_QUOTED_CHARS: usize = 64;

/// An invalid value for a `rakenne-model` type.
///
/// Where the value sits in a file (JSON pointer, CSV cell, NDJSON line) is not known here:
/// readers in `rakenne-schema` add it. serde keeps the message when a value fails during
/// deserialization, so the same text reaches the data steward.
///
/// # Example
/// ```
/// use rakenne_model::MunicipalityCode;
///
/// let err = "9x1".parse::<MunicipalityCode>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid municipality code "9x1": expected 3 digits, e.g. "091""#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value that is not personal data has the wrong form or is not in its code list.
    /// The value is quoted (cut to 64 characters).
    #[error("invalid {what} \"{value}\": expected {expected}")]
    Invalid {
        /// What the value should have been, e.g. `municipality code`.
        what: &'static str,
        /// The offending value, cut to 64 characters.
        value: String,
        /// What would be right, e.g. `3 digits, e.g. "091"`.
        expected: Cow<'static, str>,
    },
    /// A value that may be personal data (a client id, free text) is invalid.
    /// The value is deliberately not quoted.
    #[error(
        "invalid {what} (value not shown because it may be personal data): expected {expected}"
    )]
    InvalidPersonal {
        /// What the value should have been, e.g. `client id`.
        what: &'static str,
        /// What would be right.
        expected: Cow<'static, str>,
    },
    /// The value is, or contains, something shaped like a Finnish personal identity code
    /// (henkilötunnus). Such codes must never be exchanged; the value is not quoted.
    #[error(
        "{what} looks like or contains a Finnish personal identity code (henkilötunnus), \
         which must not be exchanged: use a pseudonymous id instead, or remove it from the text"
    )]
    PersonalIdentityCode {
        /// Where it was found, e.g. `client id` or `social report description`.
        what: &'static str,
    },
    /// The fields of a record contradict each other.
    #[error("inconsistent {record}: {problem}")]
    Inconsistent {
        /// The kind of record, e.g. `service episode`.
        record: &'static str,
        /// What contradicts what, and how to fix it. Never contains personal data.
        problem: String,
    },
}

impl Error {
    /// An [`Error::Invalid`] for `value`, which is quoted (cut to 64 characters).
    pub(crate) fn invalid(
        what: &'static str,
        value: &str,
        expected: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::Invalid {
            what,
            value: quote(value),
            expected: expected.into(),
        }
    }

    /// An [`Error::InvalidPersonal`]: the value is not quoted.
    pub(crate) fn invalid_personal(
        what: &'static str,
        expected: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::InvalidPersonal {
            what,
            expected: expected.into(),
        }
    }

    /// An [`Error::Inconsistent`].
    pub(crate) fn inconsistent(record: &'static str, problem: impl Into<String>) -> Self {
        Error::Inconsistent {
            record,
            problem: problem.into(),
        }
    }
}

/// The value as quoted in a message: at most [`MAX_QUOTED_CHARS`] characters, control
/// characters escaped so that a message stays on one line.
fn quote(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_in_messages() {
        let err = Error::invalid("period", &"9".repeat(100), "e.g. 2025");
        let Error::Invalid { value, .. } = err else {
            panic!("expected Error::Invalid");
        };
        assert_eq!(value.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(value.ends_with('…'));
    }

    #[test]
    fn control_characters_are_escaped_in_messages() {
        let err = Error::invalid("period", "20\n25", "e.g. 2025");
        assert_eq!(
            err.to_string(),
            r#"invalid period "20\n25": expected e.g. 2025"#
        );
    }

    #[test]
    fn personal_errors_do_not_quote() {
        let err = Error::invalid_personal("client id", "1 to 128 characters");
        assert_eq!(
            err.to_string(),
            "invalid client id (value not shown because it may be personal data): \
             expected 1 to 128 characters"
        );
    }
}
