//! A parsed query as a tantivy query: every required phrase in title, text or
//! note, the excluded ones not, and the filters (article, author, theme) as
//! unscored clauses.

use pizhu_core::Store;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, Term};

use super::Result;
use crate::normalize::normalize;
use crate::query::{Filter, ParsedQuery, Phrase};
use crate::schema::Fields;

fn phrase_in_field(field: tantivy::schema::Field, p: &Phrase) -> Box<dyn Query> {
    if p.terms.len() == 1 {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &p.terms[0].1),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new_with_offset(
            p.terms
                .iter()
                .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                .collect(),
        ))
    }
}

fn phrase_anywhere(f: &Fields, p: &Phrase) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        [f.title, f.body, f.note]
            .into_iter()
            .map(|field| (Occur::Should, phrase_in_field(field, p)))
            .collect(),
    ))
}

fn filter_query(f: &Fields, store: &Store, filter: &Filter) -> Result<Box<dyn Query>> {
    Ok(match filter {
        Filter::Article(id) => Box::new(TermQuery::new(
            Term::from_field_u64(f.article_id, *id as u64),
            IndexRecordOption::Basic,
        )),
        Filter::Author(name) => Box::new(TermQuery::new(
            Term::from_field_text(f.author, name),
            IndexRecordOption::Basic,
        )),
        Filter::Theme(name) => {
            // Theme names compare normalised, as the query's words do. A theme
            // filter finds the passages coded with it (or a sub-theme), not the
            // whole articles they sit in.
            let wanted = normalize(name.trim());
            let members = store.theme_members(|n| normalize(n.trim()) == wanted)?;
            Box::new(TermSetQuery::new(
                members
                    .highlights
                    .iter()
                    .map(|&h| Term::from_field_u64(f.highlight_id, h as u64)),
            ))
        }
    })
}

/// How much more a match of the words as typed weighs than the words apart.
const TOGETHER_BOOST: f32 = 8.0;

pub(super) fn build_query(f: &Fields, store: &Store, q: &ParsedQuery) -> Result<Box<dyn Query>> {
    // One word alone: a plain disjunction over the fields, which tantivy can
    // answer top-k with block-max WAND instead of scoring every match.
    if q.required.len() == 1
        && q.together.is_empty()
        && q.excluded.is_empty()
        && q.filters.is_empty()
    {
        return Ok(phrase_anywhere(f, &q.required[0]));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for p in &q.required {
        clauses.push((Occur::Must, phrase_anywhere(f, p)));
    }
    // Words typed together that also stand together in the text: scored well above
    // the same words apart, so those passages come first.
    for p in &q.together {
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(phrase_anywhere(f, p), TOGETHER_BOOST)),
        ));
    }
    if q.required.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for p in &q.excluded {
        clauses.push((Occur::MustNot, phrase_anywhere(f, p)));
    }
    for filter in &q.filters {
        clauses.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(filter_query(f, store, filter)?, 0.0)),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}
