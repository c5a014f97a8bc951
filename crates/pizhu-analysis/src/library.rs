//! The analyses over a library: load what each needs through pizhu-core's read
//! models (no SQL here) and run the pure function on it. The API's operations
//! are thin wrappers over these; the benchmark times them on a large library.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};

use pizhu_core::locks::lock;

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

/// Suggestions hand articles to the ranking threads in batches of about this
/// much text (bytes): large enough that a batch outweighs the hand-over, small
/// enough that progress moves and both cores stay busy to the end.
const SUGGEST_BATCH_BYTES: usize = 1 << 20;

/// An article's text and what the ranker needs of it, owned (for another thread).
struct OwnedArticle {
    id: i64,
    text: String,
    coded: Vec<(usize, usize)>,
    dismissed: Vec<(usize, usize)>,
    headings: Vec<usize>,
}

/// The `limit` best uncoded, undismissed sentences for `theme`. `words_for`
/// turns (name, keywords, coded passage texts) into the theme's weighted words;
/// the caller supplies it so the shared segmenter does the segmenting.
/// `progress(done, of)` follows the articles ranked (from the ranking threads).
pub fn suggest_for_theme(
    store: &Store,
    theme: &ThemeInfo,
    limit: usize,
    words_for: impl FnOnce(&str, &[String], &[&str]) -> ThemeWords,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Vec<SuggestionLine>> {
    suggest_in_batches(
        store,
        theme,
        limit,
        words_for,
        progress,
        SUGGEST_BATCH_BYTES,
    )
}

fn suggest_in_batches(
    store: &Store,
    theme: &ThemeInfo,
    limit: usize,
    words_for: impl FnOnce(&str, &[String], &[&str]) -> ThemeWords,
    progress: &(dyn Fn(u64, u64) + Sync),
    batch_bytes: usize,
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
    let total = store.article_count()? as u64;
    progress(0, total);

    // This thread reads the texts from SQLite in batches; ranking threads (one
    // per core) sentence-split and match them, each batch with its own fork of
    // the ranker, absorbed afterwards in reading order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let done = AtomicU64::new(0);
    let (to_rank, batches) = mpsc::sync_channel::<(usize, Vec<OwnedArticle>)>(threads);
    let batches = Mutex::new(batches);
    let mut parts = std::thread::scope(|scope| -> Result<Vec<(usize, Ranker)>> {
        let (to_merge, ranked) = mpsc::channel();
        for _ in 0..threads {
            let (batches, to_merge, base, done) = (&batches, to_merge.clone(), &ranker, &done);
            scope.spawn(move || loop {
                // The lock is held only to take the next batch, not to rank it.
                let next = lock(batches).recv();
                let Ok((n, batch)) = next else {
                    break;
                };
                let mut part = base.fork();
                let articles = batch.len() as u64;
                for a in batch {
                    part.add(&SuggestArticle {
                        id: a.id,
                        text: &a.text,
                        coded: a.coded,
                        dismissed: a.dismissed,
                        headings: a.headings,
                    });
                }
                progress(
                    done.fetch_add(articles, Ordering::Relaxed) + articles,
                    total,
                );
                if to_merge.send((n, part)).is_err() {
                    break;
                }
            });
        }
        drop(to_merge);
        let (mut batch, mut bytes, mut n) = (Vec::new(), 0, 0);
        let send = |batch: Vec<OwnedArticle>, n: &mut usize| {
            // Fails only if every ranking thread is gone (a panic, re-raised below).
            let _ = to_rank.send((*n, batch));
            *n += 1;
        };
        store.for_each_article_text(None, |a| {
            bytes += a.text.len();
            batch.push(OwnedArticle {
                id: a.id,
                text: a.text.to_owned(),
                coded: coded.remove(&a.id).unwrap_or_default(),
                dismissed: dismissed.remove(&a.id).unwrap_or_default(),
                headings: headings.remove(&a.id).unwrap_or_default(),
            });
            if bytes >= batch_bytes {
                send(std::mem::take(&mut batch), &mut n);
                bytes = 0;
            }
            ControlFlow::Continue(())
        })?;
        if !batch.is_empty() {
            send(batch, &mut n);
        }
        // Closing the channel ends the ranking threads once they have taken every batch.
        drop(to_rank);
        Ok(ranked.iter().collect())
    })?;
    parts.sort_by_key(|(n, _)| *n);
    for (_, part) in parts {
        ranker.absorb(part);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use pizhu_core::annotate::NewHighlight;
    use pizhu_core::test_rng::Rng;
    use pizhu_core::NewArticle;

    const SENTENCES: &[&str] = &[
        "人工智能改变了电影的制作方式。",
        "观众仍然在影院里寻找共同的体验。",
        "生成视频让电影的成本大幅下降。",
        "编剧担心人工智能会取代他们的工作。",
        "这项技术的版权问题尚无定论。",
        "导演与人工智能一起完成了分镜。",
        "短片在网络上引起了广泛讨论。",
    ];

    /// A library of `n` articles of shuffled sentences (many score alike), with
    /// one passage coded with the theme and a theme of two words.
    fn library(n: usize) -> (Store, ThemeInfo, ThemeWords) {
        let store = Store::open_in_memory().unwrap();
        let mut rng = Rng(0x5077_2026);
        let articles: Vec<NewArticle> = (0..n)
            .map(|i| NewArticle {
                title: format!("文章{i}"),
                text: (0..12)
                    .map(|_| SENTENCES[rng.below(SENTENCES.len())])
                    .collect::<Vec<_>>()
                    .join(if i % 2 == 0 { "" } else { "\n" }),
                ..Default::default()
            })
            .collect();
        store.insert_articles(None, &articles).unwrap();
        let first = store.list_articles().unwrap()[0].id;
        store
            .add_highlight(&NewHighlight {
                article_id: first,
                start: 0,
                end: 10,
                themes: vec!["人工智能".into()],
                ..Default::default()
            })
            .unwrap();
        let theme = resolve_theme(&store, None, Some("人工智能")).unwrap();
        let words = ThemeWords {
            words: vec![("人工智能".into(), 2.0), ("电影".into(), 1.0)],
        };
        (store, theme, words)
    }

    #[test]
    fn ranking_on_several_threads_gives_what_one_ranker_gives_and_reports_progress() {
        let (store, theme, words) = library(60);
        let seen = Mutex::new(Vec::new());
        let record = |done: u64, of: u64| lock(&seen).push((done, of));
        // One batch: a single ranker sees every article in order.
        let whole = suggest_in_batches(
            &store,
            &theme,
            25,
            |_, _, _| words.clone(),
            &|_, _| {},
            usize::MAX,
        )
        .unwrap();
        // A batch per article, ranked on every thread and merged.
        let split =
            suggest_in_batches(&store, &theme, 25, |_, _, _| words.clone(), &record, 1).unwrap();
        assert_eq!(whole.len(), 25);
        let key = |l: &SuggestionLine| (l.article_id, l.start, l.end, l.score.to_bits());
        assert_eq!(
            split.iter().map(key).collect::<Vec<_>>(),
            whole.iter().map(key).collect::<Vec<_>>(),
            "same sentences, same scores, same order (ties included)"
        );
        let seen = seen.into_inner().unwrap();
        assert_eq!(
            seen.first(),
            Some(&(0, 60)),
            "progress starts at zero of every article"
        );
        assert_eq!(seen.len(), 61, "then once per batch");
        let mut done: Vec<u64> = seen.iter().map(|p| p.0).collect();
        done.sort_unstable();
        assert_eq!(done.last(), Some(&60), "and ends with every article ranked");
        assert!(seen.iter().all(|p| p.1 == 60));
    }
}
