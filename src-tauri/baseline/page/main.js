// Report the first paint, as Pizhu's library page does.
requestAnimationFrame(() => setTimeout(() => window.__TAURI_INTERNALS__.invoke('library_visible'), 0));
