// The one backend interface of the UI. Two transports implement it: Tauri's
// invoke (desktop) and HTTP to `pizhu serve` (browser); `connect()` picks one.

/** An error as the core reports it; branch on `code`, show `message`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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
  /** Desktop only: a native "open files" dialog for import; the chosen paths ([] when cancelled). */
  pickImportFiles?(): Promise<string[]>;
  /** Desktop only: tell the shell the library list is on screen (the launch benchmark's finish line). */
  libraryVisible?(): Promise<void>;
}

/** Anything thrown, as an ApiError (network failures included). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return new ApiError(String((e as { code: unknown }).code), String((e as { message: unknown }).message));
  }
  return new ApiError('internal', e instanceof Error ? e.message : String(e));
}
