// Issue 13: the Zotero dialog. In the browser (`pizhu serve`) the page may not name
// folders on this machine, so the dialog says so and gives the CLI command for the
// choices made; on the desktop a native folder picker does the choosing (see the
// grant tests in pizhu-api's trust_file_args and src-tauri's files.rs).
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

test('in the browser the Zotero dialog explains itself and gives the command for the choices made', async () => {
  await app.open('#/library');
  await page.getByTestId('zotero-button').click();
  const dialog = page.getByTestId('zotero-dialog');
  await dialog.getByRole('heading', { name: '从 Zotero 导入' }).waitFor();
  await dialog.getByTestId('zotero-browser-note').getByText('页面不能读取本机的文件夹').waitFor();
  const command = dialog.getByTestId('zotero-command');
  assert.equal(await command.innerText(), 'pizhu import-zotero "Zotero 数据文件夹" --collections-as collections');
  await dialog.getByRole('radio', { name: '主题' }).check();
  await dialog.getByTestId('zotero-only').fill('小说史');
  assert.equal(await command.innerText(), 'pizhu import-zotero "Zotero 数据文件夹" --collections-as themes --collection "小说史"');
  // No folder picker and no import button: the page cannot name a folder.
  assert.equal(await dialog.getByTestId('zotero-pick').count(), 0);
  assert.equal(await dialog.getByTestId('zotero-import').count(), 0);
  await browser.screenshot('zotero-dialog-browser');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('the served API refuses a folder named by the page', async () => {
  await assert.rejects(server.api('importZotero', { dir: '/tmp', collectionsAs: 'collections' }), (e) => e.code === 'path_not_allowed');
});

test('the dialog reads in English too', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await app.open('#/library');
  await page.getByRole('button', { name: 'Import from Zotero' }).click();
  const dialog = page.getByTestId('zotero-dialog');
  await dialog.getByText('In the browser the page cannot read folders').waitFor();
  await browser.screenshot('zotero-dialog-browser-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
