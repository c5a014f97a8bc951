// Issue 15, "the articles themselves": collections in the library, bulk select
// (click, Shift+click, select all, keyboard), add / move / remove, and bulk delete
// with an in-app confirmation and undo in the toast (clearing the sample articles).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';

let server, browser, app, page, samples;

before(async () => {
  server = await startServer();
  samples = await server.api('listArticles');
  browser = await launchBrowser();
  page = browser.page;
  app = new App(page, server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const picks = () => page.getByTestId('article-pick');
const sidebar = () => page.getByTestId('collections');

async function createCollection(name) {
  await page.getByTestId('collection-new').click();
  await page.getByRole('textbox', { name: '新分类的名称' }).fill(name);
  await page.getByTestId('collection-new-form').getByRole('button', { name: '创建' }).click();
  await sidebar().getByRole('button', { name: new RegExp(`^${name}`) }).waitFor();
}

test('articles are ticked with clicks and Shift+click and put in a new collection', async () => {
  assert.ok(samples.length >= 4, `the bundled articles: ${samples.length}`);
  await app.open('#/library');
  await picks().first().waitFor();
  await createCollection('样例文章');
  // Creating a collection shows it (empty); go back to all articles to pick some.
  await page.getByTestId('collection-empty').waitFor();
  await page.getByTestId('collection-all').click();

  await picks().nth(0).click();
  await picks().nth(2).click({ modifiers: ['Shift'] });
  await page.getByTestId('bulk-bar').getByText('已选 3 篇').waitFor();
  await page.getByTestId('bulk-target').selectOption({ label: '样例文章' });
  await page.getByTestId('bulk-add').click();
  await app.toast('已把 3 篇文章加入“样例文章”').waitFor();

  const [c] = await server.api('listCollections');
  assert.equal(c.name, '样例文章');
  assert.equal(c.articleCount, 3);
  await sidebar().getByRole('button', { name: /^样例文章\s*3$/ }).click();
  assert.equal(await page.getByTestId('article-link').count(), 3);
  await browser.screenshot('collections-library');
});

test('the keyboard ticks articles and a collection can be renamed and made inside another', async () => {
  await page.getByTestId('collection-all').click();
  await picks().first().focus();
  await page.keyboard.press('Space');
  await page.getByTestId('bulk-bar').getByText('已选 1 篇').waitFor();
  await page.getByTestId('select-all').focus();
  await page.keyboard.press('Space');
  const total = await page.getByTestId('article-link').count();
  await page.getByTestId('bulk-bar').getByText(`已选 ${total} 篇`).waitFor();
  await page.getByRole('button', { name: '取消选择' }).click();
  await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });

  await sidebar().getByRole('button', { name: '重命名分类“样例文章”' }).click();
  await page.getByRole('textbox', { name: '重命名分类“样例文章”' }).fill('示例文章');
  await page.keyboard.press('Enter');
  await sidebar().getByRole('button', { name: /^示例文章/ }).click();
  await page.getByTestId('collection-new').click();
  await page.getByRole('textbox', { name: '新分类的名称' }).fill('精读');
  // The new collection goes inside the one shown unless another place is chosen.
  await page.getByTestId('collection-new-form').getByRole('button', { name: '创建' }).click();
  await sidebar().getByRole('button', { name: /^精读/ }).waitFor();
  const list = await server.api('listCollections');
  const parent = list.find((c) => c.name === '示例文章');
  assert.equal(list.find((c) => c.name === '精读').parentId, parent.id);
});

test('ticked articles move from one collection to another and leave it', async () => {
  await sidebar().getByRole('button', { name: /^示例文章/ }).click();
  await picks().first().click();
  await page.getByTestId('bulk-target').selectOption({ label: '　精读' });
  await page.getByTestId('bulk-move').click();
  await app.toast('已把 1 篇文章移到“精读”').waitFor();
  assert.equal(await page.getByTestId('article-link').count(), 2);
  await picks().first().click();
  await page.getByTestId('bulk-remove').click();
  await app.toast('已把 1 篇文章移出“示例文章”').waitFor();
  assert.equal(await page.getByTestId('article-link').count(), 1);
});

test('the sample articles are cleared in one go after an in-app confirmation, and undo brings them back', async () => {
  await page.getByTestId('collection-all').click();
  const total = await page.getByTestId('article-link').count();
  await page.getByTestId('select-all').click();
  await page.getByTestId('bulk-delete').click();
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.getByRole('heading', { name: `删除 ${total} 篇文章？` }).waitFor();
  await browser.screenshot('collections-bulk-delete');
  await dialog.getByTestId('confirm-ok').click();
  await app.toast(`已删除 ${total} 篇文章`).waitFor();
  await page.getByText('书库还是空的。').waitFor();
  assert.equal((await server.api('listArticles')).length, 0);

  await app.undoFromToast();
  await app.toast(`已撤销：删除 ${total} 篇文章`).waitFor();
  await page.getByTestId('article-link').nth(total - 1).waitFor();
  const back = await server.api('listArticles');
  assert.deepEqual(back.map((a) => a.id), samples.map((a) => a.id), 'the same articles under the same ids');
  const kept = await server.api('listCollections');
  assert.deepEqual(kept.map((c) => [c.name, c.articleCount]), [['示例文章', 1], ['精读', 1]], 'and their memberships');
});

test('cancelling the confirmation deletes nothing', async () => {
  await picks().first().click();
  await page.getByTestId('bulk-delete').click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: '取消' }).click();
  assert.equal((await server.api('listArticles')).length, samples.length);
  await page.getByRole('button', { name: '取消选择' }).click();
});

test('in English the collections and the bulk bar read in English', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await app.open('#/library');
  await page.getByRole('heading', { name: 'Collections' }).waitFor();
  await picks().nth(1).click();
  await page.getByTestId('bulk-bar').getByText('1 selected').waitFor();
  await browser.screenshot('collections-library-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
