// @vitest-environment jsdom
// Every kind of message the core can report (listed by Rust in MESSAGE_KINDS) has its
// words in both message files, with the same placeholders; no stale 'msg.' keys.
import { describe as suite, expect, it } from 'vitest';
import { MESSAGE_KINDS } from '../api/generated/constants';
import { zhCN } from './zh-CN';
import { en } from './en';
import { setLanguage } from './index.svelte';
import { describe } from './messages';
import { ApiError } from '../api/api';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const tables = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

suite('message kinds', () => {
  it('are all worded in zh-CN and en, with the same placeholders', () => {
    expect(MESSAGE_KINDS.length).toBeGreaterThan(20);
    for (const kind of MESSAGE_KINDS) {
      const zh = tables['zh-CN'][`msg.${kind}`];
      const english = tables.en[`msg.${kind}`];
      expect(zh, `zh-CN msg.${kind}`).toBeTruthy();
      expect(english, `en msg.${kind}`).toBeTruthy();
      expect(placeholders(zh), kind).toEqual(placeholders(english));
    }
  });

  it('has no msg. key for a kind the core no longer reports', () => {
    for (const table of Object.values(tables)) {
      const stale = Object.keys(table).filter((k) => k.startsWith('msg.') && !(MESSAGE_KINDS as readonly string[]).includes(k.slice(4)));
      expect(stale).toEqual([]);
    }
  });

  it('words a known kind in the interface language and keeps the English for an unknown one', () => {
    setLanguage('zh-CN');
    expect(describe('unsupported file type "xyz" (…)', 'unsupported_type', { ext: 'xyz' })).toBe(
      '不支持“xyz”类型的文件。批注可以导入 .txt、.md、.html、.htm、.docx、.pdf 和 .epub。',
    );
    expect(describe('something new', 'a_kind_from_the_future', {})).toBe('something new');
    const e = new ApiError('conflict', 'conflict: a theme named “版权” already exists', 'theme_name_taken', { name: '版权' });
    expect(e.message).toBe('已经有名为“版权”的主题了。');
    expect(e.english).toContain('already exists');
    setLanguage('en');
    expect(new ApiError('busy', 'the library is busy: locked').message).toBe('The library is busy (another program is writing); try again shortly.');
    setLanguage('zh-CN');
  });
});
