// Reading position as a fraction of the article counted in paragraphs, so it
// survives font-size changes and paragraphs whose layout is skipped off screen.

/** The index of the paragraph at the top of `scroller`'s viewport (possibly cut by it). */
export function paragraphAtTop(scroller: HTMLElement, text: HTMLElement): number {
  const paras = text.children;
  const top = scroller.getBoundingClientRect().top;
  let lo = 0;
  let hi = Math.max(0, paras.length - 1);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paras[mid].getBoundingClientRect().bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the top of `scroller`'s viewport is, from 0 (start) to 1 (end). */
export function readPosition(scroller: HTMLElement, text: HTMLElement): number {
  const paras = text.children;
  const count = paras.length;
  if (count === 0) return 0;
  if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) return 1;
  const top = scroller.getBoundingClientRect().top;
  const lo = paragraphAtTop(scroller, text);
  const r = paras[lo].getBoundingClientRect();
  const within = r.height > 0 ? Math.min(1, Math.max(0, (top - r.top) / r.height)) : 0;
  return Math.min(1, (lo + within) / count);
}

/** Scroll so the viewport starts where `position` says. */
export function restorePosition(scroller: HTMLElement, text: HTMLElement, position: number): void {
  const count = text.children.length;
  if (count === 0 || position <= 0) return;
  if (position >= 1) {
    scroller.scrollTop = scroller.scrollHeight;
    return;
  }
  const index = Math.min(count - 1, Math.floor(position * count));
  const para = text.children[index] as HTMLElement;
  para.scrollIntoView({ block: 'start' });
  scroller.scrollTop += (position * count - index) * para.getBoundingClientRect().height;
}
