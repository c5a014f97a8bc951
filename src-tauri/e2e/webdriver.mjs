// A minimal W3C WebDriver client over fetch, enough to drive the desktop app through
// tauri-driver (which forwards to WebKitWebDriver). No dependencies.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecc';
const elementId = (e) => e[ELEMENT] ?? e.ELEMENT ?? Object.values(e)[0];

export async function startDriver(port = 4444) {
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) return { base, stop: () => { try { process.kill(-driver.pid, 'SIGTERM'); } catch {} } };
    } catch {}
    await sleep(100);
  }
  try { process.kill(-driver.pid, 'SIGKILL'); } catch {}
  throw new Error('tauri-driver did not start');
}

async function call(base, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** Start `application` (with command-line `args`) and open a WebDriver session on its window. */
export async function newSession(base, application, args = []) {
  const value = await call(base, 'POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application, args } } },
  });
  const id = value.sessionId;
  const s = (m, p, b) => call(base, m, `/session/${id}${p}`, b);
  const session = {
    id,
    /** Run a script in the page; `args` are passed as `arguments`. */
    exec: (script, args = []) => s('POST', '/execute/sync', { script, args }),
    /** Run an async script: the last argument is the callback. */
    execAsync: (script, args = []) => s('POST', '/execute/async', { script, args }),
    find: async (css) => elementId(await s('POST', '/element', { using: 'css selector', value: css })),
    findAll: async (css) => (await s('POST', '/elements', { using: 'css selector', value: css })).map(elementId),
    click: (el) => s('POST', `/element/${el}/click`, {}),
    text: (el) => s('GET', `/element/${el}/text`),
    type: (el, text) => s('POST', `/element/${el}/value`, { text }),
    screenshot: async () => Buffer.from(await s('GET', '/screenshot'), 'base64'),
    close: () => call(base, 'DELETE', `/session/${id}`).catch(() => {}),
    /** Poll `fn` until it returns a truthy value or the time runs out. */
    async waitFor(fn, what, ms = 15000) {
      const end = Date.now() + ms;
      let last;
      while (Date.now() < end) {
        try {
          last = await fn();
          if (last) return last;
        } catch (e) {
          last = e;
        }
        await sleep(150);
      }
      throw new Error(`timed out waiting for ${what} (last: ${last})`);
    },
  };
  return session;
}
