//! Operations: what this build is (the About panel) and the third-party licences
//! the packages ship.
//!
//! The licences file is generated at package time (`scripts/package.sh`, with
//! cargo-about and the UI's npm packages) and installed beside the binaries; a
//! build run from the source tree has none and says so.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("appInfo", app_info),
    op!("thirdPartyLicences", third_party_licences),
];

/// The file's name, as the packages install it.
pub const LICENCES_FILE: &str = "THIRD-PARTY-LICENSES.txt";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// This build: its version, the newest library schema it reads and writes, and
/// whether the licences of what it is built from are installed with it.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub schema_version: u32,
    /// Where the third-party licences are (`None` in a build from the source tree).
    pub licences_path: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LicencesText {
    pub path: String,
    pub text: String,
}

fn app_info(_: &Pizhu, _: NoArgs) -> Result<AppInfo, ApiError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: pizhu_core::store::migrations::latest_version(),
        licences_path: installed_licences().map(|p| p.display().to_string()),
    })
}

fn third_party_licences(_: &Pizhu, _: NoArgs) -> Result<LicencesText, ApiError> {
    let path = installed_licences().ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "the third-party licences are installed with the packages (scripts/package.sh); this build has none",
        )
    })?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    Ok(LicencesText {
        path: path.display().to_string(),
        text,
    })
}

/// The licences file beside the running binary: `<prefix>/share/doc/pizhu/` for a
/// Linux package (`<prefix>/bin/pizhu`), or the binary's own folder.
fn installed_licences() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    licences_near(exe.parent()?)
}

fn licences_near(bin_dir: &Path) -> Option<PathBuf> {
    let candidates = [
        bin_dir.join("../share/doc/pizhu").join(LICENCES_FILE),
        bin_dir.join(LICENCES_FILE),
    ];
    // Shown to the user: `/usr/share/doc/…`, not `/usr/bin/../share/doc/…`.
    let found = candidates.into_iter().find(|p| p.is_file())?;
    Some(found.canonicalize().unwrap_or(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_found_where_the_packages_install_them() {
        let tmp = tempfile::tempdir().unwrap();
        let bin = tmp.path().join("usr/bin");
        std::fs::create_dir_all(&bin).unwrap();
        assert_eq!(licences_near(&bin), None);
        let doc = tmp.path().join("usr/share/doc/pizhu");
        std::fs::create_dir_all(&doc).unwrap();
        std::fs::write(doc.join(LICENCES_FILE), "MIT").unwrap();
        let found = licences_near(&bin).expect("found");
        assert_eq!(std::fs::read_to_string(&found).unwrap(), "MIT");
        assert!(
            !found.to_string_lossy().contains(".."),
            "{}",
            found.display()
        );
    }

    #[test]
    fn app_info_names_this_build_and_its_schema() {
        let app = Pizhu::open_in_memory().unwrap();
        let info = app.call("appInfo", serde_json::Value::Null).unwrap();
        assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            info["schemaVersion"],
            pizhu_core::store::migrations::latest_version()
        );
        // A test binary is not installed with the licences.
        assert_eq!(info["licencesPath"], serde_json::Value::Null);
        let e = app
            .call("thirdPartyLicences", serde_json::Value::Null)
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound);
    }
}
