// Issue 14: deleting an article is one undoable step. Ctrl+Z brings the article and
// its highlights back (not an older, unrelated change), and every undo/redo toast
// says what it undid, in the interface's language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { LibraryPage } from '../pages/LibraryPage.mjs';
import { ARTICLE, PASSAGE, TITLE } from '../fixtures/article.mjs';

const UNRELATED_THEME = '撤销测试·无关主题';

let server, browser, app, library, articleId;

/** [start, end) of `needle` in `text`, in code points. */
function span(text, needle) {
  const at = text.indexOf(needle);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...needle].length];
}

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'machine-writing.txt', ARTICLE);
  const { text } = await server.api('getArticle', { id: articleId });
  const [start, end] = span(text, PASSAGE);
  await server.api('addHighlight', { articleId, start, end, note: '要紧的一句', themes: ['撤销测试·主题'] });
  // The earlier, unrelated change that Ctrl+Z used to undo instead.
  await server.api('addTheme', { name: UNRELATED_THEME });
  browser = await launchBrowser();
  app = new App(browser.page, server);
  library = new LibraryPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const themeNames = async () => (await server.api('listThemes')).map((t) => t.name);

test('an article deleted from the library comes back with its highlights on Ctrl+Z', async () => {
  const highlights = await server.api('listHighlights', { articleId });
  assert.equal(highlights.length, 1);
  await app.open('#/library');
  await library.article(TITLE).waitFor();
  await browser.page.getByRole('button', { name: `删除《${TITLE}》` }).click();
  await app.toast(`已删除《${TITLE}》`).waitFor();
  await library.article(TITLE).waitFor({ state: 'detached' });
  assert.ok(!(await server.api('listArticles')).some((a) => a.id === articleId));

  await browser.page.locator('main#main').focus();
  await browser.page.keyboard.press('Control+z');
  await app.toast(`已撤销：删除文章《${TITLE}》`).waitFor();
  await library.article(TITLE).waitFor();
  assert.equal((await server.api('getArticle', { id: articleId })).title, TITLE, 'the same id');
  assert.deepEqual(await server.api('listHighlights', { articleId }), highlights, 'its highlights, notes and themes');
  assert.ok((await themeNames()).includes(UNRELATED_THEME), 'the earlier change is not undone');

  await browser.page.keyboard.press('Control+Shift+z');
  await app.toast(`已重做：删除文章《${TITLE}》`).waitFor();
  await library.article(TITLE).waitFor({ state: 'detached' });
});

test('the toast offers the undo, and says what it undid in English too', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await browser.page.reload();
  await browser.page.locator('main#main').waitFor();
  await browser.page.keyboard.press('Control+z');
  await app.toast(`Undone: delete article “${TITLE}”`).waitFor();
  await library.article(TITLE).waitFor();
  // Delete again and undo from the toast's button.
  await browser.page.getByRole('button', { name: `Delete “${TITLE}”` }).click();
  await library.article(TITLE).waitFor({ state: 'detached' });
  await app.undoFromToast();
  await library.article(TITLE).waitFor();
  assert.equal((await server.api('listHighlights', { articleId })).length, 1);
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
