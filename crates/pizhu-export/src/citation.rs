//! A passage's short source label (`刘宗智《标题》，齐鲁晚报，2024-02-19`), which
//! exports print beside quotes. Reference-list entries and in-text citations are
//! not written here: a CSL processor renders them ([`crate::cite`]).

use crate::model::ExportArticle;

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
    fn dates_normalise_or_pass_through() {
        assert_eq!(iso_date("2024/2/9"), "2024-02-09");
        assert_eq!(iso_date("2024年2月"), "2024-02");
        assert_eq!(iso_date("早春"), "早春");
        assert_eq!(iso_date("2024-13-01"), "2024-13-01");
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
