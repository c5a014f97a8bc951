// The reading and coding loop: highlight with the mouse, theme and note, reload,
// search and land, the theme's page, undo a delete.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { SearchOverlay } from '../pages/SearchOverlay.mjs';
import { ThemesPage } from '../pages/ThemesPage.mjs';
import { ARTICLE, PASSAGE, SEARCH_WORD } from '../fixtures/article.mjs';

const THEME = '人机关系';
const NOTE = '作者把**写作方式**的变化放在日常里谈。';

let server, browser, app, reader, articleId;

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'machine-writing.txt', ARTICLE);
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a passage selected with the mouse gets a theme and a note that survive a reload', async () => {
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.selectWithMouse(PASSAGE);
  await reader.openThemesAndNote();
  await reader.addTheme(THEME);
  await reader.writeNote(NOTE);
  assert.match(await reader.toolbar.locator('.chip').innerText(), new RegExp(THEME));
  await browser.screenshot('selection-toolbar');
  await reader.saveHighlight();
  await reader.highlights(PASSAGE).first().waitFor();

  // The core stored code-point offsets of exactly that passage (the text before it has 𠮷 and 😀).
  const article = await server.api('getArticle', { id: articleId });
  const chars = [...article.text];
  const [saved] = await server.api('listHighlights', { articleId });
  assert.equal(chars.slice(saved.start, saved.end).join(''), PASSAGE);
  assert.deepEqual(saved.themes, [THEME]);
  assert.equal(saved.note, NOTE);

  await browser.page.reload();
  await reader.waitDrawn();
  assert.equal(await reader.highlights(PASSAGE).first().innerText(), PASSAGE);
  const note = reader.notes.locator('.note-item', { hasText: PASSAGE });
  await note.waitFor();
  assert.match(await note.innerText(), new RegExp(THEME));
  assert.equal(await note.locator('.note-md strong').innerText(), '写作方式', 'the note is rendered as Markdown');
  await browser.screenshot('reader');
});

test('search from the keyboard lands on the match and flashes it', async () => {
  await app.goto('#/library');
  const search = new SearchOverlay(browser.page);
  await search.openWithShortcut();
  await search.type(SEARCH_WORD);
  await search.hits.first().waitFor();
  assert.match(await search.hits.first().innerText(), new RegExp(SEARCH_WORD));
  await browser.screenshot('search');
  await browser.page.keyboard.press('Enter');
  await reader.waitDrawn();
  assert.match(browser.page.url(), new RegExp(`#/article/${articleId}\\?at=`));
  assert.match(await reader.flashedParagraphText(), new RegExp(SEARCH_WORD));
  const visible = await browser.page.locator('.para.flash').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(visible, 'the matching paragraph is scrolled into view');
});

test('the / key opens search, and the notes filter finds words written in a note', async () => {
  await app.goto('#/library');
  await browser.page.getByRole('heading', { name: '书库' }).click();
  await browser.page.keyboard.press('/');
  const search = new SearchOverlay(browser.page);
  await search.input.waitFor();
  await search.type('日常');
  await search.hits.first().waitFor();
  await browser.page.getByRole('radio', { name: '笔记' }).click();
  await search.hits.first().waitFor();
  const noteHits = await search.hits.count();
  assert.ok(noteHits >= 1);
  assert.equal(await search.hits.locator('.badge').count(), noteHits, 'every hit is a note');
  assert.match(await search.hits.first().innerText(), /日常/);
  await browser.page.getByRole('radio', { name: '正文' }).click();
  await search.hits.first().waitFor();
  assert.equal(await search.hits.locator('.badge').count(), 0, 'no note among text hits');
  await browser.page.keyboard.press('Escape');
  await search.input.waitFor({ state: 'detached' });
});

test('a word only in the article memo is found under notes, marked as the memo, and opens the article', async () => {
  await server.api('setArticleMemo', { id: articleId, memo: '通读后的备忘：饕餮式的数据胃口值得追问。' });
  await app.goto('#/library');
  const search = new SearchOverlay(browser.page);
  await search.openWithShortcut();
  await search.type('饕餮');
  await search.hits.first().waitFor();
  assert.equal(await search.hits.count(), 1);
  assert.equal(await search.hits.first().locator('.badge').innerText(), '文章备忘');
  assert.match(await search.hits.first().innerText(), /饕餮/);
  await browser.page.getByRole('radio', { name: '笔记' }).click();
  assert.equal(await search.hits.count(), 1, 'a memo counts as a note');
  await browser.page.getByRole('radio', { name: '正文' }).click();
  await search.hits.first().waitFor({ state: 'detached' });
  await browser.page.getByRole('radio', { name: '全部' }).click();
  await search.hits.first().click();
  await reader.waitDrawn();
  assert.match(browser.page.url(), new RegExp(`#/article/${articleId}$`));
});

test('the theme page gathers the passage and links back to it', async () => {
  const themes = new ThemesPage(browser.page);
  await app.goto('#/themes');
  await themes.row(THEME).waitFor();
  await themes.row(THEME).locator('.theme-select').click();
  await browser.screenshot('codebook');
  await themes.openPassages(THEME);
  await themes.passage(PASSAGE).waitFor();
  assert.match(await themes.passage(PASSAGE).innerText(), /写作方式/);
  await browser.screenshot('theme-page');
  await themes.passage(PASSAGE).getByTestId('passage-link').click();
  await reader.waitDrawn();
  assert.match(await reader.flashedParagraphText(), new RegExp(PASSAGE));
});

test('a deleted highlight comes back with undo from the toast, and Ctrl+Z works too', async () => {
  await app.goto(`#/article/${articleId}`);
  await reader.waitDrawn();
  await reader.openHighlight(PASSAGE);
  await reader.deleteOpenHighlight();
  await reader.highlights(PASSAGE).first().waitFor({ state: 'detached' });
  assert.equal((await server.api('listHighlights', { articleId })).length, 0);

  await app.undoFromToast();
  await reader.highlights(PASSAGE).first().waitFor();
  assert.equal((await server.api('listHighlights', { articleId })).length, 1);

  // Again, with the keyboard this time.
  await reader.openHighlight(PASSAGE);
  await reader.deleteOpenHighlight();
  await reader.highlights(PASSAGE).first().waitFor({ state: 'detached' });
  await browser.page.locator('.reader-bar-title').click();
  await browser.page.keyboard.press('Control+z');
  await reader.highlights(PASSAGE).first().waitFor();
});

test('clicking a note in the notes panel scrolls to its passage and flashes it', async () => {
  await browser.page.locator('.reader-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await reader.notes.getByTestId('note-jump').filter({ hasText: PASSAGE }).click();
  assert.match(await reader.flashedParagraphText(), new RegExp(PASSAGE));
});

test('overlapping highlights are drawn darker where they overlap', async () => {
  const article = await server.api('getArticle', { id: articleId });
  const chars = [...article.text];
  const at = chars.join('').indexOf('算法推荐');
  const cp = [...article.text.slice(0, at)].length;
  await server.api('addHighlight', { articleId, start: cp, end: cp + 6, color: '#5a9bef' });
  await server.api('addHighlight', { articleId, start: cp + 2, end: cp + 9, color: '#ec7fa4' });
  await browser.page.reload();
  await reader.waitDrawn();
  const overlap = reader.text.locator('.hl.overlap').first();
  await overlap.waitFor();
  assert.equal(await overlap.innerText(), chars.slice(cp + 2, cp + 6).join(''));
  const layers = await overlap.evaluate((el) => getComputedStyle(el).backgroundImage.match(/linear-gradient/g).length);
  assert.equal(layers, 2);
  await browser.screenshot('reader-overlap');
});

test('the export dialog downloads the notes as Markdown', async () => {
  await browser.page.getByRole('button', { name: '导出' }).click();
  const dialog = browser.page.getByRole('dialog', { name: '导出' });
  await dialog.waitFor();
  await dialog.getByLabel('Markdown').check();
  await dialog.getByLabel('当前文章').check();
  await browser.screenshot('export');
  const [download] = await Promise.all([browser.page.waitForEvent('download'), dialog.getByRole('button', { name: '导出' }).click()]);
  assert.match(download.suggestedFilename(), /\.md$/);
  const path = await download.path();
  const text = (await import('node:fs')).readFileSync(path, 'utf8');
  assert.match(text, new RegExp(PASSAGE));
});

test('the analysis screen counts the coded passage in the theme × article matrix', async () => {
  await app.goto('#/analysis');
  const row = browser.page.locator('table.matrix tbody tr', { hasText: THEME });
  await row.waitFor();
  const columns = await browser.page.locator('table.matrix thead th').allInnerTexts();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[columns.indexOf('机器写作与人的判断') - 1], '1');
});

test('no errors reached the console', () => {
  assert.deepEqual(browser.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
