// App-wide state: settings, the code book, toasts, the current route and a
// counter that views watch to reload after undo/redo or an import.
import { api, toApiError, type Settings, type Theme } from './api';
import { setLanguage } from './i18n/index.svelte';

export const app = $state({
  settings: { language: 'zh-CN', appearance: 'light', fontSize: 19, fontFamily: 'serif', lineHeight: 1.9 } as Required<Settings>,
  themes: [] as Theme[],
  /** Bumped whenever library data may have changed under the current view. */
  dataVersion: 0,
  /** The saved settings have been read (until then a first-run card must not flash up). */
  settingsLoaded: false,
  searchOpen: false,
  exportOpen: false,
  /** Reading with nothing but the text: the sidebar and the notes panel step aside (key F). */
  focusMode: false,
});

export function dataChanged(): void {
  app.dataVersion++;
}

export async function loadSettings(): Promise<void> {
  try {
    const s = await api.getSettings();
    Object.assign(app.settings, s);
    app.settingsLoaded = true;
  } catch (e) {
    toast(toApiError(e).message, 'error');
  }
  setLanguage(app.settings.language);
}

export async function saveSetting<K extends keyof Required<Settings>>(key: K, value: Required<Settings>[K]): Promise<void> {
  app.settings[key] = value;
  if (key === 'language') setLanguage(value as 'zh-CN' | 'en');
  try {
    await api.setSetting(key, value);
  } catch (e) {
    toast(toApiError(e).message, 'error');
  }
}

/** The code book; an absent operation leaves it empty (the caller shows why). */
export async function loadThemes(): Promise<Theme[]> {
  try {
    app.themes = await api.listThemes();
  } catch {
    app.themes = [];
  }
  return app.themes;
}

export function themeColor(name: string): string | null {
  return app.themes.find((t) => t.name === name)?.color ?? null;
}

// --- toasts ---------------------------------------------------------------

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export const toasts = $state<Toast[]>([]);
let nextToast = 1;

export function toast(message: string, kind: Toast['kind'] = 'info', action?: Toast['action'], ms = 6000): void {
  const id = nextToast++;
  // A calm corner: only the newest few stay.
  while (toasts.length >= 3) toasts.shift();
  toasts.push({ id, message, kind, action });
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

// --- routing (hash based: works the same under pizhu serve and in Tauri) ----

export interface Route {
  name: 'library' | 'article' | 'themes' | 'theme' | 'analysis' | 'settings' | 'review';
  id?: number;
  params: URLSearchParams;
}

function parseRoute(hash: string): Route {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = path.split('/').filter(Boolean);
  const id = parts[1] ? Number(parts[1]) : undefined;
  switch (parts[0]) {
    case 'article':
      if (id) return { name: 'article', id, params };
      break;
    case 'theme':
      if (id) return { name: 'theme', id, params };
      break;
    case 'themes':
    case 'analysis':
    case 'settings':
    case 'review':
      return { name: parts[0], params };
  }
  return { name: 'library', params };
}

export const route = $state({ current: parseRoute(location.hash) });

window.addEventListener('hashchange', () => {
  route.current = parseRoute(location.hash);
});

export function go(hash: string): void {
  if (location.hash === hash) route.current = parseRoute(hash);
  else location.hash = hash;
}
