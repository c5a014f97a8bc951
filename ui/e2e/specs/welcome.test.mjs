// Issue 18: a new user sees, once, a welcome card (what the sample library is, three
// things to try, where their own files come in, how to remove the samples) that never
// blocks the library and never comes back once closed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';

let server, browser, app, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
  app = new App(page, server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const card = () => page.getByTestId('welcome-card');

test('the welcome card explains the samples once, in both languages, without blocking anything', async () => {
  await app.open('#/library');
  await card().waitFor();
  const zh = await card().innerText();
  for (const words of ['欢迎使用批注', '七篇', '编码本', '选中一段文字', '主题', '导出', '导入文件', '拖进这个窗口', 'BibTeX', '删除', '撤销']) {
    assert.ok(zh.includes(words), `the card says ${words}: ${zh}`);
  }
  // Not a modal: the library under it is there and usable.
  assert.equal(await page.locator('dialog[open], [aria-modal="true"]').count(), 0);
  assert.equal(await page.getByTestId('article-link').count(), 7);
  await browser.screenshot('welcome-zh');

  await server.api('setSetting', { key: 'language', value: 'en' });
  await page.reload();
  await card().waitFor();
  const en = await card().innerText();
  for (const words of ['Welcome to Pizhu', 'seven', 'code book', 'select some text', 'theme', 'Export', 'Import files', 'drag files', 'BibTeX', 'Delete', 'undone']) {
    assert.ok(en.includes(words), `the card says ${words}: ${en}`);
  }
  await browser.screenshot('welcome-en');

  // Reading an article first does not dismiss it; closing it does, for good.
  await page.getByTestId('article-link').first().click();
  await page.locator('[data-testid="reader-text"]').waitFor();
  await app.goto('#/library');
  await card().waitFor();
  await page.getByTestId('welcome-dismiss').click();
  await card().waitFor({ state: 'detached' });
  assert.equal((await server.api('getSettings')).welcomeDismissed, true);
  await page.reload();
  await page.getByTestId('article-link').first().waitFor();
  // Settings are read before the card could show: give a returning user's page time to settle.
  await page.waitForTimeout(500);
  assert.equal(await card().count(), 0, 'a returning user never sees it again');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
