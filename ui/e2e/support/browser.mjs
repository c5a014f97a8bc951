// Debian's Chromium through playwright-core, headless, with a fresh profile.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots');

export async function launchBrowser({ width = 1360, height = 860, timezoneId } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'pizhu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width, height },
    locale: 'zh-CN',
    ...(timezoneId ? { timezoneId } : {}),
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  async function close() {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  /** Save a screenshot of the screen as it is, after closing any toasts (as a user would). */
  async function screenshot(name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const close of await page.locator('.toast .toast-close').all()) await close.click({ timeout: 1000 }).catch(() => {});
    await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 2000 }).catch(() => {});
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
  return { context, page, errors, close, screenshot };
}
