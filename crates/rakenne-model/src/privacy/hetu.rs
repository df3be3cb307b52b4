//! Finnish personal identity code (henkilötunnus, HETU): validation and detection in text.
//!
//! rakenne exchanges pseudonymous data only, so a personal identity code must never pass
//! through it: not as an id, not inside a label, not in a free-text comment. This module is
//! the one place that knows what a HETU looks like. It answers two different questions:
//!
//! - **Is this string a HETU?** [`is_valid`] checks the official form strictly: a real
//!   birth date, a century sign, an individual number and the correct check character, in
//!   upper case.
//! - **Could this be a HETU?** [`looks_like`], [`find`], [`contains`] and [`redact`] use a
//!   looser *shape* rule: a real birth date, a century sign or a Unicode look-alike of one,
//!   three digits and any character of the check alphabet, in either case. A HETU with a
//!   typing error in its check character still identifies a person, so screening must not
//!   depend on the checksum. Each [`Match`] still tells whether its check character is right.
//!
//! # The format
//!
//! `DDMMYYCZZZQ`, 11 ASCII characters, as defined by the Act on the Population Information
//! System (laki väestötietojärjestelmästä 661/2009, § 11), the Government Decree on the
//! Population Information System (valtioneuvoston asetus väestötietojärjestelmästä
//! 128/2010, § 2) and its amendment in force since 2023-01-01 that added the century signs
//! `Y X W V U` and `B C D E F` (DVV, "Henkilötunnuksen välimerkkiuudistus",
//! <https://dvv.fi/hetu-uudistus>):
//!
//! | part  | meaning |
//! |-------|---------|
//! | `DDMMYY` | birth date: day, month, two-digit year |
//! | `C`   | century sign: `+` 1800s; `-` `Y` `X` `W` `V` `U` 1900s; `A` `B` `C` `D` `E` `F` 2000s |
//! | `ZZZ` | individual number: 002–899 for permanent codes, 900–999 for temporary ones |
//! | `Q`   | check character: the nine-digit number `DDMMYYZZZ` modulo 31, indexing `0123456789ABCDEFHJKLMNPRSTUVWXY` |
//!
//! Temporary codes (individual number 900–999, used e.g. by hospitals before the permanent
//! code is known) identify a person just as well, so they count as valid here.
//!
//! # Detection in free text
//!
//! [`find`] scans the bytes of a text once, without allocating, and reports every
//! HETU-shaped run of 11 characters whose neighbours are not ASCII letters or digits:
//! `(131052-308T)` and `hetu:131052-308T.` match, `x131052-308Ty` and `1131052-308T` do not.
//! Letters outside ASCII (`ä`, `ö`, ...) do not block a match: over-detecting personal data
//! is the safer error.
//!
//! Word processors and web pages often turn the hyphen of a code into a dash, and
//! `131052–308T` identifies a person as well as `131052-308T` does. Screening therefore also
//! reads these Unicode look-alikes in the place of the century sign:
//!
//! | read as | characters |
//! |---------|------------|
//! | `-` (1900s) | U+2010 hyphen `‐`, U+2011 non-breaking hyphen `‑`, U+2012 figure dash `‒`, U+2013 en dash `–`, U+2014 em dash `—`, U+2015 horizontal bar `―`, U+2212 minus sign `−`, U+FE63 small hyphen-minus `﹣`, U+FF0D fullwidth hyphen-minus `－` |
//! | `+` (1800s) | U+FF0B fullwidth plus sign `＋` |
//!
//! The fullwidth plus sign is there because the input methods that type a fullwidth
//! hyphen-minus type it too, and a fullwidth plus between six digits and four code
//! characters is hardly anything else. Each look-alike takes 3 bytes in UTF-8, so a match
//! that contains one spans 13 bytes instead of 11; [`Match::range`] gives the exact bytes.
//! [`is_valid`] accepts none of them: the official form is ASCII. Other stand-ins (fullwidth
//! digits or letters, a soft hyphen, a space) are not recognised.
//!
//! # Example
//! ```
//! use rakenne_model::privacy::hetu;
//!
//! assert!(hetu::is_valid("131052-308T"));
//! assert!(!hetu::is_valid("131052-308U")); // wrong check character...
//! assert!(hetu::looks_like("131052-308U")); // ...but still personal data
//!
//! let text = "Asiakkaan hetu on 131052-308T, äidin 131052-308u, isän 131052–308T.";
//! assert!(hetu::contains(text));
//! assert_eq!(
//!     hetu::redact(text, "[HETU]"),
//!     "Asiakkaan hetu on [HETU], äidin [HETU], isän [HETU].",
//! );
//! ```

use std::borrow::Cow;
use std::iter::FusedIterator;
use std::ops::Range;

use time::{Date, Month};

/// Length of a personal identity code in its official form, in bytes (all 11 characters
/// are ASCII). Decree 128/2010, § 2. In free text a code with a look-alike century sign is
/// longer; see [`screening_sign`].
const LEN: usize = 11;

/// Check characters, indexed by the remainder of `DDMMYYZZZ` divided by 31.
/// Decree 128/2010, § 2; the letters G, I, O, Q and Z are left out.
const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Divisor of the check-character computation. Decree 128/2010, § 2.
const CHECK_MODULUS: u16 = 31;

/// Whether the whole of `s` is a personal identity code in its official form.
///
/// Checks that `s` is exactly 11 characters `DDMMYYCZZZQ` with a real calendar date in the
/// century given by `C` (leap years included: 29 February 2000 exists, 29 February 1900
/// does not), a century sign from the full set in use since 2023, an individual number
/// from 002 to 999 (900–999 are temporary codes) and the correct check character. Letters
/// must be upper case and the century sign ASCII, as in the official form; use
/// [`looks_like`] to screen typed or pasted input.
///
/// # Example
/// ```
/// use rakenne_model::privacy::hetu;
///
/// assert!(hetu::is_valid("131052-308T"));
/// assert!(hetu::is_valid("010594Y9032")); // century sign added in 2023
/// assert!(!hetu::is_valid("131052-308t")); // lower case is not the official form
/// assert!(!hetu::is_valid("131052-308U")); // wrong check character
/// assert!(!hetu::is_valid("131052–308T")); // en dash: not the official form
/// assert!(!hetu::is_valid(" 131052-308T")); // the whole string must be the code
/// ```
pub fn is_valid(s: &str) -> bool {
    let Ok(code) = <&[u8; LEN]>::try_from(s.as_bytes()) else {
        return false;
    };
    if code.iter().any(u8::is_ascii_lowercase) {
        return false;
    }
    // Decree 128/2010, § 2: individual numbers start at 002.
    shape(code).is_some_and(|shape| shape.checksum_valid && shape.individual_number >= 2)
}

/// Whether the whole of `s` has the shape of a personal identity code, whatever its check
/// character.
///
/// The shape is: a real calendar date `DDMMYY` in the century of the sign that follows, a
/// century sign (`+ - Y X W V U A B C D E F`, or a look-alike of `-` or `+` listed in the
/// [module docs](self#detection-in-free-text)), three digits and one character of the check
/// alphabet `0123456789ABCDEFHJKLMNPRSTUVWXY`. Letters may be lower case. A code with a
/// typing error in its check character still identifies a person, which is why this check
/// exists beside [`is_valid`].
///
/// # Example
/// ```
/// use rakenne_model::privacy::hetu;
///
/// assert!(hetu::looks_like("131052-308T"));
/// assert!(hetu::looks_like("131052-308u")); // wrong check character, lower case
/// assert!(hetu::looks_like("131052–308T")); // en dash, as word processors write it
/// assert!(!hetu::looks_like("311352-308T")); // there is no 13th month
/// assert!(!hetu::looks_like("131052-308G")); // G is not a check character
/// ```
pub fn looks_like(s: &str) -> bool {
    read_code(s, 0).is_some_and(|(_, end)| end == s.len())
}

/// Where a HETU-shaped code was found in a text, as returned by [`find`].
///
/// Holds the byte range and whether the check character is right, never the text itself,
/// so a `Match` can be logged or stored without leaking the code. The range spans 11 bytes
/// for a code in ASCII and 13 when its century sign is a Unicode look-alike such as an en
/// dash (see the [module docs](self#detection-in-free-text)).
///
/// # Example
/// ```
/// use rakenne_model::privacy::hetu;
///
/// let text = "hetu: 131052-308T";
/// let found = hetu::find(text).next().unwrap();
/// assert_eq!(found.range(), 6..17);
/// assert_eq!((found.start(), found.end()), (6, 17));
/// assert!(found.is_checksum_valid());
///
/// // The en dash takes 3 bytes, so this code spans 13.
/// let found = hetu::find("hetu: 131052–308T").next().unwrap();
/// assert_eq!(found.range(), 6..19);
/// assert!(found.is_checksum_valid());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    start: usize,
    end: usize,
    checksum_valid: bool,
}

impl Match {
    /// The byte range of the code in the searched text: exactly its 11 characters, which
    /// take 11 bytes, or 13 with a look-alike century sign. Both ends are on character
    /// boundaries, so `&text[m.range()]` never panics.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::privacy::hetu;
    ///
    /// let text = "Hänen tunnuksensa: 131052-308T.";
    /// let found = hetu::find(text).next().unwrap();
    /// assert_eq!(&text[found.range()], "131052-308T");
    ///
    /// let text = "Hänen tunnuksensa: 131052−308T."; // minus sign U+2212
    /// let found = hetu::find(text).next().unwrap();
    /// assert_eq!(&text[found.range()], "131052−308T");
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.start..self.end()
    }

    /// The byte offset where the code starts.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::privacy::hetu;
    ///
    /// assert_eq!(hetu::find("(131052-308T)").next().unwrap().start(), 1);
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset just past the code.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::privacy::hetu;
    ///
    /// assert_eq!(hetu::find("(131052-308T)").next().unwrap().end(), 12);
    /// ```
    pub fn end(&self) -> usize {
        self.end
    }

    /// Whether the check character matches the date and individual number, compared
    /// without regard to case.
    ///
    /// This checks the check character only. [`is_valid`] is stricter: it also requires
    /// upper case and an individual number of at least 002.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::privacy::hetu;
    ///
    /// let checked: Vec<bool> = hetu::find("131052-308t 131052-308U")
    ///     .map(|m| m.is_checksum_valid())
    ///     .collect();
    /// assert_eq!(checked, [true, false]);
    /// ```
    pub fn is_checksum_valid(&self) -> bool {
        self.checksum_valid
    }
}

/// Finds every HETU-shaped code in `text`, left to right, without overlaps.
///
/// A match is 11 characters with the shape of [`looks_like`] whose neighbours (if any) are
/// not ASCII letters or digits: `(131052-308T)` and `hetu:131052-308T.` match,
/// `x131052-308Ty` does not. The century sign may be one of the Unicode look-alikes listed
/// in the [module docs](self#detection-in-free-text), such as the en dash of
/// `131052–308T`; such a match spans 13 bytes instead of 11. The scan is one pass over the
/// bytes and does not allocate; the ranges are byte offsets on character boundaries of
/// `text`.
///
/// # Example
/// ```
/// use rakenne_model::privacy::hetu;
///
/// let text = "Äiti 131052-308T ja lapsi 010516B903X; ei 9131052-308T.";
/// let ranges: Vec<_> = hetu::find(text).map(|m| m.range()).collect();
/// assert_eq!(ranges, [6..17, 27..38]);
///
/// // "Isä " is 5 bytes; the code is 10 ASCII bytes and a 3-byte en dash.
/// let ranges: Vec<_> = hetu::find("Isä 131052–308T.").map(|m| m.range()).collect();
/// assert_eq!(ranges, [5..18]);
/// ```
pub fn find(text: &str) -> Matches<'_> {
    Matches { text, pos: 0 }
}

/// Whether [`find`] finds at least one HETU-shaped code in `text`.
///
/// # Example
/// ```
/// use rakenne_model::privacy::hetu;
///
/// assert!(hetu::contains("Soitto koski hetua 131052-308T."));
/// assert!(!hetu::contains("Asiakasnumero 131052308T")); // no century sign
/// ```
pub fn contains(text: &str) -> bool {
    // Every code has nine ASCII digits (`DDMMYY` and `ZZZ`): a text with fewer has none.
    // In a long text, counting them in a branch-free pass is much cheaper than the scan;
    // a short one (an id) is scanned at once.
    if text.len() >= 64 && count_digits(text.as_bytes()) < MIN_DIGITS {
        return false;
    }
    find(text).next().is_some()
}

/// The ASCII digits every code has: the birth date and the individual number.
const MIN_DIGITS: usize = 9;

/// The number of ASCII digits in `bytes`, counted in blocks of 32 bytes with a byte-wide
/// count per block (at most 32), which the compiler turns into vector instructions.
fn count_digits(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(32);
    let mut count = 0;
    for block in &mut blocks {
        let in_block: u8 = block.iter().map(|b| u8::from(b.is_ascii_digit())).sum();
        count += usize::from(in_block);
    }
    for b in blocks.remainder() {
        count += usize::from(b.is_ascii_digit());
    }
    count
}

/// Replaces every code that [`find`] finds in `text` by `replacement`.
///
/// Returns the text borrowed when nothing was found. When `replacement` contains no ASCII
/// digit, the result contains no HETU-shaped code: a new code cannot form across a
/// replacement, because every code needs digits on both sides of its century sign.
///
/// # Example
/// ```
/// use std::borrow::Cow;
/// use rakenne_model::privacy::hetu;
///
/// assert_eq!(hetu::redact("hetu 131052-308T.", "***"), "hetu ***.");
/// assert!(matches!(hetu::redact("ei tunnusta", "***"), Cow::Borrowed(_)));
/// ```
pub fn redact<'a>(text: &'a str, replacement: &str) -> Cow<'a, str> {
    let mut matches = find(text).peekable();
    if matches.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for found in matches {
        // Every match starts at an ASCII digit and ends just after its ASCII check
        // character, hence on character boundaries.
        out.push_str(&text[copied..found.start()]);
        out.push_str(replacement);
        copied = found.end();
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Iterator over the HETU-shaped codes of a text, created by [`find`].
///
/// Its `Debug` output shows the scan position only, never the text.
///
/// # Example
/// ```
/// use rakenne_model::privacy::hetu::{self, Matches};
///
/// let mut matches: Matches<'_> = hetu::find("131052-308T, 010594Y9032");
/// assert_eq!(matches.next().map(|m| m.start()), Some(0));
/// assert_eq!(matches.next().map(|m| m.start()), Some(13));
/// assert_eq!(matches.next(), None);
/// ```
#[derive(Clone)]
pub struct Matches<'a> {
    text: &'a str,
    pos: usize,
}

impl std::fmt::Debug for Matches<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text may hold personal data: show only where the scan is.
        f.debug_struct("Matches")
            .field("pos", &self.pos)
            .field("len", &self.text.len())
            .finish_non_exhaustive()
    }
}

impl Iterator for Matches<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let text = self.text;
        let bytes = text.as_bytes();
        // No code is shorter than its official form.
        while self.pos + LEN <= bytes.len() {
            let start = self.pos;
            self.pos += 1;
            // A code starts with a digit not glued to a preceding letter or digit.
            if !bytes[start].is_ascii_digit()
                || (start > 0 && bytes[start - 1].is_ascii_alphanumeric())
            {
                continue;
            }
            let Some((shape, end)) = read_code(text, start) else {
                continue;
            };
            // Nor glued to a following letter or digit.
            if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            // `read_code` ends `end` on a character boundary. The byte at `end` is not
            // alphanumeric, so no later match can start before `end + 1`.
            self.pos = end;
            return Some(Match {
                start,
                end,
                checksum_valid: shape.checksum_valid,
            });
        }
        self.pos = bytes.len();
        None
    }
}

impl FusedIterator for Matches<'_> {}

/// What [`shape`] learns about a HETU-shaped code.
struct Shape {
    checksum_valid: bool,
    individual_number: u16,
}

/// Reads a HETU-shaped code at byte `start` of `text` as screening sees it: its century
/// sign may be a look-alike (see [`screening_sign`]). Returns its shape and the byte offset
/// just past it, which follows the ASCII check character and so is a character boundary.
/// `None` when there is no such code at `start`, also when `start` or the sign position is
/// not on a character boundary; never panics.
fn read_code(text: &str, start: usize) -> Option<(Shape, usize)> {
    let bytes = text.as_bytes();
    let date: [u8; 6] = *bytes.get(start..)?.first_chunk()?;
    let sign_start = start + date.len();
    let sign_char = text.get(sign_start..)?.chars().next()?;
    let sign = screening_sign(sign_char)?;
    let rest_start = sign_start + sign_char.len_utf8();
    let rest: [u8; 4] = *bytes.get(rest_start..)?.first_chunk()?;

    let [d1, d2, m1, m2, y1, y2] = date;
    let [z1, z2, z3, check] = rest;
    let code = [d1, d2, m1, m2, y1, y2, sign, z1, z2, z3, check];
    // `shape` accepts only ASCII digits and check characters after the sign.
    Some((shape(&code)?, rest_start + rest.len()))
}

/// The ASCII byte that `c` stands for in the century-sign position of free text: an ASCII
/// character stands for itself, the Unicode look-alikes of `-` and `+` listed in the module
/// docs for `-` and `+`. Every look-alike is 3 bytes in UTF-8 (U+0800 to U+FFFF). Whether
/// the result is a century sign is left to [`century`].
fn screening_sign(c: char) -> Option<u8> {
    match c {
        // HYPHEN, NON-BREAKING HYPHEN, FIGURE DASH, EN DASH, EM DASH, HORIZONTAL BAR;
        // MINUS SIGN; SMALL HYPHEN-MINUS; FULLWIDTH HYPHEN-MINUS.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some(b'-'),
        // FULLWIDTH PLUS SIGN.
        '\u{FF0B}' => Some(b'+'),
        _ => u8::try_from(c).ok().filter(u8::is_ascii),
    }
}

/// Checks the shape of a code (case-insensitive) and reads its individual number and
/// whether its check character is right. `None` when it does not have the shape.
fn shape(code: &[u8; LEN]) -> Option<Shape> {
    let [d1, d2, m1, m2, y1, y2, sign, z1, z2, z3, check] = *code;
    let day = two_digits(d1, d2)?;
    let month = two_digits(m1, m2)?;
    let year = century(sign)? + i32::from(two_digits(y1, y2)?);
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(year, month, day).ok()?;

    let check = check.to_ascii_uppercase();
    if !CHECK_CHARS.contains(&check) {
        return None;
    }

    // Decree 128/2010, § 2: the check character is DDMMYYZZZ mod 31. Horner's rule with the
    // remainder taken at each step gives the same remainder and stays below 31 * 10 + 9.
    let mut remainder: u16 = 0;
    let mut individual_number: u16 = 0;
    for (i, byte) in [d1, d2, m1, m2, y1, y2, z1, z2, z3].into_iter().enumerate() {
        let digit = digit(byte)?;
        remainder = (remainder * 10 + digit) % CHECK_MODULUS;
        if i >= 6 {
            individual_number = individual_number * 10 + digit;
        }
    }
    Some(Shape {
        checksum_valid: CHECK_CHARS[usize::from(remainder)] == check,
        individual_number,
    })
}

/// The first year of the century that a century sign stands for, either case.
/// Decree 128/2010, § 2, as amended from 2023-01-01 (DVV, <https://dvv.fi/hetu-uudistus>).
fn century(sign: u8) -> Option<i32> {
    match sign.to_ascii_uppercase() {
        b'+' => Some(1800),
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => Some(1900),
        b'A'..=b'F' => Some(2000),
        _ => None,
    }
}

fn digit(byte: u8) -> Option<u16> {
    byte.is_ascii_digit().then(|| u16::from(byte - b'0'))
}

fn two_digits(tens: u8, ones: u8) -> Option<u8> {
    if tens.is_ascii_digit() && ones.is_ascii_digit() {
        Some((tens - b'0') * 10 + (ones - b'0'))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Check characters below are computed by hand: n = DDMMYYZZZ, n = 31 × q + r, and r
    // indexes "0123456789ABCDEFHJKLMNPRSTUVWXY" (A=10 B=11 C=12 D=13 E=14 F=15 H=16 J=17
    // K=18 L=19 M=20 N=21 P=22 R=23 S=24 T=25 U=26 V=27 W=28 X=29 Y=30).

    #[test]
    fn dvv_example_is_valid() {
        // 131052308 = 31 × 4227493 + 25 → 'T' (the DVV example of Maija Mäkinotkelma).
        assert!(is_valid("131052-308T"));
        assert!(looks_like("131052-308T"));
    }

    #[test]
    fn every_century_sign_is_valid() {
        // 150880123 = 31 × 4867100 + 23 → 'R'; 15 Aug 1880.
        assert!(is_valid("150880+123R"));
        // 010594903 = 31 × 341771 + 2 → '2'; 1 May 1994.
        assert!(is_valid("010594Y9032"));
        // 020594902 = 31 × 664351 + 21 → 'N'.
        assert!(is_valid("020594X902N"));
        // 030594903 = 31 × 986932 + 11 → 'B'.
        assert!(is_valid("030594W903B"));
        // 040594902 = 31 × 1309512 + 30 → 'Y'.
        assert!(is_valid("040594V902Y"));
        // 050594903 = 31 × 1632093 + 20 → 'M'.
        assert!(is_valid("050594U903M"));
        // 010100002 = 31 × 325806 + 16 → 'H'; 1 Jan 2000, lowest individual number.
        assert!(is_valid("010100A002H"));
        // 010516903 = 31 × 339254 + 29 → 'X'; 1 May 2016.
        assert!(is_valid("010516B903X"));
        // 020516902 = 31 × 661835 + 17 → 'J'.
        assert!(is_valid("020516C902J"));
        // 030516903 = 31 × 984416 + 7 → '7'.
        assert!(is_valid("030516D9037"));
        // 010501903 = 31 × 338771 + 2 → '2'.
        assert!(is_valid("010501E9032"));
        // 020503902 = 31 × 661416 + 6 → '6'.
        assert!(is_valid("020503F9026"));
    }

    #[test]
    fn temporary_individual_numbers_are_valid() {
        // 311299999 = 31 × 10041935 + 14 → 'E'.
        assert!(is_valid("311299-999E"));
        // 010190950 = 31 × 328740 + 10 → 'A'.
        assert!(is_valid("010190-950A"));
    }

    #[test]
    fn wrong_check_character_is_not_valid_but_looks_like() {
        // 131052308 → 'T' (above), so 'U' and '0' are wrong.
        assert!(!is_valid("131052-308U"));
        assert!(!is_valid("131052-3080"));
        assert!(looks_like("131052-308U"));
    }

    #[test]
    fn check_character_outside_alphabet_is_not_a_shape() {
        for code in [
            "131052-308G",
            "131052-308I",
            "131052-308O",
            "131052-308Q",
            "131052-308Z",
        ] {
            assert!(!looks_like(code), "check character of {code}");
            assert!(!contains(code), "check character of {code}");
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        // Check characters are right, so only the date can fail.
        // 310225123 = 31 × 10007262 + 1 → '1'; 31 February does not exist.
        assert!(!looks_like("310225A1231"));
        // 310425123 = 31 × 10013713 + 20 → 'M'; 31 April does not exist.
        assert!(!looks_like("310425A123M"));
        // 290223123 = 31 × 9362036 + 7 → '7'; 2023 and 1923 are not leap years.
        assert!(!looks_like("290223A1237"));
        assert!(!looks_like("290223-1237"));
        // 000190123 = 31 × 6133 + 0 → '0'; day 00.
        assert!(!looks_like("000190-1230"));
        // 011390123 = 31 × 367423 + 10 → 'A'; month 13.
        assert!(!looks_like("011390-123A"));
        // 010090123 = 31 × 325487 + 26 → 'U'; month 00.
        assert!(!looks_like("010090-123U"));
    }

    #[test]
    fn leap_day_depends_on_century() {
        // 290200246 = 31 × 9361298 + 8 → '8'. 2000 is a leap year (divisible by 400);
        // 1900 and 1800 are not (divisible by 100, not by 400).
        assert!(is_valid("290200A2468"));
        assert!(is_valid("290200B2468"));
        assert!(!is_valid("290200-2468"));
        assert!(!is_valid("290200Y2468"));
        assert!(!is_valid("290200+2468"));
        assert!(!looks_like("290200-2468"));
        // 290296357 = 31 × 9364398 + 19 → 'L'; 1996 is a leap year.
        assert!(is_valid("290296-357L"));
    }

    #[test]
    fn bad_century_signs_are_rejected() {
        // 131052308 → 'T' (above): only the sign is wrong.
        for code in [
            "131052G308T",
            "131052Z308T",
            "131052_308T",
            "131052 308T",
            "1310520308T",
        ] {
            assert!(!is_valid(code), "sign of {code}");
            assert!(!looks_like(code), "sign of {code}");
        }
    }

    #[test]
    fn individual_numbers_000_and_001_are_not_valid() {
        // 010190000 = 31 × 328709 + 21 → 'N'; 010190001 = 31 × 328709 + 22 → 'P'.
        assert!(!is_valid("010190-000N"));
        assert!(!is_valid("010190-001P"));
        // They still have the shape, with a right check character.
        assert!(looks_like("010190-000N"));
        let found: Vec<Match> = find("010190-001P").collect();
        assert_eq!(found.len(), 1);
        assert!(found[0].is_checksum_valid());
    }

    #[test]
    fn wrong_length_is_rejected() {
        for s in [
            "",
            "131052-308",
            "131052-308TT",
            " 131052-308T",
            "131052-308T ",
            "13105-308T",
        ] {
            assert!(!is_valid(s), "length of {s:?}");
            assert!(!looks_like(s), "length of {s:?}");
        }
    }

    #[test]
    fn non_ascii_input_is_rejected_without_panic() {
        // 11 bytes that are not 11 characters.
        assert!(!is_valid("1310ää-308T"));
        assert!(!looks_like("ääääää-308T"));
        assert!(!looks_like("1310ää-308T"));
        // Non-ASCII characters that are no look-alike of a sign ("ä" 2 bytes, "€" 3 bytes,
        // soft hyphen U+00AD 2 bytes, two-em dash U+2E3A 3 bytes).
        for code in [
            "131052ä308T",
            "131052€308T",
            "131052\u{AD}308T",
            "131052\u{2E3A}308T",
        ] {
            assert!(!is_valid(code), "sign of {code:?}");
            assert!(!looks_like(code), "sign of {code:?}");
            assert!(!contains(code), "sign of {code:?}");
        }
    }

    /// The look-alikes of '-' that screening reads as '-', written as escapes so that the
    /// test does not depend on how an editor shows them. All lie in U+0800..=U+FFFF, so
    /// each takes 3 bytes in UTF-8.
    const DASH_LOOKALIKES: [char; 9] = [
        '\u{2010}', // HYPHEN
        '\u{2011}', // NON-BREAKING HYPHEN
        '\u{2012}', // FIGURE DASH
        '\u{2013}', // EN DASH
        '\u{2014}', // EM DASH
        '\u{2015}', // HORIZONTAL BAR
        '\u{2212}', // MINUS SIGN
        '\u{FE63}', // SMALL HYPHEN-MINUS
        '\u{FF0D}', // FULLWIDTH HYPHEN-MINUS
    ];

    /// FULLWIDTH PLUS SIGN, read as '+'; 3 bytes in UTF-8.
    const FULLWIDTH_PLUS: char = '\u{FF0B}';

    #[test]
    fn every_dash_lookalike_is_found_with_its_byte_range() {
        for dash in DASH_LOOKALIKES {
            // "x " is 2 bytes, "131052" 6, the dash 3 and "308T" 4: the code is 2..15.
            let code = format!("131052{dash}308T");
            let text = format!("x {code}.");
            assert_eq!(spans(&text), [(2, 15)], "{dash:?}");
            assert_eq!(&text[2..15], code);
            // 131052308 → 'T' (above): the checksum ignores the sign.
            assert!(find(&text).all(|m| m.is_checksum_valid()), "{dash:?}");
            assert!(contains(&text), "{dash:?}");
            assert!(looks_like(&code), "{dash:?}");
            assert!(!looks_like(&text), "{dash:?}");
        }
    }

    #[test]
    fn fullwidth_plus_is_found_as_1800s_sign() {
        // 150880123 → 'R' (above). "x " 2 bytes, "150880" 6, the plus 3, "123R" 4: 2..15.
        let text = format!("x 150880{FULLWIDTH_PLUS}123R.");
        assert_eq!(spans(&text), [(2, 15)]);
        assert!(find(&text).all(|m| m.is_checksum_valid()));
        assert!(looks_like(&format!("150880{FULLWIDTH_PLUS}123R")));
    }

    #[test]
    fn lookalikes_keep_the_century_of_their_sign() {
        // 290200246 → '8' (above): 29 February exists in 2000 but not in 1900 or 1800.
        assert!(looks_like("290200A2468"));
        for dash in DASH_LOOKALIKES {
            assert!(!looks_like(&format!("290200{dash}2468")), "{dash:?}");
        }
        assert!(!looks_like(&format!("290200{FULLWIDTH_PLUS}2468")));
        // 290296357 → 'L' (above): 1996 is a leap year.
        assert!(looks_like("290296\u{2013}357L"));
    }

    #[test]
    fn lookalikes_are_never_valid() {
        // Both codes are valid with their ASCII sign (above).
        for sign in DASH_LOOKALIKES.into_iter().chain([FULLWIDTH_PLUS]) {
            assert!(!is_valid(&format!("131052{sign}308T")), "{sign:?}");
            assert!(!is_valid(&format!("150880{sign}123R")), "{sign:?}");
        }
    }

    #[test]
    fn lookalike_codes_report_wrong_check_character_and_accept_lower_case() {
        // 131052308 → 'T' (above). Each code is 13 bytes, separated by one space.
        let found: Vec<Match> = find("131052\u{2013}308U 131052\u{2014}308t").collect();
        assert_eq!(
            found.iter().map(Match::range).collect::<Vec<_>>(),
            [0..13, 14..27]
        );
        assert_eq!(
            found
                .iter()
                .map(Match::is_checksum_valid)
                .collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn lookalike_codes_next_to_multibyte_text() {
        // "ä" 0..2, the code 2..15 (10 ASCII bytes and a 3-byte en dash), "ö" 15..17.
        assert_eq!(spans("ä131052\u{2013}308Tö"), [(2, 15)]);
        // Dashes around the code are punctuation: "—" 0..3, the code 3..16, "—" 16..19.
        assert_eq!(spans("\u{2014}131052\u{2014}308T\u{2014}"), [(3, 16)]);
        // "Äidin " 7 bytes, code with U+FF0D 7..20, "、" (U+3001) 20..23, code with '-'
        // 23..34, "。" (U+3002) 34..37.
        assert_eq!(
            spans("Äidin 131052\u{FF0D}308T\u{3001}131052-308T\u{3002}"),
            [(7, 20), (23, 34)]
        );
        // ASCII and look-alike codes one after the other: 0..11, "/" 11, 12..25.
        assert_eq!(spans("131052-308T/131052\u{2212}308T"), [(0, 11), (12, 25)]);
    }

    #[test]
    fn lookalike_codes_follow_the_boundary_rule() {
        for text in [
            "x131052\u{2013}308T",
            "131052\u{2013}308Ty",
            "9131052\u{2013}308T",
            "131052\u{2013}308T1",
        ] {
            assert_eq!(spans(text), [], "in {text:?}");
            assert!(!contains(text), "in {text:?}");
        }
    }

    #[test]
    fn broken_lookalike_codes_are_not_found_without_panic() {
        for text in [
            // Two signs are not one.
            "131052\u{2013}\u{2013}308T",
            "131052-\u{2013}308T",
            "131052\u{2013}-308T",
            // Cut short after the sign, so fewer bytes than a code needs after it.
            "131052\u{2013}",
            "131052\u{2013}3",
            "131052\u{2013}308",
            // A look-alike elsewhere than the sign.
            "1310\u{2013}52-308T",
            "131052-308\u{2013}",
        ] {
            assert_eq!(spans(text), [], "in {text:?}");
            assert!(!looks_like(text), "in {text:?}");
        }
    }

    #[test]
    fn redact_removes_lookalike_codes() {
        for sign in DASH_LOOKALIKES {
            assert_eq!(
                redact(&format!("x 131052{sign}308T."), "[HETU]"),
                "x [HETU].",
                "{sign:?}"
            );
        }
        assert_eq!(
            redact(
                "a 131052\u{2013}308T, b 150880\u{FF0B}123R, c 131052\u{2212}308t.",
                "[HETU]"
            ),
            "a [HETU], b [HETU], c [HETU]."
        );
        assert_eq!(redact("ä131052\u{FF0D}308Tö", "*"), "ä*ö");
    }

    #[test]
    fn lower_case_is_not_valid_but_looks_like() {
        // 131052308 → 'T'; 010100002 → 'H'; 010516903 → 'X' (above).
        assert!(!is_valid("131052-308t"));
        assert!(!is_valid("010100a002H"));
        assert!(!is_valid("010516b903x"));
        assert!(looks_like("131052-308t"));
        assert!(looks_like("010100a002h"));
        assert!(looks_like("010516b903x"));
    }

    /// `(start, end)` of every match in `text` (pairs, not ranges, so that they compare as values).
    fn spans(text: &str) -> Vec<(usize, usize)> {
        find(text).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn find_at_start_and_end() {
        assert_eq!(spans("131052-308T"), [(0, 11)]);
        assert_eq!(spans("131052-308T on tunnus"), [(0, 11)]);
        // "Tunnus " is 7 bytes.
        assert_eq!(spans("Tunnus 131052-308T"), [(7, 18)]);
    }

    #[test]
    fn find_several_matches_left_to_right() {
        // "a " 2 bytes, code 2..13, ", b " 13..17, code 17..28, "; c " 28..32, code 32..43.
        let text = "a 131052-308T, b 010594Y9032; c 150880+123R.";
        assert_eq!(spans(text), [(2, 13), (17, 28), (32, 43)]);
        // Two codes separated by a single non-alphanumeric byte.
        assert_eq!(spans("131052-308T/010594Y9032"), [(0, 11), (12, 23)]);
    }

    #[test]
    fn find_next_to_punctuation() {
        assert_eq!(spans("(131052-308T)"), [(1, 12)]);
        // "hetu:" is 5 bytes.
        assert_eq!(spans("hetu:131052-308T."), [(5, 16)]);
        assert_eq!(spans("\"131052-308T\","), [(1, 12)]);
        // A '-' before the code is punctuation, not part of it.
        assert_eq!(spans("nro-131052-308T"), [(4, 15)]);
    }

    #[test]
    fn find_in_finnish_text_uses_byte_offsets() {
        // "Hänen äitinsä tunnus on " = 24 characters; ä occurs 3 times and takes 2 bytes,
        // so the code starts at byte 27 and ends at byte 38.
        let text = "Hänen äitinsä tunnus on 131052-308T, ei pöytäkirjassa.";
        assert_eq!(spans(text), [(27, 38)]);
        assert_eq!(&text[27..38], "131052-308T");
        // Non-ASCII letters do not block a match: "ä" is 2 bytes, "ö" 2 bytes.
        assert_eq!(spans("ä131052-308Tö"), [(2, 13)]);
    }

    #[test]
    fn find_skips_codes_glued_to_letters_or_digits() {
        for text in [
            "x131052-308T",
            "131052-308Ty",
            "x131052-308Ty",
            "1131052-308T",
            "131052-308T1",
            "hetu131052-308T",
            "131052-308Tabc",
        ] {
            assert_eq!(spans(text), [], "in {text:?}");
            assert!(!contains(text), "in {text:?}");
        }
    }

    #[test]
    fn find_accepts_lower_case_and_reports_checksum() {
        // 131052308 → 'T'; 010516903 → 'X' (above).
        let found: Vec<Match> = find("131052-308t 131052-308u 010516b903x").collect();
        assert_eq!(
            found.iter().map(Match::range).collect::<Vec<_>>(),
            [0..11, 12..23, 24..35]
        );
        assert_eq!(
            found
                .iter()
                .map(Match::is_checksum_valid)
                .collect::<Vec<_>>(),
            [true, false, true]
        );
    }

    #[test]
    fn find_ignores_things_that_are_not_shaped_like_a_code() {
        for text in [
            "",
            "puh. 040-1234567",
            "2023-01-01",
            "131052308T",
            "131052--308T",
            "13.10.1952-308T",
            "1310522-308T",
        ] {
            assert_eq!(spans(text), [], "in {text:?}");
        }
    }

    #[test]
    fn redact_replaces_every_match() {
        assert_eq!(
            redact("a 131052-308T, b 010594Y9032.", "[HETU]"),
            "a [HETU], b [HETU]."
        );
        assert_eq!(redact("131052-308t", ""), "");
        assert_eq!(redact("ä131052-308Tö", "*"), "ä*ö");
    }

    #[test]
    fn redact_borrows_when_nothing_is_found() {
        let text = "Ei tunnusta: x131052-308T.";
        assert!(matches!(redact(text, "[HETU]"), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn debug_of_matches_does_not_show_the_text() {
        let shown = format!("{:?}", find("131052-308T"));
        assert!(!shown.contains("131052"), "{shown}");
    }

    /// Texts that mix codes, near-codes, look-alike signs, Finnish letters and arbitrary
    /// characters, so that the properties are exercised on matches and boundaries, not
    /// only on noise.
    fn text_with_codes() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("131052-308T".to_owned()),
            Just("010594y9032".to_owned()),
            Just("290200A2468".to_owned()),
            Just("131052\u{2013}308T".to_owned()),
            Just("150880\u{FF0B}123r".to_owned()),
            Just("ä".to_owned()),
            prop::sample::select(DASH_LOOKALIKES.to_vec()).prop_map(String::from),
            "[0-9+\\-AaYy. \u{2010}-\u{2015}\u{2212}\u{FE63}\u{FF0B}\u{FF0D}]{1,12}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
    }

    /// A valid code whose century sign is `-` or `+`, as `(official form, written with a
    /// look-alike of its sign)`. The date is any real date in the century of the sign, the
    /// individual number any of 002–999, and the check character is computed here by the
    /// formula of Decree 128/2010, § 2: DDMMYYZZZ mod 31 indexes the check alphabet.
    fn code_with_lookalike_sign() -> impl Strategy<Value = (String, String)> {
        let sign = prop_oneof![
            prop::sample::select(DASH_LOOKALIKES.to_vec()).prop_map(|dash| ('-', 1900, dash)),
            Just(('+', 1800, FULLWIDTH_PLUS)),
        ];
        (sign, 0..100u16, 1..=12u8, 1..=31u8, 2..=999u16).prop_filter_map(
            "not a calendar date",
            |((ascii_sign, century, lookalike), yy, month, day, individual)| {
                Date::from_calendar_date(
                    century + i32::from(yy),
                    Month::try_from(month).ok()?,
                    day,
                )
                .ok()?;
                let number = u32::from(day) * 10_000_000
                    + u32::from(month) * 100_000
                    + u32::from(yy) * 1_000
                    + u32::from(individual);
                let check = "0123456789ABCDEFHJKLMNPRSTUVWXY"
                    .chars()
                    .nth(usize::try_from(number % 31).ok()?)?;
                let official =
                    format!("{day:02}{month:02}{yy:02}{ascii_sign}{individual:03}{check}");
                let written = format!("{day:02}{month:02}{yy:02}{lookalike}{individual:03}{check}");
                Some((official, written))
            },
        )
    }

    proptest! {
        #[test]
        fn find_never_panics_and_returns_ordered_char_boundary_ranges(
            text in prop_oneof![any::<String>(), text_with_codes()]
        ) {
            let mut previous_end = 0;
            for found in find(&text) {
                prop_assert!(text.is_char_boundary(found.start()));
                prop_assert!(text.is_char_boundary(found.end()));
                prop_assert!(found.start() >= previous_end);
                // 11 characters: all ASCII, or one of them a 3-byte look-alike sign.
                prop_assert_eq!(text[found.range()].chars().count(), 11);
                prop_assert!(matches!(found.range().len(), 11 | 13));
                prop_assert!(looks_like(&text[found.range()]));
                let bytes = text.as_bytes();
                prop_assert!(!text[..found.start()].ends_with(|c: char| c.is_ascii_alphanumeric()));
                prop_assert!(!bytes.get(found.end()).is_some_and(u8::is_ascii_alphanumeric));
                previous_end = found.end();
            }
            prop_assert_eq!(contains(&text), find(&text).next().is_some());
        }

        #[test]
        fn contains_agrees_with_find_on_long_texts(
            text in text_with_codes(),
            padding in "[a-zäö .,\n0-9]{64,130}",
        ) {
            // Texts of 64 bytes or more are counted before they are scanned.
            for long in [format!("{padding}{text}"), format!("{text}{padding}")] {
                prop_assert_eq!(contains(&long), find(&long).next().is_some());
                let digits = long.chars().filter(char::is_ascii_digit).count();
                prop_assert_eq!(count_digits(long.as_bytes()), digits);
            }
        }

        #[test]
        fn redact_leaves_no_match_when_replacement_has_no_digit(
            text in text_with_codes(),
            replacement in "[^0-9]{0,8}",
        ) {
            let redacted = redact(&text, &replacement);
            prop_assert!(!contains(&redacted));
        }

        #[test]
        fn lone_code_is_found_iff_it_looks_like_one(
            text in "[0-9]{6}[+\\-A-Za-z\u{2010}-\u{2015}\u{2212}\u{FE63}\u{FF0B}\u{FF0D}][0-9]{3}[0-9A-Za-z]"
        ) {
            let expected = if looks_like(&text) { vec![(0, text.len())] } else { vec![] };
            prop_assert_eq!(spans(&text), expected);
        }

        #[test]
        fn valid_code_with_lookalike_sign_is_always_found(
            (official, written) in code_with_lookalike_sign(),
            before in "[^0-9A-Za-z]{0,3}",
            after in "[^0-9A-Za-z]{0,3}",
        ) {
            // The generator agrees with the strict validator on the official form.
            prop_assert!(is_valid(&official), "{}", official);
            prop_assert!(!is_valid(&written));
            prop_assert!(looks_like(&written));
            let text = format!("{before}{written}{after}");
            let found: Vec<Match> = find(&text).collect();
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].range(), before.len()..before.len() + written.len());
            prop_assert_eq!(found[0].range().len(), 13);
            prop_assert!(found[0].is_checksum_valid());
            prop_assert_eq!(redact(&text, ""), format!("{before}{after}"));
        }
    }
}
