// Issue 15, "the articles themselves": the article memo with a Markdown preview,
// correcting the article's text in the reader (highlights re-anchor, orphans go
// to the review list, one undo step), and pasting text as a new article.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { ARTICLE, PASSAGE } from '../fixtures/article.mjs';

let server, browser, app, reader, page, articleId;

function span(text, needle) {
  const at = text.indexOf(needle);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...needle].length];
}

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'memo-and-text.txt', ARTICLE);
  const { text } = await server.api('getArticle', { id: articleId });
  const [start, end] = span(text, PASSAGE);
  await server.api('addHighlight', { articleId, start, end, note: '原来的位置' });
  const [s2, e2] = span(text, '慢读是一种抵抗');
  await server.api('addHighlight', { articleId, start: s2, end: e2 });
  browser = await launchBrowser();
  page = browser.page;
  app = new App(page, server);
  reader = new ReaderPage(page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the article memo is written with a live Markdown preview and kept', async () => {
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await page.getByTestId('memo-edit').click();
  await page.getByTestId('memo-input').fill('**要点**：判断不能外包。\n\n- 回到原文\n- 经得起追问');
  const preview = page.getByTestId('memo-preview');
  await preview.locator('strong', { hasText: '要点' }).waitFor();
  await preview.locator('li', { hasText: '回到原文' }).waitFor();
  await browser.screenshot('article-memo-editing');
  await page.getByTestId('memo-save').click();
  await page.getByTestId('memo-view').locator('strong', { hasText: '要点' }).waitFor();
  assert.match((await server.api('getArticle', { id: articleId })).memo, /判断不能外包/);
  // Kept across a reload.
  await page.reload();
  await reader.waitDrawn();
  await page.getByTestId('memo-view').locator('li', { hasText: '经得起追问' }).waitFor();
});

test('correcting the text re-anchors highlights, sends the lost one to review, and undoes in one step', async () => {
  const before = await server.api('getArticle', { id: articleId });
  await page.getByTestId('edit-text').click();
  const input = page.getByTestId('text-edit-input');
  assert.equal(await input.inputValue(), before.text);
  // A typo fixed before the highlighted passage, and the last paragraph rewritten.
  const fixed = before.text
    .replace('说不清哪里不对', '说不清楚哪里不对')
    .replace(/最后，慢读是一种抵抗。.*/, '最后一段已经改写，原来的句子不在了。');
  await input.fill(fixed);
  await browser.screenshot('article-text-edit');
  await page.getByTestId('text-edit-save').click();
  await app.toast(/正文已保存：\d+ 条批注原位保留，\d+ 条重新找到，1 条待复核/).waitFor();
  await page.getByTestId('text-edit').waitFor({ state: 'detached' });
  await reader.text.getByText('说不清楚哪里不对').waitFor();
  const hs = await server.api('listHighlights', { articleId });
  const moved = hs.find((h) => h.note === '原来的位置');
  assert.equal(moved.exact, PASSAGE, 'the highlight still marks its passage');
  assert.equal(moved.orphan, false);
  assert.ok(hs.some((h) => h.orphan && h.exact === '慢读是一种抵抗'), 'the lost one is an orphan');
  await reader.orphans.filter({ hasText: '慢读是一种抵抗' }).waitFor();

  await app.undoFromToast();
  await app.toast('已撤销：修改《').waitFor();
  await reader.text.getByText('说不清哪里不对').waitFor();
  assert.equal((await server.api('getArticle', { id: articleId })).text, before.text);
  assert.ok(!(await server.api('listHighlights', { articleId })).some((h) => h.orphan));
});

test('pasted text becomes a new article with the title given, cleaned like a text file', async () => {
  await app.open('#/library');
  await page.getByTestId('paste-button').click();
  const dialog = page.getByTestId('paste-dialog');
  await dialog.getByTestId('paste-title').fill('粘贴进来的评论');
  await dialog.getByTestId('paste-text').fill('第一段文字，来自网页。\r\n\r\n\r\n第二段　　文字，多余的空行会被清理。   \n');
  await browser.screenshot('paste-dialog');
  await dialog.getByTestId('paste-save').click();
  await reader.waitDrawn();
  const list = await server.api('listArticles');
  const made = list.find((a) => a.title === '粘贴进来的评论');
  assert.ok(made, 'the article is in the library under the given title');
  const a = await server.api('getArticle', { id: made.id });
  assert.ok(!a.text.includes('\r'), 'line endings cleaned');
  assert.ok(!a.text.includes('\n\n'), 'paragraphs separated by one line break');
  assert.match(a.text, /第二段/);
});

test('in English the memo and the text editor read in English', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await page.getByRole('heading', { name: 'Article memo' }).waitFor();
  await page.getByRole('button', { name: 'Correct text' }).click();
  await page.getByRole('heading', { name: /Correct the text of/ }).waitFor();
  await browser.screenshot('article-text-edit-en');
  await page.keyboard.press('Escape');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
