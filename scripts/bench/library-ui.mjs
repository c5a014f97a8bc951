// The UI half of the 10,000-paper benchmark (issue 17), run by scripts/bench-library.sh
// on the library the Rust half built and kept:
//   node scripts/bench/library-ui.mjs LIBRARY_DIR
// In Chromium against a release `pizhu serve` on that library: opening the library list,
// a search keystroke to results drawn, opening a ~20,000-character paper with 200
// highlights; then the server's memory, and the desktop main process's memory on the
// same library beside a bare Tauri window. Every figure is printed beside its target and
// a baseline from this run.
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../../ui/e2e/support/browser.mjs';
import {
  ROOT, Table, launchesBesideBareWindow, loadAverage, noopRoundTrips, openArticle, openLibrary, pct, procMb,
  scratch, searchKeystrokes, serve,
} from './support.mjs';

const library = resolve(process.argv[2] ?? '');
const { work, env } = scratch('pizhu-library-ui-');
const table = new Table();

async function inChromium(browser) {
  const server = await serve(library, env);
  // The baseline library: the bundled articles alone, the same build and page.
  const small = await serve(join(work, 'bundled'), env);
  try {
    const articles = await server.api('listArticles');
    const page = browser.page;

    // The library list.
    await page.goto(small.url);
    const smallOpen = await openLibrary(page, small.origin);
    await page.goto(server.url);
    const bigOpen = await openLibrary(page, server.origin);
    table.row(`open the library list, ${articles.length} articles (Chromium, p50 of 6)`, pct(bigOpen, 50), 'ms', '≤ 300 ms', pct(smallOpen, 50));
    table.row('  … worst of 6 (baseline: the 7 bundled articles)', Math.max(...bigOpen), 'ms', '≤ 300 ms', Math.max(...smallOpen));

    // Search keystrokes.
    const np = await noopRoundTrips(page, 30);
    const words = ['影视', '人工智能', '灵韵', '文生视频', 'Sora', '门槛', '创作', '合成论文', '模拟器', '版权', '技术 革命', '"世界模拟器"', '虚拟', '观众', '效率'];
    const times = await searchKeystrokes(page, words, 3);
    table.row('search keystroke → results drawn (p50; baseline: an API round trip doing nothing)', pct(times, 50), 'ms', '≤ 100 ms', pct(np, 50));
    table.row('  … p95', pct(times, 95), 'ms', '≤ 100 ms');

    // A ~20,000-character paper with 200 highlights, beside one of about the same length.
    const lengths = articles.map((a) => ({ id: a.id, chars: a.length, highlights: a.highlightCount }));
    lengths.sort((a, b) => Math.abs(a.chars - 20_000) - Math.abs(b.chars - 20_000));
    const [busy, plain] = lengths;
    for (let i = busy.highlights; i < 200; i++) {
      const start = Math.floor((i * (busy.chars - 60)) / 200);
      await server.api('addHighlight', { articleId: busy.id, start, end: start + 15 + (i % 30) });
    }
    const base = await openArticle(page, server.origin, plain.id);
    const full = await openArticle(page, server.origin, busy.id);
    table.row(`open a ${busy.chars}-character paper with 200 highlights → drawn (p50; baseline: ${plain.chars} characters, ${plain.highlights} highlights)`, pct(full, 50), 'ms', '≤ 150 ms', pct(base, 50));
    table.row('  … worst of 6', Math.max(...full), 'ms', '≤ 150 ms', Math.max(...base));

    // Suggested passages for a theme: the whole library is read, so the tab shows how far
    // it has got meanwhile (screenshot of that line), then the sentences.
    const suggestTimes = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}#/library`);
      const t0 = Date.now();
      await page.evaluate(() => (location.hash = '#/analysis?tab=suggestions'));
      if (i === 0) {
        await page.waitForSelector('[data-testid="suggest-progress"]', { timeout: 60_000 });
        await page.screenshot({ path: join(ROOT, '.bench', 'suggest-progress.png') });
      }
      await page.waitForSelector('[data-testid="suggestion"]', { timeout: 120_000 });
      suggestTimes.push(Date.now() - t0);
    }
    table.row('suggestions tab → suggested sentences drawn (p50 of 3; progress shown meanwhile)', pct(suggestTimes, 50), 'ms', '≤ 2,000 ms');

    table.row(`pizhu serve memory after all of the above (RSS; baseline: serve on the 7 bundled articles)`, procMb(server.pid, 'VmRSS'), 'MB', '≤ 300 MB', procMb(small.pid, 'VmRSS'));
    table.row('  … its peak (VmHWM)', procMb(server.pid, 'VmHWM'), 'MB', '≤ 300 MB', procMb(small.pid, 'VmHWM'));
  } finally {
    server.stop();
    small.stop();
  }
}

async function desktop() {
  // A copy, so the desktop's own writes (window state, reading positions) stay out of the kept library.
  const copy = join(work, 'desktop-library');
  cpSync(library, copy, { recursive: true });
  const { runs, bare } = await launchesBesideBareWindow(copy, env, 3);
  const p50 = (xs, key) => pct(xs.map((r) => r[key]), 50);
  table.row('desktop launch → library visible (p50 of 3)', p50(runs, 'wall'), 'ms', '', p50(bare, 'wall'));
  table.row('desktop main process RSS, 3 s after the library is visible (baseline: a bare Tauri window)', p50(runs, 'settled'), 'MB', 'report', p50(bare, 'settled'));
}

const load = loadAverage();
try {
  const browser = await launchBrowser();
  try {
    await inChromium(browser);
  } finally {
    await browser.close();
  }
  // PIZHU_BENCH_NO_DESKTOP=1: the browser half only (the desktop needs its own release build).
  if (!process.env.PIZHU_BENCH_NO_DESKTOP) await desktop();
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.print(`Pizhu library UI benchmark, ${library.split("/").pop()} (load average at start ${load}, at end ${loadAverage()})`);
