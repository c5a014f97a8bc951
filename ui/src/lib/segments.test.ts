import { describe, expect, it } from 'vitest';
import { buildSegments, segmentBackground, translucent, type Mark } from './segments';

const yellow: Mark = { id: 1, start: 2, end: 8, color: '#f5c400' };
const blue: Mark = { id: 2, start: 5, end: 12, color: '#3b82f6' };

function shape(segs: { start: number; end: number; marks: Mark[] }[]) {
  return segs.map((s) => [s.start, s.end, s.marks.map((m) => m.id)]);
}

describe('buildSegments', () => {
  it('leaves an unhighlighted paragraph whole', () => {
    expect(shape(buildSegments([{ start: 0, end: 10 }], [])[0])).toEqual([[0, 10, []]]);
  });

  it('splits overlapping highlights into single, double and single cover', () => {
    const [segs] = buildSegments([{ start: 0, end: 15 }], [yellow, blue]);
    expect(shape(segs)).toEqual([
      [0, 2, []],
      [2, 5, [1]],
      [5, 8, [1, 2]],
      [8, 12, [2]],
      [12, 15, []],
    ]);
  });

  it('covers each paragraph exactly, clipping a highlight that spans two', () => {
    const across: Mark = { id: 3, start: 4, end: 14, color: '#22c55e' };
    const [first, second] = buildSegments([{ start: 0, end: 9 }, { start: 10, end: 20 }], [across]);
    expect(shape(first)).toEqual([[0, 4, []], [4, 9, [3]]]);
    expect(shape(second)).toEqual([[10, 14, [3]], [14, 20, []]]);
  });

  it('nests a highlight inside another', () => {
    const outer: Mark = { id: 4, start: 0, end: 10, color: '#f00' };
    const inner: Mark = { id: 5, start: 3, end: 6, color: '#0f0' };
    const [segs] = buildSegments([{ start: 0, end: 10 }], [inner, outer]);
    expect(shape(segs)).toEqual([[0, 3, [4]], [3, 6, [4, 5]], [6, 10, [4]]]);
  });

  it('ignores empty highlights and those outside every paragraph', () => {
    const empty: Mark = { id: 6, start: 4, end: 4, color: '#000' };
    const beyond: Mark = { id: 7, start: 30, end: 40, color: '#000' };
    expect(shape(buildSegments([{ start: 0, end: 10 }], [empty, beyond])[0])).toEqual([[0, 10, []]]);
  });

  it('handles a thousand highlights quickly', () => {
    const marks: Mark[] = Array.from({ length: 1000 }, (_, i) => ({ id: i, start: i * 7, end: i * 7 + 12, color: '#f5c400' }));
    const paragraphs = Array.from({ length: 200 }, (_, i) => ({ start: i * 40, end: i * 40 + 39 }));
    const t0 = performance.now();
    const all = buildSegments(paragraphs, marks);
    expect(performance.now() - t0).toBeLessThan(50);
    // Every paragraph is covered without gaps.
    all.forEach((segs, i) => {
      expect(segs[0].start).toBe(paragraphs[i].start);
      expect(segs[segs.length - 1].end).toBe(paragraphs[i].end);
      for (let k = 1; k < segs.length; k++) expect(segs[k].start).toBe(segs[k - 1].end);
    });
  });
});

describe('painting', () => {
  it('turns hex colours into translucent rgba', () => {
    expect(translucent('#3b82f6', 0.3)).toBe('rgba(59, 130, 246, 0.3)');
    expect(translucent('#f00', 0.5)).toBe('rgba(255, 0, 0, 0.5)');
    expect(translucent('yellow', 0.3)).toBe('rgba(242, 194, 48, 0.3)');
    // Never an opaque layer, whatever the colour string.
    expect(translucent('hsl(10 50% 50%)', 0.3)).toBe('color-mix(in srgb, hsl(10 50% 50%) 30%, transparent)');
  });

  it('stacks one layer per covering highlight so overlaps are darker', () => {
    expect(segmentBackground([])).toBe('');
    const one = segmentBackground([yellow]);
    const two = segmentBackground([yellow, blue]);
    expect(one.match(/linear-gradient/g)).toHaveLength(1);
    expect(two.match(/linear-gradient/g)).toHaveLength(2);
    expect(two).toContain('rgba(59, 130, 246, 0.3)');
  });
});
