//! What an entry of the undo log did, as a kind code with parameters.
//!
//! The UI turns an [`Action`] into words in its own language ("已撤销：删除文章《…》");
//! [`Action`]'s `Display` is the English label the CLI prints. The log stores it as
//! JSON in `oplog.label`; entries written before actions existed hold plain text
//! and read back as [`Action::Other`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// How many characters of a quote an action keeps (enough to recognise it).
const QUOTE_CHARS: usize = 24;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Action {
    AddHighlight {
        quote: String,
    },
    EditHighlight {
        quote: String,
    },
    DeleteHighlight {
        quote: String,
    },
    /// `theme`: the theme's name.
    TagHighlight {
        quote: String,
        theme: String,
    },
    UntagHighlight {
        quote: String,
        theme: String,
    },
    PlaceHighlight {
        quote: String,
    },
    AddTheme {
        name: String,
    },
    EditTheme {
        name: String,
    },
    RenameTheme {
        from: String,
        to: String,
    },
    MergeThemes {
        from: String,
        into: String,
    },
    MoveTheme {
        name: String,
    },
    DeleteTheme {
        name: String,
    },
    EditArticleText {
        title: String,
    },
    ReimportArticle {
        title: String,
    },
    DeleteArticle {
        title: String,
    },
    /// Several articles deleted in one step (the library's bulk delete).
    DeleteArticles {
        count: usize,
    },
    AddCollection {
        name: String,
    },
    RenameCollection {
        from: String,
        to: String,
    },
    MoveCollection {
        name: String,
    },
    DeleteCollection {
        name: String,
    },
    /// `count` articles put in the collection `collection`.
    AddToCollection {
        collection: String,
        count: usize,
    },
    RemoveFromCollection {
        collection: String,
        count: usize,
    },
    MoveToCollection {
        from: String,
        to: String,
        count: usize,
    },
    /// A tree of collections brought in at once (a Zotero import): how many
    /// were new, and how many articles were put in them.
    ImportCollections {
        collections: usize,
        articles: usize,
    },
    /// An article's bibliographic record (type, creators, fields) edited.
    EditReference {
        title: String,
    },
    /// A code book (REFI-QDA) imported in one step: how many themes it created.
    ImportCodebook {
        themes: usize,
    },
    /// A reference file (or a Zotero library) imported in one step: how many
    /// articles it added.
    ImportReferences {
        articles: usize,
    },
    /// Highlights joined the daily review: how many cards were made.
    AddReviewCards {
        count: usize,
    },
    /// A card left the review (its history with it).
    RemoveReviewCard {
        quote: String,
    },
    /// A card graded in the review: `grade` is again, hard, good or easy.
    GradeReviewCard {
        quote: String,
        grade: String,
    },
    /// An entry from before actions were recorded: its English label.
    Other {
        label: String,
    },
}

impl Action {
    /// Read what `oplog.label` holds (JSON, or an older plain-text label).
    pub fn from_stored(raw: &str) -> Action {
        serde_json::from_str(raw).unwrap_or_else(|_| Action::Other {
            label: raw.to_string(),
        })
    }

    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("an action always serialises")
    }
}

/// The start of a highlight's quote, for an action's parameters.
pub fn short_quote(exact: &str) -> String {
    let mut out: String = exact.chars().take(QUOTE_CHARS).collect();
    if exact.chars().nth(QUOTE_CHARS).is_some() {
        out.push('…');
    }
    out
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Action::*;
        match self {
            AddHighlight { quote } => write!(f, "add highlight \u{201c}{quote}\u{201d}"),
            EditHighlight { quote } => write!(f, "edit highlight \u{201c}{quote}\u{201d}"),
            DeleteHighlight { quote } => write!(f, "delete highlight \u{201c}{quote}\u{201d}"),
            TagHighlight { quote, theme } => {
                write!(
                    f,
                    "tag \u{201c}{quote}\u{201d} with \u{201c}{theme}\u{201d}"
                )
            }
            UntagHighlight { quote, theme } => {
                write!(
                    f,
                    "remove \u{201c}{theme}\u{201d} from \u{201c}{quote}\u{201d}"
                )
            }
            PlaceHighlight { quote } => write!(f, "place highlight \u{201c}{quote}\u{201d}"),
            AddTheme { name } => write!(f, "add theme \u{201c}{name}\u{201d}"),
            EditTheme { name } => write!(f, "edit theme \u{201c}{name}\u{201d}"),
            RenameTheme { from, to } => {
                write!(
                    f,
                    "rename theme \u{201c}{from}\u{201d} to \u{201c}{to}\u{201d}"
                )
            }
            MergeThemes { from, into } => {
                write!(
                    f,
                    "merge theme \u{201c}{from}\u{201d} into \u{201c}{into}\u{201d}"
                )
            }
            MoveTheme { name } => write!(f, "move theme \u{201c}{name}\u{201d}"),
            DeleteTheme { name } => write!(f, "delete theme \u{201c}{name}\u{201d}"),
            EditArticleText { title } => write!(f, "edit the text of \u{201c}{title}\u{201d}"),
            ReimportArticle { title } => {
                write!(f, "re-import \u{201c}{title}\u{201d} from its original")
            }
            DeleteArticle { title } => write!(f, "delete article \u{201c}{title}\u{201d}"),
            DeleteArticles { count } => write!(f, "delete {count} articles"),
            AddCollection { name } => write!(f, "create collection \u{201c}{name}\u{201d}"),
            RenameCollection { from, to } => write!(
                f,
                "rename collection \u{201c}{from}\u{201d} to \u{201c}{to}\u{201d}"
            ),
            MoveCollection { name } => write!(f, "move collection \u{201c}{name}\u{201d}"),
            DeleteCollection { name } => write!(f, "delete collection \u{201c}{name}\u{201d}"),
            AddToCollection { collection, count } => {
                write!(f, "add {count} articles to \u{201c}{collection}\u{201d}")
            }
            RemoveFromCollection { collection, count } => {
                write!(
                    f,
                    "remove {count} articles from \u{201c}{collection}\u{201d}"
                )
            }
            ImportCollections {
                collections,
                articles,
            } => write!(
                f,
                "import collections ({collections} new, {articles} articles put in them)"
            ),
            MoveToCollection { from, to, count } => write!(
                f,
                "move {count} articles from \u{201c}{from}\u{201d} to \u{201c}{to}\u{201d}"
            ),
            EditReference { title } => {
                write!(f, "edit the reference of \u{201c}{title}\u{201d}")
            }
            ImportCodebook { themes } => write!(f, "import a code book ({themes} new themes)"),
            ImportReferences { articles } => {
                write!(f, "import references ({articles} new articles)")
            }
            AddReviewCards { count } => write!(f, "add {count} review cards"),
            RemoveReviewCard { quote } => {
                write!(f, "remove the review card of \u{201c}{quote}\u{201d}")
            }
            GradeReviewCard { quote, grade } => {
                write!(f, "grade \u{201c}{quote}\u{201d} {grade}")
            }
            Other { label } => f.write_str(label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_is_stored_as_a_kind_with_parameters_and_old_labels_still_read() {
        let a = Action::DeleteArticle {
            title: "标题".into(),
        };
        assert_eq!(a.to_stored(), r#"{"kind":"deleteArticle","title":"标题"}"#);
        assert_eq!(Action::from_stored(&a.to_stored()), a);
        assert_eq!(
            Action::from_stored("add highlight"),
            Action::Other {
                label: "add highlight".into()
            }
        );
        assert_eq!(short_quote("短"), "短");
        assert_eq!(
            short_quote(&"长".repeat(30)),
            format!("{}…", "长".repeat(24))
        );
    }
}
