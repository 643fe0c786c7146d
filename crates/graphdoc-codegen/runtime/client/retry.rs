//! Retrying `429 Too Many Requests` and `503 Service Unavailable` after the
//! wait the service asks for, within a bounded budget.

use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How often and how long a throttled request is retried.
///
/// A `429` or `503` answer is retried after its `Retry-After` (seconds or
/// an HTTP date), or, without one, after `backoff` doubled per retry. The
/// budget bounds both the number of retries and the total time waited: an
/// answer that asks for more than is left is returned as the error it is
/// (its status and OData error), never slept on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0: never retry).
    pub max_retries: u32,
    /// The most time spent waiting across the retries of one request.
    pub max_total_wait: Duration,
    /// The first wait when the answer has no `Retry-After`.
    pub backoff: Duration,
}

impl Default for RetryPolicy {
    /// 4 retries, 2 minutes of waiting in all, 1 s backoff.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            max_total_wait: Duration::from_secs(120),
            backoff: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    pub(crate) fn budget(self) -> Budget {
        Budget {
            policy: self,
            retries: 0,
            waited: Duration::ZERO,
        }
    }
}

/// What is left of a policy for one request.
pub(crate) struct Budget {
    policy: RetryPolicy,
    retries: u32,
    waited: Duration,
}

impl Budget {
    /// How long to wait before the next attempt, or `None` when the
    /// budget does not allow one.
    pub(crate) fn next_delay(&mut self, retry_after: Option<Duration>) -> Option<Duration> {
        if self.retries >= self.policy.max_retries {
            return None;
        }
        let delay = retry_after.unwrap_or_else(|| {
            self.policy
                .backoff
                .saturating_mul(1 << self.retries.min(16))
        });
        let waited = self.waited.checked_add(delay)?;
        if waited > self.policy.max_total_wait {
            return None;
        }
        self.retries += 1;
        self.waited = waited;
        Some(delay)
    }
}

/// The `Retry-After` of an answer: delta-seconds, or an HTTP date (a date
/// in the past is no wait).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(text)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37
/// GMT`), the form HTTP dates are sent in.
fn http_date(text: &str) -> Option<u64> {
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<u64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60
    {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let days = u64::try_from(days_from_civil(year, month, day as i64)).ok()?;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
