// The analysis views finished (#15): the matrix rolls sub-themes up and shows
// totals; suggestions can be undone, and dismissed ones are listed and restored;
// the concordance opened from the reader leads back to the same reading position.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { AnalysisPage } from '../pages/AnalysisPage.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

// 产业变革 has the sub-theme 制作效率 in the bundled code book.
const PARENT = '产业变革';
const CHILD = '制作效率';
const OTHER = '灵韵';
const SUGGEST_FOR = '灵韵';

let server, browser, app, analysis, article;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  analysis = new AnalysisPage(browser.page);
  const summaries = await server.api('listArticles');
  article = await server.api('getArticle', { id: summaries[0].id });
  // Three passages: parent and child together, the child alone, another theme.
  await server.api('addHighlight', { articleId: article.id, start: 0, end: 6, themes: [PARENT, CHILD] });
  await server.api('addHighlight', { articleId: article.id, start: 10, end: 16, themes: [CHILD] });
  await server.api('addHighlight', { articleId: article.id, start: 20, end: 26, themes: [OTHER] });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (locator) => (await locator.innerText()).trim();

/** Close every toast, so the next one's undo button is the only one. */
async function closeToasts() {
  for (const close of await browser.page.locator('.toast .toast-close').all()) await close.click({ timeout: 1000 }).catch(() => {});
  await browser.page.locator('.toast').first().waitFor({ state: 'detached', timeout: 2000 }).catch(() => {});
}

test('the matrix rolls sub-themes into their parent on request and shows totals', async () => {
  await app.open('#/analysis');
  const parentCell = analysis.matrixCell(PARENT, article.title);
  // Rolled up (the default): the passage with parent and child counts once, the child's own passage too.
  assert.equal(await text(parentCell), '2');
  assert.equal(await text(analysis.matrixCell(CHILD, article.title)), '2');
  assert.equal(await text(analysis.rowTotal(PARENT)), '2');
  assert.equal(await text(analysis.columnTotal(0)), '3', 'three passages, however many themes they carry');
  assert.equal(await text(analysis.grandTotal), '3');
  await browser.screenshot('analysis-matrix-rolled-up');

  // The passages behind the rolled-up number are the same two.
  await parentCell.click();
  // The list arrives with the cell's answer: wait for it, then count.
  await analysis.cellPassages.getByTestId('cell-passage').first().waitFor();
  assert.equal(await analysis.cellPassages.getByTestId('cell-passage').count(), 2);

  await analysis.subThemesSwitch.uncheck();
  await browser.page.waitForFunction(() => {
    const row = [...document.querySelectorAll('[data-testid="theme-matrix"] tbody tr')].find((r) => r.querySelector('th')?.textContent?.includes('产业变革'));
    return row?.querySelector('[data-testid="row-total"]')?.textContent?.trim() === '1';
  });
  assert.equal(await text(analysis.matrixCell(PARENT, article.title)), '1');
  assert.equal(await text(analysis.columnTotal(0)), '3');
  await analysis.subThemesSwitch.check();
  await analysis.matrixCell(PARENT, article.title).filter({ hasText: '2' }).waitFor();

  // In English too.
  await server.api('setSetting', { key: 'language', value: 'en' });
  await browser.page.reload();
  await analysis.matrix.waitFor();
  await browser.page.getByText('Include sub-themes').waitFor();
  await browser.page.getByRole('columnheader', { name: 'Total' }).waitFor();
  await browser.screenshot('analysis-matrix-rolled-up-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
  await browser.page.reload();
  await analysis.matrix.waitFor();
});

test('co-occurrence rolls sub-themes up too, with the same switch', async () => {
  await app.open('#/analysis');
  await analysis.tab('cooccurrence');
  // Rolled up: the child's own passage also meets the parent.
  const cell = () => analysis.pairCell(PARENT, CHILD);
  await cell().waitFor();
  assert.match(await cell().getAttribute('aria-label'), /：2 处/);
  const toggle = browser.page.getByTestId('cooccurrence-sub-themes');
  assert.equal(await toggle.isChecked(), true, 'on by default, as the matrix');
  await toggle.uncheck();
  await browser.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="cooccurrence-matrix"] [data-testid="pair-cell"]')]
    .some((c) => /^产业变革 与 制作效率：1 处/.test(c.getAttribute('aria-label') ?? '')));
  await browser.screenshot('cooccurrence-sub-themes-off');
  await toggle.check();
});

test('a dismissed suggestion comes back by undo, is listed, and can be restored', async () => {
  await analysis.suggestFor(SUGGEST_FOR);
  await analysis.suggestions.first().waitFor();
  const first = await text(analysis.suggestions.first().locator('.passage-text'));
  await analysis.suggestions.first().getByTestId('dismiss-suggestion').click();
  await analysis.suggestions.filter({ hasText: first }).waitFor({ state: 'detached' });
  await app.toast('已忽略').waitFor();
  await app.undoFromToast();
  await analysis.suggestions.filter({ hasText: first }).waitFor();
  await app.toast('已撤销').waitFor();

  // Dismissed again: it leaves the suggestions for the "dismissed" list, and is restored from there.
  await analysis.suggestions.filter({ hasText: first }).getByTestId('dismiss-suggestion').click();
  await analysis.suggestions.filter({ hasText: first }).waitFor({ state: 'detached' });
  await analysis.dismissedList.locator('summary').click();
  const listed = analysis.dismissed.filter({ hasText: first });
  await listed.waitFor();
  assert.equal(await analysis.dismissed.count(), 1);
  await analysis.dismissedList.scrollIntoViewIfNeeded();
  await browser.screenshot('analysis-dismissed');
  await listed.getByTestId('restore-suggestion').click();
  await analysis.suggestions.filter({ hasText: first }).waitFor();
  await analysis.dismissedList.waitFor({ state: 'detached' });
});

test('an accepted suggestion is undone from its toast: the highlight is gone', async () => {
  await closeToasts();
  const before = (await server.api('listHighlights', {})).length;
  const accepted = await text(analysis.suggestions.first().locator('.passage-text'));
  await analysis.suggestions.first().getByTestId('accept-suggestion').click();
  await app.toast('已加入').waitFor();
  assert.equal((await server.api('listHighlights', {})).length, before + 1);
  await analysis.suggestions.filter({ hasText: accepted }).waitFor({ state: 'detached' });
  await app.undoFromToast();
  await analysis.suggestions.filter({ hasText: accepted }).waitFor();
  assert.equal((await server.api('listHighlights', {})).length, before);
});

test('the concordance opened from the reader returns to the same reading position', async () => {
  const reader = new ReaderPage(browser.page);
  await app.goto(`#/article/${article.id}`);
  await reader.waitDrawn();
  // Read on a way, then look up a phrase found only far down the article.
  const scroller = browser.page.locator('.reader-scroll');
  const phrase = uniquePhrase(article.text, 0.7);
  await reader.selectWithMouse(phrase);
  const top = await scroller.evaluate((el) => el.scrollTop);
  assert.ok(top > 200, `scrolled down (${top})`);
  await reader.toolbar.getByTestId('toolbar-kwic').click();
  await analysis.kwicCount.waitFor();
  assert.equal(await browser.page.getByTestId('kwic-input').inputValue(), phrase);
  await analysis.backToArticle.waitFor();
  await closeToasts();
  await browser.screenshot('analysis-kwic-from-reader');

  // Escape goes back: same article, same place.
  await browser.page.keyboard.press('Escape');
  await reader.waitDrawn();
  assert.ok(browser.page.url().includes(`#/article/${article.id}`));
  await browser.page.waitForFunction((want) => Math.abs(document.querySelector('.reader-scroll').scrollTop - want) < 40, top);

  // And so does the back link.
  await reader.selectWithMouse(phrase);
  await reader.toolbar.getByTestId('toolbar-kwic').click();
  await analysis.backToArticle.click();
  await reader.waitDrawn();
  await browser.page.waitForFunction((want) => Math.abs(document.querySelector('.reader-scroll').scrollTop - want) < 40, top);
});

/** Four characters of `text` from about `at` of the way in, found nowhere else. */
function uniquePhrase(text, at) {
  for (let i = Math.floor(text.length * at); i < text.length - 4; i++) {
    const p = text.slice(i, i + 4);
    if (/^[\u4e00-\u9fff]{4}$/.test(p) && text.indexOf(p) === i && text.lastIndexOf(p) === i) return p;
  }
  throw new Error('no unique phrase');
}

test('no errors reached the console', () => {
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
