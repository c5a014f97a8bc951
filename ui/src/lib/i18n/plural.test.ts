// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import { setLanguage, t } from './index.svelte';

afterEach(() => setLanguage('zh-CN'));

describe('English counts', () => {
  it('say "1 highlight" and "2 highlights"', () => {
    setLanguage('en');
    expect(t('library.highlightCount', { n: 1 })).toBe('1 highlight');
    expect(t('library.highlightCount', { n: 2 })).toBe('2 highlights');
    expect(t('library.highlightCount', { n: 0 })).toBe('0 highlights');
    expect(t('backups.nowHolds', { articles: 1, highlights: 1 })).toBe('The library now holds 1 article and 1 highlight.');
  });

  it('leave no plural choice unresolved in any English message', () => {
    setLanguage('en');
    for (const [key, text] of Object.entries(en)) {
      const names = [...text.matchAll(/\{(\w+)\|/g)].map((m) => m[1]);
      if (!names.length) continue;
      const params = Object.fromEntries(names.map((n) => [n, 1]));
      expect(t(key as never, params), key).not.toMatch(/\{\w+\|/);
    }
  });

  it('leave Chinese as it is', () => {
    setLanguage('zh-CN');
    expect(t('library.highlightCount', { n: 1 })).not.toMatch(/\|/);
  });
});
