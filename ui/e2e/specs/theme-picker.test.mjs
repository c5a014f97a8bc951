// The theme picker while highlighting: the whole code book as a tree,
// searchable, recently used first, arrows + Enter, and "new theme" from what
// was typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { ARTICLE } from '../fixtures/article.mjs';

let server, browser, app, reader, page, articleId;

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'picker.txt', ARTICLE);
  browser = await launchBrowser({ width: 1400, height: 900 });
  page = browser.page;
  app = new App(page, server);
  reader = new ReaderPage(page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const input = () => reader.toolbar.getByTestId('theme-input');
const optionNames = () => reader.toolbar.getByTestId('theme-option').evaluateAll((os) => os.map((o) => o.querySelector('.theme-option-name')?.textContent ?? o.textContent.trim()));

test('every theme is listed as a tree, sub-themes under their parents', async () => {
  const themes = await server.api('listThemes');
  assert.ok(themes.length > 6, `the bundled code book has ${themes.length} themes`);
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.selectWithMouse('算法推荐');
  await reader.openThemesAndNote();
  const names = await optionNames();
  assert.equal(names.length, themes.length, `all ${themes.length} themes: ${names.join(' ')}`);
  const child = themes.find((t) => t.parentId !== null);
  const parent = themes.find((t) => t.id === child.parentId);
  assert.ok(names.indexOf(child.name) > names.indexOf(parent.name), `${child.name} comes under ${parent.name}`);
  const indent = await reader.toolbar.getByTestId('theme-option').filter({ hasText: child.name }).evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
  const flush = await reader.toolbar.getByTestId('theme-option').filter({ hasText: parent.name }).first().evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
  assert.ok(indent > flush, 'the sub-theme is indented');
  await browser.screenshot('theme-picker-tree');
});

test('typing filters, arrows and Enter pick, and a new name becomes a new theme', async () => {
  await input().pressSequentially('职业');
  const names = await optionNames();
  assert.equal(names[0], '职业替代');
  assert.ok(names.includes('新职业与新能力'));
  assert.match(names[names.length - 1], /新建主题“职业”/);
  // The sub-theme shows where it sits.
  assert.match(await reader.toolbar.getByTestId('theme-option').filter({ hasText: '新职业与新能力' }).textContent(), /职业替代 › 新职业与新能力/);
  await browser.screenshot('theme-picker-search');
  await input().press('ArrowDown');
  await input().press('Enter');
  await input().pressSequentially('平台问责');
  await input().press('Enter');
  const chips = await reader.toolbar.locator('.chip').evaluateAll((cs) => cs.map((c) => c.firstChild.textContent.trim()));
  assert.deepEqual(chips, ['新职业与新能力', '平台问责']);
  await reader.saveHighlight();
  const [h] = await server.api('listHighlights', { articleId });
  assert.deepEqual(h.themes.sort(), ['平台问责', '新职业与新能力'].sort());
  assert.ok((await server.api('listThemes')).some((t) => t.name === '平台问责'), 'the new theme exists');
});

test('recently used themes come first next time', async () => {
  await reader.selectWithMouse('人机共生');
  await reader.openThemesAndNote();
  const names = await optionNames();
  assert.deepEqual(names.slice(0, 2), ['平台问责', '新职业与新能力']);
  assert.equal(await reader.toolbar.locator('.theme-options-head').first().textContent(), '最近用过');
  await page.keyboard.press('Escape');
});

test('traditional characters find the simplified theme, as search does', async () => {
  await reader.selectWithMouse('算法推荐');
  await reader.openThemesAndNote();
  await input().pressSequentially('版權');
  await page.waitForFunction(() => document.querySelector('[data-testid="theme-option"] .theme-option-name')?.textContent === '版权伦理');
  assert.equal((await optionNames())[0], '版权伦理');
  await page.keyboard.press('Escape');
});

test('at 1024 px, dark and English', async () => {
  await server.api('setSetting', { key: 'appearance', value: 'dark' });
  await server.api('setSetting', { key: 'language', value: 'en' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.reload();
  await reader.waitDrawn();
  await reader.selectWithMouse('人机共生');
  await reader.openThemesAndNote();
  await input().pressSequentially('人机');
  assert.match((await optionNames()).join(' '), /New theme “人机”|人机共生/);
  await browser.screenshot('theme-picker-1024-dark-en');
  await server.api('setSetting', { key: 'appearance', value: 'light' });
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
