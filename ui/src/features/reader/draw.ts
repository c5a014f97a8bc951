// Draw the article text with its highlights straight into the DOM.
//
// A long article with a thousand highlights is a few thousand spans; building
// them with plain DOM calls (text always as text nodes, never HTML) is several
// times faster than a component per segment, and only paragraphs whose
// highlights changed are rebuilt after an edit.
import type { OffsetMap } from '../../lib/offsets';
import { segmentBackground, type Segment, type Span } from '../../lib/segments';
import { cutAtPages, type PageMark } from './pages';

export interface DrawInput {
  map: OffsetMap;
  spans: Span[];
  segments: Segment[][];
  headings: Set<number>;
  /** Id of the element that tells how to select with the keyboard (each paragraph is described by it). */
  keysHint?: string;
  /** Page marks by paragraph index (paged sources), and the words a mark is read as ("第 12 页"). */
  pages?: Map<number, PageMark[]>;
  pageName?: (label: string) => string;
}

/**
 * A page mark: an empty element (its label is drawn by CSS from data-page, so
 * the text and its offsets stay as they are), a thin rule where a page begins
 * inside a paragraph and the label in the margin.
 */
function pageMark(input: DrawInput, mark: PageMark): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = mark.atParagraphStart ? 'page-mark at-start' : 'page-mark';
  el.dataset.page = mark.label;
  el.dataset.start = String(mark.start);
  el.setAttribute('role', 'note');
  el.setAttribute('aria-label', input.pageName ? input.pageName(mark.label) : mark.label);
  return el;
}

const drawnKey = new WeakMap<HTMLElement, string>();

function signature(segs: Segment[]): string {
  let s = '';
  for (const seg of segs) {
    s += `${seg.start}-${seg.end}`;
    for (const m of seg.marks) s += `:${m.id}${m.color}`;
    s += '|';
  }
  return s;
}

function paragraph(input: DrawInput, i: number): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = input.headings.has(i) ? 'para heading' : 'para';
  p.dataset.n = String(i + 1);
  p.id = `p${i + 1}`;
  // Focusable for selecting with the keyboard; the reader makes one of them the Tab stop.
  p.tabIndex = -1;
  if (input.keysHint) p.setAttribute('aria-describedby', input.keysHint);
  const marks = input.pages?.get(i);
  if (marks) p.classList.add('page-start');
  for (const m of marks?.filter((m) => m.atParagraphStart) ?? []) p.append(pageMark(input, m));
  for (const seg of cutAtPages(input.segments[i], marks)) {
    for (const m of marks ?? []) if (!m.atParagraphStart && m.start === seg.start) p.append(pageMark(input, m));
    const span = document.createElement('span');
    span.dataset.start = String(seg.start);
    span.textContent = input.map.slice(seg.start, seg.end);
    if (seg.marks.length) {
      span.className = seg.marks.length > 1 ? 'hl overlap' : 'hl';
      span.dataset.ids = seg.marks.map((m) => m.id).join(' ');
      span.style.backgroundImage = segmentBackground(seg.marks);
      span.tabIndex = 0;
      span.setAttribute('role', 'button');
    }
    p.append(span);
  }
  drawnKey.set(p, signature(input.segments[i]));
  return p;
}

/** Make `root` show the text: a full build the first time, then only changed paragraphs. */
export function drawText(root: HTMLElement, input: DrawInput): void {
  const existing = root.children;
  if (existing.length !== input.spans.length) {
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < input.spans.length; i++) fragment.append(paragraph(input, i));
    root.replaceChildren(fragment);
    return;
  }
  for (let i = 0; i < input.spans.length; i++) {
    const current = existing[i] as HTMLElement;
    if (drawnKey.get(current) === signature(input.segments[i])) continue;
    // The new paragraph keeps the Tab stop and the keyboard focus the old one had.
    const fresh = paragraph(input, i);
    fresh.tabIndex = current.tabIndex;
    const focused = current.contains(document.activeElement);
    current.replaceWith(fresh);
    if (focused) fresh.focus({ preventScroll: true });
  }
}
