import type { Span } from '../../lib/segments';
import type { OffsetMap } from '../../lib/offsets';

/** Paragraph spans (code points) of an article's text, which separates them with one '\n'. */
export function paragraphSpans(map: OffsetMap): Span[] {
  const spans: Span[] = [];
  const text = map.text;
  let startU16 = 0;
  for (;;) {
    const nl = text.indexOf('\n', startU16);
    const endU16 = nl < 0 ? text.length : nl;
    spans.push({ start: map.toCodePoint(startU16), end: map.toCodePoint(endU16) });
    if (nl < 0) break;
    startU16 = nl + 1;
  }
  return spans;
}

/** The paragraph number (1-based) holding offset `cp`. */
export function paragraphNumberAt(spans: Span[], cp: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].start <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
