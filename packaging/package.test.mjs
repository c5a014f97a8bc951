// The .deb as a user meets it (issue #18): built by scripts/package.sh (--debug here, to reuse
// target/debug from the earlier test steps; a user's package is the release build), installed
// with apt-get and the distribution's dependencies, used from the PATH and the application menu's
// entry on fresh home folders, handed a pizhu:// link through the desktop's URL handler and a
// file through the desktop entry ("Open with Pizhu"), then purged, leaving nothing of it behind.
//
// Run as root or with password-less sudo, under Xvfb and a D-Bus session (scripts/test.sh:
// `dbus-run-session -- xvfb-run … node --test packaging/`). It changes the system: it installs
// and removes the `pizhu` package. Tests run in order and each needs the one before.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDriver, newSession } from '../src-tauri/e2e/webdriver.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
const BUNDLE = join(TARGET, 'debug/bundle');
const SHOTS = join(ROOT, 'ui/e2e/screenshots');
const PACKAGE = 'pizhu';
const DESKTOP_ENTRY = '/usr/share/applications/Pizhu.desktop';
const HICOLOR_SIZES = [16, 32, 48, 64, 128, 256, 512];

const scratch = mkdtempSync(join(tmpdir(), 'pizhu-package-'));
const state = { deb: null, version: null, installedFiles: null, driver: null, session: null, desktopHome: null };

/** Output of a command, which must succeed. */
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });
/** Exit status and output of a command that may fail. */
const probe = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...opts });

const isRoot = process.getuid?.() === 0;
/** Run as root: directly when we are, else through password-less sudo. */
function asRoot(cmd, args) {
  return isRoot ? run(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    : run('sudo', ['-n', cmd, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}
function installable() {
  if (isRoot) return true;
  return probe('sudo', ['-n', 'true']).status === 0;
}
const installed = () => probe('dpkg-query', ['-W', '-f', '${Status}', PACKAGE]).stdout?.includes('install ok installed');

/** A fresh home folder as a new user has it: nothing of Pizhu's, default XDG folders. */
function freshHome(name) {
  const home = join(scratch, name);
  mkdirSync(home, { recursive: true });
  const env = { ...process.env, HOME: home };
  for (const v of ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'PIZHU_LIBRARY']) delete env[v];
  return { home, env, library: join(home, '.local/share/app.pizhu.desktop') };
}

after(async () => {
  await state.session?.close();
  state.driver?.stop();
  // Never leave the package on the machine after a failed run.
  if (installed() && installable()) {
    try { asRoot('apt-get', ['purge', '-y', '-q', PACKAGE]); } catch (e) { console.warn(`# could not purge ${PACKAGE}: ${e.message}`); }
  }
  try {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  } catch (e) {
    console.warn(`# could not remove ${scratch}: ${e.message}`);
  }
});

test('scripts/package.sh --debug builds a .deb and an .rpm with the app, the command, its docs and icons', () => {
  const started = Date.now();
  const built = probe(join(ROOT, 'scripts/package.sh'), ['--debug'], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, PIZHU_SKIP_SETUP: process.env.PIZHU_SKIP_SETUP ?? '1' },
  });
  assert.equal(built.status, 0, 'scripts/package.sh --debug failed (its output is above)');
  console.log(`# package.sh --debug took ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const debs = readdirSync(join(BUNDLE, 'deb')).filter((f) => f.endsWith('.deb'));
  const rpms = readdirSync(join(BUNDLE, 'rpm')).filter((f) => f.endsWith('.rpm'));
  assert.equal(debs.length, 1, `one .deb: ${debs}`);
  assert.equal(rpms.length, 1, `one .rpm: ${rpms}`);
  state.deb = join(BUNDLE, 'deb', debs[0]);
  const rpm = join(BUNDLE, 'rpm', rpms[0]);
  for (const f of [state.deb, rpm]) console.log(`# ${f}: ${(statSync(f).size / 1e6).toFixed(1)} MB`);

  const field = (name) => run('dpkg-deb', ['-f', state.deb, name]).trim();
  assert.equal(field('Package'), PACKAGE);
  state.version = field('Version');
  const cliVersion = run(join(TARGET, 'debug/pizhu'), ['--version']).trim();
  assert.ok(cliVersion.endsWith(` ${state.version}`), `package ${state.version}, pizhu says "${cliVersion}"`);
  assert.match(field('Depends'), /libwebkit2gtk-4\.1-0/);
  assert.match(field('Depends'), /xdg-utils/);

  const wanted = [
    '/usr/bin/pizhu-desktop', '/usr/bin/pizhu', DESKTOP_ENTRY,
    '/usr/share/man/man1/pizhu.1.gz',
    '/usr/share/bash-completion/completions/pizhu',
    '/usr/share/zsh/vendor-completions/_pizhu',
    '/usr/share/fish/vendor_completions.d/pizhu.fish',
    '/usr/share/doc/pizhu/THIRD-PARTY-LICENSES.txt',
    ...HICOLOR_SIZES.map((n) => `/usr/share/icons/hicolor/${n}x${n}/apps/pizhu-desktop.png`),
  ];
  const debFiles = run('dpkg-deb', ['-c', state.deb]).split('\n').map((l) => `/${l.split(/\s+/).pop().replace(/^\.?\//, '')}`);
  for (const f of wanted) assert.ok(debFiles.includes(f), `${f} in the .deb`);
  // The .rpm is built from the same configuration; rpm lists what it holds.
  const rpmFiles = run('rpm', ['-qlp', rpm], { stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
  for (const f of wanted) assert.ok(rpmFiles.includes(f), `${f} in the .rpm`);

  // What the packages install, looked at before installing: the desktop entry is valid.
  const unpacked = join(scratch, 'unpacked');
  run('dpkg-deb', ['-x', state.deb, unpacked]);
  const validated = probe('desktop-file-validate', [join(unpacked, DESKTOP_ENTRY)]);
  assert.equal(validated.status, 0, `desktop-file-validate: ${validated.stdout}${validated.stderr}`);
  const licences = readFileSync(join(unpacked, 'usr/share/doc/pizhu/THIRD-PARTY-LICENSES.txt'), 'utf8');
  // Generated from the dependency trees: Rust crates (cargo-about) and the npm packages in the UI's bundle.
  for (const dep of [/^\s+tauri \d/m, /^\s+rusqlite \d/m, /^\s+tantivy \d/m, /^svelte \d/m, /^marked \d/m, /^dompurify \d/m]) {
    assert.match(licences, dep);
  }
});

test('apt-get installs the .deb with its dependencies from the distribution', () => {
  assert.ok(state.deb, 'no package was built');
  assert.ok(installable(), 'cannot install the package: this test needs root or password-less sudo');
  if (installed()) {
    console.log(`# ${PACKAGE} was left installed by an earlier run: purging it first`);
    asRoot('apt-get', ['purge', '-y', '-q', PACKAGE]);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = isRoot
    ? probe('apt-get', ['install', '-y', '-q', state.deb], { env, stdio: 'inherit' })
    : probe('sudo', ['-n', '-E', 'apt-get', 'install', '-y', '-q', state.deb], { env, stdio: 'inherit' });
  assert.equal(result.status, 0, 'apt-get install failed (its output is above)');
  assert.ok(installed(), `${PACKAGE} is installed`);
  assert.equal(run('dpkg-query', ['-W', '-f', '${Version}', PACKAGE]), state.version);
  state.installedFiles = run('dpkg', ['-L', PACKAGE]).split('\n').filter((p) => p.startsWith('/'));
  assert.ok(state.installedFiles.includes('/usr/bin/pizhu'));
});

test('pizhu from the PATH: --version, the bundled library on a fresh home, man page and completions', () => {
  assert.ok(state.installedFiles, 'the package is not installed');
  const { env, library } = freshHome('cli-user');
  env.PATH = '/usr/local/bin:/usr/bin:/bin';
  assert.equal(run('sh', ['-c', 'command -v pizhu'], { env }).trim(), '/usr/bin/pizhu');
  assert.equal(run('pizhu', ['--version'], { env }).trim(), `pizhu ${state.version}`);
  const articles = JSON.parse(run('pizhu', ['list', '--json'], { env }));
  assert.equal(articles.length, 7, 'the seven bundled articles');
  assert.ok(existsSync(join(library, 'library.sqlite')), `the library in the user's data folder ${library}`);

  const man = run('zcat', ['/usr/share/man/man1/pizhu.1.gz']);
  assert.match(man, /^\.TH pizhu 1/m);
  assert.match(man, /^\.SH SUBCOMMANDS/m);
  assert.match(man, /pizhu\\-list\(1\)/);
  // bash-completion loads this file for `pizhu`; sourcing it registers a completion.
  assert.match(run('bash', ['-c', 'source /usr/share/bash-completion/completions/pizhu && complete -p pizhu']), /pizhu$/m);
});

test('the installed desktop app opens on a fresh home with the bundled library and its licences', async () => {
  assert.ok(state.installedFiles, 'the package is not installed');
  const { home, env, library } = freshHome('desktop-user');
  state.desktopHome = { home, env, library };
  // tauri-driver and the app it starts inherit this environment.
  for (const v of ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'PIZHU_LIBRARY']) delete process.env[v];
  process.env.HOME = home;
  assert.ok(process.env.DISPLAY, 'no X display: run under xvfb-run');
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'no D-Bus session: run under dbus-run-session');
  state.driver = await startDriver(4730);
  const s = (state.session = await newSession(state.driver.base, '/usr/bin/pizhu-desktop'));
  const count = await s.waitFor(async () => {
    const n = (await s.findAll('[data-testid="article-link"]')).length;
    return n >= 7 ? n : 0;
  }, 'seven articles in the library', 30000);
  assert.equal(count, 7);
  assert.ok(existsSync(join(library, 'library.sqlite')), `the desktop's library is in ${library}`);
  await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, 'package-library.png'), await s.screenshot());

  // About shows the licences the package installed beside the binaries.
  await s.exec("location.hash = '#/settings'; return true;");
  const button = await s.waitFor(() => s.find('[data-testid="about-licences"]'), 'the licences button in About');
  await s.exec('document.querySelector(\'[data-testid="about-licences"]\').scrollIntoView({ block: "start" }); return true;');
  await s.click(button);
  const text = await s.waitFor(
    () => s.exec('return document.querySelector(\'[data-testid="about-licences-text"]\')?.textContent'),
    'the licences text',
  );
  assert.match(text, /RUST CRATES[\s\S]*tauri[\s\S]*NPM PACKAGES/);
  const about = await s.exec('return document.querySelector(\'[data-testid="about"]\').textContent');
  assert.ok(about.includes('/usr/share/doc/pizhu/THIRD-PARTY-LICENSES.txt'), about);
  await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
  writeFileSync(join(SHOTS, 'package-about.png'), await s.screenshot());
});

test('a pizhu:// link opened through the desktop\'s URL handler shows its passage in the running app', async () => {
  const s = state.session;
  assert.ok(s, 'the desktop app is not running');
  const { env } = state.desktopHome;
  // The package registered the scheme: dpkg's trigger updated the desktop's MIME cache.
  assert.equal(run('xdg-mime', ['query', 'default', 'x-scheme-handler/pizhu'], { env }).trim(), 'Pizhu.desktop');
  const articles = JSON.parse(run('pizhu', ['list', '--json'], { env }));
  const article = articles.find((a) => a.title.includes('影视产业新视角'));
  assert.ok(article, `the feature article: ${articles.map((a) => a.title)}`);
  const link = `pizhu://article/${article.id}?start=10&end=20`;
  // xdg-open starts a second pizhu-desktop, which hands the link to the running one and exits.
  const opened = probe('xdg-open', [link], { env, timeout: 30000 });
  assert.equal(opened.status, 0, `xdg-open: ${opened.stderr}`);
  const shown = await s.waitFor(
    () => s.exec(`return location.hash === '#/article/${article.id}?start=10&end=20'
      && document.querySelector('[data-testid="reader-text"][data-drawn="true"]')?.textContent`),
    'the linked article in the running window', 20000,
  );
  assert.ok(shown.length > 100, 'the article text is drawn');
  // The second launch handed the link over and left: one app again.
  await waitUntil(() => appProcesses().length === 1, 'one pizhu-desktop process');
});

test('"Open with Pizhu": the desktop entry launched with a file imports it and opens its article', async () => {
  const s = state.session;
  assert.ok(s, 'the desktop app is not running');
  const { env } = state.desktopHome;
  // Every format offered in "Open with" is one the desktop knows by its MIME type.
  const entry = readFileSync(DESKTOP_ENTRY, 'utf8');
  const mimeTypes = entry.match(/^MimeType=(.*)$/m)[1].split(';').filter(Boolean);
  const offered = ['text/plain', 'text/markdown', 'text/html', 'application/pdf', 'application/epub+zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
  for (const mime of offered) {
    assert.ok(mimeTypes.includes(mime), `${mime} in MimeType=`);
    // GLib's list of the applications registered for the type, as a file manager asks it.
    assert.match(run('gio', ['mime', mime], { env }), /Pizhu\.desktop/, `Pizhu offered for ${mime}`);
  }

  const file = join(scratch, '用批注打开.md');
  writeFileSync(file, '# 从文件管理器打开\n\n这篇文章是用桌面文件的“打开方式”交给批注的，应当导入书库并在阅读器中打开。\n');
  // What a file manager does: launch the desktop entry with the file (GLib expands Exec's %U).
  const launched = probe('gio', ['launch', DESKTOP_ENTRY, file], { env, timeout: 30000 });
  assert.equal(launched.status, 0, `gio launch: ${launched.stderr}`);
  const text = await s.waitFor(
    () => s.exec(`const t = document.querySelector('[data-testid="reader-text"][data-drawn="true"]')?.textContent;
      return location.hash.startsWith('#/article/') && t?.includes('应当导入书库') && t`),
    'the opened file in the reader', 20000,
  );
  assert.match(text, /应当导入书库/);
  const listed = JSON.parse(run('pizhu', ['list', '--json'], { env }));
  const article = listed.find((a) => a.title === '从文件管理器打开');
  assert.ok(article, 'imported into the library');
  assert.equal(await s.exec('return location.hash'), `#/article/${article.id}`);
  await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));');
  writeFileSync(join(SHOTS, 'package-open-with.png'), await s.screenshot());
});

// The running pizhu-desktop processes (WebKit's helpers have names of their own).
const appProcesses = () => probe('pgrep', ['-x', 'pizhu-desktop']).stdout.split('\n').filter(Boolean);

test('apt-get purge removes every file of the package and keeps the user\'s data', async () => {
  assert.ok(state.installedFiles, 'the package is not installed');
  await state.session?.close();
  state.session = null;
  state.driver?.stop();
  state.driver = null;
  await waitUntil(() => appProcesses().length === 0, 'the app to exit');

  asRoot('apt-get', ['purge', '-y', '-q', PACKAGE]);
  assert.ok(!installed(), `${PACKAGE} is gone from dpkg`);
  const left = [];
  for (const path of state.installedFiles) {
    if (!existsSync(path)) continue;
    // A folder the package shared with others (/usr/bin, hicolor's size folders) stays.
    if (statSync(path).isDirectory() && probe('dpkg-query', ['-S', path]).status === 0) continue;
    left.push(path);
  }
  assert.deepEqual(left, [], 'files or folders of the package left after purge');
  assert.equal(probe('sh', ['-c', 'command -v pizhu pizhu-desktop']).stdout.trim(), '');
  // The desktop's caches no longer offer it (dpkg's triggers rebuilt them).
  const cache = '/usr/share/applications/mimeinfo.cache';
  if (existsSync(cache)) assert.doesNotMatch(readFileSync(cache, 'utf8'), /Pizhu\.desktop/);
  assert.equal(probe('xdg-mime', ['query', 'default', 'x-scheme-handler/pizhu'], { env: state.desktopHome.env }).stdout.trim(), '');
  // The user's library is theirs: removing the program does not touch it.
  assert.ok(existsSync(join(state.desktopHome.library, 'library.sqlite')), 'the user\'s library is still there');
});

async function waitUntil(fn, what, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
