// Find in the article (Ctrl+F, issue #15): matches are marked in the text, Enter and
// Shift+Enter step through them with a "n / total" count, Escape closes; matching
// folds traditional/simplified, full/half width and case as search does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

let server, browser, app, reader, articleId;

const filler = (i) => `第${i}段。研究者在阅读中反复比较材料，判断仍然属于人。`;

before(async () => {
  server = await startServer();
  const paragraphs = [
    '生成式人工智能正在改变影视产业。',
    ...Array.from({ length: 40 }, (_, i) => filler(i + 2)),
    '港台报道写作「影視」，ＳＯＲＡ的名字也常以全角出现。',
    ...Array.from({ length: 40 }, (_, i) => filler(i + 43)),
    '最后一段：Sora 与影视创作者。',
  ];
  articleId = await importText(server, 'find.txt', ['文中查找测试', ...paragraphs].join('\n'));
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const page = () => browser.page;
const count = () => page().getByTestId('find-count');
/** What the marks in the text cover: every match, and the current one. */
const marked = () =>
  page().evaluate(() => ({
    all: [...(CSS.highlights.get('pizhu-find') ?? [])].map((r) => r.toString()),
    current: [...(CSS.highlights.get('pizhu-find-current') ?? [])].map((r) => r.toString()),
  }));
/** Whether the current match is inside the reader's visible area. */
const currentInView = () =>
  page().evaluate(() => {
    const [r] = [...(CSS.highlights.get('pizhu-find-current') ?? [])];
    const box = r.getBoundingClientRect();
    const view = document.querySelector('.reader-scroll').getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  });

async function waitCount(text) {
  await page().waitForFunction((t) => document.querySelector('[data-testid="find-count"]')?.textContent === t, text, { timeout: 5000 }).catch(async () => {
    throw new Error(`expected the count "${text}", found "${await count().textContent().catch(() => '(none)')}"`);
  });
}

test('Ctrl+F finds every match, folded like search, and steps through them', async () => {
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await page().keyboard.press('Control+f');
  const input = page().getByTestId('find-input');
  await input.waitFor();
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'the find box takes the focus');

  await input.fill('影视');
  await waitCount('1 / 3');
  let m = await marked();
  assert.deepEqual(m.all, ['影视', '影視', '影视'], 'the traditional form is found too');
  assert.deepEqual(m.current, ['影视']);

  await page().keyboard.press('Enter');
  await waitCount('2 / 3');
  assert.deepEqual((await marked()).current, ['影視']);
  await page().waitForTimeout(100);
  assert.ok(await currentInView(), 'the current match is scrolled into view');
  await browser.screenshot('reader-find');

  await page().keyboard.press('Enter');
  await waitCount('3 / 3');
  assert.ok(await currentInView());
  await page().keyboard.press('Enter');
  await waitCount('1 / 3');
  await page().keyboard.press('Shift+Enter');
  await waitCount('3 / 3');
  await page().keyboard.press('Shift+Enter');
  await waitCount('2 / 3');

  // Full-width and case fold as in search.
  await input.fill('sora');
  await waitCount('1 / 2');
  assert.deepEqual((await marked()).all, ['ＳＯＲＡ', 'Sora']);

  await input.fill('没有这个词');
  await waitCount('无结果');
  assert.deepEqual((await marked()).all, []);
});

test('Escape closes the find bar, clears the marks and leaves the match selected', async () => {
  const input = page().getByTestId('find-input');
  // A new search starts from where the reader is (the second match is in view), not from the top.
  await input.fill('影視');
  await waitCount('2 / 3');
  await page().keyboard.press('Enter');
  await waitCount('3 / 3');
  await page().keyboard.press('Shift+Enter');
  await waitCount('2 / 3');
  await page().keyboard.press('Escape');
  await page().getByTestId('find-bar').waitFor({ state: 'detached' });
  assert.deepEqual(await marked(), { all: [], current: [] });
  assert.equal(await reader.selectedText(), '影視');
});

test('the find bar speaks English too', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await page().reload();
  await reader.waitDrawn();
  await page().evaluate(() => (document.querySelector('.reader-scroll').scrollTop = 0));
  await page().getByTestId('open-find').click();
  await page().getByTestId('find-input').fill('影视');
  await waitCount('1 / 3');
  await page().getByRole('search', { name: 'Find in this article' }).waitFor();
  await page().getByTestId('find-input').fill('nothing here');
  await waitCount('No matches');
  await page().getByTestId('find-input').fill('影视');
  await waitCount('1 / 3');
  await browser.screenshot('reader-find-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
