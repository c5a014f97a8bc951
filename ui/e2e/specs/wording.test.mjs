// Issue 15, "Language and wording": what the core reports (import errors and notes,
// duplicates) is shown in the interface's language, never the core's English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { LibraryPage } from '../pages/LibraryPage.mjs';
import { SearchOverlay } from '../pages/SearchOverlay.mjs';

let server, browser, app, library;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  library = new LibraryPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// Three Latin words in a row: an English phrase (file names and ".txt、.md" are not).
const ENGLISH = /[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,}){2,}/;
const JUNKY = '复制测试\n\n1 S. I$ y; E7 M# ^2 x 这是一段被论坛防复制乱码污染的正文，导入时应当清理干净。\n\nK 7b Rx 0 q3 W 第二段正文也带着乱码。';

test('import failures, notes and duplicates are worded in Chinese, duplicates by title', async () => {
  const files = {
    'broken.docx': 'this is not a zip archive',
    'notes.xyz': 'plain words',
    'junk.txt': JUNKY,
  };
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(server.root, name);
    writeFileSync(path, text);
    return path;
  });
  await app.open('#/library');
  await library.importFiles(paths);
  await library.report.locator('.failures').waitFor();
  // The same article again, under another file name: a duplicate, named by its title.
  const again = join(server.root, 'again.txt');
  writeFileSync(again, JUNKY);
  await library.importFiles([again]);
  await library.report.getByTestId('import-duplicates').waitFor();
  assert.match(await library.report.getByTestId('import-duplicates').innerText(), /复制测试/);
  assert.ok(!(await library.report.innerText()).includes('again.txt'), 'the title, not the file');

  await library.importFiles(paths);
  await library.report.locator('.failures').waitFor();
  await library.report.locator('details summary').click();
  const shown = await library.report.innerText();
  assert.match(shown, /不支持“\.xyz”类型的文件/);
  assert.match(shown, /文件已损坏/);
  assert.match(shown, /已从 2 行中删除防复制乱码/);
  assert.doesNotMatch(shown, ENGLISH, shown);
  await browser.screenshot('import-report-zh');

  await app.goto('#/settings');
  await browser.page.getByTestId('language-select').selectOption('en');
  await app.goto('#/library');
  await library.importFiles(paths);
  await library.report.locator('.failures').waitFor();
  await library.report.locator('details summary').click();
  const english = await library.report.innerText();
  assert.match(english, /Files of type “\.xyz” are not supported/);
  assert.match(english, /Removed anti-copy junk from 2 lines/);
  await browser.screenshot('import-report-en');
  await app.goto('#/settings');
  await browser.page.getByTestId('language-select').selectOption('zh-CN');
});

test('a highlighted passage found by search is badged as a passage (段落), not as a note', async () => {
  const [article] = (await server.api('listArticles')).filter((a) => a.title === '复制测试');
  await server.api('addHighlight', { articleId: article.id, start: 0, end: 4, note: '独一无二的批注词' });
  await app.goto('#/library');
  const search = new SearchOverlay(browser.page);
  await search.openWithShortcut();
  await search.type('独一无二的批注词');
  const badge = search.hits.getByTestId('passage-badge').first();
  await badge.waitFor();
  assert.equal(await badge.innerText(), '段落');
  await browser.screenshot('search-passage-badge-zh');
});

// WCAG "label in name": a control whose accessible name differs from its visible words
// cannot be spoken to by voice control; the name must contain what the eye reads.
test('every labelled control\'s accessible name contains its visible label', async () => {
  const [article] = (await server.api('listArticles')).filter((a) => a.title === '复制测试');
  const mismatches = [];
  for (const hash of ['#/library', `#/article/${article.id}`, '#/settings', '#/review']) {
    await app.goto(hash);
    await browser.page.locator('main').first().waitFor();
    await browser.page.waitForTimeout(300);
    mismatches.push(...(await browser.page.evaluate((where) => {
      const out = [];
      for (const el of document.querySelectorAll('button[aria-label], a[aria-label], [role="button"][aria-label]')) {
        const visible = el.innerText.trim();
        // Symbols (×, ↶, A+) carry no words to match.
        if (!/[\p{L}]{2,}/u.test(visible)) continue;
        if (!el.getAttribute('aria-label').includes(visible)) out.push(`${where}: "${visible}" named "${el.getAttribute('aria-label')}"`);
      }
      return out;
    }, hash)));
  }
  assert.deepEqual(mismatches, []);
});
