// Code book: create, rename, nest, merge and delete themes; drag-and-drop import.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { CodeBookPage } from '../pages/CodeBookPage.mjs';
import { LibraryPage } from '../pages/LibraryPage.mjs';
import { ARTICLE } from '../fixtures/article.mjs';

let server, browser, app, codebook;
/** Native dialogs (confirm()) that came up: merge and delete must ask in the app instead. */
const native = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  codebook = new CodeBookPage(browser.page);
  browser.page.on('dialog', (d) => {
    native.push(d.message());
    d.dismiss().catch(() => {});
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const themeNamed = async (name) => (await server.api('listThemes')).find((t) => t.name === name);

test('a theme is created, renamed, nested under another and given a memo', async () => {
  await app.open('#/themes');
  await codebook.create('算法治理');
  await codebook.create('平台责任');
  await codebook.select('平台责任');
  await codebook.edit({ name: '平台的责任', parent: '算法治理', memo: '平台对推荐结果承担的**义务**。' });
  await codebook.row('平台的责任').waitFor();
  const saved = await themeNamed('平台的责任');
  const parent = await themeNamed('算法治理');
  assert.equal(saved.parentId, parent.id);
  assert.match(saved.memo, /义务/);
});

test('merging moves the highlights into the other theme', async () => {
  const id = await importText(server, 'merge.txt', ARTICLE);
  await server.api('addHighlight', { articleId: id, start: 10, end: 14, themes: ['临时主题'] });
  await app.goto('#/library');
  await app.goto('#/themes');
  await codebook.select('临时主题');
  await codebook.mergeInto('算法治理');
  await codebook.row('临时主题').waitFor({ state: 'detached' });
  assert.equal(await themeNamed('临时主题'), undefined);
  assert.equal((await themeNamed('算法治理')).highlightCount, 1);
});

test('deleting a theme can keep its highlights', async () => {
  await codebook.select('算法治理');
  await codebook.deleteSelected('untag');
  await codebook.row('算法治理').waitFor({ state: 'detached' });
  const left = await server.api('listHighlights', {});
  assert.ok(left.length >= 1, 'the highlight stays, without the theme');
  assert.ok(left.every((h) => !h.themes.includes('算法治理')));
});

test('merge and delete ask in an in-app dialog, cancel keeps the theme, and the toast undoes', async () => {
  await codebook.create('待删主题');
  await codebook.create('子主题甲');
  await codebook.select('子主题甲');
  await codebook.edit({ parent: '待删主题' });
  await codebook.select('待删主题');
  // The merge targets are the tree: a sub-theme is indented under its parent.
  const options = await codebook.detail.getByLabel('合并到').locator('option').allTextContents();
  assert.ok(options.includes('\u3000子主题甲'), `indented sub-theme in ${JSON.stringify(options)}`);

  await codebook.detail.getByLabel('删除方式').selectOption('untag');
  await codebook.detail.getByRole('button', { name: '删除' }).click();
  const dialog = browser.page.getByRole('dialog', { name: '删除主题' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /删除主题“待删主题”？高亮会保留。/);
  await browser.screenshot('codebook-confirm-delete');
  await codebook.answer('取消');
  assert.ok(await themeNamed('待删主题'), 'cancel keeps the theme');

  await codebook.deleteSelected('untag');
  await codebook.row('待删主题').waitFor({ state: 'detached' });
  await app.undoFromToast();
  await codebook.row('待删主题').waitFor();
  assert.ok(await themeNamed('待删主题'), 'the toast’s undo brings the theme back');
  assert.deepEqual(native, [], 'no native confirm()');
});

test('dropping a file on the library imports it', async () => {
  await app.goto('#/library');
  const library = new LibraryPage(browser.page);
  await library.dropFile('拖放.md', '# 拖放导入\n\n把文件拖到书库里也能导入。');
  await library.report.waitFor();
  assert.match(await library.report.innerText(), /导入 1 篇/);
  await library.article('拖放导入').waitFor();
});
