// The desktop and UI benchmark (issue 5). Prints one table:
//   desktop launch → library visible (warm), main-process RSS with the bundled library,
//   an article with 1,000 highlights drawn in Chromium, a search keystroke → results drawn
//   on a 5,000-article library.
// Each figure is shown with its target and, where one exists, as a ratio to a baseline
// measured in the same run (a bare Tauri window showing a static page; the same article
// with no highlights; an API round trip that does no work). Run through scripts/bench-ui.sh, which builds release binaries first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../../ui/e2e/support/browser.mjs';
import {
  PIZHU, Table, launchesBesideBareWindow, noopRoundTrips, openArticle, pct, scratch, searchKeystrokes, serve,
} from './support.mjs';

const ARTICLES = Number(process.env.PIZHU_BENCH_ARTICLES ?? 5000);
const { work, env } = scratch('pizhu-ui-bench-');
const table = new Table();
const row = (...a) => table.row(...a);

// ---- 1. The desktop app: launch to library visible, and its memory.
async function desktop() {
  const { runs, bare } = await launchesBesideBareWindow(join(work, 'desktop-library'), env, 5);
  const p50 = (xs, key) => pct(xs.map((r) => r[key]), 50);
  row('desktop launch → library visible (warm, p50 of 5; spawn to first paint)', p50(runs, 'wall'), 'ms', '≤ 1000 ms', p50(bare, 'wall'));
  row('  … of which in the app (main() to first paint)', p50(runs, 'inApp'), 'ms', '', p50(bare, 'inApp'));
  row('desktop main process RSS when the library is visible', p50(runs, 'rssAtVisible'), 'MB', '≤ 150 MB', p50(bare, 'rssAtVisible'));
  row('  … 3 s later, idle', p50(runs, 'settled'), 'MB', '≤ 150 MB', p50(bare, 'settled'));
  row('  (WebKit web and network processes, for context)', p50(runs, 'web'), 'MB', '', p50(bare, 'web'));
}

// ---- 2. An article with 1,000 highlights, drawn in Chromium.
async function article(browser) {
  const server = await serve(join(work, 'article-library'), env);
  try {
    const para = (i) => `第${i + 1}段：研究者在阅读与批注之间反复比较材料、提炼主题，人机共生的工作方式让检索更快，判断仍然属于人。`.repeat(4);
    const text = Array.from({ length: 200 }, (_, i) => para(i)).join('\n');
    const imp = async (name, t) => (await server.api('importData', { fileName: name, dataBase64: Buffer.from(t).toString('base64') })).imported[0].id;
    const plain = await imp('plain.txt', `无高亮\n${text}`);
    const busy = await imp('busy.txt', `一千处高亮\n${text}`);
    const length = [...(await server.api('getArticle', { id: busy })).text].length;
    for (let i = 0; i < 1000; i++) {
      const start = Math.floor((i * (length - 30)) / 1000);
      await server.api('addHighlight', { articleId: busy, start, end: start + 12 + (i % 9) });
    }
    const page = browser.page;
    await page.goto(server.url);
    const base = await openArticle(page, server.origin, plain);
    const full = await openArticle(page, server.origin, busy);
    row('open article with 1,000 highlights → drawn (Chromium, p50)', pct(full, 50), 'ms', '≤ 150 ms', pct(base, 50));
    row('  … worst of 6', Math.max(...full), 'ms', '≤ 150 ms');
  } finally {
    server.stop();
  }
}

// ---- 3. A search keystroke on a 5,000-article library.
async function search(browser) {
  const library = join(work, 'big-library');
  const files = join(work, 'articles');
  mkdirSync(files);
  // Seed the library (the bundled articles), then write ARTICLES new ones made by
  // shuffling their paragraphs, and import them in one CLI run.
  execFileSync(PIZHU, ['--library', library, 'list'], { env, stdio: 'ignore' });
  const bundled = JSON.parse(execFileSync(PIZHU, ['--library', library, 'list', '--json'], { env }).toString());
  const paras = bundled.flatMap((a) => JSON.parse(execFileSync(PIZHU, ['--library', library, 'show', String(a.id), '--json'], { env }).toString()).text.split('\n'));
  let seed = 42;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const names = [];
  for (let i = 0; i < ARTICLES; i++) {
    const body = Array.from({ length: 12 }, () => paras[rand(paras.length)]).join('\n\n');
    const name = join(files, `a${i}.txt`);
    writeFileSync(name, `合成文章 第${i}篇\n\n${body}\n\n（编号 ${i}）`);
    names.push(name);
  }
  for (let i = 0; i < names.length; i += 1000) execFileSync(PIZHU, ['--library', library, 'import', ...names.slice(i, i + 1000)], { env, stdio: 'ignore' });
  execFileSync(PIZHU, ['--library', library, 'reindex'], { env, stdio: 'ignore' });

  const server = await serve(library, env);
  try {
    const page = browser.page;
    await page.goto(server.url);
    await page.getByTestId('article-link').first().waitFor();
    // Baseline: a round trip to the API that does no work, from the same page.
    const np = await noopRoundTrips(page, 30);
    const words = ['影视', '人工智能', '灵韵', '文生视频', 'Sora', '门槛', '创作', '爷叔', '模拟器', '版权', '技术 革命', '"世界模拟器"', '虚拟', '观众', '效率'];
    const times = await searchKeystrokes(page, words, 3);
    row(`search keystroke → results drawn, ${ARTICLES + 7} articles (p50)`, pct(times, 50), 'ms', '≤ 100 ms', pct(np, 50));
    row('  … p95', pct(times, 95), 'ms', '≤ 100 ms');
  } finally {
    server.stop();
  }
}

try {
  await desktop();
  const browser = await launchBrowser();
  try {
    await article(browser);
    await search(browser);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.print('Pizhu UI benchmark');
