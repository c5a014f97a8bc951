//! Re-anchoring: where does a highlight belong after its article's text was edited?
//!
//! Pure functions over the old text, the new text and a highlight's selectors. The
//! order of attempts follows the issue:
//!
//! 1. the stored position, carried across the edit (text before the edited region
//!    keeps its offsets, text after it shifts by the length change) — if the quote
//!    is still there;
//! 2. the exact quote searched in the new text, candidates judged by how well the
//!    text around them matches the stored prefix and suffix and by how near they are
//!    to the old position;
//! 3. a fuzzy match of the quote with a bounded number of edits (≤ 25 % of its
//!    length), again judged by prefix and suffix.
//!
//! Anything that cannot be placed confidently — no candidate, a weak one, or two
//! that are equally good — is an [`Anchor::Orphan`]. A wrong passage is worse than
//! an orphan, so every threshold leans towards orphaning.

/// The W3C TextQuoteSelector plus the code-point range it was last seen at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote<'a> {
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Where a highlight goes in the new text (code-point offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Placed { start: usize, end: usize, how: How },
    Orphan,
}

/// Which rule placed a highlight (reported in tests and figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The quote is at its old position carried across the edit.
    Position,
    /// The exact quote was found elsewhere and its context picked it.
    Exact,
    /// A near-match of the quote (the edit touched the highlighted text itself).
    Fuzzy,
}

/// How many code points of context the selector keeps on each side.
pub const CONTEXT_CHARS: usize = 32;
/// A fuzzy match may differ from the quote in at most this share of its length.
pub const MAX_EDIT_RATIO: f64 = 0.25;
/// Context similarity (0..1) a short quote needs to be placed away from its old spot.
const MIN_CONTEXT: f64 = 0.5;
/// A quote at least this long, found exactly once, is evidence enough on its own
/// (its context may have changed completely when its paragraph moved). Shorter
/// phrases repeat in real articles (an association's full name, a slogan), so a
/// short one needs its context.
const SELF_EVIDENT_EXACT: usize = 32;
/// The same for a fuzzy match, which is weaker evidence.
const SELF_EVIDENT_FUZZY: usize = 48;
/// Longest quote whose fuzzy match is refined with its context (cost grows with the square).
const MAX_REFINE: usize = 1000;
/// The best candidate must beat the runner-up by this much, else it is ambiguous.
const MARGIN: f64 = 0.1;
/// Cap on fuzzy-search work (pattern length × text length) so a huge highlight in a
/// huge article cannot stall an edit; beyond it only a window round the old spot is searched.
const MAX_FUZZY_CELLS: usize = 30_000_000;

/// The prefix and suffix (up to [`CONTEXT_CHARS`] each) around `start..end` in `text`.
pub fn context_of(text: &[char], start: usize, end: usize) -> (String, String) {
    let p0 = start.saturating_sub(CONTEXT_CHARS);
    let s1 = (end + CONTEXT_CHARS).min(text.len());
    (
        text[p0..start].iter().collect(),
        text[end..s1].iter().collect(),
    )
}

/// The edited region of `old` → `new`: lengths of the common prefix and suffix.
#[derive(Debug, Clone, Copy)]
pub struct EditSpan {
    common_prefix: usize,
    common_suffix: usize,
    old_len: usize,
    new_len: usize,
}

impl EditSpan {
    pub fn between(old: &[char], new: &[char]) -> EditSpan {
        let common_prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let max_suffix = old.len().min(new.len()) - common_prefix;
        let common_suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        EditSpan {
            common_prefix,
            common_suffix,
            old_len: old.len(),
            new_len: new.len(),
        }
    }

    /// Where an old offset lands, if it lies outside the edited region (an offset on
    /// the region's edge counts as outside: inserting text exactly at a highlight's
    /// start leaves the highlight after the insertion).
    fn map_start(&self, old: usize) -> Option<usize> {
        if old <= self.common_prefix && old < self.old_len - self.common_suffix {
            Some(old)
        } else if old >= self.old_len - self.common_suffix {
            Some(old + self.new_len - self.old_len)
        } else {
            None
        }
    }

    fn map_end(&self, old: usize) -> Option<usize> {
        if old <= self.common_prefix {
            Some(old)
        } else if old >= self.old_len - self.common_suffix {
            Some(old + self.new_len - self.old_len)
        } else {
            None
        }
    }

    /// The old range `start..end` lies apart from the edited region, not touching it.
    fn clear_of(&self, start: usize, end: usize) -> bool {
        end < self.common_prefix || start > self.old_len - self.common_suffix
    }

    /// A best guess of where an old offset went (inside the edit: the edit's start).
    fn hint(&self, old: usize) -> usize {
        self.map_start(old)
            .unwrap_or(self.common_prefix)
            .min(self.new_len)
    }
}

/// Place one highlight in `new`. `span` is [`EditSpan::between`] the old and new
/// text (computed once per edit). `was_orphan`: the stored position means nothing.
pub fn reanchor(new: &[char], span: &EditSpan, q: &Quote, was_orphan: bool) -> Anchor {
    let exact: Vec<char> = q.exact.chars().collect();
    let m = exact.len();
    if m == 0 {
        return Anchor::Orphan;
    }
    let prefix: Vec<char> = q.prefix.chars().collect();
    let suffix: Vec<char> = q.suffix.chars().collect();

    // 1. The old position carried across the edit — when the edit does not touch
    // the highlight. (An edit right at its edge has two readings: "第二种" followed by
    // a deleted sentence may as well be the start of the next paragraph; the
    // search below weighs the context instead.)
    if !was_orphan && span.clear_of(q.start, q.end) {
        if let (Some(s), Some(e)) = (span.map_start(q.start), span.map_end(q.end)) {
            if e == s + m && e <= new.len() && new[s..e] == exact[..] {
                return Anchor::Placed {
                    start: s,
                    end: e,
                    how: How::Position,
                };
            }
        }
    }
    let hint = if was_orphan {
        None
    } else {
        Some(span.hint(q.start))
    };

    // 2. The exact quote anywhere.
    let exact_hits: Vec<Candidate> = find_all(new, &exact)
        .into_iter()
        .map(|s| Candidate::new(new, s, s + m, 0, &prefix, &suffix, hint))
        .collect();
    if !exact_hits.is_empty() {
        let self_evident = exact_hits.len() == 1 && m >= SELF_EVIDENT_EXACT;
        if let placed @ Anchor::Placed { .. } = choose(exact_hits, m, self_evident, How::Exact) {
            return placed;
        }
        // Exact copies in the wrong context: the real passage may be an edited one.
    }

    // 3. A near-match with at most MAX_EDIT_RATIO edits.
    let k = ((m as f64) * MAX_EDIT_RATIO).floor() as usize;
    if k == 0 {
        return Anchor::Orphan;
    }
    let (lo, hi) = if m.saturating_mul(new.len()) <= MAX_FUZZY_CELLS {
        (0, new.len())
    } else {
        let h = hint.unwrap_or(0);
        let reach = (MAX_FUZZY_CELLS / m).saturating_sub(m) / 2;
        (h.saturating_sub(reach), (h + m + reach).min(new.len()))
    };
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (s, e, _) in fuzzy_find(&new[lo..hi], &exact, k) {
        let (s, e) = if m <= MAX_REFINE {
            refine(new, lo + s, lo + e, &prefix, &exact, &suffix, k)
        } else {
            (lo + s, lo + e)
        };
        if s < e && !spans.contains(&(s, e)) {
            spans.push((s, e));
        }
    }
    let fuzzy: Vec<Candidate> = spans
        .into_iter()
        .filter_map(|(s, e)| {
            let d = levenshtein(&exact, &new[s..e]);
            (d <= k).then(|| Candidate::new(new, s, e, d, &prefix, &suffix, hint))
        })
        .collect();
    let self_evident = fuzzy.len() == 1 && m >= SELF_EVIDENT_FUZZY;
    choose(fuzzy, m, self_evident, How::Fuzzy)
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    /// Edits between the quote and this passage.
    distance: usize,
    /// Mean similarity of the stored prefix and suffix to the text around it (0..1).
    context: f64,
    /// How far from the old position, in code points (`usize::MAX` without one).
    offset: usize,
}

impl Candidate {
    fn new(
        text: &[char],
        start: usize,
        end: usize,
        distance: usize,
        prefix: &[char],
        suffix: &[char],
        hint: Option<usize>,
    ) -> Candidate {
        // A context cut short by the start or end of the text is treated as ending
        // in a paragraph break, on the stored side and the candidate's side alike.
        let mut stored_before = prefix.to_vec();
        if stored_before.len() < CONTEXT_CHARS {
            stored_before.insert(0, '\n');
        }
        let mut before = text[start.saturating_sub(stored_before.len())..start].to_vec();
        if before.len() < stored_before.len() {
            before.insert(0, '\n');
        }
        let mut stored_after = suffix.to_vec();
        if stored_after.len() < CONTEXT_CHARS {
            stored_after.push('\n');
        }
        let mut after = text[end..(end + stored_after.len()).min(text.len())].to_vec();
        if after.len() < stored_after.len() {
            after.push('\n');
        }
        // Each side counts by how much context it has: a lone paragraph break
        // before a highlight is weak evidence, 32 matching characters are strong.
        let (p, p_len) = tail_similarity(&stored_before, &before);
        let (q, q_len) = head_similarity(&stored_after, &after);
        let context = (p * p_len as f64 + q * q_len as f64) / (p_len + q_len) as f64;
        let offset = hint.map_or(usize::MAX, |h| h.abs_diff(start));
        Candidate {
            start,
            end,
            distance,
            context,
            offset,
        }
    }

    /// Quote fidelity and context together; nearness only breaks near-ties.
    fn score(&self, m: usize) -> f64 {
        let nearness = if self.offset == usize::MAX {
            0.0
        } else {
            0.02 / (1.0 + self.offset as f64 / 1000.0)
        };
        self.context - 0.5 * (self.distance as f64 / m as f64) + nearness
    }
}

/// Pick the best candidate, or orphan when it is weak or not clearly the best.
fn choose(mut cands: Vec<Candidate>, m: usize, self_evident: bool, how: How) -> Anchor {
    if cands.is_empty() {
        return Anchor::Orphan;
    }
    cands.sort_by(|a, b| b.score(m).total_cmp(&a.score(m)));
    let best = &cands[0];
    if !self_evident && best.context < MIN_CONTEXT {
        return Anchor::Orphan;
    }
    let rival = cands
        .iter()
        .skip(1)
        .find(|c| c.end <= best.start || c.start >= best.end);
    if let Some(r) = rival {
        if best.score(m) - r.score(m) < MARGIN {
            return Anchor::Orphan;
        }
    }
    Anchor::Placed {
        start: best.start,
        end: best.end,
        how,
    }
}

/// Start offsets of every occurrence of `pat` in `text` (overlapping ones too).
fn find_all(text: &[char], pat: &[char]) -> Vec<usize> {
    if pat.len() > text.len() {
        return vec![];
    }
    (0..=text.len() - pat.len())
        .filter(|&i| text[i] == pat[0] && text[i..i + pat.len()] == *pat)
        .collect()
}

/// Approximate substring search (Sellers): every passage of `text` within `k` edits
/// of `pat`, as (start, end, edits). Each cell carries where its alignment started,
/// so the passage's start comes out of the same pass. Overlapping hits are reduced
/// to the best one of each cluster.
fn fuzzy_find(text: &[char], pat: &[char], k: usize) -> Vec<(usize, usize, usize)> {
    let m = pat.len();
    // Column j of the DP over the pattern: cost[i] = edits aligning pat[..i] ending at text[..j].
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut origin: Vec<usize> = vec![0; m + 1];
    let mut ends: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, d) at each end j
    for (j, &ch) in text.iter().enumerate() {
        let mut diag_cost = cost[0];
        let mut diag_origin = origin[0];
        cost[0] = 0;
        origin[0] = j + 1;
        for i in 1..=m {
            let up_cost = cost[i]; // previous column, same row (text char skipped)
            let up_origin = origin[i];
            let sub = diag_cost + usize::from(pat[i - 1] != ch);
            let del = cost[i - 1] + 1; // pattern char skipped
            let ins = up_cost + 1;
            let (c, o) = if sub <= del && sub <= ins {
                (sub, diag_origin)
            } else if del <= ins {
                (del, origin[i - 1])
            } else {
                (ins, up_origin)
            };
            diag_cost = up_cost;
            diag_origin = up_origin;
            cost[i] = c;
            origin[i] = o;
        }
        if cost[m] <= k {
            ends.push((origin[m], j + 1, cost[m]));
        }
    }
    // Group runs of overlapping hits; keep each group's hits with the fewest edits
    // (ties differ in where the passage starts or ends; context decides later).
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let mut group: Vec<(usize, usize, usize)> = Vec::new();
    let mut group_end = 0;
    for hit in ends {
        if !group.is_empty() && hit.0 >= group_end {
            keep_fewest_edits(&mut group, &mut out);
        }
        group_end = group_end.max(hit.1);
        group.push(hit);
    }
    keep_fewest_edits(&mut group, &mut out);
    out
}

fn keep_fewest_edits(group: &mut Vec<(usize, usize, usize)>, out: &mut Vec<(usize, usize, usize)>) {
    if let Some(best) = group.iter().map(|h| h.2).min() {
        out.extend(group.iter().filter(|h| h.2 == best));
    }
    group.clear();
}

/// Adjust a fuzzy hit's boundaries by aligning prefix + quote + suffix against the
/// text around it: where the quote's first and last characters land in the best
/// alignment is where the passage starts and ends. Text inserted right at a
/// boundary stays outside the passage.
fn refine(
    text: &[char],
    s: usize,
    e: usize,
    prefix: &[char],
    exact: &[char],
    suffix: &[char],
    k: usize,
) -> (usize, usize) {
    let lo = s.saturating_sub(k + prefix.len());
    let hi = (e + k + suffix.len()).min(text.len());
    let win = &text[lo..hi];
    let pat: Vec<char> = prefix.iter().chain(exact).chain(suffix).copied().collect();
    let (rows, cols) = (pat.len() + 1, win.len() + 1);
    // Full matrix for the traceback; text before and after the alignment is free.
    let mut d = vec![0u32; rows * cols];
    for i in 1..rows {
        d[i * cols] = i as u32;
        for j in 1..cols {
            let sub = d[(i - 1) * cols + j - 1] + u32::from(pat[i - 1] != win[j - 1]);
            let del = d[(i - 1) * cols + j] + 1;
            let ins = d[i * cols + j - 1] + 1;
            d[i * cols + j] = sub.min(del).min(ins);
        }
    }
    let last = (rows - 1) * cols;
    let mut j = (0..cols).min_by_key(|&j| (d[last + j], j)).unwrap_or(0);
    let (p0, p1) = (prefix.len(), prefix.len() + exact.len());
    let (mut start, mut end) = (None, None);
    let mut i = rows - 1;
    while i > 0 {
        if i == p1 {
            // Overwritten while walking left along the row: text inserted right after
            // the quote's last character stays outside the passage.
            end = Some(j);
        }
        let here = d[i * cols + j];
        if j > 0 && here == d[(i - 1) * cols + j - 1] + u32::from(pat[i - 1] != win[j - 1]) {
            i -= 1;
            j -= 1;
        } else if here == d[(i - 1) * cols + j] + 1 {
            i -= 1;
        } else if j > 0 {
            j -= 1;
        } else {
            i -= 1;
        }
        if i == p0 {
            // First arrival in the row: text inserted before the quote stays outside.
            start = Some(j);
            break;
        }
    }
    match (start, end) {
        (Some(a), Some(b)) if a < b => (lo + a, lo + b),
        _ => (s, e),
    }
}

/// Levenshtein distance between two short strings.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longest as f64
}

/// How alike the stored prefix and the text before a candidate are. Only the part
/// of the stored prefix inside the highlight's own paragraph (with the break that
/// starts it) counts: paragraphs get reordered, and what lay beyond the break says
/// nothing about where the highlight belongs. Returns the similarity and how
/// many characters it rests on.
fn tail_similarity(stored: &[char], actual: &[char]) -> (f64, usize) {
    let own = match stored.iter().rposition(|&c| c == '\n') {
        Some(i) => &stored[i..],
        None => stored,
    };
    let sim = similarity(own, &actual[actual.len() - own.len().min(actual.len())..]);
    (sim, own.len())
}

/// The same for the stored suffix and the text after a candidate.
fn head_similarity(stored: &[char], actual: &[char]) -> (f64, usize) {
    let own = match stored.iter().position(|&c| c == '\n') {
        Some(i) => &stored[..=i],
        None => stored,
    };
    (
        similarity(own, &actual[..own.len().min(actual.len())]),
        own.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Highlight `exact` (its first occurrence) in `old`, edit to `new`, re-anchor;
    /// returns the new slice or None for an orphan.
    fn follow(old: &str, exact: &str, new: &str) -> Option<String> {
        let o = chars(old);
        let n = chars(new);
        let byte = old.find(exact).expect("exact in old");
        let start = old[..byte].chars().count();
        let end = start + exact.chars().count();
        let (prefix, suffix) = context_of(&o, start, end);
        let q = Quote {
            exact,
            prefix: &prefix,
            suffix: &suffix,
            start,
            end,
        };
        match reanchor(&n, &EditSpan::between(&o, &n), &q, false) {
            Anchor::Placed { start, end, .. } => Some(n[start..end].iter().collect()),
            Anchor::Orphan => None,
        }
    }

    #[test]
    fn edit_before_shifts_the_highlight() {
        let got = follow("甲乙丙丁戊己庚辛", "丁戊", "新增文字甲乙丙丁戊己庚辛");
        assert_eq!(got.as_deref(), Some("丁戊"));
    }

    #[test]
    fn insertion_inside_a_long_quote_is_absorbed() {
        let old = "前文若干字。生成式人工智能在视频领域取得了显著的突破和进展。后文若干字。";
        let new = "前文若干字。生成式人工智能在视频领域已经取得了显著的突破和进展。后文若干字。";
        let got = follow(old, "生成式人工智能在视频领域取得了显著的突破和进展", new);
        assert_eq!(
            got.as_deref(),
            Some("生成式人工智能在视频领域已经取得了显著的突破和进展")
        );
    }

    #[test]
    fn deleted_quote_becomes_an_orphan_even_if_its_words_occur_elsewhere() {
        let old = "第一段说到模型。\n第二段讲影视产业的变革。\n第三段再谈模型与产业。";
        let new = "第一段说到模型。\n第三段再谈模型与产业。";
        assert_eq!(follow(old, "影视产业的变革", new), None);
        // A short word whose sentence went away must not jump to another occurrence.
        assert_eq!(
            follow(
                "甲说产业很好。乙说别的。丙说产业不好。",
                "产业",
                "甲说了。乙说别的。丙说产业不好。"
            ),
            None
        );
    }

    #[test]
    fn moved_paragraph_takes_its_highlight_along() {
        let old =
            "第一段：大模型改变了影视制作流程。\n第二段：观众的审美也在变化之中。\n第三段：结语。";
        let new =
            "第二段：观众的审美也在变化之中。\n第一段：大模型改变了影视制作流程。\n第三段：结语。";
        assert_eq!(follow(old, "影视制作", new).as_deref(), Some("影视制作"));
        assert_eq!(follow(old, "审美", new).as_deref(), Some("审美"));
    }

    #[test]
    fn a_paragraph_start_alone_does_not_place_a_highlight_whose_paragraph_went() {
        let old = "开头一段。\n第二种观点认为模型会取代演员。\n第二种说法其实是误解。";
        let new = "开头一段。\n第二种说法其实是误解。";
        assert_eq!(follow(old, "第二种", new), None);
    }

    #[test]
    fn identical_contexts_are_ambiguous_so_orphaned() {
        let old = "开头。重复的句子在这里。中间。";
        let new = "重复的句子在这里。重复的句子在这里。";
        assert_eq!(follow(old, "句子", new), None);
    }

    #[test]
    fn fuzzy_search_reports_start_and_end() {
        let text = chars("abcdefXhijkl");
        let hits = fuzzy_find(&text, &chars("defghi"), 1);
        assert_eq!(hits.len(), 1);
        let (s, e, d) = hits[0];
        assert_eq!((s, e, d), (3, 9, 1));
    }

    #[test]
    fn levenshtein_basics() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("𠮷野"), &chars("吉野")), 1);
    }
}
