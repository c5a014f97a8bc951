//! How fast the reference readers are on a large Chinese export:
//! `cargo run -p pizhu-import --example bench_refs [N]` writes N records in each
//! format (CNKI-shaped Chinese entries) and times `parse_refs` on them.

use std::time::Instant;

use pizhu_import::refs::parse_refs;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let bib: String = (0..n)
        .map(|i| {
            format!(
                "@article{{k{i},\n  author = {{王小明 and 欧阳修 and {{中国社会科学院文学研究所}}}},\n  title = {{论明清小说评点的阅读功能（{i}）}},\n  journal = {{文学评论}}, year = {{2020}}, number = {{3}}, pages = {{45--52}},\n  keywords = {{评点, 小说, 阅读史}},\n  abstract = {{本文讨论明清小说评点在读者阅读过程中的功能与意义。}}\n}}\n\n"
            )
        })
        .collect();
    let ris: String = (0..n)
        .map(|i| format!("TY  - JOUR\nTI  - 论明清小说评点的阅读功能（{i}）\nAU  - 王小明\nAU  - 欧阳修\nT2  - 文学评论\nPY  - 2020\nSP  - 45\nEP  - 52\nKW  - 评点\nER  - \n\n"))
        .collect();
    let ne: String = (0..n)
        .map(|i| format!("{{Reference Type}}: Journal Article\n{{Title}}: 论明清小说评点的阅读功能（{i}）\n{{Author}}: 王小明;欧阳修;\n{{Journal}}: 文学评论\n{{Year}}: 2020\n{{Pages}}: 45-52\n{{Keywords}}: 评点;小说;阅读史\n\n"))
        .collect();
    for (name, text) in [("BibTeX", bib), ("RIS", ris), ("NoteExpress", ne)] {
        let t = Instant::now();
        let parsed = parse_refs(text.as_bytes()).expect("parses");
        let ok = parsed.records.iter().filter(|r| r.is_ok()).count();
        println!(
            "{name:12} {n} records, {ok} read, {} KB, {:.1} ms",
            text.len() / 1024,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}
