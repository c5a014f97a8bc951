// Library screen: importing through the import control, with a clear report of failures.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { LibraryPage } from '../pages/LibraryPage.mjs';
import { ARTICLE, TITLE } from '../fixtures/article.mjs';

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

test('the token leaves the address bar and API calls still work', async () => {
  await app.open('#/library');
  assert.ok(!browser.page.url().includes('token='), browser.page.url());
  await browser.page.getByRole('heading', { name: '书库' }).waitFor();
});

test('a page opened without the token says how to get in', async () => {
  const other = await browser.context.newPage();
  await other.goto(`${server.origin}/#/library`);
  const alert = other.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /令牌/);
  await other.close();
});

test('importing a file by the import control adds it to the library', async () => {
  const file = join(server.root, '机器写作.txt');
  writeFileSync(file, ARTICLE);
  await library.importFiles([file]);
  await library.report.waitFor();
  assert.match(await library.report.innerText(), /导入 1 篇/);
  await library.article(TITLE).waitFor();
  const listed = await server.api('listArticles');
  assert.ok(listed.some((a) => a.title === TITLE), 'the core has the article too');
  await browser.screenshot('library');
});

// Regression: the hidden file input took the text inputs' width: 100% and pushed the
// page sideways (a horizontal scrollbar under the library in WebKitGTK).
test('the library does not scroll sideways', async () => {
  const overflow = await browser.page.evaluate(() => {
    const main = document.querySelector('main');
    return main.scrollWidth - main.clientWidth;
  });
  assert.ok(overflow <= 1, `the library is ${overflow}px wider than its pane`);
});

test('a file that cannot be imported is reported by name with its reason', async () => {
  const broken = join(server.root, 'broken.docx');
  writeFileSync(broken, 'this is not a zip archive');
  await library.importFiles([broken]);
  await library.report.locator('.failures').waitFor();
  const text = await library.report.innerText();
  assert.match(text, /失败 1 个文件/);
  assert.match(text, /broken\.docx/);
});

test('an article\'s details are edited from the library', async () => {
  await library.editDetails(TITLE, { '刊名 / 报名 / 网站 / 书名': '《测试评论》', 出版日期: '2024-05-01' });
  await library.article(TITLE).filter({ hasText: '《测试评论》' }).waitFor();
  const saved = (await server.api('listArticles')).find((a) => a.title === TITLE);
  assert.equal(saved.source, '《测试评论》');
  assert.equal(saved.published, '2024-05-01');
});

test('a highlight lost by a text edit is listed for review beside the text', async () => {
  const article = (await server.api('listArticles')).find((a) => a.title === TITLE);
  const full = await server.api('getArticle', { id: article.id });
  const phrase = '慢读是一种抵抗';
  const start = [...full.text.slice(0, full.text.indexOf(phrase))].length;
  await server.api('addHighlight', { articleId: article.id, start, end: start + [...phrase].length, note: '会被改掉的句子' });
  const edited = full.text.replace(/最后，.*$/, '最后一段被作者整段重写了，原来的句子已不存在。');
  const outcome = await server.api('editArticleText', { id: article.id, text: edited });
  assert.equal(outcome.orphans.length, 1, JSON.stringify(outcome));
  await app.goto(`#/article/${article.id}`);
  const orphans = browser.page.locator('.orphans');
  await orphans.waitFor();
  assert.match(await orphans.innerText(), /慢读是一种抵抗/);
  assert.match(await orphans.innerText(), /会被改掉的句子/);
});

test('a long library keeps only the cards on screen in the page, and scrolls to its last article', async () => {
  const jobs = Array.from({ length: 320 }, (_, i) => `第${i}篇\n这是第${i}篇用于翻页测试的短文，编号${i * 7919}。`);
  for (let i = 0; i < jobs.length; i += 20) {
    await Promise.all(jobs.slice(i, i + 20).map((text, k) => server.api('importData', { fileName: `page-${i + k}.txt`, dataBase64: Buffer.from(text).toString('base64') })));
  }
  const all = await server.api('listArticles');
  await app.goto('#/settings');
  await app.goto('#/library');
  await library.articles.first().waitFor();
  const drawn = async () => library.articles.count();
  const first = await drawn();
  assert.ok(first > 3 && first < 80, `${first} cards drawn for ${all.length} articles`);
  // The list is as tall as every card would be, so the scroll bar is true to the library.
  const { listHeight, cardPitch, heights } = await browser.page.evaluate(() => {
    const list = document.querySelector('[data-testid="article-list"]');
    const cards = list.children;
    const heights = new Set([...cards].map((c) => c.offsetHeight));
    return { listHeight: list.getBoundingClientRect().height, cardPitch: cards[1].offsetTop - cards[0].offsetTop, heights: [...heights] };
  });
  assert.equal(heights.length, 1, `cards of one height, with details or without: ${heights}`);
  assert.ok(Math.abs(listHeight - all.length * cardPitch) < 2 * cardPitch, `list ${listHeight}px for ${all.length} × ${cardPitch}px`);
  // Scroll to the end: the oldest import (the sort is newest first) is drawn, and still
  // only a screenful of cards is in the page.
  const oldest = [...all].sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.id - b.id)[0];
  await browser.page.evaluate(() => document.querySelector('[data-testid="article-list"]').scrollIntoView({ block: 'end' }));
  await browser.page.locator(`a[href="#/article/${oldest.id}"]`).waitFor();
  assert.ok((await drawn()) < 80, `${await drawn()} cards in the page at the end of the list`);
  // Here cards with and without authors and sources meet: they are of one height too.
  const endHeights = await browser.page.evaluate(() => [...new Set([...document.querySelectorAll('[data-testid="article-list"] > li')].map((c) => c.offsetHeight))]);
  assert.equal(endHeights.length, 1, `cards of one height at the end: ${endHeights}`);
  await browser.screenshot('library-long-end');
  // Ticking "select all" takes every article of the list, not only those drawn.
  await browser.page.getByTestId('select-all').check();
  await browser.page.getByTestId('bulk-bar').waitFor();
  assert.match(await browser.page.getByTestId('bulk-bar').innerText(), new RegExp(String(all.length)));
  await browser.page.getByTestId('select-all').uncheck();
});

test('settings switch the interface to English and back', async () => {
  await app.goto('#/settings');
  await browser.page.getByTestId('language-select').selectOption('en');
  await browser.page.getByRole('heading', { name: 'Settings' }).waitFor();
  await browser.page.getByRole('radio', { name: 'Sepia' }).check();
  await browser.screenshot('settings');
  await browser.page.getByTestId('language-select').selectOption('zh-CN');
  await browser.page.getByRole('radio', { name: '明亮' }).check();
  await browser.page.getByRole('heading', { name: '设置' }).waitFor();
  const saved = await server.api('getSettings');
  assert.equal(saved.language, 'zh-CN');
  assert.equal(saved.appearance, 'light');
});

test('no errors reached the console', () => {
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
