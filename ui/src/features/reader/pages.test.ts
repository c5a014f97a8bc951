import { describe, expect, it } from 'vitest';
import { cutAtPages, findPage, pageAt, pageLocator, pageMarksByParagraph } from './pages';
import { quoteWithCitation } from './citation';

const spans = [
  { start: 0, end: 10 },
  { start: 11, end: 30 },
  { start: 31, end: 40 },
];
const page = (n: number, label: string, start: number) => ({ n, label, start });

describe('page marks', () => {
  it('places a page at its paragraph, mid-paragraph or at a start', () => {
    const marks = pageMarksByParagraph(spans, [page(1, '45', 0), page(2, '46', 20), page(3, '47', 31)]);
    expect(marks.get(0)).toEqual([{ start: 0, label: '45', atParagraphStart: true }]);
    expect(marks.get(1)).toEqual([{ start: 20, label: '46', atParagraphStart: false }]);
    expect(marks.get(2)).toEqual([{ start: 31, label: '47', atParagraphStart: true }]);
  });

  it('gives a page starting on a paragraph break to the next paragraph', () => {
    const marks = pageMarksByParagraph(spans, [page(1, '2', 10)]);
    expect(marks.get(1)).toEqual([{ start: 11, label: '2', atParagraphStart: true }]);
  });

  it('cuts segments where a page begins inside them', () => {
    const segs = [{ start: 11, end: 30, marks: [] }];
    const cut = cutAtPages(segs, [{ start: 20, label: '46', atParagraphStart: false }]);
    expect(cut.map((s) => [s.start, s.end])).toEqual([
      [11, 20],
      [20, 30],
    ]);
  });

  it('finds a page by label, then by number', () => {
    const pages = [page(1, 'iv', 0), page(2, '1', 5), page(3, '2', 9)];
    expect(findPage(pages, '1')?.n).toBe(2);
    expect(findPage(pages, ' iv ')?.n).toBe(1);
    expect(findPage(pages, '3')?.n).toBe(3);
    expect(findPage(pages, '99')).toBeNull();
  });
});

describe('citing a passage with its pages', () => {
  const pages = [page(1, '12', 0), page(2, '13', 20)];
  // The citation and entry come from the citation style (the API's `cite`).
  const r = { citation: '[1]', entry: '[1] 作者. 标题[J]. 期刊, 2024.' };

  it('finds the page an offset is on (the viewer opens the original there)', () => {
    expect(pageAt(pages, 0)?.n).toBe(1);
    expect(pageAt(pages, 19)?.n).toBe(1);
    expect(pageAt(pages, 20)?.n).toBe(2);
    expect(pageAt([page(1, '12', 5)], 2)).toBeNull();
  });

  it('names the page, or the range a passage spans', () => {
    expect(pageLocator(pages, 3, 10)).toBe('12');
    expect(pageLocator(pages, 15, 25)).toBe('12-13');
    expect(pageLocator(pages, 15, 20)).toBe('12');
    expect(pageLocator([], 3, 10)).toBeNull();
  });

  it('puts the page in the copied citation, in both languages', () => {
    expect(quoteWithCitation('引文', r, { page: '12-13', paragraph: 3 }, 'zh-CN')).toBe('「引文」[1]（第 3 段，第 12-13 页）\n\n[1] 作者. 标题[J]. 期刊, 2024.');
    expect(quoteWithCitation('quote', r, { page: '12', paragraph: 3 }, 'en')).toBe('“quote” [1] (para. 3, p. 12)\n\n[1] 作者. 标题[J]. 期刊, 2024.');
    expect(quoteWithCitation('quote', r, { page: '12-13', paragraph: 3 }, 'en')).toContain('para. 3, pp. 12-13)');
    expect(quoteWithCitation('引文', r, { page: null, paragraph: 3 }, 'zh-CN')).toBe('「引文」[1]（第 3 段）\n\n[1] 作者. 标题[J]. 期刊, 2024.');
  });
});
