// Reference files through the import control: a CNKI NoteExpress export and a RIS
// file with a broken record; their records become articles, the broken one is
// reported by record and line, and the library lists the new items.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { LibraryPage } from '../pages/LibraryPage.mjs';

const NOTE_EXPRESS = `{Reference Type}: Journal Article
{Title}: 计算机辅助导航技术在脊柱外科中的应用
{Author}: 潘紫麟;刘庆鹏;
{Journal}: 医学综述
{Year}: 2021
{Issue}: 11
{Pages}: 2184-2188
{Keywords}: 脊柱疾病;计算机辅助;导航技术
{Database Provider}: CNKI
`;

const RIS = `TY  - BOOK
TI  - 中国阅读史
AU  - 王小明
PB  - 中华书局
PY  - 2015
ER  - 

TY  - JOUR
AU  - Doe, Jane
this line is not RIS
ER  - 
`;

let server, browser, app, library;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  library = new LibraryPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('reference files import their records as articles and report the broken one', async () => {
  await app.open('#/library');
  const ne = join(server.root, 'cnki.net');
  const ris = join(server.root, 'zotero.ris');
  writeFileSync(ne, NOTE_EXPRESS);
  writeFileSync(ris, RIS);
  await library.importFiles([ne, ris]);
  await library.report.waitFor();
  const report = await library.report.innerText();
  assert.match(report, /计算机辅助导航技术在脊柱外科中的应用/);
  assert.match(report, /中国阅读史/);
  assert.match(report, /zotero\.ris #2/);
  assert.match(report, /line 10: not a RIS line/);
  await library.article('中国阅读史').waitFor();
  const listed = await server.api('listArticles');
  const book = listed.find((a) => a.title === '中国阅读史');
  assert.equal(book.reference.itemType, 'book');
  assert.equal(book.reference.publisher, '中华书局');
  await browser.screenshot('references-import');
});

test('a record whose attached file was not uploaded is reported in the interface language', async () => {
  await app.open('#/library');
  const ris = join(server.root, 'attached.ris');
  writeFileSync(ris, 'TY  - JOUR\r\nTI  - 附件未上传的论文\r\nAU  - 王小明\r\nPY  - 2023\r\nL1  - files/paper.pdf\r\nER  - \r\n');
  await library.importFiles([ris]);
  await library.report.waitFor();
  await browser.page.getByTestId('import-report').locator('details summary').first().click();
  const report = await library.report.innerText();
  assert.match(report, /附件 files\/paper\.pdf 没有读取/);
  assert.doesNotMatch(report, /not read|upload the file/);
});

test('the same report in English', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await app.open('#/library');
  const ris = join(server.root, 'again.ris');
  writeFileSync(ris, RIS);
  await library.importFiles([ris]);
  await library.report.waitFor();
  const report = await library.report.innerText();
  // The duplicate is named by the article it matched, not by the file's record number.
  assert.match(report, /Already in the library：.*中国阅读史/);
  await browser.screenshot('references-import-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
