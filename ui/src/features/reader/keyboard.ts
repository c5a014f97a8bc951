// Selecting text without a mouse. The caret is the DOM selection itself, so the
// mouse and the keyboard work on one selection; the reader moves it with these
// steps. Word steps follow jieba's cut of the paragraph — the same words a
// double-click takes — rather than the browser's own word breaking.
import type { Span } from '../../lib/segments';

export type Unit = 'character' | 'word' | 'line' | 'paragraph';

/** A caret key: which way, how far, and whether it extends the selection. */
export interface Step {
  forward: boolean;
  unit: Unit;
  extend: boolean;
}

type Keys = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>;

/** Words and paragraphs go with Option on a Mac and Ctrl elsewhere (where Alt+← is the browser's Back). */
export const onMac = typeof navigator !== 'undefined' && /Macintosh|Mac OS X/.test(navigator.userAgent);
export const FAR_KEY = onMac ? '⌥' : 'Ctrl';

/** The step a key press asks for, or null when it is not a caret key (plain ↑/↓ keep scrolling). */
export function stepFor(e: Keys, mac = onMac): Step | null {
  // Other modifiers belong to the system and the browser (Alt+← goes Back).
  if (e.metaKey || (mac ? e.ctrlKey : e.altKey)) return null;
  const far = mac ? e.altKey : e.ctrlKey;
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowRight':
      return { forward: e.key === 'ArrowRight', unit: far ? 'word' : 'character', extend: e.shiftKey };
    case 'ArrowUp':
    case 'ArrowDown':
      if (far) return { forward: e.key === 'ArrowDown', unit: 'paragraph', extend: e.shiftKey };
      return e.shiftKey ? { forward: e.key === 'ArrowDown', unit: 'line', extend: true } : null;
  }
  return null;
}

/** A word as jieba cuts it, in article offsets (code points). */
export interface Word extends Span {
  text: string;
}

/**
 * Where a word step from `cp` lands among one paragraph's `words`: the end of the
 * word at or after `cp` going forward, the start of the word before it going back.
 * Spaces are passed over, not stopped at. Null when no word is left that way.
 */
export function wordEdge(words: Word[], cp: number, forward: boolean): number | null {
  if (forward) {
    for (const w of words) if (w.end > cp && w.text.trim()) return w.end;
  } else {
    for (let i = words.length - 1; i >= 0; i--) if (words[i].start < cp && words[i].text.trim()) return words[i].start;
  }
  return null;
}

/**
 * Where a paragraph step from `cp` lands (`i` is the paragraph holding it): moving
 * goes to the start of the next or this/previous paragraph, as in a word processor;
 * extending forward stops at the end of the paragraph first.
 */
export function paragraphEdge(spans: Span[], i: number, cp: number, forward: boolean, extend: boolean): number {
  const here = spans[i];
  if (forward) {
    if (extend && cp < here.end) return here.end;
    const next = spans[i + 1];
    if (!next) return here.end;
    return extend ? next.end : next.start;
  }
  if (cp > here.start) return here.start;
  return spans[i - 1]?.start ?? here.start;
}

/**
 * jieba's words of a paragraph, asked for once per paragraph. `cut` gives offsets
 * from the start of the text it is given; null when the core cannot cut (then the
 * browser's word steps stand in).
 */
export function paragraphWords(cut: (text: string) => Promise<Word[]>): (span: Span, text: string) => Promise<Word[] | null> {
  const cache = new Map<number, Promise<Word[] | null>>();
  return (span, text) => {
    let words = cache.get(span.start);
    if (!words) {
      words = cut(text).then(
        (ws) => ws.map((w) => ({ start: span.start + w.start, end: span.start + w.end, text: w.text })),
        () => null,
      );
      cache.set(span.start, words);
    }
    return words;
  };
}
