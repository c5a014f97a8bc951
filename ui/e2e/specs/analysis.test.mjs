// Analysis: the theme × article heat map, co-occurrence, key terms, the
// concordance (also from the reader) and accepting a suggested passage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { AnalysisPage } from '../pages/AnalysisPage.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';

const TERM = '影视';
const THEME_A = '产业变革';
const THEME_B = '职业替代';

let server, browser, app, analysis, article, firstSpan;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = new App(browser.page, server);
  analysis = new AnalysisPage(browser.page);
  // A bundled article that uses the term; two coded passages in it, the first with both themes.
  for (const summary of await server.api('listArticles')) {
    const a = await server.api('getArticle', { id: summary.id });
    if (a.text.includes(TERM)) {
      article = a;
      break;
    }
  }
  assert.ok(article, `a bundled article mentions ${TERM}`);
  // The second occurrence, so the reader test can still select a first one that is not highlighted.
  const at = article.text.indexOf(TERM, article.text.indexOf(TERM) + TERM.length);
  firstSpan = { start: at, end: at + 12 };
  await server.api('addHighlight', { articleId: article.id, ...firstSpan, themes: [THEME_A, THEME_B] });
  const second = article.text.indexOf('\n', firstSpan.end) + 1;
  await server.api('addHighlight', { articleId: article.id, start: second, end: second + 10, themes: [THEME_A] });
  // A little coding in two other articles, so the heat map has more than one column.
  const others = (await server.api('listArticles')).filter((a) => a.id !== article.id).slice(0, 2);
  for (const [i, other] of others.entries()) {
    for (let k = 0; k <= i; k++) {
      await server.api('addHighlight', { articleId: other.id, start: 20 * k, end: 20 * k + 8, themes: [k ? '版权伦理' : THEME_B, '技术局限'] });
    }
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('clicking a heat-map cell lists its passages with links to the spot', async () => {
  await app.open('#/analysis');
  const cell = analysis.matrixCell(THEME_A, article.title);
  assert.equal((await cell.innerText()).trim(), '2');
  // The cell wears the theme's colour, stronger than an empty cell.
  const bg = await cell.evaluate((b) => getComputedStyle(b.parentElement).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)');
  await cell.focus();
  await browser.page.keyboard.press('Enter');
  await analysis.cellPassages.waitFor();
  const links = analysis.cellPassages.getByTestId('cell-passage');
  assert.equal(await links.count(), 2);
  const passageText = article.text.slice(firstSpan.start, firstSpan.end);
  const first = links.filter({ hasText: passageText });
  assert.equal(await first.getAttribute('href'), `#/article/${article.id}?at=${firstSpan.start}&len=12`);
  await browser.screenshot('analysis');
});

test('co-occurrence counts the passage coded with both themes, one click from it', async () => {
  await analysis.tab('cooccurrence');
  const cell = analysis.pairCell(THEME_A, THEME_B);
  assert.equal((await cell.innerText()).trim(), '1');
  await cell.click();
  await analysis.cellPassages.getByTestId('cell-passage').first().waitFor();
  assert.match(await analysis.cellPassages.innerText(), new RegExp(article.text.slice(firstSpan.start, firstSpan.end)));
});

test('key terms follow the chosen scope and method; a term opens its concordance', async () => {
  await analysis.tab('terms');
  await analysis.keyTerms.locator('.key-term').first().waitFor();
  // A theme's passages with TextRank: the list is the API's answer for that scope, not the library's.
  const theme = (await server.api('listThemes')).find((t) => t.name === THEME_A);
  const expected = (await server.api('keyTerms', { themeId: theme.id, method: 'textrank', limit: 40 })).map((k) => k.term);
  await browser.page.getByTestId('terms-scope').selectOption({ label: THEME_A });
  await browser.page.getByTestId('terms-method').selectOption('textrank');
  await browser.page.waitForFunction(
    (want) => [...document.querySelectorAll('.key-term-word')].map((e) => e.textContent).join('|') === want,
    expected.join('|'),
  );
  const firstTerm = analysis.keyTerms.locator('.key-term').first();
  await firstTerm.waitFor();
  const word = (await firstTerm.locator('.key-term-word').innerText()).trim();
  await firstTerm.click();
  await analysis.kwicCount.waitFor();
  assert.equal(await browser.page.getByTestId('kwic-input').inputValue(), word);
  assert.ok((await analysis.kwicRows.count()) >= 1, `${word} has concordance lines`);
});

test(`the concordance of ${TERM} aligns every occurrence and opens at the spot`, async () => {
  await analysis.concordance(TERM, 'left');
  const rows = await analysis.kwicRows.count();
  const expected = (await server.api('kwic', { term: TERM })).length;
  assert.ok(rows > 3, `several lines (${rows})`);
  assert.equal(rows, expected);
  const lefts = await analysis.matchLefts();
  assert.ok(Math.max(...lefts) - Math.min(...lefts) < 1.5, `matches start at one x: ${Math.min(...lefts)}..${Math.max(...lefts)}`);
  for (const m of await browser.page.locator('.kwic-match').allInnerTexts()) assert.equal(m, TERM);
  await browser.screenshot('analysis-kwic');
  await analysis.kwicRows.first().click();
  await browser.page.waitForFunction(() => location.hash.startsWith('#/article/') && location.hash.includes('at='));
});

test('a word selected in the reader opens its concordance', async () => {
  const reader = new ReaderPage(browser.page);
  await app.open(`#/article/${article.id}`);
  await reader.waitDrawn();
  await reader.selectWithMouse(TERM);
  await reader.toolbar.getByTestId('toolbar-kwic').click();
  await analysis.kwicCount.waitFor();
  assert.equal(await browser.page.getByTestId('kwic-input').inputValue(), TERM);
  assert.ok((await analysis.kwicRows.count()) > 3);
});

test('accepting a suggestion makes a highlight with the theme; a dismissed one stays away', async () => {
  const before = await server.api('listHighlights', {});
  await app.goto('#/analysis');
  await analysis.suggestFor(THEME_A);
  await analysis.suggestions.first().waitFor();
  const dismissedText = await analysis.suggestions.first().locator('.passage-text').innerText();
  await analysis.suggestions.first().getByTestId('dismiss-suggestion').click();
  await analysis.suggestions.filter({ hasText: dismissedText }).waitFor({ state: 'detached' });

  const acceptedText = await analysis.suggestions.first().locator('.passage-text').innerText();
  await analysis.suggestions.first().getByTestId('accept-suggestion').click();
  // The dismissal has its own (undo) toast: wait for the one the accept gives.
  await app.toast(`已加入主题「${THEME_A}」`).waitFor();
  const after = await server.api('listHighlights', {});
  assert.equal(after.length, before.length + 1);
  const added = after.find((h) => !before.some((b) => b.id === h.id));
  assert.deepEqual(added.themes, [THEME_A]);
  assert.equal(added.exact.trim(), acceptedText.trim());

  // Asked again, neither the dismissed nor the accepted sentence comes back.
  const theme = (await server.api('listThemes')).find((t) => t.name === THEME_A);
  const again = await server.api('suggestPassages', { themeId: theme.id, limit: 50 });
  assert.ok(!again.some((s) => s.text === dismissedText || s.text === acceptedText));
});

test('the heat map downloads as SVG and as PNG', async () => {
  const page = browser.page;
  await app.goto('#/analysis');
  await analysis.tab('matrix');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  assert.equal(svg.suggestedFilename(), 'pizhu-theme-matrix.svg');
  const svgText = readFileSync(await svg.path(), 'utf8');
  assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svgText.includes(THEME_A), 'the picture names the themes');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  assert.equal(png.suggestedFilename(), 'pizhu-theme-matrix.png');
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Drawn at twice the SVG's size.
  const svgWidth = Number(/width="(\d+)"/.exec(svgText)[1]);
  assert.equal(bytes.readUInt32BE(16), svgWidth * 2);
});

test('no errors reached the console', () => {
  // 4xx answers are the API's own refusals, reported in the UI; anything else is a bug.
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
