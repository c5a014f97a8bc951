//! Undo and redo from an operation log kept in SQLite (table `oplog`).
//!
//! Every user-level annotation change runs through [`logged`]: the change and its
//! log entry commit in one transaction. The entry holds row images
//! `{table, key, before, after}` for every row touched, in the order touched.
//! Undo applies the `before` images backwards and marks the entry undone; redo
//! applies the `after` images forwards. A new operation drops undone entries (the
//! redo stack). Because the log is in the library file, undo works after a restart.
//!
//! Cascades are never relied on: code that deletes a highlight first deletes its
//! `highlight_themes` rows through the [`Recorder`], so the log sees them.

use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use super::action::Action;
use crate::{now_rfc3339, CoreError, Result, Store};

/// How many operations the log keeps; older ones can no longer be undone.
pub const HISTORY_LIMIT: i64 = 1000;

/// A table the log can record: its key columns and the columns an image holds.
struct TableSpec {
    /// The name entries use (usually the SQL table's name).
    name: &'static str,
    /// The SQL table.
    table: &'static str,
    key: &'static [&'static str],
    /// The columns an image holds; empty: every column the table has (so a column a
    /// later migration adds is kept too).
    columns: &'static [&'static str],
    /// Rows of this table are never created or removed by undo (articles: only
    /// their text is annotation data).
    update_only: bool,
}

const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "highlights",
        table: "highlights",
        key: &["id"],
        columns: &[
            "id",
            "article_id",
            "start",
            "end",
            "exact",
            "prefix",
            "suffix",
            "color",
            "note",
            "orphan",
            "created_at",
            "modified_at",
        ],
        update_only: false,
    },
    TableSpec {
        name: "highlight_themes",
        table: "highlight_themes",
        key: &["highlight_id", "theme_id"],
        columns: &["highlight_id", "theme_id"],
        update_only: false,
    },
    TableSpec {
        name: "themes",
        table: "themes",
        key: &["id"],
        columns: &[
            "id",
            "name",
            "color",
            "description",
            "keywords",
            "parent_id",
            "position",
            "memo",
            "created_at",
            "modified_at",
        ],
        update_only: false,
    },
    // A text edit: only the text is annotation data, the row stays.
    TableSpec {
        name: "articles",
        table: "articles",
        key: &["id"],
        columns: &["id", "text", "modified_at"],
        update_only: true,
    },
    // A reimport also replaces the paragraph structure.
    TableSpec {
        name: "article_structure",
        table: "articles",
        key: &["id"],
        columns: &["id", "headings"],
        update_only: true,
    },
    // A whole article, deleted and restored with everything it holds (memo,
    // reading position, the link to its original file).
    TableSpec {
        name: "article_rows",
        table: "articles",
        key: &["id"],
        columns: &[],
        update_only: false,
    },
    // The free-text metadata kept in step with an edited reference.
    TableSpec {
        name: "article_meta",
        table: "articles",
        key: &["id"],
        columns: &["id", "authors", "source", "published", "modified_at"],
        update_only: true,
    },
    TableSpec {
        name: "article_refs",
        table: "article_refs",
        key: &["article_id"],
        columns: &["article_id", "item_type", "year", "author_sort", "data"],
        update_only: false,
    },
    TableSpec {
        name: "article_pages",
        table: "article_pages",
        key: &["article_id", "n"],
        columns: &["article_id", "n", "label", "start"],
        update_only: false,
    },
    TableSpec {
        name: "dismissed_suggestions",
        table: "dismissed_suggestions",
        key: &["theme_id", "article_id", "start", "end"],
        columns: &["theme_id", "article_id", "start", "end"],
        update_only: false,
    },
    // The daily review: cards and their grades (every column, so a later
    // migration's columns are kept too).
    TableSpec {
        name: "review_cards",
        table: "review_cards",
        key: &["id"],
        columns: &[],
        update_only: false,
    },
    TableSpec {
        name: "review_log",
        table: "review_log",
        key: &["id"],
        columns: &[],
        update_only: false,
    },
    // Article collections and their memberships (schema 6).
    TableSpec {
        name: "collections",
        table: "collections",
        key: &["id"],
        columns: &[],
        update_only: false,
    },
    TableSpec {
        name: "article_collections",
        table: "article_collections",
        key: &["article_id", "collection_id"],
        columns: &[],
        update_only: false,
    },
];

fn spec(table: &str) -> Result<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == table).ok_or_else(|| {
        CoreError::Corrupt(format!("operation log names an unknown table {table:?}"))
    })
}

/// The columns of `spec`'s table an image holds.
fn image_columns(tx: &Transaction, spec: &TableSpec) -> Result<Vec<String>> {
    if !spec.columns.is_empty() {
        return Ok(spec.columns.iter().map(|c| c.to_string()).collect());
    }
    let mut stmt = tx.prepare(&format!(
        "SELECT name FROM pragma_table_info('{}')",
        spec.table
    ))?;
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// One row before and after an operation (`None`: the row did not exist).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RowChange {
    pub table: String,
    pub key: Map<String, Value>,
    pub before: Option<Map<String, Value>>,
    pub after: Option<Map<String, Value>>,
}

/// An entry of the history, for the UI's undo menu.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub id: i64,
    /// What it did, for the UI to put in words.
    pub action: Action,
    /// The same in English, for the CLI.
    pub label: String,
    pub undone: bool,
    pub created_at: String,
}

/// Collects row images while an operation changes rows inside its transaction.
pub struct Recorder<'t> {
    tx: &'t Transaction<'t>,
    changes: Vec<RowChange>,
    action: Action,
}

impl<'t> Recorder<'t> {
    pub fn tx(&self) -> &'t Transaction<'t> {
        self.tx
    }

    /// Say what the operation did, once it knows (a highlight's quote, say).
    pub fn describe(&mut self, action: Action) {
        self.action = action;
    }

    /// Run `change` (which may update, insert or delete the row `table`/`key`)
    /// and record the row as it was before and after.
    pub fn touch<T>(
        &mut self,
        table: &str,
        key: &[(&str, i64)],
        change: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let spec = spec(table)?;
        let key = key_map(spec, key)?;
        let before = snapshot(self.tx, spec, &key)?;
        let out = change(self.tx)?;
        let after = snapshot(self.tx, spec, &key)?;
        if before != after {
            self.changes.push(RowChange {
                table: table.to_string(),
                key,
                before,
                after,
            });
        }
        Ok(out)
    }

    /// Record a row that was just inserted.
    pub fn inserted(&mut self, table: &str, key: &[(&str, i64)]) -> Result<()> {
        let spec = spec(table)?;
        let key = key_map(spec, key)?;
        let after = snapshot(self.tx, spec, &key)?;
        self.changes.push(RowChange {
            table: table.to_string(),
            key,
            before: None,
            after,
        });
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

fn key_map(spec: &TableSpec, key: &[(&str, i64)]) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for col in spec.key {
        let v = key
            .iter()
            .find(|(k, _)| k == col)
            .ok_or_else(|| CoreError::Invalid(format!("key of {} needs {col}", spec.name)))?;
        out.insert(col.to_string(), Value::from(v.1));
    }
    Ok(out)
}

fn where_clause(spec: &TableSpec, first_param: usize) -> String {
    spec.key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", first_param + i))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn key_params(spec: &TableSpec, key: &Map<String, Value>) -> Result<Vec<rusqlite::types::Value>> {
    spec.key
        .iter()
        .map(|c| {
            key.get(*c)
                .map(json_to_sql)
                .ok_or_else(|| CoreError::Corrupt(format!("log key lacks {c}")))
        })
        .collect()
}

fn snapshot(
    tx: &Transaction,
    spec: &TableSpec,
    key: &Map<String, Value>,
) -> Result<Option<Map<String, Value>>> {
    let columns = image_columns(tx, spec)?;
    let cols = quoted(&columns);
    let sql = format!(
        "SELECT {cols} FROM {} WHERE {}",
        spec.table,
        where_clause(spec, 1)
    );
    let row = tx
        .query_row(&sql, params_from_iter(key_params(spec, key)?), |r| {
            let mut m = Map::new();
            for (i, c) in columns.iter().enumerate() {
                m.insert(c.clone(), sql_to_json(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()?;
    Ok(row)
}

fn quoted(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn sql_to_json(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(hex::encode(b)),
    }
}

fn json_to_sql(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(V::Integer)
            .unwrap_or_else(|| V::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
    }
}

/// Make row `key` of `table` look like `image` (`None`: delete it). `recreate`:
/// the row did not exist on the other side of the change, so it is inserted and
/// must not be there already (an id taken by something outside the log is a
/// conflict, never overwritten).
fn apply_image(
    tx: &Transaction,
    table: &str,
    key: &Map<String, Value>,
    image: Option<&Map<String, Value>>,
    recreate: bool,
) -> Result<()> {
    let spec = spec(table)?;
    let keyp = key_params(spec, key)?;
    let Some(image) = image else {
        if spec.update_only {
            return Err(CoreError::Corrupt(format!(
                "the log would delete a row of {table}"
            )));
        }
        tx.execute(
            &format!("DELETE FROM {} WHERE {}", spec.table, where_clause(spec, 1)),
            params_from_iter(keyp),
        )?;
        return Ok(());
    };
    // The columns the image holds that the table has (an image from an older
    // schema leaves a newer column at its default).
    let columns: Vec<String> = image_columns(tx, spec)?
        .into_iter()
        .filter(|c| image.contains_key(c))
        .collect();
    let values: Vec<rusqlite::types::Value> =
        columns.iter().map(|c| json_to_sql(&image[c])).collect();
    if recreate && !spec.update_only {
        let marks = (1..=columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        // A taken key (or text) fails as a constraint violation: a conflict.
        tx.execute(
            &format!(
                "INSERT INTO {} ({}) VALUES ({marks})",
                spec.table,
                quoted(&columns)
            ),
            params_from_iter(values),
        )?;
        return Ok(());
    }
    let sets = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let mut params = values;
    params.extend(keyp);
    let updated = tx.execute(
        &format!(
            "UPDATE {} SET {sets} WHERE {}",
            spec.table,
            where_clause(spec, columns.len() + 1)
        ),
        params_from_iter(params),
    )?;
    if updated == 0 {
        return Err(CoreError::Conflict(format!(
            "a row of {table} the change belongs to is gone"
        )));
    }
    Ok(())
}

/// Run one user-level operation: `f` changes rows through the [`Recorder`]; the
/// changes and their log entry commit together. `action` says what it did (the
/// closure may refine it with [`Recorder::describe`]). An operation that changed
/// nothing leaves no entry (and keeps the redo stack).
pub fn logged<T>(
    store: &Store,
    action: Action,
    f: impl FnOnce(&mut Recorder) -> Result<T>,
) -> Result<T> {
    store.write(|tx| {
        let mut rec = Recorder {
            tx,
            changes: Vec::new(),
            action,
        };
        let out = f(&mut rec)?;
        if !rec.changes.is_empty() {
            tx.execute("DELETE FROM oplog WHERE undone = 1", [])?;
            tx.execute(
                "INSERT INTO oplog(label, changes, created_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![
                    rec.action.to_stored(),
                    serde_json::to_string(&rec.changes)?,
                    now_rfc3339()
                ],
            )?;
            let newest = tx.last_insert_rowid();
            tx.execute("DELETE FROM oplog WHERE id <= ?1", [newest - HISTORY_LIMIT])?;
        }
        Ok(out)
    })
}

/// Run `f` through a [`Recorder`] in one transaction without a log entry: for
/// changes that are not the user's (seeding a new library).
pub(crate) fn unlogged<T>(store: &Store, f: impl FnOnce(&mut Recorder) -> Result<T>) -> Result<T> {
    store.write(|tx| {
        let mut rec = Recorder {
            tx,
            changes: Vec::new(),
            action: Action::Other {
                label: String::new(),
            },
        };
        f(&mut rec)
    })
}

fn load_changes(raw: &str) -> Result<Vec<RowChange>> {
    serde_json::from_str(raw).map_err(|e| CoreError::Corrupt(format!("operation log entry: {e}")))
}

/// Apply an entry's images inside a savepoint; a failure (a row it needs was
/// deleted by something outside the log) rolls the partial work back.
fn apply_entry(tx: &Transaction, changes: &[RowChange], undo: bool) -> Result<()> {
    tx.execute_batch("SAVEPOINT pizhu_apply")?;
    let result = (|| {
        if undo {
            for c in changes.iter().rev() {
                apply_image(tx, &c.table, &c.key, c.before.as_ref(), c.after.is_none())?;
            }
        } else {
            for c in changes {
                apply_image(tx, &c.table, &c.key, c.after.as_ref(), c.before.is_none())?;
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            tx.execute_batch("RELEASE pizhu_apply")?;
            Ok(())
        }
        Err(e) => {
            tx.execute_batch("ROLLBACK TO pizhu_apply; RELEASE pizhu_apply")?;
            Err(e)
        }
    }
}

impl Store {
    /// Undo the newest operation not yet undone; what it was, or `None` when there is none.
    ///
    /// If the rows it needs were removed outside the log (an article deleted), the
    /// entry cannot be undone: it is dropped from the history and a
    /// [`CoreError::Conflict`] says so, so the next undo reaches older entries.
    pub fn undo(&self) -> Result<Option<Action>> {
        self.step(true)
    }

    /// Redo the oldest undone operation; what it was, or `None` when there is none.
    pub fn redo(&self) -> Result<Option<Action>> {
        self.step(false)
    }

    fn step(&self, undo: bool) -> Result<Option<Action>> {
        let sql = if undo {
            "SELECT id, label, changes FROM oplog WHERE undone = 0 ORDER BY id DESC LIMIT 1"
        } else {
            "SELECT id, label, changes FROM oplog WHERE undone = 1 ORDER BY id ASC LIMIT 1"
        };
        let outcome = self.write(|tx| {
            let Some((id, label, raw)) = tx
                .query_row(sql, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
                .optional()?
            else {
                return Ok(Ok(None));
            };
            let changes = load_changes(&raw)?;
            let label = Action::from_stored(&label);
            match apply_entry(tx, &changes, undo) {
                Ok(()) => {
                    tx.execute("UPDATE oplog SET undone = ?2 WHERE id = ?1", rusqlite::params![id, undo])?;
                    Ok(Ok(Some(label)))
                }
                Err(e) if e.is_constraint_violation() || matches!(e, CoreError::Conflict(_)) => {
                    // Drop the entry (and, for redo, everything after it) so history stays consistent.
                    if undo {
                        tx.execute("DELETE FROM oplog WHERE id <= ?1", [id])?;
                    } else {
                        tx.execute("DELETE FROM oplog WHERE undone = 1", [])?;
                    }
                    let what = if undo { "undo" } else { "redo" };
                    Ok(Err(CoreError::Conflict(format!(
                        "cannot {what} \u{201c}{label}\u{201d}: what it changed was removed in the meantime; it was dropped from the history"
                    ))))
                }
                Err(e) => Err(e),
            }
        })?;
        outcome
    }

    /// The newest `limit` entries of the history, newest first.
    pub fn undo_history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, label, undone, created_at FROM oplog ORDER BY id DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit as i64], |r| {
                let action = Action::from_stored(&r.get::<_, String>(1)?);
                Ok(HistoryEntry {
                    id: r.get(0)?,
                    label: action.to_string(),
                    action,
                    undone: r.get(2)?,
                    created_at: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
