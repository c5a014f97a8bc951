// Issue 18: the About panel in settings shows the version, the library folder and
// schema, and says where the third-party licences are.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { App } from '../pages/App.mjs';

let server, browser, app, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
  app = new App(page, server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the About panel shows the version, the library folder and schema, and where the licences are', async () => {
  const info = await server.api('appInfo');
  const status = await server.api('libraryStatus');
  await app.open('#/settings');
  const about = page.getByTestId('about');
  await about.getByTestId('about-version').waitFor();
  assert.equal(await about.getByTestId('about-version').innerText(), info.version);
  assert.match(info.version, /^\d+\.\d+\.\d+/);
  assert.equal(await about.getByTestId('about-schema').innerText(), String(status.schemaVersion));
  assert.equal(status.schemaVersion, info.schemaVersion, 'a library this build opened has its schema');
  // In a browser there is no file manager to open: the folder is shown as text, to copy.
  assert.equal(await about.getByTestId('about-folder').innerText(), server.library);
  assert.equal(await about.getByTestId('about-open-folder').count(), 0);
  await about.getByTestId('about-copy-folder').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), server.library);
  // A build from the source tree has no licences file, and says where they come from.
  assert.equal(info.licencesPath, null);
  assert.match(await about.getByTestId('about-no-licences').innerText(), /scripts\/package\.sh/);
  await about.scrollIntoViewIfNeeded();
  await browser.screenshot('settings-about-zh');

  await server.api('setSetting', { key: 'language', value: 'en' });
  await page.reload();
  await about.getByTestId('about-version').waitFor();
  assert.match(await about.innerText(), /About Pizhu[\s\S]*Library schema version[\s\S]*Third-party licences/);
  await about.scrollIntoViewIfNeeded();
  await browser.screenshot('settings-about-en');
  await server.api('setSetting', { key: 'language', value: 'zh-CN' });
});
