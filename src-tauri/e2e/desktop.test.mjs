// The real desktop app (Tauri + WebKitGTK) under Xvfb, driven through tauri-driver:
// it opens on a fresh library, lists the seven bundled articles, takes a highlight
// made through the UI, and still shows it after a restart; a launch reports when its
// library is visible (the launch benchmark's finish line), the import button imports
// through the system file dialog, About opens the library folder, and a file named on the
// command line ("Open with Pizhu") is imported and opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDriver, newSession } from './webdriver.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const APP = process.env.PIZHU_DESKTOP_BIN ?? join(ROOT, 'target/debug/pizhu-desktop');
const SHOTS = join(ROOT, 'ui/e2e/screenshots');
const PHRASE = '生成式人工智能依然无法取代影视创作的主体性';

let driver;
let home;

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'pizhu-desktop-'));
  // The app, WebKit and GTK read these; the library starts empty and is filled from data/.
  Object.assign(process.env, {
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    PIZHU_LIBRARY: join(home, 'library'),
  });
  mkdirSync(SHOTS, { recursive: true });
  driver = await startDriver(4720);
});

after(async () => {
  driver?.stop();
  if (!home) return;
  // WebKit's helper processes may still be writing their shader caches as they exit.
  // Removing the scratch folder is housekeeping, not a check: a leftover folder in /tmp
  // is reported, not failed.
  try {
    rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  } catch (e) {
    console.warn(`# could not remove ${home}: ${e.message}`);
  }
});

// Resolves when no process of the group led by `pid` is left (the app and the WebKit
// helpers it started), or after ten seconds.
async function groupGone(pid) {
  for (let i = 0; i < 100; i++) {
    try { process.kill(-pid, 0); } catch { return; }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openFeatureArticle(s) {
  // WebKitWebDriver's element text leaves out part of the link, so match on textContent in the page.
  await s.waitFor(
    () => s.exec(
      `const a = [...document.querySelectorAll('[data-testid="article-link"]')].find(e => e.textContent.includes('影视产业新视角'));
       if (a) a.click();
       return !!a;`,
    ),
    'the feature article in the library',
  );
  await s.waitFor(() => s.exec('return !!document.querySelector(\'[data-testid="reader-text"][data-drawn="true"]\')'), 'the reader');
}

test('the desktop app lists the bundled articles and keeps a highlight across a restart', async () => {
  let s = await newSession(driver.base, APP);
  try {
    const count = await s.waitFor(async () => {
      const n = (await s.findAll('[data-testid="article-link"]')).length;
      return n >= 7 ? n : 0;
    }, 'seven articles in the library');
    assert.equal(count, 7);
    // Let WebKit paint the list before the screenshot.
    await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
    writeFileSync(join(SHOTS, 'desktop-library.png'), await s.screenshot());

    await openFeatureArticle(s);
    // Select the phrase as a mouse drag would leave it and let the reader see the
    // mouseup; repeated until the toolbar shows (the reader may still be restoring
    // the reading position when it first draws).
    const selectPhrase = `const phrase = arguments[0];
       const root = document.querySelector('[data-testid="reader-text"]');
       const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
       for (let n = walker.nextNode(); n; n = walker.nextNode()) {
         const i = n.data.indexOf(phrase);
         if (i < 0) continue;
         n.parentElement.scrollIntoView({ block: 'center' });
         const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + phrase.length);
         const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
         n.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
         return true;
       }
       return false;`;
    const swatch = await s.waitFor(async () => {
      assert.ok(await s.exec(selectPhrase, [PHRASE]), 'the phrase is in the article text');
      await s.exec('return new Promise(r => setTimeout(r, 200))').catch(() => {});
      return (await s.findAll('[data-testid="selection-toolbar"] .swatch'))[0];
    }, 'the selection toolbar');
    await s.click(swatch);
    await s.waitFor(
      () => s.exec('return [...document.querySelectorAll(".hl")].some(e => e.textContent.length > 0)'),
      'the new highlight drawn',
    );
    writeFileSync(join(SHOTS, 'desktop-reader.png'), await s.screenshot());
  } finally {
    await s.close();
  }

  // A new session starts the app again on the same library.
  s = await newSession(driver.base, APP);
  try {
    await openFeatureArticle(s);
    const drawn = await s.waitFor(
      () => s.exec('return [...document.querySelectorAll(".hl")].map(e => e.textContent).join("")'),
      'the highlight after the restart',
    );
    assert.ok(drawn.includes(PHRASE.slice(0, 6)), `highlight text after restart: ${drawn}`);
  } finally {
    await s.close();
  }
});

// xdotool drives the GTK file dialog as a user's keyboard would (WebDriver sees only the page).
function xdotool(...args) {
  return execFileSync('xdotool', args, { encoding: 'utf8' }).trim();
}
const windowsOf = (pid) => {
  try {
    return xdotool('search', '--onlyvisible', '--pid', String(pid), '.*').split('\n').filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
};

test('the import button opens the system file dialog and imports the chosen file', async () => {
  const file = join(home, 'dialog-import.txt');
  writeFileSync(file, '对话框导入\n\n这是一篇从系统文件对话框导入的文章，用来检查桌面应用的导入按钮。\n');
  const s = await newSession(driver.base, APP);
  try {
    await s.waitFor(async () => (await s.findAll('[data-testid="article-link"]')).length >= 7, 'the library');
    const pid = execFileSync('pgrep', ['-n', '-f', APP], { encoding: 'utf8' }).trim();
    const before = new Set(windowsOf(pid));
    // The click's command waits for the dialog, so the page is not waited on here.
    await s.exec('setTimeout(() => document.querySelector(\'[data-testid="import-button"]\').click(), 0); return true;');
    // GTK maps the dialog as two new windows; keys reach it through the last one.
    const dialog = await s.waitFor(async () => windowsOf(pid).filter((w) => !before.has(w)).pop(), 'the file dialog');
    await new Promise((r) => setTimeout(r, 500)); // let the dialog take its first input
    xdotool('windowfocus', '--sync', dialog);
    xdotool('key', 'ctrl+l');
    xdotool('type', '--delay', '20', file);
    // GTK checks the typed path in the background and ignores Enter until it has:
    // press it until the dialog closes.
    await s.waitFor(async () => {
      await new Promise((r) => setTimeout(r, 400));
      if (!windowsOf(pid).includes(dialog)) return true;
      xdotool('key', 'Return');
      return false;
    }, 'the file dialog to accept the path');
    const report = await s.waitFor(
      () => s.exec('return document.querySelector(\'[data-testid="import-report"]\')?.textContent ?? ""'),
      'the import report',
    );
    assert.match(report, /对话框导入/);
    // The whole path: the core read the file itself (a web file input gives only the name).
    assert.ok(report.includes(file), report);
  } finally {
    await s.close();
  }
});

// A stand-in for a desktop program: a script named `program` that writes down its
// arguments, made the user's default for `mime` through mimeapps.list; xdg-open and
// xdg-mime, which the app goes through, are the real ones. Returns the arguments' file.
function defaultAppFor(mime, program) {
  const dir = join(home, 'apps', program);
  mkdirSync(dir, { recursive: true });
  const args = join(dir, 'args');
  const script = join(dir, program);
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > '${args}'\n`);
  chmodSync(script, 0o755);
  const apps = join(process.env.XDG_DATA_HOME, 'applications');
  mkdirSync(apps, { recursive: true });
  mkdirSync(process.env.XDG_CONFIG_HOME, { recursive: true });
  writeFileSync(join(apps, `test-${program}.desktop`),
    `[Desktop Entry]\nType=Application\nName=Test ${program}\nExec=${script} %U\nMimeType=${mime};\n`);
  const list = join(process.env.XDG_CONFIG_HOME, 'mimeapps.list');
  const before = existsSync(list) ? readFileSync(list, 'utf8') : '[Default Applications]\n';
  writeFileSync(list, `${before}${mime}=test-${program}.desktop\n`);
  return args;
}

// A PDF's kept original opens in the desktop's default PDF viewer at the page asked for
// (the viewer: a stand-in named `evince`).
test('the original of a PDF opens in the system viewer at the page', async () => {
  const work = join(home, 'viewer');
  mkdirSync(work, { recursive: true });
  const args = defaultAppFor('application/pdf', 'evince');

  // A three-page PDF printed by Chromium, imported with the CLI into the app's library.
  const paras = ['第一页讲生成式视频的来历。', '第二页讲影视产业的回应。', '第三页讲版权与伦理。'];
  const html = join(work, 'paged.html');
  writeFileSync(html, `<!doctype html><meta charset="utf-8"><title>分页原文测试</title><h1>分页原文测试</h1>${
    paras.map((p) => `<p style="break-after: page">${p.repeat(20)}</p>`).join('')}`);
  const pdf = join(work, 'paged.pdf');
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${join(work, 'profile')}`,
    '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { stdio: 'ignore' });
  const cli = process.env.PIZHU_BIN ?? join(ROOT, 'target/debug/pizhu');
  execFileSync(cli, ['import', pdf], { env: process.env, stdio: 'ignore' });

  const s = await newSession(driver.base, APP);
  try {
    await s.waitFor(
      () => s.exec(
        `const a = [...document.querySelectorAll('[data-testid="article-link"]')].find(e => e.textContent.includes('分页原文测试'));
         if (a) a.click();
         return !!a;`,
      ),
      'the imported PDF in the library',
    );
    await s.waitFor(() => s.exec('return !!document.querySelector(\'[data-testid="open-original"]\')'), 'the open-original button');
    // Let WebKit paint the reader before the screenshot.
    await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
    writeFileSync(join(SHOTS, 'desktop-open-original.png'), await s.screenshot());
    await s.exec(`const input = document.querySelector('#page-input');
      input.value = '2'; input.dispatchEvent(new Event('input', { bubbles: true }));
      document.querySelector('[data-testid="open-original"]').click(); return true;`);
    const got = await s.waitFor(() => existsSync(args) && readFileSync(args, 'utf8').trim(), 'the viewer to be started');
    const [page, url] = got.split('\n');
    assert.equal(page, '--page-label=2');
    assert.match(url, /^file:\/\/.*\/originals\/[0-9a-f]{64}\.pdf$/);
    assert.ok(existsSync(decodeURIComponent(url.slice('file://'.length))), url);
  } finally {
    await s.close();
  }
});

// About → library folder: the desktop's file manager (a stand-in, the default for folders)
// opens the library's own folder; the page names no path.
test('the About panel opens the library folder in the file manager', async () => {
  const args = defaultAppFor('inode/directory', 'nautilus');
  const s = await newSession(driver.base, APP);
  try {
    await s.exec("location.hash = '#/settings'; return true;");
    const button = await s.waitFor(() => s.find('[data-testid="about-open-folder"]'), 'the library folder button');
    const shown = await s.exec('return document.querySelector(\'[data-testid="about-open-folder"]\').textContent.trim()');
    assert.equal(shown, process.env.PIZHU_LIBRARY);
    await s.click(button);
    const got = await s.waitFor(() => existsSync(args) && readFileSync(args, 'utf8').trim(), 'the file manager to be started');
    const folder = got.startsWith('file://') ? decodeURIComponent(new URL(got).pathname) : got;
    assert.equal(folder, process.env.PIZHU_LIBRARY);
  } finally {
    await s.close();
  }
});

// "Open with Pizhu": a file manager runs the desktop entry's `pizhu-desktop %U` with the
// file. The app imports it as the import button would, then opens its article; a file it
// cannot import is told, not dropped in silence.
test('a file named on the command line is imported and its article opened', async () => {
  const file = join(home, '用批注打开.md');
  writeFileSync(file, '# 用批注打开的文章\n\n在文件管理器里选择“用批注打开”，这篇文章就进了书库，并在阅读器里打开。\n');
  const uri = `file://${file.split('/').map(encodeURIComponent).join('/')}`;
  let s = await newSession(driver.base, APP, [uri]);
  try {
    const text = await s.waitFor(
      () => s.exec(`return location.hash.startsWith('#/article/')
        && document.querySelector('[data-testid="reader-text"][data-drawn="true"]')?.textContent`),
      'the opened file in the reader',
    );
    assert.match(text, /这篇文章就进了书库/);
    const cli = process.env.PIZHU_BIN ?? join(ROOT, 'target/debug/pizhu');
    const listed = JSON.parse(execFileSync(cli, ['list', '--json'], { env: process.env, encoding: 'utf8' }));
    const article = listed.find((a) => a.title === '用批注打开的文章');
    assert.ok(article, `imported into the library: ${listed.map((a) => a.title)}`);
    assert.equal(await s.exec('return location.hash'), `#/article/${article.id}`);
  } finally {
    await s.close();
  }

  const picture = join(home, 'picture.png');
  writeFileSync(picture, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  s = await newSession(driver.base, APP, [picture]);
  try {
    const toast = await s.waitFor(
      () => s.exec('return [...document.querySelectorAll(".toast")].map(t => t.textContent).join(" | ")'),
      'a message about the file',
    );
    assert.match(toast, /picture\.png/);
  } finally {
    await s.close();
  }
});

// A pizhu:// link that starts the app (no window open yet) shows its passage once the page
// is up: the shell keeps it until the page asks.
test('a pizhu:// link given at launch opens its passage', async () => {
  const cli = process.env.PIZHU_BIN ?? join(ROOT, 'target/debug/pizhu');
  const listed = JSON.parse(execFileSync(cli, ['list', '--json'], { env: process.env, encoding: 'utf8' }));
  const article = listed.find((a) => a.title.includes('影视产业新视角'));
  assert.ok(article, 'the feature article');
  const s = await newSession(driver.base, APP, [`pizhu://article/${article.id}?start=10&end=20`]);
  try {
    const text = await s.waitFor(
      () => s.exec(`return location.hash === '#/article/${article.id}?start=10&end=20'
        && document.querySelector('[data-testid="reader-text"][data-drawn="true"]')?.textContent`),
      'the linked article in the reader',
    );
    assert.ok(text.length > 100, 'the article text is drawn');
  } finally {
    await s.close();
  }
});

// The launch benchmark's finish line, started as a user would (no WebDriver): the page
// tells the shell when the library list is drawn and the shell prints one JSON line.
// This fails if the page never calls it or the capability does not allow the command.
test('a launch reports when the library is visible, with its time and memory', async () => {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  // Its own process group, so the WebKit helpers can be stopped with it.
  const child = spawn(APP, [], { env: { ...process.env, PIZHU_LAUNCH_PROBE: '1' }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  try {
    const report = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no launch report in 60 s')), 60_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('{"libraryVisibleMs"')) return;
        clearTimeout(timer);
        ok(JSON.parse(line));
      });
      child.once('exit', (code) => fail(new Error(`the app exited with ${code} before its library was visible`)));
    });
    assert.ok(report.libraryVisibleMs > 0 && report.libraryVisibleMs < 60_000, JSON.stringify(report));
    assert.ok(report.rssKb > 10_000, JSON.stringify(report));
  } finally {
    try { process.kill(-child.pid, 'SIGTERM'); } catch {}
    await groupGone(child.pid); // before after() removes the folders it writes to
  }
});
