//! Free text written by professionals and clients (vapaa teksti).
//!
//! Descriptions, root-cause analyses, proposed actions, goals and feedback comments are
//! the most valuable part of social reporting and the riskiest: people write names and
//! identity codes into them. [`FreeText`] is the one type for such text. It refuses text
//! that contains something shaped like a personal identity code (henkilötunnus), so such
//! text never enters a document; names, e-mail addresses and phone numbers cannot be
//! detected reliably at this level and are screened again when reports are rendered.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;
use crate::privacy::hetu;

/// Longest free text, in characters (about four printed pages).
pub const MAX_FREE_TEXT_CHARS: usize = 10_000;

const EXPECTED: &str = "1 to 10000 characters of text, not only whitespace, \
                        without control characters other than line breaks and tabs";

/// Free text (vapaa teksti): not blank, at most 10 000 characters, no control characters
/// other than line breaks and tabs, and no personal identity code.
///
/// The text is kept exactly as given (no trimming or normalisation), so what a
/// professional wrote is what a reader sees. `Debug` does not show the text, so free text
/// does not end up in logs by accident; use [`FreeText::as_str`] where showing it is meant.
///
/// # Example
/// ```
/// use rakenne_model::{Error, FreeText};
///
/// let text: FreeText = "Nuorten asunnottomuus on lisääntynyt.".parse()?;
/// assert_eq!(text.as_str(), "Nuorten asunnottomuus on lisääntynyt.");
///
/// let err = "Asiakas 131052-308T".parse::<FreeText>().unwrap_err();
/// assert!(matches!(err, Error::PersonalIdentityCode { .. }));
/// assert!(!err.to_string().contains("131052"));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FreeText(Box<str>);

impl FreeText {
    /// Checks `text` (see the type's docs); `what` names the field in errors, e.g.
    /// `"social report description"`.
    pub fn new(text: impl Into<String>, what: &'static str) -> Result<Self, Error> {
        let text = text.into();
        check(&text, what)?;
        Ok(FreeText(text.into_boxed_str()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Length in characters.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

/// Whether `text` has a control character (general category Cc: U+0000–U+001F and
/// U+007F–U+009F) other than a line break or tab. Works on bytes: C0 controls and DEL are
/// single bytes, and C1 controls are encoded as `C2 80`–`C2 9F`.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most texts have no byte that can start a control character: one branch-free pass
    // (that vectorises) rules them out before the exact check.
    let may_start = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2;
    let mut blocks = bytes.chunks_exact(32);
    let found = blocks.any(|block| block.iter().fold(false, |any, &b| any | may_start(b)))
        || blocks.remainder().iter().any(|&b| may_start(b));
    if !found {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\r' | b'\t' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes
            .get(i + 1)
            .is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    })
}

fn check(text: &str, what: &'static str) -> Result<(), Error> {
    let blank = text.trim().is_empty();
    // A character takes at least one byte, so only long texts need counting.
    let too_long =
        text.len() > MAX_FREE_TEXT_CHARS && text.chars().nth(MAX_FREE_TEXT_CHARS).is_some();
    let control = has_control(text);
    if blank || too_long || control {
        return Err(Error::invalid_personal(what, EXPECTED));
    }
    if hetu::contains(text) {
        return Err(Error::PersonalIdentityCode { what });
    }
    Ok(())
}

impl std::str::FromStr for FreeText {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        FreeText::new(s, "free text")
    }
}

impl TryFrom<String> for FreeText {
    type Error = Error;

    fn try_from(s: String) -> Result<Self, Error> {
        FreeText::new(s, "free text")
    }
}

impl TryFrom<&str> for FreeText {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        FreeText::new(s, "free text")
    }
}

impl AsRef<str> for FreeText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for FreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FreeText(<{} characters>)", self.chars())
    }
}

impl fmt::Display for FreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for FreeText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for FreeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        FreeText::new(text, "free text").map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for FreeText {
    fn schema_name() -> Cow<'static, str> {
        "FreeText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_FREE_TEXT_CHARS,
            "pattern": "\\S",
            "description": "Free text: not blank, at most 10 000 characters, no control characters \
                            other than line breaks and tabs, and never a personal identity code \
                            (henkilötunnus)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_exactly() {
        let text = "  Rivi 1\n\tRivi 2 – ääkköset ok  ";
        assert_eq!(FreeText::new(text, "t").unwrap().as_str(), text);
    }

    #[test]
    fn refuses_blank_long_and_control_text() {
        for bad in [
            String::new(),
            " \n\t ".to_owned(),
            "a\u{0}b".to_owned(),
            "a\u{1b}[31mb".to_owned(),
            "x".repeat(MAX_FREE_TEXT_CHARS + 1),
        ] {
            let err = FreeText::new(bad, "description").unwrap_err();
            assert!(matches!(
                err,
                Error::InvalidPersonal {
                    what: "description",
                    ..
                }
            ));
        }
        assert!(FreeText::new("ö".repeat(MAX_FREE_TEXT_CHARS), "d").is_ok());
    }

    #[test]
    fn refuses_identity_codes_without_quoting_them() {
        let err = FreeText::new("Tavattu 010594Y9032 kotona", "description").unwrap_err();
        assert_eq!(
            err,
            Error::PersonalIdentityCode {
                what: "description"
            }
        );
        assert!(!err.to_string().contains("010594"));
    }

    #[test]
    fn control_characters_are_found_by_their_general_category() {
        use proptest::prelude::*;
        // Control characters (C0, DEL, C1) among letters, spaces, line breaks and other
        // two-byte characters, in texts shorter and longer than a 32-byte block.
        let mixed = "[\\x00-\\x1f\\x7f\\u{80}-\\u{a0}a-zäö§ ]{0,100}";
        proptest!(|(text in prop_oneof![any::<String>(), mixed])| {
            let expected = text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
            prop_assert_eq!(has_control(&text), expected, "{:?}", text);
        });
    }

    #[test]
    fn debug_hides_the_text() {
        let text = FreeText::new("salainen", "t").unwrap();
        assert_eq!(format!("{text:?}"), "FreeText(<8 characters>)");
    }

    #[test]
    fn serde_is_a_plain_string() {
        let text: FreeText = serde_json::from_str(r#""Hei""#).unwrap();
        assert_eq!(serde_json::to_string(&text).unwrap(), r#""Hei""#);
        assert!(serde_json::from_str::<FreeText>(r#""   ""#).is_err());
    }
}
