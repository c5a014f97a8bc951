import { describe, expect, it, vi } from 'vitest';
import { TextCaret, type Box, type CaretSurface } from './caret.svelte';
import type { Step, Word } from './keyboard';
import type { Span } from '../../lib/segments';

// Three paragraphs: 0–7 人机共生的写作, 8–12 文生视频, 13–15 好的. Each paragraph is one
// line 100px below the last; a code point is 10px wide. The view shows 300px.
const TEXT = '人机共生的写作\n文生视频\n好的';
const SPANS: Span[] = [
  { start: 0, end: 7 },
  { start: 8, end: 12 },
  { start: 13, end: 15 },
];
const CUTS: Record<string, string[]> = { 人机共生的写作: ['人机共生', '的', '写作'], 文生视频: ['文生视频'], 好的: ['好的'] };

function cutOf(text: string): Word[] {
  let at = 0;
  return (CUTS[text] ?? [...text]).map((w) => {
    const word = { start: at, end: at + [...w].length, text: w };
    at = word.end;
    return word;
  });
}

/** The reader's text with a selection (anchor, focus) and a scroll position, without a DOM. */
class FakeText implements CaretSurface {
  anchor: number | null = null;
  focus: number | null = null;
  scrollTop = 0;
  focusedParagraph = -1;
  native: Step[] = [];
  viewHeight = 300;

  focusOffset() {
    return this.focus;
  }
  isCollapsed() {
    return this.anchor === this.focus;
  }
  focusBox(): Box | null {
    if (this.focus === null) return null;
    const p = SPANS.findIndex((s) => this.focus! <= s.end);
    const top = p * 100 - this.scrollTop;
    return { top, bottom: top + 20, left: (this.focus - SPANS[p].start) * 10, height: 20 };
  }
  viewBox(): Box {
    return { top: 0, bottom: this.viewHeight, left: 0, height: this.viewHeight };
  }
  pageBox(): Box {
    return { top: -5, bottom: 500, left: -50, height: 505 };
  }
  paragraphInViewStart() {
    return SPANS[Math.min(SPANS.length - 1, Math.ceil(this.scrollTop / 100))].start;
  }
  moveFocusTo(cp: number, extend: boolean) {
    if (!extend || this.anchor === null) this.anchor = cp;
    this.focus = cp;
  }
  nativeStep(step: Step) {
    this.native.push(step);
  }
  focusParagraph(cp: number) {
    const p = SPANS.findIndex((s) => cp <= s.end);
    if (p === this.focusedParagraph) return false;
    this.focusedParagraph = p;
    return true;
  }
  scrollBy(dy: number) {
    this.scrollTop += dy;
  }
  collapseToFocus() {
    this.anchor = this.focus;
  }
}

const keys = (key: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
  key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods, preventDefault: vi.fn(),
});

function setup(cut: (text: string) => Promise<Word[]> = async (t) => cutOf(t)) {
  const text = new FakeText();
  const onStep = vi.fn();
  const onError = vi.fn();
  const caret = new TextCaret({
    surface: text,
    spans: () => SPANS,
    slice: (s, e) => [...TEXT].slice(s, e).join(''),
    cut,
    onStep,
    onError,
  });
  return { text, caret, onStep, onError };
}

describe('TextCaret', () => {
  it("steps word by word along jieba's cut, then into the next paragraph", async () => {
    const { text, caret } = setup();
    text.moveFocusTo(0, false);
    for (let i = 0; i < 4; i++) caret.keyDown(keys('ArrowRight', { ctrlKey: true }));
    await caret.idle;
    // 人机共生 | 的 | 写作, then past the paragraph's last word to the next one's start.
    expect(text.focus).toBe(8);
    caret.keyDown(keys('ArrowLeft', { ctrlKey: true }));
    await caret.idle;
    expect(text.focus).toBe(7);
  });

  it('extends the selection with Shift, keeping its anchor', async () => {
    const { text, caret } = setup();
    text.moveFocusTo(4, false);
    caret.keyDown(keys('ArrowRight', { ctrlKey: true, shiftKey: true }));
    caret.keyDown(keys('ArrowRight', { ctrlKey: true, shiftKey: true }));
    await caret.idle;
    expect([text.anchor, text.focus]).toEqual([4, 7]);
  });

  it('takes steps in the order pressed while the words are still on their way', async () => {
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const { text, caret } = setup(async (t) => {
      await late;
      return cutOf(t);
    });
    text.moveFocusTo(0, false);
    caret.keyDown(keys('ArrowRight', { ctrlKey: true }));
    caret.keyDown(keys('ArrowRight', { ctrlKey: true }));
    caret.keyDown(keys('ArrowDown', { ctrlKey: true }));
    expect(text.focus).toBe(0);
    release();
    await caret.idle;
    // Two words (to 5), then the next paragraph's start.
    expect(text.focus).toBe(8);
  });

  it("leaves character steps to the browser, and word steps too when the core cannot cut", async () => {
    const { text, caret, onError } = setup(() => Promise.reject(new Error('no segmenter')));
    text.moveFocusTo(2, false);
    caret.keyDown(keys('ArrowRight'));
    caret.keyDown(keys('ArrowRight', { ctrlKey: true }));
    await caret.idle;
    expect(text.native).toEqual([
      { forward: true, unit: 'character', extend: false },
      { forward: true, unit: 'word', extend: false },
    ]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('starts again at the top of the view when the caret is out of sight', async () => {
    const { text, caret } = setup();
    text.moveFocusTo(0, false);
    text.scrollTop = 100; // paragraph 1 is above the view now
    caret.keyDown(keys('ArrowRight', { ctrlKey: true }));
    await caret.idle;
    expect(text.focus).toBe(12); // 文生视频 is one word
  });

  it('moves the focus with the caret and scrolls to keep it in sight', async () => {
    const { text, caret, onStep } = setup();
    text.viewHeight = 150;
    text.moveFocusTo(8, false);
    text.focusedParagraph = 1;
    caret.keyDown(keys('ArrowDown', { ctrlKey: true }));
    await caret.idle;
    expect(text.focus).toBe(13);
    expect(text.focusedParagraph).toBe(2);
    // Its line (200–220) ends 24px above the view's bottom after the scroll.
    expect(text.scrollTop).toBe(220 - 150 + 24);
    expect(onStep).toHaveBeenCalledTimes(1);
  });

  it('lets other keys pass and takes caret keys from the default action', () => {
    const { caret } = setup();
    const plain = keys('ArrowDown');
    expect(caret.keyDown(plain)).toBe(false);
    expect(plain.preventDefault).not.toHaveBeenCalled();
    const word = keys('ArrowRight', { ctrlKey: true });
    expect(caret.keyDown(word)).toBe(true);
    expect(word.preventDefault).toHaveBeenCalled();
  });

  it('draws the caret only while the keyboard works in the text and nothing is selected', () => {
    const { text, caret } = setup();
    text.moveFocusTo(3, false);
    caret.focusIn(false, () => 0, true);
    expect(caret.keyboardInText).toBe(false);
    expect(caret.box).toBeNull();
    caret.focusIn(true, () => 0, true);
    // Relative to the page (-50, -5): 3 code points in, on the first line.
    expect(caret.box).toEqual({ top: 5, left: 80, height: 20 });
    text.moveFocusTo(5, true);
    caret.refresh();
    expect(caret.box).toBeNull();
    caret.dropSelection();
    caret.refresh();
    expect(caret.box).toEqual({ top: 5, left: 100, height: 20 });
    caret.focusOut();
    expect(caret.box).toBeNull();
    expect(caret.keyboardInText).toBe(false);
  });

  it('puts the caret at the start of what Tab reached, unless the selection is already there', () => {
    const { text, caret } = setup();
    text.moveFocusTo(2, false);
    caret.focusIn(true, () => 8, false);
    expect(text.focus).toBe(8);
    caret.focusIn(true, () => 13, true);
    expect(text.focus).toBe(8);
    caret.focusIn(false, () => 13, false);
    expect(text.focus).toBe(8);
  });
});
