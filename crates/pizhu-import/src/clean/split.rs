//! Several articles in one file (a scanned newspaper page): a short headline
//! followed by a news dateline (`本报讯 …`), or a headline right after a
//! paragraph that closes with a signature `(赵丽)`, starts a new article.

use super::classify::{is_title_like, trailing_signature};
use super::{Kind, Para};

/// Openings of news items: 本报讯, 本报记者…报道, 新华社北京2月20日电, 据…报道.
pub fn starts_with_dateline(text: &str) -> bool {
    let t = text.trim_start_matches(['■', '□', '●', ' ']);
    if t.starts_with("本报讯")
        || t.starts_with("本刊讯")
        || t.starts_with("新华社")
        || t.starts_with("中新社")
    {
        return true;
    }
    // 【某某报讯】 / 某某网讯 within the first dozen characters.
    let head: String = t.chars().take(14).collect();
    head.contains("讯 ") || head.contains("讯　") || head.contains("讯】")
}

/// Split the paragraphs of one file into articles. Returns one group when the
/// file holds a single article.
pub fn split_articles(paras: Vec<Para>) -> Vec<Vec<Para>> {
    let n = paras.len();
    let mut starts = vec![0usize];
    for i in 1..n.saturating_sub(1) {
        let headline = is_title_like(&paras[i]) && paras[i].kind != Kind::Heading;
        if !headline {
            continue;
        }
        let dateline_next = starts_with_dateline(&paras[i + 1].text);
        let signed_before = trailing_signature(&paras[i - 1].text).is_some();
        if (dateline_next || (signed_before && paras[i + 1].kind == Kind::Body))
            && *starts.last().unwrap_or(&0) < i
        {
            starts.push(i);
        }
    }
    // A group without body text (e.g. a stray headline) stays with its neighbour.
    let mut groups: Vec<Vec<Para>> = Vec::new();
    let mut paras = paras;
    for &s in starts.iter().skip(1).rev() {
        let tail = paras.split_off(s);
        groups.push(tail);
    }
    groups.push(paras);
    groups.reverse();
    groups.retain(|g| !g.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_and_signature_split() {
        let paras = vec![
            Para::body("第一篇的标题"),
            Para::body("正文第一段。"),
            Para::body("正文最后一段。(赵丽)"),
            Para::body("陕西省中小学影视教育协会成立"),
            Para::body("本报讯 作为“全国影视教育实验区”,陕西省多年来……"),
            Para::body("天津开展院线电影版权保护专项工作"),
            Para::body("本报讯 近日,天津市版权局等 4 部门联合印发通知。"),
        ];
        let groups = split_articles(paras);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[1][0].text, "陕西省中小学影视教育协会成立");
        assert_eq!(groups[2][0].text, "天津开展院线电影版权保护专项工作");
    }
}
