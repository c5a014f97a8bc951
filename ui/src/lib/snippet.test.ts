import { describe, expect, it } from 'vitest';
import { parseSnippet } from './snippet';

describe('parseSnippet', () => {
  it('splits marked matches from plain text and decodes entities', () => {
    expect(parseSnippet('前文<mark>人工智能</mark>&lt;b&gt; &amp; 后文')).toEqual([
      { text: '前文', mark: false },
      { text: '人工智能', mark: true },
      { text: '<b> & 后文', mark: false },
    ]);
  });

  it('drops any other tag instead of rendering it', () => {
    expect(parseSnippet('<img src=x onerror=alert(1)>文<mark>字</mark>')).toEqual([
      { text: '文', mark: false },
      { text: '字', mark: true },
    ]);
  });
});
