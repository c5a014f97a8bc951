//! Reading order on a page: lines that cross the middle of the text area are
//! full width (a title, an abstract, a one-column body); runs of lines that
//! stay in one half are two columns, read left column first. A full-width line
//! ends a run, so a title or abstract above the columns stays first.

use super::lines::Line;

/// Which part of the page a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Full,
    Left,
    Right,
}

/// A line in reading order, with the column it was read from.
#[derive(Debug, Clone)]
pub struct Placed {
    pub line: Line,
    pub column: Column,
}

/// Order one page's lines for reading.
pub fn reading_order(mut lines: Vec<Line>) -> Vec<Placed> {
    if lines.is_empty() {
        return Vec::new();
    }
    let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let mid = (left + right) / 2.0;
    let column_of = |l: &Line| {
        let slack = l.size * 0.5;
        if l.x1 <= mid + slack {
            Column::Left
        } else if l.x0 >= mid - slack {
            Column::Right
        } else {
            Column::Full
        }
    };
    // Columns only exist when the page has right-column lines; otherwise a
    // short line that happens to sit in the left half is just a short line.
    let has_right = lines
        .iter()
        .filter(|l| column_of(l) == Column::Right)
        .count()
        >= 3;
    // Columns begin where the right column does: a short last line of a
    // full-width abstract above them is not a left-column line.
    let columns_top = lines
        .iter()
        .filter(|l| column_of(l) == Column::Right)
        .map(|l| l.y - l.size)
        .fold(f64::INFINITY, f64::min);
    lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out = Vec::with_capacity(lines.len());
    let mut run: Vec<(Line, Column)> = Vec::new();
    let flush = |run: &mut Vec<(Line, Column)>, out: &mut Vec<Placed>| {
        for want in [Column::Left, Column::Right] {
            for (l, c) in run.iter().filter(|(_, c)| *c == want) {
                out.push(Placed {
                    line: l.clone(),
                    column: *c,
                });
            }
        }
        run.clear();
    };
    for l in lines {
        let c = if has_right && l.y >= columns_top {
            column_of(&l)
        } else {
            Column::Full
        };
        if c == Column::Full {
            flush(&mut run, &mut out);
            out.push(Placed { line: l, column: c });
        } else {
            run.push((l, c));
        }
    }
    flush(&mut run, &mut out);
    out
}
