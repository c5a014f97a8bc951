// Room for the text: at every window width from 1024 to 1920 px, with focus
// mode on and off, the reading text keeps a comfortable measure (25–40 CJK
// characters a line); the notes panel steps aside when it would squeeze it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

let server, browser, app, reader, articleId;

const SENTENCE = '研究者在阅读中反复比较材料，人机共生的写作方式改变了编辑的日常工作，判断仍然属于人。';

before(async () => {
  server = await startServer();
  const paragraphs = Array.from({ length: 30 }, (_, i) => `第${i + 1}段。${SENTENCE.repeat(4)}`);
  articleId = await importText(server, 'layout.txt', ['版面测试', ...paragraphs].join('\n'));
  // A note so the notes panel has something to show.
  await server.api('addHighlight', { articleId, start: 10, end: 20, themes: ['人机共生'], note: '编辑的判断' });
  browser = await launchBrowser({ width: 1400, height: 900 });
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Characters on the fullest line of paragraph `n` (lines are told apart by their top). */
function charsPerLine(n) {
  return browser.page.evaluate((n) => {
    const p = document.querySelector(`#p${n}`);
    p.scrollIntoView({ block: 'center' });
    const counts = [];
    let lineTop = -Infinity;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      for (let i = 0; i < t.data.length; i++) {
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const box = r.getClientRects()[0];
        if (!box) continue;
        if (box.top > lineTop + box.height / 2) {
          counts.push(0);
          lineTop = box.top;
        }
        counts[counts.length - 1]++;
      }
    }
    // The first line is indented and the last one short: the middle ones are the measure.
    return Math.max(...counts.slice(1, -1));
  }, n);
}

const notesShown = () => reader.notes.isVisible();
const notesOverlay = () => reader.notes.evaluate((el) => el.classList.contains('overlay'));

async function atWidth(width, height) {
  await browser.page.setViewportSize({ width, height });
  await browser.page.waitForTimeout(150);
}

test('the measure stays at 25–40 characters a line from 1024 to 1920 px, focus mode on and off', async () => {
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  const seen = [];
  for (const [width, height] of [[1024, 700], [1280, 800], [1400, 900], [1920, 1080]]) {
    await atWidth(width, height);
    for (const focus of [false, true]) {
      const pressed = (await browser.page.getByTestId('focus-mode').getAttribute('aria-pressed')) === 'true';
      if (pressed !== focus) await browser.page.getByTestId('focus-mode').click();
      const n = await charsPerLine(5);
      seen.push(`${width}${focus ? ' focus' : ''}: ${n}`);
      assert.ok(n >= 25 && n <= 40, `${n} characters a line at ${width} px, focus ${focus}`);
    }
    await browser.page.getByTestId('focus-mode').click(); // off again
  }
  console.log(seen.join('; '));
});

test('at 1400 px the notes sit beside the text; at 1024 px they open over it on demand', async () => {
  await atWidth(1400, 900);
  assert.equal(await notesShown(), true);
  assert.equal(await notesOverlay(), false);
  await browser.screenshot('layout-1400');

  await atWidth(1024, 700);
  assert.equal(await notesShown(), false, 'no room beside the text: the panel steps aside');
  const sidebar = await browser.page.locator('nav.sidebar').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(sidebar <= 70, `the sidebar keeps only its icons (${sidebar} px)`);
  await browser.screenshot('layout-1024');
  await browser.page.getByTestId('toggle-notes').click();
  await reader.notes.waitFor();
  assert.equal(await notesOverlay(), true);
  // The text behind keeps its measure.
  const n = await charsPerLine(5);
  assert.ok(n >= 25, `${n} characters a line under the overlay`);
  await browser.screenshot('layout-1024-notes');
  await browser.page.keyboard.press('Escape');
  await reader.notes.waitFor({ state: 'detached' });
  // Going to a note from the overlay puts the overlay away, so the passage is not under it.
  await browser.page.getByTestId('toggle-notes').click();
  await reader.notes.getByTestId('note-jump').first().click();
  await reader.notes.waitFor({ state: 'detached' });
  assert.match(await reader.flashedParagraphText(), /研究者/);
});

test('F toggles focus mode: the sidebar and the notes step aside, and the key is in the help', async () => {
  await atWidth(1400, 900);
  await browser.page.locator('.reader-bar-title').click();
  await browser.page.keyboard.press('f');
  await browser.page.locator('.shell.focus').waitFor();
  assert.equal(await browser.page.locator('nav.sidebar').isVisible(), false);
  assert.equal(await notesShown(), false);
  assert.equal(await browser.page.getByTestId('focus-mode').getAttribute('aria-pressed'), 'true');
  assert.match(await reader.keysHint.textContent(), /F 切换专注模式/);
  await browser.screenshot('layout-focus');
  // Typing an F into a field is just a letter.
  await browser.page.getByTestId('open-find').click();
  await browser.page.getByTestId('find-input').pressSequentially('f');
  assert.equal(await browser.page.locator('.shell.focus').count(), 1);
  await browser.page.keyboard.press('Escape');
  await browser.page.locator('.reader-bar-title').click();
  await browser.page.keyboard.press('f');
  await browser.page.locator('.shell.focus').waitFor({ state: 'detached' });
  assert.equal(await notesShown(), true);
});

test('dark mode at 1024 px and in English', async () => {
  await server.api('setSetting', { key: 'appearance', value: 'dark' });
  await server.api('setSetting', { key: 'language', value: 'en' });
  await browser.page.reload();
  await reader.waitDrawn();
  await atWidth(1024, 700);
  assert.match(await reader.keysHint.textContent(), /F toggles focus mode/);
  await browser.screenshot('layout-1024-dark-en');
  await server.api('setSetting', { key: 'appearance', value: 'light' });
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
