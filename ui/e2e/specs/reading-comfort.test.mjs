// Reading comfort: A+/A− keep the place, overlapping colours stay apart, the
// selection toolbar fits one row at 1024 px, toasts keep clear of the highlight
// editor, and the co-occurrence table stays usable at 1024 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

let server, browser, app, reader, articleId, page;
const SENTENCE = '研究者在阅读中反复比较材料，人机共生的写作方式改变了编辑的日常工作，判断仍然属于人。';
const paragraphs = Array.from({ length: 120 }, (_, i) => `第${i + 1}段。${SENTENCE.repeat(i % 3 === 0 ? 3 : 1)}`);
const text = ['阅读舒适度测试', ...paragraphs].join('\n');
/** Code-point offset of `needle` in the paragraph that begins 第k段 (drawn as #p{k+1}: the title is #p1). */
async function offsetOf(k, needle) {
  const { text } = await server.api('getArticle', { id: articleId });
  const at = text.indexOf(needle, text.indexOf(`第${k}段。`));
  return [...text.slice(0, at)].length;
}

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'comfort.txt', text);
  browser = await launchBrowser({ width: 1400, height: 900 });
  page = browser.page;
  app = new App(page, server);
  reader = new ReaderPage(page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const firstVisibleParagraph = () =>
  page.evaluate(() => {
    const top = document.querySelector('.reader-scroll').getBoundingClientRect().top;
    const para = [...document.querySelectorAll('.reader-text .para')].find((p) => p.getBoundingClientRect().bottom > top + 4);
    return Number(para.dataset.n);
  });

test('A+ and A− keep the paragraph at the top of the screen at the top', async () => {
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await page.evaluate(() => document.querySelector('#p61').scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(100);
  const start = await firstVisibleParagraph();
  for (const [button, times] of [['放大字号', 4], ['缩小字号', 4], ['缩小字号', 3]]) {
    for (let i = 0; i < times; i++) {
      await page.getByRole('button', { name: button }).click();
      await page.waitForTimeout(80);
    }
    assert.equal(await firstVisibleParagraph(), start, `after ${times} × ${button}`);
  }
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '放大字号' }).click(); // back to the default size
  await page.waitForTimeout(700); // the position save settles before the next test
});

test('green over pink stays two colours: a tint and a band', async () => {
  const at = await offsetOf(4, '人机共生');
  await server.api('addHighlight', { articleId, start: at - 6, end: at + 4, color: '#ec7fa4' });
  await server.api('addHighlight', { articleId, start: at, end: at + 12, color: '#5bb974' });
  await page.reload();
  await reader.waitDrawn();
  const overlap = reader.text.locator('.hl.overlap').first();
  await overlap.scrollIntoViewIfNeeded();
  assert.equal(await overlap.textContent(), '人机共生');
  // Sample the painted pixels: the body of the line keeps the pink tint, its foot is green.
  const shot = await overlap.screenshot();
  const { body, foot } = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    // A column between glyphs is hard to find; take the most common colour of a row instead.
    const mode = (y) => {
      const d = g.getImageData(0, y, img.width, 1).data;
      const seen = new Map();
      for (let i = 0; i < d.length; i += 4) {
        const k = `${d[i]},${d[i + 1]},${d[i + 2]}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      return [...seen.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
    };
    return { body: mode(2), foot: mode(img.height - 2) };
  }, shot.toString('base64'));
  const [r, gr, b] = foot;
  assert.ok(gr > r + 40 && gr > b + 20, `the foot of the overlap is green: ${foot}`);
  assert.ok(body[0] > body[1] + 20, `the body of the overlap keeps the pink tint: ${body}`);
  await browser.screenshot('reader-overlap-band');
});

async function selectAt1024(phrase) {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(150);
  await reader.selectWithMouse(phrase);
}

async function toolbarRows() {
  return reader.toolbar.evaluate((el) => {
    const line = el.querySelector('.toolbar-line');
    const tops = new Set([...line.children].map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2)));
    const box = el.getBoundingClientRect();
    return { rows: tops.size, right: box.right, vw: innerWidth };
  });
}

test('the selection toolbar fits one row at 1024 px, in Chinese and in English', async () => {
  await selectAt1024('改变了编辑的日常工作');
  let r = await toolbarRows();
  assert.equal(r.rows, 1, `toolbar rows: ${JSON.stringify(r)}`);
  assert.ok(r.right <= r.vw, 'inside the window');
  await browser.screenshot('selection-toolbar-1024');
  await page.keyboard.press('Escape');
  await server.api('setSetting', { key: 'language', value: 'en' });
  await page.reload();
  await reader.waitDrawn();
  await selectAt1024('改变了编辑的日常工作');
  r = await toolbarRows();
  assert.equal(r.rows, 1, `toolbar rows in English: ${JSON.stringify(r)}`);
  await browser.screenshot('selection-toolbar-1024-en');
  await page.keyboard.press('Escape');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
  await page.reload();
  await reader.waitDrawn();
});

test('toasts stack without covering the highlight editor’s buttons', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  // Three highlights: two to delete (two toasts), one to open near the bottom of the window.
  const ids = [];
  for (const n of [40, 43, 46]) {
    const at = await offsetOf(n - 1, '判断仍然属于人');
    ids.push((await server.api('addHighlight', { articleId, start: at, end: at + 7, color: '#5a9bef' })).id);
  }
  await page.reload();
  await reader.waitDrawn();
  const para = (n) => page.locator('.reader-text .para', { hasText: `第${n - 1}段。` });
  for (const n of [40, 43]) {
    await para(n).locator('.hl').first().scrollIntoViewIfNeeded();
    await para(n).locator('.hl').first().click();
    await reader.deleteOpenHighlight();
  }
  // The toast comes after the reload that follows the delete.
  await page.waitForFunction(() => document.querySelectorAll('.toast').length === 2);
  // Open the third so the editor opens below it and reaches the bottom of the window.
  const target = para(46).locator('.hl').first();
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' })); // not under the toasts
  await page.waitForTimeout(300);
  await target.click();
  await reader.editor.waitFor();
  const editorHeight = await reader.editor.evaluate((el) => el.offsetHeight);
  await page.keyboard.press('Escape');
  const hlBottom = (await target.boundingBox()).y + (await target.boundingBox()).height;
  await page.locator('.reader-scroll').evaluate((el, dy) => (el.scrollTop += dy), hlBottom - (700 - 8 - editorHeight - 6));
  // Scrolling closes an open editor: let the scroll settle, and click again if a late scroll event closed it.
  for (let attempt = 0; attempt < 3 && !(await reader.editor.isVisible()); attempt++) {
    await page.waitForTimeout(300);
    await target.click();
    await reader.editor.waitFor({ timeout: 3000 }).catch(() => {});
  }
  await reader.editor.waitFor();
  await page.waitForTimeout(100);
  const { buttons, toasts } = await page.evaluate(() => ({
    buttons: [...document.querySelectorAll('[data-testid="highlight-editor"] .dialog-actions button')].map((b) => b.getBoundingClientRect().toJSON()),
    toasts: [...document.querySelectorAll('.toast')].map((t) => t.getBoundingClientRect().toJSON()),
  }));
  assert.equal(toasts.length, 2, 'both toasts still show');
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const b of buttons) for (const t of toasts) assert.ok(!hit(b, t), `a toast ${JSON.stringify(t)} covers a button ${JSON.stringify(b)}`);
  assert.ok(!hit(toasts[0], toasts[1]), 'the toasts stack');
  await page.screenshot({ path: new URL('../screenshots/toasts-beside-editor.png', import.meta.url).pathname });
  await page.keyboard.press('Escape');
});

test('co-occurrence at 1024 px: headers readable, a cell brings its passages into view', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const names = ['人机共生', '人机协作', '版权伦理', '技术焦虑', '产业变革', '创作主体', '平台责任', '算法治理', '影视工业', '教育应用', '数据隐私', '就业冲击'];
  // Each paragraph coded with two neighbouring themes: every theme meets the next.
  for (let i = 0; i < names.length; i++) {
    const at = await offsetOf(70 + i, '人机共生');
    await server.api('addHighlight', { articleId, start: at, end: at + 4, themes: [names[i], names[(i + 1) % names.length]] });
  }
  await app.goto('#/analysis?tab=cooccurrence');
  const table = page.getByTestId('cooccurrence-matrix');
  await table.waitFor();
  await browser.screenshot('cooccurrence-1024');
  // Every column header shows its whole name, inside the window.
  const heads = await table.locator('thead th.article-col').evaluateAll((ths) =>
    ths.map((th) => {
      const s = th.querySelector('span');
      return { text: s.textContent, clipped: s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1, right: th.getBoundingClientRect().right };
    }),
  );
  for (const h of heads) assert.equal(h.clipped, false, `header ${h.text} is cut`);
  assert.ok(Math.max(...heads.map((h) => h.right)) <= 1024, 'the table fits the window');
  await browser.screenshot('cooccurrence-1024');
  // The last row's cell: its passages open below the table, out of sight without scrolling.
  await table.locator('tbody tr').last().getByTestId('pair-cell').first().click();
  const list = page.getByTestId('cell-passages');
  await list.waitFor();
  await page.waitForTimeout(300);
  const box = await list.locator('h2').boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 700, `the passages' heading is in view: ${JSON.stringify(box)}`);
  await browser.screenshot('cooccurrence-passages-1024');
});
