// Issue #15, sub-themes under one rule: the theme page includes its sub-themes'
// passages by default behind a visible switch, and the code book's counts do not
// count a passage twice when it carries a parent and a child theme.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';

const TEXT = '子主题测试\n甲骨上的卜辞记录了占卜。\n殷墟出土大量甲骨。\n学者考释文字。';
let server, browser, app, parent;

before(async () => {
  server = await startServer();
  const articleId = await importText(server, 'sub.txt', TEXT);
  parent = await server.api('addTheme', { name: '甲骨研究' });
  await server.api('addTheme', { name: '卜辞考释', parentId: parent.id });
  const { text } = await server.api('getArticle', { id: articleId });
  const at = (s) => {
    const start = [...text.slice(0, text.indexOf(s))].length;
    return { articleId, start, end: start + [...s].length, exact: s };
  };
  // One passage with parent and child, one with the child only, one with the parent only.
  await server.api('addHighlight', { ...at('卜辞记录了占卜'), themes: ['甲骨研究', '卜辞考释'] });
  await server.api('addHighlight', { ...at('考释文字'), themes: ['卜辞考释'] });
  await server.api('addHighlight', { ...at('殷墟出土'), themes: ['甲骨研究'] });
  browser = await launchBrowser();
  app = new App(browser.page, server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const page = () => browser.page;

test('the code book counts a passage with a parent and a child theme once', async () => {
  const themes = await server.api('listThemes');
  const mine = themes.find((t) => t.name === '甲骨研究');
  assert.deepEqual([mine.highlightCount, mine.branchCount], [2, 3]);
  await app.open('#/themes');
  const row = page().getByRole('treeitem').filter({ hasText: '甲骨研究' });
  // 2 of its own; 3 passages in the branch (2 + 2 would count the shared one twice).
  assert.equal((await row.getByTestId('theme-count').textContent()).trim(), '2 / 3');
  await browser.screenshot('codebook-branch-count');
});

test('the theme page includes sub-themes by default, behind a visible switch', async () => {
  await app.goto(`#/theme/${parent.id}`);
  const count = page().getByTestId('theme-passage-count');
  const toggle = page().getByRole('switch', { name: '包含子主题' });
  await toggle.waitFor();
  assert.equal(await toggle.isChecked(), true);
  await page().waitForFunction(() => document.querySelectorAll('.passage').length === 3);
  assert.match(await count.textContent(), /3 处段落/);
  const passages = await page().locator('.passage blockquote').allTextContents();
  assert.deepEqual([...passages].sort(), ['卜辞记录了占卜', '殷墟出土', '考释文字'].sort(), 'the shared passage shows once');
  await browser.screenshot('theme-page-subthemes');

  await toggle.uncheck();
  await page().waitForFunction(() => document.querySelectorAll('.passage').length === 2);
  assert.match(await count.textContent(), /2 处段落/);
  assert.deepEqual((await page().locator('.passage blockquote').allTextContents()).sort(), ['卜辞记录了占卜', '殷墟出土'].sort());
});

test('the switch speaks English too', async () => {
  await server.api('setSetting', { key: 'language', value: 'en' });
  await page().reload();
  const toggle = page().getByRole('switch', { name: 'Include sub-themes' });
  await toggle.waitFor();
  assert.equal(await toggle.isChecked(), true);
  await page().waitForFunction(() => document.querySelectorAll('.passage').length === 3);
  await browser.screenshot('theme-page-subthemes-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
