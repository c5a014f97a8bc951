//! FSRS scheduling through `rs-fsrs` (why that crate: `README.md` here).
//!
//! [`Memory`] is what a card row stores; [`next`] applies one grade.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card as FsrsCard, Rating, State, FSRS};
use serde::{Deserialize, Serialize};

use crate::{CoreError, Result};

/// A review grade, as the user gives it (1–4 on the keyboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub fn parse(s: &str) -> Result<Grade> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "again" | "1" => Grade::Again,
            "hard" | "2" => Grade::Hard,
            "good" | "3" => Grade::Good,
            "easy" | "4" => Grade::Easy,
            other => {
                return Err(CoreError::Invalid(format!(
                    "grade {other:?}: use again, hard, good or easy"
                )))
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// 1 (again) … 4 (easy), as the review log stores it.
    pub fn number(self) -> i64 {
        match self {
            Grade::Again => 1,
            Grade::Hard => 2,
            Grade::Good => 3,
            Grade::Easy => 4,
        }
    }

    pub fn from_number(n: i64) -> Option<Grade> {
        Some(match n {
            1 => Grade::Again,
            2 => Grade::Hard,
            3 => Grade::Good,
            4 => Grade::Easy,
            _ => return None,
        })
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

/// A card's FSRS memory state, as its row stores it. `state`: 0 new,
/// 1 learning, 2 review, 3 relearning.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    pub state: i64,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i64,
    pub lapses: i64,
    pub last_review: Option<DateTime<Utc>>,
    pub due: DateTime<Utc>,
}

impl Memory {
    /// A card never reviewed, due at `now`.
    pub fn new_card(now: DateTime<Utc>) -> Memory {
        Memory {
            state: 0,
            stability: 0.0,
            difficulty: 0.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 0,
            lapses: 0,
            last_review: None,
            due: now,
        }
    }

    fn to_fsrs(&self) -> FsrsCard {
        FsrsCard {
            due: self.due,
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: self.elapsed_days,
            scheduled_days: self.scheduled_days,
            reps: self.reps as i32,
            lapses: self.lapses as i32,
            state: match self.state {
                1 => State::Learning,
                2 => State::Review,
                3 => State::Relearning,
                _ => State::New,
            },
            last_review: self.last_review.unwrap_or(self.due),
        }
    }

    fn from_fsrs(c: &FsrsCard) -> Memory {
        Memory {
            state: c.state as i64,
            stability: c.stability,
            difficulty: c.difficulty,
            elapsed_days: c.elapsed_days,
            scheduled_days: c.scheduled_days,
            reps: i64::from(c.reps),
            lapses: i64::from(c.lapses),
            last_review: Some(c.last_review),
            due: c.due,
        }
    }
}

/// The memory state after grading `m` with `grade` at `now`, with FSRS's
/// default parameters (no fuzz, so a schedule is reproducible).
pub fn next(m: &Memory, now: DateTime<Utc>, grade: Grade) -> Memory {
    next_with(FSRS::default(), m, now, grade)
}

fn next_with(fsrs: FSRS, m: &Memory, now: DateTime<Utc>, grade: Grade) -> Memory {
    Memory::from_fsrs(&fsrs.next(m.to_fsrs(), now, grade.rating()).card)
}

#[cfg(test)]
mod tests {
    //! Reference values from ts-fsrs's published test suite
    //! (github.com/open-spaced-repetition/ts-fsrs, `__tests__/FSRSV5.test.ts`,
    //! commit 0e57fa796f0783ea0c8fad532a443987a965dd9f): computed by the
    //! TypeScript implementation, so they check this crate, not itself.
    use super::*;
    use chrono::{Duration, TimeZone};
    use rs_fsrs::Parameters;

    /// The weights that test file uses.
    const TS_FSRS_W: [f64; 19] = [
        0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178,
        2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
    ];

    fn reference() -> FSRS {
        FSRS::new(Parameters {
            w: TS_FSRS_W,
            ..Default::default()
        })
    }

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2022, 12, 29, 12, 30, 0).unwrap()
    }

    fn round(x: f64, places: i32) -> f64 {
        let m = 10f64.powi(places);
        (x * m).round() / m
    }

    #[test]
    fn first_grade_matches_ts_fsrs_first_repeat() {
        let grades = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];
        let cards: Vec<Memory> = grades
            .iter()
            .map(|g| next_with(reference(), &Memory::new_card(start()), start(), *g))
            .collect();
        let s: Vec<f64> = cards.iter().map(|c| c.stability).collect();
        let d: Vec<f64> = cards.iter().map(|c| round(c.difficulty, 8)).collect();
        let ivl: Vec<i64> = cards.iter().map(|c| c.scheduled_days).collect();
        let state: Vec<i64> = cards.iter().map(|c| c.state).collect();
        assert_eq!(s, [0.4197, 1.1869, 3.0412, 15.2441]);
        assert_eq!(d, [7.1434, 6.23225985, 4.49094334, 1.16304343]);
        assert_eq!(ivl, [0, 0, 0, 15]);
        assert_eq!(state, [1, 1, 1, 2]);
        assert!(cards.iter().all(|c| c.reps == 1 && c.lapses == 0));
    }

    #[test]
    fn memory_state_after_a_sequence_matches_ts_fsrs() {
        let grades = [
            Grade::Again,
            Grade::Good,
            Grade::Good,
            Grade::Good,
            Grade::Good,
            Grade::Good,
        ];
        let gaps = [0, 0, 1, 3, 8, 21];
        let mut now = start();
        let mut m = Memory::new_card(now);
        for (g, gap) in grades.iter().zip(gaps) {
            m = next_with(reference(), &m, now, *g);
            now += Duration::days(gap);
        }
        let last = next_with(reference(), &m, now, Grade::Good);
        assert_eq!(round(last.stability, 4), 71.4554);
        assert_eq!(round(last.difficulty, 4), 5.0976);
    }

    #[test]
    fn grades_parse_from_words_and_numbers_and_bad_ones_are_refused() {
        assert_eq!(Grade::parse("Good").unwrap(), Grade::Good);
        assert_eq!(Grade::parse("4").unwrap(), Grade::Easy);
        assert!(Grade::parse("great").is_err());
        for g in [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy] {
            assert_eq!(Grade::from_number(g.number()), Some(g));
            assert_eq!(Grade::parse(g.name()).unwrap(), g);
        }
    }
}
