// The one place where the DOM's UTF-16 positions meet the core's code-point offsets.
//
// The core counts Unicode code points (a character outside the BMP such as 𠮷 or
// an emoji is ONE); the DOM and JavaScript strings count UTF-16 units (those are
// TWO). Combining marks are separate code points in both, so they need no care.

/** A table from code-point offset to UTF-16 offset for one string, built once. */
export class OffsetMap {
  /** utf16At[cp] = UTF-16 offset of code point `cp`; one extra entry for the end. */
  private readonly utf16At: Uint32Array;
  readonly length: number;

  constructor(readonly text: string) {
    const table = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      table[cp++] = i;
      if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        i++;
      }
    }
    table[cp] = text.length;
    this.utf16At = table.subarray(0, cp + 1);
    this.length = cp;
  }

  /** UTF-16 offset of code point `cp` (clamped to the text). */
  toUtf16(cp: number): number {
    return this.utf16At[Math.max(0, Math.min(cp, this.length))];
  }

  /** Code-point offset of UTF-16 offset `u` (a position inside a pair rounds down). */
  toCodePoint(u: number): number {
    const table = this.utf16At;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (table[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Code points in `s[0..utf16Offset]`, a pair split in the middle counting as before it. */
export function utf16ToCodePoint(s: string, utf16Offset: number): number {
  let cp = 0;
  const end = Math.min(utf16Offset, s.length);
  for (let i = 0; i < end; i++) {
    if (isHighSurrogate(s.charCodeAt(i)) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      if (i + 1 >= end) break;
      i++;
    }
    cp++;
  }
  return cp;
}

/** UTF-16 offset of code point `cp` in `s` (clamped to the end). */
export function codePointToUtf16(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    i += isHighSurrogate(s.charCodeAt(i)) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** Number of code points in `s`. */
export function codePointLength(s: string): number {
  return utf16ToCodePoint(s, s.length);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The article offset of a DOM position inside the reader. Every text-bearing
 * element carries `data-start` (its first code point in the article); the text
 * before the position inside that element is counted in code points.
 * Returns null for positions outside the article text (margins, numbers).
 */
export function domPointToOffset(root: Element, node: Node, offset: number): number | null {
  // A position between children of an element: use the child's edge.
  if (node.nodeType === Node.ELEMENT_NODE) {
    const el = node as Element;
    if (offset < el.childNodes.length) {
      return firstOffsetIn(root, el.childNodes[offset]);
    }
    return lastOffsetIn(root, el);
  }
  const host = node.parentElement?.closest<HTMLElement>('[data-start]');
  if (!host || !root.contains(host)) return null;
  const base = Number(host.dataset.start);
  // Count the text of the host that comes before this node, then within it.
  let before = '';
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t && t !== node; t = walker.nextNode()) before += t.nodeValue ?? '';
  return base + codePointLength(before) + utf16ToCodePoint(node.nodeValue ?? '', offset);
}

function firstOffsetIn(root: Element, node: Node): number | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as HTMLElement) : node.parentElement;
  const host = el?.matches('[data-start]') ? el : el?.querySelector<HTMLElement>('[data-start]') ?? el?.closest<HTMLElement>('[data-start]');
  if (!host || !root.contains(host)) return null;
  return Number((host as HTMLElement).dataset.start);
}

function lastOffsetIn(root: Element, el: Element): number | null {
  const hosts = el.querySelectorAll<HTMLElement>('[data-start]');
  const host = hosts.length ? hosts[hosts.length - 1] : el.closest<HTMLElement>('[data-start]');
  if (!host || !root.contains(host)) return null;
  return Number(host.dataset.start) + codePointLength(host.textContent ?? '');
}

/**
 * The DOM position of article offset `cp` inside the reader: the last element
 * with `data-start <= cp` (they are in text order) and the UTF-16 offset within
 * its text. Null when the reader holds no text there.
 */
export function offsetToDomPoint(root: Element, cp: number): { node: Node; offset: number } | null {
  const hosts = root.querySelectorAll<HTMLElement>('[data-start]');
  let lo = 0;
  let hi = hosts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (Number(hosts[mid].dataset.start) <= cp) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const host = hosts[found];
  let rest = cp - Number(host.dataset.start);
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const len = codePointLength(n.data);
    if (rest <= len) return { node: n, offset: codePointToUtf16(n.data, rest) };
    rest -= len;
    last = n;
  }
  return last ? { node: last, offset: last.data.length } : { node: host, offset: 0 };
}

/** A DOM Range over article offsets [start, end) in the reader. */
export function rangeForOffsets(root: Element, start: number, end: number): Range | null {
  const a = offsetToDomPoint(root, start);
  const b = offsetToDomPoint(root, end);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
