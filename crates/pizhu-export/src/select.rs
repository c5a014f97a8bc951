//! Applying [`ExportOptions`] to a model: which articles, highlights and themes
//! an export holds, and how its sections are arranged. Every writer renders a
//! [`Selection`], so scope and grouping mean the same in every format.

use std::collections::{HashMap, HashSet};

use crate::cite::{self, Cite, CiteSource, CslStyle, Entry, Rendered};
use crate::model::{
    ExportArticle, ExportHighlight, ExportModel, ExportOptions, ExportTheme, GroupBy, Scope,
};
use crate::ExportError;

/// A theme with its depth in the code book (0 = top level).
#[derive(Debug, Clone, Copy)]
pub struct ThemeNode<'a> {
    pub theme: &'a ExportTheme,
    pub depth: usize,
}

/// What a section is about.
#[derive(Debug, Clone, Copy)]
pub enum GroupHead<'a> {
    Theme(ThemeNode<'a>),
    /// Highlights that carry no theme.
    Uncoded,
    Article(&'a ExportArticle),
}

/// One section of an export: a heading and its passages in reading order.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub head: GroupHead<'a>,
    pub passages: Vec<&'a ExportHighlight>,
}

/// The part of the model an export holds, arranged.
#[derive(Debug)]
pub struct Selection<'a> {
    pub model: &'a ExportModel,
    pub options: &'a ExportOptions,
    /// A human title for the whole export.
    pub title: String,
    /// Articles in scope, in library order (an interchange format carries them all).
    pub articles: Vec<&'a ExportArticle>,
    /// Articles that have a passage in the export, numbered from 1 in the reference list.
    pub cited: Vec<&'a ExportArticle>,
    /// Selected highlights, by article (library order) then position.
    pub highlights: Vec<&'a ExportHighlight>,
    /// Themes in scope, code-book order (depth-first by position).
    pub themes: Vec<ThemeNode<'a>>,
    pub groups: Vec<Group<'a>>,
    /// Code-point offsets where each cited article's paragraphs 2, 3, … start.
    paragraph_starts: HashMap<i64, Vec<usize>>,
    /// The citation style (built in or the user's).
    style: CslStyle,
    /// The reference list of the cited articles, as the style orders it.
    references: Rendered,
    /// Each passage's in-text citation (with its page), by highlight id.
    passage_citations: HashMap<i64, String>,
}

impl<'a> Selection<'a> {
    pub fn new(model: &'a ExportModel, options: &'a ExportOptions) -> Result<Self, ExportError> {
        let tree = theme_tree(model);
        let article_order: HashMap<i64, usize> = model
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();

        let (title, theme_filter): (String, Option<HashSet<i64>>) = match &options.scope {
            Scope::Library => ("批注导出".to_string(), None),
            Scope::Article { id } => {
                let a = model
                    .article(*id)
                    .ok_or_else(|| ExportError::NotFound(format!("article {id}")))?;
                (a.title.clone(), None)
            }
            Scope::Theme {
                id,
                include_subthemes,
            } => {
                let t = model
                    .theme(*id)
                    .ok_or_else(|| ExportError::NotFound(format!("theme {id}")))?;
                let mut set = HashSet::from([*id]);
                if *include_subthemes {
                    set.extend(descendants(model, *id));
                }
                (format!("主题：{}", t.name), Some(set))
            }
            Scope::Highlights { .. } => ("选定的批注".to_string(), None),
            Scope::Articles { name, .. } => (format!("分类：{name}"), None),
        };

        let mut highlights: Vec<&ExportHighlight> = model
            .highlights
            .iter()
            .filter(|h| article_order.contains_key(&h.article_id))
            .filter(|h| match &options.scope {
                Scope::Library => true,
                Scope::Article { id } => h.article_id == *id,
                Scope::Theme { .. } => {
                    let set = theme_filter.as_ref().expect("theme scope has a filter");
                    h.theme_ids.iter().any(|t| set.contains(t))
                }
                Scope::Highlights { ids } => ids.contains(&h.id),
                Scope::Articles { ids, .. } => ids.contains(&h.article_id),
            })
            .filter(|h| options.include_uncoded || !h.theme_ids.is_empty())
            .collect();
        highlights.sort_by_key(|h| (article_order[&h.article_id], h.start, h.end, h.id));

        if let Scope::Highlights { ids } = &options.scope {
            if let Some(missing) = ids
                .iter()
                .find(|id| !model.highlights.iter().any(|h| h.id == **id))
            {
                return Err(ExportError::NotFound(format!("highlight {missing}")));
            }
        }

        let with_passages: HashSet<i64> = highlights.iter().map(|h| h.article_id).collect();
        let articles: Vec<&ExportArticle> = model
            .articles
            .iter()
            .filter(|a| match &options.scope {
                Scope::Library => true,
                Scope::Article { id } => a.id == *id,
                Scope::Articles { ids, .. } => ids.contains(&a.id),
                _ => with_passages.contains(&a.id),
            })
            .collect();
        let cited: Vec<&ExportArticle> = articles
            .iter()
            .copied()
            .filter(|a| {
                with_passages.contains(&a.id)
                    || matches!(
                        options.scope,
                        Scope::Article { .. } | Scope::Articles { .. }
                    )
            })
            .collect();

        let themes: Vec<ThemeNode> = match &theme_filter {
            Some(set) => tree
                .into_iter()
                .filter(|n| set.contains(&n.theme.id))
                .collect(),
            None => tree,
        };

        let groups = match options.group_by {
            GroupBy::Theme => {
                // A theme shows when it or a sub-theme has a passage, so the hierarchy stays readable.
                let used: HashSet<i64> = highlights
                    .iter()
                    .flat_map(|h| h.theme_ids.iter().copied())
                    .collect();
                let mut shown: HashSet<i64> = HashSet::new();
                for id in &used {
                    let mut cur = model.theme(*id);
                    while let Some(t) = cur {
                        if !shown.insert(t.id) {
                            break;
                        }
                        cur = t.parent_id.and_then(|p| model.theme(p));
                    }
                }
                let mut groups: Vec<Group> = themes
                    .iter()
                    .filter(|n| shown.contains(&n.theme.id))
                    .map(|n| Group {
                        head: GroupHead::Theme(*n),
                        passages: highlights
                            .iter()
                            .copied()
                            .filter(|h| h.theme_ids.contains(&n.theme.id))
                            .collect(),
                    })
                    .collect();
                let uncoded: Vec<&ExportHighlight> = highlights
                    .iter()
                    .copied()
                    .filter(|h| h.theme_ids.is_empty())
                    .collect();
                if !uncoded.is_empty() {
                    groups.push(Group {
                        head: GroupHead::Uncoded,
                        passages: uncoded,
                    });
                }
                groups
            }
            GroupBy::Article => cited
                .iter()
                .map(|a| Group {
                    head: GroupHead::Article(a),
                    passages: highlights
                        .iter()
                        .copied()
                        .filter(|h| h.article_id == a.id)
                        .collect(),
                })
                .collect(),
        };

        // References are numbered in order of first citation (GB/T 7714's numeric system).
        let mut cited = cited;
        let first_seen: Vec<i64> = groups
            .iter()
            .flat_map(|g| g.passages.iter().map(|h| h.article_id))
            .collect();
        cited.sort_by_key(|a| {
            first_seen
                .iter()
                .position(|id| *id == a.id)
                .unwrap_or(usize::MAX)
        });

        // Paragraph numbers by binary search: one pass over each article's text,
        // not one per passage (a long article may carry thousands of highlights).
        let paragraph_starts = articles
            .iter()
            .map(|a| {
                let starts = a
                    .text
                    .chars()
                    .enumerate()
                    .filter(|(_, c)| *c == '\n')
                    .map(|(i, _)| i + 1)
                    .collect();
                (a.id, starts)
            })
            .collect();

        let style = match &options.custom_style {
            Some(xml) => CslStyle::from_xml(xml)?,
            None => CslStyle::builtin(options.citation_style),
        };
        let (references, passage_citations) = cite_passages(&style, &cited, &groups);

        Ok(Selection {
            paragraph_starts,
            style,
            references,
            passage_citations,
            model,
            options,
            title,
            articles,
            cited,
            highlights,
            themes,
            groups,
        })
    }

    /// How many passages, cited articles and distinct themes the export holds.
    pub fn counts(&self) -> crate::ExportCounts {
        let themes: HashSet<i64> = self
            .highlights
            .iter()
            .flat_map(|h| h.theme_ids.iter().copied())
            .collect();
        crate::ExportCounts {
            highlights: self.highlights.len(),
            articles: self.cited.len(),
            themes: themes.len(),
        }
    }

    /// 1-based number of the paragraph where `h` starts (every paragraph counts,
    /// headings included, like the reader's margin numbers).
    pub fn paragraph_number(&self, h: &ExportHighlight) -> usize {
        match self.paragraph_starts.get(&h.article_id) {
            Some(starts) => 1 + starts.partition_point(|s| *s <= h.start),
            None => self
                .model
                .article(h.article_id)
                .map(|a| crate::model::paragraph_number(&a.text, h.start))
                .unwrap_or(1),
        }
    }

    /// Articles whose memo a by-theme export shows in its own section (a by-article
    /// export shows each memo under its article's heading instead).
    pub fn memo_articles(&self) -> Vec<&'a ExportArticle> {
        if !self.options.include_memos || self.options.group_by != GroupBy::Theme {
            return vec![];
        }
        self.cited
            .iter()
            .copied()
            .filter(|a| !a.memo.trim().is_empty())
            .collect()
    }

    /// 1-based number of an article in the reference list.
    pub fn reference_number(&self, article_id: i64) -> Option<usize> {
        self.cited
            .iter()
            .position(|a| a.id == article_id)
            .map(|i| i + 1)
    }

    /// The reference list, in the style's order (numeric: order of first citation;
    /// author-date and APA: by author). An entry's key is its article's id.
    pub fn reference_entries(&self) -> &[Entry] {
        &self.references.entries
    }

    /// 1-based position of an article's entry in [`Selection::reference_entries`].
    pub fn reference_position(&self, article_id: i64) -> Option<usize> {
        let key = article_id.to_string();
        self.references
            .entries
            .iter()
            .position(|e| e.key == key)
            .map(|i| i + 1)
    }

    /// The in-text citation of a passage (`[1]`, `(刘宗智, 2024)`, with its page
    /// where the source is paged), as the style writes it.
    pub fn passage_citation(&self, h: &ExportHighlight) -> Option<&str> {
        self.passage_citations.get(&h.id).map(String::as_str)
    }

    /// The reference entry of an article (without a list number): from the
    /// reference list when it is cited, else rendered on its own.
    pub fn reference_of(&self, a: &ExportArticle) -> String {
        let key = a.id.to_string();
        if let Some(e) = self.references.entries.iter().find(|e| e.key == key) {
            return e.body.clone();
        }
        let one = cite::render(&self.style, &[source_of(a)]);
        one.entries
            .into_iter()
            .next()
            .map(|e| e.body)
            .unwrap_or_else(|| one.citations.into_iter().next().unwrap_or_default())
    }

    /// Names of a highlight's themes, in code-book order.
    pub fn theme_names(&self, h: &ExportHighlight) -> Vec<&'a str> {
        let model: &'a ExportModel = self.model;
        let mut themes: Vec<&'a ExportTheme> = h
            .theme_ids
            .iter()
            .filter_map(|id| model.theme(*id))
            .collect();
        themes.sort_by_key(|t| (t.position, t.id));
        themes.into_iter().map(|t| t.name.as_str()).collect()
    }

    /// A theme's full path (`父主题 / 子主题`).
    pub fn theme_path(&self, theme: &ExportTheme) -> String {
        let mut names = vec![theme.name.as_str()];
        let mut cur = theme.parent_id.and_then(|p| self.model.theme(p));
        let mut guard = 0;
        while let Some(t) = cur {
            names.push(&t.name);
            cur = t.parent_id.and_then(|p| self.model.theme(p));
            guard += 1;
            if guard > 64 {
                break;
            }
        }
        names.reverse();
        names.join(" / ")
    }
}

/// Themes depth-first in code-book order (siblings by `position`, then id).
pub fn source_of(a: &ExportArticle) -> CiteSource<'_> {
    CiteSource {
        key: a.id.to_string(),
        title: &a.title,
        reference: &a.reference,
        locator: None,
    }
}

/// The page (or page range) a passage sits on, for its citation's locator
/// (`12`, `12-13`); `None` for unpaged sources.
pub fn passage_locator(h: &ExportHighlight) -> Option<String> {
    let first = h
        .page_start
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    let last = h
        .page_end
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != first);
    Some(match last {
        Some(l) => format!("{first}-{l}"),
        None => first.to_string(),
    })
}

/// A citation with its page: the style's own when it prints the locator (APA
/// `p. 12`), else GB/T 7714's in-text form, the page right after the number
/// (`[1]12`), which the numeric CSL style does not print.
fn with_page(citation: String, locator: Option<&str>) -> String {
    match locator {
        // Styles write ranges with an en dash (APA `pp. 12–13`).
        Some(l) if !citation.replace('\u{2013}', "-").contains(l) => format!("{citation}{l}"),
        _ => citation,
    }
}

/// Every passage cited in document order (first occurrence), so a numeric style
/// numbers the sources as the reader meets them.
fn cite_passages(
    style: &CslStyle,
    cited: &[&ExportArticle],
    groups: &[Group],
) -> (Rendered, HashMap<i64, String>) {
    let sources: Vec<CiteSource> = cited.iter().map(|a| source_of(a)).collect();
    let index: HashMap<i64, usize> = cited.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let mut seen = HashSet::new();
    let mut order: Vec<&ExportHighlight> = Vec::new();
    for h in groups.iter().flat_map(|g| g.passages.iter()) {
        if index.contains_key(&h.article_id) && seen.insert(h.id) {
            order.push(h);
        }
    }
    let locators: Vec<Option<String>> = order.iter().map(|h| passage_locator(h)).collect();
    let cites: Vec<Cite> = order
        .iter()
        .zip(&locators)
        .map(|(h, l)| Cite {
            source: index[&h.article_id],
            locator: l.as_deref(),
        })
        .collect();
    let rendered = cite::render_cites(style, &sources, &cites);
    let by_passage = order
        .iter()
        .map(|h| h.id)
        .zip(
            rendered
                .citations
                .iter()
                .zip(&locators)
                .map(|(c, l)| with_page(c.clone(), l.as_deref())),
        )
        .collect();
    (rendered, by_passage)
}

fn theme_tree(model: &ExportModel) -> Vec<ThemeNode<'_>> {
    let ids: HashSet<i64> = model.themes.iter().map(|t| t.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&ExportTheme>> = HashMap::new();
    for t in &model.themes {
        // A parent that is not in the model (or a theme that is its own parent) makes a root.
        let parent = t.parent_id.filter(|p| ids.contains(p) && *p != t.id);
        children.entry(parent).or_default().push(t);
    }
    for list in children.values_mut() {
        list.sort_by_key(|t| (t.position, t.id));
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(&ExportTheme, usize)> = children
        .get(&None)
        .map(|l| l.iter().rev().map(|t| (*t, 0)).collect())
        .unwrap_or_default();
    while let Some((t, depth)) = stack.pop() {
        if !seen.insert(t.id) {
            continue;
        }
        out.push(ThemeNode { theme: t, depth });
        if let Some(kids) = children.get(&Some(t.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    out
}

fn descendants(model: &ExportModel, id: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut frontier = vec![id];
    while let Some(p) = frontier.pop() {
        let kids: Vec<i64> = model
            .themes
            .iter()
            .filter(|t| t.parent_id == Some(p) && t.id != id && !out.contains(&t.id))
            .map(|t| t.id)
            .collect();
        out.extend(&kids);
        frontier.extend(kids);
    }
    out
}
