//! Review counts, reviews per day with retention, and the full history (for
//! the CSV export).

use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::cards::format_time;
use super::due::day_start;
use super::Grade;
use crate::{Result, Store};

/// One day of the history (the user's local date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DayStats {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reviews: i64,
    /// Reviews of cards already learnt (not new) …
    pub recalls: i64,
    /// … of which not graded "again".
    pub remembered: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewStats {
    pub cards: i64,
    pub new_cards: i64,
    /// Suspended by the user or by an orphaned highlight.
    pub suspended: i64,
    /// Due now, before the daily limits.
    pub due_now: i64,
    pub reviewed_today: i64,
    /// The last `days` days, oldest first (days without reviews included).
    pub days: Vec<DayStats>,
    /// Share of recalls not graded "again" over those days; `None` without any.
    pub retention: Option<f64>,
}

/// One grade of the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryRow {
    pub reviewed_at: String,
    pub card_id: i64,
    pub highlight_id: i64,
    pub article_title: String,
    pub passage: String,
    pub kind: String,
    pub grade: Grade,
    /// The card's state before the grade: new, learning, review, relearning.
    pub state: String,
    pub scheduled_days: i64,
    pub stability: f64,
    pub difficulty: f64,
}

fn state_name(s: i64) -> &'static str {
    match s {
        0 => "new",
        1 => "learning",
        2 => "review",
        _ => "relearning",
    }
}

impl Store {
    /// Counts now, and the last `days` days of reviews.
    /// Days are the days of `now`'s time zone (pass the user's).
    pub fn review_stats<Tz: TimeZone>(&self, now: DateTime<Tz>, days: i64) -> Result<ReviewStats> {
        let days = days.clamp(1, 366);
        let local_start = day_start(&now);
        let offset_minutes = now.offset().fix().local_minus_utc() / 60;
        let today = now.date_naive();
        let now = now.with_timezone(&Utc);
        self.read(|c| {
            let (cards, new_cards, suspended, due_now): (i64, i64, i64, i64) = c.query_row(
                "SELECT COUNT(*), COALESCE(SUM(c.state = 0), 0),
                        COALESCE(SUM(c.suspended = 1 OR h.orphan = 1), 0),
                        COALESCE(SUM(c.suspended = 0 AND h.orphan = 0 AND c.due <= ?1), 0)
                 FROM review_cards c JOIN highlights h ON h.id = c.highlight_id",
                [format_time(now)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            let first = local_start - Duration::days(days - 1);
            // Each review counts on the user's local date.
            let mut stmt = c.prepare(
                "SELECT date(reviewed_at, ?2 || ' minutes'), COUNT(*), COALESCE(SUM(state <> 0), 0),
                        COALESCE(SUM(state <> 0 AND grade > 1), 0)
                 FROM review_log WHERE reviewed_at >= ?1 GROUP BY 1",
            )?;
            let rows = stmt
                .query_map(
                    rusqlite::params![format_time(first), format!("{offset_minutes:+}")],
                    |r| {
                        Ok(DayStats {
                            date: r.get(0)?,
                            reviews: r.get(1)?,
                            recalls: r.get(2)?,
                            remembered: r.get(3)?,
                        })
                    },
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let out_days: Vec<DayStats> = (0..days)
                .map(|i| {
                    let date = (today - Duration::days(days - 1 - i))
                        .format("%Y-%m-%d")
                        .to_string();
                    rows.iter()
                        .find(|d| d.date == date)
                        .cloned()
                        .unwrap_or(DayStats {
                            date,
                            reviews: 0,
                            recalls: 0,
                            remembered: 0,
                        })
                })
                .collect();
            let recalls: i64 = out_days.iter().map(|d| d.recalls).sum();
            let remembered: i64 = out_days.iter().map(|d| d.remembered).sum();
            let today = today.format("%Y-%m-%d").to_string();
            Ok(ReviewStats {
                cards,
                new_cards,
                suspended,
                due_now,
                reviewed_today: out_days
                    .iter()
                    .find(|d| d.date == today)
                    .map_or(0, |d| d.reviews),
                days: out_days,
                retention: (recalls > 0).then(|| remembered as f64 / recalls as f64),
            })
        })
    }

    /// Every grade ever given, oldest first.
    pub fn review_history(&self) -> Result<Vec<HistoryRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT l.reviewed_at, l.card_id, c.highlight_id, a.title, h.exact, c.kind, l.grade,
                        l.state, l.scheduled_days, l.stability, l.difficulty
                 FROM review_log l JOIN review_cards c ON c.id = l.card_id
                 JOIN highlights h ON h.id = c.highlight_id JOIN articles a ON a.id = h.article_id
                 ORDER BY l.id",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(HistoryRow {
                        reviewed_at: r.get(0)?,
                        card_id: r.get(1)?,
                        highlight_id: r.get(2)?,
                        article_title: r.get(3)?,
                        passage: r.get(4)?,
                        kind: r.get(5)?,
                        grade: Grade::from_number(r.get(6)?).unwrap_or(Grade::Again),
                        state: state_name(r.get(7)?).to_string(),
                        scheduled_days: r.get(8)?,
                        stability: r.get(9)?,
                        difficulty: r.get(10)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}
