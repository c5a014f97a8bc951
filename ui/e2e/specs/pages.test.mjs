// Paged sources in the reader: an EPUB built from a seed text with a page
// list shows its printed page labels in the margin (a page that begins
// mid-paragraph is marked at its place), the marks add nothing to the text
// or its offsets, and "go to page" jumps to a page by its label.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { seedBook } from '../support/epub.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

let server, browser, app, reader, articleId, article, book;

before(async () => {
  server = await startServer();
  book = seedBook();
  const report = await server.api('importData', { fileName: 'book.epub', dataBase64: book.bytes.toString('base64') });
  articleId = report.imported[0]?.id;
  assert.ok(articleId, JSON.stringify(report));
  article = await server.api('getArticle', { id: articleId });
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The page marks as drawn: label, offset, whether at a paragraph start, paragraph number. */
async function drawnMarks() {
  return browser.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="reader-text"] .page-mark')].map((m) => ({
      label: m.dataset.page,
      start: Number(m.dataset.start),
      atStart: m.classList.contains('at-start'),
      para: Number(m.closest('.para').dataset.n),
      aria: m.getAttribute('aria-label'),
    })),
  );
}

test('an EPUB with a page list shows its page labels where the pages begin', async () => {
  assert.equal(article.format, 'epub');
  assert.deepEqual(article.pages.map((p) => p.label), book.pages.map((p) => p.label));
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  const marks = await drawnMarks();
  assert.deepEqual(marks.map((m) => m.label), book.pages.map((p) => p.label));
  assert.deepEqual(marks.map((m) => m.start), article.pages.map((p) => p.start));
  // Each mark sits in the paragraph the book put it in, mid-paragraph ones too.
  assert.deepEqual(marks.map((m) => m.para), book.pages.map((p) => p.paragraph + 1));
  assert.deepEqual(marks.map((m) => !m.atStart), book.pages.map((p) => p.mid > 0));
  assert.equal(marks[0].aria, '第 101 页从这里开始');

  // The marks add nothing to the text.
  const drawn = await browser.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="reader-text"] .para')].map((p) => p.textContent).join('\n'),
  );
  assert.equal(drawn, article.text);

  const mid = marks.find((m) => !m.atStart);
  await browser.page.locator(`.page-mark[data-page="${mid.label}"]`).scrollIntoViewIfNeeded();
  await browser.page.evaluate((l) => document.querySelector(`.page-mark[data-page="${l}"]`).scrollIntoView({ block: 'center' }), mid.label);
  await browser.screenshot('reader-pages');
});

test('a passage selected across a page mark keeps its offsets and gets both pages', async () => {
  const mid = (await drawnMarks()).find((m) => !m.atStart);
  const box = await browser.page.evaluate((label) => {
    const mark = document.querySelector(`.page-mark[data-page="${label}"]`);
    const before = mark.previousElementSibling.firstChild;
    const after = mark.nextElementSibling.firstChild;
    const r1 = document.createRange();
    r1.setStart(before, before.data.length - 3);
    r1.setEnd(before, before.data.length - 2);
    const r2 = document.createRange();
    r2.setStart(after, 2);
    r2.setEnd(after, 3);
    const a = r1.getBoundingClientRect();
    const b = r2.getBoundingClientRect();
    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
  }, mid.label);
  await browser.page.mouse.move(box.x1, box.y1);
  await browser.page.mouse.down();
  await browser.page.mouse.move(box.x2, box.y2, { steps: 8 });
  await browser.page.mouse.up();
  await reader.toolbar.waitFor();
  assert.equal(await reader.selectedText(), [...article.text].slice(mid.start - 3, mid.start + 3).join(''));
  await reader.openThemesAndNote();
  await reader.saveHighlight();
  const [h] = await server.api('listHighlights', { articleId });
  assert.equal(h.start, mid.start - 3);
  assert.equal(h.end, mid.start + 3);
  assert.equal(h.exact, [...article.text].slice(mid.start - 3, mid.start + 3).join(''));
  const labels = book.pages.map((p) => p.label);
  assert.deepEqual([h.pageStart, h.pageEnd], [labels[labels.indexOf(mid.label) - 1], mid.label]);
});

test('go to page jumps to a page by its printed label', async () => {
  const target = book.pages[book.pages.length - 2];
  const input = browser.page.locator('#page-input');
  await input.fill(target.label);
  await input.press('Enter');
  const para = browser.page.locator(`#p${target.paragraph + 1}`);
  await browser.page.waitForFunction((id) => {
    const p = document.getElementById(id);
    const view = document.querySelector('.reader-scroll').getBoundingClientRect();
    const r = p.getBoundingClientRect();
    return r.top >= view.top && r.bottom <= view.bottom;
  }, `p${target.paragraph + 1}`);
  assert.ok(await para.evaluate((p) => p.classList.contains('flash')));
  await browser.screenshot('reader-go-to-page');

  await input.fill('999');
  await input.press('Enter');
  await app.toast('本文没有第“999”页').waitFor();
});

test('the page controls and marks speak English too', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await browser.page.reload();
  await reader.waitDrawn();
  await browser.page.getByLabel('Page', { exact: true }).waitFor();
  const marks = await drawnMarks();
  assert.equal(marks[0].aria, 'Page 101 begins here');
  await browser.page.evaluate((l) => document.querySelector(`.page-mark[data-page="${l}"]`).scrollIntoView({ block: 'center' }), marks.find((m) => !m.atStart).label);
  await browser.screenshot('reader-pages-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});

test('the library re-imports a book from its original, and the toast undoes it', async () => {
  // An older extraction stands in: the text edited by hand, a highlight on it.
  const oldText = article.text.replace(book.paragraphs[2], `${book.paragraphs[2]}\n12`);
  await server.api('editArticleText', { id: articleId, text: oldText });
  await app.goto('#/library');
  await browser.page.reload(); // the previous test switched the language back through the API
  await browser.page.locator('main#main').waitFor();
  const button = browser.page.getByRole('button', { name: `从原文件重新导入《${book.title}》` });
  await browser.screenshot('library-reimport');
  await button.click();
  await app.toast(`已重新导入《${book.title}》`).waitFor();
  const fresh = await server.api('getArticle', { id: articleId });
  assert.equal(fresh.text, article.text);
  assert.deepEqual(fresh.pages, article.pages);
  await app.undoFromToast();
  for (let i = 0; i < 20 && (await server.api('getArticle', { id: articleId })).text !== oldText; i++) await browser.page.waitForTimeout(200);
  assert.equal((await server.api('getArticle', { id: articleId })).text, oldText);
});
