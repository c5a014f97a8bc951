//! The UI's TypeScript types, generated from the Rust types the operations take
//! and return (ts-rs), so the two cannot drift apart.
//!
//! The generated files are committed in `ui/src/lib/api/generated/`; this test
//! fails when they differ from what the Rust types give. After changing an API
//! type, rewrite them with
//! `PIZHU_WRITE_TS=1 cargo test -p pizhu-api --lib ts_bindings`.

use std::any::TypeId;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ts_rs::{Config, TypeVisitor, TS};

use crate::ops::{
    about, analysis, annotations, collections, export, library, maintenance, reference_files,
    references, review, search, zotero,
};

/// Calls `$f::<T>()` for every type the UI is given a declaration of (each
/// with the types it refers to).
macro_rules! each_root {
    ($f:ident, $arg:expr) => {{
        use pizhu_analysis::{keyterms, kwic, library as lib};
        use pizhu_core::annotate as core;
        use pizhu_core::store::backup;
        // Library.
        $f::<pizhu_core::ArticleSummary>($arg)?;
        $f::<pizhu_core::ArticleCard>($arg)?;
        $f::<pizhu_core::Article>($arg)?;
        $f::<pizhu_core::articles::ArticleMetaPatch>($arg)?;
        $f::<library::ImportReport>($arg)?;
        $f::<library::ImportFilesArgs>($arg)?;
        $f::<library::ImportDataArgs>($arg)?;
        $f::<library::UpdateMetaArgs>($arg)?;
        $f::<library::MemoArgs>($arg)?;
        $f::<library::PositionArgs>($arg)?;
        $f::<references::SetReferenceArgs>($arg)?;
        $f::<references::CiteArgs>($arg)?;
        $f::<references::CiteResult>($arg)?;
        $f::<references::CitationStyles>($arg)?;
        $f::<references::AddStyleArgs>($arg)?;
        $f::<references::RemoveStyleArgs>($arg)?;
        $f::<reference_files::ImportReferencesArgs>($arg)?;
        $f::<reference_files::ReferenceImportReport>($arg)?;
        $f::<reference_files::AttachFileArgs>($arg)?;
        $f::<zotero::ImportZoteroArgs>($arg)?;
        $f::<zotero::ZoteroReport>($arg)?;
        // Article collections.
        $f::<pizhu_core::collections::Collection>($arg)?;
        $f::<pizhu_core::collections::edit::DeleteCollectionOutcome>($arg)?;
        $f::<collections::AddCollectionArgs>($arg)?;
        $f::<collections::RenameCollectionArgs>($arg)?;
        $f::<collections::MoveCollectionArgs>($arg)?;
        $f::<collections::CollectionArg>($arg)?;
        $f::<collections::MembersArgs>($arg)?;
        $f::<collections::MoveArticlesArgs>($arg)?;
        $f::<collections::CollectionArticlesArgs>($arg)?;
        $f::<collections::DeleteArticlesArgs>($arg)?;
        // Highlights, themes, undo.
        $f::<core::Highlight>($arg)?;
        $f::<core::NewHighlight>($arg)?;
        $f::<core::Theme>($arg)?;
        $f::<core::NewTheme>($arg)?;
        $f::<core::DeleteThemeOutcome>($arg)?;
        $f::<core::ArticlePassages>($arg)?;
        $f::<core::EditOutcome>($arg)?;
        $f::<core::HistoryEntry>($arg)?;
        $f::<annotations::ListHighlightsArgs>($arg)?;
        $f::<annotations::UpdateHighlightArgs>($arg)?;
        $f::<annotations::TagArgs>($arg)?;
        $f::<annotations::UpdateThemeArgs>($arg)?;
        $f::<annotations::RenameThemeArgs>($arg)?;
        $f::<annotations::MergeThemesArgs>($arg)?;
        $f::<annotations::MoveThemeArgs>($arg)?;
        $f::<annotations::DeleteThemeArgs>($arg)?;
        $f::<annotations::ThemePassagesArgs>($arg)?;
        $f::<annotations::EditTextArgs>($arg)?;
        $f::<annotations::ListOrphansArgs>($arg)?;
        $f::<annotations::PlaceArgs>($arg)?;
        $f::<annotations::StepResult>($arg)?;
        $f::<annotations::HistoryArgs>($arg)?;
        // Search and segmentation.
        $f::<pizhu_search::SearchResults>($arg)?;
        $f::<pizhu_search::IndexStatus>($arg)?;
        $f::<pizhu_search::IndexingProgress>($arg)?;
        $f::<search::SearchArgs>($arg)?;
        $f::<search::ReindexArgs>($arg)?;
        $f::<search::WordAtArgs>($arg)?;
        $f::<search::Range>($arg)?;
        $f::<search::SegmentArgs>($arg)?;
        $f::<search::FoldTextArgs>($arg)?;
        $f::<search::SegmentToken>($arg)?;
        // Analysis.
        $f::<lib::MatrixReport>($arg)?;
        $f::<lib::PassageLine>($arg)?;
        $f::<lib::CooccurrenceReport>($arg)?;
        $f::<lib::MeetingLine>($arg)?;
        $f::<lib::KwicLine>($arg)?;
        $f::<lib::SuggestionLine>($arg)?;
        $f::<keyterms::KeyTerm>($arg)?;
        $f::<kwic::KwicSort>($arg)?;
        $f::<analysis::Progress>($arg)?;
        $f::<analysis::MatrixArgs>($arg)?;
        $f::<analysis::CellArgs>($arg)?;
        $f::<analysis::PairArgs>($arg)?;
        $f::<analysis::CooccurrenceArgs>($arg)?;
        $f::<analysis::KeyTermsArgs>($arg)?;
        $f::<analysis::KwicArgs>($arg)?;
        $f::<analysis::SuggestArgs>($arg)?;
        $f::<analysis::SuggestionArgs>($arg)?;
        $f::<analysis::SvgArgs>($arg)?;
        $f::<analysis::DismissedArgs>($arg)?;
        $f::<pizhu_core::annotate::DismissedSuggestion>($arg)?;
        // Export.
        $f::<export::ExportResult>($arg)?;
        $f::<export::ExportArgs>($arg)?;
        // Maintenance.
        $f::<maintenance::LibraryStatus>($arg)?;
        $f::<maintenance::RestoreArgs>($arg)?;
        $f::<backup::BackupInfo>($arg)?;
        $f::<backup::RestoreReport>($arg)?;
        $f::<backup::IntegrityReport>($arg)?;
        // The daily review.
        $f::<pizhu_core::review::ReviewCard>($arg)?;
        $f::<pizhu_core::review::NewCard>($arg)?;
        $f::<pizhu_core::review::CardSelection>($arg)?;
        $f::<pizhu_core::review::ReviewLimits>($arg)?;
        $f::<pizhu_core::review::ReviewStats>($arg)?;
        $f::<review::AddedCards>($arg)?;
        $f::<review::CardArgs>($arg)?;
        $f::<review::HighlightCardsArgs>($arg)?;
        $f::<review::DueArgs>($arg)?;
        $f::<review::GradeArgs>($arg)?;
        $f::<review::StatsArgs>($arg)?;
        $f::<review::HistoryCsv>($arg)?;
        // About.
        $f::<about::AppInfo>($arg)?;
        $f::<about::LicencesText>($arg)?;
    }};
}

fn config(dir: &Path) -> Config {
    // Ids and counts are far below 2^53: plain numbers, as serde_json writes them.
    Config::new().with_large_int("number").with_out_dir(dir)
}

const GENERATED: &str = "../../ui/src/lib/api/generated";
const HEADER: &str =
    "// Generated by pizhu-api's ts_bindings test from the Rust types. Do not edit.\n";

/// Every generated file (name → text): one per type, `index.ts` re-exporting
/// them all, and `operations.ts` naming every operation.
fn generate() -> BTreeMap<String, String> {
    fn one<T: TS + 'static>(cfg: &Config) -> Result<(), ts_rs::ExportError> {
        T::export_all(cfg)
    }
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path());
    let all = |cfg: &Config| -> Result<(), ts_rs::ExportError> {
        each_root!(one, cfg);
        Ok(())
    };
    all(&cfg).unwrap();
    let mut files = read_dir(dir.path());
    let mut index = String::from(HEADER);
    for name in files.keys() {
        let stem = name.trim_end_matches(".ts");
        index.push_str(&format!("export type * from './{stem}';\n"));
    }
    index.push_str("export type * from './operations';\n");
    index.push_str("export * from './constants';\n");
    files.insert("index.ts".into(), index);
    files.insert(
        "constants.ts".into(),
        format!(
            "{HEADER}\n/** The colour the core gives a highlight made without one (pizhu_core's DEFAULT_COLOR). */\nexport const CORE_DEFAULT_HIGHLIGHT_COLOR = {:?};\n",
            pizhu_core::annotate::highlights::DEFAULT_COLOR
        ) + &format!(
            "\n/** Every `kind` a user-visible message can carry (error.rs's message_kinds); the UI's message files have a `msg.<kind>` for each. */\nexport const MESSAGE_KINDS = {:?} as const;\n",
            crate::message_kinds()
        ),
    );
    let names: Vec<String> = crate::ops::names()
        .iter()
        .map(|n| format!("\n  | '{n}'"))
        .collect();
    files.insert(
        "operations.ts".into(),
        format!(
            "{HEADER}\n/** Every operation's name, as `listOperations` returns them. */\nexport type Operation ={};\n",
            names.concat()
        ),
    );
    files
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.insert(name, std::fs::read_to_string(&path).unwrap());
    }
    out
}

/// Two Rust types of one name would overwrite each other's file.
#[derive(Default)]
struct Names {
    seen: HashMap<PathBuf, (TypeId, &'static str)>,
    clashes: Vec<String>,
}

impl TypeVisitor for Names {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let Some(path) = T::output_path() else {
            return;
        };
        let id = TypeId::of::<T>();
        match self.seen.get(&path) {
            Some((seen, _)) if *seen == id => {}
            Some((_, other)) => self.clashes.push(format!(
                "{} and {other} both become {}",
                std::any::type_name::<T>(),
                path.display()
            )),
            None => {
                self.seen.insert(path, (id, std::any::type_name::<T>()));
                T::visit_dependencies(self);
            }
        }
    }
}

#[test]
fn no_two_rust_types_share_a_typescript_name() {
    fn one<T: TS + 'static>(names: &mut Names) -> Result<(), ()> {
        names.visit::<T>();
        Ok(())
    }
    let mut names = Names::default();
    let all = |names: &mut Names| -> Result<(), ()> {
        each_root!(one, names);
        Ok(())
    };
    all(&mut names).unwrap();
    assert!(names.clashes.is_empty(), "{:#?}", names.clashes);
}

#[test]
fn committed_typescript_types_match_the_rust_types() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
    let fresh = generate();
    if std::env::var_os("PIZHU_WRITE_TS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let on_disk = if committed.is_dir() {
        read_dir(&committed)
    } else {
        BTreeMap::new()
    };
    let stale: Vec<&String> = on_disk
        .iter()
        .filter(|(name, text)| fresh.get(*name) != Some(*text))
        .map(|(name, _)| name)
        .chain(fresh.keys().filter(|name| !on_disk.contains_key(*name)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/api/generated/ differs from the Rust types in {stale:?}; \
         rewrite it with `PIZHU_WRITE_TS=1 cargo test -p pizhu-api --lib ts_bindings`"
    );
}

/// The UI's `Settings` type is its own preference map, not a Rust type; this keeps
/// its keys and the keys `setSetting` accepts the same list.
#[test]
fn the_ui_settings_type_names_exactly_the_keys_the_backend_accepts() {
    let types = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/api/types.ts");
    let text = std::fs::read_to_string(&types).unwrap();
    let block = text
        .split_once("export type Settings = Partial<{")
        .and_then(|(_, rest)| rest.split_once("}>"))
        .map(|(block, _)| block)
        .expect("types.ts declares `Settings = Partial<{ … }>`");
    let mut ui_keys: Vec<&str> = block
        .lines()
        .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k.trim()))
        .filter(|k| !k.is_empty() && !k.starts_with("//") && !k.starts_with('*'))
        .collect();
    ui_keys.sort();
    // `window` is the desktop shell's (its size and place), not the UI's.
    let mut backend: Vec<&str> = library::SETTING_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "window")
        .collect();
    backend.sort();
    assert_eq!(ui_keys, backend);
}

/// The browser's file input accepts exactly what the importers read (the
/// desktop's dialog is built from the same Rust lists).
#[test]
fn the_ui_accepts_every_import_extension_and_no_other() {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/features/library/importFiles.ts"),
    )
    .unwrap();
    let line = src
        .lines()
        .find(|l| l.contains("export const ACCEPTED"))
        .expect("ACCEPTED in importFiles.ts");
    let quoted = line.split('\'').nth(1).expect("a quoted list");
    let mut ui: Vec<&str> = quoted
        .split(',')
        .map(|e| e.trim_start_matches('.'))
        .collect();
    ui.sort();
    let (articles, references) = crate::import_extensions();
    let mut rust: Vec<&str> = articles.into_iter().chain(references).collect();
    rust.sort();
    rust.dedup();
    assert_eq!(ui, rust);
}
