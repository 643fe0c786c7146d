//! The text formats of the `Edm` primitives sent as JSON strings: what a
//! valid `Edm.Date`, `Edm.TimeOfDay`, `Edm.DateTimeOffset`, `Edm.Duration`,
//! `Edm.Guid` and `Edm.Binary` look like, and their parts.
//!
//! This file is std-only and imports nothing from its crate on purpose: the
//! runtime of the generated model includes the very same file, so that the
//! samples checker and the generated types accept exactly the same values.
//! Nothing here allocates.
//!
//! What is accepted, and why (OData 4.01 ABNF, which CSDL defines the
//! primitives by):
//! - `Edm.Date`: `YYYY-MM-DD`, a day that exists (leap years counted); a
//!   four-digit year only (the docs write no others).
//! - `Edm.TimeOfDay`: `hh:mm[:ss[.fraction]]`, a fraction of any length;
//!   second 60 (a leap second) is accepted.
//! - `Edm.DateTimeOffset`: `date "T" time (Z / ±hh:mm)`, with an upper-case
//!   `T` and `Z` as XML Schema's `dateTime` (the lexical space CSDL takes
//!   the type from) and every Graph response write them. A missing offset is
//!   accepted: docs examples leave it out and the service reads such values
//!   as UTC.
//! - `Edm.Duration`: `[-]P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]`, at least one
//!   component, a `T` only before a time component. OData's own rule is
//!   XML Schema's `dayTimeDuration` (days to seconds); years, months and
//!   weeks are ISO 8601 components Graph payloads carry too, so they are
//!   read. A fraction is allowed on the seconds only and written with a
//!   point, never a comma (ISO 8601 allows both; OData and XML Schema only
//!   the point, on the seconds).
//! - `Edm.Guid`: `8-4-4-4-12` hex digits in either case, no braces (OData's
//!   `guidValue`).
//! - `Edm.Binary`: base64 in the URL-safe alphabet OData prescribes or the
//!   standard one (the docs show both), padding optional, at most two `=`,
//!   and no length a decoder must reject (a lone last character).

/// `n` ASCII digits exactly, as a number.
fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0, |acc, b| acc * 10 + u32::from(b - b'0')))
}

/// Days of `month` in `year` (proleptic Gregorian).
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `2017-09-04` → (2017, 9, 4).
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(s.get(..4)?, 4)?).ok()?;
    let month = digits(s.get(5..7)?, 2)?;
    let day = digits(s.get(8..)?, 2)?;
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then_some((year, month, day))
}

/// `hh:mm[:ss[.fraction]]` → (hour, minute, second, nanosecond); digits of
/// the fraction past nine are read and dropped.
pub fn parse_time(s: &str) -> Option<(u32, u32, u32, u32)> {
    let (hms, fraction) = match s.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (s, None),
    };
    let mut parts = hms.split(':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    let second = match parts.next() {
        Some(p) => digits(p, 2)?,
        None if fraction.is_none() => 0,
        None => return None,
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let nanos = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(9)
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0')),
        Some(_) => return None,
    };
    Some((hour, minute, second, nanos))
}

/// The parts of an `Edm.DateTimeOffset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTimeParts {
    /// (year, month, day)
    pub date: (i32, u32, u32),
    /// (hour, minute, second, nanosecond)
    pub time: (u32, u32, u32, u32),
    /// Minutes east of UTC; `None` when the text gives no offset.
    pub offset_minutes: Option<i32>,
}

/// `2016-12-31T23:57:57.2481234-08:00` → its parts.
pub fn parse_date_time(s: &str) -> Option<DateTimeParts> {
    let (date, rest) = s.split_once('T')?;
    let date = parse_date(date)?;
    let (time, offset_minutes) = if let Some(time) = rest.strip_suffix('Z') {
        (time, Some(0))
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let (time, offset) = rest.split_at(i);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (h, m) = offset[1..].split_once(':')?;
        let (h, m) = (digits(h, 2)?, digits(m, 2)?);
        if h > 23 || m > 59 {
            return None;
        }
        (time, Some(sign * i32::try_from(h * 60 + m).ok()?))
    } else {
        (rest, None)
    };
    Some(DateTimeParts {
        date,
        time: parse_time(time)?,
        offset_minutes,
    })
}

/// The parts of an `Edm.Duration`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DurationParts {
    /// A leading `-`: the duration goes backwards.
    pub negative: bool,
    /// The `Y` part, which has no fixed length in seconds.
    pub years: f64,
    /// The `M` part before `T` (months), which has no fixed length in seconds.
    pub months: f64,
    /// Weeks, days, hours, minutes and seconds, in seconds.
    pub seconds: f64,
}

/// `P1DT2H`, `PT0.5S`, `-P1Y2M` → its parts.
pub fn parse_duration(s: &str) -> Option<DurationParts> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, t),
        Some(_) => return None,
        None => (rest, ""),
    };
    let mut parts = DurationParts {
        negative,
        ..DurationParts::default()
    };
    let mut any = false;
    for (text, designators) in [(date, "YMWD"), (time, "HMS")] {
        let mut allowed = designators;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c.is_ascii_digit() || c == '.' {
                continue;
            }
            let at = allowed.find(c)?;
            allowed = &allowed[at + c.len_utf8()..];
            let number = &text[start..i];
            start = i + c.len_utf8();
            let whole = number.split('.').next().unwrap_or("");
            let fraction = number.split_once('.').map(|(_, f)| f);
            let fraction_ok = match fraction {
                None => true,
                Some(f) => c == 'S' && !f.is_empty() && !f.contains('.'),
            };
            if whole.is_empty() || !fraction_ok {
                return None;
            }
            let n: f64 = number.parse().ok()?;
            any = true;
            match (designators, c) {
                ("YMWD", 'Y') => parts.years = n,
                ("YMWD", 'M') => parts.months = n,
                ("YMWD", 'W') => parts.seconds += n * 7.0 * 86_400.0,
                ("YMWD", 'D') => parts.seconds += n * 86_400.0,
                (_, 'H') => parts.seconds += n * 3_600.0,
                (_, 'M') => parts.seconds += n * 60.0,
                _ => parts.seconds += n,
            }
        }
        if start != text.len() {
            return None;
        }
    }
    any.then_some(parts)
}

/// `9ceb2f92-2f92-9ceb-922f-eb9c922feb9c`, hex digits in either case.
pub fn is_guid(s: &str) -> bool {
    // Every byte is checked and the answers and-ed, with no branch on the
    // contents: the model reads GUIDs by the thousand, and a check that
    // stops at the first bad byte mispredicts on every good one.
    const DASHES: u64 = (1 << 8) | (1 << 13) | (1 << 18) | (1 << 23);
    let mut ok = s.len() == 36;
    for (i, &b) in s.as_bytes().iter().take(36).enumerate() {
        let dash = (DASHES >> i) & 1 == 1;
        ok &= if dash {
            b == b'-'
        } else {
            b.is_ascii_hexdigit()
        };
    }
    ok
}

/// The value of a base64 character, in either alphabet.
pub fn base64_value(b: u8) -> Option<u32> {
    Some(u32::from(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    }))
}

/// Base64 in the standard or the URL-safe alphabet, padded or not.
pub fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    let padding = s.len() - body.len();
    padding <= 2
        && body.len() % 4 != 1
        && (padding == 0 || s.len().is_multiple_of(4))
        && body.bytes().all(|b| base64_value(b).is_some())
}

/// A valid `Edm.Date`.
pub fn is_date(s: &str) -> bool {
    parse_date(s).is_some()
}

/// A valid `Edm.TimeOfDay`.
pub fn is_time_of_day(s: &str) -> bool {
    parse_time(s).is_some()
}

/// A valid `Edm.DateTimeOffset`.
pub fn is_date_time_offset(s: &str) -> bool {
    parse_date_time(s).is_some()
}

/// A valid `Edm.Duration`.
pub fn is_duration(s: &str) -> bool {
    parse_duration(s).is_some()
}
