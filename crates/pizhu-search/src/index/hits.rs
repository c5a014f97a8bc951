//! Running a query and filling its hits: scores and ids from the index, match
//! positions straight from the postings, then the title and a snippet from the
//! library (a window of the article's text, its memo, or a highlight's passage).

use std::collections::HashMap;

use pizhu_core::Store;
use tantivy::collector::{Count, TopDocs};
use tantivy::postings::Postings;
use tantivy::query::Query;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Searcher};

use super::query::build_query;
use super::{Live, MatchSpan, Result, SearchHit, SearchOptions, SearchResults};
use crate::query::{ParsedQuery, Phrase};
use crate::snippet::{snippet_of, SnippetWindow};

/// Positions of `term` in document `doc` of field `field` (empty if absent).
fn term_positions(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    term: &str,
    doc: DocId,
    out: &mut Vec<u32>,
) -> Result<()> {
    out.clear();
    let inverted = seg.inverted_index(field)?;
    let term = Term::from_field_text(field, term);
    if let Some(mut postings) =
        inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
    {
        // `seek` may only move forward: a list whose first document is past
        // `doc` does not hold it (tantivy asserts this in debug builds).
        if postings.doc() <= doc && postings.seek(doc) == doc {
            postings.positions(out);
        }
    }
    Ok(())
}

/// Code-point spans where the phrases occur in one field of one document.
fn phrase_spans(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    doc: DocId,
    phrases: &[Phrase],
) -> Result<Vec<(usize, usize)>> {
    let mut spans = Vec::new();
    let mut first = Vec::new();
    let mut others: Vec<Vec<u32>> = Vec::new();
    for p in phrases {
        term_positions(seg, field, &p.terms[0].1, doc, &mut first)?;
        if first.is_empty() {
            continue;
        }
        others.resize_with(p.terms.len().saturating_sub(1), Vec::new);
        for (slot, (_, term)) in others.iter_mut().zip(&p.terms[1..]) {
            term_positions(seg, field, term, doc, slot)?;
        }
        let base0 = p.terms[0].0 as u32;
        'start: for &pos in &first {
            let Some(start) = pos.checked_sub(base0) else {
                continue;
            };
            for (slot, (offset, _)) in others.iter().zip(&p.terms[1..]) {
                if slot.binary_search(&(start + *offset as u32)).is_err() {
                    continue 'start;
                }
            }
            spans.push((start as usize, start as usize + p.len));
        }
    }
    spans.sort_unstable();
    spans.dedup();
    Ok(spans)
}

pub(super) fn search_live(
    live: &Live,
    store: &Store,
    parsed: &ParsedQuery,
    opts: SearchOptions,
) -> Result<SearchResults> {
    if parsed.is_empty() {
        return Ok(SearchResults {
            total: 0,
            hits: vec![],
            indexing: None,
        });
    }
    let f = &live.fields;
    let query = build_query(f, store, parsed)?;
    let searcher: Searcher = live.reader.searcher();
    let limit = opts.limit.clamp(1, 1000);
    let top_docs = TopDocs::with_limit(limit)
        .and_offset(opts.offset)
        .order_by_score();
    // One word: the top hits with block-max WAND pruning, and the total counted
    // apart (without scoring). Anything else (several words, a phrase, a filter)
    // scores every match whatever the collector, so one pass collects both: two
    // passes read every position of a phrase's words twice.
    let (top, total) = if parsed.is_single_word() {
        (
            searcher.search(&*query, &top_docs)?,
            query.count(&searcher)?,
        )
    } else {
        searcher.search(&*query, &(top_docs, Count))?
    };
    let mut columns: HashMap<
        u32,
        (
            tantivy::columnar::Column<u64>,
            tantivy::columnar::Column<u64>,
        ),
    > = HashMap::new();
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let seg = searcher.segment_reader(addr.segment_ord);
        let (article_col, highlight_col) = match columns.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let ff = seg.fast_fields();
                v.insert((ff.u64("article_id")?, ff.u64("highlight_id")?))
            }
        };
        let article_id = article_col.first(addr.doc_id).unwrap_or(0) as i64;
        let highlight_id = highlight_col.first(addr.doc_id).map(|h| h as i64);
        let mut hit = SearchHit {
            article_id,
            title: String::new(),
            score,
            snippet: String::new(),
            matches: vec![],
            highlight_id,
            in_memo: false,
        };
        if opts.snippets {
            let body = match_spans(seg, f.body, addr.doc_id, parsed)?;
            // The note (or memo) gives the snippet only when the text itself has no match.
            let note = if body.is_empty() {
                match_spans(seg, f.note, addr.doc_id, parsed)?
            } else {
                Vec::new()
            };
            match highlight_id {
                None => fill_article_hit(store, &mut hit, &body, &note)?,
                Some(h) => fill_highlight_hit(store, &mut hit, h, &body, &note)?,
            }
        }
        hits.push(hit);
    }
    // Equal scores in a stable order (article, then highlight): the rebuild indexes
    // on several threads, so documents' order inside the index varies between builds.
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.article_id.cmp(&b.article_id))
            .then(a.highlight_id.cmp(&b.highlight_id))
    });
    Ok(SearchResults {
        total,
        hits,
        indexing: None,
    })
}

/// What a hit marks: where the words typed together stand together, when they
/// do somewhere in this document (so the snippet and the jump go there, not to a
/// lone character elsewhere), with the other required words; otherwise every
/// required word wherever it is.
fn match_spans(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    doc: DocId,
    parsed: &ParsedQuery,
) -> Result<Vec<(usize, usize)>> {
    let together = phrase_spans(seg, field, doc, &parsed.together)?;
    if together.is_empty() {
        return phrase_spans(seg, field, doc, &parsed.required);
    }
    let in_together = |p: &Phrase| {
        p.terms.len() == 1
            && parsed
                .together
                .iter()
                .any(|t| t.terms.iter().any(|(_, w)| *w == p.terms[0].1))
    };
    let rest: Vec<Phrase> = parsed
        .required
        .iter()
        .filter(|p| !in_together(p))
        .cloned()
        .collect();
    let mut spans = together;
    spans.extend(phrase_spans(seg, field, doc, &rest)?);
    spans.sort_unstable();
    spans.dedup();
    Ok(spans)
}

fn fill_article_hit(
    store: &Store,
    hit: &mut SearchHit,
    spans: &[(usize, usize)],
    memo_spans: &[(usize, usize)],
) -> Result<()> {
    if spans.is_empty() && !memo_spans.is_empty() {
        return fill_memo_hit(store, hit, memo_spans);
    }
    // Only the window is read from the library, not the whole text.
    let w = SnippetWindow::around(spans);
    // The index may trail SQLite by a moment (another process's write): a hit
    // whose article is gone keeps its id and an empty snippet.
    let Some(excerpt) = store.article_excerpt(hit.article_id, w.start, w.len())? else {
        return Ok(());
    };
    hit.title = excerpt.title;
    let length = excerpt.length;
    hit.snippet = w.render(&excerpt.window, spans, length);
    hit.matches = spans
        .iter()
        .filter(|s| s.1 <= length)
        .map(|&(start, end)| MatchSpan { start, end })
        .collect();
    Ok(())
}

/// A hit found only in the article's memo: the snippet comes from the memo,
/// and there is no place in the article text to point at.
fn fill_memo_hit(store: &Store, hit: &mut SearchHit, spans: &[(usize, usize)]) -> Result<()> {
    let Some(found) = store.article_memo(hit.article_id)? else {
        return Ok(());
    };
    hit.title = found.title;
    hit.in_memo = true;
    hit.snippet = snippet_of(&found.memo, spans);
    Ok(())
}

fn fill_highlight_hit(
    store: &Store,
    hit: &mut SearchHit,
    highlight_id: i64,
    exact_spans: &[(usize, usize)],
    note_spans: &[(usize, usize)],
) -> Result<()> {
    let Some(p) = store.highlight_passage(highlight_id)? else {
        return Ok(());
    };
    hit.title = p.title;
    let (text, spans) = if exact_spans.is_empty() && !note_spans.is_empty() {
        (&p.note, note_spans)
    } else {
        (&p.exact, exact_spans)
    };
    hit.snippet = snippet_of(text, spans);
    if !p.orphan {
        let start = p.start;
        hit.matches = exact_spans
            .iter()
            .map(|&(s, e)| MatchSpan {
                start: start + s,
                end: start + e,
            })
            .collect();
    }
    Ok(())
}
