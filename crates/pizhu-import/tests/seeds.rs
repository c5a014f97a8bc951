//! The four raw seed articles through the real importer: junk gone, real text
//! kept, broken paragraphs joined, multi-article page split, metadata found.

use pizhu_import::{has_junk_run, import_bytes, ImportOptions, ImportedArticle, ImportedFile};

/// A stricter pattern than the cleaner's own: three 1–2 character ASCII groups
/// in a row with any punctuation among them. No such remnant may be left.
fn has_junk_remnant(line: &str) -> bool {
    let pieces: Vec<&str> = line.split(' ').collect();
    pieces.windows(3).any(|w| {
        w.iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_graphic()))
            && w.iter()
                .any(|p| p.bytes().any(|b| b.is_ascii_punctuation()))
    })
}

fn seed(prefix: &str) -> (String, ImportedFile) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} missing"));
    let bytes = std::fs::read(&path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let file = import_bytes(&name, &bytes, &ImportOptions::default()).unwrap();
    (String::from_utf8(bytes).unwrap(), file)
}

fn lines(a: &ImportedArticle) -> Vec<&str> {
    a.text.split('\n').collect()
}

/// Invariants every imported article keeps.
fn check_shape(a: &ImportedArticle) {
    let ls = lines(a);
    assert!(
        ls.iter().all(|l| !l.trim().is_empty() && *l == l.trim()),
        "empty or untrimmed line in {:?}",
        a.title
    );
    assert!(
        a.headings.iter().all(|&h| h < ls.len()),
        "heading index out of range"
    );
    for l in &ls {
        assert!(
            !has_junk_run(l) && !has_junk_remnant(l),
            "junk left in line {l:?}"
        );
    }
    assert!(!a.title.is_empty());
}

fn heading_texts(a: &ImportedArticle) -> Vec<&str> {
    let ls = lines(a);
    a.headings.iter().map(|&h| ls[h]).collect()
}

#[test]
fn seed_000_splits_into_four_articles_with_titles_and_authors() {
    let (_, f) = seed("000");
    assert_eq!(f.encoding, "UTF-8");
    let titles: Vec<&str> = f.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "影视产业新视角：大模型 Sora 带来的变革与思考",
            "《加油吧！娜依拉》剧本研讨会在深圳举办",
            "陕西省中小学影视教育协会成立",
            "天津开展院线电影版权保护专项工作",
        ]
    );
    let authors: Vec<Vec<String>> = f.articles.iter().map(|a| a.authors.clone()).collect();
    assert_eq!(
        authors,
        vec![
            vec!["司若".to_string(), "庞胜楠".to_string()],
            vec!["赵丽".into()],
            vec!["影子".into()],
            vec!["花花".into()]
        ]
    );
    for a in &f.articles {
        check_shape(a);
        assert!(!a.title_supplied);
        // Neither the headline nor the byline/signature stays in the body.
        assert!(!lines(a).contains(&a.title.as_str()));
        assert!(!a.text.contains("■文/"));
        assert!(
            !a.text.contains("(赵丽)") && !a.text.contains("(影子)") && !a.text.contains("(花花)")
        );
    }
    let feature = &f.articles[0];
    assert_eq!(
        heading_texts(feature),
        vec![
            "生成式人工智能在视频领域的发展",
            "生成式人工智能对影视产业的影响",
            "面对生成式人工智能冲击,影视创作者的应对策略"
        ]
    );
    // Paragraphs broken by page/column breaks are whole again.
    for joined in [
        "生成式人工智能在视频领域的发展正呈现出蓬勃的态势",
        "更是大大提升了最终产品的观赏体验",
        "对提升影视制作的效率",
        "“具象化”,为世界提供",
        "然后迅速地将其融入自己的创作过程当中",
        "朴素的情感与人类世界不同实体",
    ] {
        assert!(
            feature.text.lines().any(|l| l.contains(joined)),
            "not joined: {joined}"
        );
    }
    // The authors' affiliation note is part of the article.
    assert!(feature.text.ends_with("博士后)"));
    let joins = feature
        .corrections
        .iter()
        .find(|c| c.starts_with("Joined 6 paragraph"))
        .expect("joins recorded");
    assert!(
        joins.contains("大大提升了|最终产品") && joins.contains("频领域的发|展正呈现"),
        "{joins}"
    );
    assert!(feature
        .corrections
        .iter()
        .any(|c| c.contains("■文/司若 庞胜楠")));
    assert!(f.articles[1]
        .corrections
        .iter()
        .any(|c| c.contains("(赵丽)")));
    assert!(f.articles[1].text.starts_with("本报讯 近日,广东电影界"));
    assert!(f.articles[1].text.contains("提升电影的整体质量。”"));
    assert!(f.articles[1].text.ends_with("成果方面的重要性。"));
    assert!(f.articles[2].text.contains("吕志军当选协会理事长"));
    assert!(f.articles[3]
        .text
        .contains("主要网络服务商、电影院线发出版权预警提示"));
    assert_eq!(f.articles[3].text.lines().count(), 2);
}

fn non_ascii(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii()).collect()
}

/// Non-ASCII characters of `raw` after cutting out `removed` (each once per
/// occurrence), as a sorted multiset or in order.
fn expected_chars(raw: &str, removed: &[&str], sorted: bool) -> String {
    let mut rest = raw.to_string();
    for r in removed {
        assert!(rest.contains(r), "{r:?} not in the seed");
        rest = rest.replace(r, "");
    }
    let mut chars: Vec<char> = non_ascii(&rest).chars().collect();
    if sorted {
        chars.sort_unstable();
    }
    chars.into_iter().collect()
}

fn output_chars(f: &ImportedFile, sorted: bool) -> String {
    let all: String = f
        .articles
        .iter()
        .map(|a| format!("{}{}", a.title, a.text))
        .collect();
    let mut chars: Vec<char> = non_ascii(&all).chars().collect();
    if sorted {
        chars.sort_unstable();
    }
    chars.into_iter().collect()
}

/// Only what the cleaner is meant to take out is gone: bylines, signatures,
/// heading marks, captions and page furniture. Everything else — every Han
/// character and full-width mark — is still there, in order.
#[test]
fn seeds_keep_every_other_character() {
    let (raw, f) = seed("000");
    let removed = ["■文/司若 庞胜楠", "◎", "(赵丽)", "(影子)", "(花花)"];
    assert_eq!(
        output_chars(&f, false),
        expected_chars(&raw, &removed, false)
    );
    assert!(f.warnings.is_empty(), "no junk in 000: {:?}", f.warnings);

    let (raw, f) = seed("002");
    let removed = [
        "青年报记者 刘昕璐",
        "Sora 文字生成视频效果截图。",
        "网络截图",
    ];
    assert_eq!(
        output_chars(&f, false),
        expected_chars(&raw, &removed, false)
    );
    assert!(f.warnings.is_empty(), "no junk in 002: {:?}", f.warnings);

    // 003's column scramble is undone, so compare as a multiset.
    let (raw, f) = seed("003");
    let removed = [
        "记者 刘宗智",
        "编辑：曲鹏 美编：陈明丽",
        "“讲文明 树新风”公益广告",
        "\n齐鲁晚报\n",
        "低碳生活",
        "绿建未来",
    ];
    assert_eq!(output_chars(&f, true), expected_chars(&raw, &removed, true));
    assert!(f.warnings.is_empty(), "no junk in 003: {:?}", f.warnings);
}

#[test]
fn seed_001_loses_all_junk_and_keeps_every_real_character() {
    let (raw, f) = seed("001");
    assert_eq!(f.articles.len(), 1);
    let a = &f.articles[0];
    check_shape(a);
    // The junk is pure ASCII: every non-ASCII character (Han, full-width
    // punctuation, curly quotes) must come through, in order, none added.
    assert_eq!(non_ascii(&a.text), non_ascii(&raw));
    // No headline in the file: a title is derived and flagged.
    assert!(a.title_supplied);
    assert!(a.title.contains("Sora"));
    let ls = lines(a);
    for exact in [
        "Sora技术的突破,将给影视行业带来怎样的冲击与变化呢?",
        "显然,Sora将对传统影视产业价值链体系造成强烈冲击。",
        "Sora模型擅长生成具有多个角色、精确动作和详细背景的复杂场景渲染视频;Sora具备仿真功能和3D动态赋能特征,可学习影片生成、3D生成和4D生成等。",
        "市场结构的改变。",
        "可以预见的是,未来视频制作的门槛将逐步降低,大众化成为大势所趋。",
        "汲取中国文化“天人合一”的思想,创建“人机共生”的影视新生态,将是推动影视行业高质量发展的必由之路。",
        "如提示工程(prompt)师、AI技术专家等。",
        "拥抱\"世界模拟器\"的新未来。",
        "Sora降低了影视制作业的门槛,但同时提高了视频创新的\"天花板\",对影视创作者的创新、创意和专业水准提出了更高要求。",
        "面对Sora带来的冲击,影视业不能亦步亦趋。",
    ] {
        assert!(ls.contains(&exact), "missing line {exact:?}");
    }
    // Section numbers survive, with their two heading lines, as headings.
    assert_eq!(
        heading_texts(a),
        vec![
            "01 Sora是什么? 科学分析Sora带来的新挑战",
            "02 我们怎么办? 热情拥抱Sora提供的新技术",
            "03 Sora不是终点 超越大模型创新精品力作"
        ]
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| w.to_string().contains("junk from 44 lines")),
        "{:?}",
        f.warnings
    );
}

#[test]
fn seed_002_byline_gives_author_and_source() {
    let (_, f) = seed("002");
    assert_eq!(f.articles.len(), 1);
    let a = &f.articles[0];
    check_shape(a);
    assert_eq!(
        a.title,
        "输入“繁花”能演出爷叔看宝总的表情? 专家解读: Sora 赋能于人, 不能代替人"
    );
    assert_eq!(a.authors, vec!["刘昕璐"]);
    assert_eq!(a.source.as_deref(), Some("青年报"));
    assert!(!a.text.contains("青年报记者"));
    assert!(!a.text.contains("网络截图"));
    assert_eq!(
        heading_texts(a),
        vec![
            "Sora 是一种模态翻译的模型",
            "将改变影视传媒等行业",
            "从 5 秒拉升到 1 分钟视频的背后"
        ]
    );
    for joined in [
        "没有模态意义上的连续性。图片和文字",
        "设计师要先见过一只狗",
        "“马上评”, 做出了一些试探性的分析",
        "如果主动放弃自己的",
        "也还要找很多专业人士",
    ] {
        assert!(
            a.text.lines().any(|l| l.contains(joined)),
            "not joined: {joined}"
        );
    }
    // The author's half-width punctuation and spacing are kept.
    assert!(a
        .text
        .contains("颠覆了生成式 AI 在视频领域的全球市场格局, 被公众誉为"));
    assert!(a.text.contains("5~10 秒的短视频"));
    assert!(a.text.contains("类似 Chat-GPT 的纯大语言模型"));
}

#[test]
fn seed_003_markdown_headings_furniture_and_source() {
    let (_, f) = seed("003");
    assert_eq!(f.articles.len(), 1);
    let a = &f.articles[0];
    check_shape(a);
    assert_eq!(a.title, "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗");
    assert_eq!(a.authors, vec!["刘宗智"]);
    assert_eq!(a.source.as_deref(), Some("齐鲁晚报"));
    assert_eq!(
        heading_texts(a),
        vec!["效果媲美“大片”", "Sora将会替代谁", "最大短板是“灵韵”"]
    );
    assert!(!a.text.contains('#'));
    for furniture in [
        "编辑：曲鹏",
        "美编",
        "公益广告",
        "低碳生活",
        "绿建未来",
        "记者 刘宗智",
    ] {
        assert!(!a.text.contains(furniture), "furniture left: {furniture}");
    }
    assert!(a.text.ends_with("Sora能做到吗？"));
    for joined in [
        "视觉生成技术，能够创建复杂的场景和角色",
        "表现令人耳目一新",
        "人们不免喜忧参半。",
    ] {
        assert!(a.text.contains(joined), "not joined: {joined}");
    }
    // The column scramble around the heading Sora将会替代谁 is undone: the
    // heading and its first line come back before the paragraph they begin.
    let ls = lines(a);
    let h = ls.iter().position(|l| *l == "Sora将会替代谁").unwrap();
    assert!(ls[h + 1].starts_with("Sora的出现也为影视行业的发展，带来了更为广阔的想象空间。"));
    assert!(ls[h + 2].starts_with(
        "技术浪潮下的影视产业，重塑与变革必然势不可当。不过，面对新事物的产生，人们不免喜忧参半。"
    ));
    assert!(a
        .corrections
        .iter()
        .any(|c| c.starts_with("Dropped page furniture") && c.contains("低碳生活")));
    assert!(a
        .corrections
        .iter()
        .any(|c| c.starts_with("Restored the reading order around the heading Sora将会替代谁")));
    // The body still names the paper: that is why it is the source.
    assert!(a.text.contains("接受齐鲁晚报采访"));
}
