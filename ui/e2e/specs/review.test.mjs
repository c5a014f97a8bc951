// Issue 19: the daily review. A highlight joins the review from its editor (a
// passage card and a cloze card picked word by word), the review screen shows
// today's cards, Space reveals, 1–4 grade, U undoes the last grade, and the
// due list on the server changes with every grade.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { ARTICLE, PASSAGE } from '../fixtures/article.mjs';

let server, browser, app, reader, articleId, highlightId;

function span(text, needle) {
  const at = text.indexOf(needle);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...needle].length];
}

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'review.txt', ARTICLE);
  const { text } = await server.api('getArticle', { id: articleId });
  const [start, end] = span(text, PASSAGE);
  highlightId = (await server.api('addHighlight', { articleId, start, end, note: '写作与工具', themes: ['复习·写作'] })).id;
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const due = () => server.api('reviewDue', {});

test('a highlight joins the review from its editor as a passage card and a cloze card', async () => {
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.notes.locator('.note-item .note-edit').first().click();
  await reader.editor.waitFor();
  await reader.editor.getByTestId('add-passage-card').click();
  await app.toast('已加入复习').waitFor();
  await reader.editor.getByTestId('start-cloze').click();
  const words = reader.editor.locator('.cloze-words .word');
  await words.first().waitFor();
  const first = await words.first().innerText();
  await words.first().click();
  await browser.screenshot('review-editor-cloze');
  await reader.editor.getByTestId('add-cloze-card').click();
  await app.toast('已加入填空卡').waitFor();
  await reader.editor.getByTestId('review-card-count').filter({ hasText: '已有 2 张卡片' }).waitFor();

  const cards = await server.api('reviewCardsOfHighlight', { highlightId });
  assert.deepEqual(cards.map((c) => c.kind).sort(), ['cloze', 'passage']);
  const cloze = cards.find((c) => c.kind === 'cloze');
  assert.deepEqual(cloze.cloze, [[0, [...first].length]], 'the blank is the picked jieba word');
  assert.ok(cloze.front.includes('［…］') && !cloze.front.startsWith(first));
  assert.equal((await due()).length, 2);
});

test('the review screen: Space reveals, 1–4 grade, U undoes, and the due list follows', async () => {
  await app.goto('#/review');
  const card = browser.page.getByTestId('review-card');
  await card.waitFor();
  const firstId = Number(await card.getAttribute('data-card-id'));
  assert.equal(await browser.page.getByTestId('review-back').count(), 0, 'the answer is hidden');
  await browser.screenshot('review-front');

  await browser.page.keyboard.press('Space');
  await browser.page.getByTestId('review-back').waitFor();
  assert.ok((await browser.page.getByTestId('review-back').innerText()).includes(PASSAGE.slice(2)));
  await browser.screenshot('review-back');

  await browser.page.keyboard.press('3');
  await browser.page.getByTestId('review-counts').filter({ hasText: '已复习 1 张，还剩 1 张' }).waitFor();
  let list = await due();
  assert.equal(list.length, 1);
  assert.ok(!list.some((c) => c.cardId === firstId), 'the graded card left the due list');

  await browser.page.keyboard.press('u');
  await app.toast('已撤销上次评分').waitFor();
  await browser.page.locator(`[data-testid="review-card"][data-card-id="${firstId}"]`).waitFor();
  assert.equal((await due()).length, 2, 'undo put the card back');

  await browser.page.keyboard.press('Space');
  await browser.page.keyboard.press('4');
  await browser.page.getByTestId('review-counts').filter({ hasText: '已复习 1 张，还剩 1 张' }).waitFor();
  await browser.page.keyboard.press('Space');
  await browser.page.getByTestId('review-back').waitFor();
  await browser.page.keyboard.press('1');
  await browser.page.getByTestId('review-counts').filter({ hasText: '已复习 2 张' }).waitFor();
  // "Again" keeps a card in learning a minute: the sitting shows it is not due now.
  list = await due();
  assert.equal(list.length, 0);
  await browser.page.getByTestId('review-done').waitFor();
  const stats = await server.api('reviewStats', {});
  assert.equal(stats.reviewedToday, 2);
  await browser.page.getByTestId('review-stats').scrollIntoViewIfNeeded();
  await browser.screenshot('review-done-stats');
});

test('the export dialog offers the Anki deck and downloads an .apkg of the cards', async () => {
  await app.goto(`#/article/${articleId}`);
  await reader.waitDrawn();
  await browser.page.getByRole('button', { name: '导出' }).click();
  const dialog = browser.page.getByRole('dialog', { name: '导出' });
  await dialog.getByLabel('Anki 卡组（.apkg，复习卡片）').check();
  await browser.screenshot('review-export-anki');
  const [download] = await Promise.all([browser.page.waitForEvent('download'), dialog.getByRole('button', { name: '导出' }).click()]);
  assert.match(download.suggestedFilename(), /\.apkg$/);
  const bytes = (await import('node:fs')).readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip');
  assert.ok(bytes.includes(Buffer.from('collection.anki2')));
});

test('an orphaned highlight suspends its cards and the orphan list says so', async () => {
  const { text } = await server.api('getArticle', { id: articleId });
  await server.api('editArticleText', { id: articleId, text: text.replace(PASSAGE, '另一种说法') });
  assert.equal((await server.api('reviewStats', {})).suspended, 2);
  assert.equal((await due()).length, 0);
  await app.goto('#/review');
  await app.goto(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.orphans.getByTestId('orphan-cards').filter({ hasText: '2 张复习卡片已暂停' }).waitFor();
  await reader.orphans.first().scrollIntoViewIfNeeded();
  await browser.screenshot('review-orphan-suspended');
  await server.api('undo');
});

test('the review screen and the daily limits in English', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await app.open('#/settings');
  await browser.page.getByTestId('review-new-per-day').fill('5');
  await browser.page.getByTestId('review-new-per-day').press('Enter');
  await browser.page.getByTestId('review-new-per-day').blur();
  await app.toast('Daily limits saved').waitFor();
  assert.equal((await server.api('reviewLimits', {})).newPerDay, 5);
  await browser.page.getByTestId('review-new-per-day').scrollIntoViewIfNeeded();
  await browser.screenshot('review-limits-en');
  await app.goto('#/review');
  await browser.page.getByRole('heading', { name: 'Daily review' }).waitFor();
  await browser.page.getByTestId('review-stats').waitFor();
  await browser.screenshot('review-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
