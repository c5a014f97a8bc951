// What the UI benchmarks share: a scratch home, release binaries, a `pizhu serve` to
// drive from Chromium, the desktop launch probe, and one table of figures, each beside
// its target and, where one exists, its baseline from the same run.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PIZHU = join(ROOT, 'target/release/pizhu');
export const DESKTOP = join(ROOT, 'target/release/pizhu-desktop');
export const BARE_WINDOW = join(ROOT, 'target/release/bare-window'); // the baseline: Tauri + a static page

/** A scratch folder with its own HOME and XDG folders, so nothing touches the real ones. */
export function scratch(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    ...process.env,
    HOME: join(work, 'home'),
    XDG_DATA_HOME: join(work, 'home/data'),
    XDG_CONFIG_HOME: join(work, 'home/config'),
    XDG_CACHE_HOME: join(work, 'home/cache'),
  };
  mkdirSync(env.HOME, { recursive: true });
  return { work, env };
}

export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Reads one field of /proc/PID/status in MB (VmRSS: now, VmHWM: the peak). */
export const procMb = (pid, key = 'VmRSS') =>
  Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
export const rssMb = (pid) => procMb(pid, 'VmRSS');

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The table the benchmark prints at the end. */
export class Table {
  rows = [];
  row(what, value, unit, target, baseline) {
    this.rows.push({
      what,
      value: `${value.toFixed(1)} ${unit}`,
      target,
      ratio: baseline ? `${(value / baseline).toFixed(2)}× baseline (${baseline.toFixed(1)} ${unit})` : '',
    });
  }
  print(title) {
    const w = Math.max(...this.rows.map((r) => r.what.length));
    console.log(`\n${title}\n`);
    for (const r of this.rows) console.log(`${r.what.padEnd(w)}  ${r.value.padStart(10)}   target ${r.target.padEnd(10)} ${r.ratio}`);
  }
}

const childPids = (pid) => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/**
 * One desktop launch, started as a user would (no WebDriver) with PIZHU_LAUNCH_PROBE
 * set: the page tells the shell when the library list is first drawn, and the shell
 * prints one JSON line. Wall time runs from spawn() to that line, so it includes exec,
 * linking, GTK and WebKit start-up, the page load and the first paint.
 */
export async function launchOnce(bin, library, env) {
  const t0 = performance.now();
  const child = spawn(bin, [], {
    env: { ...env, PIZHU_LIBRARY: library, PIZHU_LAUNCH_PROBE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const report = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the desktop app did not show its library in 120 s')), 120_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{"libraryVisibleMs"')) return;
      clearTimeout(timer);
      ok(JSON.parse(line));
    });
    child.once('exit', (code) => fail(new Error(`the desktop app exited with ${code} before its library was visible`)));
  });
  const wall = performance.now() - t0;
  await sleep(3000); // idle: whatever loads lazily after the first paint has loaded
  const settled = rssMb(child.pid);
  const web = childPids(child.pid).reduce((sum, pid) => sum + rssMb(pid), 0);
  child.kill('SIGTERM');
  await exited;
  return { wall, inApp: report.libraryVisibleMs, rssAtVisible: report.rssKb / 1024, settled, web };
}

/**
 * The desktop app and the bare Tauri window launched alternately on `library`, so both
 * see the same machine: one cold launch each (the first fills a new library and builds
 * its index, and warms WebKit's caches), then `times` warm ones each.
 */
export async function launchesBesideBareWindow(library, env, times) {
  await launchOnce(DESKTOP, library, env);
  await launchOnce(BARE_WINDOW, library, env);
  const runs = [];
  const bare = [];
  for (let i = 0; i < times; i++) {
    runs.push(await launchOnce(DESKTOP, library, env));
    bare.push(await launchOnce(BARE_WINDOW, library, env));
  }
  return { runs, bare };
}

/** A release `pizhu serve` on a library, with a typed-enough client for its API. */
export async function serve(library, env) {
  const child = spawn(PIZHU, ['--library', library, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((ok) => createInterface({ input: child.stdout }).once('line', ok));
  const url = new URL(line);
  const token = url.searchParams.get('token');
  const api = async (op, args = {}) => {
    const r = await fetch(`${url.origin}/api/${op}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = await r.json();
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(body)}`);
    return body;
  };
  return { url: line, origin: url.origin, api, pid: child.pid, stop: () => child.kill('SIGINT') };
}

/** Every duration the page recorded under a timing name (see ui/src/lib/perf.ts). */
export async function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}

/** API round trips that do no work, from the page: the baseline of UI timings. */
export async function noopRoundTrips(page, n) {
  const times = await page.evaluate(async (n) => {
    const token = sessionStorage.getItem('pizhu.token') ?? new URLSearchParams(location.search).get('token');
    const out = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fetch('/api/listOperations', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
      out.push(performance.now() - t0);
    }
    return out;
  }, n);
  return times.slice(5); // the first warm up the connection
}

/** Types words into the search box; returns each keystroke-to-results-drawn time. */
export async function searchKeystrokes(page, words, rounds) {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await input.waitFor();
  const times = [];
  for (let round = 0; round < rounds; round++) {
    for (const w of words) {
      const before = (await measures(page, 'pizhu:search')).length;
      await input.fill('');
      await input.fill(w);
      await page.waitForFunction((b) => performance.getEntriesByName('pizhu:search', 'measure').length > b, before);
      times.push((await measures(page, 'pizhu:search')).at(-1));
    }
  }
  return times;
}

/** Opens an article `times` times from the library; the time to its text and highlights drawn. */
export async function openArticle(page, origin, id, times = 8) {
  const out = [];
  for (let i = 0; i < times; i++) {
    await page.goto(`${origin}/#/library`);
    await page.getByTestId('article-link').first().waitFor();
    await page.evaluate((id) => (location.hash = `#/article/${id}`), id);
    await page.locator('[data-testid="reader-text"][data-drawn="true"]').waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('pizhu:article', 'measure').length > 0);
    out.push((await measures(page, 'pizhu:article')).at(-1));
  }
  return out.slice(2); // the first loads warm up the JIT and caches
}

/** Opens the library list `times` times (from another view); the time to the list drawn. */
export async function openLibrary(page, origin, times = 8) {
  const out = [];
  await page.goto(`${origin}/#/library`);
  await page.getByTestId('article-link').first().waitFor({ timeout: 120_000 });
  for (let i = 0; i < times; i++) {
    await page.evaluate(() => (location.hash = '#/themes'));
    await page.waitForFunction(() => !document.querySelector('[data-testid="article-link"]'));
    const before = (await measures(page, 'pizhu:library')).length;
    await page.evaluate(() => (location.hash = '#/library'));
    await page.waitForFunction((b) => performance.getEntriesByName('pizhu:library', 'measure').length > b, before, { timeout: 120_000 });
    out.push((await measures(page, 'pizhu:library')).at(-1));
  }
  return out.slice(2);
}
