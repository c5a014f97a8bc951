//! Today's due cards: every placed, unsuspended card whose due time has come,
//! within the daily limits for new cards and reviews. A day is the user's:
//! midnight to midnight in the time zone of the `now` passed in.

use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::cards::{card_from_row, format_time, CARD_COLUMNS};
use super::render::render;
use super::ReviewCard;
use crate::annotate::themes::{resolve, subtree, ThemeRef};
use crate::{CoreError, Result, Store};

/// Which cards to review: one theme (with its sub-themes), one article, or all.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct DueFilter {
    pub theme: Option<ThemeRef>,
    pub article_id: Option<i64>,
}

/// How many new cards and how many reviews a day may bring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewLimits {
    pub new_per_day: i64,
    pub reviews_per_day: i64,
}

impl Default for ReviewLimits {
    /// Anki's defaults.
    fn default() -> Self {
        ReviewLimits {
            new_per_day: 20,
            reviews_per_day: 200,
        }
    }
}

const LIMITS_KEY: &str = "review.limits";

/// The midnight, in `now`'s own time zone, that starts `now`'s day (as UTC).
pub(super) fn day_start<Tz: TimeZone>(now: &DateTime<Tz>) -> DateTime<Utc> {
    let offset = now.offset().fix();
    let midnight = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    offset
        .from_local_datetime(&midnight)
        .single()
        .expect("a fixed offset has one local midnight")
        .with_timezone(&Utc)
}

impl Store {
    pub fn review_limits(&self) -> Result<ReviewLimits> {
        Ok(match self.setting(LIMITS_KEY)? {
            Some(raw) => serde_json::from_str(&raw).unwrap_or_default(),
            None => ReviewLimits::default(),
        })
    }

    pub fn set_review_limits(&self, limits: &ReviewLimits) -> Result<ReviewLimits> {
        let ok = |n: i64| (0..=10_000).contains(&n);
        if !ok(limits.new_per_day) || !ok(limits.reviews_per_day) {
            return Err(CoreError::Invalid(
                "daily limits must be between 0 and 10000".into(),
            ));
        }
        self.set_setting(LIMITS_KEY, &serde_json::to_string(limits)?)?;
        Ok(*limits)
    }

    /// The cards due at `now` (learning and review cards first, by due time,
    /// then new cards in the order they were added), within today's limits;
    /// "today" is the day of `now` in its own time zone (pass the user's).
    pub fn due_review_cards<Tz: TimeZone>(
        &self,
        filter: &DueFilter,
        now: DateTime<Tz>,
    ) -> Result<Vec<ReviewCard>> {
        let start = day_start(&now);
        let now = now.with_timezone(&Utc);
        let limits = self.review_limits()?;
        self.read(|c| {
            let themes = match &filter.theme {
                Some(t) => Some(subtree(c, resolve(c, t)?)?),
                None => None,
            };
            if let Some(a) = filter.article_id {
                crate::articles::get_article(c, a)?;
            }
            let today = format_time(start);
            let tomorrow = format_time(start + Duration::days(1));
            let (new_done, reviews_done): (i64, i64) = c.query_row(
                "SELECT COALESCE(SUM(state = 0), 0), COALESCE(SUM(state <> 0), 0)
                 FROM review_log WHERE reviewed_at >= ?1 AND reviewed_at < ?2",
                [&today, &tomorrow],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut stmt = c.prepare(&format!(
                "SELECT {CARD_COLUMNS}, h.article_id FROM review_cards c JOIN highlights h ON h.id = c.highlight_id
                 WHERE c.suspended = 0 AND h.orphan = 0 AND c.due <= ?1
                 ORDER BY c.state = 0, CASE WHEN c.state = 0 THEN c.id END, c.due, c.id"
            ))?;
            let rows = stmt
                .query_map([format_time(now)], |r| Ok((card_from_row(r)?, r.get::<_, i64>(15)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut tags = c.prepare_cached("SELECT theme_id FROM highlight_themes WHERE highlight_id = ?1")?;
            let mut new_left = (limits.new_per_day - new_done).max(0);
            let mut reviews_left = (limits.reviews_per_day - reviews_done).max(0);
            let mut out = Vec::new();
            for (row, article) in rows {
                if filter.article_id.is_some_and(|a| a != article) {
                    continue;
                }
                if let Some(themes) = &themes {
                    let t = tags
                        .query_map([row.highlight_id], |r| r.get::<_, i64>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    if !t.iter().any(|t| themes.contains(t)) {
                        continue;
                    }
                }
                let left = if row.memory.state == 0 { &mut new_left } else { &mut reviews_left };
                if *left == 0 {
                    continue;
                }
                *left -= 1;
                out.push(render(c, &row)?);
            }
            Ok(out)
        })
    }
}
