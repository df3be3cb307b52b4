//! Contact details in free text: e-mail addresses and phone numbers.
//!
//! Free text written by professionals and clients sometimes carries a name's contact
//! details ("soita 040 123 4567"). They are not refused when read — a text may mention a
//! service's public switchboard — but validators warn about them and reports never show
//! them: [`screen`] takes them out together with personal identity codes.
//!
//! The patterns are deliberately simple and err on the side of finding too much:
//! - an e-mail address is an `@` with at least one of `A-Z a-z 0-9 . _ - +` before it and a
//!   dotted domain after it whose last label is at least two ASCII letters;
//! - a phone number starts with `+` or `0` (not preceded by a letter or digit) and has 8 to
//!   13 digits in all, single spaces or hyphens allowed between digits, and no letter or
//!   digit right after it (`040 123 4567`, `+358 40 1234567`, `09-310 1234`).

use std::borrow::Cow;
use std::ops::Range;

use super::hetu;

/// The byte ranges of the e-mail addresses in `text`, in order.
///
/// # Example
/// ```
/// use rakenne_model::privacy::contact;
///
/// let text = "kirjoita maija.m@example.fi tai soita";
/// let found: Vec<_> = contact::emails(text).collect();
/// assert_eq!(&text[found[0].clone()], "maija.m@example.fi");
/// assert_eq!(contact::emails("@ alone and a@b").count(), 0);
/// ```
pub fn emails(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // Most texts have no `@`: `contains` finds that out with `memchr`, many bytes at a time.
    let any = bytes.contains(&b'@');
    bytes
        .iter()
        .enumerate()
        .filter(move |&(i, &b)| any && b == b'@' && i > 0)
        .filter_map(move |(at, _)| email_at(bytes, at))
}

/// The e-mail address around the `@` at `at`, if there is one.
fn email_at(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let local = bytes[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+'))
        .count();
    let run = bytes[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
        .count();
    // A full stop that ends the sentence is not part of the domain.
    let domain = &bytes[at + 1..at + 1 + run];
    let trimmed = domain.len() - domain.iter().rev().take_while(|&&c| c == b'.').count();
    let domain = &domain[..trimmed];
    let dot = domain.iter().rposition(|&c| c == b'.')?;
    let tld = &domain[dot + 1..];
    let valid = local > 0 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic);
    // Every byte of the range is ASCII, so it starts and ends on character boundaries.
    valid.then(|| at - local..at + 1 + trimmed)
}

/// Whether `text` contains an e-mail address.
///
/// # Example
/// ```
/// use rakenne_model::privacy::contact;
///
/// assert!(contact::contains_email("yhteys: neuvonta@hyvinvointialue.fi."));
/// assert!(!contact::contains_email("klo 12@toimisto"));
/// ```
pub fn contains_email(text: &str) -> bool {
    emails(text).next().is_some()
}

/// The byte ranges of the phone numbers in `text`, in order.
///
/// # Example
/// ```
/// use rakenne_model::privacy::contact;
///
/// let text = "numero +358 40 1234567.";
/// let found: Vec<_> = contact::phone_numbers(text).collect();
/// assert_eq!(&text[found[0].clone()], "+358 40 1234567");
/// assert_eq!(contact::phone_numbers("vuonna 2025 noin 300 asiakasta").count(), 0);
/// ```
pub fn phone_numbers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        // Every byte the pattern looks at is ASCII, so bytes stand for characters: a byte
        // of a multi-byte character is neither a digit nor alphanumeric ASCII.
        while let Some(offset) = bytes[start..].iter().position(|&b| b == b'+' || b == b'0') {
            let at = start + offset;
            start = at + 1;
            if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let mut digits = usize::from(bytes[at] == b'0');
            let mut i = at + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'0'..=b'9' => digits += 1,
                    b' ' | b'-' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {}
                    _ => break,
                }
                i += 1;
            }
            let boundary = i == bytes.len() || !bytes[i].is_ascii_alphanumeric();
            if (8..=13).contains(&digits) && boundary {
                start = i;
                return Some(at..i);
            }
        }
        None
    })
}

/// Whether `text` contains a phone number.
///
/// # Example
/// ```
/// use rakenne_model::privacy::contact;
///
/// assert!(contact::contains_phone_number("soita 040 123 4567"));
/// assert!(!contact::contains_phone_number("R-2025-0001"));
/// ```
pub fn contains_phone_number(text: &str) -> bool {
    phone_numbers(text).next().is_some()
}

/// `text` with every personal identity code ([`hetu::find`]), e-mail address and phone
/// number replaced by `replacement`; borrowed when there is nothing to take out.
///
/// When `replacement` has no ASCII letter, digit or `@`, the result contains none of the
/// three (tested with arbitrary texts): removing one cannot make another, and the screen
/// repeats until nothing is found.
///
/// # Example
/// ```
/// use rakenne_model::privacy::contact;
///
/// let screened = contact::screen("Asiakas (p. 040 123 4567, m@example.fi) soitti.", "▒");
/// assert_eq!(screened, "Asiakas (p. ▒, ▒) soitti.");
/// ```
pub fn screen<'a>(text: &'a str, replacement: &str) -> Cow<'a, str> {
    let mut current = Cow::Borrowed(text);
    loop {
        let mut found: Vec<Range<usize>> = hetu::find(&current)
            .map(|m| m.range())
            .chain(emails(&current))
            .chain(phone_numbers(&current))
            .collect();
        if found.is_empty() {
            return current;
        }
        found.sort_by_key(|r| (r.start, r.end));
        let mut out = String::with_capacity(current.len());
        let mut copied = 0;
        for range in found {
            if range.start < copied {
                // Overlaps what was just replaced: extend the replaced part.
                copied = copied.max(range.end);
                continue;
            }
            out.push_str(&current[copied..range.start]);
            out.push_str(replacement);
            copied = range.end;
        }
        out.push_str(&current[copied..]);
        current = Cow::Owned(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found(text: &str, finder: fn(&str) -> Vec<Range<usize>>) -> Vec<&str> {
        finder(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn email_extents() {
        let emails = |t: &str| emails(t).collect::<Vec<_>>();
        assert_eq!(
            found("(a.b+c@x-y.example.com), d@e.fi.", emails),
            ["a.b+c@x-y.example.com", "d@e.fi"]
        );
        assert!(found("a@b", emails).is_empty());
        assert!(found("a@b.c1", emails).is_empty());
        assert!(found("@x.fi", emails).is_empty());
    }

    #[test]
    fn phone_extents() {
        let phones = |t: &str| phone_numbers(t).collect::<Vec<_>>();
        assert_eq!(
            found("p. 040 123 4567 tai 09-310 1234, +358401234567", phones),
            ["040 123 4567", "09-310 1234", "+358401234567"]
        );
        // Seven digits are too few; a letter right after is not a boundary.
        assert!(found("0401234 and 0401234567x", phones).is_empty());
    }

    #[test]
    fn screen_takes_out_all_three() {
        assert_eq!(
            screen("hetu 131052-308T, 040 1234567, a@b.fi", "[–]"),
            "hetu [–], [–], [–]"
        );
        assert!(matches!(screen("ei mitään", "[–]"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn screened_text_has_no_contact_details_or_identity_codes(
            text in "[0-9a-z@.+ \\-A]{0,60}",
        ) {
            let screened = screen(&text, "[–]");
            prop_assert!(!contains_email(&screened));
            prop_assert!(!contains_phone_number(&screened));
            prop_assert!(!hetu::contains(&screened));
        }

        #[test]
        fn planted_details_are_always_taken_out(
            before in "[a-zäö ,.]{0,20}",
            after in "[a-zäö ,.]{0,20}",
            which in 0..3usize,
        ) {
            let planted = ["131052-308T", "040 123 4567", "neuvonta@esimerkki.fi"][which];
            let text = format!("{before} {planted} {after}");
            let screened = screen(&text, "[–]");
            prop_assert!(!screened.contains(planted));
        }
    }
}
