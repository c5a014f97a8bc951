//! HTML: only the article body comes through.

use encoding_rs::GBK;
use pizhu_import::{import_bytes, ImportOptions};

const PAGE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8"><title>影视产业新视角 - 某某网</title>
<style>.x { color: red } body::before { content: "样式文字" }</style>
<script>var s = "脚本里的中文不该出现"; document.write("广告脚本");</script>
</head>
<body onload="track()">
<header class="site-header"><a href="/">首页</a> <a href="/news">新闻频道</a></header>
<nav><ul><li>导航一</li><li>导航二</li></ul></nav>
<div class="ad-banner">限时特惠广告位招租</div>
<article class="mx-auto overflow-hidden">
  <h1>影视产业新视角：大模型带来的变革与思考</h1>
  <p class="byline">■文/司若 庞胜楠</p>
  <p>2月16日,OpenAI公司发布了其首个文生视频模型 Sora,此消息一出瞬间占领
     科技产业研究领域头条。</p>
  <div id="ad-inline">文中插播的广告</div>
  <h2>生成式人工智能在视频领域的发展</h2>
  <p onclick="evil()">在 Sora 诞生之前<font class="jammer">s2 j( i5</font>生成式<span style="display: none">aB3 7x</span>人工智能已经在视频领域取得了<b>显著的突破</b>和进步。</p>
  <p style="display:none">隐藏的反复制文字</p>
  <noscript>请启用脚本</noscript>
  <form><input value="表单文字"><button>提交评论</button></form>
  <iframe src="https://ads.example"></iframe>
</article>
<aside>相关阅读：另一篇文章</aside>
<footer>版权所有 © 某某网</footer>
</body></html>"#;

#[test]
fn article_body_only() {
    let f = import_bytes("page.html", PAGE.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(f.encoding, "UTF-8");
    assert_eq!(f.articles.len(), 1);
    let a = &f.articles[0];
    assert_eq!(a.title, "影视产业新视角：大模型带来的变革与思考");
    assert_eq!(a.authors, vec!["司若", "庞胜楠"]);
    assert_eq!(
        a.text,
        "2月16日,OpenAI公司发布了其首个文生视频模型 Sora,此消息一出瞬间占领科技产业研究领域头条。\n\
         生成式人工智能在视频领域的发展\n\
         在 Sora 诞生之前生成式人工智能已经在视频领域取得了显著的突破和进步。"
    );
    assert_eq!(a.headings, vec![1]);
    for noise in [
        "脚本",
        "样式",
        "导航",
        "首页",
        "广告",
        "隐藏",
        "表单",
        "评论",
        "相关阅读",
        "版权所有",
        "请启用",
    ] {
        assert!(!a.text.contains(noise), "{noise} leaked into the text");
    }
}

#[test]
fn without_article_element_the_densest_block_wins_and_meta_charset_decodes() {
    let page = r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>陕西省中小学影视教育协会成立 - 某某教育网</title></head><body>
<div class="menu"><p>菜单</p></div>
<div id="left"><p>短</p></div>
<div id="content">
<p>本报讯 作为“全国影视教育实验区”,陕西省多年来围绕立德树人根本任务,致力于推动影视教育系统化、规范化发展。</p>
<p>近日,陕西省中小学影视教育协会正式宣告成立,这是全国第一个省级中小学影视教育协会。</p>
</div>
<div class="footer"><p>联系我们</p></div>
</body></html>"#;
    let (bytes, _, unmappable) = GBK.encode(page);
    assert!(!unmappable);
    let f = import_bytes("news.htm", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(f.encoding, "GBK");
    let a = &f.articles[0];
    assert_eq!(a.title, "陕西省中小学影视教育协会成立");
    assert_eq!(a.text.lines().count(), 2);
    assert!(a.text.starts_with("本报讯 作为“全国影视教育实验区”"));
    assert!(!a.text.contains("菜单") && !a.text.contains("联系我们") && !a.text.contains("短"));
}
