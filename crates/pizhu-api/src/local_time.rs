//! "Now" in the user's time zone. The UI sends its offset from UTC (a browser
//! may sit in another zone than `pizhu serve`); without one, the machine's own
//! zone is used (the CLI, the desktop app).

use chrono::{DateTime, FixedOffset, Local, Utc};

use crate::ApiError;

/// The current moment at `utc_offset_minutes` east of UTC, else in the local zone.
pub fn local_now(utc_offset_minutes: Option<i32>) -> Result<DateTime<FixedOffset>, ApiError> {
    match utc_offset_minutes {
        None => Ok(Local::now().fixed_offset()),
        Some(m) => FixedOffset::east_opt(m.saturating_mul(60))
            .filter(|_| m.abs() <= 18 * 60)
            .map(|o| Utc::now().with_timezone(&o))
            .ok_or_else(|| {
                ApiError::invalid(format!("utcOffsetMinutes {m} is not a time-zone offset"))
            }),
    }
}

/// `t` as RFC 3339 with its offset, to the second ("2026-12-02T09:14:00+08:00").
pub fn rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
