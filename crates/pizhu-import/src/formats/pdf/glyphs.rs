//! Positioned glyphs out of a page, through pdf-extract's `OutputDev` hook
//! (it decodes fonts and ToUnicode maps; we only keep where each character is).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One character as printed: top-left origin, points.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub ch: char,
    /// Left edge.
    pub x: f64,
    /// Baseline, measured from the top of the page.
    pub y: f64,
    /// Advance width.
    pub w: f64,
    /// Font size after the text matrix (what the reader sees).
    pub size: f64,
}

/// The glyphs of one page plus its height.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// Collects a page's glyphs. A decoded "character" may be several chars (a
/// ligature such as "fi"): they share the advance.
#[derive(Default)]
pub struct Collector {
    pub page: PageGlyphs,
    top: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _n: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media.ury;
        self.page = PageGlyphs {
            height: (media.ury - media.lly).abs(),
            glyphs: Vec::new(),
        };
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // Same measure pdf-extract uses: the side of the square with the area
        // of the transformed font box.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let n = text.chars().count().max(1) as f64;
        let advance = width * size;
        for (i, ch) in text.chars().enumerate() {
            self.page.glyphs.push(Glyph {
                ch: unify_radical(ch),
                x: trm.m31 + advance * i as f64 / n,
                y: self.top - trm.m32,
                w: advance / n,
                size,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// CJK fonts share one glyph between a radical and its ideograph, and some
/// producers (Chromium with Noto CJK) map it to the radical: 大 comes out as
/// U+2F24 KANGXI RADICAL BIG, 长 as U+2ED3. Kangxi radicals have
/// compatibility decompositions (NFKC) to the ideographs; the simplified
/// radicals have none, so they are listed (only those that are whole
/// characters). Full-width punctuation is never touched.
pub fn unify_radical(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    if !matches!(c as u32, 0x2E80..=0x2FDF) {
        return c;
    }
    if let Some(&(_, to)) = SIMPLIFIED_RADICALS.iter().find(|(from, _)| *from == c) {
        return to;
    }
    let mut n = std::iter::once(c).nfkc();
    match (n.next(), n.next()) {
        (Some(one), None) => one,
        _ => c,
    }
}

/// Radicals whose glyph a simplified-Chinese font shares with a character.
const SIMPLIFIED_RADICALS: &[(char, char)] = &[
    ('\u{2EA0}', '民'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF3}', '龟'),
    // Kangxi 戶 (NFKC gives the traditional form; the SC glyph is 户).
    ('\u{2F3E}', '户'),
];

#[cfg(test)]
mod tests {
    use super::unify_radical;

    #[test]
    fn radicals_become_ideographs_and_punctuation_stays() {
        assert_eq!(unify_radical('\u{2F24}'), '大');
        assert_eq!(unify_radical('\u{2F47}'), '日');
        assert_eq!(unify_radical('\u{2EC6}'), '角');
        assert_eq!(unify_radical('\u{2F3E}'), '户');
        assert_eq!(unify_radical('，'), '，');
        assert_eq!(unify_radical('Ａ'), 'Ａ');
    }
}
