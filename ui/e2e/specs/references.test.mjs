// References: an article becomes a journal article in the metadata editor, the
// library filters by type, "copy with citation" renders it in GB/T 7714 ([J]),
// and the settings pick the citation style. Screenshots in Chinese and English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

const TITLE = '生成式视频与电影产业';
let server, browser, app, reader, articleId;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
  articleId = await importText(server, 'refs.txt', [TITLE, '文生视频模型改变了影视制作的流程。', '判断仍然属于创作者。'].join('\n'));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

function editor() {
  return browser.page.getByRole('dialog', { name: '编辑文章信息' });
}

test('the metadata editor makes an article a journal article with its fields', async () => {
  await app.open('#/library');
  await browser.page.getByRole('button', { name: `编辑信息：《${TITLE}》` }).click();
  const d = editor();
  await d.getByTestId('item-type').selectOption('journalArticle');
  // The journal's fields appear; a newspaper-only field like 访问日期 does not.
  await d.getByLabel('卷').waitFor();
  assert.equal(await d.getByLabel('访问日期').count(), 0);
  await d.getByTestId('add-creator').click();
  await d.getByTestId('creator').nth(0).getByLabel('姓名', { exact: true }).fill('欧阳修');
  await d.getByTestId('add-creator').click();
  const second = d.getByTestId('creator').nth(1);
  await second.getByLabel('姓名形式').selectOption('person');
  await second.getByLabel('姓', { exact: true }).fill('Smith');
  await second.getByLabel('名', { exact: true }).fill('John');
  await d.getByLabel('刊名 / 报名 / 网站 / 书名').fill('电影艺术');
  await d.getByLabel('卷').fill('12');
  await d.getByLabel('期', { exact: true }).fill('3');
  await d.getByLabel('页码').fill('45-52');
  await d.getByLabel('出版日期').fill('2024-03');
  await browser.screenshot('references-editor-zh');
  await d.getByRole('button', { name: '保存' }).click();
  await d.waitFor({ state: 'detached' });

  const saved = await server.api('getArticle', { id: articleId });
  assert.equal(saved.reference.itemType, 'journalArticle');
  assert.deepEqual(saved.reference.creators.map((c) => c.name), [
    { kind: 'whole', name: '欧阳修' },
    { kind: 'person', family: 'Smith', given: 'John' },
  ]);
  assert.deepEqual(saved.reference.issued, { year: 2024, month: 3 });
  assert.deepEqual(saved.authors, ['欧阳修', 'John Smith']);
});

test('the library filters by type', async () => {
  await browser.page.getByTestId('library-type').selectOption('journalArticle');
  const links = browser.page.getByTestId('article-link');
  await links.filter({ hasText: TITLE }).waitFor();
  // The bundled journal piece and this one; no newspaper piece.
  const titles = await links.allInnerTexts();
  assert.ok(titles.every((t) => !t.includes('59秒视频')), titles.join(' | '));
  await browser.screenshot('references-library-by-type');
  await browser.page.getByTestId('library-type').selectOption('');
});

test('copy with citation shows [J] from the citation style', async () => {
  await app.goto(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.selectWithMouse('判断仍然属于创作者');
  await reader.toolbar.getByRole('button', { name: '复制引文' }).click();
  await browser.page.locator('.toast', { hasText: '已复制引文' }).waitFor();
  const copied = await browser.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    copied,
    `「判断仍然属于创作者」[1]（第 2 段）\n\n[1] 欧阳修, SMITH J. ${TITLE}[J]. 电影艺术, 2024, 12(3): 45-52.`,
  );
  await browser.page.keyboard.press('Escape');
});

test('the settings pick the citation style, and copying follows it', async () => {
  await app.goto('#/settings');
  const picker = browser.page.getByTestId('citation-style');
  await picker.waitFor();
  await picker.selectOption('apa');
  await browser.page.waitForFunction(async () => true);
  await browser.screenshot('references-settings-zh');
  const styles = await server.api('listCitationStyles');
  assert.equal(styles.current, 'apa');
  const c = await server.api('cite', { ids: [articleId] });
  assert.match(c.entries[0], /^欧阳修, & Smith, J\. \(2024\)\./);
  await picker.selectOption('gbt7714-numeric');
});

test('the editor in English', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await app.open('#/library');
  await browser.page.getByRole('button', { name: new RegExp(`${TITLE}`) }).first().waitFor();
  await browser.page.locator(`button[aria-label*="${TITLE}"]`).first().click();
  const d = browser.page.getByRole('dialog');
  await d.getByText('Item type').waitFor();
  await d.getByText('Journal / newspaper / site / book').waitFor();
  await browser.screenshot('references-editor-en');
  await d.getByRole('button', { name: 'Cancel' }).click();
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
