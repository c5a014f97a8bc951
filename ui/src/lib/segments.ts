// Drawing highlights: split the text at every highlight boundary so each piece
// ("segment") is covered by a fixed set of highlights, then paint a segment
// with the first highlight's tint and a coloured band for each further one.

export interface Mark {
  id: number;
  start: number;
  end: number;
  color: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Segment extends Span {
  /** Highlights covering this piece, the earliest-starting first. */
  marks: Mark[];
}

/**
 * Segments for every range in `ranges` (paragraphs, in text order), covering each
 * range exactly. Zero-length highlights draw nothing.
 */
export function buildSegments(ranges: Span[], marks: Mark[]): Segment[][] {
  const sorted = marks.filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[][] = [];
  let next = 0; // first highlight in `sorted` not yet considered
  let active: Mark[] = []; // highlights that may still cover text
  for (const range of ranges) {
    active = active.filter((m) => m.end > range.start);
    while (next < sorted.length && sorted[next].start < range.end) {
      if (sorted[next].end > range.start) active.push(sorted[next]);
      next++;
    }
    out.push(splitRange(range, active));
  }
  return out;
}

function splitRange(range: Span, candidates: Mark[]): Segment[] {
  const inside = candidates.filter((m) => m.start < range.end && m.end > range.start);
  if (inside.length === 0) return [{ start: range.start, end: range.end, marks: [] }];
  const cuts = new Set<number>([range.start, range.end]);
  for (const m of inside) {
    if (m.start > range.start) cuts.add(m.start);
    if (m.end < range.end) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    segments.push({ start, end, marks: inside.filter((m) => m.start <= start && m.end >= end) });
  }
  return segments;
}

/** Colour names the core accepts, as the soft tones the reader draws them in. */
const NAMED: Record<string, string> = {
  yellow: '#f2c230', green: '#5bb974', blue: '#5a9bef', pink: '#ec7fa4', purple: '#a98be0',
  red: '#e0605a', orange: '#ee9a3a', gray: '#9a9a9a', grey: '#9a9a9a', teal: '#3fb4ae',
};

/** `#rrggbb`, `#rgb` or a named colour as `rgba(r, g, b, alpha)`; anything else is mixed with transparency. */
export function translucent(color: string, alpha: number): string {
  const named = NAMED[color.trim().toLowerCase()];
  let hex = (named ?? color).trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join('');
  if (!/^[0-9a-f]{6}$/i.test(hex)) return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
  const n = parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A colour usable as an opaque CSS colour (named core colours mapped to the palette). */
export function solid(color: string): string {
  return NAMED[color.trim().toLowerCase()] ?? color;
}

/** Height of the band that shows each highlight beyond the first on an overlap. */
export const BAND_EM = 0.2;

/**
 * A CSS `background-image` for a segment: the first (earliest) highlight as a
 * translucent fill, every further one as a band of its own colour along the
 * bottom. Two translucent fills would blend (green over pink comes out grey);
 * a band keeps each colour as it is, so overlapping themes stay apart.
 */
export function segmentBackground(marks: Mark[], alpha = 0.3): string {
  if (marks.length === 0) return '';
  const [first, ...rest] = marks;
  const fill = translucent(first.color, alpha);
  // Listed first = painted on top: the bands lie over the fill.
  const bands = rest.map((m, i) => {
    const c = translucent(m.color, 0.9);
    const from = `${+(i * BAND_EM).toFixed(2)}em`;
    const to = `${+((i + 1) * BAND_EM).toFixed(2)}em`;
    return `linear-gradient(to top, transparent ${from}, ${c} ${from}, ${c} ${to}, transparent ${to})`;
  });
  return [...bands, `linear-gradient(${fill}, ${fill})`].join(', ');
}
