//! The measurement screen: the measurements, service episodes, GAS goals, feedback and
//! social reports checked straight from the bytes.
//!
//! Instrument administrations and service episodes are most of a large document (about
//! two thirds of its bytes in the [`Sample`](crate::Sample)), and reading each into a typed
//! record — ids, a client, dates, a vector of responses — costs several times what parsing
//! the text does. A validator that only has to say whether they are valid needs none of
//! that: this module reads those arrays byte by byte, checks every rule the typed reading
//! and the semantic checks apply to them, and keeps only borrowed slices of the text. The
//! records with free text — GAS goals, feedback and social reports, most of the remaining
//! bytes — are read the same way (`free_text_records`), so that the typed reading is
//! left with the small sections.
//!
//! The screen never reports a finding. It can only say *valid, and here is how many
//! records there were* ([`Screened`]) or *don't know* (`None`): on anything it is not sure
//! of — an escape in a string, a `null`, an exponent, a duplicate key, an unknown id, a
//! score off its scale, dates out of order or outside the period — it gives up, and the
//! validator runs the typed path, which finds and words the problem. So the screen only
//! has to be exact on what it accepts; the tests compare its findings with the typed
//! path's on valid, mutated and arbitrary documents.
//!
//! The parts: [`split`] finds the arrays in the document and reads them into [`Facts`],
//! checking on the way what needs no other section;
//! [`Facts::check`] holds those against the rest of the document (read as typed records
//! with the screened sections empty), which gives the instrument definitions, the
//! implementations and the period.

use std::ops::Range;

use rustc_hash::{FxBuildHasher, FxHashSet as HashSet};
use time::Date;

use rakenne_model::{
    AgeGroup, ClientId, CodeList, EpisodeId, Gender, MeasurementId, MissingReason,
    MunicipalityCode, Occasion, ServiceClass, WelfareAreaCode,
};

use crate::Document;

mod free_text_records;

/// A document with its screened arrays taken out.
pub(crate) struct Split<'a> {
    /// The document's text with `[]` in place of the screened arrays.
    pub(crate) rest: String,
    /// What the array holds.
    pub(crate) facts: Facts<'a>,
}

/// What the semantic checks need of the screened records, borrowed from the text.
///
/// What can be checked without the rest of the document is checked while a record is
/// read, when its bytes are in the cache; what is kept for [`Facts::check`] is kept so that
/// it can be checked without reading the text again: ids are only read again when they
/// do not increase, implementations are kept once each, and of the dates that must lie in
/// the period only the first and the last.
#[derive(Debug, Default)]
pub(crate) struct Facts<'a> {
    administrations: Vec<Administration<'a>>,
    /// The responses of every administration, in order.
    responses: Vec<Response<'a>>,
    /// The ids of the records of each section, in the order of [`SECTIONS`].
    ids: [SectionIds<'a>; 5],
    /// The implementations the records name, each once (nearly: see
    /// [`Facts::implementation`]).
    implementations: Vec<&'a str>,
    /// The earliest and the latest date that must lie in the document's period.
    dates: Option<(Date, Date)>,
}

/// The ids of a section's records, and whether they increase (then they do not repeat).
#[derive(Debug)]
struct SectionIds<'a> {
    ids: Vec<&'a str>,
    increasing: bool,
}

impl Default for SectionIds<'_> {
    fn default() -> Self {
        SectionIds {
            ids: Vec::new(),
            increasing: true,
        }
    }
}

impl<'a> SectionIds<'a> {
    /// Adds the id of the next record, comparing it with the previous one (both are in
    /// the cache now).
    fn push(&mut self, id: &'a str) {
        if self.increasing && self.ids.last().is_some_and(|last| !before(last, id)) {
            self.increasing = false;
        }
        self.ids.push(id);
    }

    /// Whether no id repeats. Producers usually number their records in order: ids that
    /// increase strictly (as bytes) cannot repeat, which was seen without hashing them.
    fn unique(&self) -> bool {
        if self.increasing {
            return true;
        }
        let mut seen = HashSet::with_capacity_and_hasher(self.ids.len(), FxBuildHasher);
        self.ids.iter().all(|id| seen.insert(*id))
    }
}

impl<'a> Facts<'a> {
    /// Notes that a record names `implementation`. A record usually names one of the last
    /// few named: those are not kept again.
    fn implementation(&mut self, implementation: Option<&'a str>) {
        if let Some(id) = implementation
            && !self
                .implementations
                .iter()
                .rev()
                .take(8)
                .any(|known| same(known, id))
        {
            self.implementations.push(id);
        }
    }

    /// Notes a date that must lie in the period.
    fn in_period(&mut self, date: Date) {
        self.dates = Some(match self.dates {
            Some((first, last)) => (first.min(date), last.max(date)),
            None => (date, date),
        });
    }
}

/// What the semantic checks need of an instrument administration.
#[derive(Debug)]
struct Administration<'a> {
    instrument: &'a str,
    /// The administration's part of [`Facts::responses`].
    responses: Range<usize>,
    /// Whether the previous administration has the same instrument and the same items in
    /// the same order: then its items need not be looked up again.
    like_previous: bool,
}

#[derive(Debug)]
struct Response<'a> {
    item: &'a str,
    value: Reading,
}

/// An item's value as the screen reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// A score, × 100.
    Score(i32),
    /// A missing-value code.
    Missing,
}

/// The screened sections passed the screen: they have this many records, none of which
/// gives a finding. (Zero for a section not screened.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Screened {
    /// The number of instrument administrations.
    pub(crate) measurements: usize,
    /// The number of service episodes.
    pub(crate) service_episodes: usize,
    /// The number of GAS goals.
    pub(crate) gas_goals: usize,
    /// The number of feedback responses.
    pub(crate) feedback: usize,
    /// The number of social reports.
    pub(crate) social_reports: usize,
}

/// The top-level members the screen reads, as bits of a set of sections seen.
const SECTIONS: [(&str, u8); 5] = [
    ("measurements", 1),
    ("service_episodes", 1 << 1),
    ("gas_goals", 1 << 2),
    ("feedback", 1 << 3),
    ("social_reports", 1 << 4),
];
/// Every screened section.
const ALL_SECTIONS: u8 = (1 << 5) - 1;

/// Splits `text` into its screened sections (measurements, service episodes, GAS goals,
/// feedback and social reports, read into [`Facts`]) and the rest; `None` when the
/// document has none of them as a top-level array or the screen is not sure of one.
///
/// The rest is only a document if `text` is one: whoever uses it must parse it, and trust
/// the split only when that succeeds. (A JSON text that parses with `[]` in place of
/// values the screen read as well-formed arrays also parses with the arrays, and to the
/// same members.)
pub(crate) fn split(text: &str) -> Option<Split<'_>> {
    let bytes = text.as_bytes();
    let mut reader = Reader {
        bytes,
        text,
        at: skip_space(bytes, 0),
        client: None,
    };
    let mut facts = Facts::default();
    // The byte ranges of the screened arrays, in order.
    let mut screened: Vec<Range<usize>> = Vec::with_capacity(SECTIONS.len());
    let mut seen = 0u8;
    reader.expect(b'{')?;
    // Members other than the screened ones are skipped: the typed reading of the rest
    // checks them. Once every screened section is read, the rest is left to it too.
    while seen != ALL_SECTIONS {
        let key = reader.string()?;
        reader.expect(b':')?;
        reader.space();
        let start = reader.at;
        let Some(&(_, section)) = SECTIONS.iter().find(|(name, _)| same(name, key)) else {
            reader.at = skip_value(bytes, start)?;
            if !reader.another(b'}')? {
                break;
            }
            continue;
        };
        if seen & section != 0 {
            return None;
        }
        seen |= section;
        match section {
            1 => reader.array(|r| r.administration(&mut facts))?,
            2 => reader.array(|r| r.episode(&mut facts))?,
            4 => reader.array(|r| r.gas_goal(&mut facts))?,
            8 => reader.array(|r| r.feedback(&mut facts))?,
            _ => reader.array(|r| r.social_report(&mut facts))?,
        }
        screened.push(start..reader.at);
        if !reader.another(b'}')? {
            break;
        }
    }
    if screened.is_empty() {
        return None;
    }
    let removed: usize = screened.iter().map(ExactSizeIterator::len).sum();
    let mut rest = String::with_capacity(text.len() - removed + 2 * screened.len());
    let mut copied = 0;
    for range in screened {
        rest.push_str(&text[copied..range.start]);
        rest.push_str("[]");
        copied = range.end;
    }
    rest.push_str(&text[copied..]);
    Some(Split { rest, facts })
}

/// The first byte at or after `at` that is not JSON whitespace.
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The content of the string starting at `at` (its range in `text`), when it has no
/// escapes and no control characters; the closing quote is at the range's end.
fn string(text: &str, at: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let start = at + 1;
    let end = string_end(bytes, start)?;
    if bytes[end] != b'"' {
        return None;
    }
    // Both ends are next to ASCII quotes, so they lie on character boundaries.
    text.get(start..end)
}

/// The position of the first quote, backslash or control character at or after `at`.
///
/// Eight bytes at a time, with the bit tricks of Anderson's "Bit Twiddling Hacks"
/// ("Determine if a word has a zero byte", "... a byte less than n"): a flag is set in
/// the top bit of each byte that matches, and possibly of bytes above a match (a borrow
/// moves up), never below one, so the lowest flag is the first match.
#[inline]
fn string_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES * 0x80;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("a chunk of eight bytes"));
        let found = (zero_byte(w ^ (ONES * u64::from(b'"')))
            | zero_byte(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & TOPS;
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let len = bytes
        .get(at..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at + len)
}

/// The position after the value starting at `at`, for a well-formed value: strings are
/// followed to their closing quote and brackets to their match; nothing else is checked.
fn skip_value(bytes: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *bytes.get(at)? {
            b'"' => {
                at += 1;
                loop {
                    at += bytes
                        .get(at..)?
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\')?;
                    if bytes[at] == b'"' {
                        break;
                    }
                    at += 2;
                }
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' if depth == 0 => return Some(at),
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
}

/// The fields of an instrument administration, as bits of a set of fields seen.
const ID: u16 = 1;
const INSTRUMENT: u16 = 1 << 1;
const CLIENT: u16 = 1 << 2;
const IMPLEMENTATION: u16 = 1 << 3;
const ADMINISTERED_ON: u16 = 1 << 4;
const OCCASION: u16 = 1 << 5;
const RESPONSES: u16 = 1 << 6;
/// The fields without a default.
const REQUIRED: u16 = ID | INSTRUMENT | CLIENT | ADMINISTERED_ON | OCCASION | RESPONSES;

/// The fields of a service episode, as bits of a set of fields seen.
const EPISODE_FIELDS: [(&str, u16); 11] = [
    ("id", 1),
    ("client", 1 << 1),
    ("implementation", 1 << 2),
    ("service_class", 1 << 3),
    ("area", 1 << 4),
    ("municipality", 1 << 5),
    ("first_contact", 1 << 6),
    ("service_start", 1 << 7),
    ("service_end", 1 << 8),
    ("contacts", 1 << 9),
    ("new_client", 1 << 10),
];
/// The fields of a service episode without a default: id, client, service class, area,
/// first contact and contacts.
const EPISODE_REQUIRED: u16 = 1 | 1 << 1 | 1 << 3 | 1 << 4 | 1 << 6 | 1 << 9;

/// Reads the screened arrays strictly, with the position in `bytes`.
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// The last client id checked and found valid: a client's records often follow each
    /// other.
    client: Option<&'a str>,
}

impl<'a> Reader<'a> {
    #[inline]
    fn space(&mut self) {
        self.at = skip_space(self.bytes, self.at);
    }

    /// Consumes `byte` (after whitespace), or fails.
    #[inline]
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// After whitespace: consumes `byte` and says so, or says it is not there.
    #[inline]
    fn next_is(&mut self, byte: u8) -> bool {
        self.space();
        let is = self.bytes.get(self.at) == Some(&byte);
        if is {
            self.at += 1;
        }
        is
    }

    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.space();
        let content = string(self.text, self.at)?;
        self.at += content.len() + 2;
        Some(content)
    }

    /// An object of at least one member whose keys are `fields` (see [`key`](Self::key)),
    /// calling `field` with each member's bit to read its value; gives up on anything else.
    fn object<const N: usize>(
        &mut self,
        fields: &[(&str, u16); N],
        seen: &mut u16,
        mut field: impl FnMut(&mut Self, u16) -> Option<()>,
    ) -> Option<()> {
        self.expect(b'{')?;
        if self.next_is(b'}') {
            return None;
        }
        loop {
            let bit = self.key(fields, seen)?;
            field(self, bit)?;
            if !self.another(b'}')? {
                return Some(());
            }
        }
    }

    /// A key and its colon; `seen` gets the key's bit, which must be new.
    #[inline]
    fn key<const N: usize>(&mut self, fields: &[(&str, u16); N], seen: &mut u16) -> Option<u16> {
        self.space();
        // The common form first, `"name":`, compared as bytes without looking for the
        // string's end: a string that starts with `"name"` is `name`, as JSON strings end
        // at their first unescaped quote. The quotes around the name are compared first,
        // which rules out most fields by their length.
        let rest = &self.bytes[self.at..];
        let quoted = |name: &str| {
            let name = name.as_bytes();
            let len = name.len();
            rest.get(len + 1) == Some(&b'"')
                && rest.get(len + 2) == Some(&b':')
                && rest.first() == Some(&b'"')
                && rest[1..=len].iter().zip(name).all(|(a, b)| a == b)
        };
        // Fields usually come in the order they are declared in, which is the order of
        // their bits: the search starts after the last field seen.
        let next = ((u16::BITS - seen.leading_zeros()) as usize).min(N);
        let bit = if let Some((name, bit)) = fields[next..]
            .iter()
            .chain(&fields[..next])
            .find(|(name, _)| quoted(name))
        {
            self.at += name.len() + 3;
            *bit
        } else {
            let key = self.string()?;
            self.expect(b':')?;
            fields.iter().find(|(name, _)| same(name, key))?.1
        };
        if *seen & bit != 0 {
            return None;
        }
        *seen |= bit;
        Some(bit)
    }

    /// Items of an array or members of an object: after the first, whether another follows
    /// (`,`) or the container closes (`close`).
    #[inline]
    fn another(&mut self, close: u8) -> Option<bool> {
        if self.next_is(b',') {
            Some(true)
        } else {
            self.expect(close).map(|()| false)
        }
    }

    /// An array whose items `item` reads.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        if self.next_is(b']') {
            return Some(());
        }
        loop {
            item(self)?;
            if !self.another(b']')? {
                return Some(());
            }
        }
    }

    fn administration(&mut self, facts: &mut Facts<'a>) -> Option<()> {
        const FIELDS: [(&str, u16); 7] = [
            ("id", ID),
            ("instrument", INSTRUMENT),
            ("client", CLIENT),
            ("implementation", IMPLEMENTATION),
            ("administered_on", ADMINISTERED_ON),
            ("occasion", OCCASION),
            ("responses", RESPONSES),
        ];
        let (mut id, mut instrument, mut implementation, mut date) = ("", "", None, None);
        let first_response = facts.responses.len();
        let mut seen = 0;
        self.object(&FIELDS, &mut seen, |r, field| {
            match field {
                ID => id = checked::<MeasurementId>(r.string()?)?,
                // Instruments, implementations and items are only accepted when they name
                // one of the document (see `Facts::check`): then they are valid ids.
                INSTRUMENT => instrument = r.string()?,
                CLIENT => r.client()?,
                IMPLEMENTATION => implementation = Some(r.string()?),
                ADMINISTERED_ON => {
                    date = Some(rakenne_model::date::parse(r.string()?, "date").ok()?);
                }
                OCCASION => _ = Occasion::from_code(r.string()?)?,
                _ => r.responses(&mut facts.responses)?,
            }
            Some(())
        })?;
        if seen & REQUIRED != REQUIRED {
            return None;
        }
        let responses = first_response..facts.responses.len();
        let like_previous = facts.administrations.last().is_some_and(|previous| {
            let (theirs, ours) = (
                &facts.responses[previous.responses.clone()],
                &facts.responses[responses.clone()],
            );
            same(previous.instrument, instrument)
                && theirs.len() == ours.len()
                && theirs.iter().zip(ours).all(|(a, b)| same(a.item, b.item))
        });
        facts.ids[0].push(id);
        facts.implementation(implementation);
        facts.in_period(date?);
        facts.administrations.push(Administration {
            instrument,
            responses,
            like_previous,
        });
        Some(())
    }

    fn client(&mut self) -> Option<()> {
        const FIELDS: [(&str, u16); 3] = [("id", 1), ("age_group", 2), ("gender", 4)];
        let mut seen = 0;
        self.object(&FIELDS, &mut seen, |r, field| {
            match field {
                1 => {
                    let id = r.string()?;
                    if !r.client.is_some_and(|client| same(client, id)) {
                        checked::<ClientId>(id)?;
                        r.client = Some(id);
                    }
                }
                2 => _ = AgeGroup::from_code(r.string()?)?,
                _ => _ = Gender::from_code(r.string()?)?,
            }
            Some(())
        })?;
        (seen & 1 == 1).then_some(())
    }

    /// A service episode: its invariants are those of `ServiceEpisode` (dates in order,
    /// the municipality in the area).
    fn episode(&mut self, facts: &mut Facts<'a>) -> Option<()> {
        let (mut id, mut implementation, mut seen) = ("", None, 0);
        let (mut area, mut municipality) = (None, None);
        let (mut first_contact, mut start, mut end) = (None, None, None);
        let date = |text: &str| rakenne_model::date::parse(text, "date").ok();
        self.object(&EPISODE_FIELDS, &mut seen, |r, field| {
            match field {
                1 => id = checked::<EpisodeId>(r.string()?)?,
                2 => r.client()?,
                // Accepted only when it names an implementation of the document.
                4 => implementation = Some(r.string()?),
                8 => _ = ServiceClass::from_code(r.string()?)?,
                16 => area = Some(r.string()?.parse::<WelfareAreaCode>().ok()?),
                32 => municipality = Some(r.string()?.parse::<MunicipalityCode>().ok()?),
                64 => first_contact = Some(date(r.string()?)?),
                128 => start = Some(date(r.string()?)?),
                256 => end = Some(date(r.string()?)?),
                512 => r.count()?,
                _ => r.boolean()?,
            }
            Some(())
        })?;
        if seen & EPISODE_REQUIRED != EPISODE_REQUIRED {
            return None;
        }
        let first_contact = first_contact?;
        if start.is_some_and(|start| start < first_contact)
            || end.is_some_and(|end| end < start.unwrap_or(first_contact))
            || municipality.is_some_and(|m| Some(m.welfare_area()) != area)
        {
            return None;
        }
        facts.ids[1].push(id);
        facts.implementation(implementation);
        Some(())
    }

    /// A whole number that fits a `u32`, written without sign, fraction or exponent.
    fn count(&mut self) -> Option<()> {
        self.space();
        let digits = self.bytes[self.at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = self.bytes.get(self.at + digits);
        // JSON allows no leading zeros; serde_json reads `-`, `.` and exponents otherwise.
        if digits == 0
            || digits > 9
            || (digits > 1 && self.bytes[self.at] == b'0')
            || matches!(after, Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        self.at += digits;
        Some(())
    }

    /// `true` or `false`.
    fn boolean(&mut self) -> Option<()> {
        self.space();
        let rest = &self.bytes[self.at..];
        let len = if rest.starts_with(b"true") {
            4
        } else if rest.starts_with(b"false") {
            5
        } else {
            return None;
        };
        if rest.get(len).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        self.at += len;
        Some(())
    }

    /// The responses: at least one, each item once.
    fn responses(&mut self, responses: &mut Vec<Response<'a>>) -> Option<()> {
        const FIELDS: [(&str, u16); 2] = [("item", 1), ("value", 2)];
        // Past this many responses, finding a repeated item by comparing each with the
        // earlier ones costs more than the screen saves: leave such records to the typed
        // reading.
        const MANY: usize = 64;
        let first = responses.len();
        self.expect(b'[')?;
        if self.next_is(b']') {
            return None;
        }
        loop {
            let (mut item, mut value, mut seen) = ("", Reading::Missing, 0);
            self.object(&FIELDS, &mut seen, |r, field| {
                match field {
                    1 => item = r.string()?,
                    _ => value = r.value()?,
                }
                Some(())
            })?;
            if seen != 3 || responses[first..].iter().any(|r| same(r.item, item)) {
                return None;
            }
            responses.push(Response { item, value });
            if responses.len() - first > MANY {
                return None;
            }
            if !self.another(b']')? {
                return Some(());
            }
        }
    }

    /// An item's value: a number with at most two decimals within ±1000, or a
    /// missing-value code.
    ///
    /// serde_json reads such a number as an integer, or as the double nearest to it, which
    /// `ItemScore` turns back into the same hundredths (tested over the whole range in
    /// `rakenne-model`); anything else (exponents, more decimals) is left to it.
    fn value(&mut self) -> Option<Reading> {
        self.space();
        let bytes = self.bytes;
        let mut at = self.at;
        let negative = bytes.get(at) == Some(&b'-');
        if negative {
            at += 1;
        }
        let digit = |at: usize| {
            bytes
                .get(at)
                .filter(|b| b.is_ascii_digit())
                .map(|b| b - b'0')
        };
        let mut whole: i32 = match (bytes.get(at), digit(at)) {
            (Some(b'"'), _) if !negative => {
                let code = self.string()?;
                MissingReason::from_code(code)?;
                return Some(Reading::Missing);
            }
            // JSON allows no leading zeros: `0` stands alone.
            (_, Some(0)) => {
                at += 1;
                0
            }
            (_, Some(d)) => {
                at += 1;
                let mut n = i32::from(d);
                while let Some(d) = digit(at) {
                    n = n * 10 + i32::from(d);
                    at += 1;
                    if n > 1000 {
                        return None;
                    }
                }
                n
            }
            _ => return None,
        };
        let mut fraction = 0;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let tenths = digit(at)?;
            at += 1;
            fraction = i32::from(tenths) * 10;
            if let Some(hundredths) = digit(at) {
                fraction += i32::from(hundredths);
                at += 1;
            }
        }
        if digit(at).is_some() || matches!(bytes.get(at), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        whole = whole * 100 + fraction;
        if whole > 100_000 {
            return None;
        }
        self.at = at;
        Some(Reading::Score(if negative { -whole } else { whole }))
    }
}

/// `text` when it is a valid `T` (the id type's own check, which also refuses personal
/// identity codes).
fn checked<T: std::str::FromStr>(text: &str) -> Option<&str> {
    text.parse::<T>().ok().map(|_| text)
}

impl Facts<'_> {
    /// Checks the administrations and episodes against `document` (its other sections) as
    /// the semantic checks do: ids unique within each section, implementations defined,
    /// instruments defined (in the document or built in), items on their instrument and
    /// scores on their scales, administration dates in the period. `Some` when none of them
    /// would give a finding.
    ///
    /// The reader has not checked the ids of instruments, implementations and items: one
    /// that names an instrument, implementation or item of the document equals a valid id,
    /// so it is one; any other is refused here.
    pub(crate) fn check(&self, document: &Document) -> Option<Screened> {
        let builtin = rakenne_metrics::builtin::all();
        let implementations = Ids::new(document.implementations.iter().map(|i| i.id().as_str()));
        if !self.ids.iter().all(SectionIds::unique)
            || !self
                .implementations
                .iter()
                .all(|id| implementations.contains(id))
            || self.dates.is_some_and(|(first, last)| {
                !document.header.period.contains_date(first)
                    || !document.header.period.contains_date(last)
            })
        {
            return None;
        }
        // The scale of each item of the previous administration, in order, while the
        // administrations that follow are like it.
        let mut scales: Vec<(i32, i32)> = Vec::new();
        for a in &self.administrations {
            let responses = &self.responses[a.responses.clone()];
            if !a.like_previous || scales.is_empty() {
                let definition = document
                    .instruments
                    .iter()
                    .chain(builtin.iter())
                    .find(|d| same(d.id.as_str(), a.instrument))?;
                scales.clear();
                for (k, response) in responses.iter().enumerate() {
                    let item = match definition.items.get(k) {
                        Some(item) if same(item.id.as_str(), response.item) => item,
                        _ => definition
                            .items
                            .iter()
                            .find(|i| same(i.id.as_str(), response.item))?,
                    };
                    scales.push((item.min.hundredths(), item.max.hundredths()));
                }
            }
            for (response, &(min, max)) in responses.iter().zip(&scales) {
                if let Reading::Score(h) = response.value
                    && (h < min || h > max)
                {
                    return None;
                }
            }
        }
        let len = |section: usize| self.ids[section].ids.len();
        Some(Screened {
            measurements: len(0),
            service_episodes: len(1),
            gas_goals: len(2),
            feedback: len(3),
            social_reports: len(4),
        })
    }
}

/// Whether two short strings (ids and codes) are equal: compared byte by byte in line,
/// which for strings of a few bytes costs less than a call of `memcmp`.
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Whether `a` sorts strictly before `b` as bytes, like `a.as_bytes() < b.as_bytes()`,
/// compared in line (see [`same`]).
#[inline]
fn before(a: &str, b: &str) -> bool {
    match a.bytes().zip(b.bytes()).find(|(x, y)| x != y) {
        Some((x, y)) => x < y,
        None => a.len() < b.len(),
    }
}

/// A set of ids: the implementations of a document, which are few, compared one by one
/// with [`same`]; a hash set when there are many.
enum Ids<'d> {
    /// At most [`Ids::FEW`] ids.
    Few(Vec<&'d str>),
    /// More.
    Many(HashSet<&'d str>),
}

impl<'d> Ids<'d> {
    /// Up to this many ids, comparing with each costs less than hashing.
    const FEW: usize = 16;

    fn new(ids: impl ExactSizeIterator<Item = &'d str>) -> Self {
        if ids.len() <= Self::FEW {
            Ids::Few(ids.collect())
        } else {
            Ids::Many(ids.collect())
        }
    }

    fn contains(&self, id: &str) -> bool {
        match self {
            Ids::Few(ids) => ids.iter().any(|known| same(known, id)),
            Ids::Many(ids) => ids.contains(id),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;
    use rakenne_model::{
        Feedback, GasGoal, InstrumentAdministration, ItemResponse, ItemScore, ItemValue, Lang,
        SocialReport,
    };

    use super::*;
    use crate::validate::{Report, validate_document};
    use crate::{Sample, validate};

    /// The report of the typed path alone: the validator as it was before the screen.
    fn typed(bytes: &[u8]) -> Report {
        validate_document(bytes, Lang::En).0
    }

    fn sample(seed: u64, clients: usize) -> String {
        serde_json::to_string(&Sample::new(seed).clients(clients).document()).unwrap()
    }

    /// What the screen says of `text`, with the rest read as the validator reads it.
    fn screened(text: &str) -> Option<Screened> {
        let split = split(text)?;
        let document = serde_json::from_str::<Document>(&split.rest).ok()?;
        split.facts.check(&document)
    }

    /// The screen's reading of an item value written as `json`.
    fn value(json: &str) -> Option<Reading> {
        let mut reader = Reader {
            text: json,
            bytes: json.as_bytes(),
            at: 0,
            client: None,
        };
        let value = reader.value()?;
        // The whole text must be the value.
        (reader.at == json.len()).then_some(value)
    }

    /// `text` with the `k`-th (modulo their number) occurrence of `pattern` replaced by
    /// `replacement`; unchanged when `pattern` does not occur.
    /// Where the value after the `k`-th occurrence (modulo their number) of `field` starts.
    fn after_nth(text: &str, field: &str, k: usize) -> Option<usize> {
        let starts: Vec<usize> = text.match_indices(field).map(|(i, _)| i).collect();
        (!starts.is_empty()).then(|| starts[k % starts.len()] + field.len())
    }

    fn replace_nth(text: &str, pattern: &str, k: usize, replacement: &str) -> String {
        let starts: Vec<usize> = text.match_indices(pattern).map(|(i, _)| i).collect();
        if starts.is_empty() {
            return text.to_owned();
        }
        let at = starts[k % starts.len()];
        format!(
            "{}{replacement}{}",
            &text[..at],
            &text[at + pattern.len()..]
        )
    }

    #[test]
    fn sample_documents_pass_the_screen_with_the_same_findings() {
        for seed in 0..6 {
            for clients in [1, 7, 40] {
                let document = Sample::new(seed).clients(clients).document();
                let text = serde_json::to_string(&document).unwrap();
                assert_eq!(
                    screened(&text),
                    Some(Screened {
                        measurements: document.measurements.len(),
                        service_episodes: document.service_episodes.len(),
                        gas_goals: document.gas_goals.len(),
                        feedback: document.feedback.len(),
                        social_reports: document.social_reports.len(),
                    }),
                    "seed {seed}, {clients} clients"
                );
                assert_eq!(validate(text.as_bytes(), Lang::En), typed(text.as_bytes()));
                // Pretty-printed, with whitespace everywhere JSON allows it.
                let pretty = serde_json::to_string_pretty(&document).unwrap();
                assert!(screened(&pretty).is_some());
                assert_eq!(
                    validate(pretty.as_bytes(), Lang::Sv),
                    validate_document(pretty.as_bytes(), Lang::Sv).0
                );
            }
        }
    }

    #[test]
    fn committed_examples_get_the_findings_of_the_typed_path() {
        for name in ["pirkanmaa-2025.json", "national-2025.json"] {
            let path = format!(
                "{}/../../examples/documents/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            assert!(screened(&text).is_some(), "{name}");
            assert_eq!(validate(text.as_bytes(), Lang::En), typed(text.as_bytes()));
            // One record fewer in each screened section: the national document's sources
            // no longer cover its sections (the provenance checks count screened records).
            let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
            for section in [
                "measurements",
                "service_episodes",
                "gas_goals",
                "feedback",
                "social_reports",
            ] {
                if let Some(records) = document[section].as_array_mut() {
                    records.pop();
                }
            }
            let bytes = serde_json::to_vec(&document).unwrap();
            assert!(screened(std::str::from_utf8(&bytes).unwrap()).is_some());
            let report = validate(&bytes, Lang::En);
            assert_eq!(report, typed(&bytes));
            if name.starts_with("national") {
                assert!(
                    report
                        .findings
                        .iter()
                        .any(|f| f.rule == crate::Rule::ProvenanceGap),
                    "{:?}",
                    report.findings
                );
            }
        }
    }

    #[test]
    fn a_document_without_screened_sections_is_left_to_the_typed_path() {
        let mut document = Sample::new(3).clients(0).document();
        assert!(document.measurements.is_empty() && document.gas_goals.is_empty());
        // The social reports alone are screened.
        let reports = document.social_reports.len();
        assert!(reports > 0);
        let text = serde_json::to_string(&document).unwrap();
        assert_eq!(screened(&text).map(|s| s.social_reports), Some(reports));
        document.social_reports.clear();
        let text = serde_json::to_string(&document).unwrap();
        assert!(split(&text).is_none());
    }

    #[test]
    fn scores_read_as_hundredths() {
        // Hand-computed: the score × 100.
        for (json, hundredths) in [
            ("3", 300),
            ("6.3", 630),
            ("6.30", 630),
            ("0.05", 5),
            ("-2.5", -250),
            ("-0", 0),
            ("-0.0", 0),
            ("999.99", 99_999),
            ("1000", 100_000),
            ("-1000.00", -100_000),
        ] {
            assert_eq!(value(json), Some(Reading::Score(hundredths)), "{json}");
        }
        assert_eq!(value("\"refused\""), Some(Reading::Missing));
        // Out of range, not JSON, or a form the screen leaves to serde_json.
        for json in [
            "1000.01",
            "-1001",
            "10000",
            "1.234",
            "4.000",
            "1e3",
            "0.5E1",
            "01",
            "-",
            "1.",
            ".5",
            "-\"refused\"",
            "\"n/a\"",
            "null",
            "true",
            "[]",
        ] {
            assert_eq!(value(json), None, "{json}");
        }
    }

    proptest! {
        #[test]
        fn ids_compare_as_the_standard_library_compares_them(
            a in "[a-c\u{e4}]{0,4}",
            b in "[a-c\u{e4}]{0,4}",
        ) {
            prop_assert_eq!(same(&a, &b), a == b);
            prop_assert_eq!(before(&a, &b), a.as_bytes() < b.as_bytes());
        }

        #[test]
        fn string_ends_are_the_first_quote_backslash_or_control_character(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), Just(0x1f), Just(0x20), Just(0xA0), any::<u8>()],
                0..40,
            ),
            at in 0..40usize,
        ) {
            let naive = bytes
                .get(at..)
                .and_then(|rest| rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20))
                .map(|i| at + i);
            prop_assert_eq!(string_end(&bytes, at), naive);
        }

        #[test]
        fn every_score_the_screen_reads_serde_json_reads_the_same(
            json in r"-?[0-9]{1,5}(\.[0-9]{0,3})?([eE][-+]?[0-9])?"
        ) {
            if let Some(Reading::Score(hundredths)) = value(&json) {
                let score: ItemScore = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(score.hundredths(), hundredths);
            }
        }

        #[test]
        fn two_decimal_scores_all_pass_the_screen(hundredths in -100_000i32..=100_000) {
            let exact = rust_decimal::Decimal::new(i64::from(hundredths), 2);
            for json in [exact.to_string(), exact.normalize().to_string()] {
                prop_assert_eq!(value(&json), Some(Reading::Score(hundredths)));
            }
        }
    }

    /// A change to a document that may or may not make it invalid.
    #[derive(Debug, Clone)]
    enum Mutation {
        /// Replace the byte at this fraction of the way from the measurements to the end.
        Flip(f64, char),
        /// Remove that byte.
        Remove(f64),
        /// Insert whitespace after the `k`-th `,` or `:`.
        Space(usize, &'static str),
        /// Repeat a field of the `k`-th record, client or response.
        DuplicateKey(usize, &'static str),
        /// A second member of a screened section at the end.
        DuplicateSection(&'static str),
        /// Leave out the `k`-th member with this key (and its comma).
        Drop(usize, &'static str),
        /// The `k`-th value of a number field becomes this JSON.
        Score(usize, &'static str, String),
        /// The `k`-th value of a field becomes this string.
        Field(usize, &'static str, &'static str),
        /// The `k`-th value of a field becomes `null`.
        Null(usize, &'static str),
        /// Free text with a personal identity code or an e-mail address.
        FreeText(usize, &'static str, &'static str),
    }

    /// Values for fields of the screened records (with the start of the field they
    /// replace the value of): unknown, repeated or personal ids, codes and dates that break
    /// a rule, and some that break none.
    fn field_values() -> Vec<(&'static str, &'static str)> {
        vec![
            ("\"id\":\"M", "M00000001-0\",\"x\":\"M"),
            ("\"id\":\"M", "M00000001-0"),
            ("\"id\":\"M", "131052-308T"),
            ("\"instrument\":\"", "PHQ-9"),
            ("\"instrument\":\"", "no-such-instrument"),
            ("\"instrument\":\"", "ORS"),
            ("\"implementation\":\"", "no-such-implementation"),
            ("\"implementation\":\"", ""),
            ("\"instrument\":\"", ""),
            ("\"item\":\"", ""),
            ("\"id\":\"", ""),
            ("\"implementation\":\"", "C-131052-308T"),
            ("\"item\":\"", "q1"),
            ("\"item\":\"", "no-such-item"),
            ("\"item\":\"", "social"),
            ("\"administered_on\":\"", "2024-12-31"),
            ("\"administered_on\":\"", "2025-02-30"),
            ("\"administered_on\":\"", "1899-01-01"),
            ("\"occasion\":\"", "basel\\u0069ne"),
            ("\"occasion\":\"", "baseline\",\"occasion\":\""),
            ("\"gender\":\"", "nonbinary"),
            ("\"age_group\":\"", "age_18_24"),
            ("\"id\":\"E", "E00000001"),
            ("\"id\":\"E", "x:010594Y9032"),
            ("\"municipality\":\"", "091"),
            ("\"municipality\":\"", "999"),
            ("\"area\":\"", "90"),
            ("\"area\":\"", "9"),
            ("\"service_class\":\"", "no_such_service"),
            ("\"service_start\":\"", "2024-01-01"),
            ("\"service_end\":\"", "2025-01-01"),
            ("\"first_contact\":\"", "2025-12-31"),
            ("\"first_contact\":\"", "2101-01-01"),
            // GAS goals.
            ("\"id\":\"G", "00000001-0"),
            ("\"id\":\"G", "131052-308T"),
            ("\"id\":\"G", "G 1"),
            ("\"set_on\":\"", "2026-01-01"),
            ("\"set_on\":\"", "2025-06-31"),
            ("\"evaluated_on\":\"", "2024-01-01"),
            ("\"evaluated_on\":\"", "2025-12-31"),
            ("\"goal\":\"", ""),
            ("\"goal\":\"", "  "),
            // Feedback.
            ("\"id\":\"F", "00000001"),
            ("\"id\":\"F", "F-010594Y9032"),
            ("\"given_on\":\"", "2024-06-30"),
            ("\"given_on\":\"", "2025-06-30"),
            ("\"question\":\"", "open"),
            ("\"question\":\"", "recommend"),
            ("\"question\":\"", "not an id"),
            ("\"comment\":\"", ""),
            ("\"area\":\"", "08"),
            // Social reports.
            ("\"id\":\"R", "-2025-000001"),
            ("\"id\":\"R", "R/1"),
            ("\"reported_on\":\"", "2026-01-01"),
            ("\"reported_on\":\"", "2025-01-01"),
            ("\"municipality\":\"", "837"),
            ("\"reporter_role\":\"", "astronaut"),
            ("\"reporter_role\":\"", "social_worker"),
            ("\"themes\":[\"", "housing"),
            ("\"themes\":[\"", "income_and_debt"),
            ("\"themes\":[\"", "no_such_theme"),
            ("\"target_groups\":[\"", "romani_families"),
            ("\"target_groups\":[\"", "Not A Code"),
            ("\"addressees\":[\"", "local_board"),
            ("\"addressees\":[\"", "welfare_area_management"),
            ("\"prevalence\":\"", "always"),
            ("\"trend\":\"", "growing"),
            ("\"follow_up\":\"", "new"),
            ("\"follow_up\":\"", "lost"),
            ("\"service_class\":\"", "adult_social_work"),
            ("\"description\":\"", " "),
        ]
    }

    /// Texts to put at the start of a free text (with the start of the field): personal
    /// data the privacy checks find, quiet texts with the bytes the screen looks at twice,
    /// escapes, control characters.
    fn free_texts() -> Vec<(&'static str, &'static str)> {
        vec![
            ("\"goal\":\"", "Asiakas 131052-308T "),
            ("\"goal\":\"", "mail matti@example.fi "),
            ("\"description\":\"", "soita 040 123 4567 "),
            ("\"description\":\"", "Asiakas 010594Y9032 "),
            ("\"root_causes\":\"", "numero +358 40 1234567. "),
            ("\"proposed_action\":\"", "kirjoita maija.m@example.fi "),
            ("\"comment\":\"", "puh. 09-310 1234 "),
            ("\"comment\":\"", "hetu 131052–308T "),
            // Quiet texts with the bytes the screen looks twice at.
            (
                "\"comment\":\"",
                "vuonna 2025 noin 300 asiakasta, klo 12@toimisto ",
            ),
            ("\"goal\":\"", "§ 12 «lainaus» "),
            // Escapes, control characters and a blank text.
            ("\"goal\":\"", "rivi\\n"),
            ("\"comment\":\"", "\\u00e4"),
            ("\"description\":\"", "\u{7f}"),
            ("\"root_causes\":\"", "\u{85}"),
            ("\"proposed_action\":\"", "\u{1}"),
        ]
    }

    /// Keys of fields of the screened records, to repeat or leave out.
    fn keys() -> Vec<&'static str> {
        vec![
            "\"id\":",
            "\"occasion\":",
            "\"administered_on\":",
            "\"gender\":",
            "\"item\":",
            "\"value\":",
            "\"responses\":",
            "\"contacts\":",
            "\"area\":",
            "\"service_end\":",
            "\"goal\":",
            "\"weight\":",
            "\"evaluated_on\":",
            "\"question\":",
            "\"rating\":",
            "\"min\":",
            "\"comment\":",
            "\"themes\":",
            "\"description\":",
            "\"follow_up\":",
            "\"given_on\":",
            "\"reported_on\":",
        ]
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let fraction = 0.0..1.0f64;
        let byte = prop::sample::select(vec![
            '"', '\\', ',', ':', '{', '}', '[', ']', ' ', '0', '9', '.', 'e', '-', 'x', 'ä',
            '\u{1}',
        ]);
        let key = prop::sample::select(keys());
        let number = prop_oneof![
            (-1500i32..=1500).prop_map(|n| n.to_string()),
            (-100_100i32..=100_100)
                .prop_map(|h| rust_decimal::Decimal::new(i64::from(h), 2).to_string()),
            r"-?[0-9]{1,4}(\.[0-9]{0,3})?([eE][-+]?[0-9])?",
            Just("\"refused\"".to_owned()),
            Just("\"maybe\"".to_owned()),
            Just("null".to_owned()),
            prop::sample::select(vec![
                "0",
                "-1",
                "01",
                "1.0",
                "1e2",
                "999999999",
                "1000000000",
                "4294967295",
                "4294967296",
                "true",
                "false",
                "nul",
            ])
            .prop_map(str::to_owned),
        ];
        let field = prop::sample::select(field_values());
        let null = prop::sample::select(vec![
            "\"implementation\":",
            "\"gender\":",
            "\"age_group\":",
            "\"occasion\":",
            "\"new_client\":",
            "\"service_start\":",
            "\"municipality\":",
            "\"baseline_level\":",
            "\"follow_up_level\":",
            "\"evaluated_on\":",
            "\"weight\":",
            "\"rating\":",
            "\"comment\":",
            "\"root_causes\":",
            "\"proposed_action\":",
            "\"target_groups\":",
            "\"addressees\":",
            "\"service_class\":",
        ]);
        let free_text = prop::sample::select(free_texts());
        prop_oneof![
            (fraction.clone(), byte).prop_map(|(f, b)| Mutation::Flip(f, b)),
            fraction.prop_map(Mutation::Remove),
            (
                any::<usize>(),
                prop::sample::select(vec![" ", "\n", "\t ", "\r\n"])
            )
                .prop_map(|(k, s)| Mutation::Space(k, s)),
            (any::<usize>(), key.clone()).prop_map(|(k, key)| Mutation::DuplicateKey(k, key)),
            prop::sample::select(vec![
                "measurements",
                "service_episodes",
                "gas_goals",
                "feedback",
                "social_reports",
            ])
            .prop_map(Mutation::DuplicateSection),
            (any::<usize>(), key).prop_map(|(k, key)| Mutation::Drop(k, key)),
            (
                any::<usize>(),
                prop::sample::select(vec![
                    "\"value\":",
                    "\"contacts\":",
                    "\"new_client\":",
                    "\"weight\":",
                    "\"baseline_level\":",
                    "\"follow_up_level\":",
                    "\"min\":",
                    "\"max\":",
                ]),
                number
            )
                .prop_map(|(k, field, n)| Mutation::Score(k, field, n)),
            (any::<usize>(), field).prop_map(|(k, (f, v))| Mutation::Field(k, f, v)),
            (any::<usize>(), null).prop_map(|(k, f)| Mutation::Null(k, f)),
            (any::<usize>(), free_text).prop_map(|(k, (f, t))| Mutation::FreeText(k, f, t)),
        ]
    }

    /// Where the first screened section of `text` starts (in the samples the social
    /// reports, then the measurements).
    fn screened_start(text: &str) -> usize {
        ["\"social_reports\"", "\"measurements\""]
            .iter()
            .find_map(|section| text.find(section))
            .unwrap_or(0)
    }

    /// The position `fraction` of the way from the first screened section to the end of
    /// `text`, on a character boundary.
    fn position(text: &str, fraction: f64) -> usize {
        let start = screened_start(text);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let mut at = start + ((text.len() - start) as f64 * fraction) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at.min(text.len() - 1)
    }

    fn mutate(text: &str, mutation: &Mutation) -> Vec<u8> {
        match mutation {
            Mutation::Flip(fraction, c) => {
                let at = position(text, *fraction);
                let len = text[at..].chars().next().map_or(0, char::len_utf8);
                format!("{}{c}{}", &text[..at], &text[at + len..]).into_bytes()
            }
            Mutation::Remove(fraction) => {
                let mut bytes = text.as_bytes().to_vec();
                bytes.remove(position(text, *fraction));
                bytes
            }
            Mutation::Space(k, space) => {
                let comma = replace_nth(text, ",\"", *k, &format!(",{space}\""));
                replace_nth(&comma, "\":", k / 2, &format!("\"{space}:{space}")).into_bytes()
            }
            Mutation::DuplicateKey(k, key) => {
                let at = text
                    .match_indices(key)
                    .map(|(i, _)| i)
                    .filter(|&i| i > screened_start(text))
                    .nth(*k % 50)
                    .unwrap_or(0);
                // The field with its value, repeated right after itself.
                let end = skip_value(text.as_bytes(), at + key.len()).unwrap_or(at);
                let member = &text[at..end];
                format!("{}{member},{member}{}", &text[..at], &text[end..]).into_bytes()
            }
            Mutation::DuplicateSection(section) => {
                let end = text.rfind('}').unwrap();
                format!("{},\"{section}\":[]}}", &text[..end]).into_bytes()
            }
            Mutation::Drop(k, key) => {
                let Some(value) = after_nth(text, key, *k) else {
                    return text.as_bytes().to_vec();
                };
                let (mut start, mut end) = (
                    value - key.len(),
                    skip_value(text.as_bytes(), value).unwrap(),
                );
                // The member's comma: the one after it, or for the last member the one
                // before it.
                if text.as_bytes().get(end) == Some(&b',') {
                    end += 1;
                } else if start > 0 && text.as_bytes()[start - 1] == b',' {
                    start -= 1;
                }
                format!("{}{}", &text[..start], &text[end..]).into_bytes()
            }
            Mutation::Score(k, field, json) => {
                let Some(at) = after_nth(text, field, *k) else {
                    return text.as_bytes().to_vec();
                };
                let end = skip_value(text.as_bytes(), at).unwrap();
                format!("{}{json}{}", &text[..at], &text[end..]).into_bytes()
            }
            Mutation::Field(k, field, value) => {
                let Some(at) = after_nth(text, field, *k) else {
                    return text.as_bytes().to_vec();
                };
                let end = at + text[at..].find('"').unwrap();
                format!("{}{value}{}", &text[..at], &text[end..]).into_bytes()
            }
            Mutation::Null(k, field) => {
                let Some(at) = after_nth(text, field, *k) else {
                    return text.as_bytes().to_vec();
                };
                let end = skip_value(text.as_bytes(), at).unwrap();
                format!("{}null{}", &text[..at], &text[end..]).into_bytes()
            }
            Mutation::FreeText(k, field, insert) => {
                replace_nth(text, field, *k, &format!("{field}{insert}")).into_bytes()
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn mutated_documents_get_the_findings_of_the_typed_path(
            seed in 0..1000u64,
            clients in 1..10usize,
            mutations in prop::collection::vec(mutation(), 1..3),
        ) {
            let mut bytes = sample(seed, clients).into_bytes();
            for m in &mutations {
                match String::from_utf8(bytes.clone()) {
                    Ok(text) => bytes = mutate(&text, m),
                    Err(_) => break,
                }
            }
            let (screened, typed) = (validate(&bytes, Lang::En), typed(&bytes));
            prop_assert_eq!(screened, typed);
        }

        #[test]
        fn arbitrary_administrations_get_the_findings_of_the_typed_path(
            seed in 0..1000u64,
            administrations in prop::collection::vec(any::<InstrumentAdministration>(), 1..6),
            on_ors in prop::collection::vec(any::<bool>(), 6),
            values in prop::collection::vec(any::<ItemValue>(), 24),
        ) {
            let mut document = Sample::new(seed).clients(3).document();
            let ors = ["individual", "interpersonal", "social", "overall"];
            for (k, a) in administrations.into_iter().enumerate() {
                // Half of them on a known instrument with its own items, so that both
                // sides of the screen's checks are reached.
                let a = if on_ors[k] {
                    let responses = ors
                        .iter()
                        .zip(&values[k * 4..])
                        .map(|(item, value)| ItemResponse::new(item.parse().unwrap(), *value))
                        .collect();
                    InstrumentAdministration::new(
                        a.id().clone(),
                        "ORS".parse().unwrap(),
                        a.client().clone(),
                        a.administered_on(),
                        a.occasion(),
                        responses,
                    )
                    .unwrap()
                } else {
                    a
                };
                document.measurements.push(a);
            }
            let bytes = serde_json::to_vec(&document).unwrap();
            prop_assert_eq!(validate(&bytes, Lang::Fi), validate_document(&bytes, Lang::Fi).0);
        }

        #[test]
        fn arbitrary_goals_feedback_and_reports_get_the_findings_of_the_typed_path(
            seed in 0..1000u64,
            goals in prop::collection::vec(any::<GasGoal>(), 0..4),
            feedback in prop::collection::vec(any::<Feedback>(), 0..4),
            reports in prop::collection::vec(any::<SocialReport>(), 0..4),
            fit in prop::collection::vec(any::<bool>(), 12),
        ) {
            let document = Sample::new(seed).clients(3).document();
            let implementation = document.implementations[0].id().as_str().to_owned();
            let in_period = rakenne_model::date::format(document.header.period.start());
            let mut value = serde_json::to_value(&document).unwrap();
            // Arbitrary records name arbitrary implementations and dates: half of them are
            // made to fit the document, so that both sides of the screen's checks are
            // reached.
            let records = goals
                .iter()
                .map(|g| ("gas_goals", serde_json::to_value(g).unwrap()))
                .chain(feedback.iter().map(|f| ("feedback", serde_json::to_value(f).unwrap())))
                .chain(
                    reports
                        .iter()
                        .map(|r| ("social_reports", serde_json::to_value(r).unwrap())),
                );
            for (k, (section, mut record)) in records.enumerate() {
                if fit[k] {
                    let fields = record.as_object_mut().unwrap();
                    if fields.contains_key("implementation") {
                        fields.insert("implementation".into(), implementation.clone().into());
                    }
                    for date in ["given_on", "reported_on"] {
                        if fields.contains_key(date) {
                            fields.insert(date.into(), in_period.clone().into());
                        }
                    }
                }
                match value[section].as_array_mut() {
                    Some(records) => records.push(record),
                    None => value[section] = serde_json::Value::Array(vec![record]),
                }
            }
            let bytes = serde_json::to_vec(&value).unwrap();
            prop_assert_eq!(validate(&bytes, Lang::Fi), validate_document(&bytes, Lang::Fi).0);
        }
    }
}
