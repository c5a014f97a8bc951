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

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  codebook = new CodeBookPage(browser.page);
  browser.page.on('dialog', (d) => d.accept()); // confirm() for merge and delete
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

test('dropping a file on the library imports it', async () => {
  await app.goto('#/library');
  const library = new LibraryPage(browser.page);
  await library.dropFile('拖放.md', '# 拖放导入\n\n把文件拖到书库里也能导入。');
  await library.report.waitFor();
  assert.match(await library.report.innerText(), /导入 1 篇/);
  await library.article('拖放导入').waitFor();
});
