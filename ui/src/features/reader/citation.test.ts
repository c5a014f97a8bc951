import { describe, expect, it } from 'vitest';
import { quoteWithCitation } from './citation';

describe('copy with citation', () => {
  it('puts the style’s citation and entry with the quote, with paragraph and page', () => {
    const r = { citation: '[1]', entry: '[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.' };
    expect(quoteWithCitation('引文', r, { page: null, paragraph: 3 }, 'zh-CN')).toBe('「引文」[1]（第 3 段）\n\n[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.');
    expect(quoteWithCitation('引文', r, { page: '12', paragraph: 3 }, 'zh-CN')).toBe('「引文」[1]（第 3 段，第 12 页）\n\n[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.');
    expect(quoteWithCitation('quote', r, { page: '45-46', paragraph: 3 }, 'en')).toBe('“quote” [1] (para. 3, pp. 45-46)\n\n[1] 刘宗智. 标题[N]. 齐鲁晚报, 2024-02-20.');
  });
});
