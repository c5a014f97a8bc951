import { invoke } from '@tauri-apps/api/core';
import { toApiError, type Transport } from './api';

export class TauriTransport implements Transport {
  readonly kind = 'tauri' as const;

  async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    try {
      return await invoke<T>('api_call', { op, args });
    } catch (e) {
      throw toApiError(e);
    }
  }
}
