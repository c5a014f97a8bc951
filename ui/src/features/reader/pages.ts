// Page marks of paged sources (PDF, EPUB with a page list): where each page
// begins, placed on the paragraphs the reader draws.
import type { Page } from '../../lib/api';
import type { Segment, Span } from '../../lib/segments';

export interface PageMark {
  /** Code point where the page begins. */
  start: number;
  label: string;
  /** True when the page begins with the paragraph (the mark goes in the margin only). */
  atParagraphStart: boolean;
}

/** Page marks per paragraph index. A page starting on a paragraph break belongs to the next paragraph. */
export function pageMarksByParagraph(spans: Span[], pages: Page[]): Map<number, PageMark[]> {
  const out = new Map<number, PageMark[]>();
  let i = 0;
  for (const page of [...pages].sort((a, b) => a.start - b.start)) {
    while (i + 1 < spans.length && spans[i + 1].start <= page.start) i++;
    let p = i;
    if (page.start >= spans[p].end && p + 1 < spans.length && spans[p].end > spans[p].start) p++;
    const start = Math.max(page.start, spans[p].start);
    const list = out.get(p) ?? [];
    list.push({ start, label: page.label, atParagraphStart: start === spans[p].start });
    out.set(p, list);
  }
  return out;
}

/** Cut a paragraph's segments at its page starts, so each mark falls between two segments. */
export function cutAtPages(segments: Segment[], marks: PageMark[] | undefined): Segment[] {
  if (!marks?.length) return segments;
  const cuts = marks.filter((m) => !m.atParagraphStart).map((m) => m.start);
  if (!cuts.length) return segments;
  const out: Segment[] = [];
  for (const seg of segments) {
    let from = seg.start;
    for (const c of cuts) {
      if (c > from && c < seg.end) {
        out.push({ start: from, end: c, marks: seg.marks });
        from = c;
      }
    }
    out.push({ start: from, end: seg.end, marks: seg.marks });
  }
  return out;
}

/** The page a reader asks for: by its printed label first, else by its physical number. */
export function findPage(pages: Page[], wanted: string): Page | null {
  const w = wanted.trim();
  if (!w) return null;
  return pages.find((p) => p.label === w) ?? pages.find((p) => String(p.n) === w) ?? null;
}

/** The page holding offset `cp` (the last page starting at or before it). */
export function pageAt(pages: Page[], cp: number): Page | null {
  let found: Page | null = null;
  for (const p of pages) {
    if (p.start <= cp) found = p;
    else break;
  }
  return found;
}

function labelAt(pages: Page[], cp: number): string | null {
  return pageAt(pages, cp)?.label ?? null;
}

/** A passage's page locator for citing it: its page's label, or `12-13` when it spans pages; null without pages. */
export function pageLocator(pages: Page[], start: number, end: number): string | null {
  const first = labelAt(pages, start);
  if (first === null) return null;
  const last = labelAt(pages, Math.max(start, end - 1));
  return last && last !== first ? `${first}-${last}` : first;
}
