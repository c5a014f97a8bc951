fn main() {
    // The web view may call only these commands (least privilege): the API
    // forwarder, and native dialogs run on the Rust side so the page needs no
    // dialog or file-system permission of its own; `library_visible` marks the
    // end of a launch for the launch benchmark; `open_original`
    // opens an article's kept original (by article id, never by path);
    // `open_library_folder` opens the library's own folder (no argument);
    // `take_opened` hands over the links and imported files the desktop
    // asked the app to open (no argument).
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "api_call",
            "pick_import_files",
            "pick_folder",
            "save_export",
            "reveal_path",
            "open_library_folder",
            "take_opened",
            "open_original",
            "library_visible",
        ]),
    ))
    .expect("tauri build script failed");
}
