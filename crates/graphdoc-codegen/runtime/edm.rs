//! The Edm string types: the exact text received, validated.

use super::error::{Error, ErrorKind};
use super::field::Field;
use super::formats::*;
use super::wire::{read_scalar_field, read_string, string_from, ScalarRef, Sink, Source, Wire};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! edm_string {
    ($(#[$doc:meta])* $name:ident, $what:literal, $valid:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks the text and keeps it as is.
            pub fn new(text: impl Into<String>) -> Result<Self, Error> {
                let text = text.into();
                let valid: fn(&str) -> bool = $valid;
                if valid(&text) {
                    Ok($name(text))
                } else {
                    Err(Error::with_kind(
                        ErrorKind::Invalid,
                        format!(concat!("not a valid ", $what, ": {:?}"), text),
                    ))
                }
            }

            /// The text exactly as received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Wire for $name {
            fn read(src: &mut dyn Source) -> Result<Self, Error> {
                $name::new(read_string(src)?)
            }
            fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
                sink.str(&self.0)
            }
            #[inline]
            fn as_scalar(&self) -> Option<ScalarRef<'_>> {
                Some(ScalarRef::Str(&self.0))
            }
            fn read_field(field: &mut Field<Self>, src: &mut dyn Source) -> Result<(), Error> {
                read_scalar_field(field, src, |scalar| $name::new(string_from(scalar)?))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::new(text).map_err(D::Error::custom)
            }
        }
    };
}

edm_string!(
    /// `Edm.DateTimeOffset`: `2016-12-31T23:57:57.2481234-08:00`, kept as
    /// text so that any precision and offset round-trip exactly.
    DateTimeOffset,
    "Edm.DateTimeOffset",
    |s| parse_date_time(s).is_some()
);

impl DateTimeOffset {
    fn parts(&self) -> DateTimeParts {
        parse_date_time(&self.0).expect("validated on construction")
    }

    pub fn year(&self) -> i32 {
        self.parts().date.0
    }
    pub fn month(&self) -> u32 {
        self.parts().date.1
    }
    pub fn day(&self) -> u32 {
        self.parts().date.2
    }
    pub fn hour(&self) -> u32 {
        self.parts().time.0
    }
    pub fn minute(&self) -> u32 {
        self.parts().time.1
    }
    pub fn second(&self) -> u32 {
        self.parts().time.2
    }
    /// The fraction of the second in nanoseconds (digits past 9 dropped).
    pub fn nanosecond(&self) -> u32 {
        self.parts().time.3
    }
    /// The offset from UTC in minutes; `None` when the text has none.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.parts().offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00Z (a missing offset counts as UTC).
    pub fn unix_timestamp(&self) -> i64 {
        let p = self.parts();
        let (y, m, d) = p.date;
        // Days from civil, Howard Hinnant's algorithm.
        let y = i64::from(y) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let (h, min, s, _) = p.time;
        days * 86_400 + i64::from(h) * 3_600 + i64::from(min) * 60 + i64::from(s)
            - i64::from(p.offset_minutes.unwrap_or(0)) * 60
    }
}

edm_string!(
    /// `Edm.Date`: `2017-09-04`.
    Date,
    "Edm.Date",
    |s| parse_date(s).is_some()
);

impl Date {
    pub fn year(&self) -> i32 {
        parse_date(&self.0).expect("validated").0
    }
    pub fn month(&self) -> u32 {
        parse_date(&self.0).expect("validated").1
    }
    pub fn day(&self) -> u32 {
        parse_date(&self.0).expect("validated").2
    }
}

edm_string!(
    /// `Edm.TimeOfDay`: `11:00:00.0000000`.
    TimeOfDay,
    "Edm.TimeOfDay",
    |s| parse_time(s).is_some()
);

impl TimeOfDay {
    pub fn hour(&self) -> u32 {
        parse_time(&self.0).expect("validated").0
    }
    pub fn minute(&self) -> u32 {
        parse_time(&self.0).expect("validated").1
    }
    pub fn second(&self) -> u32 {
        parse_time(&self.0).expect("validated").2
    }
    pub fn nanosecond(&self) -> u32 {
        parse_time(&self.0).expect("validated").3
    }
}

edm_string!(
    /// `Edm.Duration`, ISO 8601: `PT1H30M`, `P1D`, `-PT0.5S`.
    Duration,
    "Edm.Duration",
    |s| parse_duration(s).is_some()
);

impl Duration {
    /// The length in seconds; `None` when it has years or months, whose
    /// length depends on the calendar.
    pub fn as_seconds_f64(&self) -> Option<f64> {
        let p = parse_duration(&self.0).expect("validated");
        if p.years != 0.0 || p.months != 0.0 {
            return None;
        }
        Some(if p.negative { -p.seconds } else { p.seconds })
    }

    /// The length as a `std::time::Duration`; `None` when negative or when
    /// it has years or months.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let s = self.as_seconds_f64()?;
        std::time::Duration::try_from_secs_f64(s).ok()
    }
}

edm_string!(
    /// `Edm.Guid`: `9ceb2f92-2f92-9ceb-922f-eb9c922feb9c`, case kept.
    Guid,
    "Edm.Guid",
    is_guid
);

impl Guid {
    pub fn to_u128(&self) -> u128 {
        let hex: String = self.0.chars().filter(|c| *c != '-').collect();
        u128::from_str_radix(&hex, 16).expect("validated")
    }

    /// Formats in the lowercase hyphenated form.
    pub fn from_u128(value: u128) -> Self {
        let h = format!("{value:032x}");
        Guid(format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        ))
    }
}

edm_string!(
    /// `Edm.Binary`: base64 text, kept as received; [`Base64::decode`]
    /// gives the bytes.
    Base64,
    "base64 (Edm.Binary)",
    is_base64
);

impl Base64 {
    /// Standard alphabet with padding.
    pub fn encode(bytes: &[u8]) -> Self {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        Base64(out)
    }

    /// Accepts the standard and the URL-safe alphabet, padded or not.
    pub fn decode(&self) -> Result<Vec<u8>, Error> {
        let body = self.0.trim_end_matches('=');
        if body.len() % 4 == 1 {
            return Err(Error::new("truncated base64"));
        }
        let mut out = Vec::with_capacity(body.len() * 3 / 4);
        let mut acc = 0u32;
        let mut bits = 0;
        for b in body.bytes() {
            acc = (acc << 6) | base64_value(b).ok_or_else(|| Error::new("invalid base64"))?;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push(((acc >> bits) & 0xff) as u8);
            }
        }
        Ok(out)
    }
}
