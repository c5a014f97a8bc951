//! Operations: article collections (named, nestable folders of articles) and
//! deleting several articles in one undoable step. Collections are named by id
//! (a number) or by name or `parent/child` path (a string) wherever an argument
//! says `CollectionRef`.

use pizhu_core::collections::edit::DeleteCollectionOutcome;
use pizhu_core::collections::{Collection, CollectionRef};
use serde::Deserialize;

use crate::ops::Op;
use crate::{op, ApiError, Pizhu};

pub const OPS: &[Op] = &[
    op!("listCollections", list_collections),
    op!("addCollection", add_collection),
    op!("renameCollection", rename_collection),
    op!("moveCollection", move_collection),
    op!("deleteCollection", delete_collection),
    op!("addToCollection", add_to_collection),
    op!("removeFromCollection", remove_from_collection),
    op!("moveToCollection", move_to_collection),
    op!("collectionArticles", collection_articles),
    op!("deleteArticles", delete_articles),
];

fn list_collections(app: &Pizhu, _: super::library::NoArgs) -> Result<Vec<Collection>, ApiError> {
    Ok(app.store().list_collections()?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddCollectionArgs {
    pub name: String,
    /// The collection to put it under; absent: at the top.
    pub parent: Option<CollectionRef>,
}

fn add_collection(app: &Pizhu, a: AddCollectionArgs) -> Result<Collection, ApiError> {
    Ok(app.store().add_collection(&a.name, a.parent.as_ref())?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenameCollectionArgs {
    pub id: CollectionRef,
    pub name: String,
}

fn rename_collection(app: &Pizhu, a: RenameCollectionArgs) -> Result<Collection, ApiError> {
    Ok(app.store().rename_collection(&a.id, &a.name)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveCollectionArgs {
    pub id: CollectionRef,
    /// The new parent; `null` or absent: the top level.
    pub parent: Option<CollectionRef>,
}

fn move_collection(app: &Pizhu, a: MoveCollectionArgs) -> Result<Collection, ApiError> {
    Ok(app.store().move_collection(&a.id, a.parent.as_ref())?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CollectionArg {
    pub id: CollectionRef,
}

fn delete_collection(app: &Pizhu, a: CollectionArg) -> Result<DeleteCollectionOutcome, ApiError> {
    Ok(app.store().delete_collection(&a.id)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MembersArgs {
    pub collection: CollectionRef,
    pub article_ids: Vec<i64>,
}

/// How many articles joined (or left) the collection.
fn add_to_collection(app: &Pizhu, a: MembersArgs) -> Result<usize, ApiError> {
    Ok(app
        .store()
        .add_to_collection(&a.collection, &a.article_ids)?)
}

fn remove_from_collection(app: &Pizhu, a: MembersArgs) -> Result<usize, ApiError> {
    Ok(app
        .store()
        .remove_from_collection(&a.collection, &a.article_ids)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveArticlesArgs {
    pub from: CollectionRef,
    pub to: CollectionRef,
    pub article_ids: Vec<i64>,
}

fn move_to_collection(app: &Pizhu, a: MoveArticlesArgs) -> Result<usize, ApiError> {
    Ok(app
        .store()
        .move_to_collection(&a.from, &a.to, &a.article_ids)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CollectionArticlesArgs {
    pub id: CollectionRef,
    /// Also the articles of the collections under it.
    #[serde(default)]
    pub subcollections: bool,
}

fn collection_articles(app: &Pizhu, a: CollectionArticlesArgs) -> Result<Vec<i64>, ApiError> {
    Ok(app.store().collection_articles(&a.id, a.subcollections)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteArticlesArgs {
    pub ids: Vec<i64>,
}

/// Delete articles with everything they hold, as one undoable step.
fn delete_articles(app: &Pizhu, a: DeleteArticlesArgs) -> Result<usize, ApiError> {
    Ok(app.store().delete_articles(&a.ids)?)
}
