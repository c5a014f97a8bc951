// The reader's text as the caret engine sees it (caret.svelte.ts): the browser's
// selection and layout, turned into article offsets. Paragraphs take the focus;
// the one in view is the text's single Tab stop.
import type { Span } from '../../lib/segments';
import { domPointToOffset, offsetToDomPoint } from '../../lib/offsets';
import { paragraphNumberAt } from './paragraphs';
import { paragraphAtTop } from './position';
import type { Box, CaretSurface } from './caret.svelte';
import type { Step } from './keyboard';

interface Elements {
  text?: HTMLElement;
  scroll?: HTMLElement;
  page?: HTMLElement;
  spans: Span[];
}

export class TextSurface implements CaretSurface {
  #el: () => Elements;

  constructor(elements: () => Elements) {
    this.#el = elements;
  }

  /** Make `p` the text's one Tab stop. */
  setTabStop(p: HTMLElement | null) {
    const text = this.#el().text;
    if (!p || !text) return;
    for (const q of text.querySelectorAll<HTMLElement>('.para[tabindex="0"]')) if (q !== p) q.tabIndex = -1;
    p.tabIndex = 0;
  }

  /** Give the Tab stop to the first paragraph when none has it (after a redraw). */
  ensureTabStop() {
    const text = this.#el().text;
    if (text && !text.querySelector('.para[tabindex="0"]')) this.setTabStop(text.firstElementChild as HTMLElement | null);
  }

  paragraphAt(cp: number): HTMLElement | null {
    const { text, spans } = this.#el();
    return (text?.children[paragraphNumberAt(spans, cp) - 1] as HTMLElement | undefined) ?? null;
  }

  /** The first paragraph that starts in view (or the one filling the view). */
  paragraphInView(): HTMLElement | null {
    const { text, scroll } = this.#el();
    if (!scroll || !text?.children.length) return null;
    const p = text.children[paragraphAtTop(scroll, text)] as HTMLElement;
    const next = p.nextElementSibling;
    const view = scroll.getBoundingClientRect();
    return p.getBoundingClientRect().top < view.top - 1 && next && next.getBoundingClientRect().top < view.bottom ? (next as HTMLElement) : p;
  }

  /**
   * An element of the text took the focus: its paragraph becomes the Tab stop.
   * Says whether the keyboard moved it there, where it starts, and whether the
   * selection's moving end is already inside it.
   */
  entered(el: HTMLElement): { byKeyboard: boolean; start: () => number | null; holdsSelection: boolean } {
    const para = el.closest<HTMLElement>('.para');
    if (para) this.setTabStop(para);
    const text = this.#el().text;
    const focus = getSelection()?.focusNode;
    return {
      byKeyboard: el.matches(':focus-visible'),
      start: () => (text ? domPointToOffset(text, el, 0) : null),
      holdsSelection: !!focus && el.contains(focus),
    };
  }

  contains(node: Node | null): boolean {
    return !!node && !!this.#el().text?.contains(node);
  }

  focusOffset(): number | null {
    const text = this.#el().text;
    const sel = getSelection();
    if (!text || !sel?.focusNode || !text.contains(sel.focusNode)) return null;
    return domPointToOffset(text, sel.focusNode, sel.focusOffset);
  }

  isCollapsed(): boolean {
    return getSelection()?.isCollapsed ?? true;
  }

  focusBox(): Box | null {
    const sel = getSelection();
    if (!sel?.focusNode) return null;
    const r = document.createRange();
    r.setStart(sel.focusNode, sel.focusOffset);
    const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
    return rect.height ? rect : null;
  }

  viewBox(): Box | null {
    return this.#el().scroll?.getBoundingClientRect() ?? null;
  }

  pageBox(): Box | null {
    return this.#el().page?.getBoundingClientRect() ?? null;
  }

  paragraphInViewStart(): number | null {
    const text = this.#el().text;
    const para = this.paragraphInView();
    return text && para ? domPointToOffset(text, para, 0) : null;
  }

  moveFocusTo(cp: number, extend: boolean) {
    const text = this.#el().text;
    const sel = getSelection();
    const point = text && offsetToDomPoint(text, cp);
    if (!sel || !point) return;
    if (extend && sel.rangeCount) sel.extend(point.node, point.offset);
    else sel.collapse(point.node, point.offset);
  }

  nativeStep(step: Step) {
    getSelection()?.modify(step.extend ? 'extend' : 'move', step.forward ? 'forward' : 'backward', step.unit);
  }

  focusParagraph(cp: number): boolean {
    const para = this.paragraphAt(cp);
    if (!para || para.contains(document.activeElement)) return false;
    para.focus({ preventScroll: true });
    return true;
  }

  scrollBy(dy: number) {
    const scroll = this.#el().scroll;
    if (scroll) scroll.scrollTop += dy;
  }

  collapseToFocus() {
    const sel = getSelection();
    if (sel?.focusNode && !sel.isCollapsed) sel.collapse(sel.focusNode, sel.focusOffset);
  }
}
