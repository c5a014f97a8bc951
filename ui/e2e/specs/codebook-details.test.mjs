// The code book in full: each theme's description, keywords (chips), colour
// (palette or any colour) and memo (Markdown, previewed), all saved through
// the undo log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { CodeBookPage } from '../pages/CodeBookPage.mjs';

let server, browser, app, codebook, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 1400, height: 900 });
  page = browser.page;
  app = new App(page, server);
  codebook = new CodeBookPage(page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const themeNamed = async (name) => (await server.api('listThemes')).find((t) => t.name === name);

test('a bundled theme shows its description and keywords', async () => {
  const bundled = (await server.api('listThemes')).find((t) => t.description && t.keywords.length);
  assert.ok(bundled, 'the bundled code book has a theme with a description and keywords');
  await app.open('#/themes');
  await codebook.select(bundled.name);
  assert.equal(await codebook.detail.getByTestId('theme-description').inputValue(), bundled.description);
  assert.deepEqual(await codebook.detail.getByTestId('keyword-chip').evaluateAll((cs) => cs.map((c) => c.firstChild.textContent.trim())), bundled.keywords);
  await browser.screenshot('codebook-details');
});

test('description, keywords, a palette colour and a Markdown memo are saved, and undone from the toast', async () => {
  await codebook.create('平台责任研究');
  await codebook.select('平台责任研究');
  const before = await themeNamed('平台责任研究');
  await codebook.detail.getByTestId('theme-description').fill('平台对推荐结果承担的责任。');
  const keywords = codebook.detail.getByTestId('keyword-input');
  await keywords.fill('推荐算法');
  await keywords.press('Enter');
  await keywords.fill('平台，问责');
  await keywords.press('Enter');
  await keywords.fill('多余');
  await keywords.press('Enter');
  await codebook.detail.getByRole('button', { name: '移除关键词 多余' }).click();
  await codebook.detail.getByRole('radio', { name: '青色' }).click();
  await codebook.detail.getByLabel('主题备忘').fill('平台的**义务**：\n\n- 公开规则');
  await codebook.detail.getByTestId('memo-preview-toggle').click();
  const preview = codebook.detail.getByTestId('memo-preview');
  assert.equal(await preview.locator('strong').textContent(), '义务');
  assert.equal(await preview.locator('li').textContent(), '公开规则');
  await browser.screenshot('codebook-memo-preview');
  await codebook.detail.getByRole('button', { name: '保存' }).click();
  await app.toast('主题已保存').waitFor();
  const saved = await themeNamed('平台责任研究');
  assert.equal(saved.description, '平台对推荐结果承担的责任。');
  assert.deepEqual(saved.keywords, ['推荐算法', '平台', '问责']);
  assert.equal(saved.color, '#3fb4ae');
  assert.match(saved.memo, /\*\*义务\*\*/);

  await app.undoFromToast();
  await page.waitForFunction(async () => true);
  for (let i = 0; i < 20 && (await themeNamed('平台责任研究')).description !== before.description; i++) await page.waitForTimeout(100);
  const undone = await themeNamed('平台责任研究');
  assert.equal(undone.description, before.description);
  assert.deepEqual(undone.keywords, before.keywords);
  assert.equal(undone.color, before.color);
  // The form shows what the theme is again.
  await page.waitForFunction(() => document.querySelector('[data-testid="theme-description"]')?.value === '');
});

test('any colour can be typed or picked, not only the palette', async () => {
  await codebook.select('平台责任研究');
  const hex = codebook.detail.getByTestId('hex-color');
  await hex.fill('#123abc');
  await hex.press('Enter');
  assert.equal(await codebook.detail.getByTestId('custom-color').inputValue(), '#123abc');
  // Not a colour: the field goes back to the one there was.
  await hex.fill('蓝色');
  await hex.press('Enter');
  assert.equal(await hex.inputValue(), '#123abc');
  await codebook.detail.getByRole('button', { name: '保存' }).click();
  await app.toast('主题已保存').waitFor();
  assert.equal((await themeNamed('平台责任研究')).color, '#123abc');
  await page.setViewportSize({ width: 1024, height: 700 });
  await browser.screenshot('codebook-details-1024');
});

test('dark and English', async () => {
  await server.api('setSetting', { key: 'appearance', value: 'dark' });
  await server.api('setSetting', { key: 'language', value: 'en' });
  await page.reload();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.locator('.theme-row', { hasText: '平台责任研究' }).locator('.theme-select').click();
  await codebook.detail.getByText('Keywords').waitFor();
  await browser.screenshot('codebook-details-dark-en');
  await server.api('setSetting', { key: 'appearance', value: 'light' });
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
