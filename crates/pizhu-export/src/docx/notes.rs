//! Notes and memos (Markdown) as Word formatting, read with pulldown-cmark like
//! the HTML export: bold, italic, strike-through, inline code and code blocks in
//! a monospace font, lists as real Word lists, and links that click (web and
//! mail links only; anything else stays text). Raw HTML is shown as typed, never
//! interpreted. A heading inside a note becomes a bold line, so a note cannot
//! add to the document's outline.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts,
    Shading, SpecialIndentType, Start,
};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::xml_text;

// docx-rs always writes abstract numbering 1 and numbering 1; ours come after.
const ABSTRACT_BULLET: usize = 2;
const ABSTRACT_DECIMAL: usize = 3;
const FIRST_NUM_ID: usize = 2;

/// Renders notes into paragraphs and remembers the lists it numbered.
#[derive(Debug, Default)]
pub struct Notes {
    /// (numbering id, ordered, first number) of every list rendered so far.
    lists: Vec<(usize, bool, usize)>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Format {
    bold: u32,
    italic: u32,
    strike: u32,
}

struct Render<'n> {
    notes: &'n mut Notes,
    style: String,
    out: Vec<Paragraph>,
    current: Option<Paragraph>,
    /// Whether `current` has anything in it yet.
    current_empty: bool,
    label: Option<String>,
    format: Format,
    /// The open link's target and the runs collected for it.
    link: Option<(String, Vec<Run>)>,
    /// Open lists: (numbering id).
    lists: Vec<usize>,
    in_code_block: bool,
}

impl Notes {
    /// `markdown` as paragraphs in `style`, the first starting with `label`.
    pub fn render(&mut self, style: &str, label: &str, markdown: &str) -> Vec<Paragraph> {
        let mut r = Render {
            notes: self,
            style: style.to_string(),
            out: Vec::new(),
            current: None,
            current_empty: true,
            label: (!label.is_empty()).then(|| label.to_string()),
            format: Format::default(),
            link: None,
            lists: Vec::new(),
            in_code_block: false,
        };
        let parser = Parser::new_ext(markdown.trim(), Options::ENABLE_STRIKETHROUGH);
        for ev in parser {
            r.event(ev);
        }
        r.flush();
        if let Some(label) = r.label.take() {
            r.out.push(
                Paragraph::new()
                    .style(style)
                    .add_run(Run::new().add_text(label)),
            );
        }
        r.out
    }

    /// Whether any note had a list (then the document needs its numbering part).
    pub fn uses_numbering(&self) -> bool {
        !self.lists.is_empty()
    }

    /// Add the numbering definitions the rendered lists refer to.
    pub fn register(&self, mut doc: Docx) -> Docx {
        if self.lists.is_empty() {
            return doc;
        }
        doc = doc
            .add_abstract_numbering(abstract_list(ABSTRACT_BULLET, false))
            .add_abstract_numbering(abstract_list(ABSTRACT_DECIMAL, true));
        for &(id, ordered, start) in &self.lists {
            let abs = if ordered {
                ABSTRACT_DECIMAL
            } else {
                ABSTRACT_BULLET
            };
            // Each ordered list counts from its own first number.
            let mut n = Numbering::new(id, abs);
            if ordered {
                n = n.add_override(LevelOverride::new(0).start(start));
            }
            doc = doc.add_numbering(n);
        }
        doc
    }
}

fn abstract_list(id: usize, ordered: bool) -> AbstractNumbering {
    let mut a = AbstractNumbering::new(id);
    for level in 0..6 {
        let (format, text) = if ordered {
            ("decimal", format!("%{}.", level + 1))
        } else {
            ("bullet", ["•", "◦", "▪"][level % 3].to_string())
        };
        let left = 851 + 420 * (level as i32 + 1);
        a = a.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(left),
                Some(SpecialIndentType::Hanging(420)),
                None,
                None,
            ),
        );
    }
    a
}

fn monospace() -> RunFonts {
    RunFonts::new().ascii("Consolas").hi_ansi("Consolas")
}

/// Links a reader can follow without surprises; the HTML export allows the same.
fn clickable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

impl Render<'_> {
    fn event(&mut self, ev: Event) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_code_block => {
                let lines: Vec<&str> = t.split('\n').collect();
                for (i, line) in lines.iter().enumerate() {
                    // The block's text ends with a newline: no empty paragraph after it.
                    if i + 1 == lines.len() && line.is_empty() {
                        break;
                    }
                    if i > 0 {
                        self.flush();
                    }
                    self.open();
                    let run = Run::new()
                        .add_text(xml_text(line))
                        .fonts(monospace())
                        .size(20);
                    self.push(run);
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let run = self.run(&t);
                self.push(run);
            }
            Event::Code(t) => {
                let run = self
                    .run(&t)
                    .fonts(monospace())
                    .shading(Shading::new().fill("EEEEEE"));
                self.push(run);
            }
            Event::SoftBreak | Event::HardBreak => {
                // A line break, as typed (Chinese text wants no space between lines).
                self.push(Run::new().add_break(BreakType::TextWrapping));
            }
            Event::Rule => {
                self.flush();
                self.open();
                let run = self.run("⁂");
                self.push(run);
                self.flush();
            }
            Event::TaskListMarker(done) => {
                let run = self.run(if done { "☑ " } else { "☐ " });
                self.push(run);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            // The first paragraph of a list item is the item's own paragraph.
            Tag::Paragraph if !(self.current.is_some() && self.current_empty) => {
                self.flush();
                self.open();
            }
            Tag::Heading { .. } => {
                self.flush();
                self.open();
                self.format.bold += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code_block = true;
            }
            Tag::List(start) => {
                self.flush();
                let id = FIRST_NUM_ID + self.notes.lists.len();
                self.notes
                    .lists
                    .push((id, start.is_some(), start.unwrap_or(1) as usize));
                self.lists.push(id);
            }
            Tag::Item => {
                self.flush();
                let id = *self.lists.last().unwrap_or(&FIRST_NUM_ID);
                let level = self.lists.len().saturating_sub(1);
                self.open();
                self.current = self
                    .current
                    .take()
                    .map(|p| p.numbering(NumberingId::new(id), IndentLevel::new(level)));
            }
            Tag::Emphasis => self.format.italic += 1,
            Tag::Strong => self.format.bold += 1,
            Tag::Strikethrough => self.format.strike += 1,
            Tag::Link { dest_url, .. } if clickable(&dest_url) => {
                self.link = Some((dest_url.to_string(), Vec::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item => self.flush(),
            TagEnd::Heading(_) => {
                self.format.bold = self.format.bold.saturating_sub(1);
                self.flush();
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.flush();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.format.italic = self.format.italic.saturating_sub(1),
            TagEnd::Strong => self.format.bold = self.format.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.format.strike = self.format.strike.saturating_sub(1),
            TagEnd::Link => {
                if let Some((url, runs)) = self.link.take() {
                    let mut link = Hyperlink::new(url, HyperlinkType::External);
                    for run in runs {
                        link = link.add_run(run.color("1A5FB4").underline("single"));
                    }
                    self.open();
                    self.current = self.current.take().map(|p| p.add_hyperlink(link));
                    self.current_empty = false;
                }
            }
            _ => {}
        }
    }

    fn run(&self, text: &str) -> Run {
        let mut run = Run::new().add_text(xml_text(text));
        if self.format.bold > 0 {
            run = run.bold();
        }
        if self.format.italic > 0 {
            run = run.italic();
        }
        if self.format.strike > 0 {
            run = run.strike();
        }
        run
    }

    /// Start a paragraph unless one is open; the very first carries the label.
    fn open(&mut self) {
        if self.current.is_some() {
            return;
        }
        let mut p = Paragraph::new().style(&self.style);
        if let Some(label) = self.label.take() {
            if self.lists.is_empty() && !self.in_code_block {
                p = p.add_run(Run::new().add_text(label));
            } else {
                // A note that opens with a list or code: the label gets its own line.
                self.out.push(p.add_run(Run::new().add_text(label)));
                p = Paragraph::new().style(&self.style);
            }
        }
        self.current = Some(p);
        self.current_empty = true;
    }

    fn push(&mut self, run: Run) {
        if let Some((_, runs)) = self.link.as_mut() {
            runs.push(run);
            return;
        }
        self.open();
        self.current = self.current.take().map(|p| p.add_run(run));
        self.current_empty = false;
    }

    fn flush(&mut self) {
        if let Some(p) = self.current.take() {
            self.out.push(p);
        }
        self.current_empty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_click() {
        assert!(clickable("https://example.org") && clickable("MAILTO:a@b.c"));
        assert!(!clickable("javascript:alert(1)") && !clickable("file:///etc/passwd"));
    }

    #[test]
    fn lists_are_numbered_and_counted() {
        let mut n = Notes::default();
        let paras = n.render("Note", "笔记：", "要点：\n\n- 一\n- 二\n\n3. 三\n4. 四");
        assert_eq!(paras.len(), 5);
        assert!(n.uses_numbering());
        assert_eq!(n.lists, vec![(2, false, 1), (3, true, 3)]);
        let mut plain = Notes::default();
        plain.render("Note", "笔记：", "**粗** 和 *斜*");
        assert!(!plain.uses_numbering());
    }
}
