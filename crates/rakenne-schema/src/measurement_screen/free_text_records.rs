//! The screen of the records with free text: GAS goals, feedback and social reports.
//!
//! After measurements and service episodes, these three sections are most of a large
//! document's bytes, and much of that is free text. Their records are read like the
//! measurements are ([`Reader`]): every rule of the typed reading is checked from the
//! bytes — ids, codes, dates in order, levels, weights and ratings in range, answers and
//! codes not repeated — and only the ids, implementations and dates that the semantic
//! checks hold against the rest of the document are kept (in [`Facts`]).
//!
//! Free text must give no finding at all: [`quiet_free_text`] accepts a text only when it
//! reads as a [`FreeText`] and has no e-mail address or phone number, so the privacy
//! checks of the typed path would not report it. A local code of an open code list gives
//! an advisory, so a record with one is left to the typed path too.

use rakenne_model::privacy::contact::{contains_email, contains_phone_number};
use rakenne_model::{
    Addressee, ClientId, CodeList, FeedbackId, FollowUpStatus, FreeText, GoalId,
    MAX_FREE_TEXT_CHARS, MunicipalityCode, PhenomenonTheme, Prevalence, QuestionId, ReportId,
    ReporterRole, ServiceClass, TargetGroup, Trend, WelfareAreaCode,
};
use time::Date;

use super::{Facts, Reader, checked, same};

/// The fewest ASCII digits a personal identity code has: six of the birth date and three
/// of the individual number (Decree 128/2010, § 2). A text with fewer has none, whatever
/// its length (`hetu::find` reads all nine as ASCII digits).
const HETU_DIGITS: usize = 9;

/// Whether the byte may start something a free-text rule or a privacy check looks at: a
/// control character (C0, DEL, or the lead byte of the two-byte C1 characters), the `@` of
/// an e-mail address, or the `+` or `0` a phone number starts with.
#[inline]
fn notable(b: u8) -> bool {
    b < 0x20 || b == 0x7F || b == 0xC2 || b == b'@' || b == b'+' || b == b'0'
}

/// Whether `text` (a JSON string's content, read without escapes) gives no finding as free
/// text: it reads as a [`FreeText`] (not blank, at most 10 000 characters, no control
/// characters, no personal identity code), has no raw control character (which JSON does
/// not allow in a string), and has no e-mail address or phone number (which the privacy
/// checks warn about).
///
/// Most texts have no [`notable`] byte and fewer than [`HETU_DIGITS`] digits: one pass
/// over blocks of 32 bytes (which the compiler vectorises) shows that none of the checks
/// can find anything. The others are checked one by one with the model's own functions.
pub(super) fn quiet_free_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut any_notable, mut digits) = (false, 0usize);
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        let (mut found, mut in_block) = (0u8, 0u8);
        for &b in block {
            found |= u8::from(notable(b));
            in_block += u8::from(b.is_ascii_digit());
        }
        any_notable |= found != 0;
        digits += usize::from(in_block);
    }
    for &b in blocks.remainder() {
        any_notable |= notable(b);
        digits += usize::from(b.is_ascii_digit());
    }
    if !any_notable
        && digits < HETU_DIGITS
        && bytes.len() <= MAX_FREE_TEXT_CHARS
        && !text.trim().is_empty()
    {
        // Not blank; at most 10 000 bytes, so characters; no control character (each
        // starts with a notable byte); no identity code (too few digits); no e-mail
        // address (no `@`) and no phone number (no `+` or `0` to start one).
        return true;
    }
    !bytes.iter().any(|&b| b < 0x20)
        && FreeText::try_from(text).is_ok()
        && !contains_email(text)
        && !contains_phone_number(text)
}

/// The value of a JSON integer of at most four digits written plainly — no `-0`, leading
/// zero, fraction or exponent, which serde_json reads otherwise or not as an integer — or
/// `None`. Enough for every level, weight and rating the model accepts.
fn small_integer(bytes: &[u8], mut at: usize) -> Option<(i16, usize)> {
    let negative = bytes.get(at) == Some(&b'-');
    if negative {
        at += 1;
    }
    let start = at;
    let mut value: i16 = 0;
    while let Some(&b) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
        if at - start == 4 {
            return None;
        }
        value = value * 10 + i16::from(b - b'0');
        at += 1;
    }
    let digits = at - start;
    if digits == 0
        || (digits > 1 && bytes[start] == b'0')
        || (negative && value == 0)
        || matches!(bytes.get(at), Some(b'.' | b'e' | b'E'))
    {
        return None;
    }
    Some((if negative { -value } else { value }, at))
}

/// The fields of a GAS goal, as bits of a set of fields seen.
const GOAL_FIELDS: [(&str, u16); 9] = [
    ("id", 1),
    ("client", 1 << 1),
    ("implementation", 1 << 2),
    ("goal", 1 << 3),
    ("weight", 1 << 4),
    ("set_on", 1 << 5),
    ("baseline_level", 1 << 6),
    ("follow_up_level", 1 << 7),
    ("evaluated_on", 1 << 8),
];
/// The fields of a GAS goal without a default: id, client, goal and set_on.
const GOAL_REQUIRED: u16 = 1 | 1 << 1 | 1 << 3 | 1 << 5;

/// The fields of a feedback response, as bits of a set of fields seen.
const FEEDBACK_FIELDS: [(&str, u16); 7] = [
    ("id", 1),
    ("given_on", 1 << 1),
    ("area", 1 << 2),
    ("service_class", 1 << 3),
    ("implementation", 1 << 4),
    ("client", 1 << 5),
    ("answers", 1 << 6),
];
/// The fields of a feedback response without a default: id, given_on, area and answers.
const FEEDBACK_REQUIRED: u16 = 1 | 1 << 1 | 1 << 2 | 1 << 6;

/// The fields of a social report, as bits of a set of fields seen.
const REPORT_FIELDS: [(&str, u16); 15] = [
    ("id", 1),
    ("reported_on", 1 << 1),
    ("area", 1 << 2),
    ("municipality", 1 << 3),
    ("reporter_role", 1 << 4),
    ("service_class", 1 << 5),
    ("themes", 1 << 6),
    ("target_groups", 1 << 7),
    ("prevalence", 1 << 8),
    ("trend", 1 << 9),
    ("description", 1 << 10),
    ("root_causes", 1 << 11),
    ("proposed_action", 1 << 12),
    ("addressees", 1 << 13),
    ("follow_up", 1 << 14),
];
/// The fields of a social report without a default: id, reported_on, area,
/// reporter_role, themes, prevalence, trend, description and follow_up.
const REPORT_REQUIRED: u16 =
    1 | 1 << 1 | 1 << 2 | 1 << 4 | 1 << 6 | 1 << 8 | 1 << 9 | 1 << 10 | 1 << 14;

/// A date as the model reads it (1900–2100).
fn date(text: &str) -> Option<Date> {
    rakenne_model::date::parse(text, "date").ok()
}

impl<'a> Reader<'a> {
    /// A free text that gives no finding ([`quiet_free_text`]).
    ///
    /// Its end is found with `memchr` (free texts are the long strings of a document); an
    /// escape gives up.
    fn free_text(&mut self) -> Option<()> {
        self.space();
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at + 1;
        let len = memchr::memchr2(b'"', b'\\', self.bytes.get(start..)?)?;
        if self.bytes[start + len] != b'"' {
            return None;
        }
        // Both ends are next to ASCII quotes, so they lie on character boundaries.
        let text = self.text.get(start..start + len)?;
        if !quiet_free_text(text) {
            return None;
        }
        self.at = start + len + 1;
        Some(())
    }

    /// A JSON integer of at most four digits ([`small_integer`]).
    fn small_integer(&mut self) -> Option<i16> {
        self.space();
        let (value, at) = small_integer(self.bytes, self.at)?;
        self.at = at;
        Some(value)
    }

    /// A code of the closed list `L`.
    fn code<L: CodeList>(&mut self) -> Option<L> {
        L::from_code(self.string()?)
    }

    /// An array of codes of the list `L`, none repeated, at least `min` of them. A code
    /// the list does not have — for an open list a local code, which gives an advisory —
    /// gives up.
    fn codes<L: CodeList>(&mut self, min: usize) -> Option<()> {
        let mut codes: Vec<L> = Vec::new();
        self.array(|r| {
            let code = r.code::<L>()?;
            if codes.contains(&code) {
                return None;
            }
            codes.push(code);
            Some(())
        })?;
        (codes.len() >= min).then_some(())
    }

    /// A client id (as the feedback gives it, without the client's other fields).
    fn client_id(&mut self) -> Option<()> {
        let id = self.string()?;
        if !self.client.is_some_and(|client| same(client, id)) {
            checked::<ClientId>(id)?;
            self.client = Some(id);
        }
        Some(())
    }

    /// A GAS goal: its invariants are those of `GasGoal` (levels −2 to 2, weight 1 to
    /// 100, a follow-up level and its date together, evaluated not before set).
    pub(super) fn gas_goal(&mut self, facts: &mut Facts<'a>) -> Option<()> {
        let (mut id, mut implementation, mut seen) = ("", None, 0);
        let (mut set_on, mut evaluated_on, mut follow_up) = (None, None, false);
        let level = |r: &mut Self| (-2..=2).contains(&r.small_integer()?).then_some(());
        self.object(&GOAL_FIELDS, &mut seen, |r, field| {
            match field {
                1 => id = checked::<GoalId>(r.string()?)?,
                2 => r.client()?,
                // Accepted only when it names an implementation of the document.
                4 => implementation = Some(r.string()?),
                8 => r.free_text()?,
                16 => {
                    if !(1..=100).contains(&r.small_integer()?) {
                        return None;
                    }
                }
                32 => set_on = Some(date(r.string()?)?),
                64 => level(r)?,
                128 => {
                    level(r)?;
                    follow_up = true;
                }
                _ => evaluated_on = Some(date(r.string()?)?),
            }
            Some(())
        })?;
        if seen & GOAL_REQUIRED != GOAL_REQUIRED
            || follow_up != evaluated_on.is_some()
            || evaluated_on.is_some_and(|on| Some(on) < set_on)
        {
            return None;
        }
        // The period does not bound when goals are set.
        facts.ids[2].push(id);
        facts.implementation(implementation);
        Some(())
    }

    /// A feedback response: its invariants are those of `Feedback` (at least one answer,
    /// no question answered twice, each answer rated or commented, ratings on their
    /// scales).
    pub(super) fn feedback(&mut self, facts: &mut Facts<'a>) -> Option<()> {
        let (mut id, mut implementation, mut given_on, mut seen) = ("", None, None, 0);
        self.object(&FEEDBACK_FIELDS, &mut seen, |r, field| {
            match field {
                1 => id = checked::<FeedbackId>(r.string()?)?,
                2 => given_on = Some(date(r.string()?)?),
                4 => _ = r.string()?.parse::<WelfareAreaCode>().ok()?,
                8 => _ = r.code::<ServiceClass>()?,
                // Accepted only when it names an implementation of the document.
                16 => implementation = Some(r.string()?),
                32 => r.client_id()?,
                _ => r.answers()?,
            }
            Some(())
        })?;
        if seen & FEEDBACK_REQUIRED != FEEDBACK_REQUIRED {
            return None;
        }
        facts.ids[3].push(id);
        facts.implementation(implementation);
        facts.in_period(given_on?);
        Some(())
    }

    /// The answers of a feedback response: at least one, each question once.
    fn answers(&mut self) -> Option<()> {
        const FIELDS: [(&str, u16); 3] = [("question", 1), ("rating", 2), ("comment", 4)];
        let mut questions: Vec<&str> = Vec::new();
        self.expect(b'[')?;
        if self.next_is(b']') {
            return None;
        }
        loop {
            let mut seen = 0;
            self.object(&FIELDS, &mut seen, |r, field| {
                match field {
                    1 => {
                        let question = checked::<QuestionId>(r.string()?)?;
                        if questions.iter().any(|q| same(q, question)) {
                            return None;
                        }
                        questions.push(question);
                    }
                    2 => r.rating()?,
                    _ => r.free_text()?,
                }
                Some(())
            })?;
            // A question, and a rating or a comment.
            if seen & 1 == 0 || seen == 1 {
                return None;
            }
            if !self.another(b']')? {
                return Some(());
            }
        }
    }

    /// A rating on its scale: whole numbers, −100 ≤ min ≤ value ≤ max ≤ 100, min < max.
    fn rating(&mut self) -> Option<()> {
        const FIELDS: [(&str, u16); 2] = [("value", 1), ("scale", 2)];
        const SCALE: [(&str, u16); 2] = [("min", 1), ("max", 2)];
        let (mut value, mut min, mut max, mut seen) = (0, 0, 0, 0);
        self.expect(b'{')?;
        if self.next_is(b'}') {
            return None;
        }
        loop {
            if self.key(&FIELDS, &mut seen)? == 1 {
                value = self.small_integer()?;
            } else {
                let mut scale_seen = 0;
                self.expect(b'{')?;
                if self.next_is(b'}') {
                    return None;
                }
                loop {
                    if self.key(&SCALE, &mut scale_seen)? == 1 {
                        min = self.small_integer()?;
                    } else {
                        max = self.small_integer()?;
                    }
                    if !self.another(b'}')? {
                        break;
                    }
                }
                if scale_seen != 3 {
                    return None;
                }
            }
            if !self.another(b'}')? {
                break;
            }
        }
        (seen == 3 && -100 <= min && min < max && max <= 100 && (min..=max).contains(&value))
            .then_some(())
    }

    /// A social report: its invariants are those of `SocialReport` (at least one theme,
    /// no code repeated, the municipality in the area), and its target groups and
    /// addressees are codes of their lists (a local code gives an advisory).
    pub(super) fn social_report(&mut self, facts: &mut Facts<'a>) -> Option<()> {
        let (mut id, mut reported_on, mut seen) = ("", None, 0);
        let (mut area, mut municipality) = (None, None);
        self.object(&REPORT_FIELDS, &mut seen, |r, field| {
            match field {
                1 => id = checked::<ReportId>(r.string()?)?,
                2 => reported_on = Some(date(r.string()?)?),
                4 => area = Some(r.string()?.parse::<WelfareAreaCode>().ok()?),
                8 => municipality = Some(r.string()?.parse::<MunicipalityCode>().ok()?),
                16 => _ = r.code::<ReporterRole>()?,
                32 => _ = r.code::<ServiceClass>()?,
                64 => r.codes::<PhenomenonTheme>(1)?,
                128 => r.codes::<TargetGroup>(0)?,
                256 => _ = r.code::<Prevalence>()?,
                512 => _ = r.code::<Trend>()?,
                1024 | 2048 | 4096 => r.free_text()?,
                8192 => r.codes::<Addressee>(0)?,
                _ => _ = r.code::<FollowUpStatus>()?,
            }
            Some(())
        })?;
        if seen & REPORT_REQUIRED != REPORT_REQUIRED
            || municipality.is_some_and(|m: MunicipalityCode| Some(m.welfare_area()) != area)
        {
            return None;
        }
        facts.ids[4].push(id);
        facts.in_period(reported_on?);
        Some(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;
    use rakenne_model::privacy::hetu;

    use super::*;

    /// What the typed path says of a free text: whether it reads and gives no privacy
    /// finding.
    fn typed_quiet(text: &str) -> bool {
        let json = serde_json::to_string(text).unwrap();
        serde_json::from_str::<FreeText>(&json).is_ok()
            && !contains_email(text)
            && !contains_phone_number(text)
    }

    #[test]
    fn free_texts_with_findings_are_not_quiet() {
        for text in [
            "",
            "   \n ",
            "Asiakas 131052-308T kävi",
            "Asiakas 131052–308T kävi",
            "kirjoita maija.m@example.fi",
            "soita 040 123 4567",
            "numero +358 40 1234567.",
            "a\u{7f}b",
            "a\u{85}b",
            &"x".repeat(MAX_FREE_TEXT_CHARS + 1),
        ] {
            assert!(!quiet_free_text(text), "{text:?}");
        }
        for text in [
            "Asiakas hoitaa asiointinsa Kelaan itsenäisesti",
            "vuonna 2025 noin 300 asiakasta",
            "klo 12@toimisto",
            "§ 12 ja «lainaus»",
            &"ö".repeat(MAX_FREE_TEXT_CHARS),
        ] {
            assert!(quiet_free_text(text), "{text:?}");
        }
    }

    #[test]
    fn small_integers_read_as_serde_json_reads_them() {
        for (json, value) in [("0", 0), ("2", 2), ("-2", -2), ("100", 100), ("9999", 9999)] {
            assert_eq!(small_integer(json.as_bytes(), 0), Some((value, json.len())));
        }
        for json in ["-0", "01", "1.0", "1e2", "10000", "-", "", "+1", "x"] {
            assert_eq!(small_integer(json.as_bytes(), 0), None, "{json}");
        }
    }

    proptest! {
        #[test]
        fn quiet_free_texts_are_exactly_those_without_findings(
            text in prop_oneof![
                any::<String>(),
                "[a-zäö0-9@.+ \\-\u{7f}\u{85}§]{0,80}",
                "[a-z ]{0,40}(131052-308T|040 123 4567|m@example.fi)[a-z ]{0,40}",
            ]
        ) {
            // A raw control character is not JSON: such a text is never quiet, though
            // escaped it may be.
            if text.bytes().any(|b| b < 0x20) {
                prop_assert!(!quiet_free_text(&text), "{:?}", text);
            } else {
                prop_assert_eq!(quiet_free_text(&text), typed_quiet(&text), "{:?}", text);
            }
        }

        #[test]
        fn every_identity_code_has_nine_ascii_digits(text in "[0-9A-Y+\\-–]{0,30}") {
            if hetu::contains(&text) {
                prop_assert!(text.bytes().filter(u8::is_ascii_digit).count() >= HETU_DIGITS);
            }
        }
    }
}
