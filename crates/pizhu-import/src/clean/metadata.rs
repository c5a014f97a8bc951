//! Metadata found in the text: headline, bylines (`■文/司若 庞胜楠`,
//! `青年报记者 刘昕璐`, `记者 刘宗智`), signatures (`(赵丽)`), the source
//! newspaper, and the page furniture at the end of a page (editor credits, ads,
//! slogans), which leaves the body.

use super::classify::{is_byline, is_source_name, is_title_like, parse_byline, trailing_signature};
use super::{char_len, ends_sentence, paragraphs::HEADING_MAX_CHARS, Kind, Para};

/// Editor credits and other page furniture lines.
fn is_furniture_marker(line: &str) -> bool {
    let t = line.trim();
    let credit = [
        "编辑：",
        "编辑:",
        "责编：",
        "责编:",
        "美编：",
        "美编:",
        "校对：",
        "校对:",
        "责任编辑",
        "组版：",
        "照排：",
    ];
    credit
        .iter()
        .any(|c| t.starts_with(c) || t.contains(&format!(" {c}")))
        || t.contains("广告")
        || is_source_name(t)
}

/// Photo credits that are not part of the text.
fn is_photo_credit(line: &str) -> bool {
    let t = line.trim();
    matches!(
        t,
        "网络截图" | "资料图" | "资料图片" | "图片来自网络" | "视频截图"
    ) || (char_len(t) <= 16 && (t.ends_with("供图") || t.starts_with("图片来源")))
}

/// The first date in `s` written as `2024年2月20日`, `2024-02-20`, `2024/2/20`
/// or `2024.02.20`: (byte start, byte end, `YYYY-MM-DD`).
pub fn find_date(s: &str) -> Option<(usize, usize, String)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let digits_at = |from: usize, min: usize, max: usize| -> Option<(u32, usize)> {
        let mut n = 0;
        let mut value = 0u32;
        while n < max && from + n < chars.len() && chars[from + n].1.is_ascii_digit() {
            value = value * 10 + chars[from + n].1.to_digit(10).unwrap_or(0);
            n += 1;
        }
        (n >= min && !(from + n < chars.len() && chars[from + n].1.is_ascii_digit()))
            .then_some((value, from + n))
    };
    for start in 0..chars.len() {
        if start > 0 && chars[start - 1].1.is_ascii_digit() {
            continue;
        }
        let Some((year, i)) = digits_at(start, 4, 4) else {
            continue;
        };
        let Some(&(_, sep)) = chars.get(i) else {
            continue;
        };
        if !matches!(sep, '年' | '-' | '/' | '.') || !(1900..=2100).contains(&year) {
            continue;
        }
        let Some((month, j)) = digits_at(i + 1, 1, 2) else {
            continue;
        };
        let month_sep = if sep == '年' { '月' } else { sep };
        if chars.get(j).map(|c| c.1) != Some(month_sep) {
            continue;
        }
        let Some((day, mut k)) = digits_at(j + 1, 1, 2) else {
            continue;
        };
        if sep == '年' {
            if chars.get(k).map(|c| c.1) != Some('日') {
                continue;
            }
            k += 1;
        }
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            let end = chars.get(k).map_or(s.len(), |c| c.0);
            return Some((
                chars[start].0,
                end,
                format!("{year:04}-{month:02}-{day:02}"),
            ));
        }
    }
    None
}

/// A line that is only a date (optionally with the weekday): `2024年2月20日 星期二`.
fn standalone_date(line: &str) -> Option<String> {
    let (start, end, date) = find_date(line)?;
    let rest = format!("{}{}", &line[..start], &line[end..]);
    let rest = rest
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    let weekday = rest.is_empty()
        || ["星期", "周", "礼拜"]
            .iter()
            .any(|p| rest.strip_prefix(p).is_some_and(|d| char_len(d) == 1));
    weekday.then_some(date)
}

/// What [`extract`] found.
#[derive(Debug, Default)]
pub struct Found {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub paras: Vec<Para>,
    /// What was taken out of the body, for the article's corrections list.
    pub notes: Vec<String>,
}

/// Take the headline, byline, signature and end-of-page furniture out of one
/// article's paragraphs.
pub fn extract(mut paras: Vec<Para>) -> Found {
    let mut found = Found::default();
    // Photo credits go, with the caption printed just before them.
    let mut i = 0;
    while i < paras.len() {
        if is_photo_credit(&paras[i].text) {
            let credit = paras.remove(i);
            if i > 0 && paras[i - 1].kind == Kind::Body && char_len(&paras[i - 1].text) <= 30 {
                let caption = paras.remove(i - 1);
                found.notes.push(format!(
                    "Dropped the picture caption {} and its credit {}.",
                    caption.text, credit.text
                ));
                i -= 1;
            } else {
                found
                    .notes
                    .push(format!("Dropped the picture credit {}.", credit.text));
            }
        } else {
            i += 1;
        }
    }

    // Page furniture: the trailing block of short, unfinished lines, if it holds
    // at least one marker (editor credits, an ad, a newspaper name).
    let mut cut = paras.len();
    while cut > 0 {
        let t = &paras[cut - 1].text;
        if paras[cut - 1].kind == Kind::Body
            && char_len(t) <= HEADING_MAX_CHARS
            && !ends_sentence(t)
        {
            cut -= 1;
        } else {
            break;
        }
    }
    if cut < paras.len() && cut > 0 {
        let tail = paras.split_off(cut);
        if let Some(first_marker) = tail.iter().position(|p| is_furniture_marker(&p.text)) {
            // Page furniture often carries the edition date.
            found.published = tail.iter().find_map(|p| find_date(&p.text)).map(|d| d.2);
            let body: String = paras.iter().map(|p| p.text.as_str()).collect();
            // A newspaper named in the furniture and also in the body is the source.
            found.source = tail
                .iter()
                .map(|p| p.text.trim())
                .find(|t| is_source_name(t) && body.contains(*t))
                .map(str::to_string);
            let dropped: Vec<&str> = tail[first_marker..]
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            found.notes.push(format!(
                "Dropped page furniture after the article: {}.",
                dropped.join("; ")
            ));
            paras.extend(tail.into_iter().take(first_marker));
        } else {
            paras.extend(tail);
        }
    }

    // Headline: the first paragraph when it looks like one and text follows.
    let headline = paras.len() > 1 && is_title_like(&paras[0]) && paras[0].kind != Kind::Heading;
    if headline || paras.first().is_some_and(|p| p.kind == Kind::Title) {
        found.title = Some(paras.remove(0).text);
    }

    // Byline: among the first paragraphs after the headline.
    if let Some(idx) = paras
        .iter()
        .take(5)
        .position(|p| p.kind == Kind::Body && is_byline(&p.text))
    {
        let byline = parse_byline(&paras[idx].text).unwrap_or_default();
        found.authors = byline.authors;
        if byline.source.is_some() {
            found.source = byline.source;
        }
        let line = paras.remove(idx).text;
        found
            .notes
            .push(format!("Byline {line} moved out of the body into authors."));
    }

    // A date on its own line near the top is the publication date.
    if let Some(idx) = paras
        .iter()
        .take(5)
        .position(|p| p.kind == Kind::Body && standalone_date(&p.text).is_some())
    {
        let line = paras.remove(idx).text;
        found.published = standalone_date(&line);
        found.notes.push(format!(
            "Date line {line} moved out of the body into published."
        ));
    }

    // Signature at the end of the last paragraph: `(赵丽)`.
    if let Some(last) = paras.last_mut() {
        if let Some((start, name)) = trailing_signature(&last.text) {
            found.notes.push(format!(
                "Signature ({name}) at the end moved out of the body into authors."
            ));
            if found.authors.is_empty() {
                found.authors.push(name);
            }
            last.text.truncate(start);
            last.text = last.text.trim_end().to_string();
            if last.text.is_empty() {
                paras.pop();
            }
        }
    }
    found.paras = paras;
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("■文/司若 庞胜楠").unwrap().authors,
            vec!["司若", "庞胜楠"]
        );
        let b = parse_byline("青年报记者 刘昕璐").unwrap();
        assert_eq!(
            (b.authors, b.source),
            (vec!["刘昕璐".to_string()], Some("青年报".to_string()))
        );
        assert_eq!(parse_byline("记者 刘宗智").unwrap().authors, vec!["刘宗智"]);
        assert_eq!(
            parse_byline("本报记者 张三 通讯员 李四").unwrap().authors,
            vec!["张三", "李四"]
        );
        assert!(parse_byline("邱锡鹏告诉记者, 视频生成对机器学习来说是非常难的任务").is_none());
        assert!(parse_byline("在“视频记者”这四个字中").is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(
            find_date("2024年2月20日 星期二").map(|d| d.2),
            Some("2024-02-20".into())
        );
        assert_eq!(
            find_date("出版日期：2024-02-05 编辑：张三").map(|d| d.2),
            Some("2024-02-05".into())
        );
        assert_eq!(
            find_date("2024.2.5").map(|d| d.2),
            Some("2024-02-05".into())
        );
        assert_eq!(find_date("部署开展 2024 年院线电影版权保护专项工作"), None);
        assert_eq!(find_date("12024年2月20日"), None);
        assert_eq!(find_date("2024年13月20日"), None);
        assert_eq!(
            standalone_date("2024年2月20日 星期二"),
            Some("2024-02-20".into())
        );
        assert_eq!(
            standalone_date("（2024年2月20日）"),
            Some("2024-02-20".into())
        );
        assert_eq!(
            standalone_date("2024年2月20日,天津市版权局联合印发通知"),
            None
        );
    }

    #[test]
    fn signatures() {
        assert_eq!(
            trailing_signature("表示了期待和支持。(赵丽)").map(|s| s.1),
            Some("赵丽".into())
        );
        assert_eq!(
            trailing_signature("(司若,清华大学新闻与传播学院教授)"),
            None
        );
    }
}
