//! One record builder for the three tagged formats (RIS, EndNote, NoteExpress):
//! each maps its tags to a [`Field`], the builder fills the [`Reference`].

use pizhu_core::reference::{Creator, CreatorRole, ItemType, Name, Reference};

use super::fields::{is_issn, non_empty, parse_date, split_list, split_names};
use super::{RecordError, RefRecord};

/// What a tag means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Creator(CreatorRole),
    Container,
    Volume,
    Issue,
    StartPage,
    EndPage,
    Pages,
    /// A full or partial date.
    Date,
    /// A year only; a full [`Field::Date`] wins over it.
    Year,
    Url,
    Accessed,
    Doi,
    /// ISBN or ISSN, told apart by length.
    IsbnIssn,
    Publisher,
    Place,
    Edition,
    Number,
    /// `number` for reports and standards, `issue` otherwise (EndNote's `%N`).
    NumberOrIssue,
    Genre,
    Language,
    Abstract,
    Keywords,
    Attachment,
    SourceLink,
}

pub struct Builder {
    pub record: usize,
    pub line: usize,
    name: fn(&str) -> Option<Name>,
    /// Whether one name field may list several names split by `;` (CNKI).
    names_in_lists: bool,
    item_type: ItemType,
    title: Option<String>,
    reference: Reference,
    start_page: Option<String>,
    end_page: Option<String>,
    year_only: Option<String>,
    attachments: Vec<String>,
}

impl Builder {
    pub fn new(
        record: usize,
        line: usize,
        name: fn(&str) -> Option<Name>,
        names_in_lists: bool,
    ) -> Builder {
        Builder {
            record,
            line,
            name,
            names_in_lists,
            item_type: ItemType::Other,
            title: None,
            reference: Reference::default(),
            start_page: None,
            end_page: None,
            year_only: None,
            attachments: Vec::new(),
        }
    }

    pub fn set_type(&mut self, t: ItemType) {
        self.item_type = t;
    }

    /// Append a continuation line to the last value of a long field.
    pub fn continue_field(&mut self, field: Field, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let target = match field {
            Field::Abstract => &mut self.reference.abstract_note,
            Field::Title => &mut self.title,
            _ => return,
        };
        match target {
            Some(v) => {
                // Chinese text wraps without a space; Latin text needs one.
                let ascii_join = v.chars().last().is_some_and(|c| c.is_ascii())
                    && text.chars().next().is_some_and(|c| c.is_ascii());
                if ascii_join {
                    v.push(' ');
                }
                v.push_str(text);
            }
            None => *target = Some(text.to_string()),
        }
    }

    pub fn add(&mut self, field: Field, value: &str) {
        let Some(v) = non_empty(value) else { return };
        let r = &mut self.reference;
        let set = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = Some(v.clone());
            }
        };
        match field {
            Field::Title => set(&mut self.title),
            Field::Creator(role) => {
                let names: Vec<&str> = if self.names_in_lists {
                    split_names(&v).collect()
                } else {
                    vec![v.as_str()]
                };
                for n in names {
                    if let Some(name) = (self.name)(n) {
                        r.creators.push(Creator { role, name });
                    }
                }
            }
            Field::Container => set(&mut r.container_title),
            Field::Volume => set(&mut r.volume),
            Field::Issue => set(&mut r.issue),
            Field::StartPage => set(&mut self.start_page),
            Field::EndPage => set(&mut self.end_page),
            Field::Pages => set(&mut r.pages),
            Field::Date => {
                if let Some(d) = parse_date(&v) {
                    r.issued = Some(d);
                }
            }
            Field::Year => set(&mut self.year_only),
            Field::Url => set(&mut r.url),
            Field::Accessed => r.accessed = parse_date(&v).or(r.accessed),
            Field::Doi => set(&mut r.doi),
            Field::IsbnIssn => {
                if is_issn(&v) {
                    set(&mut r.issn)
                } else {
                    set(&mut r.isbn)
                }
            }
            Field::Publisher => set(&mut r.publisher),
            Field::Place => set(&mut r.publisher_place),
            Field::Edition => set(&mut r.edition),
            Field::Number => set(&mut r.number),
            Field::NumberOrIssue => match self.item_type {
                ItemType::Report | ItemType::Standard => set(&mut r.number),
                _ => set(&mut r.issue),
            },
            Field::Genre => set(&mut r.genre),
            Field::Language => set(&mut r.language),
            Field::Abstract => set(&mut r.abstract_note),
            Field::Keywords => r.keywords.extend(split_list(&v)),
            Field::Attachment => self.attachments.push(v),
            Field::SourceLink => set(&mut r.source_link),
        }
    }

    pub fn finish(mut self) -> Result<RefRecord, RecordError> {
        let r = &mut self.reference;
        r.item_type = self.item_type;
        if r.issued.is_none() {
            r.issued = self.year_only.as_deref().and_then(parse_date);
        }
        if r.pages.is_none() {
            r.pages = match (self.start_page, self.end_page) {
                (Some(s), Some(e)) if s != e => Some(format!("{s}-{e}")),
                (Some(s), _) => Some(s),
                (None, e) => e,
            };
        }
        super::finish(
            self.record,
            self.line,
            self.title,
            self.reference,
            self.attachments,
        )
    }
}
