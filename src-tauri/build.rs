fn main() {
    // Only the app's own command is callable from the web view (least privilege).
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["api_call"])),
    )
    .expect("tauri build script failed");
}
