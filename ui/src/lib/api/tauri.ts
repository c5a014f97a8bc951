import { invoke } from '@tauri-apps/api/core';
import { toApiError, type Opened, type Transport } from './api';

export class TauriTransport implements Transport {
  readonly kind = 'tauri' as const;

  async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    try {
      return await invoke<T>('api_call', { op, args });
    } catch (e) {
      throw toApiError(e);
    }
  }

  async exportToFile(suggestedName: string, args: Record<string, unknown>): Promise<{ path: string } | null> {
    try {
      return await invoke<{ path: string } | null>('save_export', { suggestedName, args });
    } catch (e) {
      throw toApiError(e);
    }
  }

  async pickImportFiles(): Promise<string[]> {
    try {
      return await invoke<string[]>('pick_import_files');
    } catch (e) {
      throw toApiError(e);
    }
  }

  async openOriginal(articleId: number, page?: number): Promise<void> {
    try {
      await invoke('open_original', { id: articleId, page: page ?? null });
    } catch (e) {
      throw toApiError(e);
    }
  }

  async pickFolder(): Promise<string | null> {
    try {
      return await invoke<string | null>('pick_folder');
    } catch (e) {
      throw toApiError(e);
    }
  }

  async libraryVisible(): Promise<void> {
    await invoke('library_visible').catch(() => {});
  }

  async openLibraryFolder(): Promise<void> {
    try {
      await invoke('open_library_folder');
    } catch (e) {
      throw toApiError(e);
    }
  }

  onOpened(handler: (items: Opened[]) => void): void {
    const take = () =>
      invoke<Opened[]>('take_opened')
        .then((items) => items.length && handler(items))
        .catch(() => {});
    // The shell fires this event when it has something more; what came before the page
    // was listening (a launch with a file or a link) waits in its inbox.
    window.addEventListener('pizhu-opened', () => void take());
    void take();
  }

  async revealPath(path: string): Promise<void> {
    try {
      await invoke('reveal_path', { path });
    } catch (e) {
      throw toApiError(e);
    }
  }
}
