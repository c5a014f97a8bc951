//! REFI-QDA project exchange (`.qdpx`): a zip holding `project.qde` (QDA-XML 1.0)
//! and `sources/<guid>.txt`. Articles become TextSources, themes a code
//! hierarchy with colours, highlights coded PlainTextSelections, and notes and
//! memos Notes referenced where they belong.
//!
//! Positions: the standard counts "characters" of the plain text; Pizhu writes
//! each article's canonical text unchanged (UTF-8, `\n` between paragraphs, no
//! BOM, no `\r`) and counts **Unicode code points** (scalar values) in it — the
//! same offsets Pizhu stores, and what QualCoder reads (it opens the file as
//! Python text and slices `fulltext[pos0:pos1]`). For text in the Basic
//! Multilingual Plane (all common Chinese) this equals UTF-16 units too; only a
//! character outside it (rare CJK Extension B ideographs, emoji) counts 1 here
//! and 2 in a UTF-16 string.
//!
//! Notes reach other tools twice: as the standard's `<Note>` referenced by a
//! `<NoteRef>`, and as the selection's `<Description>`, which is what QualCoder
//! reads (`RefiImport.load_codings_for_text`: the Description becomes the coding
//! memo, or, for a selection without a `<Coding>`, an annotation). A highlight
//! without themes or note still gets a short Description, so it arrives as an
//! annotation rather than an empty one (QualCoder deletes annotations whose memo
//! is blank). The article memo follows the citation in the source's Description,
//! which QualCoder keeps as the file's memo.
//!
//! [`read_codebook`] reads the codes of a `.qdpx` project or a `.qdc` code book.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{Read, Write};

use crate::model::{ExportArticle, ExportHighlight, ExportTheme};
use crate::select::Selection;
use crate::w3c::guid;
use crate::ExportError;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// The most of a `project.qde` [`read_codebook`] reads.
pub const MAX_QDE_BYTES: u64 = 64 << 20;
/// The deepest code hierarchy read from a code book. Real code books nest a
/// handful of levels; a limit keeps parsing, dropping and cloning the
/// (recursive) [`Code`] tree within any thread's stack.
pub const MAX_CODE_DEPTH: usize = 100;

/// The `project.qde` XML and the source texts `(zip path, text)`.
pub fn project(sel: &Selection) -> (String, Vec<(String, String)>) {
    let exported = xsd_datetime(&sel.model.exported_at);
    let user = guid("user|pizhu");
    let theme_guid = |t: &ExportTheme| guid(&format!("theme|{}|{}", t.id, t.name));
    let article_guid = |a: &ExportArticle| guid(&format!("article|{}", a.content_hash));
    let mut notes: Vec<(String, String, String, Option<String>)> = Vec::new(); // guid, name, text, created
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        x,
        "<Project xmlns=\"{NAMESPACE}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" name=\"{}\" origin=\"Pizhu 批注\" creatingUserGUID=\"{user}\"",
        attr(&sel.title)
    );
    if let Some(t) = &exported {
        let _ = write!(
            x,
            " creationDateTime=\"{t}\" modifyingUserGUID=\"{user}\" modifiedDateTime=\"{t}\""
        );
    }
    x.push_str(">\n");
    let _ = writeln!(
        x,
        "  <Users>\n    <User guid=\"{user}\" name=\"Pizhu\"/>\n  </Users>"
    );

    // Code book: the themes in scope, nested under their parents when those are in scope too.
    let in_scope: HashSet<i64> = sel.themes.iter().map(|n| n.theme.id).collect();
    if !sel.themes.is_empty() {
        x.push_str("  <CodeBook>\n    <Codes>\n");
        let mut children: HashMap<Option<i64>, Vec<&ExportTheme>> = HashMap::new();
        for n in &sel.themes {
            let parent = n
                .theme
                .parent_id
                .filter(|p| in_scope.contains(p) && *p != n.theme.id);
            children.entry(parent).or_default().push(n.theme);
        }
        fn code(
            x: &mut String,
            t: &ExportTheme,
            depth: usize,
            children: &HashMap<Option<i64>, Vec<&ExportTheme>>,
            sel: &Selection,
            guid_of: &dyn Fn(&ExportTheme) -> String,
            notes: &mut Vec<(String, String, String, Option<String>)>,
        ) {
            let pad = "  ".repeat(depth + 3);
            let _ = write!(
                x,
                "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"",
                guid_of(t),
                attr(&t.name)
            );
            if let Some(c) = rgb(&t.color) {
                let _ = write!(x, " color=\"{c}\"");
            }
            x.push_str(">\n");
            if !t.description.trim().is_empty() {
                let _ = writeln!(
                    x,
                    "{pad}  <Description>{}</Description>",
                    text(t.description.trim())
                );
            }
            if sel.options.include_memos && !t.memo.trim().is_empty() {
                let note = guid(&format!("theme-memo|{}", t.id));
                let _ = writeln!(x, "{pad}  <NoteRef targetGUID=\"{note}\"/>");
                notes.push((
                    note,
                    format!("主题备忘：{}", t.name),
                    t.memo.trim().to_string(),
                    xsd_datetime(&t.modified_at),
                ));
            }
            // Recursion depth is bounded by the tree, which `theme_tree` made acyclic.
            for kid in children.get(&Some(t.id)).into_iter().flatten() {
                code(x, kid, depth + 1, children, sel, guid_of, notes);
            }
            let _ = writeln!(x, "{pad}</Code>");
        }
        for root in children.get(&None).into_iter().flatten() {
            code(&mut x, root, 0, &children, sel, &theme_guid, &mut notes);
        }
        x.push_str("    </Codes>\n  </CodeBook>\n");
    }

    let mut files = Vec::new();
    if !sel.articles.is_empty() {
        x.push_str("  <Sources>\n");
        for a in &sel.articles {
            let g = article_guid(a);
            let path = format!("{g}.txt");
            let _ = write!(
                x,
                "    <TextSource guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{path}\" creatingUser=\"{user}\"",
                attr(&a.title)
            );
            if let Some(t) = xsd_datetime(&a.imported_at) {
                let _ = write!(x, " creationDateTime=\"{t}\"");
            }
            x.push_str(">\n");
            let mut description = sel.reference_of(a);
            if sel.options.include_memos && !a.memo.trim().is_empty() {
                description.push_str("\n\n");
                description.push_str(a.memo.trim());
            }
            let _ = writeln!(x, "      <Description>{}</Description>", text(&description));
            let passages: Vec<&&ExportHighlight> = sel
                .highlights
                .iter()
                .filter(|h| h.article_id == a.id)
                .collect();
            for h in passages {
                selection(&mut x, sel, h, &user, &in_scope, &theme_guid, &mut notes);
            }
            if sel.options.include_memos && !a.memo.trim().is_empty() {
                let note = guid(&format!("article-memo|{}", a.content_hash));
                let _ = writeln!(x, "      <NoteRef targetGUID=\"{note}\"/>");
                notes.push((
                    note,
                    format!("文章备忘：{}", a.title),
                    a.memo.trim().to_string(),
                    xsd_datetime(&a.modified_at),
                ));
            }
            x.push_str("    </TextSource>\n");
            files.push((format!("sources/{path}"), a.text.clone()));
        }
        x.push_str("  </Sources>\n");
    }

    if !notes.is_empty() {
        x.push_str("  <Notes>\n");
        for (g, name, body, created) in &notes {
            let _ = write!(
                x,
                "    <Note guid=\"{g}\" name=\"{}\" creatingUser=\"{user}\"",
                attr(name)
            );
            if let Some(t) = created {
                let _ = write!(x, " creationDateTime=\"{t}\"");
            }
            let _ = writeln!(
                x,
                ">\n      <PlainTextContent>{}</PlainTextContent>\n    </Note>",
                text(body)
            );
        }
        x.push_str("  </Notes>\n");
    }
    x.push_str("</Project>\n");
    (x, files)
}

fn selection(
    x: &mut String,
    sel: &Selection,
    h: &ExportHighlight,
    user: &str,
    in_scope: &HashSet<i64>,
    theme_guid: &dyn Fn(&ExportTheme) -> String,
    notes: &mut Vec<(String, String, String, Option<String>)>,
) {
    let g = guid(&format!("highlight|{}|{}|{}", h.id, h.start, h.end));
    let created = xsd_datetime(&h.created_at);
    let name: String = h.exact.chars().take(40).collect();
    let _ = write!(
        x,
        "      <PlainTextSelection guid=\"{g}\" name=\"{}\" startPosition=\"{}\" endPosition=\"{}\" creatingUser=\"{user}\"",
        attr(&name),
        h.start,
        h.end
    );
    if let Some(t) = &created {
        let _ = write!(x, " creationDateTime=\"{t}\"");
    }
    x.push_str(">\n");
    let codes: Vec<&ExportTheme> = h
        .theme_ids
        .iter()
        .filter_map(|id| sel.model.theme(*id))
        .filter(|t| in_scope.contains(&t.id))
        .collect();
    let note = h.note.trim();
    let note = (sel.options.include_notes && !note.is_empty()).then_some(note);
    // The schema puts Description first; QualCoder reads only this, never the NoteRef.
    match (note, codes.is_empty()) {
        (Some(n), _) => {
            let _ = writeln!(x, "        <Description>{}</Description>", text(n));
        }
        (None, true) => {
            let _ = writeln!(
                x,
                "        <Description>{UNCODED_DESCRIPTION}</Description>"
            );
        }
        (None, false) => {}
    }
    for t in codes {
        let coding = guid(&format!("coding|{}|{}", h.id, t.id));
        let _ = write!(
            x,
            "        <Coding guid=\"{coding}\" creatingUser=\"{user}\""
        );
        if let Some(c) = &created {
            let _ = write!(x, " creationDateTime=\"{c}\"");
        }
        let _ = writeln!(
            x,
            ">\n          <CodeRef targetGUID=\"{}\"/>\n        </Coding>",
            theme_guid(t)
        );
    }
    if let Some(body) = note {
        let note = guid(&format!("note|{}", h.id));
        let _ = writeln!(x, "        <NoteRef targetGUID=\"{note}\"/>");
        notes.push((
            note,
            format!("笔记：{name}"),
            body.to_string(),
            xsd_datetime(&h.modified_at),
        ));
    }
    x.push_str("      </PlainTextSelection>\n");
}

/// The Description of a highlight with neither themes nor note: tools that turn
/// uncoded selections into annotations need some text to show.
pub const UNCODED_DESCRIPTION: &str = "Pizhu 划线（未归入主题，无笔记）";

/// The `.qdpx` zip.
pub fn write(sel: &Selection) -> Result<Vec<u8>, ExportError> {
    let (qde, files) = project(sel);
    let err = |e: zip::result::ZipError| ExportError::Write(format!("qdpx: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.qde", opts).map_err(err)?;
    zip.write_all(qde.as_bytes())
        .map_err(|e| ExportError::Write(e.to_string()))?;
    zip.add_directory("sources/", opts).map_err(err)?;
    for (path, body) in files {
        zip.start_file(path, opts).map_err(err)?;
        zip.write_all(body.as_bytes())
            .map_err(|e| ExportError::Write(e.to_string()))?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// `#RRGGBB` (upper case) for a `#rgb`/`#rrggbb` colour; anything else has none.
fn rgb(c: &str) -> Option<String> {
    let hex = c.trim().strip_prefix('#')?;
    if !hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_uppercase())),
        3 => Some(format!(
            "#{}",
            hex.chars()
                .flat_map(|ch| [ch, ch])
                .collect::<String>()
                .to_ascii_uppercase()
        )),
        _ => None,
    }
}

/// An RFC 3339 time as xsd:dateTime (UTC, whole seconds), or nothing when unparsable.
fn xsd_datetime(s: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    let t = time::OffsetDateTime::parse(s.trim(), &Rfc3339).ok()?;
    let t = t
        .to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .ok()?;
    t.format(&Rfc3339).ok()
}

fn xml_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    // XML 1.0 allows tab, LF and CR among the C0 controls; others make the file unreadable.
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
}

fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in xml_chars(s) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in xml_chars(s) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Attribute values normalise white space; keep line breaks as references.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// A code read from a REFI-QDA project or code book.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Code {
    pub name: String,
    /// `#RRGGBB` when the file gave a valid colour.
    pub color: Option<String>,
    pub description: String,
    pub children: Vec<Code>,
}

/// The code hierarchy of a `.qdpx` project (zip with `project.qde`), a
/// `project.qde`, or a `.qdc` code book (root `CodeBook`, namespace
/// `urn:QDA-XML:codebook:1.0`).
pub fn read_codebook(bytes: &[u8]) -> Result<Vec<Code>, ExportError> {
    let xml = if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| ExportError::Invalid(format!("not a REFI-QDA project: {e}")))?;
        let name = zip
            .file_names()
            .find(|n| n.to_ascii_lowercase().ends_with(".qde"))
            .map(str::to_string)
            .ok_or_else(|| ExportError::Invalid("the project holds no .qde file".into()))?;
        let mut s = String::new();
        zip.by_name(&name)
            .map_err(|e| ExportError::Invalid(e.to_string()))?
            // A project file is small; a bigger one is a zip bomb, not a code book.
            .take(MAX_QDE_BYTES)
            .read_to_string(&mut s)
            .map_err(|e| ExportError::Invalid(format!("project.qde is not UTF-8: {e}")))?;
        s
    } else {
        String::from_utf8(
            bytes
                .strip_prefix("\u{feff}".as_bytes())
                .unwrap_or(bytes)
                .to_vec(),
        )
        .map_err(|_| ExportError::Invalid("the code book is not UTF-8".into()))?
    };
    parse_codes(&xml)
}

fn parse_codes(xml: &str) -> Result<Vec<Code>, ExportError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let bad = |e: quick_xml::Error| ExportError::Invalid(format!("not valid XML: {e}"));
    // Stack of open <Code> elements; a finished code joins its parent or the roots.
    let mut stack: Vec<Code> = Vec::new();
    let mut roots = Vec::new();
    let mut in_description = false;
    let mut seen_codebook = false;
    fn open(e: &quick_xml::events::BytesStart) -> Result<Code, ExportError> {
        let mut code = Code::default();
        for a in e.attributes().flatten() {
            let value = a
                .unescape_value()
                .map_err(|e| ExportError::Invalid(e.to_string()))?
                .to_string();
            match a.key.local_name().as_ref() {
                b"name" => code.name = value.trim().to_string(),
                b"color" => code.color = rgb(&value),
                _ => {}
            }
        }
        Ok(code)
    }
    fn close(mut code: Code, stack: &mut [Code], roots: &mut Vec<Code>) {
        if code.name.is_empty() {
            return;
        }
        code.description = code.description.trim().to_string();
        match stack.last_mut() {
            Some(parent) => parent.children.push(code),
            None => roots.push(code),
        }
    }
    loop {
        match reader.read_event().map_err(bad)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"CodeBook" | b"Codes" => seen_codebook = true,
                b"Code" if stack.len() >= MAX_CODE_DEPTH => {
                    return Err(ExportError::Invalid(format!(
                        "the code book nests codes more than {MAX_CODE_DEPTH} deep"
                    )))
                }
                b"Code" => stack.push(open(&e)?),
                b"Description" if !stack.is_empty() => in_description = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"Code" => {
                let code = open(&e)?;
                close(code, &mut stack, &mut roots);
            }
            Event::Text(t) if in_description => {
                if let Some(code) = stack.last_mut() {
                    code.description.push_str(&t.unescape().map_err(bad)?);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"Description" => in_description = false,
                b"Code" => {
                    if let Some(code) = stack.pop() {
                        close(code, &mut stack, &mut roots);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_codebook {
        return Err(ExportError::Invalid("no REFI-QDA code book found".into()));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_normalise_to_rrggbb_or_nothing() {
        assert_eq!(rgb("#a1b2c3").as_deref(), Some("#A1B2C3"));
        assert_eq!(rgb("#abc").as_deref(), Some("#AABBCC"));
        assert_eq!(rgb("yellow"), None);
        assert_eq!(rgb("#12345"), None);
    }

    #[test]
    fn datetimes_become_utc_xsd_or_nothing() {
        assert_eq!(
            xsd_datetime("2024-02-19T08:30:00.123+08:00").as_deref(),
            Some("2024-02-19T00:30:00Z")
        );
        assert_eq!(xsd_datetime("yesterday"), None);
    }

    #[test]
    fn a_qdc_codebook_reads_as_a_hierarchy() {
        let qdc = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="技术 &amp; 原理" isCodable="true" color="#ff0000">
      <Description>模型如何工作</Description>
      <Code guid="22222222-2222-2222-2222-222222222222" name="扩散模型" isCodable="true"/>
    </Code>
    <Code guid="33333333-3333-3333-3333-333333333333" name="产业影响" isCodable="true" color="green"/>
  </Codes>
</CodeBook>"##;
        let codes = read_codebook(qdc.as_bytes()).unwrap();
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].name, "技术 & 原理");
        assert_eq!(codes[0].color.as_deref(), Some("#FF0000"));
        assert_eq!(codes[0].description, "模型如何工作");
        assert_eq!(codes[0].children.len(), 1);
        assert_eq!(codes[0].children[0].name, "扩散模型");
        assert_eq!(codes[1].color, None);
        assert!(read_codebook(b"<html></html>").is_err());
    }
}
