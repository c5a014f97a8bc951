import { ApiError, type Transport } from './api';

const TOKEN_KEY = 'pizhu.token';

/** Take `?token=` from the address once, keep it for this tab, and clean the address bar. */
export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export class HttpTransport implements Transport {
  readonly kind = 'http' as const;
  constructor(private readonly token: string | null) {}

  async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(op)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token ?? ''}` },
        body: JSON.stringify(args),
      });
    } catch (e) {
      throw new ApiError('offline', `cannot reach pizhu serve: ${e instanceof Error ? e.message : e}`);
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new ApiError(body?.code ?? `http_${response.status}`, body?.message ?? response.statusText);
    }
    return body as T;
  }
}
