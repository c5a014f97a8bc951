// Putting an orphaned highlight back at a selected passage (and undoing it), and
// making a highlight with the keyboard alone: focus a paragraph, select by jieba
// words and characters, open the toolbar, pick a theme and a colour.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { ARTICLE } from '../fixtures/article.mjs';

const OLD = '慢读是一种抵抗';
const NEW = '细读本身就是一种反抗';
const REWRITTEN = '最后，细读本身就是一种反抗：停下来，做批注，把注意力交还给自己。';

const KEYS_ARTICLE = ['键盘标注', '第一段只是开头。', '人机共生的写作方式，正在改变编辑的日常工作。'].join('\n');
const WORD = '人机共生'; // one word to jieba (bundled dictionary); Chromium's own word steps stop after 人机
const THEME = '键盘';
const GREEN = '#5bb974';

let server, browser, app, reader;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Code-point offsets of `phrase` in `text`, as the core counts. */
function offsetsOf(text, phrase) {
  const start = [...text.slice(0, text.indexOf(phrase))].length;
  return { start, end: start + [...phrase].length };
}

test('an orphaned highlight is placed on a passage selected with the mouse, undone, redone, and stays after a reload', async () => {
  const articleId = await importText(server, 'orphans.txt', ARTICLE);
  const { text } = await server.api('getArticle', { id: articleId });
  await server.api('addHighlight', { articleId, ...offsetsOf(text, OLD), note: '作者后来改写了这句' });
  const outcome = await server.api('editArticleText', { id: articleId, text: text.replace(/最后，.*$/, REWRITTEN) });
  assert.equal(outcome.orphans.length, 1, JSON.stringify(outcome));

  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.orphans.first().waitFor();
  assert.equal(await reader.orphans.count(), 1);
  assert.equal(await reader.text.locator('.hl').count(), 0, 'an orphan is not drawn');

  // Without a selection the button stays reachable and says what to do instead of doing nothing.
  const place = reader.placeButton(OLD);
  assert.equal(await place.getAttribute('aria-disabled'), 'true');
  assert.match(await reader.placeHint.innerText(), /先在正文中选中/);
  await place.focus();
  await browser.page.keyboard.press('Enter');
  await app.toast('请先在正文中选中要放置的文字').waitFor();
  assert.equal((await server.api('listOrphans', { articleId })).length, 1);

  await reader.selectWithMouse(NEW);
  assert.equal(await place.getAttribute('aria-disabled'), 'false');
  assert.match(await reader.placeHint.innerText(), new RegExp(`将放到：“${NEW}”`));
  await browser.screenshot('reader-orphan');
  await place.click();

  // Drawn at the new place (after 𠮷 and 😀: code-point offsets), and listed with the other notes.
  await reader.highlights(NEW).first().waitFor();
  assert.equal(await reader.highlights(NEW).first().innerText(), NEW);
  await reader.orphans.first().waitFor({ state: 'detached' });
  assert.equal(await reader.notes.locator('.orphans').count(), 0);
  await reader.notes.getByTestId('note-jump').filter({ hasText: NEW }).waitFor();
  const [placed] = await server.api('listHighlights', { articleId });
  const now = (await server.api('getArticle', { id: articleId })).text;
  assert.deepEqual({ start: placed.start, end: placed.end, orphan: placed.orphan }, { ...offsetsOf(now, NEW), orphan: false });
  assert.equal(placed.note, '作者后来改写了这句');
  assert.equal((await server.api('listOrphans', { articleId })).length, 0);
  assert.ok(await reader.highlights(NEW).first().evaluate((el) => el === document.activeElement), 'the focus went to the placed highlight');

  // Placing is one step in the history: undo from the toast, redo with the keyboard.
  await app.undoFromToast();
  await reader.orphans.first().waitFor();
  assert.equal(await reader.text.locator('.hl').count(), 0);
  assert.equal((await server.api('listOrphans', { articleId })).length, 1);
  await browser.page.keyboard.press('Control+Shift+z');
  await reader.highlights(NEW).first().waitFor();
  await reader.orphans.first().waitFor({ state: 'detached' });

  await browser.page.reload();
  await reader.waitDrawn();
  assert.equal(await reader.highlights(NEW).first().innerText(), NEW);
  assert.equal(await reader.orphans.count(), 0);
});

test('a highlight is made with the keyboard alone: a paragraph, jieba words, the toolbar, a theme and a colour', async () => {
  const articleId = await importText(server, 'keyboard.txt', KEYS_ARTICLE);
  const paragraphs = (await server.api('getArticle', { id: articleId })).text.split('\n');
  const target = paragraphs.findIndex((p) => p.startsWith(WORD)) + 1;

  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await browser.page.evaluate(() => {
    window.mouseEvents = [];
    for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click', 'dblclick']) {
      // A click from the keyboard (Enter, Space on a button) has detail 0; a mouse click does not.
      addEventListener(type, (e) => { if (type !== 'click' || e.detail > 0) window.mouseEvents.push(type); }, true);
    }
  });

  // Tab reaches the text at the paragraph in view; the keys are told there.
  await reader.pressUntilFocused('Tab', '.reader-text .para');
  const focused = browser.page.locator('.reader-text .para:focus');
  assert.ok(await focused.evaluate((el) => el.matches(':focus-visible')), 'a visible focus ring');
  assert.equal(await focused.getAttribute('aria-describedby'), 'reader-keys');
  await reader.keysHint.waitFor({ state: 'visible' });
  assert.match(await reader.keysHint.innerText(), /Shift\+←\/→ 逐字选择/);
  await browser.page.locator('.text-caret').waitFor();

  // Ctrl+↓ goes paragraph by paragraph, the focus following.
  const from = Number(await focused.getAttribute('data-n'));
  for (let n = from; n < target; n++) await browser.page.keyboard.press('Control+ArrowDown');
  await browser.page.locator(`#p${target}:focus`).waitFor();

  await browser.page.keyboard.press('Control+Shift+ArrowRight');
  await reader.waitSelected(WORD);
  await browser.page.keyboard.press('Shift+ArrowRight');
  await reader.waitSelected(`${WORD}的`);
  await browser.page.keyboard.press('Shift+ArrowLeft');
  await reader.waitSelected(WORD);
  assert.equal(await reader.toolbar.count(), 0, 'selecting alone does not open the toolbar');
  await browser.screenshot('reader-keyboard'); // no toast yet: nothing to close with the mouse

  // Enter opens the toolbar on its first colour; Escape goes back to the selection.
  await browser.page.keyboard.press('Enter');
  await reader.toolbar.waitFor();
  assert.equal(await browser.page.evaluate(() => document.activeElement.getAttribute('aria-label')), '黄色');
  await browser.page.keyboard.press('Escape');
  await reader.toolbar.waitFor({ state: 'detached' });
  await browser.page.locator(`#p${target}:focus`).waitFor();
  assert.equal(await reader.selectedText(), WORD);

  await browser.page.keyboard.press('Enter');
  await reader.toolbar.waitFor();
  await reader.pressUntilFocused('Tab', '[data-testid="toolbar-more"]');
  await browser.page.keyboard.press('Enter');
  await reader.pressUntilFocused('Tab', '[data-testid="theme-input"]');
  await browser.page.keyboard.type(THEME);
  await browser.page.keyboard.press('Enter');
  await reader.toolbar.locator('.chip', { hasText: THEME }).waitFor();
  await reader.pressUntilFocused('Shift+Tab', '.selection-toolbar .swatch[aria-label="绿色"]');
  await browser.page.keyboard.press('Space');
  assert.equal(await browser.page.evaluate(() => document.activeElement.getAttribute('aria-checked')), 'true');
  await reader.pressUntilFocused('Tab', '[data-testid="save-highlight"]');
  await browser.page.keyboard.press('Enter');
  await reader.toolbar.waitFor({ state: 'detached' });

  await reader.highlights(WORD).first().waitFor();
  assert.equal(await reader.highlights(WORD).first().innerText(), WORD);
  const [saved] = await server.api('listHighlights', { articleId });
  assert.equal(saved.exact, WORD);
  assert.deepEqual(saved.themes, [THEME]);
  assert.equal(saved.color, GREEN);
  assert.ok(await reader.highlights(WORD).first().evaluate((el) => el === document.activeElement), 'the focus is on the new highlight');

  // Enter on the highlight opens its editor with the focus inside; Escape gives it back.
  await browser.page.keyboard.press('Enter');
  const editor = browser.page.getByTestId('highlight-editor');
  await editor.waitFor();
  assert.ok(await editor.evaluate((el) => el.contains(document.activeElement)), 'the focus is in the editor');
  await browser.page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
  await browser.page.waitForFunction((word) => document.activeElement?.matches('.hl') && document.activeElement.textContent === word, WORD);
  assert.deepEqual(await browser.page.evaluate(() => window.mouseEvents), [], 'no mouse events');
});

test('Tab enters a long text where the reader is, and a caret left out of sight starts again in view', async () => {
  const paragraphs = Array.from({ length: 60 }, (_, i) => `第${i + 1}段。研究者在阅读中反复比较材料，判断仍然属于人。`);
  const articleId = await importText(server, 'long-keyboard.txt', ['长文键盘测试', ...paragraphs].join('\n'));
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  const scrollTo = (n) => browser.page.evaluate((n) => document.querySelector(`#p${n}`).scrollIntoView({ block: 'start' }), n);

  await scrollTo(40);
  // The Tab stop follows the reading position once scrolling has settled.
  await browser.page.waitForFunction(() => document.querySelector('#p40').tabIndex === 0);
  await browser.page.getByRole('button', { name: '笔记栏' }).focus();
  await browser.page.keyboard.press('Tab');
  await browser.page.locator('#p40:focus').waitFor();
  await browser.page.keyboard.press('Shift+ArrowRight');
  await browser.page.keyboard.press('Shift+ArrowRight');
  await reader.waitSelected('第4');

  // Escape leaves a caret; after scrolling away from it, selecting starts at the top of the view.
  await browser.page.keyboard.press('Escape');
  assert.equal(await reader.selectedText(), '');
  await scrollTo(12);
  for (let i = 0; i < 3; i++) await browser.page.keyboard.press('Shift+ArrowRight');
  await reader.waitSelected('第12');
  await browser.page.locator('#p12:focus').waitFor();
});

test('no errors reached the console', () => {
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
