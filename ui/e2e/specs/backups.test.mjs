// Issue 14/15: manual backups never push the automatic one out; a restore confirms
// in-app with the backup's local date and size, says what it did, and lists the
// pre-restore copy, whose restore undoes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';

// Not the machine's zone, so a date shown in UTC would not match.
const ZONE = 'Asia/Shanghai';
const NOTE = '恢复之后就不见的笔记';

let server, browser, app, page;
const nativeDialogs = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ timezoneId: ZONE });
  page = browser.page;
  page.on('dialog', (d) => {
    nativeDialogs.push(d.message());
    d.dismiss();
  });
  app = new App(page, server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const localDate = (iso) =>
  new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'medium', timeZone: ZONE }).format(new Date(iso));
const rows = (kind) => page.locator(`ul.backups li[data-kind="${kind}"]`);

test('ten manual backups leave the automatic one listed', async () => {
  const [automatic] = await server.api('listBackups');
  assert.equal(automatic.kind, 'automatic', 'taken when the library opened');
  for (let i = 0; i < 11; i++) await server.api('backupNow');
  await app.open('#/settings');
  await rows('automatic').first().waitFor();
  assert.equal(await rows('automatic').count(), 1);
  assert.equal(await rows('manual').count(), 10);
  assert.match(await rows('automatic').innerText(), new RegExp(localDate(automatic.createdAt)));
});

test('a restore confirms in the app, says what it did, and can be undone', async () => {
  const [automatic] = (await server.api('listBackups')).filter((b) => b.kind === 'automatic');
  const [article] = await server.api('listArticles');
  const h = await server.api('addHighlight', { articleId: article.id, start: 0, end: 2, note: NOTE });

  await rows('automatic').getByRole('button', { name: `恢复到 ${localDate(automatic.createdAt)} 的备份` }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复书库？' });
  await dialog.waitFor();
  const asked = await dialog.innerText();
  assert.match(asked, new RegExp(`${localDate(automatic.createdAt)} 的自动备份（\\d[\\d,.]* (KB|MB)）`));
  assert.ok(!asked.includes(automatic.name), 'the date, not the file name');
  await dialog.getByRole('button', { name: '恢复', exact: true }).click();

  const report = page.getByTestId('restore-report');
  await report.waitFor();
  const said = await report.innerText();
  assert.match(said, new RegExp(`已把书库恢复到 ${localDate(automatic.createdAt)} 的自动备份`));
  assert.match(said, /恢复前的书库已另存为 .* 的恢复前副本/);
  const counts = await server.api('libraryStatus');
  assert.match(said, new RegExp(`书库现在有 ${counts.articles} 篇文章、${counts.highlights} 条标注`), said);
  await rows('preRestore').first().waitFor();
  await assert.rejects(server.api('getHighlight', { id: h.id }), /not_found/);
  await browser.screenshot('settings-restore');

  await report.getByRole('button', { name: '撤销这次恢复' }).click();
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /恢复前副本/);
  await dialog.getByRole('button', { name: '恢复', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('restore-report').filter({ hasText: '的恢复前副本。' }).first().waitFor();
  assert.equal((await server.api('getHighlight', { id: h.id })).note, NOTE, 'the restore is undone');
  assert.deepEqual(nativeDialogs, [], 'no native confirm()');
});

test('the restore dialog and report read in English too', async () => {
  await app.goto('#/settings');
  await page.getByTestId('language-select').selectOption('en');
  const [automatic] = (await server.api('listBackups')).filter((b) => b.kind === 'automatic');
  const enDate = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: ZONE }).format(new Date(automatic.createdAt));
  await rows('automatic').getByRole('button', { name: new RegExp(enDate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), new RegExp(`${enDate}.*\\d[\\d,.]* (KB|MB)`));
  await dialog.getByTestId('confirm-ok').click();
  const report = page.getByTestId('restore-report');
  await report.filter({ hasText: 'The library now holds' }).waitFor();
  await browser.screenshot('settings-restore-en');
  await page.getByTestId('language-select').selectOption('zh-CN');
});
