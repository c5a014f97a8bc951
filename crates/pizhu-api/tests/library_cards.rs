//! The library list's cards (`listArticleCards`) say what the full summaries
//! (`listArticles`) say, for every article: the cards read the reference's
//! type, year and first author from `article_refs`' columns instead of its JSON,
//! so the two must never drift apart.

use pizhu_api::Pizhu;
use pizhu_core::Reference;
use serde_json::{json, Value};

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args).unwrap_or_else(|e| panic!("{op}: {e:?}"))
}

#[test]
fn every_card_agrees_with_its_article_summary() {
    let app = Pizhu::open_in_memory().unwrap();
    let first = call(&app, "listArticles", json!({}))[0]["id"].clone();
    // A reference with an editor before a person author, a year, a journal;
    // a highlight, a reading position and a collection.
    let reference = json!({
        "itemType": "journalArticle",
        "creators": [
            { "role": "editor", "name": { "kind": "whole", "name": "编者甲" } },
            { "role": "author", "name": { "kind": "person", "family": "Smith", "given": "John" } }
        ],
        "containerTitle": "电影艺术",
        "issued": { "year": 2021 }
    });
    call(
        &app,
        "setReference",
        json!({ "id": first, "reference": reference }),
    );
    call(
        &app,
        "addHighlight",
        json!({ "articleId": first, "start": 0, "end": 4 }),
    );
    call(
        &app,
        "setReadingPosition",
        json!({ "id": first, "position": 0.4 }),
    );
    let collection = call(&app, "addCollection", json!({ "name": "读过" }));
    call(
        &app,
        "addToCollection",
        json!({ "collection": collection["id"], "articleIds": [first] }),
    );

    let summaries = call(&app, "listArticles", json!({}));
    let cards = call(&app, "listArticleCards", json!({}));
    let (summaries, cards) = (summaries.as_array().unwrap(), cards.as_array().unwrap());
    assert_eq!(cards.len(), summaries.len());
    for (card, summary) in cards.iter().zip(summaries) {
        let reference: Reference = serde_json::from_value(summary["reference"].clone()).unwrap();
        let want = json!({
            "id": summary["id"],
            "title": summary["title"],
            "authors": summary["authors"],
            "source": summary["source"],
            "published": summary["published"],
            "importedAt": summary["importedAt"],
            "hasOriginal": !summary["originalFile"].is_null(),
            "highlightCount": summary["highlightCount"],
            "readingPosition": summary["readingPosition"],
            "itemType": summary["reference"]["itemType"],
            "year": reference.issued.map(|d| d.year),
            "authorKey": reference.author_sort_key(),
            "collections": summary["collections"],
        });
        assert_eq!(card, &want);
        // The editor opens the one summary.
        assert_eq!(
            &call(&app, "getArticleSummary", json!({ "id": summary["id"] })),
            summary
        );
    }
    let edited = &cards[0];
    assert_eq!(edited["authorKey"], "smith john");
    assert_eq!(edited["year"], 2021);
    assert_eq!(edited["highlightCount"], 1);
    assert_eq!(edited["collections"], json!([collection["id"]]));
    assert_eq!(
        app.call("getArticleSummary", json!({ "id": 999_999 }))
            .unwrap_err()
            .code,
        pizhu_api::ErrorCode::NotFound
    );
}
