//! Word/WPS documents through `docx-rs`: a title, a heading per theme or article,
//! each passage in the built-in "Quote" style (upright, in a Kai face as Chinese
//! quotations are set, not a fake italic slant), its note with its Markdown as
//! Word formatting ([`notes`]), a source line with the paragraph number (and,
//! when asked, a link that opens Pizhu), and a reference list. Only named styles
//! defined here are used, so Word and LibreOffice open the file without a repair
//! prompt; [`package`] fills the document properties and drops unused parts.

mod notes;
mod package;

use docx_rs::{
    AlignmentType, Docx, Hyperlink, HyperlinkType, LineSpacing, Paragraph, Run, RunFonts,
    SpecialIndentType, Style, StyleType,
};

use crate::citation;
use crate::model::{deep_link, display_time, is_rfc3339, ExportHighlight, GroupBy};
use crate::select::{GroupHead, Selection};
use crate::ExportError;

pub const STYLE_QUOTE: &str = "Quote";
pub const STYLE_NOTE: &str = "PizhuNote";
pub const STYLE_SOURCE: &str = "PizhuSource";
pub const STYLE_REFERENCE: &str = "PizhuReference";

pub fn write(sel: &Selection) -> Result<Vec<u8>, ExportError> {
    let mut notes = notes::Notes::default();
    let mut doc = styled(Docx::new());
    doc = doc.add_paragraph(para("Title", &sel.title));
    doc = doc.add_paragraph(para(
        STYLE_SOURCE,
        &format!(
            "导出时间 {} · {} 篇文章 · {} 条批注",
            display_time(&sel.model.exported_at),
            sel.cited.len(),
            sel.highlights.len()
        ),
    ));
    if sel.groups.is_empty() {
        doc = doc.add_paragraph(para("Normal", "（没有符合条件的批注。）"));
    }
    for group in &sel.groups {
        match group.head {
            GroupHead::Theme(node) => {
                let level = (node.depth + 1).min(3);
                doc = doc.add_paragraph(para(&format!("Heading{level}"), &node.theme.name));
                if !node.theme.description.trim().is_empty() {
                    doc = doc.add_paragraph(para(STYLE_SOURCE, node.theme.description.trim()));
                }
                if sel.options.include_memos && !node.theme.memo.trim().is_empty() {
                    let paras = notes.render(STYLE_NOTE, "主题备忘：", &node.theme.memo);
                    doc = add_all(doc, paras);
                }
            }
            GroupHead::Uncoded => doc = doc.add_paragraph(para("Heading1", "未编码")),
            GroupHead::Article(a) => {
                doc = doc.add_paragraph(para("Heading1", &a.title));
                doc = doc.add_paragraph(para(STYLE_SOURCE, &sel.reference_of(a)));
                if sel.options.include_memos && !a.memo.trim().is_empty() {
                    doc = add_all(doc, notes.render(STYLE_NOTE, "文章备忘：", &a.memo));
                }
            }
        }
        for h in &group.passages {
            doc = passage(sel, h, &mut notes, doc);
        }
    }
    let memos = sel.memo_articles();
    if !memos.is_empty() {
        doc = doc.add_paragraph(para("Heading1", "文章备忘"));
        for a in memos {
            doc = doc.add_paragraph(para("Heading2", &a.title));
            doc = add_all(doc, notes.render(STYLE_NOTE, "", &a.memo));
        }
    }
    if !sel.reference_entries().is_empty() {
        doc = doc.add_paragraph(para("Heading1", "参考文献"));
        for e in sel.reference_entries() {
            doc = doc.add_paragraph(para(STYLE_REFERENCE, &e.text()));
        }
    }
    doc = notes.register(doc);
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| ExportError::Write(format!("docx: {e}")))?;
    let exported = &sel.model.exported_at;
    let props = package::CoreProps {
        title: &sel.title,
        creator: "Pizhu 批注",
        created: if is_rfc3339(exported) { exported } else { "" },
        language: "zh-CN",
    };
    package::finish(buf.into_inner(), &props, notes.uses_numbering())
}

fn passage(sel: &Selection, h: &ExportHighlight, notes: &mut notes::Notes, mut doc: Docx) -> Docx {
    let Some(article) = sel.model.article(h.article_id) else {
        return doc;
    };
    for line in h.exact.split('\n') {
        doc = doc.add_paragraph(para(STYLE_QUOTE, line));
    }
    if sel.options.include_notes && !h.note.trim().is_empty() {
        doc = add_all(doc, notes.render(STYLE_NOTE, "笔记：", &h.note));
    }
    let mut source = String::from("— ");
    if sel.options.group_by == GroupBy::Theme {
        source.push_str(&citation::short_source(article));
        source.push('，');
    }
    source.push_str(&format!("第 {} 段", sel.paragraph_number(h)));
    if let Some(c) = sel.passage_citation(h) {
        source.push(' ');
        source.push_str(c);
    }
    let themes = sel.theme_names(h);
    if !themes.is_empty() && sel.options.group_by == GroupBy::Article {
        source.push_str(&format!(" · 主题：{}", themes.join("、")));
    }
    let mut line = Paragraph::new()
        .style(STYLE_SOURCE)
        .add_run(Run::new().add_text(xml_text(&source)));
    // The pizhu:// link only works where Pizhu is installed: only when asked.
    if sel.options.docx_deep_links {
        let link = Hyperlink::new(
            deep_link(article.id, h.start, h.end),
            HyperlinkType::External,
        )
        .add_run(
            Run::new()
                .add_text("在 Pizhu 中打开")
                .color("1A5FB4")
                .underline("single"),
        );
        line = line.add_run(Run::new().add_text(" · ")).add_hyperlink(link);
    }
    doc.add_paragraph(line)
}

fn add_all(mut doc: Docx, paragraphs: Vec<Paragraph>) -> Docx {
    for p in paragraphs {
        doc = doc.add_paragraph(p);
    }
    doc
}

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(xml_text(text)))
}

/// XML 1.0 forbids most control characters; Word reports such a file as damaged.
pub(crate) fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect()
}

fn styled(doc: Docx) -> Docx {
    let cjk = RunFonts::new()
        .east_asia("SimSun")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let heading_fonts = RunFonts::new()
        .east_asia("SimHei")
        .ascii("Arial")
        .hi_ansi("Arial");
    doc.default_fonts(cjk)
        .default_size(24)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .size(40)
                .bold()
                .fonts(heading_fonts.clone())
                .align(AlignmentType::Center),
        )
        .add_style(heading(
            "Heading1",
            "heading 1",
            0,
            32,
            heading_fonts.clone(),
        ))
        .add_style(heading(
            "Heading2",
            "heading 2",
            1,
            28,
            heading_fonts.clone(),
        ))
        .add_style(heading("Heading3", "heading 3", 2, 26, heading_fonts))
        .add_style(
            Style::new(STYLE_QUOTE, StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .next("Normal")
                .fonts(
                    RunFonts::new()
                        .east_asia("KaiTi")
                        .ascii("Times New Roman")
                        .hi_ansi("Times New Roman"),
                )
                .color("333333")
                .indent(Some(567), None, Some(567), None),
        )
        .add_style(
            Style::new(STYLE_NOTE, StyleType::Paragraph)
                .name("Pizhu Note")
                .based_on("Normal")
                .size(22)
                .indent(Some(851), None, None, None),
        )
        .add_style(
            Style::new(STYLE_SOURCE, StyleType::Paragraph)
                .name("Pizhu Source")
                .based_on("Normal")
                .size(20)
                .color("555555")
                .indent(Some(567), None, None, None)
                .line_spacing(LineSpacing::new().after(200)),
        )
        .add_style(
            Style::new(STYLE_REFERENCE, StyleType::Paragraph)
                .name("Pizhu Reference")
                .based_on("Normal")
                .size(22)
                .indent(Some(567), Some(SpecialIndentType::Hanging(567)), None, None),
        )
}

fn heading(id: &str, name: &str, level: usize, size: usize, fonts: RunFonts) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .fonts(fonts)
        .outline_lvl(level)
        .line_spacing(LineSpacing::new().before(240).after(120))
}
