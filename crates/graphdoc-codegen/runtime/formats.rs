//! Parsers of the Edm text formats (dates, times, durations, GUIDs,
//! base64): std only.

pub(crate) fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

pub(crate) fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let (year, rest) = s.split_at_checked(4)?;
    let year = i32::try_from(digits(year, 4)?).ok()?;
    let rest = rest.strip_prefix('-')?;
    let (month, rest) = rest.split_at_checked(2)?;
    let day = rest.strip_prefix('-')?;
    let (month, day) = (digits(month, 2)?, digits(day, 2)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// hh:mm:ss with an optional fraction of any length; seconds may be left out.
pub(crate) fn parse_time(s: &str) -> Option<(u32, u32, u32, u32)> {
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
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let mut padded: String = f.chars().take(9).collect();
            while padded.len() < 9 {
                padded.push('0');
            }
            padded.parse().ok()?
        }
        Some(_) => return None,
    };
    Some((hour, minute, second, nanos))
}

pub(crate) struct DateTimeParts {
    pub(crate) date: (i32, u32, u32),
    pub(crate) time: (u32, u32, u32, u32),
    pub(crate) offset_minutes: Option<i32>,
}

pub(crate) fn parse_date_time(s: &str) -> Option<DateTimeParts> {
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
        // Docs examples sometimes leave the offset out; keep them readable.
        (rest, None)
    };
    Some(DateTimeParts {
        date,
        time: parse_time(time)?,
        offset_minutes,
    })
}

pub(crate) fn parse_duration(s: &str) -> Option<DurationParts> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut parts = DurationParts {
        negative,
        ..DurationParts::default()
    };
    let mut any = false;
    for (text, designators) in [(date, "YMWD"), (time.unwrap_or(""), "HMS")] {
        let mut number = String::new();
        let mut allowed = designators;
        for c in text.chars() {
            if c.is_ascii_digit() || (c == '.' && designators == "HMS") {
                number.push(c);
                continue;
            }
            let at = allowed.find(c)?;
            allowed = &allowed[at + 1..];
            let n: f64 = number.parse().ok()?;
            if number.contains('.') && c != 'S' {
                return None;
            }
            number.clear();
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
        if !number.is_empty() {
            return None;
        }
    }
    any.then_some(parts)
}

#[derive(Default)]
pub(crate) struct DurationParts {
    pub(crate) negative: bool,
    pub(crate) years: f64,
    pub(crate) months: f64,
    pub(crate) seconds: f64,
}

pub(crate) fn is_guid(s: &str) -> bool {
    // 8-4-4-4-12 hex digits; checked in place, no allocation.
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub(crate) fn base64_value(b: u8) -> Option<u32> {
    Some(u32::from(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    }))
}

pub(crate) fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2 && body.bytes().all(|b| base64_value(b).is_some())
}
