//! A card's front and back, rendered from its highlight as it is now (cards
//! never copy text, so an edit that re-anchors the highlight shows here).

use rusqlite::Connection;

use super::cards::CardRow;
use super::{CardKind, ReviewCard};
use crate::Result;

/// What stands in for a cloze blank.
pub const BLANK: &str = "［…］";

/// Characters that end a sentence (the passage is shown in its sentence).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；')
}

/// The text before and after the passage, out to the sentence's ends.
pub(crate) fn sentence_around(text: &[char], start: usize, end: usize) -> (String, String) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let mut s = start;
    while s > 0 && !ends_sentence(text[s - 1]) {
        s -= 1;
    }
    let mut e = end;
    while e < text.len() && !ends_sentence(text[e]) {
        e += 1;
    }
    if e < text.len() && text[e] != '\n' {
        e += 1; // keep the full stop
    }
    (
        text[s..start].iter().collect(),
        text[end..e].iter().collect(),
    )
}

/// The passage with each cloze span replaced by `blank(word)`.
pub(crate) fn with_spans(
    passage: &str,
    spans: &[[i64; 2]],
    blank: impl Fn(&str) -> String,
) -> String {
    let chars: Vec<char> = passage.chars().collect();
    let mut out = String::new();
    let mut at = 0usize;
    for [s, e] in spans {
        let (s, e) = (
            (*s as usize).min(chars.len()),
            (*e as usize).min(chars.len()),
        );
        if s < at || s >= e {
            continue; // a span the passage no longer holds (it was re-anchored shorter)
        }
        out.extend(&chars[at..s]);
        out.push_str(&blank(&chars[s..e].iter().collect::<String>()));
        at = e;
    }
    out.extend(&chars[at..]);
    out
}

pub(super) fn render(c: &Connection, row: &CardRow) -> Result<ReviewCard> {
    let (article_id, start, end, exact, note, orphan): (i64, i64, i64, String, String, bool) = c
        .query_row(
            "SELECT article_id, start, end, exact, note, orphan FROM highlights WHERE id = ?1",
            [row.highlight_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
    let (title, text): (String, String) = c.query_row(
        "SELECT title, text FROM articles WHERE id = ?1",
        [article_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = c.prepare_cached(
        "SELECT t.name FROM highlight_themes x JOIN themes t ON t.id = x.theme_id
         WHERE x.highlight_id = ?1 ORDER BY t.position, t.name",
    )?;
    let themes = stmt
        .query_map([row.highlight_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // An orphan's offsets are stale: show the passage alone.
    let (before, after) = if orphan {
        (String::new(), String::new())
    } else {
        let chars: Vec<char> = text.chars().collect();
        sentence_around(&chars, start.max(0) as usize, end.max(0) as usize)
    };
    let note_part = if note.trim().is_empty() {
        String::new()
    } else {
        format!("\n\n{}", note.trim())
    };
    let source = format!("《{title}》");
    let (front, back) = match row.kind {
        CardKind::Passage => {
            let front = if !row.question.is_empty() {
                row.question.clone()
            } else if !note.trim().is_empty() {
                note.trim().to_string()
            } else if themes.is_empty() {
                source.clone()
            } else {
                format!("{} · {source}", themes.join("、"))
            };
            (front, format!("{before}【{exact}】{after}{note_part}"))
        }
        CardKind::Cloze => (
            format!(
                "{before}{}{after}",
                with_spans(&exact, &row.cloze, |_| BLANK.to_string())
            ),
            format!(
                "{before}{}{after}{note_part}",
                with_spans(&exact, &row.cloze, |w| format!("【{w}】"))
            ),
        ),
    };
    Ok(ReviewCard {
        card_id: row.id,
        highlight_id: row.highlight_id,
        article_id,
        article_title: title,
        start,
        end,
        kind: row.kind,
        front,
        back,
        cloze: row.cloze.clone(),
        question: row.question.clone(),
        passage: exact,
        context_before: before,
        context_after: after,
        note,
        themes,
        due: super::cards::format_time(row.memory.due),
        is_new: row.memory.state == 0,
        suspended: row.suspended || orphan,
        orphan,
        reps: row.memory.reps,
        lapses: row.memory.lapses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_is_shown_in_its_sentence() {
        let text: Vec<char> = "第一句。人机共生是未来，我们拭目以待。第三句"
            .chars()
            .collect();
        // 人机共生 = 4..8
        let (b, a) = sentence_around(&text, 4, 8);
        assert_eq!(b, "");
        assert_eq!(a, "是未来，我们拭目以待。");
    }

    #[test]
    fn cloze_spans_become_blanks_and_stale_spans_are_ignored() {
        assert_eq!(
            with_spans("人机共生是未来", &[[0, 2], [4, 5]], |_| "_".into()),
            "_共生_未来"
        );
        assert_eq!(
            with_spans("人机", &[[1, 9]], |w| format!("[{w}]")),
            "人[机]"
        );
        assert_eq!(with_spans("人机", &[[5, 9]], |w| format!("[{w}]")), "人机");
    }
}
