// The one backend interface of the UI. Two transports implement it: Tauri's
// invoke (desktop) and HTTP to `pizhu serve` (browser); `connect()` picks one.

import { describe, type Params } from '../i18n/messages';
import type { ImportReport } from './types';

/** An error as the core reports it; branch on `code`, show `message`: the core's
 *  `kind` and `params` worded in the interface's language (`english` is the core's text). */
export class ApiError extends Error {
  readonly english: string;
  constructor(
    readonly code: string,
    english: string,
    readonly kind?: string | null,
    readonly params?: Params,
  ) {
    super(describe(english, kind, params, code));
    this.english = english;
    this.name = 'ApiError';
  }
}

/** Something the desktop asked the app to open: a route from a `pizhu://` link, or
 *  the report of importing files opened with Pizhu (`pizhu-desktop FILE`). */
export type Opened = { kind: 'route'; route: string } | { kind: 'import'; report: ImportReport };

export interface Transport {
  /** Run operation `op` with `args`; resolves to its JSON result or rejects with an ApiError. */
  call<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  readonly kind: 'tauri' | 'http';
  /** Desktop only: a native "save as" dialog, then `exportNotes` to the chosen path (null: cancelled). */
  exportToFile?(suggestedName: string, args: Record<string, unknown>): Promise<{ path: string } | null>;
  /** Desktop only: show a file in the system's file manager. */
  revealPath?(path: string): Promise<void>;
  /** Desktop only: open the library's folder in the system's file manager. */
  openLibraryFolder?(): Promise<void>;
  /** Desktop only: call `handler` with what the desktop asked the app to open (`pizhu://`
   *  links, files opened with Pizhu): what waits now, then each time more arrives. */
  onOpened?(handler: (items: Opened[]) => void): void;
  /** Desktop only: a native "open files" dialog for import; the chosen paths ([] when cancelled). */
  pickImportFiles?(): Promise<string[]>;
  /** Desktop only: open an article's kept original (PDF, EPUB) in the system's viewer, at physical page `page`. */
  openOriginal?(articleId: number, page?: number): Promise<void>;
  /** Desktop only: a native "choose folder" dialog (a Zotero data folder); null when cancelled. */
  pickFolder?(): Promise<string | null>;
  /** Desktop only: tell the shell the library list is on screen (the launch benchmark's finish line). */
  libraryVisible?(): Promise<void>;
}

/** Anything thrown, as an ApiError (network failures included). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const r = e as { code: unknown; message: unknown; kind?: string | null; params?: Params };
    return new ApiError(String(r.code), String(r.message), r.kind, r.params);
  }
  return new ApiError('internal', e instanceof Error ? e.message : String(e));
}
