//! Lines → paragraphs: whitespace normalisation, explicit heading markers,
//! numbered sections, and re-joining paragraphs broken by page/column breaks.

use super::{char_len, ends_sentence, junk, Kind, Para};

/// A short line this long or shorter may be a heading or title.
pub const HEADING_MAX_CHARS: usize = 25;

/// Full-width punctuation after which (or before which) a space is layout, not
/// content: `影视产业新视角： 大模型` → `影视产业新视角：大模型`.
fn absorbs_space_after(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '“'
            | '‘'
            | '（'
            | '《'
            | '【'
            | '「'
            | '『'
    )
}
fn absorbs_space_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '”'
            | '’'
            | '）'
            | '》'
            | '】'
            | '」'
            | '』'
    )
}

/// Normalise whitespace in one line: tabs, no-break and ideographic spaces
/// become spaces, runs collapse, the ends are trimmed, and spaces hugging
/// full-width punctuation go. Real characters are never changed.
pub fn normalize_line(line: &str) -> String {
    let mut spaced = String::with_capacity(line.len());
    let mut last_space = true;
    for c in line.chars() {
        let c = match c {
            '\t' | '\u{A0}' | '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200B}'
            | '\u{FEFF}' => ' ',
            '\r' | '\u{0B}' | '\u{0C}' => ' ',
            _ => c,
        };
        if c == ' ' {
            if !last_space {
                spaced.push(' ');
            }
            last_space = true;
        } else {
            spaced.push(c);
            last_space = false;
        }
    }
    let chars: Vec<char> = spaced.trim().chars().collect();
    let mut out = String::with_capacity(spaced.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            if prev.is_some_and(absorbs_space_after) || next.is_some_and(absorbs_space_before) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Markdown ATX heading: returns (level, text).
pub fn markdown_heading(line: &str) -> Option<(usize, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &line[hashes..];
        if rest.starts_with(' ') {
            let text = rest.trim().trim_end_matches('#').trim();
            if !text.is_empty() {
                return Some((hashes, text));
            }
        }
    }
    None
}

/// Decorative heading markers used by Chinese newspapers (`◎ 小标题`).
fn marked_heading(line: &str) -> Option<&str> {
    for marker in ['◎', '●', '◆', '▲', '★', '☆', '◇', '○'] {
        if let Some(rest) = line.strip_prefix(marker) {
            let rest = rest.trim();
            if !rest.is_empty() && char_len(rest) <= 40 {
                return Some(rest);
            }
        }
    }
    None
}

/// A section number standing on its own line (`01`, `2`, `03`).
fn is_section_number(line: &str) -> bool {
    (1..=2).contains(&line.len()) && line.bytes().all(|b| b.is_ascii_digit())
}

/// What the plain-text reader found.
pub struct PlainText {
    pub paras: Vec<Para>,
    /// The file marks its headings explicitly (Markdown, ◎, numbered sections):
    /// then an unmarked short line is a broken paragraph, not a heading.
    pub marked_headings: bool,
    pub junk_lines: usize,
}

/// Read plain text (txt, or Markdown without front matter) into paragraphs.
/// Every non-empty line is a paragraph; blank lines only separate.
pub fn read_plain(text: &str) -> PlainText {
    let mut paras = Vec::new();
    let mut marked = false;
    let mut junk_lines = 0;
    for raw in text.lines() {
        // Junk first: a junk run may itself start with `#`.
        let (line, had_junk) = junk::strip_junk(&normalize_line(raw));
        if had_junk {
            junk_lines += 1;
        }
        if line.is_empty() {
            continue;
        }
        if let Some((level, h)) = markdown_heading(&line) {
            marked = true;
            let kind = if level == 1 || (level == 2 && paras.is_empty()) {
                Kind::Title
            } else {
                Kind::Heading
            };
            paras.push(Para {
                text: h.to_string(),
                kind,
            });
            continue;
        }
        if let Some(h) = marked_heading(&line) {
            marked = true;
            paras.push(Para::heading(h));
            continue;
        }
        paras.push(Para::body(line));
    }
    if merge_numbered_sections(&mut paras) {
        marked = true;
    }
    PlainText {
        paras,
        marked_headings: marked,
        junk_lines,
    }
}

/// `01` / `Sora是什么?` / `科学分析Sora带来的新挑战` → one heading
/// `01 Sora是什么? 科学分析Sora带来的新挑战`: a lone section number and the up
/// to two short unfinished lines after it. Returns whether any was found.
fn merge_numbered_sections(paras: &mut Vec<Para>) -> bool {
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    let mut found = false;
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if p.kind == Kind::Body && is_section_number(&p.text) && i + 1 < paras.len() {
            let mut text = p.text.clone();
            let mut j = i + 1;
            while j < paras.len() && j <= i + 2 {
                let q = &paras[j];
                let short = char_len(&q.text) <= HEADING_MAX_CHARS;
                if q.kind != Kind::Body || !short || q.text.ends_with('。') {
                    break;
                }
                text.push(' ');
                text.push_str(&q.text);
                j += 1;
            }
            if j > i + 1 {
                found = true;
                out.push(Para::heading(text));
                i = j;
                continue;
            }
        }
        out.push(paras[i].clone());
        i += 1;
    }
    *paras = out;
    found
}

/// In a file without explicit heading marks, a short line that does not end a
/// sentence and is followed by more text is a heading.
pub fn detect_unmarked_headings(paras: &mut [Para]) {
    let n = paras.len();
    for (i, p) in paras.iter_mut().enumerate() {
        if p.kind != Kind::Body || i + 1 >= n {
            continue;
        }
        let t = p.text.as_str();
        let clause_punct = t
            .chars()
            .any(|c| matches!(c, '，' | ',' | '；' | ';' | '、' | '。'));
        if char_len(t) <= HEADING_MAX_CHARS && !ends_sentence(t) && !clause_punct {
            p.kind = Kind::Heading;
        }
    }
}

/// Join a body paragraph that stops mid-sentence with the body paragraph that
/// continues it (`…在视频领域的发` + `展正呈现出…`). Headings are never joined.
#[cfg(test)]
pub fn join_broken(paras: Vec<Para>) -> Vec<Para> {
    join_broken_noted(paras, &mut Vec::new())
}

/// The last / first few characters around a join, for the notes: `大大提升了|最终产品`.
fn seam(left: &str, right: &str) -> String {
    let l: Vec<char> = left.chars().collect();
    let tail: String = l[l.len().saturating_sub(5)..].iter().collect();
    let head: String = right.chars().take(4).collect();
    format!("{tail}|{head}")
}

/// [`join_broken`], recording what it did in `notes` (for the article's
/// corrections list).
pub fn join_broken_noted(mut paras: Vec<Para>, notes: &mut Vec<String>) -> Vec<Para> {
    repair_column_scramble(&mut paras, notes);
    let mut seams = Vec::new();
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    for p in paras {
        if let Some(last) = out.last_mut() {
            if last.kind == Kind::Body && p.kind == Kind::Body && !ends_sentence(&last.text) {
                let needs_space = last
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && p.text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                seams.push(seam(&last.text, &p.text));
                if needs_space {
                    last.text.push(' ');
                }
                last.text.push_str(&p.text);
                continue;
            }
        }
        out.push(p);
    }
    if !seams.is_empty() {
        notes.push(format!(
            "Joined {} paragraph(s) broken mid-sentence by page or column breaks: {}.",
            seams.len(),
            seams.join("; ")
        ));
    }
    out
}

/// A column break can print a heading together with the first line of its
/// section (a block) in the wrong place:
///
/// `O: 发展，带来了…` / `A: …人们不免喜` / `H: Sora将会替代谁` /
/// `F: Sora的出现也为影视行业的` / `C: 忧参半。…`
///
/// Signs: a paragraph `A` stops mid-sentence right before a heading `H`, the
/// heading is followed by a short unfinished fragment `F`, then body text `C`.
/// `C` continues `A`. The single displacement that explains this is the block
/// `H`+`F` having been moved from before the paragraph `O` preceding `A`
/// (which begins a new paragraph after a finished one): `F` then continues `O`.
/// Result: `H` / `F+O` / `A+C`.
fn repair_column_scramble(paras: &mut Vec<Para>, notes: &mut Vec<String>) {
    let mut i = 0;
    while i + 3 < paras.len() {
        let cut = paras[i].kind == Kind::Body && !ends_sentence(&paras[i].text);
        let heading = paras[i + 1].kind != Kind::Body;
        let fragment = paras[i + 2].kind == Kind::Body
            && char_len(&paras[i + 2].text) <= HEADING_MAX_CHARS
            && !ends_sentence(&paras[i + 2].text);
        let continuation = paras[i + 3].kind == Kind::Body;
        if !(cut && heading && fragment && continuation) {
            i += 1;
            continue;
        }
        let c = paras.remove(i + 3);
        notes.push(format!(
            "Restored the reading order around the heading {} (scrambled by the column layout): {}.",
            paras[i + 1].text,
            seam(&paras[i].text, &c.text)
        ));
        paras[i].text.push_str(&c.text);
        let o_starts_paragraph = i >= 1
            && paras[i - 1].kind == Kind::Body
            && (i == 1 || paras[i - 2].kind != Kind::Body || ends_sentence(&paras[i - 2].text));
        if o_starts_paragraph {
            let f = paras.remove(i + 2);
            let h = paras.remove(i + 1);
            let o = paras.remove(i - 1);
            if let Some(last) = notes.last_mut() {
                last.pop();
                last.push_str(&format!(
                    "; the heading and its first line {} moved back before {}.",
                    f.text,
                    seam(&f.text, &o.text)
                ));
            }
            paras.insert(i - 1, h);
            paras.insert(i, Para::body(f.text + &o.text));
            // Order is now H (i-1), F+O (i), A+C (i+1).
            i += 2;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_next_to_full_width_punctuation_go() {
        assert_eq!(
            normalize_line("影视产业新视角： 大模型 Sora 带来的变革与思考"),
            "影视产业新视角：大模型 Sora 带来的变革与思考"
        );
        // Half-width punctuation and spaces after closing quotes are the author's.
        assert_eq!(
            normalize_line("专家解读: Sora 赋能于人, 不能代替人"),
            "专家解读: Sora 赋能于人, 不能代替人"
        );
        assert_eq!(
            normalize_line("走来走去。” Sora 即根据"),
            "走来走去。” Sora 即根据"
        );
        assert_eq!(normalize_line("\u{3000}\u{3000}正文  开始\t"), "正文 开始");
    }

    #[test]
    fn numbered_sections_become_one_heading() {
        let t = read_plain("01\nSora是什么?\n科学分析Sora带来的新挑战\n回溯互联网与数字媒介发展,不难发现媒介技术的每次重大突破,势必引起产业与社会的巨大变化。\n");
        assert_eq!(
            t.paras[0],
            Para::heading("01 Sora是什么? 科学分析Sora带来的新挑战")
        );
        assert_eq!(t.paras.len(), 2);
        assert!(t.marked_headings);
    }

    #[test]
    fn column_scramble_is_undone() {
        let paras = vec![
            Para::body("上一段结束。"),
            Para::body("发展，带来了更为广阔的想象空间。"),
            Para::body("人们不免喜"),
            Para::heading("Sora将会替代谁"),
            Para::body("Sora的出现也为影视行业的"),
            Para::body("忧参半。不少网友担忧。"),
            Para::heading("下一节"),
        ];
        let texts: Vec<String> = join_broken(paras).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            vec![
                "上一段结束。",
                "Sora将会替代谁",
                "Sora的出现也为影视行业的发展，带来了更为广阔的想象空间。",
                "人们不免喜忧参半。不少网友担忧。",
                "下一节"
            ]
        );
    }

    #[test]
    fn broken_paragraphs_join_but_headings_do_not() {
        let paras = vec![
            Para::heading("生成式人工智能在视频领域的发展"),
            Para::body("生成式人工智能在视频领域的发"),
            Para::body("展正呈现出蓬勃的态势。"),
            Para::heading("下一节"),
            Para::body("正文。"),
        ];
        let joined = join_broken(paras);
        assert_eq!(joined.len(), 4);
        assert_eq!(
            joined[1].text,
            "生成式人工智能在视频领域的发展正呈现出蓬勃的态势。"
        );
    }
}
