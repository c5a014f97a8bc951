//! `pizhu://article/12?start=5&end=9` links. They reach the app three ways, and
//! all three end in [`open`]: on Linux and Windows as a command-line argument
//! (at launch, or forwarded by the single-instance plugin to the running app;
//! see `opened.rs`); on macOS as the system's open-URL event, which only the
//! deep-link plugin sees.

use tauri::{AppHandle, Url};
use tauri_plugin_deep_link::DeepLinkExt;

/// A deep link → the UI route that opens that passage, or None for anything else.
pub fn route_for(url: &str) -> Option<String> {
    let rest = url.strip_prefix("pizhu://")?;
    let safe = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/?&=-_.".contains(c));
    safe.then(|| format!("#/{rest}"))
}

/// The route for the first Pizhu link among the URLs of an open-URL event.
pub fn route_for_urls(urls: &[Url]) -> Option<String> {
    urls.iter().find_map(|u| route_for(u.as_str()))
}

/// The first Pizhu link among command-line arguments.
pub fn link_in_args<S: AsRef<str>>(args: &[S]) -> Option<&str> {
    args.iter()
        .map(|a| a.as_ref())
        .find(|a: &&str| a.starts_with("pizhu://"))
}

/// Show `route` in the main window: the page takes it from the shell's inbox,
/// also when the link came before the page was listening (at launch).
pub fn open(handle: &AppHandle, route: Option<String>) {
    if let Some(route) = route {
        crate::opened::deliver(handle, crate::opened::Opened::Route { route });
    }
}

/// macOS: links arrive as open-URL events (at launch too), not as arguments.
/// Elsewhere the single-instance plugin already hands them over as arguments,
/// and listening here as well would open each link twice.
pub fn listen_for_open_url_events(handle: &AppHandle) {
    if !cfg!(target_os = "macos") {
        return;
    }
    if let Ok(Some(urls)) = handle.deep_link().get_current() {
        open(handle, route_for_urls(&urls));
    }
    let for_events = handle.clone();
    let _ = handle.deep_link().on_open_url(move |event| {
        open(&for_events, route_for_urls(&event.urls()));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links_become_routes_and_nothing_else_gets_through() {
        assert_eq!(
            route_for("pizhu://article/3?start=10&end=20").as_deref(),
            Some("#/article/3?start=10&end=20")
        );
        assert_eq!(route_for("pizhu://article/3\";alert(1)//"), None);
        assert_eq!(route_for("https://example.com"), None);
    }

    #[test]
    fn open_url_events_take_the_same_route_as_arguments() {
        let parse = |s: &str| Url::parse(s).unwrap();
        let event = [
            parse("https://example.com/"),
            parse("pizhu://article/3?start=10&end=20"),
        ];
        assert_eq!(
            route_for_urls(&event),
            route_for(
                link_in_args(&["pizhu-desktop", "pizhu://article/3?start=10&end=20"]).unwrap()
            )
        );
        assert_eq!(
            route_for_urls(&event).as_deref(),
            Some("#/article/3?start=10&end=20")
        );
        // A quote in an event's URL arrives percent-encoded, and is refused all the same.
        assert_eq!(
            route_for_urls(&[parse("pizhu://article/3\";alert(1)//")]),
            None
        );
        assert_eq!(route_for_urls(&[]), None);
    }
}
