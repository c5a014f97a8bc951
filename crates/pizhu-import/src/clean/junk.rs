//! Forum "anti-copy" junk: runs of random 1–2 character ASCII groups separated
//! by single spaces (`s2 j( i5 J& V: V`), on their own lines or glued to the
//! start or end of real lines.
//!
//! The rule: split a line on single spaces; a *token* is a piece of 1–2
//! printable ASCII characters. A run of at least [`MIN_RUN`] consecutive tokens
//! that looks drawn at random from the keyboard is junk (see `is_junk_run`:
//! mixed punctuation, or mixed character classes inside tokens). Real text keeps words
//! (`Sora`, `AI`, `3D`, `Chat-GPT`, `5~10`) because they are longer than two
//! characters, stand alone, or come without punctuation tokens around them.
//!
//! The junk generator glues the run's last (or first) group to the real text,
//! so the piece touching a run loses its glued ASCII edge: one character, or
//! more when what stays would not look like a word (`VSora` → `Sora`,
//! `Q03` → `03`, `[显然` → `显然`, `必由之路。2` → `必由之路。`).

/// Fewer tokens than this in a row are left alone (`从 5 秒`, `I am a`,
/// `x: y, z`). The seed's junk runs are 5–27 tokens long.
const MIN_RUN: usize = 4;

fn is_token(piece: &str) -> bool {
    (1..=2).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_graphic())
}

/// A run of tokens is junk when it looks drawn at random from the keyboard:
/// either it mixes alphanumerics with at least two different punctuation
/// marks (random generators scatter `( & : $ ;`, while real lists repeat one
/// separator, `a, b, c, d`, and an ellipsis `. . .` has no alphanumerics), or,
/// when the draw happened to give little or no punctuation (`2e 41 3i V1`),
/// it spans three of the four character classes (lower case, upper case,
/// digits, punctuation) and is either longer than [`MIN_RUN`] or has two
/// tokens that each mix classes. Real runs of short tokens keep to one or two
/// classes (`A B C D`, `3G 4G 5G`, `e4 e5 d4`, `a, b, c`).
fn is_junk_run(tokens: &[&str]) -> bool {
    if tokens.len() < MIN_RUN {
        return false;
    }
    let mut punct: Vec<u8> = tokens
        .iter()
        .flat_map(|t| t.bytes())
        .filter(u8::is_ascii_punctuation)
        .collect();
    punct.sort_unstable();
    punct.dedup();
    let has_alnum = tokens
        .iter()
        .any(|t| t.bytes().any(|b| b.is_ascii_alphanumeric()));
    if punct.len() >= 2 && has_alnum {
        return true;
    }
    let classes = tokens.iter().fold(0u8, |acc, t| acc | classes_of(t));
    let mixed = tokens
        .iter()
        .filter(|t| classes_of(t).count_ones() >= 2)
        .count();
    classes.count_ones() >= 3 && (mixed >= 2 || tokens.len() > MIN_RUN)
}

/// Bit set of the character classes in `token`: lower, upper, digit, punctuation.
fn classes_of(token: &str) -> u8 {
    token.bytes().fold(0, |acc, b| {
        acc | match b {
            b'a'..=b'z' => 1,
            b'A'..=b'Z' => 2,
            b'0'..=b'9' => 4,
            _ => 8,
        }
    })
}

/// Does `s` look like a real Latin word, code or number on its own?
/// `Sora`, `prompt`, `AI`, `LLM`, `SUV`, `ChatGPT`, `OpenAI`, `Chat-GPT`, `3D`,
/// `Gen-2`, `60`, `5~10` do; `VSora`, `aSora`, `Q03`, `MSora` do not.
pub fn looks_like_word(s: &str) -> bool {
    !s.is_empty() && s.split(['-', '~', '.', '/']).all(segment_is_word)
}

fn segment_is_word(seg: &str) -> bool {
    let chars: Vec<char> = seg.chars().collect();
    if chars.is_empty() || !chars.iter().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let all_digits = chars.iter().all(|c| c.is_ascii_digit());
    if all_digits {
        return true;
    }
    // Digits then letters: 3D, 4K, 360Pro.
    let lead_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if lead_digits > 0 {
        return chars[lead_digits..].iter().all(|c| c.is_ascii_alphabetic());
    }
    let letters: Vec<char> = chars
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let rest = &chars[letters.len()..];
    // Trailing digits only after a word of letters, not a lone letter (Gen2 yes, Q03 no).
    if !rest.is_empty() && (letters.len() < 2 || !rest.iter().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let upper: Vec<bool> = letters.iter().map(|c| c.is_ascii_uppercase()).collect();
    let all_upper = upper.iter().all(|&u| u);
    let all_lower = upper.iter().all(|&u| !u);
    if all_upper || all_lower {
        return true;
    }
    // Capitalised (Sora) or camel case (ChatGPT, OpenAI): starts with exactly
    // one capital followed by a lowercase letter.
    upper[0] && upper.len() > 1 && !upper[1]
}

fn is_ascii_edge_char(c: char) -> bool {
    c.is_ascii_graphic()
}

/// How many leading bytes of `piece` are junk glued to its start.
fn glued_head_len(piece: &str) -> usize {
    let head: String = piece
        .chars()
        .take_while(|&c| is_ascii_edge_char(c))
        .collect();
    let rest_after_head = &piece[head.len()..];
    if head.is_empty() {
        return 0;
    }
    if head.chars().count() == 1 {
        let c = head.chars().next().unwrap_or(' ');
        // An opening bracket that is closed later in the piece is real text.
        let closer = match c {
            '(' => Some(')'),
            '"' => Some('"'),
            '\'' => Some('\''),
            _ => None,
        };
        if closer.is_some_and(|cl| rest_after_head.contains(cl)) {
            return 0;
        }
        return 1;
    }
    // A whole two-character group glued straight to non-ASCII text (`V1这`,
    // `Mg天津`): the generator's groups are 1–2 characters, and a random pair
    // is word-shaped (`uu`, `SC`) a third of the time, so only a number
    // (`20年`) or a bracket closed later (`(A股)`) is kept.
    if head.len() == 2 && !rest_after_head.is_empty() {
        let opens_closed = match head.as_bytes()[0] {
            b'(' => rest_after_head.contains(')'),
            b'"' => rest_after_head.contains('"'),
            _ => false,
        };
        let number = head.bytes().all(|b| b.is_ascii_digit());
        return if opens_closed || number { 0 } else { 2 };
    }
    if looks_like_word(&head) {
        return 0;
    }
    // Drop one character, then any punctuation that cannot start text.
    let mut cut = 1;
    for c in head[1..].chars() {
        if c.is_ascii_punctuation() && !matches!(c, '(' | '"' | '\'') && cut < 2 {
            cut += 1;
        } else {
            break;
        }
    }
    cut
}

/// How many trailing bytes of `piece` are junk glued to its end.
fn glued_tail_len(piece: &str) -> usize {
    let tail_len: usize = piece
        .chars()
        .rev()
        .take_while(|&c| is_ascii_edge_char(c))
        .map(char::len_utf8)
        .sum();
    if tail_len == 0 || tail_len == piece.len() {
        // No glued edge, or an all-ASCII word standing before the run.
        return 0;
    }
    let tail = &piece[piece.len() - tail_len..];
    if tail.len() == 1 {
        let c = tail.chars().next().unwrap_or(' ');
        let opener = match c {
            ')' => Some('('),
            '"' => Some('"'),
            '\'' => Some('\''),
            _ => None,
        };
        if opener.is_some_and(|op| piece[..piece.len() - 1].contains(op)) {
            return 0;
        }
        return 1;
    }
    // A whole two-character group glued straight after non-ASCII text
    // (`。R1`, `。UU`), unless it is a number or closes a bracket.
    if tail.len() == 2 {
        let closes_open = match tail.as_bytes()[1] {
            b')' => piece.contains('('),
            b'"' => piece[..piece.len() - 1].contains('"'),
            _ => false,
        };
        let number = tail.bytes().all(|b| b.is_ascii_digit());
        return if closes_open || number { 0 } else { 2 };
    }
    if looks_like_word(tail) {
        return 0;
    }
    1
}

/// The tokens `pieces[start..end]` plus the 1–2 character ASCII groups glued
/// to the text on either side (`V1` in `3i V1这是`): the generator glues a
/// run's first or last group to the real text, so a short run is judged with
/// the group it lost.
fn with_glued_edges<'a>(pieces: &[&'a str], start: usize, end: usize) -> Vec<&'a str> {
    let mut tokens = pieces[start..end].to_vec();
    if let Some(next) = pieces.get(end) {
        let head = next.len() - next.trim_start_matches(is_ascii_edge_char).len();
        if (1..=2).contains(&head) {
            tokens.push(&next[..head]);
        }
    }
    if let Some(prev) = start.checked_sub(1).map(|k| pieces[k]) {
        let rest = prev.trim_end_matches(is_ascii_edge_char).len();
        if rest > 0 && (1..=2).contains(&(prev.len() - rest)) {
            tokens.insert(0, &prev[rest..]);
        }
    }
    tokens
}

/// Remove junk runs from one line (already whitespace-normalised). Returns the
/// cleaned line (possibly empty) and whether anything was removed.
pub fn strip_junk(line: &str) -> (String, bool) {
    let pieces: Vec<&str> = line.split(' ').collect();
    let mut keep: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
    let mut removed = vec![false; pieces.len()];
    let mut any = false;
    let mut i = 0;
    while i < pieces.len() {
        if !is_token(pieces[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < pieces.len() && is_token(pieces[i]) {
            i += 1;
        }
        if !is_junk_run(&with_glued_edges(&pieces, start, i)) {
            continue;
        }
        any = true;
        for r in removed.iter_mut().take(i).skip(start) {
            *r = true;
        }
        if start > 0 && !removed[start - 1] {
            let p = &keep[start - 1];
            let cut = glued_tail_len(p);
            let new_len = p.len() - cut;
            keep[start - 1].truncate(new_len);
        }
        if i < pieces.len() {
            let p = &keep[i];
            let cut = glued_head_len(p);
            keep[i] = p[cut..].to_string();
        }
    }
    if !any {
        return (line.to_string(), false);
    }
    // Re-join the survivors. Where a run was cut out between two pieces, join
    // without a space when either side is not ASCII (CJK needs none).
    let mut out = String::new();
    let mut gap = false;
    for (idx, piece) in keep.iter().enumerate() {
        if removed[idx] {
            gap = true;
            continue;
        }
        if piece.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let left_ascii = out.chars().last().is_some_and(|c| c.is_ascii());
            let right_ascii = piece.chars().next().is_some_and(|c| c.is_ascii());
            if !gap || (left_ascii && right_ascii) {
                out.push(' ');
            }
        }
        out.push_str(piece);
        gap = false;
    }
    (out.trim().to_string(), true)
}

/// True if the line still holds something shaped like a junk run (used by tests
/// and as a self-check).
pub fn has_junk_run(line: &str) -> bool {
    let pieces: Vec<&str> = line.split(' ').collect();
    let mut i = 0;
    while i < pieces.len() {
        let start = i;
        while i < pieces.len() && is_token(pieces[i]) {
            i += 1;
        }
        if i > start && is_junk_run(&pieces[start..i]) {
            return true;
        }
        i = i.max(start + 1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        strip_junk(s).0
    }

    #[test]
    fn whole_junk_lines_vanish() {
        assert_eq!(clean("7 `. m+ ?7 X0 `* A& z+ q' F"), "");
        assert_eq!(
            clean("' V8 Z7 S: p' |\" b2 ?; s& d7 ]8 E5 }, q; P, T2 M8 n Q"),
            ""
        );
    }

    #[test]
    fn glued_heads_lose_exactly_the_junk() {
        assert_eq!(
            clean("s2 j( i5 J& V: VSora技术的突破,将给影视行业"),
            "Sora技术的突破,将给影视行业"
        );
        assert_eq!(clean("1 S. I$ y; E7 M# ^2 x [显然,Sora将"), "显然,Sora将");
        assert_eq!(clean("$ b; ~ R. ?/ V2 Q03"), "03");
        assert_eq!(
            clean("6 p: e% M' j$ N# ]0 N9 }4 R! f市场结构的改变。"),
            "市场结构的改变。"
        );
        assert_eq!(clean(": ~: L8 Y `8 l: M3 _1 g3 MSora降低了"), "Sora降低了");
    }

    #[test]
    fn runs_without_punctuation_go_too() {
        assert_eq!(
            clean("2e 41 3i V1 这是一句真正的话。"),
            "这是一句真正的话。"
        );
        assert_eq!(clean("2e 41 3i V1这是一句真正的话。"), "这是一句真正的话。");
        assert_eq!(clean("K 7b Rx 0 q3 W"), "");
    }

    #[test]
    fn glued_tail_is_removed() {
        assert_eq!(
            clean("将是推动影视行业高质量发展的必由之路。2 r5 T3 ^, {9 B5 v: s: M) V"),
            "将是推动影视行业高质量发展的必由之路。"
        );
    }

    #[test]
    fn real_text_is_untouched() {
        for s in [
            "01",
            "Sora 是一种模态翻译的模型",
            "只能根据提示词生成 5~10 秒的短视频",
            "类似 Chat-GPT 的纯大语言模型",
            "如提示工程(prompt)师、AI技术专家等。",
            "从 5 秒拉升到 1 分钟视频的背后",
            "PIKA 以其对 3D 动画",
            "I am a student . . .",
            "如 a, b, c, d 等变量",
            "问: A. 对 B. 错",
            "x: y, z 三项",
            "A B C D 四类",
            "支持 3G 4G 5G 6G 网络",
            "开局 e4 e5 d4 d5 之后",
            "第 1 2 3 4 期",
            "I a 3 B 四个符号",
        ] {
            assert_eq!(clean(s), s);
        }
    }

    #[test]
    fn word_shapes() {
        for w in [
            "Sora", "AI", "LLM", "SUV", "ChatGPT", "OpenAI", "Chat-GPT", "3D", "Gen-2", "60",
            "prompt", "5~10",
        ] {
            assert!(looks_like_word(w), "{w}");
        }
        for w in ["VSora", "aSora", "Q03", "MSora", "j(", "x["] {
            assert!(!looks_like_word(w), "{w}");
        }
    }
}
