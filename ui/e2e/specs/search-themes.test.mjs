// Issue #15: theme names complete in the search box after theme: / 主题:, and the
// library filter says so when nothing matches instead of leaving a blank page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { SearchOverlay } from '../pages/SearchOverlay.mjs';

let server, browser, app, search;

before(async () => {
  server = await startServer();
  await importText(server, 'themes.txt', '主题补全测试\n影视版权的讨论越来越多。');
  // Names no bundled theme shares, so what is offered is exactly these.
  for (const name of ['殷墟甲骨', '甲骨文字', '甲骨卜辞']) await server.api('addTheme', { name });
  browser = await launchBrowser();
  app = new App(browser.page, server);
  search = new SearchOverlay(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const page = () => browser.page;
const offered = () => page().getByTestId('theme-complete').getByRole('option').allTextContents();

test('typing theme: offers the code book’s names and Tab completes one', async () => {
  await app.open('#/library');
  await search.openWithShortcut();
  await search.type('影视 theme:甲骨');
  await page().getByTestId('theme-complete').waitFor();
  const names = await offered();
  assert.deepEqual([...names.slice(0, 2)].sort(), ['甲骨卜辞', '甲骨文字'].sort(), 'names starting with it first');
  assert.deepEqual(names.slice(2), ['殷墟甲骨'], 'then names containing it');
  await browser.screenshot('search-theme-complete');
  await page().keyboard.press('ArrowDown');
  await page().keyboard.press('ArrowDown');
  await page().keyboard.press('Tab');
  assert.equal(await search.input.inputValue(), '影视 theme:殷墟甲骨 ');
  await page().getByTestId('theme-complete').waitFor({ state: 'detached' });
  assert.ok(await search.input.evaluate((el) => el === document.activeElement), 'the focus stays in the search box');

  // The Chinese prefix with a full-width colon works the same; Enter completes too.
  await search.input.fill('');
  await search.type('主题：殷');
  assert.deepEqual(await offered(), ['殷墟甲骨']);
  await page().keyboard.press('Enter');
  assert.equal(await search.input.inputValue(), '主题：殷墟甲骨 ');
  // The first Escape empties the search box (a search input's own behaviour), the next closes.
  await page().keyboard.press('Escape');
  await page().keyboard.press('Escape');
  await search.input.waitFor({ state: 'detached' });
});

test('the library filter shows an empty state when no article matches', async () => {
  await app.goto('#/library');
  const filter = page().getByTestId('library-filter');
  await filter.fill('没有这样的文章');
  const empty = page().getByTestId('library-no-match');
  await empty.waitFor({ timeout: 5000 }).catch(async (e) => {
    await browser.screenshot('library-no-match-failed');
    throw e;
  });
  assert.match(await empty.textContent(), /没有标题、作者或来源包含“没有这样的文章”的文章/);
  await browser.screenshot('library-no-match');
  await empty.getByRole('button', { name: '清除筛选' }).click();
  await page().getByTestId('article-link').first().waitFor();
  assert.equal(await filter.inputValue(), '');
});

test('both speak English too', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await page().reload();
  await page().locator('main#main').waitFor();
  await page().getByTestId('library-filter').fill('nothing like this');
  await page().getByText('No article has “nothing like this” in its title, authors or source.').waitFor();
  await page().getByRole('button', { name: 'Clear the filter' }).waitFor();
  await browser.screenshot('library-no-match-en');
  await search.openWithShortcut();
  await search.type('theme:甲');
  await page().getByRole('listbox', { name: 'Theme names' }).waitFor();
  await browser.screenshot('search-theme-complete-en');
  await page().keyboard.press('Escape');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
