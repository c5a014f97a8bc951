//! The analyses over a library's SQLite connection: load what each needs (in one
//! read) and run the pure function on it. The API's operations are thin wrappers
//! over these; the benchmark times them on a large library.

use std::collections::{HashMap, HashSet};

use pizhu_core::rusqlite::{params, Connection, OptionalExtension};
use pizhu_core::{CoreError, Result};
use serde::Serialize;

use crate::cooccurrence::{cooccurrence, meetings, ThemePair};
use crate::kwic::{compare_spots, find_spots, hit_at, kwic_article, KwicHit, KwicSort, KwicSpot};
use crate::matrix::{cell_passages, theme_matrix};
use crate::suggest::{Ranker, SuggestArticle, ThemeWords};
use crate::CodedPassage;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ThemeLabel"))]
#[serde(rename_all = "camelCase")]
pub struct ThemeRef {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArticleRef {
    pub id: i64,
    pub title: String,
}

/// A theme with what suggestions need.
#[derive(Debug, Clone)]
pub struct ThemeInfo {
    pub id: i64,
    pub name: String,
    pub keywords: Vec<String>,
}

pub fn load_themes(conn: &Connection) -> Result<Vec<ThemeRef>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, color, parent_id FROM themes ORDER BY position, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(ThemeRef {
            id: r.get(0)?,
            name: r.get(1)?,
            color: r.get(2)?,
            parent_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn load_article_refs(conn: &Connection) -> Result<Vec<ArticleRef>> {
    let mut stmt = conn.prepare_cached("SELECT id, title FROM articles ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(ArticleRef {
            id: r.get(0)?,
            title: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every highlight that carries at least one theme, with its themes.
pub fn load_passages(conn: &Connection) -> Result<Vec<CodedPassage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.article_id, h.start, h.end, ht.theme_id
         FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
         ORDER BY ht.highlight_id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<CodedPassage> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let theme: i64 = r.get(4)?;
        match out.last_mut() {
            Some(last) if last.highlight_id == id => last.theme_ids.push(theme),
            _ => out.push(CodedPassage {
                highlight_id: id,
                article_id: r.get(1)?,
                start: offset(r.get(2)?),
                end: offset(r.get(3)?),
                theme_ids: vec![theme],
            }),
        }
    }
    Ok(out)
}

fn offset(v: i64) -> usize {
    v.max(0) as usize
}

/// (title, text) of an article.
pub fn article_text(conn: &Connection, id: i64) -> Result<(String, String)> {
    conn.query_row(
        "SELECT title, text FROM articles WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("article {id}")))
}

/// A theme by id, or else by name.
pub fn resolve_theme(conn: &Connection, id: Option<i64>, name: Option<&str>) -> Result<ThemeInfo> {
    let row =
        |r: &pizhu_core::rusqlite::Row| -> pizhu_core::rusqlite::Result<(i64, String, String)> {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        };
    let found = match (id, name) {
        (Some(id), _) => conn.query_row(
            "SELECT id, name, keywords FROM themes WHERE id = ?1",
            [id],
            row,
        ),
        (None, Some(name)) => conn.query_row(
            "SELECT id, name, keywords FROM themes WHERE name = ?1",
            [name.trim()],
            row,
        ),
        (None, None) => return Err(CoreError::Invalid("give themeId or theme (a name)".into())),
    }
    .optional()?;
    let (id, name, keywords) = found.ok_or_else(|| {
        CoreError::NotFound(match (id, name) {
            (Some(id), _) => format!("theme {id}"),
            (_, n) => format!("theme named {:?}", n.unwrap_or_default()),
        })
    })?;
    Ok(ThemeInfo {
        id,
        name,
        keywords: serde_json::from_str(&keywords).unwrap_or_default(),
    })
}

/// Every theme's name and keywords (for the segmenter's dictionary).
pub fn theme_words(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name, keywords FROM themes")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut words = Vec::new();
    for row in rows {
        let (name, keywords) = row?;
        words.push(name);
        words.extend(serde_json::from_str::<Vec<String>>(&keywords).unwrap_or_default());
    }
    Ok(words)
}

// ---------------------------------------------------------------- matrix

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MatrixReport {
    pub themes: Vec<ThemeRef>,
    pub articles: Vec<ArticleRef>,
    /// `counts[theme][article]`, indexed like `themes` and `articles`.
    pub counts: Vec<Vec<u32>>,
    /// The largest count (the heat map's scale).
    pub max: u32,
}

/// The theme × article matrix; `only_coded` leaves out articles without any
/// coded passage (a large library's heat map is otherwise mostly empty columns).
pub fn matrix_report(conn: &Connection, only_coded: bool) -> Result<MatrixReport> {
    let themes = load_themes(conn)?;
    let mut articles = load_article_refs(conn)?;
    let passages = load_passages(conn)?;
    if only_coded {
        let coded: HashSet<i64> = passages.iter().map(|p| p.article_id).collect();
        articles.retain(|a| coded.contains(&a.id));
    }
    let theme_ids: Vec<i64> = themes.iter().map(|t| t.id).collect();
    let article_ids: Vec<i64> = articles.iter().map(|a| a.id).collect();
    let counts = theme_matrix(&theme_ids, &article_ids, &passages);
    let max = counts.iter().flatten().copied().max().unwrap_or(0);
    Ok(MatrixReport {
        themes,
        articles,
        counts,
        max,
    })
}

/// A highlight behind a number, with its text.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PassageLine {
    pub highlight_id: i64,
    pub article_id: i64,
    pub title: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub note: String,
    pub theme_ids: Vec<i64>,
}

/// The passages of one matrix cell, in reading order.
pub fn matrix_cell(conn: &Connection, theme_id: i64, article_id: i64) -> Result<Vec<PassageLine>> {
    let (title, _) = article_text(conn, article_id)?;
    let passages = load_passages(conn)?;
    let mut stmt = conn.prepare_cached("SELECT exact, note FROM highlights WHERE id = ?1")?;
    let mut out = Vec::new();
    for p in cell_passages(theme_id, article_id, &passages) {
        let (text, note): (String, String) =
            stmt.query_row([p.highlight_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        out.push(PassageLine {
            highlight_id: p.highlight_id,
            article_id,
            title: title.clone(),
            start: p.start,
            end: p.end,
            text,
            note,
            theme_ids: p.theme_ids.clone(),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- co-occurrence

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CooccurrenceReport {
    pub themes: Vec<ThemeRef>,
    /// Symmetric, indexed like `themes`; the diagonal is each theme's passage count.
    pub counts: Vec<Vec<u32>>,
    /// Non-zero pairs of distinct themes (ids), most frequent first: the network's edges.
    pub pairs: Vec<ThemePair>,
}

pub fn cooccurrence_report(conn: &Connection) -> Result<CooccurrenceReport> {
    let themes = load_themes(conn)?;
    let passages = load_passages(conn)?;
    let ids: Vec<i64> = themes.iter().map(|t| t.id).collect();
    let c = cooccurrence(&ids, &passages);
    Ok(CooccurrenceReport {
        themes,
        counts: c.counts,
        pairs: c.pairs,
    })
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MeetingLine {
    pub article_id: i64,
    pub title: String,
    pub highlight_ids: Vec<i64>,
    /// The span the meeting's highlights cover together, and its text.
    pub start: usize,
    pub end: usize,
    pub overlap_start: usize,
    pub overlap_end: usize,
    pub text: String,
}

/// The meetings behind `counts[a][b]` (for `a == b`, the theme's passages).
pub fn cooccurrence_passages(conn: &Connection, a: i64, b: i64) -> Result<Vec<MeetingLine>> {
    let passages = load_passages(conn)?;
    let mut texts: HashMap<i64, (String, String)> = HashMap::new();
    let mut out = Vec::new();
    for m in meetings(a, b, &passages) {
        let (title, text) = match texts.entry(m.article_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(article_text(conn, m.article_id)?)
            }
        };
        out.push(MeetingLine {
            article_id: m.article_id,
            title: title.clone(),
            text: pizhu_core::text::cp_slice(text, m.start, m.end)
                .unwrap_or_default()
                .to_string(),
            highlight_ids: m.highlight_ids,
            start: m.start,
            end: m.end,
            overlap_start: m.overlap_start,
            overlap_end: m.overlap_end,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- key-term sources

/// The text key terms are drawn from.
pub enum TermScope<'a> {
    Library,
    Article(i64),
    Theme {
        id: Option<i64>,
        name: Option<&'a str>,
    },
}

pub fn scope_text(conn: &Connection, scope: &TermScope) -> Result<String> {
    let collect = |sql: &str, p: Option<i64>| -> Result<String> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![p], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?.join("\n"))
    };
    match scope {
        TermScope::Article(id) => Ok(article_text(conn, *id)?.1),
        TermScope::Theme { id, name } => {
            let theme = resolve_theme(conn, *id, *name)?;
            collect(
                "SELECT h.exact FROM highlights h JOIN highlight_themes ht ON ht.highlight_id = h.id
                 WHERE ht.theme_id = ?1 ORDER BY h.article_id, h.start",
                Some(theme.id),
            )
        }
        TermScope::Library => collect(
            "SELECT text FROM articles WHERE ?1 IS NULL ORDER BY id",
            None,
        ),
    }
}

// ---------------------------------------------------------------- KWIC

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KwicLine {
    pub article_id: i64,
    pub title: String,
    pub start: usize,
    pub end: usize,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    pub paragraph: usize,
}

impl KwicLine {
    /// A line for the library view: the article's title beside the hit.
    fn new(title: String, h: KwicHit) -> KwicLine {
        KwicLine {
            article_id: h.article_id,
            title,
            start: h.start,
            end: h.end,
            left: h.left,
            matched: h.matched,
            right: h.right,
            paragraph: h.paragraph,
        }
    }
}

/// Concordance of `term` over the library (or one article), sorted, at most `limit` lines.
pub fn kwic_library(
    conn: &Connection,
    term: &str,
    width: usize,
    sort: KwicSort,
    article_id: Option<i64>,
    limit: usize,
) -> Result<Vec<KwicLine>> {
    if term.trim().is_empty() {
        return Err(CoreError::Invalid("term is empty".into()));
    }
    if sort != KwicSort::Article {
        return kwic_sorted(conn, term, width, sort, article_id, limit);
    }
    let mut hits = Vec::new();
    let mut titles = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, text FROM articles WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query(params![article_id])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        // Borrow the text from SQLite's row buffer: no copy per article.
        let text = r
            .get_ref(2)?
            .as_str()
            .map_err(pizhu_core::rusqlite::Error::from)?;
        let before = hits.len();
        kwic_article(id, text, term, width, &mut hits);
        if hits.len() > before {
            titles.insert(id, r.get::<_, String>(1)?);
        }
        // In reading order the first `limit` lines are final: stop reading.
        if hits.len() >= limit {
            break;
        }
    }
    hits.truncate(limit);
    Ok(hits
        .into_iter()
        .map(|h| KwicLine::new(titles.get(&h.article_id).cloned().unwrap_or_default(), h))
        .collect())
}

/// Sorted by context: every occurrence must be found before any can be cut, so
/// spots are sorted on the texts themselves and strings are built only for the
/// `limit` lines returned.
fn kwic_sorted(
    conn: &Connection,
    term: &str,
    width: usize,
    sort: KwicSort,
    article_id: Option<i64>,
    limit: usize,
) -> Result<Vec<KwicLine>> {
    let mut articles: Vec<(i64, String, String)> = Vec::new();
    let mut spots: Vec<(usize, KwicSpot)> = Vec::new();
    let mut found = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, text FROM articles WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query(params![article_id])?;
    while let Some(r) = rows.next()? {
        found.clear();
        let text = r
            .get_ref(2)?
            .as_str()
            .map_err(pizhu_core::rusqlite::Error::from)?;
        find_spots(text, term, &mut found);
        if !found.is_empty() {
            // Keep only the texts that matched.
            let index = articles.len();
            articles.push((r.get(0)?, r.get(1)?, text.to_string()));
            spots.extend(found.iter().map(|s| (index, *s)));
        }
    }
    let key = |&(i, ref s): &(usize, KwicSpot)| (articles[i].0, articles[i].2.as_str(), *s);
    let by = |x: &(usize, KwicSpot), y: &(usize, KwicSpot)| {
        let (xa, xt, xs) = key(x);
        let (ya, yt, ys) = key(y);
        compare_spots(sort, width, (xa, xt, &xs), (ya, yt, &ys))
    };
    if spots.len() > limit && limit > 0 {
        spots.select_nth_unstable_by(limit - 1, by);
    }
    spots.truncate(limit);
    spots.sort_by(by);
    Ok(spots
        .iter()
        .map(|(i, spot)| {
            let (id, title, text) = &articles[*i];
            KwicLine::new(title.clone(), hit_at(*id, text, spot, width))
        })
        .collect())
}

// ---------------------------------------------------------------- suggestions

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SuggestionLine {
    pub article_id: i64,
    pub title: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// The `limit` best uncoded, undismissed sentences for `theme`. `words_for`
/// turns (name, keywords, coded passage texts) into the theme's weighted words;
/// the caller supplies it so the shared segmenter does the segmenting.
pub fn suggest_for_theme(
    conn: &Connection,
    theme: &ThemeInfo,
    limit: usize,
    words_for: impl FnOnce(&str, &[String], &[&str]) -> ThemeWords,
) -> Result<Vec<SuggestionLine>> {
    let mut coded: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    let mut coded_texts: Vec<String> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT h.article_id, h.start, h.end, h.exact FROM highlights h
             JOIN highlight_themes ht ON ht.highlight_id = h.id WHERE ht.theme_id = ?1",
        )?;
        let mut rows = stmt.query([theme.id])?;
        while let Some(r) = rows.next()? {
            coded
                .entry(r.get(0)?)
                .or_default()
                .push((offset(r.get(1)?), offset(r.get(2)?)));
            coded_texts.push(r.get(3)?);
        }
    }
    let mut dismissed: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT article_id, start, end FROM dismissed_suggestions WHERE theme_id = ?1",
        )?;
        let mut rows = stmt.query([theme.id])?;
        while let Some(r) = rows.next()? {
            dismissed
                .entry(r.get(0)?)
                .or_default()
                .push((offset(r.get(1)?), offset(r.get(2)?)));
        }
    }
    let coded_refs: Vec<&str> = coded_texts.iter().map(String::as_str).collect();
    let words = words_for(&theme.name, &theme.keywords, &coded_refs);
    let Some(mut ranker) = Ranker::new(&words) else {
        return Ok(Vec::new());
    };

    // Stream the texts: each is borrowed from SQLite's row buffer, ranked, and
    // dropped; only sentence positions are kept.
    let mut stmt = conn.prepare_cached("SELECT id, text FROM articles ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let text = r
            .get_ref(1)?
            .as_str()
            .map_err(pizhu_core::rusqlite::Error::from)?;
        ranker.add(&SuggestArticle {
            id,
            text,
            coded: coded.remove(&id).unwrap_or_default(),
            dismissed: dismissed.remove(&id).unwrap_or_default(),
        });
    }
    drop(rows);
    // SQLite's substr counts characters (code points) in TEXT, like Pizhu's offsets.
    let mut fetch =
        conn.prepare_cached("SELECT title, substr(text, ?2, ?3) FROM articles WHERE id = ?1")?;
    let mut out = Vec::new();
    for r in ranker.best(limit) {
        let (title, text): (String, String) = fetch.query_row(
            params![r.article_id, r.start as i64 + 1, (r.end - r.start) as i64],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        out.push(SuggestionLine {
            article_id: r.article_id,
            title,
            start: r.start,
            end: r.end,
            text,
            score: r.score,
            reasons: r.reasons,
        });
    }
    Ok(out)
}

/// Remember that the user does not want this sentence for this theme.
pub fn dismiss(
    conn: &Connection,
    theme_id: i64,
    article_id: i64,
    start: usize,
    end: usize,
) -> Result<()> {
    if start >= end {
        return Err(CoreError::Invalid("start must be before end".into()));
    }
    let exists = |sql: &str, id: i64| conn.query_row(sql, [id], |_| Ok(())).optional();
    if exists("SELECT 1 FROM themes WHERE id = ?1", theme_id)?.is_none() {
        return Err(CoreError::NotFound(format!("theme {theme_id}")));
    }
    if exists("SELECT 1 FROM articles WHERE id = ?1", article_id)?.is_none() {
        return Err(CoreError::NotFound(format!("article {article_id}")));
    }
    conn.execute(
        "INSERT OR IGNORE INTO dismissed_suggestions(theme_id, article_id, start, end) VALUES (?1, ?2, ?3, ?4)",
        params![theme_id, article_id, start as i64, end as i64],
    )?;
    Ok(())
}
