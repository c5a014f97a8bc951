// Start the real `pizhu serve` (built by cargo) on a fresh temporary library,
// with HOME and XDG folders in a temp dir so nothing touches the user's files.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const uiDir = resolve(import.meta.dirname, '..', '..');
export const PIZHU_BIN = process.env.PIZHU_BIN ?? resolve(uiDir, '..', 'target', 'debug', 'pizhu');

export async function startServer() {
  const root = mkdtempSync(join(tmpdir(), 'pizhu-e2e-'));
  const home = join(root, 'home');
  const library = join(root, 'library');
  for (const d of [home, library, join(home, '.config'), join(home, '.cache'), join(home, '.local', 'share')]) mkdirSync(d, { recursive: true });
  const child = spawn(PIZHU_BIN, ['--library', library, 'serve'], {
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      PIZHU_LIBRARY: library,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const firstLine = await new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`pizhu serve printed nothing in 60 s\n${stderr}`)), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      ok(line);
    });
    child.once('exit', (code) => fail(new Error(`pizhu serve exited with ${code} before printing its address\n${stderr}`)));
  });
  const url = new URL(firstLine);
  const token = url.searchParams.get('token');
  const origin = url.origin;

  /** Call an operation directly, as the UI would (setup and checks). */
  async function api(op, args = {}) {
    const res = await fetch(`${origin}/api/${op}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw Object.assign(new Error(`${op}: ${body?.code} ${body?.message}`), { code: body?.code });
    return body;
  }

  async function stop() {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    rmSync(root, { recursive: true, force: true });
  }

  return { url: firstLine, origin, token, library, root, api, stop };
}

/** Import a text file's contents through the API; returns the new article id. */
export async function importText(server, fileName, text) {
  const report = await server.api('importData', { fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });
  const id = report.imported[0]?.id ?? report.duplicates[0]?.id;
  if (!id) throw new Error(`import of ${fileName} failed: ${JSON.stringify(report)}`);
  return id;
}
