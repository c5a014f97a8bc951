use pizhu_core::{LibraryDir, Store};
use serde_json::Value;

use crate::caller::check_files;
use crate::{bundled, ops, ApiError, Caller, ErrorCode};

/// An open library and everything derived from it. One per process; share it
/// behind an `Arc`. All methods are blocking: async front ends call them from a
/// blocking thread.
pub struct Pizhu {
    store: Store,
    /// The search index (a cache of `store`, rebuilt in the background when needed).
    search: pizhu_search::SearchIndex,
    /// Where a running `suggestPassages` stands (articles ranked, of how many),
    /// for `suggestProgress` calls meanwhile.
    pub(crate) suggesting: std::sync::Mutex<Option<crate::ops::analysis::Progress>>,
}

impl Pizhu {
    /// Open the library in `dir`; an empty library is filled from the bundled corpus.
    pub fn open(dir: &LibraryDir) -> Result<Pizhu, ApiError> {
        let store = Store::open(dir)?;
        bundled::seed_if_empty(&store)?;
        let search = pizhu_search::SearchIndex::open(&store)?;
        // The scheduled backup: taken at open when the newest is a day old.
        store.maybe_backup();
        Ok(Pizhu {
            store,
            search,
            suggesting: Default::default(),
        })
    }

    /// A library in memory (tests).
    pub fn open_in_memory() -> Result<Pizhu, ApiError> {
        let store = Store::open_in_memory()?;
        bundled::seed_if_empty(&store)?;
        let search = pizhu_search::SearchIndex::open_in_memory(&store)?;
        Ok(Pizhu {
            store,
            search,
            suggesting: Default::default(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn search_index(&self) -> &pizhu_search::SearchIndex {
        &self.search
    }

    /// Run operation `op` with JSON `args` (`null` counts as `{}`) for a local
    /// caller (the CLI, a shell after a native dialog): file arguments allowed.
    pub fn call(&self, op: &str, args: Value) -> Result<Value, ApiError> {
        self.call_as(Caller::Local, op, args)
    }

    /// Run operation `op` for `caller`; a web page's file arguments are refused.
    pub fn call_as(&self, caller: Caller<'_>, op: &str, args: Value) -> Result<Value, ApiError> {
        let args = if args.is_null() {
            Value::Object(Default::default())
        } else {
            args
        };
        match ops::find(op) {
            Some(found) => {
                check_files(caller, found, &args)?;
                let out = (found.run)(self, args);
                // Long sessions get their daily backup too; a clock read when none is due.
                self.store.maybe_backup();
                out
            }
            None => Err(ApiError::new(
                ErrorCode::UnknownOperation,
                format!("unknown operation {op:?}"),
            )),
        }
    }
}
