import { describe, expect, it, vi } from 'vitest';
import { paragraphEdge, paragraphWords, stepFor, wordEdge, type Word } from './keyboard';

const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
  key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods,
});

describe('stepFor', () => {
  it('reads arrows as character, word, line and paragraph steps', () => {
    expect(stepFor(key('ArrowRight'))).toEqual({ forward: true, unit: 'character', extend: false });
    expect(stepFor(key('ArrowLeft', { shiftKey: true }))).toEqual({ forward: false, unit: 'character', extend: true });
    expect(stepFor(key('ArrowRight', { shiftKey: true, ctrlKey: true }))).toEqual({ forward: true, unit: 'word', extend: true });
    expect(stepFor(key('ArrowLeft', { altKey: true }), true)).toEqual({ forward: false, unit: 'word', extend: false });
    expect(stepFor(key('ArrowDown', { shiftKey: true }))).toEqual({ forward: true, unit: 'line', extend: true });
    expect(stepFor(key('ArrowUp', { ctrlKey: true }))).toEqual({ forward: false, unit: 'paragraph', extend: false });
  });

  it('leaves plain up and down to scrolling, and other keys alone', () => {
    expect(stepFor(key('ArrowDown'))).toBeNull();
    expect(stepFor(key('ArrowUp'))).toBeNull();
    expect(stepFor(key('Enter'))).toBeNull();
    expect(stepFor(key('ArrowRight', { metaKey: true }))).toBeNull();
    expect(stepFor(key('ArrowLeft', { altKey: true }), false), 'Alt+← is Back outside a Mac').toBeNull();
    expect(stepFor(key('ArrowRight', { ctrlKey: true }), true)).toBeNull();
  });
});

// 人机共生的写作 cut as 人机共生 | 的 | 写作, then a space and ok, from offset 10.
const words: Word[] = [
  { start: 10, end: 14, text: '人机共生' },
  { start: 14, end: 15, text: '的' },
  { start: 15, end: 17, text: '写作' },
  { start: 17, end: 18, text: ' ' },
  { start: 18, end: 20, text: 'ok' },
];

describe('wordEdge', () => {
  it('steps to the end of the word at or after the caret going forward', () => {
    expect(wordEdge(words, 10, true)).toBe(14);
    expect(wordEdge(words, 12, true)).toBe(14);
    expect(wordEdge(words, 14, true)).toBe(15);
  });

  it('steps to the start of the word before the caret going back', () => {
    expect(wordEdge(words, 17, false)).toBe(15);
    expect(wordEdge(words, 12, false)).toBe(10);
  });

  it('passes over spaces', () => {
    expect(wordEdge(words, 17, true)).toBe(20);
    expect(wordEdge(words, 18, false)).toBe(15);
  });

  it('has nothing left at the ends of the paragraph', () => {
    expect(wordEdge(words, 20, true)).toBeNull();
    expect(wordEdge(words, 10, false)).toBeNull();
  });
});

describe('paragraphEdge', () => {
  const spans = [{ start: 0, end: 5 }, { start: 6, end: 12 }, { start: 13, end: 20 }];

  it('moves to the start of the next paragraph, or of this one and then the one before', () => {
    expect(paragraphEdge(spans, 1, 8, true, false)).toBe(13);
    expect(paragraphEdge(spans, 1, 8, false, false)).toBe(6);
    expect(paragraphEdge(spans, 1, 6, false, false)).toBe(0);
  });

  it('extends to the end of this paragraph first, then of the next', () => {
    expect(paragraphEdge(spans, 1, 8, true, true)).toBe(12);
    expect(paragraphEdge(spans, 1, 12, true, true)).toBe(20);
  });

  it('stays inside the text at its ends', () => {
    expect(paragraphEdge(spans, 2, 15, true, false)).toBe(20);
    expect(paragraphEdge(spans, 0, 0, false, false)).toBe(0);
  });
});

describe('paragraphWords', () => {
  it('asks for each paragraph once and shifts the words to article offsets', async () => {
    const cut = vi.fn(async (text: string) => [{ start: 0, end: text.length, text }]);
    const wordsOf = paragraphWords(cut);
    expect(await wordsOf({ start: 6, end: 8 }, '共生')).toEqual([{ start: 6, end: 8, text: '共生' }]);
    await wordsOf({ start: 6, end: 8 }, '共生');
    expect(cut).toHaveBeenCalledTimes(1);
  });

  it('answers null when the core cannot cut', async () => {
    const wordsOf = paragraphWords(() => Promise.reject(new Error('unknown_operation')));
    expect(await wordsOf({ start: 0, end: 2 }, '共生')).toBeNull();
  });
});
