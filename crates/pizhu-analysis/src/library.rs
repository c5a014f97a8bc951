//! The analyses over a library: load what each needs through pizhu-core's read
//! models (no SQL here) and run the pure function on it. The API's operations
//! are thin wrappers over these; the benchmark times them on a large library.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

use pizhu_core::{CoreError, Result, Store};
use serde::Serialize;

use crate::cooccurrence::{cooccurrence, meetings, ThemePair};
use crate::kwic::{compare_spots, find_spots, hit_at, kwic_article, KwicHit, KwicSort, KwicSpot};
use crate::matrix::{counted_matrix, rolled_cell_passages, Rollup};
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

pub fn load_themes(store: &Store) -> Result<Vec<ThemeRef>> {
    Ok(store
        .theme_labels()?
        .into_iter()
        .map(|t| ThemeRef {
            id: t.id,
            name: t.name,
            color: t.color,
            parent_id: t.parent_id,
        })
        .collect())
}

pub fn load_article_refs(store: &Store) -> Result<Vec<ArticleRef>> {
    Ok(store
        .article_titles()?
        .into_iter()
        .map(|a| ArticleRef {
            id: a.id,
            title: a.title,
        })
        .collect())
}

/// Every highlight that carries at least one theme, with its themes.
pub fn load_passages(store: &Store) -> Result<Vec<CodedPassage>> {
    Ok(store
        .coded_highlights()?
        .into_iter()
        .map(|h| CodedPassage {
            highlight_id: h.highlight_id,
            article_id: h.article_id,
            start: h.start,
            end: h.end,
            theme_ids: h.theme_ids,
        })
        .collect())
}

/// (title, text) of an article.
pub fn article_text(store: &Store, id: i64) -> Result<(String, String)> {
    store.article_title_text(id)
}

/// A theme by id, or else by name.
pub fn resolve_theme(store: &Store, id: Option<i64>, name: Option<&str>) -> Result<ThemeInfo> {
    let t = store.theme_keywords(id, name)?;
    Ok(ThemeInfo {
        id: t.id,
        name: t.name,
        keywords: t.keywords,
    })
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
    /// Per theme, its passages in all the articles shown (each row's sum).
    pub row_totals: Vec<u32>,
    /// Per article, its distinct coded passages: a passage with two themes is
    /// one passage, so this is not the column's sum.
    pub column_totals: Vec<u32>,
    /// Distinct coded passages in the articles shown.
    pub total: u32,
    /// Whether a theme's row also counts its sub-themes' passages.
    pub include_children: bool,
}

/// How a theme's row counts: with `include_children`, a passage coded with a
/// sub-theme also counts (once) for every theme above it.
fn rollup(themes: &[ThemeRef], include_children: bool) -> Rollup {
    if include_children {
        Rollup::from_parents(themes.iter().map(|t| (t.id, t.parent_id)))
    } else {
        Rollup::none()
    }
}

/// The theme × article matrix; `only_coded` leaves out articles without any
/// coded passage (a large library's heat map is otherwise mostly empty columns);
/// `include_children` rolls sub-themes up into their parents.
pub fn matrix_report(
    store: &Store,
    only_coded: bool,
    include_children: bool,
) -> Result<MatrixReport> {
    let themes = load_themes(store)?;
    let mut articles = load_article_refs(store)?;
    let passages = load_passages(store)?;
    if only_coded {
        let coded: HashSet<i64> = passages.iter().map(|p| p.article_id).collect();
        articles.retain(|a| coded.contains(&a.id));
    }
    let theme_ids: Vec<i64> = themes.iter().map(|t| t.id).collect();
    let article_ids: Vec<i64> = articles.iter().map(|a| a.id).collect();
    let m = counted_matrix(
        &theme_ids,
        &article_ids,
        &passages,
        &rollup(&themes, include_children),
    );
    let max = m.counts.iter().flatten().copied().max().unwrap_or(0);
    Ok(MatrixReport {
        themes,
        articles,
        counts: m.counts,
        max,
        row_totals: m.row_totals,
        column_totals: m.column_totals,
        total: m.total,
        include_children,
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

/// The passages of one matrix cell, in reading order (with `include_children`,
/// also those coded only with a sub-theme, as the matrix counts them).
pub fn matrix_cell(
    store: &Store,
    theme_id: i64,
    article_id: i64,
    include_children: bool,
) -> Result<Vec<PassageLine>> {
    let (title, _) = article_text(store, article_id)?;
    let passages = load_passages(store)?;
    let rollup = rollup(&load_themes(store)?, include_children);
    let mut out = Vec::new();
    for p in rolled_cell_passages(theme_id, article_id, &passages, &rollup) {
        let (text, note) = store.highlight_text(p.highlight_id)?;
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

/// Passages with each theme also counted for its ancestors (each once), when
/// sub-themes roll up: a passage coded 人机协作 meets what its parent 人机共生 meets.
fn rolled_up(passages: Vec<CodedPassage>, rollup: &Rollup) -> Vec<CodedPassage> {
    let mut rows = Vec::new();
    passages
        .into_iter()
        .map(|mut p| {
            rollup.passage_rows(&p, &mut rows);
            p.theme_ids = rows.clone();
            p
        })
        .collect()
}

/// Theme × theme co-occurrence; `include_children` rolls sub-themes up into
/// their parents, as the matrix does.
pub fn cooccurrence_report(store: &Store, include_children: bool) -> Result<CooccurrenceReport> {
    let themes = load_themes(store)?;
    let passages = rolled_up(load_passages(store)?, &rollup(&themes, include_children));
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

/// The meetings behind `counts[a][b]` (for `a == b`, the theme's passages),
/// rolled up as the report was.
pub fn cooccurrence_passages(
    store: &Store,
    a: i64,
    b: i64,
    include_children: bool,
) -> Result<Vec<MeetingLine>> {
    let themes = load_themes(store)?;
    let passages = rolled_up(load_passages(store)?, &rollup(&themes, include_children));
    let mut texts: HashMap<i64, (String, String)> = HashMap::new();
    let mut out = Vec::new();
    for m in meetings(a, b, &passages) {
        let (title, text) = match texts.entry(m.article_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(article_text(store, m.article_id)?)
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
    /// A theme's passages; with `include_children` also its sub-themes' (the
    /// rule everywhere).
    Theme {
        id: Option<i64>,
        name: Option<&'a str>,
        include_children: bool,
    },
}

pub fn scope_text(store: &Store, scope: &TermScope) -> Result<String> {
    match scope {
        TermScope::Article(id) => Ok(article_text(store, *id)?.1),
        TermScope::Theme {
            id,
            name,
            include_children,
        } => {
            let theme = resolve_theme(store, *id, *name)?;
            Ok(store
                .theme_passage_texts(theme.id, *include_children)?
                .join("\n"))
        }
        TermScope::Library => {
            let mut texts: Vec<String> = Vec::new();
            store.for_each_article_text(None, |a| {
                texts.push(a.text.to_string());
                ControlFlow::Continue(())
            })?;
            Ok(texts.join("\n"))
        }
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
    store: &Store,
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
        return kwic_sorted(store, term, width, sort, article_id, limit);
    }
    let mut hits = Vec::new();
    let mut titles = HashMap::new();
    // The texts are borrowed from SQLite's row buffer: no copy per article.
    store.for_each_article_text(article_id, |a| {
        let before = hits.len();
        kwic_article(a.id, a.text, term, width, &mut hits);
        if hits.len() > before {
            titles.insert(a.id, a.title.to_string());
        }
        // In reading order the first `limit` lines are final: stop reading.
        if hits.len() >= limit {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
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
    store: &Store,
    term: &str,
    width: usize,
    sort: KwicSort,
    article_id: Option<i64>,
    limit: usize,
) -> Result<Vec<KwicLine>> {
    let mut articles: Vec<(i64, String, String)> = Vec::new();
    let mut spots: Vec<(usize, KwicSpot)> = Vec::new();
    let mut found = Vec::new();
    store.for_each_article_text(article_id, |a| {
        found.clear();
        find_spots(a.text, term, &mut found);
        if !found.is_empty() {
            // Keep only the texts that matched.
            let index = articles.len();
            articles.push((a.id, a.title.to_string(), a.text.to_string()));
            spots.extend(found.iter().map(|s| (index, *s)));
        }
        ControlFlow::Continue(())
    })?;
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
    store: &Store,
    theme: &ThemeInfo,
    limit: usize,
    words_for: impl FnOnce(&str, &[String], &[&str]) -> ThemeWords,
) -> Result<Vec<SuggestionLine>> {
    let mut coded: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    let mut coded_texts: Vec<String> = Vec::new();
    for s in store.theme_coded_spans(theme.id)? {
        coded
            .entry(s.article_id)
            .or_default()
            .push((s.start, s.end));
        coded_texts.push(s.exact);
    }
    let mut dismissed: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    for d in store.dismissed_suggestions(theme.id)? {
        dismissed
            .entry(d.article_id)
            .or_default()
            .push((d.start, d.end));
    }
    let mut headings: HashMap<i64, Vec<usize>> = store.heading_paragraphs()?.into_iter().collect();
    let coded_refs: Vec<&str> = coded_texts.iter().map(String::as_str).collect();
    let words = words_for(&theme.name, &theme.keywords, &coded_refs);
    let Some(mut ranker) = Ranker::new(&words) else {
        return Ok(Vec::new());
    };

    // Stream the texts: each is borrowed from SQLite's row buffer, ranked, and
    // dropped; only sentence positions are kept.
    store.for_each_article_text(None, |a| {
        ranker.add(&SuggestArticle {
            id: a.id,
            text: a.text,
            coded: coded.remove(&a.id).unwrap_or_default(),
            dismissed: dismissed.remove(&a.id).unwrap_or_default(),
            headings: headings.remove(&a.id).unwrap_or_default(),
        });
        ControlFlow::Continue(())
    })?;
    let mut out = Vec::new();
    for r in ranker.best(limit) {
        let excerpt = store
            .article_excerpt(r.article_id, r.start, r.end - r.start)?
            .ok_or_else(|| CoreError::NotFound(format!("article {}", r.article_id)))?;
        out.push(SuggestionLine {
            article_id: r.article_id,
            title: excerpt.title,
            start: r.start,
            end: r.end,
            text: excerpt.window,
            score: r.score,
            reasons: r.reasons,
        });
    }
    Ok(out)
}
