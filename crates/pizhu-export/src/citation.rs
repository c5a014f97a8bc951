//! Reference-list entries built from article metadata: GB/T 7714-2015 (default;
//! newspaper articles as `[N]`) and APA 7. Missing fields are left out with their
//! punctuation, never printed as placeholders.

use crate::model::{CitationStyle, ExportArticle, ExportHighlight};

/// The reference-list entry for `a` (without its `[n]` number).
pub fn cite(a: &ExportArticle, style: CitationStyle) -> String {
    match style {
        CitationStyle::Gbt7714 => gbt7714(a),
        CitationStyle::Apa => apa(a),
    }
}

fn clean(s: &str) -> &str {
    s.trim()
}

fn authors_of(a: &ExportArticle) -> Vec<&str> {
    a.authors
        .iter()
        .map(|s| clean(s))
        .filter(|s| !s.is_empty())
        .collect()
}

fn title_of(a: &ExportArticle) -> &str {
    let t = clean(&a.title);
    if t.is_empty() {
        "（无题）"
    } else {
        t
    }
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(clean).filter(|s| !s.is_empty())
}

/// Ends with a full stop unless it already ends with sentence punctuation.
fn terminated(s: &str) -> String {
    let ends_with_stop = s.ends_with(['.', '。', '？', '?', '！', '!']);
    if ends_with_stop {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// `刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 齐鲁晚报, 2024-02-19.`
/// GB/T 7714 names the first three authors and then `等`.
pub fn gbt7714(a: &ExportArticle) -> String {
    let mut out = String::new();
    let authors = authors_of(a);
    if !authors.is_empty() {
        let mut names = authors
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if authors.len() > 3 {
            names.push_str(", 等");
        }
        out.push_str(&terminated(&names));
        out.push(' ');
    }
    out.push_str(title_of(a));
    out.push_str("[N]");
    let source = nonempty(&a.source);
    let date = nonempty(&a.published).map(iso_date);
    match (source, date) {
        (Some(s), Some(d)) => out.push_str(&format!(". {s}, {d}.")),
        (Some(s), None) => out.push_str(&format!(". {s}.")),
        (None, Some(d)) => out.push_str(&format!(". {d}.")),
        (None, None) => out.push('.'),
    }
    out
}

/// `刘宗智. (2024, February 19). 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗. 齐鲁晚报.`
pub fn apa(a: &ExportArticle) -> String {
    let authors = authors_of(a);
    let date = match nonempty(&a.published) {
        Some(d) => format!("({})", apa_date(d)),
        None => "(n.d.)".to_string(),
    };
    let title = title_of(a);
    let mut out = if authors.is_empty() {
        // APA moves the title into the author position when there is no author.
        format!("{} {}.", terminated(title), date)
    } else {
        let names = match authors.len() {
            1 => authors[0].to_string(),
            2 => format!("{}, & {}", authors[0], authors[1]),
            n if n <= 20 => format!("{}, & {}", authors[..n - 1].join(", "), authors[n - 1]),
            n => format!("{}, … {}", authors[..19].join(", "), authors[n - 1]),
        };
        format!("{} {}. {}", terminated(&names), date, terminated(title))
    };
    if let Some(s) = nonempty(&a.source) {
        out.push(' ');
        out.push_str(&terminated(s));
    }
    out
}

/// Normalise `2024-2-9`, `2024/02/09` or `2024年2月9日` to `2024-02-09`; other
/// strings pass through unchanged.
pub fn iso_date(raw: &str) -> String {
    match date_parts(raw) {
        Some((y, Some(m), Some(d))) => format!("{y:04}-{m:02}-{d:02}"),
        Some((y, Some(m), None)) => format!("{y:04}-{m:02}"),
        Some((y, None, _)) => format!("{y:04}"),
        None => raw.trim().to_string(),
    }
}

fn apa_date(raw: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match date_parts(raw) {
        Some((y, Some(m), Some(d))) => format!("{y}, {} {d}", MONTHS[m as usize - 1]),
        Some((y, Some(m), None)) => format!("{y}, {}", MONTHS[m as usize - 1]),
        Some((y, None, _)) => format!("{y}"),
        None => raw.trim().to_string(),
    }
}

/// (year, month, day) of a full or partial date; `None` when it is not one.
fn date_parts(raw: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let s = raw.trim();
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<Vec<_>>>()?;
    let (y, m, d) = match nums.as_slice() {
        [y] => (*y, None, None),
        [y, m] => (*y, Some(*m), None),
        [y, m, d] => (*y, Some(*m), Some(*d)),
        _ => return None,
    };
    let valid = (1000..=9999).contains(&y)
        && m.is_none_or(|m| (1..=12).contains(&m))
        && d.is_none_or(|d| (1..=31).contains(&d));
    valid.then_some((y, m, d))
}

/// Where in a paged source a passage is, as the citation style writes it after
/// the passage's reference number (GB/T 7714 in-text `[1]12`, APA `[1], p. 12`),
/// or after its paragraph number when it has none. Empty for unpaged sources.
/// Its one input is the page locator: the first page's label, `12-13` when
/// the passage spans pages.
pub fn page_suffix(h: &ExportHighlight, style: CitationStyle, has_reference: bool) -> String {
    let Some(first) = h.page_start.as_deref().map(clean).filter(|s| !s.is_empty()) else {
        return String::new();
    };
    let last = h
        .page_end
        .as_deref()
        .map(clean)
        .filter(|l| !l.is_empty() && *l != first);
    let locator = match last {
        Some(l) => format!("{first}-{l}"),
        None => first.to_string(),
    };
    let apa = match last {
        Some(_) => format!("pp. {locator}"),
        None => format!("p. {locator}"),
    };
    match (style, has_reference) {
        (CitationStyle::Gbt7714, true) => locator,
        (CitationStyle::Gbt7714, false) => format!("，第 {locator} 页"),
        (CitationStyle::Apa, true) => format!(", {apa}"),
        (CitationStyle::Apa, false) => format!("，{apa}"),
    }
}

/// A short label for a passage's source: `刘宗智《标题》，齐鲁晚报，2024-02-19`.
pub fn short_source(a: &ExportArticle) -> String {
    let mut out = String::new();
    let authors = authors_of(a);
    if !authors.is_empty() {
        out.push_str(&authors.join("、"));
    }
    out.push_str(&format!("《{}》", title_of(a)));
    if let Some(s) = nonempty(&a.source) {
        out.push('，');
        out.push_str(s);
    }
    if let Some(d) = nonempty(&a.published) {
        out.push('，');
        out.push_str(&iso_date(d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(authors: &[&str], source: Option<&str>, published: Option<&str>) -> ExportArticle {
        ExportArticle {
            title: "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗".into(),
            authors: authors.iter().map(|s| s.to_string()).collect(),
            source: source.map(Into::into),
            published: published.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn gbt7714_newspaper_with_full_metadata() {
        let a = article(&["刘宗智"], Some("齐鲁晚报"), Some("2024-02-19"));
        assert_eq!(
            gbt7714(&a),
            "刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 齐鲁晚报, 2024-02-19."
        );
    }

    #[test]
    fn gbt7714_names_three_authors_then_deng() {
        let a = article(
            &["甲", "乙", "丙", "丁"],
            Some("青年报"),
            Some("2024年2月9日"),
        );
        assert_eq!(
            gbt7714(&a),
            "甲, 乙, 丙, 等. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 青年报, 2024-02-09."
        );
    }

    #[test]
    fn gbt7714_with_missing_fields_has_no_placeholders_or_dangling_punctuation() {
        let a = article(&[], None, None);
        assert_eq!(
            gbt7714(&a),
            "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]."
        );
        let b = article(&["  "], None, Some("2024-02"));
        assert_eq!(
            gbt7714(&b),
            "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 2024-02."
        );
        let c = article(&["司若", "庞胜楠"], Some("中国电影报"), None);
        assert_eq!(
            gbt7714(&c),
            "司若, 庞胜楠. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 中国电影报."
        );
        for s in [gbt7714(&a), gbt7714(&b), gbt7714(&c)] {
            assert!(
                !s.contains("undefined")
                    && !s.contains("None")
                    && !s.contains(", .")
                    && !s.contains(".."),
                "{s}"
            );
        }
    }

    #[test]
    fn apa_with_full_and_missing_metadata() {
        let a = article(&["刘宗智"], Some("齐鲁晚报"), Some("2024-02-19"));
        assert_eq!(
            apa(&a),
            "刘宗智. (2024, February 19). 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗. 齐鲁晚报."
        );
        let two = article(&["Ann Lee", "Bo Wu"], None, Some("2024"));
        assert_eq!(
            apa(&two),
            "Ann Lee, & Bo Wu. (2024). 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗."
        );
        let none = article(&[], None, None);
        assert_eq!(
            apa(&none),
            "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗. (n.d.)."
        );
    }

    #[test]
    fn dates_normalise_or_pass_through() {
        assert_eq!(iso_date("2024/2/9"), "2024-02-09");
        assert_eq!(iso_date("2024年2月"), "2024-02");
        assert_eq!(iso_date("早春"), "早春");
        assert_eq!(iso_date("2024-13-01"), "2024-13-01");
    }

    #[test]
    fn page_suffix_follows_the_style() {
        let on = |first: Option<&str>, last: Option<&str>| ExportHighlight {
            page_start: first.map(Into::into),
            page_end: last.map(Into::into),
            ..Default::default()
        };
        let one = on(Some("12"), Some("12"));
        let span = on(Some("12"), Some("13"));
        assert_eq!(page_suffix(&one, CitationStyle::Gbt7714, true), "12");
        assert_eq!(page_suffix(&span, CitationStyle::Gbt7714, true), "12-13");
        assert_eq!(
            page_suffix(&one, CitationStyle::Gbt7714, false),
            "，第 12 页"
        );
        assert_eq!(page_suffix(&one, CitationStyle::Apa, true), ", p. 12");
        assert_eq!(page_suffix(&span, CitationStyle::Apa, false), "，pp. 12-13");
        assert_eq!(page_suffix(&on(None, None), CitationStyle::Apa, true), "");
    }

    #[test]
    fn short_source_skips_missing_parts() {
        assert_eq!(
            short_source(&article(&["刘宗智"], Some("齐鲁晚报"), Some("2024-02-19"))),
            "刘宗智《59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗》，齐鲁晚报，2024-02-19"
        );
        assert_eq!(
            short_source(&article(&[], None, None)),
            "《59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗》"
        );
    }
}
