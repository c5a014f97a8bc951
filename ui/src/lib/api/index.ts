// Typed operations over whichever transport runs this UI.
import { ApiError, toApiError, type Transport } from './api';
import { HttpTransport, takeTokenFromUrl } from './http';
import type { Article, ArticleSummary, Highlight, ImportReport, SearchResult, Settings, StepResult, Theme } from './types';

export { ApiError, toApiError };
export type * from './types';

let transport: Transport | null = null;

/** Pick the transport once at start-up: Tauri's IPC inside the desktop app, HTTP otherwise. */
export async function connect(): Promise<Transport> {
  if ('__TAURI_INTERNALS__' in window) {
    const { TauriTransport } = await import('./tauri');
    transport = new TauriTransport();
  } else {
    transport = new HttpTransport(takeTokenFromUrl());
  }
  return transport;
}

/** The desktop app's native file operations, when this UI runs inside it. */
export function nativeFiles(): Pick<Required<Transport>, 'exportToFile' | 'revealPath'> | null {
  const t = transport;
  return t?.exportToFile && t.revealPath ? { exportToFile: t.exportToFile.bind(t), revealPath: t.revealPath.bind(t) } : null;
}

/** The desktop app's native import dialog, when this UI runs inside it. */
export function nativePicker(): (() => Promise<string[]>) | null {
  const t = transport;
  return t?.pickImportFiles ? t.pickImportFiles.bind(t) : null;
}

let launchReported = false;
/** Once per page load, when the library list is first drawn (desktop only; see the UI benchmark). */
export function reportLibraryVisible(): void {
  if (launchReported || !transport?.libraryVisible) return;
  launchReported = true;
  // After the frame that shows the list has been painted.
  requestAnimationFrame(() => setTimeout(() => void transport?.libraryVisible?.(), 0));
}

export function call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
  if (!transport) return Promise.reject(new ApiError('internal', 'the API is not connected yet'));
  return transport.call<T>(op, args);
}

export const api = {
  listArticles: () => call<ArticleSummary[]>('listArticles'),
  getArticle: (id: number) => call<Article>('getArticle', { id }),
  importData: (fileName: string, dataBase64: string) => call<ImportReport>('importData', { fileName, dataBase64 }),
  /** Import files by path (the desktop app's own dialog chose them). */
  importPaths: (paths: string[]) => call<ImportReport>('importFiles', { paths }),
  updateArticleMeta: (id: number, patch: Partial<Pick<Article, 'title' | 'authors' | 'source' | 'published'>>) =>
    call<Article>('updateArticleMeta', { id, ...patch }),
  setArticleMemo: (id: number, memo: string) => call<void>('setArticleMemo', { id, memo }),
  setReadingPosition: (id: number, position: number) => call<void>('setReadingPosition', { id, position }),
  deleteArticle: (id: number) => call<void>('deleteArticle', { id }),
  getSettings: () => call<Settings>('getSettings'),
  setSetting: (key: string, value: unknown) => call<void>('setSetting', { key, value }),

  listHighlights: (filter: { articleId?: number; themeId?: number }) => call<Highlight[]>('listHighlights', filter),
  addHighlight: (h: { articleId: number; start: number; end: number; exact?: string; color?: string; themes?: string[]; note?: string }) =>
    call<Highlight>('addHighlight', h),
  updateHighlight: (h: { id: number; color?: string; note?: string; themes?: string[] }) => call<Highlight>('updateHighlight', h),
  deleteHighlight: (id: number) => call<unknown>('deleteHighlight', { id }),
  listOrphans: () => call<Highlight[]>('listOrphans'),
  /** Re-attach an orphaned highlight to [start, end) of its article's current text. */
  placeOrphan: (id: number, start: number, end: number) => call<Highlight>('placeOrphan', { id, start, end }),
  undo: () => call<StepResult>('undo'),
  redo: () => call<StepResult>('redo'),

  listThemes: () => call<Theme[]>('listThemes'),
  addTheme: (t: { name: string; color?: string; parentId?: number | null; memo?: string }) => call<Theme>('addTheme', t),
  updateTheme: (t: { id: number; name?: string; color?: string; memo?: string; description?: string }) => call<Theme>('updateTheme', t),
  mergeThemes: (from: number, into: number) => call<unknown>('mergeThemes', { from, into }),
  moveTheme: (id: number, parentId: number | null, position?: number) => call<unknown>('moveTheme', { id, parentId, position }),
  deleteTheme: (id: number, mode: 'untag' | 'deleteHighlights') => call<unknown>('deleteTheme', { id, mode }),
  themePassages: (themeId: number) => call<unknown>('themePassages', { themeId }),

  search: (query: string, limit = 30) => call<SearchResult>('search', { query, limit }),
  /** The word holding `offset` as jieba cuts its paragraph; null on a paragraph break or past the end. */
  wordAt: (articleId: number, offset: number) => call<{ start: number; end: number } | null>('wordAt', { articleId, offset }),
  /** jieba's words of `text`, offsets in code points from its start. */
  segment: (text: string) => call<{ start: number; end: number; text: string }[]>('segment', { text }),
};
