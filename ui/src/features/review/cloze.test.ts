import { describe, expect, it } from 'vitest';
import { spansOf } from './cloze';

const words = [
  { text: '文生', start: 0, end: 2 },
  { text: '视频', start: 2, end: 4 },
  { text: '模型', start: 4, end: 6 },
  { text: '带来', start: 6, end: 8 },
];

describe('spansOf', () => {
  it('joins neighbouring picked words into one blank and keeps others apart', () => {
    expect(spansOf(words, [1, 0, 3])).toEqual([[0, 4], [6, 8]]);
    expect(spansOf(words, [])).toEqual([]);
  });
});
