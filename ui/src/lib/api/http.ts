import { ApiError, type Transport } from './api';

const TOKEN_KEY = 'pizhu.token';

/**
 * The API token for this tab. `pizhu serve` prints an address with `?token=`;
 * `serve --open` gives the browser a single-use `?code=` instead, traded here for
 * the token. Either is taken out of the address bar and kept for this tab only.
 */
export async function takeTokenFromUrl(): Promise<string | null> {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  const code = url.searchParams.get('code');
  if (token || code) {
    url.searchParams.delete('token');
    url.searchParams.delete('code');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  const got = token ?? (code ? await exchangeCode(code) : null);
  if (got) sessionStorage.setItem(TOKEN_KEY, got);
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A used-up or expired code yields null: the page then says how to get in. */
async function exchangeCode(code: string): Promise<string | null> {
  try {
    const response = await fetch('/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : null;
  } catch {
    return null;
  }
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
      throw new ApiError(body?.code ?? `http_${response.status}`, body?.message ?? response.statusText, body?.kind, body?.params);
    }
    return body as T;
  }
}
