import { describe, expect, it } from 'vitest';
import { pageAt, quoteWithCitation } from './citation';

describe('copy with citation', () => {
  it('finds the page a passage starts on', () => {
    const pages = [{ n: 1, label: '45', start: 0 }, { n: 2, label: '46', start: 10 }];
    expect(pageAt(pages, 3)).toBe('45');
    expect(pageAt(pages, 12)).toBe('46');
    expect(pageAt([], 3)).toBeNull();
  });

  it('puts the style’s citation and entry with the quote, page before paragraph', () => {
    const r = { citation: '[1]', entry: '[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.' };
    expect(quoteWithCitation('引文', r, { page: null, paragraph: 3 }, 'zh-CN')).toBe('「引文」[1]（第 3 段）\n\n[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.');
    expect(quoteWithCitation('quote', r, { page: '45', paragraph: 3 }, 'en')).toBe('“quote” [1] (p. 45)\n\n[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.');
  });
});
