// The reader's caret and keyboard selection. The caret is the browser's own
// (collapsed) selection, so the mouse and the keyboard work on one selection;
// this class moves it with the steps of keyboard.ts and draws it while the
// keyboard works in the text, since browsers draw none outside editable text.
// The page is reached only through a `CaretSurface` (textSurface.ts in the
// reader, a fake in the tests), in article offsets (code points).
import type { Span } from '../../lib/segments';
import { paragraphNumberAt } from './paragraphs';
import { paragraphEdge, paragraphWords, stepFor, wordEdge, type Step, type Word } from './keyboard';

/** A box on screen (the parts of a DOMRect the caret needs). */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  height: number;
}

/** The selection and layout of the reader's text, as the caret engine sees them. */
export interface CaretSurface {
  /** The selection's moving end, when it is in the text. */
  focusOffset(): number | null;
  isCollapsed(): boolean;
  /** Where the moving end is on screen; null when it has no box. */
  focusBox(): Box | null;
  /** The visible part of the scrolling text, and the page the caret is drawn on. */
  viewBox(): Box | null;
  pageBox(): Box | null;
  /** Where the first paragraph in view starts. */
  paragraphInViewStart(): number | null;
  /** Put the moving end at `cp`: as a caret, or extending the selection. */
  moveFocusTo(cp: number, extend: boolean): void;
  /** The browser's own step (characters, lines, and words when the core cannot cut). */
  nativeStep(step: Step): void;
  /** Give the focus to the paragraph holding `cp`; false when it already holds it. */
  focusParagraph(cp: number): boolean;
  scrollBy(dy: number): void;
  /** Drop the selection, leaving the caret at its moving end. */
  collapseToFocus(): void;
}

export interface CaretOptions {
  surface: CaretSurface;
  /** The text's paragraphs, and a slice of its text, in code points. */
  spans: () => Span[];
  slice: (start: number, end: number) => string;
  /** jieba's words of a paragraph's text (offsets from its start). */
  cut: (text: string) => Promise<Word[]>;
  /** After each step (an open toolbar follows the selection). */
  onStep?: () => void;
  onError?: (err: unknown) => void;
}

/** Keep the caret this far inside the view when a step scrolls to it. */
const MARGIN = 24;

export class TextCaret {
  #o: CaretOptions;
  #wordsOf: (span: Span, text: string) => Promise<Word[] | null>;
  #keyboardInText = $state(false);
  #box = $state<{ top: number; left: number; height: number } | null>(null);
  #stepping: Promise<void> = Promise.resolve();

  constructor(options: CaretOptions) {
    this.#o = options;
    this.#wordsOf = paragraphWords(options.cut);
  }

  /** The keyboard works in the text: the key hint shows and the caret is drawn. */
  get keyboardInText(): boolean {
    return this.#keyboardInText;
  }

  /** Where to draw the caret, relative to the page; null when none is drawn. */
  get box(): { top: number; left: number; height: number } | null {
    return this.#box;
  }

  /** Settles once every step asked for so far has been taken. */
  get idle(): Promise<void> {
    return this.#stepping;
  }

  /** A key pressed in the text: a caret key is taken (in turn) and true returned. */
  keyDown(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'preventDefault'>): boolean {
    const step = stepFor(e);
    if (!step) return false;
    e.preventDefault();
    this.#keyboardInText = true;
    // One step after another, even while a paragraph's words are on their way.
    this.#stepping = this.#stepping.then(() => this.#take(step)).catch((err) => this.#o.onError?.(err));
    return true;
  }

  /**
   * Something in the text took the focus. From the keyboard, a caret not already
   * in it moves to its start (`start`); a selection in progress stays.
   */
  focusIn(byKeyboard: boolean, start: () => number | null, holdsSelection: boolean) {
    const s = this.#o.surface;
    this.#keyboardInText = byKeyboard;
    if (byKeyboard && s.isCollapsed() && !holdsSelection) {
      const at = start();
      if (at !== null) s.moveFocusTo(at, false);
    }
    this.refresh();
  }

  /** The focus left the text. */
  focusOut() {
    this.#keyboardInText = false;
    this.#box = null;
  }

  /** Escape: the selection goes, the caret stays at its moving end. */
  dropSelection() {
    this.#o.surface.collapseToFocus();
  }

  /** Redraw the caret where the selection now is (after any selection change). */
  refresh() {
    const s = this.#o.surface;
    const at = this.#keyboardInText && s.isCollapsed() && s.focusOffset() !== null ? s.focusBox() : null;
    const page = s.pageBox();
    this.#box = at && page ? { top: at.top - page.top, left: at.left - page.left, height: at.height } : null;
  }

  async #take(step: Step) {
    const { surface: s, spans: spansOf, slice } = this.#o;
    const spans = spansOf();
    const view = s.viewBox();
    if (!spans.length || !view) return;
    let at = s.focusOffset();
    const rect = s.focusBox();
    // No caret yet, or one left out of sight: start again at the top of what is in view.
    if (at === null || (s.isCollapsed() && (!rect || rect.bottom < view.top || rect.top > view.bottom))) {
      at = s.paragraphInViewStart();
      if (at === null) return;
      s.moveFocusTo(at, false);
    }
    const i = paragraphNumberAt(spans, at) - 1;
    let to: number | null = null;
    if (step.unit === 'paragraph') {
      to = paragraphEdge(spans, i, at, step.forward, step.extend);
    } else if (step.unit === 'word') {
      const words = await this.#wordsOf(spans[i], slice(spans[i].start, spans[i].end));
      // Past the last word of a paragraph, the next step crosses into the neighbouring one.
      if (words) to = wordEdge(words, at, step.forward) ?? (step.forward ? (spans[i + 1]?.start ?? spans[i].end) : (spans[i - 1]?.end ?? spans[i].start));
    }
    if (to !== null) s.moveFocusTo(to, step.extend);
    else s.nativeStep(step);

    // The focus follows the caret into its paragraph, and the caret stays in sight.
    const now = s.focusOffset();
    if (now !== null && s.focusParagraph(now)) this.#keyboardInText = true;
    const moved = s.focusBox();
    if (moved && moved.top < view.top + MARGIN) s.scrollBy(moved.top - view.top - MARGIN);
    else if (moved && moved.bottom > view.bottom - MARGIN) s.scrollBy(moved.bottom - view.bottom + MARGIN);
    this.#o.onStep?.();
    this.refresh();
  }
}
